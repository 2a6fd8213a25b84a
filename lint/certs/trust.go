package certs

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"runtime"
	"time"
)

// Trust is the set of trust anchors chains are verified against: the
// system pool (x509.SystemCertPool) and/or certificates from --roots files.
// It is immutable and safe for concurrent use.
type Trust struct {
	pool    *x509.CertPool
	anchors []*x509.Certificate // from roots files, in order
	system  bool
	// systemCount is the number of system roots, or -1 when the platform
	// verifier holds them (Windows, macOS) and they cannot be counted.
	systemCount int
}

// NewTrust builds a Trust from the system pool (when system is set) and the
// certificates of roots bundles. Every certificate of a roots bundle is an
// anchor, self-signed or not, as in an OpenSSL CAfile.
//
// On Windows and macOS crypto/x509 verifies against the system pool with the
// platform verifier, which may fetch missing intermediates (AIA); there,
// only system = false gives the "no AIA fetching" answer TL301 wants.
func NewTrust(system bool, roots ...*Bundle) (*Trust, error) {
	t := &Trust{system: system}
	if system {
		p, err := x509.SystemCertPool()
		if err != nil {
			return nil, fmt.Errorf("load the system trust store: %w", err)
		}
		t.pool = p
		t.systemCount = countSystem(p)
	} else {
		t.pool = x509.NewCertPool()
	}
	for _, b := range roots {
		for _, c := range b.Certs {
			t.pool.AddCert(c.Certificate)
			t.anchors = append(t.anchors, c.Certificate)
		}
	}
	return t, nil
}

// countSystem counts the roots of a system pool where crypto/x509 loads them
// itself (Unix). Subjects is deprecated only because it cannot list the
// platform verifier's roots; it is not called there.
func countSystem(p *x509.CertPool) int {
	switch runtime.GOOS {
	case "windows", "darwin", "ios":
		return -1
	}
	//lint:ignore SA1019 used only to count roots on platforms where it lists them all.
	return len(p.Subjects())
}

// LoadTrust reads roots files through the Loader and builds a Trust. A roots
// file that cannot be read or holds no certificate is an error: the trust
// anchors are part of the question, not an input to lint.
func (l *Loader) LoadTrust(system bool, files ...string) (*Trust, error) {
	var bundles []*Bundle
	for _, f := range files {
		b, err := l.Load(f)
		if err != nil {
			return nil, err
		}
		if len(b.Certs) == 0 {
			return nil, &FileError{Name: b.Name, Path: b.Path, Kind: Malformed, Msg: "no certificate found; expected trust anchors as PEM \"-----BEGIN CERTIFICATE-----\" blocks", Err: ErrNoCertificate}
		}
		bundles = append(bundles, b)
	}
	return NewTrust(system, bundles...)
}

// System reports whether the system pool is included.
func (t *Trust) System() bool { return t != nil && t.system }

// Anchors returns the anchors that came from roots files.
func (t *Trust) Anchors() []*x509.Certificate {
	if t == nil {
		return nil
	}
	return t.anchors
}

// Empty reports whether there is no trust anchor at all (no roots files and
// an empty or absent system pool, as in a minimal container): every chain
// would be "incomplete", so callers should say that instead.
func (t *Trust) Empty() bool {
	return t == nil || len(t.anchors) == 0 && (!t.system || t.systemCount == 0)
}

// Pool returns a copy of the pool, for callers that verify themselves.
func (t *Trust) Pool() *x509.CertPool {
	if t == nil {
		return x509.NewCertPool()
	}
	return t.pool.Clone()
}

func (t *Trust) String() string {
	if t == nil {
		return "no trust anchors"
	}
	switch {
	case t.system && t.systemCount >= 0:
		return fmt.Sprintf("system pool (%d roots) + %d anchors from roots files", t.systemCount, len(t.anchors))
	case t.system:
		return fmt.Sprintf("system pool + %d anchors from roots files", len(t.anchors))
	}
	return fmt.Sprintf("%d anchors from roots files (no system roots)", len(t.anchors))
}

// IsAnchor reports whether c itself is a trust anchor.
func (t *Trust) IsAnchor(c *x509.Certificate) bool {
	if t == nil {
		return false
	}
	for _, a := range t.anchors {
		if bytes.Equal(a.Raw, c.Raw) {
			return true
		}
	}
	if !t.system {
		return false
	}
	// crypto/x509 has no pool lookup; Verify answers [[c]] exactly when c
	// is in the pool (verify.go: opts.Roots.contains(c)). Verify at a time
	// inside c's validity so that expiry does not hide membership.
	chains, err := c.Verify(x509.VerifyOptions{Roots: t.pool, CurrentTime: within(c, c.NotBefore), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err != nil {
		return false
	}
	for _, ch := range chains {
		if len(ch) == 1 {
			return true
		}
	}
	return false
}

// anchorFor finds a trust anchor that issued c, ignoring validity periods
// and accepting weak signatures (those are TL303's and TL307's): first
// among the roots files' certificates, then in the pool through Verify at a
// time inside c's validity. It returns the chain from c to the anchor.
func (t *Trust) anchorFor(c *x509.Certificate, now time.Time) ([]*x509.Certificate, bool) {
	if t == nil {
		return nil, false
	}
	for _, a := range t.anchors {
		if issuedBy(c, a) {
			return []*x509.Certificate{c, a}, true
		}
	}
	chains, err := c.Verify(x509.VerifyOptions{Roots: t.pool, CurrentTime: within(c, now), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err != nil || len(chains) == 0 {
		return nil, false
	}
	return shortest(chains), true
}

// within clamps t into c's validity period.
func within(c *x509.Certificate, t time.Time) time.Time {
	if t.Before(c.NotBefore) {
		return c.NotBefore
	}
	if t.After(c.NotAfter) {
		return c.NotAfter
	}
	return t
}

func shortest(chains [][]*x509.Certificate) []*x509.Certificate {
	best := chains[0]
	for _, ch := range chains[1:] {
		if len(ch) < len(best) {
			best = ch
		}
	}
	return best
}
