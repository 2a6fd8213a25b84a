package lint

import "testing"

// Origin's Refused and Unavailable live in a note shared by copies: setting
// one on a copy must leave the original (a shared policy's origin) alone.
func TestOriginNoteCopyOnWrite(t *testing.T) {
	var a Origin
	if !a.Refused().IsZero() || !a.Unavailable().IsZero() {
		t.Fatal("a zero origin has a note")
	}
	a.SetRefused(Msgf("refused %s", "x"))
	b := a
	b.SetUnavailable(Msgf("not read"))
	if !a.Unavailable().IsZero() {
		t.Errorf("setting Unavailable on a copy changed the original: %q", a.Unavailable())
	}
	if b.Refused().String() != "refused x" || b.Unavailable().String() != "not read" {
		t.Errorf("copy: refused %q, unavailable %q", b.Refused(), b.Unavailable())
	}
	b.SetRefused(Msg{})
	if a.Refused().String() != "refused x" || !b.Refused().IsZero() {
		t.Errorf("clearing Refused on a copy: original %q, copy %q", a.Refused(), b.Refused())
	}
	var c Origin
	c.SetUnavailable(Msg{})
	if c.note != nil {
		t.Error("setting a zero message allocated a note")
	}
}

// A directive's Refused is behind a pointer too: copies keep their own.
func TestDirectiveRefusedCopy(t *testing.T) {
	var d Directive
	d.SetRefused(Msgf("bad %s", "cipher"))
	e := d
	e.SetRefused(Msg{})
	if d.Refused().String() != "bad cipher" || !e.Refused().IsZero() {
		t.Errorf("original %q, copy %q", d.Refused(), e.Refused())
	}
	if e.refused != nil {
		t.Error("a zero message is stored")
	}
}
