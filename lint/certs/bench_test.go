package certs

import (
	"fmt"
	"testing"

	"github.com/tlslint/tlslint/lint/certs/certtest"
)

// benchTree writes 100 full-chain bundles (distinct ECDSA leaves), the
// certificate count of DESIGN.md's performance budget (2,000 servers, 100
// certificates).
func benchTree(b *testing.B) (paths []string, trust *Trust) {
	b.Helper()
	pki := certtest.New(b)
	dir := b.TempDir()
	for i := range 100 {
		leaf := certtest.Issue(b, pki.Intermediate, certtest.Spec{Name: fmt.Sprintf("bench-%d", i), CN: fmt.Sprintf("site%d.example.com", i)})
		paths = append(paths, pki.WriteComplete(b, dir, fmt.Sprintf("site%d.pem", i), leaf))
	}
	return paths, rootsTrust(b, pki.Root)
}

// BenchmarkLoad100 loads 100 certificate files: cold (a new Loader, every
// file read and parsed) and cached (the same Loader, as rules asking again).
func BenchmarkLoad100(b *testing.B) {
	paths, _ := benchTree(b)
	load := func(b *testing.B, l *Loader) {
		for _, p := range paths {
			if _, err := l.Load(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			load(b, NewLoader(nil, nil))
		}
	})
	b.Run("cached", func(b *testing.B) {
		l := NewLoader(nil, nil)
		load(b, l)
		for b.Loop() {
			load(b, l)
		}
	})
}

// BenchmarkAnalyze100 analyzes the 100 bundles: cold (a new Analyzer) and
// cached (the reports every TL3xx rule shares).
func BenchmarkAnalyze100(b *testing.B) {
	paths, trust := benchTree(b)
	l := NewLoader(nil, nil)
	var bundles []*Bundle
	for _, p := range paths {
		bl, err := l.Load(p)
		if err != nil {
			b.Fatal(err)
		}
		bundles = append(bundles, bl)
	}
	opts := Options{Now: certtest.Now, Trust: trust, Level: DefaultLevel}
	analyze := func(b *testing.B, a *Analyzer) {
		for _, bl := range bundles {
			if _, err := a.Analyze(bl, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			analyze(b, NewAnalyzer(l, opts))
		}
	})
	b.Run("cached", func(b *testing.B) {
		a := NewAnalyzer(l, opts)
		analyze(b, a)
		for b.Loop() {
			analyze(b, a)
		}
	})
}
