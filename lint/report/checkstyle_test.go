package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

// csReport is Checkstyle's format as Jenkins' warnings-ng and reviewdog read it.
type csReport struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []struct {
		Name   string `xml:"name,attr"`
		Errors []struct {
			Line     int    `xml:"line,attr"`
			Column   int    `xml:"column,attr"`
			Severity string `xml:"severity,attr"`
			Message  string `xml:"message,attr"`
			Source   string `xml:"source,attr"`
		} `xml:"error"`
	} `xml:"file"`
}

func parseCheckstyle(t *testing.T, out []byte) csReport {
	t.Helper()
	var r csReport
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = true
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("not well-formed Checkstyle XML: %v\n%s", err, out)
	}
	return r
}

func TestCheckstyleGolden(t *testing.T) {
	m, fs := testModel(t)
	var buf bytes.Buffer
	if err := Write(&buf, "checkstyle", m, fs, testOptions()); err != nil {
		t.Fatal(err)
	}
	golden(t, "findings.checkstyle.golden", buf.Bytes())
}

func TestCheckstyleParsesBack(t *testing.T) {
	m, fs := testModel(t)
	var buf bytes.Buffer
	if err := Write(&buf, "checkstyle", m, fs, testOptions()); err != nil {
		t.Fatal(err)
	}
	r := parseCheckstyle(t, buf.Bytes())
	if r.Version != CheckstyleVersion {
		t.Errorf("version %q", r.Version)
	}
	var names []string
	total := 0
	for _, f := range r.Files {
		names = append(names, f.Name)
		total += len(f.Errors)
	}
	if got := strings.Join(names, "|"); got != ".|backup 2024.ucs|conf.d/app.conf" {
		t.Errorf("files %s", got)
	}
	if total != 6 {
		t.Errorf("%d errors, want the 6 unsuppressed findings", total)
	}
	app := r.Files[2]
	first := app.Errors[0] // TL205 on "listen 443 ssl;" at line 2, column 2 (after a tab)
	if first.Line != 2 || first.Column != 2 || first.Severity != "info" || first.Source != "tlslint.TL205" {
		t.Errorf("first error of app.conf: %+v", first)
	}
	tl101 := app.Errors[2]
	if tl101.Source != "tlslint.TL101" || tl101.Severity != "error" || tl101.Line != 5 || tl101.Column != 3 ||
		tl101.Message != "proxy_pass opens TLS to backend.internal:80, a plain-HTTP port: every request fails with 'wrong version number' (server bücher.example:443 > location /legacy/)" {
		t.Errorf("TL101: %+v", tl101)
	}
	member := r.Files[1].Errors[0]
	if member.Line != 0 || !strings.HasSuffix(member.Message, "[in backup 2024.ucs!config/partitions/p1/bigip.conf]") {
		t.Errorf("archive member: %+v", member)
	}
}

// TestCheckstyleEscaping: markup, quotes, line breaks and characters XML
// cannot carry in a message and a file name come back intact (or as U+FFFD).
func TestCheckstyleEscaping(t *testing.T) {
	m := lint.NewModel()
	name := `we<ird> & "q" 'a'.conf`
	src := lint.NewSource(name, "/srv/"+name, []byte("ssl_ciphers x;\n"))
	m.AddSource(src)
	msg := "a <b> & \"c\" 'd'\nsecond line\tand a tab; \x1b[31m escape"
	fs := []lint.Finding{{Rule: "TL206", Severity: lint.Warning, Message: msg, Pos: src.Pos(0, 14)}}
	var buf bytes.Buffer
	if err := Checkstyle(&buf, m, fs, Options{}); err != nil {
		t.Fatal(err)
	}
	r := parseCheckstyle(t, buf.Bytes())
	if r.Files[0].Name != name {
		t.Errorf("name %q, want %q", r.Files[0].Name, name)
	}
	want := strings.Replace(msg, "\x1b", "\uFFFD", 1)
	if got := r.Files[0].Errors[0].Message; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

func TestCheckstyleNoFindings(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "checkstyle", nil, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	want := xml.Header + `<checkstyle version="4.3">` + "\n</checkstyle>\n"
	if buf.String() != want {
		t.Errorf("no findings:\n%s", buf.String())
	}
	if r := parseCheckstyle(t, buf.Bytes()); len(r.Files) != 0 {
		t.Errorf("files: %+v", r.Files)
	}
}
