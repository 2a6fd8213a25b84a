package tls

import "testing"

const benchString = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:HIGH:!aNULL:!MD5:@STRENGTH"

// BenchmarkExpandCold measures one full expansion (what every distinct
// cipher string of a configuration costs once).
func BenchmarkExpandCold(b *testing.B) {
	for _, tc := range []struct{ name, target string }{{"3.0", "3.0"}, {"1.0.2", "1.0.2"}} {
		target := mustTarget(b, tc.target)
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if e := ExpandWith(benchString, target, ExpandOptions{}); e.Err != nil {
					b.Fatal(e.Err)
				}
			}
		})
	}
}

// BenchmarkExpandMemoized measures a repeated expansion (every further
// server block with the same ssl_ciphers).
func BenchmarkExpandMemoized(b *testing.B) {
	target := mustTarget(b, "3.0")
	Expand(benchString, target)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if e := Expand(benchString, target); e.Err != nil {
			b.Fatal(e.Err)
		}
	}
}

func BenchmarkUsable(b *testing.B) {
	target := mustTarget(b, "3.0")
	e := Expand(benchString, target)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		e.Usable(target, TLS12)
	}
}

func BenchmarkParseGroups35(b *testing.B) {
	target := mustTarget(b, "3.5")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseGroupList("?*X25519MLKEM768 / *x25519:secp256r1 / DEFAULT:-ffdhe2048", target); err != nil {
			b.Fatal(err)
		}
	}
}
