package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/fixtures/shared"
)

// TestFormatGitLabPaths: GitLab links location.path from the repository
// root, wherever tlslint runs: from a subdirectory, paths still start at the
// root (the directory holding .git); CI_PROJECT_DIR, when set, is the root.
func TestFormatGitLabPaths(t *testing.T) {
	root := writeTree(t, map[string]string{
		".git/HEAD":               "ref: refs/heads/main\n",
		"deploy/nginx/nginx.conf": "events {}\nhttp {\n    server {\n        listen 443 ssl;\n        location / { proxy_pass https://b.internal:80; }\n    }\n}\n",
	})
	sub := filepath.Join(root, "deploy")
	lintAt := func(cwd string, env map[string]string) []map[string]any {
		var out, errb bytes.Buffer
		code := Main([]string{"--no-system-roots", now, "--format", "gitlab", "nginx"}, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
			Getenv: func(k string) string { return env[k] }, Cwd: cwd})
		if code != 1 {
			t.Fatalf("exit %d, stderr %s", code, errb.String())
		}
		var issues []map[string]any
		if err := json.Unmarshal(out.Bytes(), &issues); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		return issues
	}
	issues := lintAt(sub, nil)
	if len(issues) == 0 {
		t.Fatal("no issues")
	}
	for _, is := range issues {
		if p := is["location"].(map[string]any)["path"].(string); p != "deploy/nginx/nginx.conf" {
			t.Errorf("path %q is not relative to the repository root", p)
		}
	}
	issues = lintAt(sub, map[string]string{"CI_PROJECT_DIR": sub})
	if p := issues[0]["location"].(map[string]any)["path"].(string); p != "nginx/nginx.conf" {
		t.Errorf("with CI_PROJECT_DIR: path %q", p)
	}
}

func TestFormatCheckstyle(t *testing.T) {
	code, out, errs := run(t, "", nil, withRoots(now, "--format", "checkstyle", "fixtures/nginx/broken-proxy")...)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Files []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Source string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal([]byte(out), &r); err != nil || len(r.Files) == 0 {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.HasPrefix(r.Files[0].Name, "fixtures/nginx/broken-proxy/") || !strings.HasPrefix(r.Files[0].Errors[0].Source, "tlslint.TL") {
		t.Errorf("first file %+v", r.Files[0])
	}
}

func TestFormatUnknown(t *testing.T) {
	code, _, errs := run(t, "", nil, "--format", "junit", "fixtures/nginx/broken-proxy")
	if code != 2 || !strings.Contains(errs, `--format "junit": expected text, json, sarif, github, gitlab, checkstyle`) {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func writeTree(t *testing.T, files map[string]string) string { return shared.Tree(t, files) }

// TestRenderedFileInContext: Chef's verify stages the rendered vhost as
// conf.d/.chef-app<date>-<pid>-<random>.conf beside its destination. It is
// linted in the tree of the nginx.conf above it, standing in for
// conf.d/app.conf; findings of other files count only when the rendered
// file causes them.
func TestRenderedFileInContext(t *testing.T) {
	const staged = "etc/nginx/conf.d/.chef-app20261206-4242-1x9k2f.conf"
	const good = "server {\n    listen 443 ssl;\n    server_name app.example.com;\n    ssl_certificate /nonexistent/app.pem;\n" +
		"    ssl_certificate_key /nonexistent/app.key;\n    location / { proxy_pass https://10.0.0.2:443; }\n}\n"
	tree := func(rendered string) string {
		return writeTree(t, map[string]string{
			"etc/nginx/nginx.conf": "events {}\nhttp {\n    ssl_protocols TLSv1.2 TLSv1.3;\n    include conf.d/*.conf;\n}\n",
			// an error of another file: not this verification's business
			"etc/nginx/conf.d/legacy.conf": "server {\n    listen 8443 ssl;\n    server_name legacy.example.com;\n    ssl_certificate /nonexistent/l.pem;\n" +
				"    ssl_certificate_key /nonexistent/l.key;\n    location / { proxy_pass https://10.0.0.1:80; }\n}\n",
			"etc/nginx/conf.d/other.conf":      "server {\n    listen 8080;\n    server_name other.example.com;\n    location / { return 200; }\n}\n",
			"etc/nginx/sites-available/x.conf": good,
			staged:                             rendered,
		})
	}
	lintFile := func(dir, path string) (int, []map[string]any, string) {
		var out, errb bytes.Buffer
		code := Main([]string{"--fail-on", "error", "--format", "json", "--no-system-roots", now, filepath.Join(dir, path)},
			Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }, Cwd: dir})
		var doc struct{ Findings []map[string]any }
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatalf("exit %d, %v: %s %s", code, err, out.String(), errb.String())
		}
		return code, doc.Findings, errb.String()
	}
	summary := func(fs []map[string]any) string {
		var s []string
		for _, f := range fs {
			s = append(s, f["rule"].(string)+" "+f["file"].(string))
		}
		return strings.Join(s, ", ")
	}

	// the good render passes although legacy.conf has an error
	dir := tree(good)
	code, fs, errs := lintFile(dir, staged)
	if code != 0 || strings.Contains(summary(fs), "legacy.conf") {
		t.Errorf("good render: exit %d, findings %s, %s", code, summary(fs), errs)
	}
	if !strings.Contains(errs, "linted as etc/nginx/conf.d/app.conf in the tree of etc/nginx/nginx.conf; 5 findings elsewhere") {
		t.Errorf("note: %q", errs)
	}
	// linted alone, TL204 would not fire either, but nothing would say the
	// http block's ssl_protocols was seen: in the tree no finding assumes defaults
	for _, f := range fs {
		if strings.Contains(f["message"].(string), "linted alone") {
			t.Errorf("a finding assumes the file is alone: %v", f["message"])
		}
	}

	// the bad render fails on its own finding
	dir = tree(strings.Replace(good, "10.0.0.2:443", "10.0.0.2:80", 1))
	code, fs, _ = lintFile(dir, staged)
	if code != 1 || !strings.Contains(summary(fs), "TL101 "+staged) || strings.Contains(summary(fs), "legacy.conf") {
		t.Errorf("bad render: exit %d, findings %s", code, summary(fs))
	}

	// a render that turns other.conf's plain port 8080 into a TLS socket:
	// the finding is on other.conf, caused by the rendered file (the
	// rendered server is the socket's default: other.conf's clients get its
	// certificate, a warning while that certificate cannot be read)
	dir = tree(strings.Replace(good, "listen 443 ssl;", "listen 8080 ssl;", 1))
	_, fs, _ = lintFile(dir, staged)
	if !strings.Contains(summary(fs), "TL203 etc/nginx/conf.d/other.conf") {
		t.Errorf("conflicting render: exit %d, findings %s", code, summary(fs))
	}

	// a file the tree does not read is linted alone, and says so
	dir = tree(good)
	_, fs, errs = lintFile(dir, "etc/nginx/sites-available/x.conf")
	if !strings.Contains(errs, "etc/nginx/sites-available/x.conf is not read by etc/nginx/nginx.conf: linted alone") {
		t.Errorf("sites-available: %q, %s", errs, summary(fs))
	}
	var errb bytes.Buffer
	Main([]string{"--lang", "ja", "--no-system-roots", now, filepath.Join(dir, "etc/nginx/sites-available/x.conf")},
		Env{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &errb, Getenv: func(string) string { return "" }, Cwd: dir})
	if want := "etc/nginx/sites-available/x.conf は etc/nginx/nginx.conf から読み込まれていません: 単独で検査します"; !strings.Contains(errb.String(), want) {
		t.Errorf("in Japanese: %q, want %q", errb.String(), want)
	}
}
