package f5

import "testing"

// benchString is the built-in f5-hw_keys rule: 34 suite names and four
// protocol exclusions, the longest string BIG-IP ships.
var benchString = hwKeys

// BenchmarkExpandCold measures one full expansion (what each distinct
// cipher string of a configuration costs once).
func BenchmarkExpandCold(b *testing.B) {
	for _, tc := range []struct {
		name, s string
	}{{"f5-hw_keys", benchString}, {"DEFAULT", "DEFAULT"}, {"keywords", "ECDHE:RSA:ECDHE_ECDSA:!SSLV3:!RC4:!EXP:!DES:!3DES:TLSV1_3:@STRENGTH"}} {
		b.Run(tc.name, func(b *testing.B) {
			universeFor(v171)
			b.ReportAllocs()
			for b.Loop() {
				if e := ExpandWith(tc.s, v171, Options{}); e.Err != nil {
					b.Fatal(e.Err)
				}
			}
		})
	}
}

// BenchmarkExpandMemoized measures a repeated expansion (every further
// profile with the same ciphers).
func BenchmarkExpandMemoized(b *testing.B) {
	Expand(benchString, v171)
	b.ReportAllocs()
	for b.Loop() {
		if e := Expand(benchString, v171); e.Err != nil {
			b.Fatal(e.Err)
		}
	}
}

func BenchmarkExpandGroup(b *testing.B) {
	def, _ := LookupRule("f5-default", v171)
	sec, _ := LookupRule("f5-secure", v171)
	g := Group{Name: "/Common/custom", Allow: []Rule{def, sec}, Exclude: []Rule{{Name: "/Common/no-rsa", Cipher: "RSA"}}, Ordering: "strength"}
	b.ReportAllocs()
	for b.Loop() {
		if e := expandGroup(g, v171); e.Err != nil {
			b.Fatal(e.Err)
		}
	}
}
