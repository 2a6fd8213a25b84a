package report

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tlslint/tlslint/lint"
)

func gitlabOptions() Options {
	o := testOptions()
	o.RepoRoot = "/srv" // the tree is linted from /srv/nginx inside the repository /srv
	return o
}

func renderGitLab(t *testing.T, m *lint.Model, fs []lint.Finding, o Options) ([]byte, []gitlabIssue) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, "gitlab", m, fs, o); err != nil {
		t.Fatal(err)
	}
	var issues []gitlabIssue
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&issues); err != nil {
		t.Fatalf("not a Code Quality array: %v\n%s", err, buf.Bytes())
	}
	return buf.Bytes(), issues
}

func TestGitLabGolden(t *testing.T) {
	m, fs := testModel(t)
	out, _ := renderGitLab(t, m, fs, gitlabOptions())
	golden(t, "findings.gitlab.golden", out)
}

// TestGitLabSchema validates the report against GitLab's documented fields
// (testdata/gitlab-codequality.schema.json), and checks what a schema
// cannot: fingerprints are unique, paths are repository-relative.
func TestGitLabSchema(t *testing.T) {
	f, err := os.Open("testdata/gitlab-codequality.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("file:///gitlab.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("file:///gitlab.json")
	if err != nil {
		t.Fatal(err)
	}
	m, fs := testModel(t)
	out, issues := renderGitLab(t, m, fs, gitlabOptions())
	if err := validate(t, schema, out); err != nil {
		t.Fatalf("the report does not match GitLab's fields: %v\n%s", err, out)
	}
	// the schema must reject what GitLab rejects, or this test proves nothing
	bad := strings.Replace(string(out), `"severity": "critical"`, `"severity": "error"`, 1)
	if err := validate(t, schema, []byte(bad)); err == nil {
		t.Fatal("the schema accepts severity \"error\"")
	}
	if len(issues) != 6 { // 8 findings, 2 suppressed
		t.Fatalf("%d issues, want 6", len(issues))
	}
	fps := map[string]bool{}
	paths := map[string]int{}
	for _, is := range issues {
		if fps[is.Fingerprint] {
			t.Errorf("fingerprint %s appears twice", is.Fingerprint)
		}
		fps[is.Fingerprint] = true
		paths[is.Location.Path]++
	}
	// TL204, TL101, TL102 and TL205 in app.conf; the archive member's TL001; TL004 without a file
	want := map[string]int{"nginx/conf.d/app.conf": 4, "nginx/backup 2024.ucs": 1, ".": 1}
	for p, n := range want {
		if paths[p] != n {
			t.Errorf("%d issues on %q, want %d (all: %v)", paths[p], p, n, paths)
		}
	}
	for _, is := range issues {
		if is.Location.Path == "nginx/backup 2024.ucs" {
			if is.Location.Lines.Begin != 1 || !strings.Contains(is.Description, "[in backup 2024.ucs!config/partitions/p1/bigip.conf]") {
				t.Errorf("archive member issue: %+v", is)
			}
		}
		if strings.HasPrefix(is.CheckName, "tlslint.TL101") && (is.Severity != "critical" || is.Location.Lines.Begin != 5) {
			t.Errorf("TL101: %+v", is)
		}
	}
	// Without a repository root the paths are relative to the working directory.
	_, issues = renderGitLab(t, m, fs, testOptions())
	if p := issues[len(issues)-1].Location.Path; p != "conf.d/app.conf" {
		t.Errorf("without RepoRoot: path %q", p)
	}
}

// TestGitLabFingerprintStable: adding lines above a finding moves it, but
// GitLab must still see the same issue (same fingerprint) and not report a
// fixed one and a new one; a different subject or anchor is another issue.
func TestGitLabFingerprintStable(t *testing.T) {
	build := func(prefix, subject string) string {
		m := lint.NewModel()
		src := lint.NewSource("site.conf", "/srv/site.conf", []byte(prefix+"server {\n    proxy_pass https://b:80;\n}\n"))
		m.AddSource(src)
		off := strings.Index(string(src.Data), "proxy_pass")
		fs := []lint.Finding{{Rule: "TL101", Name: "upstream-tls-to-plain-port", Severity: lint.Error,
			Message: "message v1", Pos: src.Pos(off, off+len("proxy_pass https://b:80;")), Subject: subject}}
		_, issues := renderGitLab(t, m, fs, Options{Cwd: "/srv"})
		return issues[0].Fingerprint
	}
	base := build("", "server a:443")
	if moved := build("# a comment\n\n", "server a:443"); moved != base {
		t.Errorf("the fingerprint changed when the finding moved down two lines")
	}
	if other := build("", "server b:443"); other == base {
		t.Errorf("another subject, same fingerprint")
	}

	// Two findings of one rule on identical text of one subject stay distinct.
	m := lint.NewModel()
	src := lint.NewSource("a.conf", "/srv/a.conf", []byte("ssl_protocols TLSv1;\nssl_protocols TLSv1;\n"))
	m.AddSource(src)
	fs := []lint.Finding{
		{Rule: "TL204", Severity: lint.Warning, Message: "m", Pos: src.Pos(0, 20)},
		{Rule: "TL204", Severity: lint.Warning, Message: "m", Pos: src.Pos(21, 41)},
	}
	_, issues := renderGitLab(t, m, fs, Options{Cwd: "/srv"})
	if issues[0].Fingerprint == issues[1].Fingerprint {
		t.Errorf("identical findings share a fingerprint")
	}
	// The message is not part of it: a reworded message is the same issue.
	fs[0].Message = "reworded"
	_, again := renderGitLab(t, m, fs, Options{Cwd: "/srv"})
	if again[0].Fingerprint != issues[0].Fingerprint {
		t.Errorf("the fingerprint depends on the message")
	}
}

func TestGitLabPaths(t *testing.T) {
	for _, tt := range []struct{ name, cwd, root, want string }{
		{"conf.d/a.conf", "/repo/deploy", "/repo", "deploy/conf.d/a.conf"},
		{"/etc/nginx/nginx.conf", "/repo", "/repo", "/etc/nginx/nginx.conf"},
		{"/repo/x.conf", "/repo/sub", "/repo", "x.conf"},
		{"../..x.conf", "/repo/a/b", "/repo", "a/..x.conf"}, // "..x" is a name, not a parent
		{"../../../x.conf", "/repo/a/b", "/repo", "/x.conf"},
		{"a.conf", "/repo", "", "a.conf"},
	} {
		if got := repoRelative(tt.name, Options{Cwd: tt.cwd, RepoRoot: tt.root}); got != tt.want {
			t.Errorf("repoRelative(%q, cwd %s, root %s) = %q, want %q", tt.name, tt.cwd, tt.root, got, tt.want)
		}
	}
}

func TestGitLabNoFindings(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "gitlab", nil, nil, Options{}); err != nil || buf.String() != "[]\n" {
		t.Errorf("no findings: %q, %v", buf.String(), err)
	}
}
