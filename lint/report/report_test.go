package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Sources of the test model: an nginx tree (one file tab-indented, one line
// with multi-byte UTF-8 before a finding) and a BIG-IP config inside a UCS
// archive whose name needs percent-encoding in a URI.
const (
	nginxConf = `user nginx;
http {
    ssl_protocols TLSv1 TLSv1.2;
    include conf.d/*.conf;
}
`
	appConf = "server {\n" +
		"\tlisten 443 ssl;\n" +
		"\tserver_name bücher.example \"𝄞.example\"; ssl_protocols TLSv1 TLSv1.2;\n" +
		"\tlocation /legacy/ {\n" +
		"\t\tproxy_pass https://backend.internal:80;\n" +
		"\t\tproxy_ssl_verify off;\n" +
		"\t}\n" +
		"}\n"
	bigipConf = `ltm virtual /Common/vs_partner {
    destination /Common/10.0.0.5:443
    profiles {
        /Common/clientssl_partner {
            context clientside
        }
    }
}
ltm profile client-ssl /Common/clientssl_partner {
    ciphers DEFAULT:!RC4
}
`
	ucsMember = "backup 2024.ucs!config/bigip.conf"
)

// at returns the position of the n-th (0-based) occurrence of sub in src,
// or of the empty range at its start when empty.
func at(t *testing.T, src *lint.Source, sub string, n int, empty bool) lint.Pos {
	t.Helper()
	off := -1
	for i, from := 0, 0; i <= n; i++ {
		j := strings.Index(string(src.Data[from:]), sub)
		if j < 0 {
			t.Fatalf("%q not found %d times in %s", sub, n+1, src.Name)
		}
		off = from + j
		from = off + len(sub)
	}
	if empty {
		return src.Pos(off, off)
	}
	return src.Pos(off, off+len(sub))
}

func testRules() []*lint.Rule {
	return []*lint.Rule{
		{Meta: lint.Meta{ID: "TL001", Name: "parse-error", Severity: lint.Error, Summary: "the file cannot be parsed",
			Formats: []lint.Product{lint.Nginx, lint.BigIP}}},
		{Meta: lint.Meta{ID: "TL101", Name: "upstream-tls-to-plain-port", Severity: lint.Error,
			Summary: "a proxy opens TLS to a port that speaks plain HTTP",
			Why:     "The backend answers the ClientHello with an HTTP error page; every request fails with \"wrong version number\".",
			Example: "proxy_pass https://backend.internal:80;",
			Fix:     "Use the backend's TLS port, or http:// if the hop is trusted.",
			Formats: []lint.Product{lint.Nginx}, References: []string{"https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass"}}},
		{Meta: lint.Meta{ID: "TL102", Name: "upstream-no-sni", Severity: lint.Warning, Summary: "a proxy connects with TLS without sending SNI",
			Formats: []lint.Product{lint.Nginx}}},
		{Meta: lint.Meta{ID: "TL105", Name: "upstream-no-verify", Severity: lint.Warning, Summary: "upstream certificate not verified",
			SeverityNote: "info when the backend is on the same host"}},
		{Meta: lint.Meta{ID: "TL204", Name: "legacy-protocols", Severity: lint.Warning, Summary: "TLS 1.0 or 1.1 enabled"}},
		{Meta: lint.Meta{ID: "TL205", Name: "clients-locked-out", Severity: lint.Info, Summary: "clients in the population cannot connect"}},
		{Meta: lint.Meta{ID: "TL206", Name: "weak-ciphers", Severity: lint.Warning, Summary: "weak cipher suites enabled"}},
	}
}

// testModel builds a model and findings covering what the writers must
// handle: related locations, safe, unsafe and insertion fixes, a multi-file
// fix, an inline and a config suppression, a Detail table, positions after
// multi-byte characters, a file-only finding and one with no position at
// all (TL004, a rule missing from the catalogue).
func testModel(t *testing.T) (*lint.Model, []lint.Finding) {
	t.Helper()
	m := lint.NewModel()
	main := lint.NewSource("nginx.conf", "/srv/nginx/nginx.conf", []byte(nginxConf))
	app := lint.NewSource("conf.d/app.conf", "/srv/nginx/conf.d/app.conf", []byte(appConf))
	big := lint.NewSource(ucsMember, "", []byte(bigipConf))
	for _, s := range []*lint.Source{main, app, big} {
		m.AddSource(s)
	}
	inline := &lint.Suppression{Pos: app.Pos(0, 0), Rules: []string{"TL105"}, Reason: "backend is on the same host",
		File: "conf.d/app.conf", From: 6, To: 6}
	external := &lint.Suppression{Rules: []string{"TL206"}, Subject: "/Common/vs_partner",
		Reason: "partner's appliance only speaks these, OPS-77", Pos: lint.Pos{File: ".tlslint.hcl", Line: 9, Col: 1, EndLine: 9, EndCol: 7}}
	proxyPass := at(t, app, "proxy_pass https://backend.internal:80;", 0, false)
	fs := []lint.Finding{
		{
			Rule: "TL204", Name: "legacy-protocols", Severity: lint.Warning,
			Message: "TLSv1 is enabled: OpenSSL 3.0 at security level 2 cannot negotiate it, so it only adds attack surface",
			Pos:     at(t, app, "TLSv1", 0, false), Subject: "server bücher.example:443",
			Fixes: []lint.Fix{{Description: "remove TLSv1", Safety: lint.Unsafe,
				Edits: []lint.Edit{{Pos: at(t, app, "TLSv1 ", 0, false), NewText: ""}}}},
		},
		{
			Rule: "TL101", Name: "upstream-tls-to-plain-port", Severity: lint.Error,
			Message: "proxy_pass opens TLS to backend.internal:80, a plain-HTTP port: every request fails with 'wrong version number'",
			Pos:     proxyPass, Subject: "server bücher.example:443 > location /legacy/",
			Related: []lint.Related{{Pos: at(t, main, "ssl_protocols TLSv1 TLSv1.2;", 0, false), Message: "ssl_protocols set here"}},
			Fixes: []lint.Fix{{Description: "use port 443", Safety: lint.Safe,
				Edits: []lint.Edit{{Pos: at(t, app, "80", 0, false), NewText: "443"}}}},
		},
		{
			Rule: "TL102", Name: "upstream-no-sni", Severity: lint.Warning,
			Message: "proxy_pass to backend.internal sends no SNI: a backend with several certificates serves its default one",
			Pos:     proxyPass, Subject: "server bücher.example:443 > location /legacy/",
			Fixes: []lint.Fix{{Description: "send SNI, and allow TLS 1.3 upstream everywhere", Safety: lint.Safe, Edits: []lint.Edit{
				{Pos: at(t, app, "\t\tproxy_ssl_verify", 0, true), NewText: "\t\tproxy_ssl_server_name on;\n"},
				{Pos: at(t, main, "TLSv1.2;", 0, false), NewText: "TLSv1.2 TLSv1.3;"},
			}}},
		},
		{
			Rule: "TL105", Name: "upstream-no-verify", Severity: lint.Warning,
			Message: "proxy_ssl_verify is off: any certificate is accepted",
			Pos:     at(t, app, "proxy_ssl_verify off;", 0, false), Suppressed: inline,
		},
		{
			Rule: "TL205", Name: "clients-locked-out", Severity: lint.Info,
			Message: "2 of 31 clients in the intermediate population cannot connect",
			Pos:     at(t, app, "listen 443 ssl;", 0, false), Subject: "server bücher.example:443",
			Detail: "client            result\n" +
				"Android 4.4.2     no shared protocol (offers TLSv1 to TLSv1.2; server: TLSv1.2, TLSv1.3 after fix)\n" +
				"Java 7u25         no shared cipher\n",
		},
		{
			Rule: "TL206", Name: "weak-ciphers", Severity: lint.Warning,
			Message: "the cipher string enables 3DES suites (DES-CBC3-SHA): SWEET32",
			Pos:     at(t, big, "ciphers DEFAULT:!RC4", 0, false), Subject: "/Common/vs_partner",
			Suppressed: external,
		},
		{
			Rule: "TL001", Name: "parse-error", Severity: lint.Error,
			Message: "cannot read the archive member: unexpected EOF",
			Pos:     lint.Pos{File: "backup 2024.ucs!config/partitions/p1/bigip.conf"},
		},
		{
			Rule: "TL004", Name: "internal-error", Severity: lint.Error,
			Message: "rule TL999 (example) crashed on this input and was skipped: index out of range; please report a bug",
			Detail:  "goroutine 1 [running]:\nmain.main()",
		},
	}
	return m, fs
}

func testOptions() Options {
	return Options{ToolVersion: "0.3.0", Rules: testRules(), Cwd: "/srv/nginx"}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output:\n%s", path, UnifiedDiff("a/"+path, "b/output", want, got))
	}
}

func TestGolden(t *testing.T) {
	colored := testOptions()
	colored.Color = true
	for _, tt := range []struct {
		format, golden string
		o              Options
	}{
		{"text", "findings.text.golden", testOptions()},
		{"text", "findings.color.golden", colored},
		{"json", "findings.json.golden", testOptions()},
		{"sarif", "findings.sarif.golden", testOptions()},
		{"github", "findings.github.golden", testOptions()},
	} {
		t.Run(tt.golden, func(t *testing.T) {
			m, fs := testModel(t)
			var buf bytes.Buffer
			if err := Write(&buf, tt.format, m, fs, tt.o); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.golden, buf.Bytes())
		})
	}
}

func TestNoFindings(t *testing.T) {
	m, _ := testModel(t)
	tests := []struct{ format, want string }{
		{"text", "no findings in 3 files\n"},
		{"json", `{
  "tool": {
    "name": "tlslint",
    "version": "0.3.0"
  },
  "findings": [],
  "summary": {
    "files": 3,
    "errors": 0,
    "warnings": 0,
    "infos": 0
  }
}
`},
		{"github", ""},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Write(&buf, tt.format, m, nil, Options{ToolVersion: "0.3.0"}); err != nil {
			t.Fatal(err)
		}
		if buf.String() != tt.want {
			t.Errorf("%s with no findings:\n%s\nwant:\n%s", tt.format, buf.String(), tt.want)
		}
	}
	// A nil model is zero files, not a crash.
	var buf bytes.Buffer
	if err := Text(&buf, nil, nil, Options{}); err != nil || buf.String() != "no findings in 0 files\n" {
		t.Errorf("nil model: %q, %v", buf.String(), err)
	}
}

func TestOnlySuppressed(t *testing.T) {
	m, fs := testModel(t)
	var sup []lint.Finding
	for _, f := range fs {
		if f.Suppressed != nil {
			sup = append(sup, f)
		}
	}
	var buf bytes.Buffer
	if err := Text(&buf, m, sup, Options{}); err != nil {
		t.Fatal(err)
	}
	if want := "no findings in 3 files (2 suppressed)\n"; buf.String() != want {
		t.Errorf("text = %q, want %q", buf.String(), want)
	}
	buf.Reset()
	if err := JSON(&buf, m, sup, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc jsonDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Findings) != 0 || doc.Summary.Warnings != 0 {
		t.Errorf("suppressed findings in JSON: %+v", doc)
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "xml", nil, nil, Options{})
	if err == nil || !strings.Contains(err.Error(), `unknown output format "xml": expected text, json, sarif, github`) {
		t.Errorf("err = %v", err)
	}
}

// TestDeterministic renders each format from findings given in different
// orders: the output must be byte-identical.
func TestDeterministic(t *testing.T) {
	for _, format := range Formats {
		m, fs := testModel(t)
		var first []byte
		for round := 0; round < 5; round++ {
			shuffled := make([]lint.Finding, len(fs))
			for i := range fs {
				shuffled[i] = fs[(i*3+round)%len(fs)]
			}
			if round == 0 {
				copy(shuffled, fs)
			}
			var buf bytes.Buffer
			if err := Write(&buf, format, m, shuffled, testOptions()); err != nil {
				t.Fatal(err)
			}
			if round == 0 {
				first = buf.Bytes()
			} else if !bytes.Equal(first, buf.Bytes()) {
				t.Fatalf("%s output changes with the order of the findings", format)
			}
		}
		if len(fs) > 0 && fs[0].Rule != "TL204" {
			t.Fatalf("the writer reordered the caller's slice")
		}
	}
}

func TestTextExcerpt(t *testing.T) {
	const line1 = "\tserver_name bücher.example; ssl_protocols TLSv1;"
	src := lint.NewSource("a.conf", "", []byte(line1+"\n\t\tx;\r\nlast"))
	tests := []struct {
		name string
		pos  lint.Pos
		want string
	}{
		{"after tab and two-byte character", src.Pos(44, 49), "    1 | " + line1 + "\n      | \t" + strings.Repeat(" ", 42) + "^~~~~\n"},
		{"empty range is a lone caret", src.Pos(13, 13), "    1 | " + line1 + "\n      | \t" + strings.Repeat(" ", 12) + "^\n"},
		{"multi-line range underlines to the end of the first line", src.Pos(28, 56), "    1 | " + line1 + "\n      | \t" + strings.Repeat(" ", 26) + "^" + strings.Repeat("~", 21) + "\n"},
		{"CRLF line", src.Pos(53, 54), "    2 | \t\tx;\n      | \t\t^\n"},
		{"last line without newline", src.Pos(57, 61), "    3 | last\n      | ^~~~\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := textPrinter{}
			p.excerpt(src, tt.pos)
			if p.b.String() != tt.want {
				t.Errorf("got\n%q\nwant\n%q", p.b.String(), tt.want)
			}
		})
	}
}

func TestSanitize(t *testing.T) {
	if got := sanitize("a\x1b[31mb\tc\xffd"); got != "a\uFFFD[31mb\tc\uFFFDd" {
		t.Errorf("sanitize = %q", got)
	}
}

func TestSummaryPlurals(t *testing.T) {
	tests := []struct {
		sev  []lint.Severity
		want string
	}{
		{[]lint.Severity{lint.Error}, "1 error, 0 warnings, 0 infos in 1 file\n"},
		{[]lint.Severity{lint.Error, lint.Error, lint.Warning, lint.Info}, "2 errors, 1 warning, 1 info in 1 file\n"},
		{[]lint.Severity{lint.Info, lint.Info}, "0 errors, 0 warnings, 2 infos in 1 file\n"},
	}
	m := lint.NewModel()
	m.AddSource(lint.NewSource("a.conf", "", []byte("x;\n")))
	for _, tt := range tests {
		var fs []lint.Finding
		for _, s := range tt.sev {
			fs = append(fs, lint.Finding{Rule: "TL1", Severity: s, Message: "m"})
		}
		var buf bytes.Buffer
		if err := Text(&buf, m, fs, Options{}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if last := out[strings.LastIndex(out[:len(out)-1], "\n")+1:]; last != tt.want {
			t.Errorf("summary = %q, want %q", last, tt.want)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	f := lint.Finding{Rule: "TL101", Name: "n", Severity: lint.Info, Message: "100% broken:\r\nsee a::b, c",
		Pos: lint.Pos{File: "dir,1/a:b.conf", Line: 2, Col: 3, EndLine: 2, EndCol: 5}}
	var buf bytes.Buffer
	if err := GitHub(&buf, nil, []lint.Finding{f}, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "::notice file=dir%2C1/a%3Ab.conf,line=2,col=3,endLine=2,endColumn=5,title=TL101 n::100%25 broken:%0D%0Asee a::b, c\n"
	if buf.String() != want {
		t.Errorf("got  %q\nwant %q", buf.String(), want)
	}
}

func TestJSONShape(t *testing.T) {
	m, fs := testModel(t)
	var buf bytes.Buffer
	if err := JSON(&buf, m, fs, testOptions()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []map[string]any `json:"findings"`
		Summary  map[string]int   `json:"summary"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"files": 3, "errors": 3, "warnings": 2, "infos": 1}; !equalMaps(doc.Summary, want) {
		t.Errorf("summary = %v, want %v", doc.Summary, want)
	}
	if len(doc.Findings) != 6 {
		t.Fatalf("%d findings, want 6 (2 suppressed left out)", len(doc.Findings))
	}
	for _, f := range doc.Findings {
		if f["rule"] == "TL105" || f["rule"] == "TL206" {
			t.Errorf("suppressed finding %v in JSON", f["rule"])
		}
		if f["rule"] == "TL204" {
			// Columns count bytes: "\tserver_name bücher.example \"𝄞.example\"; ssl_protocols "
			// is 59 bytes (ü is 2, 𝄞 is 4).
			if f["column"] != float64(60) || f["end_column"] != float64(65) {
				t.Errorf("TL204 columns = %v..%v, want byte columns 60..65", f["column"], f["end_column"])
			}
			edit := f["fixes"].([]any)[0].(map[string]any)["edits"].([]any)[0].(map[string]any)
			if edit["new_text"] != "" {
				t.Errorf("deletion edit = %v", edit)
			}
		}
	}
}

func equalMaps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
