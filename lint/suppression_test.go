package lint

import (
	"strings"
	"testing"
)

func TestParseSuppression(t *testing.T) {
	cases := []struct {
		text, rules, reason, problem string
		file, none                   bool
	}{
		{text: " tlslint:ignore TL105 -- backend on this host", rules: "TL105", reason: "backend on this host"},
		{text: "tlslint:ignore TL105,TL103 upstream-sni-missing -- why", rules: "TL105 TL103 upstream-sni-missing", reason: "why"},
		{text: "tlslint:ignore-file TL204 -- kiosk, OPS-123", rules: "TL204", reason: "kiosk, OPS-123", file: true},
		{text: "tlslint:ignore TL105  # want TL003", rules: "TL105", problem: "missing reason"},
		{text: "tlslint:ignore -- no rule", reason: "no rule", problem: "no rule ID"},
		{text: "an ordinary comment", none: true},
	}
	for _, c := range cases {
		s := ParseSuppression(c.text)
		if c.none {
			if s != nil {
				t.Errorf("%q: not a suppression, got %+v", c.text, s)
			}
			continue
		}
		if s == nil || strings.Join(s.Rules, " ") != c.rules || s.Reason != c.reason || s.FileWide != c.file || !strings.HasPrefix(s.Problem, c.problem) || (c.problem == "") != (s.Problem == "") {
			t.Errorf("%q: got %+v", c.text, s)
		}
	}
}
