package certs

import (
	"crypto/x509"
	"errors"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint/certs/certtest"
)

func TestLoadTrust(t *testing.T) {
	pki := certtest.New(t)
	dir := t.TempDir()
	roots := pki.WriteBundle(t, dir, "roots.pem", pki.Root, pki.UntrustedRoot)
	l := NewLoader(nil, nil)

	tr, err := l.LoadTrust(false, roots)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Anchors()) != 2 || tr.System() || tr.Empty() {
		t.Errorf("anchors %d system %v empty %v", len(tr.Anchors()), tr.System(), tr.Empty())
	}
	if !tr.IsAnchor(pki.Root.Cert) || !tr.IsAnchor(pki.UntrustedRoot.Cert) || tr.IsAnchor(pki.Intermediate.Cert) {
		t.Error("IsAnchor")
	}
	if got := tr.String(); got != "2 anchors from roots files (no system roots)" {
		t.Errorf("String %q", got)
	}
	// Pool is a copy: adding to it does not change the Trust.
	tr.Pool().AddCert(pki.Intermediate.Cert)
	if tr.IsAnchor(pki.Intermediate.Cert) {
		t.Error("Pool is not a copy")
	}

	if _, err := l.LoadTrust(false, dir+"/missing.pem"); !IsUnavailable(err) {
		t.Errorf("missing roots file: %v", err)
	}
	keyOnly := pki.WriteKey(t, dir, "key.pem", pki.Leaf, certtest.PKCS8)
	if _, err := l.LoadTrust(false, keyOnly); !errors.Is(err, ErrNoCertificate) || !strings.Contains(err.Error(), "expected trust anchors") {
		t.Errorf("roots file without certificates: %v", err)
	}

	empty, _ := NewTrust(false)
	var none *Trust
	if !empty.Empty() || !none.Empty() || none.IsAnchor(pki.Root.Cert) || none.String() != "no trust anchors" || none.Pool() == nil || none.Anchors() != nil {
		t.Error("empty and nil Trust")
	}
}

func TestSystemTrust(t *testing.T) {
	pki := certtest.New(t)
	tr, err := NewTrust(true, bundleOf(t, "roots.pem", pki.Root))
	if err != nil {
		t.Skipf("no system trust store here: %v", err)
	}
	if !tr.System() || !strings.HasPrefix(tr.String(), "system pool") {
		t.Errorf("System %v String %q", tr.System(), tr.String())
	}
	// The test PKI's root is trusted only because it was added.
	if !tr.IsAnchor(pki.Root.Cert) || tr.IsAnchor(pki.UntrustedRoot.Cert) {
		t.Error("IsAnchor with the system pool")
	}
	r, err := Analyze(bundleOf(t, "s.pem", pki.Leaf, pki.Intermediate), nil, Options{Now: certtest.Now, Trust: tr})
	if err != nil || !r.Complete || !r.Verified {
		t.Errorf("chain under system pool + roots file: %v %v", r, err)
	}
	r, _ = Analyze(bundleOf(t, "s.pem", pki.UntrustedLeaf, pki.UntrustedIntermediate), nil, Options{Now: certtest.Now, Trust: tr})
	if r.Complete {
		t.Error("a private CA chain verified against the system pool")
	}
}

// TestIsAnchorThroughPool covers anchors that are only in the pool (the
// system pool's case): membership is found through Verify, even for an
// expired root.
func TestIsAnchorThroughPool(t *testing.T) {
	pki := certtest.New(t)
	expiredRoot := certtest.Issue(t, nil, certtest.Spec{Name: "expired-root", CN: "certtest Expired Root", CA: true,
		NotBefore: certtest.Now.AddDate(-10, 0, 0), NotAfter: certtest.Now.AddDate(-1, 0, 0)})
	pool := x509.NewCertPool()
	pool.AddCert(pki.Root.Cert)
	pool.AddCert(expiredRoot.Cert)
	tr := &Trust{pool: pool, system: true, systemCount: 2}
	if !tr.IsAnchor(pki.Root.Cert) || !tr.IsAnchor(expiredRoot.Cert) || tr.IsAnchor(pki.Intermediate.Cert) || tr.IsAnchor(pki.UntrustedRoot.Cert) {
		t.Error("pool membership")
	}
	if ch, ok := tr.anchorFor(pki.Intermediate.Cert, certtest.Now); !ok || len(ch) != 2 || ch[1] != pki.Root.Cert {
		t.Errorf("anchorFor(intermediate) = %v %v", ch, ok)
	}
	if _, ok := tr.anchorFor(pki.Leaf.Cert, certtest.Now); ok {
		t.Error("anchorFor(leaf) found an anchor without the intermediate")
	}
}
