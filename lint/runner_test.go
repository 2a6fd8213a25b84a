package lint

import (
	"strings"
	"testing"
)

func testRules(t *testing.T) {
	t.Helper()
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, ok := registry["TLX01"]; ok {
		return
	}
	registry["TLX01"] = &Rule{Meta: Meta{ID: "TLX01", Name: "fake-warning", Severity: Warning, Summary: "fires at every listener"},
		Check: func(p *Pass) {
			for _, l := range p.Model.Listeners {
				p.Reportf(l.Pos, l.Subject, "listener %s", l.Subject)
			}
		}}
	registry["TLX02"] = &Rule{Meta: Meta{ID: "TLX02", Name: "fake-panic", Severity: Error, Summary: "crashes"},
		Check: func(p *Pass) {
			panic("boom") // the runner must recover
		}}
}

func model() *Model {
	m := NewModel()
	src := NewSource("a.conf", "", []byte("server {\n    listen 443 ssl;\n}\nserver {\n    listen 80;\n}\n"))
	m.AddSource(src)
	m.Listeners = []*Listener{
		{Subject: "one", Pos: src.Pos(0, 8)},
		{Subject: "two", Pos: src.Pos(src.Offset(4, 1), src.Offset(4, 9))},
	}
	m.ParseError(src.Pos(src.Offset(5, 5), src.Offset(5, 15)), "bad %s", "thing")
	return m
}

func TestSourcePositions(t *testing.T) {
	src := NewSource("x", "", []byte("ab\ncd\r\n\nxyz"))
	for _, c := range []struct{ off, line, col int }{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {7, 3, 1}, {8, 4, 1}, {10, 4, 3}, {99, 4, 4}} {
		if l, col := src.LineCol(c.off); l != c.line || col != c.col {
			t.Errorf("offset %d: %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
	if src.Line(2) != "cd" || src.Line(4) != "xyz" || src.Offset(2, 2) != 4 {
		t.Errorf("lines: %q %q %d", src.Line(2), src.Line(4), src.Offset(2, 2))
	}
	if p := src.Pos(-5, 100); p.Offset != 0 || int(p.End) != len(src.Data) {
		t.Errorf("positions are clamped to the file: %+v", p)
	}
}

func TestRunPanicRecoveryAndOrder(t *testing.T) {
	testRules(t)
	fs := Run(model(), &Target{}, &RunOptions{Enable: []string{"TLX"}})
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule+"@"+f.Pos.String())
	}
	want := "TL004@a.conf:1:1 TLX01@a.conf:1:1 TL001@a.conf:5:5 TLX01@a.conf:4:1"
	if strings.Join(got, " ") != "TL004@a.conf:1:1 TLX01@a.conf:1:1 TLX01@a.conf:4:1 TL001@a.conf:5:5" {
		t.Errorf("got %v (want sorted by file, line, column, rule; TL001 always on; the panic recovered as TL004), not %s", got, want)
	}
	for _, f := range fs {
		if f.Rule == "TL004" && !strings.Contains(f.Message, "TLX02") {
			t.Errorf("TL004 must name the crashed rule: %s", f.Message)
		}
	}
}

func TestRunSelectionAndSeverity(t *testing.T) {
	testRules(t)
	fs := Run(model(), &Target{}, &RunOptions{Disable: []string{"fake-panic"}, Severity: map[string]Severity{"TLX01": Info}})
	for _, f := range fs {
		if f.Rule == "TLX02" || f.Rule == "TL004" {
			t.Errorf("disabled by name, still ran: %+v", f)
		}
		if f.Rule == "TLX01" && f.Severity != Info {
			t.Errorf("severity override not applied: %v", f.Severity)
		}
	}
	fs = Run(model(), &Target{}, &RunOptions{Enabled: map[string]bool{"TLX01": false, "TLX02": false}})
	for _, f := range fs {
		if strings.HasPrefix(f.Rule, "TLX") {
			t.Errorf("disabled in config, still ran: %+v", f)
		}
	}
}

func TestSuppressions(t *testing.T) {
	testRules(t)
	m := model()
	m.Suppressions = []*Suppression{
		{Pos: m.Source("a.conf").Pos(0, 1), File: "a.conf", From: 1, To: 2, Rules: []string{"TLX01"}, Reason: "known"},
		{Pos: m.Source("a.conf").Pos(0, 1), File: "a.conf", From: 4, To: 4, Rules: []string{"TLX01"}},
		{Pos: m.Source("a.conf").Pos(0, 1), File: "a.conf", FileWide: true, Rules: []string{"TLX99"}, Reason: "typo"},
		{Pos: m.Source("a.conf").Pos(0, 1), File: "a.conf", From: 9, To: 9, Rules: []string{"fake-warning"}, Reason: "stale"},
	}
	fs := Run(m, &Target{}, &RunOptions{Disable: []string{"TLX02"}})
	var suppressed, tl003 int
	var msgs []string
	for _, f := range fs {
		if f.Suppressed != nil {
			suppressed++
		}
		if f.Rule == "TL003" {
			tl003++
			msgs = append(msgs, f.Message)
		}
	}
	if suppressed != 1 {
		t.Errorf("suppressed %d findings, want 1 (the one with a reason)", suppressed)
	}
	all := strings.Join(msgs, "\n")
	if tl003 != 3 || !strings.Contains(all, "missing reason") || !strings.Contains(all, `unknown rule "TLX99"`) || !strings.Contains(all, "matches no finding") {
		t.Errorf("TL003: %d findings:\n%s", tl003, all)
	}
	fs = Run(m, &Target{}, &RunOptions{Disable: []string{"TLX02"}, NoInlineIgnores: true})
	for _, f := range fs {
		if f.Suppressed != nil {
			t.Error("--no-inline-ignores: nothing is suppressed")
		}
	}
}

func TestHostPortAndVersions(t *testing.T) {
	if HostPort("::1", 443) != "[::1]:443" || HostPort("a", 80) != "a:80" || HostPort("[::]", 443) != "[::]:443" {
		t.Error(HostPort("::1", 443), HostPort("[::]", 443))
	}
	v, err := ParseProductVersion("1.27.3")
	if err != nil || !v.AtLeast(1, 27, 3) || v.AtLeast(1, 27, 4) {
		t.Errorf("%v %v", v, err)
	}
	if _, err := ParseProductVersion("one"); err == nil {
		t.Error("bad version accepted")
	}
	for _, c := range []struct {
		v    string
		want string
	}{{"1.22", "TLSv1 TLSv1.1 TLSv1.2"}, {"1.24", "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3"}, {"1.27.3", "TLSv1.2 TLSv1.3"}} {
		pv, _ := ParseProductVersion(c.v)
		if got := (&Target{Nginx: pv}).NginxDefaultProtocols().String(); got != c.want {
			t.Errorf("nginx %s default protocols %q, want %q", c.v, got, c.want)
		}
	}
}
