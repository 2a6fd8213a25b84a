package certs

import (
	"crypto/x509"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tlslint/tlslint/lint/certs/certtest"
)

// bundleOf parses certificates written as one PEM bundle, as the Loader
// would read them from a file.
func bundleOf(t testing.TB, name string, certs ...*certtest.Cert) *Bundle {
	t.Helper()
	return mustParse(t, name, certtest.Bundle(certs...))
}

func keyOf(t testing.TB, c *certtest.Cert) *Key {
	t.Helper()
	return mustParse(t, c.Name+".key", certtest.KeyPEM(t, c, certtest.PKCS8)).Key()
}

func rootsTrust(t testing.TB, anchors ...*certtest.Cert) *Trust {
	t.Helper()
	tr, err := NewTrust(false, bundleOf(t, "roots.pem", anchors...))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestAnalyzeChains(t *testing.T) {
	pki := certtest.New(t)
	// An intermediate that expired yesterday, and a leaf it issued.
	oldInter := certtest.Issue(t, pki.Root, certtest.Spec{Name: "old-intermediate", CN: "certtest Old Intermediate", CA: true, NotBefore: certtest.Now.AddDate(-2, 0, 0), NotAfter: certtest.Now.Add(-certtest.Day)})
	oldLeaf := certtest.Issue(t, oldInter, certtest.Spec{Name: "old-leaf", CN: "www.example.com", NotBefore: certtest.Now.Add(-100 * certtest.Day), NotAfter: certtest.Now.Add(-2 * certtest.Day)})
	// An intermediate signed by the root with SHA-1, and a leaf under it.
	sha1Inter := certtest.Issue(t, pki.Root, certtest.Spec{Name: "sha1-intermediate", CN: "certtest SHA-1 Intermediate", CA: true, SignatureAlgorithm: x509.ECDSAWithSHA1})
	sha1InterLeaf := certtest.Issue(t, sha1Inter, certtest.Spec{Name: "under-sha1", CN: "www.example.com"})

	trust := rootsTrust(t, pki.Root)
	type want struct {
		complete, verified   bool
		endEntity            int
		leafFirst            bool
		keyIndex             int
		path, order, extra   []int
		moves                []Move
		misordered           bool
		rootServed           int
		stopsAt              int
		missingIssuer        string
		untrustedRoot        bool
		selfSignedLeaf       bool
		roles                []Role
		anchor               string // CN of the anchor reached
		verifyErr            string // substring of VerifyErr
		issuerServed, staple bool
	}
	tests := []struct {
		name  string
		certs []*certtest.Cert
		key   *certtest.Cert
		trust *Trust
		want  want
	}{
		{"complete fullchain with its key", []*certtest.Cert{pki.Leaf, pki.Intermediate}, pki.Leaf, trust, want{
			complete: true, verified: true, leafFirst: true, path: []int{0, 1}, order: []int{0, 1}, rootServed: -1, stopsAt: -1,
			roles: []Role{RoleLeaf, RoleIntermediate}, anchor: "certtest Root CA", issuerServed: true}},
		{"leaf only: missing intermediate", []*certtest.Cert{pki.Leaf}, pki.Leaf, trust, want{
			leafFirst: true, path: []int{0}, order: []int{0}, rootServed: -1, stopsAt: 0, missingIssuer: "certtest Intermediate CA",
			roles: []Role{RoleLeaf}, verifyErr: "unknown authority"}},
		{"intermediate before the leaf, key says which is the leaf", []*certtest.Cert{pki.Intermediate, pki.Leaf}, pki.Leaf, trust, want{
			complete: true, verified: true, endEntity: 1, keyIndex: 1, path: []int{1, 0}, order: []int{1, 0}, misordered: true,
			moves: []Move{{1, 0}, {0, 1}}, rootServed: -1, stopsAt: -1, roles: []Role{RoleIntermediate, RoleLeaf}, anchor: "certtest Root CA"}},
		{"intermediate before the leaf, no key: basic constraints decide", []*certtest.Cert{pki.Intermediate, pki.Leaf}, nil, trust, want{
			complete: true, verified: true, endEntity: 1, keyIndex: -1, path: []int{1, 0}, order: []int{1, 0}, misordered: true,
			moves: []Move{{1, 0}, {0, 1}}, rootServed: -1, stopsAt: -1, roles: []Role{RoleIntermediate, RoleLeaf}, anchor: "certtest Root CA"}},
		{"root before the intermediate", []*certtest.Cert{pki.Leaf, pki.Root, pki.Intermediate}, pki.Leaf, trust, want{
			complete: true, verified: true, leafFirst: true, path: []int{0, 2, 1}, order: []int{0, 2, 1}, misordered: true,
			moves: []Move{{2, 1}, {1, 2}}, rootServed: 1, stopsAt: -1, roles: []Role{RoleLeaf, RoleRoot, RoleIntermediate}, anchor: "certtest Root CA", issuerServed: true}},
		{"root appended", []*certtest.Cert{pki.Leaf, pki.Intermediate, pki.Root}, pki.Leaf, trust, want{
			complete: true, verified: true, leafFirst: true, path: []int{0, 1, 2}, order: []int{0, 1, 2}, rootServed: 2, stopsAt: -1,
			roles: []Role{RoleLeaf, RoleIntermediate, RoleRoot}, anchor: "certtest Root CA", issuerServed: true}},
		{"unrelated certificate between leaf and intermediate", []*certtest.Cert{pki.Leaf, pki.WrongName, pki.Intermediate}, pki.Leaf, trust, want{
			complete: true, verified: true, leafFirst: true, path: []int{0, 2}, order: []int{0, 2, 1}, extra: []int{1}, misordered: true,
			moves: []Move{{2, 1}, {1, 2}}, rootServed: -1, stopsAt: -1, roles: []Role{RoleLeaf, RoleExtra, RoleIntermediate}, anchor: "certtest Root CA", issuerServed: true}},
		{"intermediate twice", []*certtest.Cert{pki.Leaf, pki.Intermediate, pki.Intermediate}, nil, trust, want{
			complete: true, verified: true, leafFirst: true, keyIndex: -1, path: []int{0, 1}, order: []int{0, 1, 2}, extra: []int{2}, rootServed: -1, stopsAt: -1,
			roles: []Role{RoleLeaf, RoleIntermediate, RoleDuplicate}, anchor: "certtest Root CA", issuerServed: true}},
		{"private CA not in the trust anchors", []*certtest.Cert{pki.UntrustedLeaf, pki.UntrustedIntermediate, pki.UntrustedRoot}, pki.UntrustedLeaf, trust, want{
			leafFirst: true, path: []int{0, 1, 2}, order: []int{0, 1, 2}, rootServed: 2, stopsAt: 2, untrustedRoot: true,
			roles: []Role{RoleLeaf, RoleIntermediate, RoleRoot}, verifyErr: "unknown authority", issuerServed: true}},
		{"private CA passed as roots", []*certtest.Cert{pki.UntrustedLeaf, pki.UntrustedIntermediate}, pki.UntrustedLeaf, rootsTrust(t, pki.UntrustedRoot), want{
			complete: true, verified: true, leafFirst: true, path: []int{0, 1}, order: []int{0, 1}, rootServed: -1, stopsAt: -1,
			roles: []Role{RoleLeaf, RoleIntermediate}, anchor: "certtest Untrusted Root", issuerServed: true}},
		{"self-signed leaf", []*certtest.Cert{pki.SelfSigned}, pki.SelfSigned, trust, want{
			leafFirst: true, path: []int{0}, order: []int{0}, rootServed: -1, stopsAt: 0, untrustedRoot: true, selfSignedLeaf: true,
			roles: []Role{RoleLeaf}, verifyErr: "unknown authority"}},
		{"self-signed leaf that is a configured anchor", []*certtest.Cert{pki.SelfSigned}, pki.SelfSigned, rootsTrust(t, pki.Root, pki.SelfSigned), want{
			complete: true, verified: true, leafFirst: true, path: []int{0}, order: []int{0}, rootServed: -1, stopsAt: -1,
			roles: []Role{RoleLeaf}, anchor: "www.example.com"}},
		{"expired leaf: complete, not verified", []*certtest.Cert{pki.Expired, pki.Intermediate}, pki.Expired, trust, want{
			complete: true, leafFirst: true, path: []int{0, 1}, order: []int{0, 1}, rootServed: -1, stopsAt: -1,
			roles: []Role{RoleLeaf, RoleIntermediate}, anchor: "certtest Root CA", verifyErr: "expired", issuerServed: true}},
		{"expired intermediate: complete, not verified", []*certtest.Cert{oldLeaf, oldInter}, oldLeaf, trust, want{
			complete: true, leafFirst: true, path: []int{0, 1}, order: []int{0, 1}, rootServed: -1, stopsAt: -1,
			roles: []Role{RoleLeaf, RoleIntermediate}, anchor: "certtest Root CA", verifyErr: "expired", issuerServed: true}},
		{"SHA-1 leaf: complete (TL307 reports the signature)", []*certtest.Cert{pki.SHA1, pki.Intermediate}, pki.SHA1, trust, want{
			complete: true, leafFirst: true, path: []int{0, 1}, order: []int{0, 1}, rootServed: -1, stopsAt: -1,
			roles: []Role{RoleLeaf, RoleIntermediate}, anchor: "certtest Root CA", verifyErr: "", issuerServed: true}},
		{"SHA-1 intermediate under a roots-file anchor: complete", []*certtest.Cert{sha1InterLeaf, sha1Inter}, sha1InterLeaf, trust, want{
			complete: true, leafFirst: true, path: []int{0, 1}, order: []int{0, 1}, rootServed: -1, stopsAt: -1,
			roles: []Role{RoleLeaf, RoleIntermediate}, anchor: "certtest Root CA", issuerServed: true}},
		{"MD5 leaf: complete", []*certtest.Cert{pki.MD5, pki.RSAIntermediate}, pki.MD5, trust, want{
			complete: true, leafFirst: true, path: []int{0, 1}, order: []int{0, 1}, rootServed: -1, stopsAt: -1,
			roles: []Role{RoleLeaf, RoleIntermediate}, anchor: "certtest Root CA", issuerServed: true}},
		{"key of another certificate", []*certtest.Cert{pki.Leaf, pki.Intermediate}, pki.RSA, trust, want{
			complete: true, verified: true, leafFirst: true, keyIndex: -1, path: []int{0, 1}, order: []int{0, 1}, rootServed: -1, stopsAt: -1,
			roles: []Role{RoleLeaf, RoleIntermediate}, anchor: "certtest Root CA", issuerServed: true}},
		{"chain file pointed at as the certificate", []*certtest.Cert{pki.Intermediate}, nil, trust, want{
			complete: true, verified: true, leafFirst: true, keyIndex: -1, path: []int{0}, order: []int{0}, rootServed: -1, stopsAt: -1,
			roles: []Role{RoleLeaf}, anchor: "certtest Root CA"}},
		{"must-staple leaf", []*certtest.Cert{pki.MustStaple, pki.Intermediate}, pki.MustStaple, trust, want{
			complete: true, verified: true, leafFirst: true, path: []int{0, 1}, order: []int{0, 1}, rootServed: -1, stopsAt: -1,
			roles: []Role{RoleLeaf, RoleIntermediate}, anchor: "certtest Root CA", issuerServed: true, staple: true}},
		{"no trust anchors at all", []*certtest.Cert{pki.Leaf, pki.Intermediate}, pki.Leaf, nil, want{
			leafFirst: true, path: []int{0, 1}, order: []int{0, 1}, rootServed: -1, stopsAt: 1, missingIssuer: "certtest Root CA",
			roles: []Role{RoleLeaf, RoleIntermediate}, issuerServed: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var key *Key
			if tt.key != nil {
				key = keyOf(t, tt.key)
			}
			r, err := Analyze(bundleOf(t, "site.pem", tt.certs...), key, Options{Now: certtest.Now, Trust: tt.trust, Level: DefaultLevel})
			if err != nil {
				t.Fatal(err)
			}
			w := tt.want
			if tt.key != nil && w.keyIndex == 0 && w.endEntity != 0 {
				t.Fatal("bad test: keyIndex")
			}
			if tt.key == nil && w.keyIndex == 0 {
				w.keyIndex = -1
			}
			if r.Complete != w.complete || r.Verified != w.verified {
				t.Errorf("Complete %v Verified %v (err %v), want %v %v", r.Complete, r.Verified, r.VerifyErr, w.complete, w.verified)
			}
			if r.EndEntity != w.endEntity || r.LeafFirst != w.leafFirst || r.KeyIndex != w.keyIndex {
				t.Errorf("EndEntity %d LeafFirst %v KeyIndex %d, want %d %v %d", r.EndEntity, r.LeafFirst, r.KeyIndex, w.endEntity, w.leafFirst, w.keyIndex)
			}
			checkEq(t, "Path", r.Path, w.path)
			checkEq(t, "Order", r.Order, w.order)
			checkEq(t, "Extra", r.Extra, w.extra)
			checkEq(t, "Moves", r.Moves, w.moves)
			if r.Misordered != w.misordered || r.RootServed != w.rootServed {
				t.Errorf("Misordered %v RootServed %d, want %v %d", r.Misordered, r.RootServed, w.misordered, w.rootServed)
			}
			if r.StopsAt != w.stopsAt || r.MissingIssuer != w.missingIssuer || r.UntrustedRoot != w.untrustedRoot || r.SelfSignedLeaf != w.selfSignedLeaf {
				t.Errorf("StopsAt %d MissingIssuer %q UntrustedRoot %v SelfSignedLeaf %v, want %d %q %v %v",
					r.StopsAt, r.MissingIssuer, r.UntrustedRoot, r.SelfSignedLeaf, w.stopsAt, w.missingIssuer, w.untrustedRoot, w.selfSignedLeaf)
			}
			var roles []Role
			for _, c := range r.Certs {
				roles = append(roles, c.Role)
			}
			checkEq(t, "roles", roles, w.roles)
			switch {
			case w.anchor == "" && r.Anchor != nil:
				t.Errorf("Anchor %q, want none", r.Anchor.Subject.CommonName)
			case w.anchor != "" && (r.Anchor == nil || r.Anchor.Subject.CommonName != w.anchor):
				t.Errorf("Anchor %v, want %q", r.Anchor, w.anchor)
			case w.anchor != "" && (len(r.Chain) == 0 || r.Chain[0] != r.EndEntityCert().Certificate || r.Chain[len(r.Chain)-1] != r.Anchor):
				t.Errorf("Chain does not run from the end-entity to the anchor: %v", r.Chain)
			}
			if w.verifyErr != "" && (r.VerifyErr == nil || !strings.Contains(r.VerifyErr.Error(), w.verifyErr)) {
				t.Errorf("VerifyErr %v, want %q", r.VerifyErr, w.verifyErr)
			}
			if r.Verified != (r.VerifyErr == nil) {
				t.Errorf("Verified %v with VerifyErr %v", r.Verified, r.VerifyErr)
			}
			if r.OCSP.IssuerServed != w.issuerServed || r.OCSP.MustStaple != w.staple {
				t.Errorf("OCSP %+v, want IssuerServed %v MustStaple %v", r.OCSP, w.issuerServed, w.staple)
			}
			if r.Leaf != r.Certs[0] || r.Now != certtest.Now {
				t.Error("Leaf/Now")
			}
		})
	}
}

func TestAnalyzeValidity(t *testing.T) {
	pki := certtest.New(t)
	opts := Options{Now: certtest.Now, Trust: rootsTrust(t, pki.Root), Level: DefaultLevel}
	tests := []struct {
		leaf     *certtest.Cert
		validity Validity
		daysLeft int
		expiring bool // within 21 days
	}{
		{pki.Leaf, Valid, 60, false},
		{pki.Expiring, Valid, 10, true},
		{pki.Expired, Expired, -1, false},
		{pki.NotYetValid, NotYetValid, 91, false},
	}
	for _, tt := range tests {
		r, err := Analyze(bundleOf(t, "s.pem", tt.leaf, pki.Intermediate), nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		c := r.Certs[0]
		if c.Validity != tt.validity || c.DaysLeft != tt.daysLeft {
			t.Errorf("%s: %v, %d days left; want %v, %d", tt.leaf.Name, c.Validity, c.DaysLeft, tt.validity, tt.daysLeft)
		}
		if got := slices.Contains(r.Expiring(21), c); got != tt.expiring {
			t.Errorf("%s: in Expiring(21) = %v", tt.leaf.Name, got)
		}
		if got := slices.Contains(r.Invalid(), c); got != (tt.validity != Valid) {
			t.Errorf("%s: in Invalid() = %v", tt.leaf.Name, got)
		}
		if r.Certs[1].Validity != Valid || r.Certs[1].DaysLeft < 3000 {
			t.Errorf("intermediate: %v %d", r.Certs[1].Validity, r.Certs[1].DaysLeft)
		}
	}

	// Boundaries: NotAfter itself is still valid (RFC 5280 §4.1.2.5), one
	// nanosecond later is not; the last day counts as 0 days left.
	at := func(now time.Time) *CertReport {
		r, err := Analyze(bundleOf(t, "s.pem", pki.Expiring), nil, Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		return r.Certs[0]
	}
	end := pki.Expiring.Cert.NotAfter
	if c := at(end); c.Validity != Valid || c.DaysLeft != 0 {
		t.Errorf("at NotAfter: %v %d", c.Validity, c.DaysLeft)
	}
	if c := at(end.Add(time.Nanosecond)); c.Validity != Expired || c.DaysLeft != -1 {
		t.Errorf("just after NotAfter: %v %d", c.Validity, c.DaysLeft)
	}
	if c := at(pki.Expiring.Cert.NotBefore.Add(-time.Second)); c.Validity != NotYetValid {
		t.Errorf("before NotBefore: %v", c.Validity)
	}
}

func TestAnalyzeWeaknessesAndKeys(t *testing.T) {
	pki := certtest.New(t)
	trust := rootsTrust(t, pki.Root)
	type weak struct {
		kind     WeaknessKind
		rejected bool
		reason   string
	}
	tests := []struct {
		name  string
		certs []*certtest.Cert
		level SecurityLevel
		want  [][]weak // per served certificate
		info  string   // KeyInfo of the first certificate
	}{
		{"ECDSA chain is fine", []*certtest.Cert{pki.Leaf, pki.Intermediate}, DefaultLevel, [][]weak{nil, nil}, "ECDSA P-256"},
		{"RSA-2048 is fine at level 2", []*certtest.Cert{pki.RSA, pki.Intermediate}, DefaultLevel, [][]weak{nil, nil}, "RSA 2048-bit"},
		{"RSA-2048 is refused at level 3", []*certtest.Cert{pki.RSA, pki.Intermediate}, SecurityLevel{Level: 3}, [][]weak{{{WeakKey, true, "ee key too small"}}, nil}, "RSA 2048-bit"},
		{"RSA-1024 leaf at level 2", []*certtest.Cert{pki.WeakRSA, pki.Intermediate}, DefaultLevel, [][]weak{{{WeakKey, true, "ee key too small"}}, nil}, "RSA 1024-bit"},
		{"RSA-1024 leaf at level 1: weak, loads", []*certtest.Cert{pki.WeakRSA, pki.Intermediate}, SecurityLevel{Level: 1}, [][]weak{{{WeakKey, false, ""}}, nil}, "RSA 1024-bit"},
		{"RSA-1024 as a chain certificate", []*certtest.Cert{pki.Leaf, pki.WeakRSA}, DefaultLevel, [][]weak{nil, {{WeakKey, true, "ca key too small"}}}, "ECDSA P-256"},
		{"SHA-1 at level 1, OpenSSL 3: refused", []*certtest.Cert{pki.SHA1, pki.Intermediate}, SecurityLevel{Level: 1}, [][]weak{{{WeakSignature, true, "ca md too weak"}}, nil}, "ECDSA P-256"},
		{"SHA-1 at level 1, OpenSSL 1.1.1: loads", []*certtest.Cert{pki.SHA1, pki.Intermediate}, SecurityLevel{Level: 1, Legacy: true}, [][]weak{{{WeakSignature, false, ""}}, nil}, "ECDSA P-256"},
		{"SHA-1 at level 0", []*certtest.Cert{pki.SHA1, pki.Intermediate}, SecurityLevel{}, [][]weak{{{WeakSignature, false, ""}}, nil}, "ECDSA P-256"},
		{"MD5 leaf", []*certtest.Cert{pki.MD5, pki.RSAIntermediate}, DefaultLevel, [][]weak{{{WeakSignature, true, "ca md too weak"}}, nil}, "RSA 2048-bit"},
		{"self-signed certificates' signatures do not count", []*certtest.Cert{pki.Leaf, pki.Intermediate, pki.Root}, SecurityLevel{Level: 5}, [][]weak{
			{{WeakKey, true, "ee key too small"}, {WeakSignature, true, "ca md too weak"}},
			{{WeakKey, true, "ca key too small"}, {WeakSignature, true, "ca md too weak"}},
			{{WeakKey, true, "ca key too small"}}}, "ECDSA P-256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Analyze(bundleOf(t, "s.pem", tt.certs...), nil, Options{Now: certtest.Now, Trust: trust, Level: tt.level})
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range r.Certs {
				var got []weak
				for _, w := range c.Weak {
					got = append(got, weak{w.Kind, w.Rejected, w.Reason})
				}
				checkEq(t, "weaknesses of "+c.Subject.CommonName, got, tt.want[i])
			}
			if got := r.Certs[0].Key().String(); got != tt.info {
				t.Errorf("key %q, want %q", got, tt.info)
			}
			if len(r.Weak()) != countNonEmpty(tt.want) {
				t.Errorf("Weak() = %d certificates", len(r.Weak()))
			}
		})
	}
}

func countNonEmpty[T any](s [][]T) int {
	n := 0
	for _, x := range s {
		if len(x) > 0 {
			n++
		}
	}
	return n
}

func TestAnalyzeTrustedCertificateChain(t *testing.T) {
	// nginx reads the first certificate with PEM_read_bio_X509_AUX (any
	// certificate type) and the chain with PEM_read_bio_X509, which skips
	// "TRUSTED CERTIFICATE" blocks: such an intermediate is not served.
	pki := certtest.New(t)
	b := mustParse(t, "s.pem", cat(trustedBlock(t, pki.Leaf), trustedBlock(t, pki.Intermediate)))
	r, err := Analyze(b, nil, Options{Now: certtest.Now, Trust: rootsTrust(t, pki.Root)})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Certs) != 1 || len(r.Unserved) != 1 || r.Unserved[0].Subject.CommonName != "certtest Intermediate CA" || r.Complete || r.MissingIssuer != "certtest Intermediate CA" {
		t.Errorf("served %d unserved %d complete %v missing %q", len(r.Certs), len(r.Unserved), r.Complete, r.MissingIssuer)
	}
}

func TestAnalyzeChainParts(t *testing.T) {
	// BIG-IP serves a cert-key-chain's certificate file and chain file.
	pki := certtest.New(t)
	cert := bundleOf(t, "/config/filestore/files_d/Common_d/certificate_d/:Common:site.crt_1", pki.Leaf)
	chain := bundleOf(t, "/config/filestore/files_d/Common_d/certificate_d/:Common:chain.crt_1", pki.Intermediate)
	r, err := AnalyzeChain(Options{Now: certtest.Now, Trust: rootsTrust(t, pki.Root)}, keyOf(t, pki.Leaf), cert, chain)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Complete || !r.Verified || r.KeyIndex != 0 || len(r.Certs) != 2 || r.Certs[1].File != chain.Path || r.Certs[1].Line != 1 {
		t.Errorf("Complete %v Verified %v KeyIndex %d certs %d file %q", r.Complete, r.Verified, r.KeyIndex, len(r.Certs), r.Certs[1].File)
	}
	if !r.IssuerIn(chain) || r.IssuerIn(cert) || r.IssuerIn(nil) {
		t.Error("IssuerIn")
	}
}

func TestAnalyzeOCSPAndSignature(t *testing.T) {
	pki := certtest.New(t)
	r, err := Analyze(bundleOf(t, "s.pem", pki.Leaf), nil, Options{Now: certtest.Now})
	if err != nil {
		t.Fatal(err)
	}
	checkEq(t, "OCSP servers", r.OCSP.Servers, []string{certtest.OCSPURL})
	if r.OCSP.IssuerServed || !r.IssuerIn(bundleOf(t, "trusted.pem", pki.Root, pki.Intermediate)) || r.IssuerIn(bundleOf(t, "trusted.pem", pki.Root)) {
		t.Errorf("issuer: served %v", r.OCSP.IssuerServed)
	}
	r, _ = Analyze(bundleOf(t, "s.pem", pki.WrongName, pki.Intermediate), nil, Options{Now: certtest.Now})
	if len(r.OCSP.Servers) != 0 {
		t.Errorf("OCSP servers %v for a leaf without AIA", r.OCSP.Servers)
	}
	if got := r.WeakestSignature(); got != x509.ECDSAWithSHA256 {
		t.Errorf("WeakestSignature %v", got)
	}
	r, _ = Analyze(bundleOf(t, "s.pem", pki.SHA1, pki.Intermediate, pki.Root), nil, Options{Now: certtest.Now})
	if got := r.WeakestSignature(); got != x509.ECDSAWithSHA1 {
		t.Errorf("WeakestSignature %v", got)
	}
	sum := r.Certs[0].Summary()
	if sum.Subject != "www.example.com" || sum.Issuer != "certtest Intermediate CA" || !sum.NotAfter.Equal(pki.SHA1.Cert.NotAfter) || len(sum.SHA256) != 64 {
		t.Errorf("summary %+v", sum)
	}
	if s := sum.String(); s != `"www.example.com" (issuer "certtest Intermediate CA", expires 2025-07-31)` {
		t.Errorf("summary string %s", s)
	}
}

func TestAnalyzePartialAndErrors(t *testing.T) {
	pki := certtest.New(t)
	b := mustParse(t, "mixed.pem", cat(pki.Leaf.PEM(), readTestdata(t, "brainpool-self-signed.pem")))
	r, err := Analyze(b, nil, Options{Now: certtest.Now})
	if err != nil || !r.Partial {
		t.Errorf("brainpool chain certificate: Partial %v, err %v", r != nil && r.Partial, err)
	}

	keyOnly := mustParse(t, "/etc/ssl/private/site.key", certtest.KeyPEM(t, pki.Leaf, certtest.PKCS8))
	_, err = Analyze(keyOnly, nil, Options{Now: certtest.Now})
	if !errors.Is(err, ErrNoCertificate) || !IsMalformed(err) || !strings.HasPrefix(err.Error(), "/etc/ssl/private/site.key: no certificate") {
		t.Errorf("key file as certificate: %v", err)
	}
	if _, err := Analyze(bundleOf(t, "s.pem", pki.Leaf), nil, Options{}); !errors.Is(err, ErrNoClock) {
		t.Errorf("zero Now: %v", err)
	}
}

func TestAnalyzerCaches(t *testing.T) {
	pki := certtest.New(t)
	dir := t.TempDir()
	path := pki.WriteComplete(t, dir, "site.pem", pki.Leaf)
	keyPath := pki.WriteKey(t, dir, "site.key", pki.Leaf, certtest.SEC1)
	l := NewLoader(nil, nil)
	a := NewAnalyzer(l, Options{Now: certtest.Now, Trust: rootsTrust(t, pki.Root)})
	b, _ := l.Load(path)
	kb, _ := l.Load(keyPath)
	r1, err := a.Analyze(b, kb.Key())
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := a.Analyze(b, kb.Key())
	r3, _ := a.Analyze(b, nil)
	if r1 != r2 || r1 == r3 || r1.KeyIndex != 0 || r3.KeyIndex != -1 {
		t.Error("cache keyed wrongly")
	}
	chain := bundleOf(t, "chain.pem", pki.Intermediate)
	leafOnly := bundleOf(t, "leaf.pem", pki.Leaf)
	c1, _ := a.AnalyzeChain(kb.Key(), leafOnly, chain)
	c2, _ := a.AnalyzeChain(kb.Key(), leafOnly, chain)
	c3, _ := a.AnalyzeChain(kb.Key(), leafOnly)
	if c1 != c2 || c1 == c3 || !c1.Complete || c3.Complete {
		t.Error("chain cache keyed wrongly")
	}
	if a.Options().Now != certtest.Now || a.Loader() != l {
		t.Error("accessors")
	}
}
