package driver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const nginxConf = "events {}\nhttp {\n    server {\n        listen 443 ssl;\n        ssl_certificate /etc/ssl/a.pem;\n        ssl_certificate_key /etc/ssl/a.key;\n    }\n}\n"

const tmsh = "ltm virtual /Common/vs {\n    destination /Common/192.0.2.1:443\n    ip-protocol tcp\n}\n"

const as3 = `{"class": "ADC", "schemaVersion": "3.50.0", "T": {"class": "Tenant", "A": {"class": "Application",
  "svc": {"class": "Service_HTTP", "virtualAddresses": ["192.0.2.2"], "virtualPort": 443}}}}`

// TestDetect: the format comes from the content (CLI.md), every input of a
// run lands in one model, and display names are relative to the cwd.
func TestDetect(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "ngx/nginx.conf", nginxConf)
	write(t, dir, "f5/bigip.conf", tmsh)
	write(t, dir, "decl.txt", as3)
	write(t, dir, "list.out", tmsh)
	res, err := Lint([]string{"ngx", "f5", "decl.txt", "list.out"}, &Options{Cwd: dir, NoCerts: true, Target: target()})
	if err != nil {
		t.Fatal(err)
	}
	byProduct := map[lint.Product]int{}
	for _, l := range res.Model.Listeners {
		byProduct[l.Product]++
	}
	if byProduct[lint.Nginx] != 1 || byProduct[lint.BigIP] != 2 || byProduct[lint.AS3] != 1 {
		t.Errorf("listeners by product = %v, want nginx 1, bigip 2 (a directory and tmsh list output), as3 1", byProduct)
	}
	for _, name := range []string{"ngx/nginx.conf", "f5/bigip.conf", "decl.txt", "list.out"} {
		if res.Model.Source(name) == nil {
			t.Errorf("no source %q (display names are relative to the cwd)", name)
		}
	}
	if res.Offers == nil || res.Offers.Model() != res.Model {
		t.Error("the result's offer book is not the run's")
	}
	// without the book in the result, the rules make their own: the same findings
	alone, err := Lint([]string{"ngx", "f5", "decl.txt", "list.out"}, &Options{Cwd: dir, NoCerts: true, Target: target(), NoOffers: true})
	if err != nil {
		t.Fatal(err)
	}
	if alone.Offers != nil || len(alone.Findings) != len(res.Findings) || len(res.Findings) == 0 {
		t.Errorf("NoOffers: book %v, %d findings, want none and %d", alone.Offers, len(alone.Findings), len(res.Findings))
	}
	for i := range alone.Findings {
		if i < len(res.Findings) && alone.Findings[i].Message != res.Findings[i].Message {
			t.Errorf("NoOffers: finding %d is %q, want %q", i, alone.Findings[i].Message, res.Findings[i].Message)
		}
	}
}

func TestTypeAndErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "x.conf", tmsh)
	// --type nginx reads tmsh text as nginx: it does not parse
	res, err := Lint([]string{"x.conf"}, &Options{Cwd: dir, NoCerts: true, Type: "nginx", Target: target()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Model.Listeners) != 0 || !hasRule(res.Findings, lint.ParseErrorRule) {
		t.Errorf("--type nginx on tmsh: listeners %d, findings %v", len(res.Model.Listeners), res.Findings)
	}
	if _, err := Lint([]string{"nope"}, &Options{Cwd: dir, NoCerts: true}); err == nil || !strings.Contains(err.Error(), "nope: no such file or directory") {
		t.Errorf("missing path: %v", err)
	}
	if _, err := Lint([]string{dir}, &Options{Cwd: dir, NoCerts: true}); err == nil || !strings.Contains(err.Error(), "a directory without nginx.conf or bigip.conf") {
		t.Errorf("empty directory: %v", err)
	}
}

func TestStdin(t *testing.T) {
	dir := t.TempDir()
	res, err := Lint([]string{"-"}, &Options{Cwd: dir, NoCerts: true, Stdin: strings.NewReader(tmsh), StdinName: "rendered.conf", Target: target()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Model.Listeners) != 1 || res.Model.Listeners[0].Product != lint.BigIP {
		t.Errorf("stdin tmsh: %d listeners", len(res.Model.Listeners))
	}
	if _, err := Lint([]string{"-"}, &Options{Cwd: dir, NoCerts: true}); err == nil {
		t.Error("'-' without standard input must be an error")
	}
}

// panicky is a format whose loader crashes: the driver recovers it into a
// TL004 naming the input, and the other inputs are still linted.
type panicky struct{}

func (panicky) LoadPath(string) error         { panic("boom") }
func (panicky) LoadData(string, []byte) error { panic("boom") }
func (panicky) Finish()                       {}

func TestLoaderPanic(t *testing.T) {
	lint.RegisterFormat(&lint.Format{Name: "panic-test", Order: -1,
		Detect:    func(head []byte) bool { return strings.HasPrefix(string(head), "#PANIC-TEST") },
		NewLoader: func(*lint.Model, *lint.LoadOptions) lint.Loader { return panicky{} }})
	dir := t.TempDir()
	write(t, dir, "crash.conf", "#PANIC-TEST\n")
	write(t, dir, "nginx.conf", nginxConf)
	res, err := Lint([]string{"crash.conf", "nginx.conf"}, &Options{Cwd: dir, NoCerts: true, Target: target()})
	if err != nil {
		t.Fatal(err)
	}
	var crash *lint.Finding
	for i, f := range res.Findings {
		if f.Rule == lint.InternalErrorRule {
			crash = &res.Findings[i]
		}
	}
	if crash == nil || !strings.Contains(crash.Message, "loading crash.conf crashed: boom") {
		t.Fatalf("no TL004 for the crashed loader: %v", res.Findings)
	}
	if ja := crash.Msg.In(lint.Japanese); ja != "crash.conf の読み込みがクラッシュしました: boom。この入力を添えてバグとして報告してください" {
		t.Errorf("TL004 in Japanese: %q", ja)
	}
	if strings.Contains(crash.Detail, "goroutine") || strings.Contains(crash.Detail, "\n") {
		t.Errorf("TL004 must name the site, not print a stack trace: %q", crash.Detail)
	}
	if len(res.Model.Listeners) != 1 {
		t.Errorf("the other input was not linted: %d listeners", len(res.Model.Listeners))
	}
}

func target() *lint.Target {
	t := lint.DefaultTarget()
	return t
}

func hasRule(fs []lint.Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule {
			return true
		}
	}
	return false
}
