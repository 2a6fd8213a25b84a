package lint

import (
	"crypto/x509"
	"strings"
	"sync"

	"github.com/tlslint/tlslint/lint/clients"

	"github.com/tlslint/tlslint/lint/certs"
)

// CertStore is the certificate files a model references, read once before
// the rules run: rules ask it for bundles and reports and never touch a
// file themselves (the loader's cache already holds every file).
type CertStore struct {
	Analyzer *certs.Analyzer
	// Require: files that cannot be read are errors (--require-certs), not info.
	Require bool
	// completing: for each served bundle that does not chain, the sibling
	// file that completes it (TL301's fix), found before the rules run.
	mu         sync.Mutex
	completing map[string]string
}

// NewCertStore wraps an analyzer.
func NewCertStore(a *certs.Analyzer, require bool) *CertStore {
	return &CertStore{Analyzer: a, Require: require, completing: map[string]string{}}
}

// Completing returns the file found next to an incomplete served bundle
// that completes its chain for certain ("" when none), as AttachCerts
// looked it up.
func (s *CertStore) Completing(certPath string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.completing[certPath]
}

// Load returns the parsed file at path (a mapped, absolute path or a
// product-specific reference). The loader reads and parses each file once,
// errors included, and is safe for concurrent use.
func (s *CertStore) Load(path string) (*certs.Bundle, error) {
	return s.Analyzer.Loader().Load(path)
}

// Served analyzes a served certificate bundle with its key (either may be
// nil): the report every TL3xx rule reads. Nil when the bundle has no
// certificate.
func (s *CertStore) Served(cert, key *certs.Bundle) *certs.Report {
	if cert == nil || len(cert.Certs) == 0 {
		return nil
	}
	var k *certs.Key
	if key != nil {
		k = key.Key()
	}
	r, err := s.Analyzer.Analyze(cert, k)
	if err != nil {
		return nil
	}
	return r
}

// ServedPair loads and analyzes a listener's certificate pair.
func (s *CertStore) ServedPair(cp CertPair) (*certs.Report, *certs.Bundle, error) {
	if cp.CertPath == "" {
		return nil, nil, nil
	}
	b, err := s.Load(cp.CertPath)
	if err != nil || b == nil {
		return nil, b, err
	}
	var kb *certs.Bundle
	if cp.KeyPath != "" {
		kb, _ = s.Load(cp.KeyPath)
	}
	if cp.ChainPth != "" {
		if cb, err := s.Load(cp.ChainPth); err == nil && cb != nil {
			var k *certs.Key
			if kb != nil {
				k = kb.Key()
			}
			r, err := s.Analyzer.AnalyzeChain(k, b, cb)
			if err == nil {
				return r, b, nil
			}
		}
	}
	return s.Served(b, kb), b, nil
}

// AttachCerts reads every certificate, key and CA file the model
// references (concurrently, each once) and records on each served
// certificate what the handshake simulation needs (CertPair.Info).
func (m *Model) AttachCerts(s *CertStore) {
	m.Certs = s
	var paths []string
	seen := map[string]bool{}
	add := func(p string) {
		if p != "" && !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	for _, l := range m.Listeners {
		for _, c := range l.Certs {
			add(c.CertPath)
			add(c.KeyPath)
			add(c.ChainPth)
		}
		if l.Policy != nil {
			add(l.Policy.TrustedPath)
		}
	}
	for _, u := range m.Upstreams {
		for _, c := range u.ClientCerts {
			add(c.CertPath)
			add(c.KeyPath)
		}
		if u.Policy != nil {
			add(u.Policy.TrustedPath)
		}
	}
	Parallel(len(paths), 4, func(i int) { s.Load(paths[i]) }) // I/O: a few more than the cores
	// analyze each distinct pair once, on every core (signature checks)
	pairs := map[[3]string]bool{}
	var list [][3]string
	for _, l := range m.Listeners {
		for _, c := range l.Certs {
			k := [3]string{c.CertPath, c.KeyPath, c.ChainPth}
			if c.CertPath != "" && !pairs[k] {
				pairs[k] = true
				list = append(list, k)
			}
		}
	}
	Parallel(len(list), 0, func(i int) {
		r, _, _ := s.ServedPair(CertPair{CertPath: list[i][0], KeyPath: list[i][1], ChainPth: list[i][2]})
		if r != nil && !r.Complete {
			// the only extra reading: sibling bundles that could repair the chain
			if alt, ok := s.Analyzer.CompletingBundle(list[i][0]); ok {
				s.mu.Lock()
				s.completing[list[i][0]] = alt
				s.mu.Unlock()
			}
		}
	})
	// One CertInfo per distinct pair, shared by every listener serving it:
	// a certificate served by hundreds of servers (a wildcard, a SAN list
	// of hundreds of names) is summarized once, not once per server.
	infos := map[[3]string]*CertInfo{}
	for _, l := range m.Listeners {
		for i := range l.Certs {
			cp := &l.Certs[i]
			k := [3]string{cp.CertPath, cp.KeyPath, cp.ChainPth}
			info, ok := infos[k]
			if !ok {
				info = certInfo(s, *cp)
				infos[k] = info
			}
			if info != nil {
				cp.Info = info
			}
		}
	}
}

// certInfo summarizes a served pair for the simulation; nil when the pair
// has no readable certificate.
func certInfo(s *CertStore, cp CertPair) *CertInfo {
	r, _, _ := s.ServedPair(cp)
	if r == nil {
		return nil
	}
	leaf := r.EndEntityCert()
	ki := leaf.Key()
	return &CertInfo{Cert: clients.Cert{Key: clientKey(ki.Type), Bits: ki.Bits, Sig: sigHash(r.WeakestSignature())},
		Subject: leaf.Summary().Subject, SANs: certs.SANs(leaf.Certificate), leaf: leaf.Certificate,
		Issuer: leaf.Issuer.String(), Complete: r.Complete, NotBefore: leaf.NotBefore, NotAfter: leaf.NotAfter}
}

// sigHash is the hash of a signature algorithm as the simulation weighs it
// (MD2 counts as MD5: both are refused alike).
func sigHash(a x509.SignatureAlgorithm) clients.SigHash {
	s := a.String()
	switch {
	case strings.HasPrefix(s, "MD5") || strings.HasPrefix(s, "MD2"):
		return clients.SigMD5
	case strings.HasPrefix(s, "SHA1") || strings.HasPrefix(s, "DSA-SHA1") || strings.HasPrefix(s, "ECDSA-SHA1"):
		return clients.SigSHA1
	case strings.Contains(s, "SHA384"):
		return clients.SigSHA384
	case strings.Contains(s, "SHA512"):
		return clients.SigSHA512
	}
	return clients.SigSHA256
}

// clientKey is a certificate key type as the simulation takes it (an
// unknown type is simulated as RSA, the common case).
func clientKey(t certs.KeyType) clients.KeyType {
	switch t {
	case certs.KeyECDSA:
		return clients.KeyECDSA
	case certs.KeyDSA:
		return clients.KeyDSA
	case certs.KeyEd25519:
		return clients.KeyEd25519
	case certs.KeyEd448:
		return clients.KeyEd448
	}
	return clients.KeyRSA
}

// Covers reports whether the served leaf is valid for a host name (its
// subjectAltNames, as clients check them).
func (c *CertInfo) Covers(name string) bool { return c.leaf != nil && certs.Covers(c.leaf, name) }
