package tls

import (
	"errors"
	"testing"
)

var fuzzTargets = []OpenSSL{
	{Major: 1, Minor: 0, Patch: 2},
	{Major: 1, Minor: 1, Patch: 1, SecLevel: 1},
	{Major: 3, Minor: 0, SecLevel: 2},
	{Major: 3, Minor: 2, SecLevel: 2},
	{Major: 3, Minor: 5, SecLevel: 2},
}

// FuzzExpand: any string, any generation: no panic, termination, and the
// invariants OpenSSL keeps (an accepted list is non-empty and names every
// suite once; a rejected one is empty).
func FuzzExpand(f *testing.F) {
	f.Add("HIGH:!aNULL:!MD5", uint8(2))
	f.Add("DEFAULT:@SECLEVEL=1", uint8(0))
	f.Fuzz(func(t *testing.T, s string, gen uint8) {
		target := fuzzTargets[int(gen)%len(fuzzTargets)]
		e := ExpandWith(s, target, ExpandOptions{})
		if e.Err != nil {
			if !errors.Is(e.Err, ErrNoCipherMatch) && !errors.Is(e.Err, ErrInvalidCommand) {
				t.Fatalf("%q: unexpected error %v", s, e.Err)
			}
			if len(e.Suites)+len(e.List)+len(e.TLS13) != 0 {
				t.Fatalf("%q: rejected but has suites", s)
			}
		} else {
			if len(e.List) == 0 {
				t.Fatalf("%q: accepted with an empty cipher list", s)
			}
			seen := map[*Suite]bool{}
			for _, su := range e.List {
				if seen[su] {
					t.Fatalf("%q: %s listed twice", s, su.DisplayName())
				}
				seen[su] = true
			}
			for _, v := range AllVersions {
				e.Usable(target, v)
			}
		}
		if e.SecLevel < 0 || e.SecLevel > 5 {
			t.Fatalf("%q: security level %d", s, e.SecLevel)
		}
		_, _, _ = ParseGroups(s, target)
		_, _ = ParseCiphersuitesFor(s, target)
	})
}
