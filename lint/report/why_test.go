package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint/why"
)

// A log line holds whatever a client sent: the text report escapes control
// bytes and invalid UTF-8 instead of writing them to the terminal.
func TestPrintable(t *testing.T) {
	cases := []struct {
		in   string
		max  int
		want string
	}{
		{"plain text", 600, "plain text"},
		{"a\x1b[31mred", 600, `a\x1b[31mred`},
		{"GET \x16\x03\x01\xfc\x03", 600, `GET \x16\x03\x01\xfc\x03`},
		{"ok \u00e9", 600, "ok \u00e9"},
		{strings.Repeat("x", 10), 4, "xxxx…"},
	}
	for _, c := range cases {
		if got := printable(c.in, c.max); got != c.want {
			t.Errorf("printable(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWriteWhyFormats(t *testing.T) {
	r := &why.Result{Lines: 3, Ignored: 3}
	var b bytes.Buffer
	if err := WriteWhy(&b, "sarif", nil, nil, r, Options{}); err == nil {
		t.Error("sarif accepted")
	}
	b.Reset()
	if err := WriteWhy(&b, "text", nil, nil, r, Options{}); err != nil || b.String() != "3 log lines: 3 ignored, 0 handshake failures in 0 diagnoses (0 explained, 0 unexplained)\n" {
		t.Errorf("%v %q", err, b.String())
	}
	b.Reset()
	if err := WriteWhy(&b, "json", nil, nil, r, Options{ToolVersion: "0.3.0"}); err != nil ||
		!strings.Contains(b.String(), `"diagnoses": []`) || !strings.Contains(b.String(), `"log_lines_ignored": 3`) {
		t.Errorf("%v %s", err, b.String())
	}
}
