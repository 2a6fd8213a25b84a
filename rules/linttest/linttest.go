// Package linttest runs a rule over small configuration files whose
// expectations are written next to the lines they are about, in the style
// of x/tools' analysistest:
//
//	proxy_pass https://b:80;  # want TL101
//
// Every `*.conf` (nginx), `*.tmsh` (BIG-IP bigip.conf / tmsh list output)
// and `*.json` (AS3 declaration) file directly in rules/testdata/<ID>/ is
// linted as a root (files in subdirectories are reached by include only).
// A comment line of its own, `# want TL201`, expects the finding on the next
// line that is not a comment (tmsh values cannot carry trailing comments);
// JSON has no comments: `X.json.want` lists "LINE TLxxx" pairs. A file
// named ok_* must produce no finding of the rule. A first-line comment
// `# args: nginx-version=1.22 openssl=3.0@1 clients=old now=2026-01-02T00:00:00Z`
// sets the target for that case.
package linttest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
	"github.com/tlslint/tlslint/lint/tls"
	"github.com/tlslint/tlslint/parsers/as3"
	"github.com/tlslint/tlslint/parsers/bigip"
	"github.com/tlslint/tlslint/parsers/nginx"
)

var wantRE = regexp.MustCompile(`#\s*want\s+((?:TL\d{3}\s*)+)`)

// Case is one loaded input: the model and the findings of the rule.
type Case struct {
	Model    *lint.Model
	Findings []lint.Finding
	Target   *lint.Target
}

// Now is the fixed clock of rule tests.
var Now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// Run checks every case of a rule.
func Run(t *testing.T, ruleID string) {
	t.Helper()
	dir := filepath.Join("testdata", ruleID)
	var files []string
	for _, ext := range []string{"*.conf", "*.tmsh", "*.json"} {
		fs, _ := filepath.Glob(filepath.Join(dir, ext))
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Fatalf("no test cases in %s", dir)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			c := Lint(t, f, ruleID)
			check(t, c, ruleID, strings.HasPrefix(filepath.Base(f), "ok_"))
		})
	}
}

// Lint loads one root file and runs one rule (TL001 always runs).
func Lint(t *testing.T, path, ruleID string) *Case {
	t.Helper()
	target := &lint.Target{Nginx: lint.DefaultNginx, OpenSSL: tls.DefaultOpenSSL, BigIP: lint.DefaultBigIP,
		Clients: []string{"intermediate"}, Now: Now, ExpiryDays: 21}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	extra := applyArgs(t, target, string(data))
	m := lint.NewModel()
	display := func(abs string) string {
		if rel, err := filepath.Rel(mustAbs(t, "."), abs); err == nil {
			return filepath.ToSlash(rel)
		}
		return abs
	}
	var lerr error
	switch filepath.Ext(path) {
	case ".tmsh":
		lerr = bigip.LoadModel(m, path, &bigip.Options{Target: target, Display: display})
	case ".json":
		lerr = as3.LoadModel(m, path, &as3.Options{Target: target, Display: display})
	default:
		lerr = nginx.NewLoader(m, &nginx.Options{Target: target, Display: display}).LoadPath(path)
	}
	if lerr != nil {
		t.Fatalf("load %s: %v", path, lerr)
	}
	m.BuildSockets()
	// Certificates: testdata/pki/root.pem is the only trust anchor.
	loader := certs.NewLoader(certs.OSFS{}, nil)
	trust, err := loader.LoadTrust(false, filepath.Join("testdata", "pki", "root.pem"))
	if err != nil {
		t.Fatalf("test PKI: %v (run go run fixtures/certgen/main.go from the repository root)", err)
	}
	m.AttachCerts(lint.NewCertStore(certs.NewAnalyzer(loader, certs.Options{Now: target.Now, Trust: trust, Level: certs.LevelOf(target.OpenSSL)}), false))
	fs := lint.Run(m, target, &lint.RunOptions{Enable: append([]string{ruleID}, extra...)})
	return &Case{Model: m, Findings: fs, Target: target}
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func applyArgs(t *testing.T, target *lint.Target, text string) (extraEnable []string) {
	first, _, _ := strings.Cut(text, "\n")
	args, ok := strings.CutPrefix(strings.TrimSpace(first), "# args:")
	if !ok {
		return nil
	}
	for _, kv := range strings.Fields(args) {
		k, v, _ := strings.Cut(kv, "=")
		var err error
		switch k {
		case "bigip-version":
			target.BigIP, err = lint.ParseProductVersion(v)
		case "nginx-version":
			target.Nginx, err = lint.ParseProductVersion(v)
		case "openssl":
			target.OpenSSL, err = tls.ParseOpenSSL(v)
		case "enable":
			extraEnable = append(extraEnable, strings.Split(v, ",")...)
		case "clients":
			target.Clients = strings.Split(v, ",")
		case "now":
			target.Now, err = time.Parse(time.RFC3339, v)
		default:
			err = fmt.Errorf("unknown test arg %q", k)
		}
		if err != nil {
			t.Fatalf("# args: %v", err)
		}
	}
	return extraEnable
}

type key struct {
	file string
	line int
	rule string
}

func check(t *testing.T, c *Case, ruleID string, ok bool) {
	t.Helper()
	want := map[key]int{}
	for name, src := range c.Model.Sources {
		var pending []string // from `# want` lines of their own, for the next line
		for i := 1; i <= src.Lines(); i++ {
			line := src.Line(i)
			trimmed := strings.TrimSpace(line)
			own := strings.HasPrefix(trimmed, "# want")
			for _, m := range wantRE.FindAllStringSubmatch(line, -1) {
				if own {
					pending = append(pending, strings.Fields(m[1])...)
					continue
				}
				for _, id := range strings.Fields(m[1]) {
					want[key{name, i, id}]++
				}
			}
			if !own && trimmed != "" && !strings.HasPrefix(trimmed, "#") {
				for _, id := range pending {
					want[key{name, i, id}]++
				}
				pending = nil
			}
		}
		if strings.HasSuffix(name, ".json") {
			data, err := os.ReadFile(name + ".want")
			if err == nil {
				for _, l := range strings.Split(string(data), "\n") {
					var n int
					var id string
					if _, err := fmt.Sscanf(l, "%d %s", &n, &id); err == nil {
						want[key{name, n, id}]++
					}
				}
			}
		}
	}
	got := map[key]int{}
	for _, f := range c.Findings {
		if f.Suppressed != nil {
			continue
		}
		got[key{f.Pos.File, f.Pos.Line, f.Rule}]++
	}
	var problems []string
	for k, n := range got {
		if want[k] != n {
			problems = append(problems, fmt.Sprintf("%s:%d: got %d %s, want %d: %s", k.file, k.line, n, k.rule, want[k], messages(c.Findings, k)))
		}
	}
	for k, n := range want {
		if got[k] == 0 {
			problems = append(problems, fmt.Sprintf("%s:%d: want %d %s, got none", k.file, k.line, n, k.rule))
		}
	}
	if ok {
		for _, f := range c.Findings {
			if f.Rule == ruleID && f.Suppressed == nil {
				problems = append(problems, fmt.Sprintf("ok_ case has a finding: %s: %s", f.Pos, f.Message))
			}
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
}

func messages(fs []lint.Finding, k key) string {
	var out []string
	for _, f := range fs {
		if f.Pos.File == k.file && f.Pos.Line == k.line && f.Rule == k.rule {
			out = append(out, f.Message)
		}
	}
	return strings.Join(out, " | ")
}
