package certs

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"testing"
	"time"
)

// A bundle of n chained certificates, leaf first (the hostile input that
// took 9.5 s and 1.2 GB at n = 4,001 when every pair was tried).
func chainedBundle(t testing.TB, n int) []*CertReport {
	t.Helper()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var parent *x509.Certificate
	var parentKey *ecdsa.PrivateKey
	out := make([]*CertReport, n)
	for i := range n {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(int64(i + 1)), Subject: pkix.Name{CommonName: fmt.Sprintf("CA %d", i)},
			NotBefore: t0, NotAfter: t0.AddDate(1, 0, 0), IsCA: i < n-1, BasicConstraintsValid: true}
		p, signer := tmpl, k
		if parent != nil {
			p, signer = parent, parentKey
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, p, &k.PublicKey, signer)
		if err != nil {
			t.Fatal(err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		out[n-1-i] = &CertReport{Cert: &Cert{Certificate: c}}
		parent, parentKey = c, k
	}
	return out
}

func TestGraphLinear(t *testing.T) {
	const n = 600
	certs := chainedBundle(t, n)
	g := newGraph(certs)
	ee := g.endEntity(-1)
	if ee != 0 {
		t.Fatalf("end entity %d, want 0", ee)
	}
	if p := g.path(ee); len(p) != n {
		t.Fatalf("path of %d certificates, want %d", len(p), n)
	}
	// Only pairs whose names chain are tried: one per link.
	if len(g.memo) > 2*n {
		t.Errorf("%d signature checks for %d certificates: not linear", len(g.memo), n)
	}
}
