package f5

import (
	"errors"
	"slices"
	"testing"

	"github.com/tlslint/tlslint/lint/tls"
)

// FuzzExpand: any string on any release: no panic, and the invariants of a
// result hold: an error has no rows, rows are unique (suite, protocol)
// pairs, Suites and F5 are parallel and distinct, Protocols are exactly
// the TLS versions of the rows (without TLS 1.3), Usable agrees, and the
// memoized Expand agrees with ExpandWith.
func FuzzExpand(f *testing.F) {
	f.Add("DEFAULT", uint8(17), uint8(1))
	f.Add("ecdhe:rsa:!sslv3:!rc4:!exp:!des", uint8(12), uint8(1))
	f.Fuzz(func(t *testing.T, s string, major, minor uint8) {
		v := Version{int(major % 24), int(minor % 8)}
		e := ExpandWith(s, v, Options{})
		if e.Err != nil {
			if !errors.Is(e.Err, ErrSyntax) && !errors.Is(e.Err, ErrNoCiphers) {
				t.Fatalf("%q: unexpected error %v", s, e.Err)
			}
			if len(e.Rows)+len(e.Suites)+len(e.F5) != 0 || !e.Protocols.Empty() {
				t.Fatalf("%q: error with rows", s)
			}
			return
		}
		if len(e.Rows) == 0 || len(e.Suites) != len(e.F5) {
			t.Fatalf("%q: %d rows, %d suites, %d F5", s, len(e.Rows), len(e.Suites), len(e.F5))
		}
		seen := map[Row]bool{}
		var protos tls.VersionSet
		for _, r := range e.Rows {
			if seen[r] {
				t.Fatalf("%q: row %s twice", s, r)
			}
			seen[r] = true
			if tv, ok := r.Protocol.TLS(); ok && tv != tls.TLS13 {
				protos = protos.With(tv)
			}
		}
		if protos != e.Protocols {
			t.Fatalf("%q: Protocols %s, rows have %s", s, e.Protocols, protos)
		}
		suites := map[*Suite]bool{}
		for i, fs := range e.F5 {
			if suites[fs] || fs.TLS != e.Suites[i] {
				t.Fatalf("%q: F5/Suites mismatch at %d", s, i)
			}
			suites[fs] = true
		}
		for _, tv := range tls.AllVersions {
			if (len(e.Usable(tv)) > 0) != e.Protocols.Has(tv) {
				t.Fatalf("%q: Usable(%s) disagrees with Protocols %s", s, tv, e.Protocols)
			}
		}
		// The memo (bounded: once full it stops storing) gives the same result.
		if m := Expand(s, v); !slices.Equal(m.Rows, e.Rows) || !slices.Equal(m.Unknown, e.Unknown) || (m.Err == nil) != (e.Err == nil) {
			t.Fatalf("%q: Expand and ExpandWith differ", s)
		}
	})
}
