// Package certtest builds a small test PKI for tests of tlslint's
// certificate handling (lint/certs, the TL3xx rules, fixtures).
//
// Everything is generated in memory by [New] and is relative to the fixed
// clock [Now], so tests never depend on the wall clock:
//
//	pki := certtest.New(t)
//	dir := t.TempDir()
//	full := pki.WriteBundle(t, dir, "site.pem", pki.Leaf, pki.Intermediate)
//	key := pki.WriteKey(t, dir, "site.key", pki.Leaf, certtest.PKCS8)
//	roots := pki.WriteBundle(t, dir, "roots.pem", pki.Root)
//	// or, in memory: pki.Pool() for a *x509.CertPool with only pki.Root
//
// Keys are ECDSA P-256 unless a certificate is about RSA (WeakRSA is
// RSA-1024, RSA and RSAIntermediate RSA-2048). ECDSA and Ed25519 keys are
// derived from the certificate's name, serial numbers too, and ECDSA
// signatures are regenerated until they have their maximum DER length, so
// every certificate's PEM has the same size and line count on every run:
// line numbers in golden files are stable. RSA keys are random (crypto/rsa
// ignores the caller's randomness); their sizes are fixed all the same.
//
// The private keys are test keys, written only to test directories. Never
// use this package outside tests.
package certtest

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Now is the clock every certificate is relative to: 2025-06-01 12:00 UTC.
// Pass it as the analysis time (certs.Options.Now, --now).
var Now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// Day is 24 hours, for offsets from Now.
const Day = 24 * time.Hour

// OCSPURL is the OCSP responder in Leaf (and every leaf made with
// Spec.OCSP left nil by New).
const OCSPURL = "http://ocsp.example.test"

// Cert is a test certificate with its private key.
type Cert struct {
	Name string // the Spec name ("leaf", "root", …)
	Cert *x509.Certificate
	// Key is the test private key. It implements crypto.Signer.
	Key crypto.Signer
}

// PEM returns the certificate as one PEM block.
func (c *Cert) PEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Cert.Raw})
}

// PKI is a set of certificates for tests. Valid leaves are valid at Now and
// chain Leaf → Intermediate → Root; Root is the only trust anchor.
type PKI struct {
	Root         *Cert // "certtest Root CA", ECDSA P-256, self-signed
	Intermediate *Cert // "certtest Intermediate CA", issued by Root
	// RSAIntermediate is an RSA-2048 CA issued by Root; it signs MD5.
	RSAIntermediate *Cert

	// Leaves issued by Intermediate (ECDSA P-256, SHA-256) unless noted.
	Leaf        *Cert // www.example.com + example.com, OCSP responder OCSPURL, Now−30d … Now+60d
	Expiring    *Cert // expiring.example.com, expires at Now+10d
	Expired     *Cert // expired.example.com, Now−91d … Now−1d
	NotYetValid *Cert // future.example.com, Now+1d … Now+91d
	WrongName   *Cert // other.example.net only
	Wildcard    *Cert // *.example.com + example.com
	IP          *Cert // IP SANs 192.0.2.10 and 2001:db8::10, no DNS SAN
	CNOnly      *Cert // CN www.example.com and no subjectAltName at all
	WeakRSA     *Cert // RSA-1024 key (weak at security level 2)
	RSA         *Cert // RSA-2048 key
	SHA1        *Cert // signed with ECDSA-SHA1 by Intermediate
	MD5         *Cert // RSA-2048 key, signed with MD5-RSA by RSAIntermediate
	MustStaple  *Cert // carries the TLS Feature status_request (RFC 7633)
	SelfSigned  *Cert // www.example.com, self-signed, not a CA

	// A second hierarchy whose root is not trusted by Pool().
	UntrustedRoot         *Cert // "certtest Untrusted Root"
	UntrustedIntermediate *Cert
	UntrustedLeaf         *Cert // www.example.com
}

// KeyKind is the kind of key Issue generates.
type KeyKind int

// Key kinds.
const (
	ECDSAP256 KeyKind = iota // default
	ECDSAP384
	Ed25519
	RSA1024
	RSA2048
)

// Spec describes a certificate for Issue.
type Spec struct {
	// Name seeds the key (ECDSA, Ed25519) and the serial number; the same
	// name gives the same key. It is also the default CN.
	Name      string
	CN        string
	DNS       []string
	IPs       []net.IP
	NotBefore time.Time // zero: Now − 30 days
	NotAfter  time.Time // zero: Now + 60 days (CAs: Now + 10 years)
	CA        bool
	Key       KeyKind
	// SignatureAlgorithm overrides the issuer key's default; SHA-1 and MD5
	// (RSA issuers only) work, which crypto/x509 cannot do for MD5.
	SignatureAlgorithm x509.SignatureAlgorithm
	OCSP               []string
	MustStaple         bool
	// NoSANs leaves the subjectAltName out even when DNS is empty and the
	// name looks like a host (for CN-only certificates).
	NoSANs bool
}

// New generates the PKI. It costs a few milliseconds plus two RSA-2048 and
// one RSA-1024 key generations, shared by all PKIs of the process.
func New(t testing.TB) *PKI {
	t.Helper()
	p := &PKI{}
	p.Root = Issue(t, nil, Spec{Name: "root", CN: "certtest Root CA", CA: true})
	p.Intermediate = Issue(t, p.Root, Spec{Name: "intermediate", CN: "certtest Intermediate CA", CA: true})
	p.RSAIntermediate = Issue(t, p.Root, Spec{Name: "rsa-intermediate", CN: "certtest RSA Intermediate CA", CA: true, Key: RSA2048})
	in := p.Intermediate
	p.Leaf = Issue(t, in, Spec{Name: "leaf", CN: "www.example.com", DNS: []string{"www.example.com", "example.com"}, OCSP: []string{OCSPURL}})
	p.Expiring = Issue(t, in, Spec{Name: "expiring", CN: "expiring.example.com", NotBefore: Now.Add(-80 * Day), NotAfter: Now.Add(10 * Day)})
	p.Expired = Issue(t, in, Spec{Name: "expired", CN: "expired.example.com", NotBefore: Now.Add(-91 * Day), NotAfter: Now.Add(-Day)})
	p.NotYetValid = Issue(t, in, Spec{Name: "future", CN: "future.example.com", NotBefore: Now.Add(Day), NotAfter: Now.Add(91 * Day)})
	p.WrongName = Issue(t, in, Spec{Name: "wrong-name", CN: "other.example.net"})
	p.Wildcard = Issue(t, in, Spec{Name: "wildcard", CN: "*.example.com", DNS: []string{"*.example.com", "example.com"}})
	p.IP = Issue(t, in, Spec{Name: "ip", CN: "192.0.2.10", IPs: []net.IP{net.ParseIP("192.0.2.10"), net.ParseIP("2001:db8::10")}})
	p.CNOnly = Issue(t, in, Spec{Name: "cn-only", CN: "www.example.com", NoSANs: true})
	p.WeakRSA = Issue(t, in, Spec{Name: "weak-rsa", CN: "www.example.com", Key: RSA1024})
	p.RSA = Issue(t, in, Spec{Name: "rsa", CN: "www.example.com", Key: RSA2048})
	p.SHA1 = Issue(t, in, Spec{Name: "sha1", CN: "www.example.com", SignatureAlgorithm: x509.ECDSAWithSHA1})
	p.MD5 = Issue(t, p.RSAIntermediate, Spec{Name: "md5", CN: "www.example.com", Key: RSA2048, SignatureAlgorithm: x509.MD5WithRSA})
	p.MustStaple = Issue(t, in, Spec{Name: "must-staple", CN: "www.example.com", OCSP: []string{OCSPURL}, MustStaple: true})
	p.SelfSigned = Issue(t, nil, Spec{Name: "self-signed", CN: "www.example.com", DNS: []string{"www.example.com"}})
	p.UntrustedRoot = Issue(t, nil, Spec{Name: "untrusted-root", CN: "certtest Untrusted Root", CA: true})
	p.UntrustedIntermediate = Issue(t, p.UntrustedRoot, Spec{Name: "untrusted-intermediate", CN: "certtest Untrusted Intermediate", CA: true})
	p.UntrustedLeaf = Issue(t, p.UntrustedIntermediate, Spec{Name: "untrusted-leaf", CN: "www.example.com"})
	return p
}

// Pool returns a certificate pool holding only Root: pass it where a
// *x509.CertPool of trust anchors is wanted.
func (p *PKI) Pool() *x509.CertPool { return Pool(p.Root) }

// Pool returns a certificate pool holding the given certificates.
func Pool(certs ...*Cert) *x509.CertPool {
	pool := x509.NewCertPool()
	for _, c := range certs {
		pool.AddCert(c.Cert)
	}
	return pool
}

// Chain returns leaf followed by its issuers up to, not including, the root
// (what a complete bundle serves).
func (p *PKI) Chain(leaf *Cert) []*Cert {
	switch leaf {
	case p.MD5:
		return []*Cert{leaf, p.RSAIntermediate}
	case p.UntrustedLeaf:
		return []*Cert{leaf, p.UntrustedIntermediate}
	case p.SelfSigned, p.Root, p.UntrustedRoot:
		return []*Cert{leaf}
	case p.Intermediate, p.RSAIntermediate, p.UntrustedIntermediate:
		return []*Cert{leaf}
	}
	return []*Cert{leaf, p.Intermediate}
}

// Bundle concatenates the certificates' PEM blocks in order.
func Bundle(certs ...*Cert) []byte {
	var b bytes.Buffer
	for _, c := range certs {
		b.Write(c.PEM())
	}
	return b.Bytes()
}

// Issue makes a certificate from s, signed by parent (nil: self-signed).
func Issue(t testing.TB, parent *Cert, s Spec) *Cert {
	t.Helper()
	c, err := issue(parent, s)
	if err != nil {
		t.Fatalf("certtest: issue %q: %v", s.Name, err)
	}
	return c
}

func issue(parent *Cert, s Spec) (*Cert, error) {
	if s.Name == "" {
		return nil, fmt.Errorf("Spec.Name is required")
	}
	key, err := newKey(s.Name, s.Key)
	if err != nil {
		return nil, err
	}
	cn := s.CN
	if cn == "" {
		cn = s.Name
	}
	notBefore, notAfter := s.NotBefore, s.NotAfter
	if notBefore.IsZero() {
		notBefore = Now.Add(-30 * Day)
	}
	if notAfter.IsZero() {
		notAfter = Now.Add(60 * Day)
		if s.CA {
			notAfter = Now.AddDate(10, 0, 0)
		}
	}
	seed := sha256.Sum256([]byte("certtest serial " + s.Name))
	tpl := &x509.Certificate{
		SerialNumber:          new(big.Int).SetBytes(seed[:12]),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"tlslint certtest"}},
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		BasicConstraintsValid: true,
		IsCA:                  s.CA,
		DNSNames:              s.DNS,
		IPAddresses:           s.IPs,
		OCSPServer:            s.OCSP,
		SignatureAlgorithm:    s.SignatureAlgorithm,
	}
	if s.CA {
		tpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature
	} else {
		tpl.KeyUsage = x509.KeyUsageDigitalSignature
		if _, ok := key.Public().(*rsa.PublicKey); ok {
			tpl.KeyUsage |= x509.KeyUsageKeyEncipherment
		}
		tpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		if len(s.DNS) == 0 && len(s.IPs) == 0 && !s.NoSANs && net.ParseIP(cn) == nil {
			tpl.DNSNames = []string{cn}
		}
	}
	if s.MustStaple {
		// TLSFeature ::= SEQUENCE OF INTEGER; status_request is 5 (RFC 7633).
		v, _ := asn1.Marshal([]int{5})
		tpl.ExtraExtensions = append(tpl.ExtraExtensions, pkix.Extension{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 24}, Value: v})
	}
	issuerCert, issuerKey := tpl, key
	if parent != nil {
		issuerCert, issuerKey = parent.Cert, parent.Key
	}
	if s.CA {
		// Deterministic key identifiers (crypto/x509 would hash the key
		// anyway; this keeps self-signed and issued CAs alike).
		spki, err := x509.MarshalPKIXPublicKey(key.Public())
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(spki)
		tpl.SubjectKeyId = sum[:20]
	}
	md5Sig := s.SignatureAlgorithm == x509.MD5WithRSA
	if md5Sig {
		tpl.SignatureAlgorithm = x509.SHA256WithRSA
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, issuerCert, key.Public(), canonicalSigner{issuerKey})
	if err != nil {
		return nil, err
	}
	if md5Sig {
		if der, err = resignMD5(der, issuerKey); err != nil {
			return nil, err
		}
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &Cert{Name: s.Name, Cert: cert, Key: key}, nil
}

// rsaKeys caches RSA keys per kind and name for the process: generating
// them is the only slow part of New. The keys are immutable.
var (
	rsaMu   sync.Mutex
	rsaKeys = map[string]*rsa.PrivateKey{}
)

func newKey(name string, kind KeyKind) (crypto.Signer, error) {
	switch kind {
	case RSA1024, RSA2048:
		bits := 1024
		if kind == RSA2048 {
			bits = 2048
		}
		id := fmt.Sprintf("%d/%s", bits, name)
		rsaMu.Lock()
		defer rsaMu.Unlock()
		if k := rsaKeys[id]; k != nil {
			return k, nil
		}
		k, err := rsa.GenerateKey(rand.Reader, bits)
		if err != nil {
			return nil, err
		}
		rsaKeys[id] = k
		return k, nil
	case Ed25519:
		seed := sha256.Sum256([]byte("certtest ed25519 " + name))
		return ed25519.NewKeyFromSeed(seed[:]), nil
	case ECDSAP384:
		return ecKey(elliptic.P384(), name)
	}
	return ecKey(elliptic.P256(), name)
}

// ecKey derives a private scalar from the name.
func ecKey(curve elliptic.Curve, name string) (*ecdsa.PrivateKey, error) {
	size := (curve.Params().BitSize + 7) / 8
	for i := 0; ; i++ {
		var raw []byte
		for ctr := 0; len(raw) < size; ctr++ {
			sum := sha256.Sum256(fmt.Appendf(nil, "certtest ecdsa %s %d %d", name, i, ctr))
			raw = append(raw, sum[:]...)
		}
		k, err := ecdsa.ParseRawPrivateKey(curve, raw[:size])
		if err == nil {
			return k, nil
		}
		if i > 16 {
			return nil, err
		}
	}
}

// canonicalSigner signs with ECDSA until the signature has its maximum DER
// length (both integers need their full size plus a sign byte), so that
// certificates have the same size on every run.
type canonicalSigner struct{ crypto.Signer }

func (s canonicalSigner) Sign(r io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	k, ok := s.Signer.(*ecdsa.PrivateKey)
	if !ok {
		return s.Signer.Sign(r, digest, opts)
	}
	want := maxECDSASigLen(k.Curve)
	for range 256 {
		sig, err := ecdsa.SignASN1(r, k, digest)
		if err != nil || len(sig) == want {
			return sig, err
		}
	}
	return nil, fmt.Errorf("certtest: no full-length ECDSA signature in 256 tries")
}

func maxECDSASigLen(curve elliptic.Curve) int {
	n := curve.Params().N.BitLen()
	intLen := (n+7)/8 + 2 // tag, length, value
	if n%8 == 0 {
		intLen++ // a sign byte when the top bit is set
	}
	body := 2 * intLen
	if body >= 128 {
		return body + 3
	}
	return body + 2
}

// resignMD5 turns a SHA256-RSA certificate into an MD5-RSA one: the
// signature algorithm identifiers are swapped (both OIDs encode in nine
// bytes) and the TBS is signed again with MD5.
func resignMD5(der []byte, key crypto.Signer) ([]byte, error) {
	rk, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("MD5 signatures need an RSA issuer")
	}
	var cert struct {
		TBS    asn1.RawValue
		Alg    pkix.AlgorithmIdentifier
		Signed asn1.BitString
	}
	if _, err := asn1.Unmarshal(der, &cert); err != nil {
		return nil, err
	}
	sha256RSA := []byte{0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b}
	tbs := bytes.Clone(cert.TBS.FullBytes)
	i := bytes.Index(tbs, sha256RSA)
	if i < 0 {
		return nil, fmt.Errorf("no sha256WithRSAEncryption identifier in the TBS")
	}
	tbs[i+len(sha256RSA)-1] = 0x04 // md5WithRSAEncryption, 1.2.840.113549.1.1.4
	sum := md5.Sum(tbs)
	sig, err := rsa.SignPKCS1v15(nil, rk, crypto.MD5, sum[:])
	if err != nil {
		return nil, err
	}
	cert.TBS = asn1.RawValue{FullBytes: tbs}
	cert.Alg = pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 4}, Parameters: asn1.NullRawValue}
	cert.Signed = asn1.BitString{Bytes: sig, BitLength: 8 * len(sig)}
	return asn1.Marshal(cert)
}

// WriteFile writes data to dir/name (creating directories) and returns the
// path.
func WriteFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// WriteBundle writes the certificates as one PEM bundle, in the given
// order, and returns the path.
func (p *PKI) WriteBundle(t testing.TB, dir, name string, certs ...*Cert) string {
	t.Helper()
	return WriteFile(t, dir, name, Bundle(certs...))
}

// WriteComplete writes leaf's complete chain (leaf, then its intermediate):
// what ssl_certificate should point at.
func (p *PKI) WriteComplete(t testing.TB, dir, name string, leaf *Cert) string {
	t.Helper()
	return WriteFile(t, dir, name, Bundle(p.Chain(leaf)...))
}

// WriteLeafOnly writes the leaf alone: the missing-intermediate case (TL301).
func (p *PKI) WriteLeafOnly(t testing.TB, dir, name string, leaf *Cert) string {
	t.Helper()
	return WriteFile(t, dir, name, leaf.PEM())
}

// WriteMisordered writes the intermediate before the leaf (TL302, leaf not
// first).
func (p *PKI) WriteMisordered(t testing.TB, dir, name string, leaf *Cert) string {
	t.Helper()
	chain := p.Chain(leaf)
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	return WriteFile(t, dir, name, Bundle(chain...))
}

// WriteWithRoot writes the complete chain with the root appended (served
// root: info).
func (p *PKI) WriteWithRoot(t testing.TB, dir, name string, leaf *Cert) string {
	t.Helper()
	chain := p.Chain(leaf)
	root := p.Root
	if leaf == p.UntrustedLeaf {
		root = p.UntrustedRoot
	}
	return WriteFile(t, dir, name, Bundle(append(chain, root)...))
}

// WriteRoots writes Root as a roots file (--roots) and returns the path.
func (p *PKI) WriteRoots(t testing.TB, dir, name string) string {
	t.Helper()
	return WriteFile(t, dir, name, p.Root.PEM())
}

// WriteKey writes c's private key in the given format and returns the path.
func (p *PKI) WriteKey(t testing.TB, dir, name string, c *Cert, f KeyFormat) string {
	t.Helper()
	return WriteFile(t, dir, name, KeyPEM(t, c, f))
}

// WriteCertbot writes certbot's layout for leaf under dir:
// live/<domain>/{cert,chain,fullchain,privkey}.pem, and returns the path of
// live/<domain>/cert.pem (the file people wrongly point ssl_certificate at).
func (p *PKI) WriteCertbot(t testing.TB, dir, domain string, leaf *Cert) string {
	t.Helper()
	live := filepath.Join("live", domain)
	chain := p.Chain(leaf)
	WriteFile(t, dir, filepath.Join(live, "chain.pem"), Bundle(chain[1:]...))
	WriteFile(t, dir, filepath.Join(live, "fullchain.pem"), Bundle(chain...))
	WriteFile(t, dir, filepath.Join(live, "privkey.pem"), KeyPEM(t, leaf, PKCS8))
	return WriteFile(t, dir, filepath.Join(live, "cert.pem"), leaf.PEM())
}
