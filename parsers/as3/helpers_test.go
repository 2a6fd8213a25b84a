package as3

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/fixtures/shared"

	"github.com/tlslint/tlslint/lint"
)

func sharedDir(t testing.TB) string { return filepath.Dir(shared.Dir(t, "data")) }

func examplesDir(t testing.TB) string {
	return filepath.Join(sharedDir(t), "data", "as3", "examples")
}

func corpusDir(t testing.TB) string { return shared.Dir(t, "corpus") }

// loadJSON loads a declaration given as text, as standard input would be.
func loadJSON(t testing.TB, js string, target *lint.Target) *lint.Model {
	t.Helper()
	m := lint.NewModel()
	if err := LoadModelBytes(m, "decl.json", []byte(js), &Options{Target: target}); err != nil {
		t.Fatal(err)
	}
	m.BuildSockets()
	return m
}

// lc is the line:col of the first occurrence of needle in text (the n-th
// with a "#n" suffix on needle), for expected positions that do not
// depend on counting by hand.
func lc(t testing.TB, text, needle string) string {
	t.Helper()
	n := 1
	if i := strings.LastIndex(needle, "#"); i > 0 {
		fmt.Sscanf(needle[i+1:], "%d", &n)
		needle = needle[:i]
	}
	off := -1
	for k := 0; k < n; k++ {
		j := strings.Index(text[off+1:], needle)
		if j < 0 {
			t.Fatalf("%q (occurrence %d) not in the declaration", needle, k+1)
		}
		off += 1 + j
	}
	line := 1 + strings.Count(text[:off], "\n")
	col := off - strings.LastIndex(text[:off], "\n")
	return fmt.Sprintf("%d:%d", line, col)
}

// at renders a position as line:col ("-" when invalid).
func at(p lint.Pos) string {
	if !p.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Col)
}

// text is the source text a position covers.
func text(m *lint.Model, p lint.Pos) string {
	s := m.Source(p.File)
	if s == nil || !p.IsValid() {
		return ""
	}
	return string(s.Data[p.Offset:p.End])
}

func diags(m *lint.Model) []string {
	var out []string
	for _, f := range m.Findings {
		out = append(out, fmt.Sprintf("%s %s %s", f.Rule, at(f.Pos), f.Message))
	}
	return out
}

func noDiags(t *testing.T, m *lint.Model) {
	t.Helper()
	for _, d := range diags(m) {
		t.Errorf("unexpected finding: %s", d)
	}
}

// wantDiag checks that exactly one finding of rule is at pos and its
// message contains msg.
func wantDiag(t *testing.T, m *lint.Model, rule, pos, msg string) {
	t.Helper()
	for _, f := range m.Findings {
		if f.Rule == rule && at(f.Pos) == pos && strings.Contains(f.Message, msg) {
			return
		}
	}
	t.Errorf("no %s at %s containing %q; findings:\n  %s", rule, pos, msg, strings.Join(diags(m), "\n  "))
}

func listenersOf(m *lint.Model, subject string) []*lint.Listener {
	var out []*lint.Listener
	for _, l := range m.Listeners {
		if l.Subject == subject {
			out = append(out, l)
		}
	}
	return out
}

func listener(t *testing.T, m *lint.Model, subject string) *lint.Listener {
	t.Helper()
	ls := listenersOf(m, subject)
	if len(ls) != 1 {
		var subs []string
		for _, l := range m.Listeners {
			subs = append(subs, l.Subject+" ("+l.Profile+")")
		}
		t.Fatalf("%d listeners %q, want 1; have %v", len(ls), subject, subs)
	}
	return ls[0]
}

func upstream(t *testing.T, m *lint.Model, subject string) *lint.Upstream {
	t.Helper()
	var subs []string
	for _, u := range m.Upstreams {
		if u.Subject == subject {
			return u
		}
		subs = append(subs, u.Subject)
	}
	t.Fatalf("no upstream %q; have %v", subject, subs)
	return nil
}

func binds(l *lint.Listener) string {
	var parts []string
	for _, b := range l.Binds {
		s := lint.HostPort(b.Addr, b.Port)
		if b.SSL {
			s += " ssl"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

func targets(u *lint.Upstream) string {
	var parts []string
	for _, e := range u.Targets {
		s := e.String()
		if e.IP {
			s += " ip"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// origin renders a setting's origin: "default <context>" or "line:col <context>".
func origin(o lint.Origin) string {
	if o.Default {
		return "default " + o.Context
	}
	return at(o.Pos) + " " + o.Context
}
