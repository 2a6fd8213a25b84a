package certs

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
)

// Options fix what an analysis is judged against.
type Options struct {
	// Now is the clock for validity (--now). Required: the package never
	// reads the wall clock.
	Now time.Time
	// Trust holds the anchors; nil means none (nothing chains).
	Trust *Trust
	// Level is the target's security level, for TL307 (see LevelOf).
	Level SecurityLevel
}

// Role is a served certificate's place in the chain.
type Role int

// Roles.
const (
	// RoleLeaf: the end-entity certificate (see Report.EndEntity).
	RoleLeaf Role = iota + 1
	// RoleIntermediate: on the issuer path from the end-entity, not
	// self-signed.
	RoleIntermediate
	// RoleRoot: a self-signed certificate ending the issuer path: a served
	// root, which clients ignore (RFC 8446 §4.4.2 allows omitting it).
	RoleRoot
	// RoleExtra: not on the end-entity's issuer path (an unrelated or
	// cross-signed certificate, another leaf). OpenSSL sends it anyway.
	RoleExtra
	// RoleDuplicate: the same certificate as an earlier one in the bundle.
	RoleDuplicate
)

func (r Role) String() string {
	switch r {
	case RoleLeaf:
		return "leaf"
	case RoleIntermediate:
		return "intermediate"
	case RoleRoot:
		return "root"
	case RoleExtra:
		return "extra"
	case RoleDuplicate:
		return "duplicate"
	}
	return "unknown"
}

// Validity is a certificate's state at Options.Now.
type Validity int

// Validity states. x509 validity is inclusive at both ends (RFC 5280
// §4.1.2.5), as in crypto/x509 and OpenSSL.
const (
	Valid Validity = iota
	Expired
	NotYetValid
)

func (v Validity) String() string {
	switch v {
	case Expired:
		return "expired"
	case NotYetValid:
		return "not yet valid"
	}
	return "valid"
}

// CertReport is what the analysis found about one served certificate.
type CertReport struct {
	*Cert
	Role     Role
	Validity Validity
	// Left is NotAfter − Now (negative once expired).
	Left time.Duration
	// DaysLeft is Left in whole days, rounded down (−1 on the day after
	// expiry, 0 on the last day).
	DaysLeft   int
	SelfSigned bool // OpenSSL's notion (subject = issuer, matching key ids)
	Anchor     bool // itself a trust anchor
	// Weak lists weak keys and signatures against Options.Level (TL307).
	Weak []Weakness
}

// Move says that the certificate at Index belongs at position Want.
type Move struct{ Index, Want int }

// OCSPInfo is what OCSP stapling (TL212) needs about the served leaf.
type OCSPInfo struct {
	// Servers are the leaf's OCSP responder URLs (AIA id-ad-ocsp). Without
	// one, nginx logs "ssl_stapling" ignored, no OCSP responder URL.
	Servers []string
	// IssuerServed: the leaf's issuer is in the served bundle. nginx looks
	// for the issuer there first, then in ssl_trusted_certificate (see
	// Report.IssuerIn); without it stapling is ignored ("issuer
	// certificate not found"), with or without ssl_stapling_verify.
	IssuerServed bool
	// MustStaple: the leaf carries the TLS Feature extension with
	// status_request (RFC 7633); clients that honour it fail without a
	// staple.
	MustStaple bool
}

// Report is the analysis of one served bundle. It is shared between
// callers: do not modify it.
type Report struct {
	Now   time.Time
	Level SecurityLevel
	Key   *Key // the key the analysis was given; nil if none

	// Certs are the served certificates in the order they are sent;
	// positions in Certs (used by every index below) can differ from
	// Cert.Index, the position in the file.
	Certs []*CertReport
	// Unserved are "TRUSTED CERTIFICATE" blocks after the first
	// certificate: nginx reads the chain with PEM_read_bio_X509, which
	// skips that type (checked against OpenSSL 3.0), so they are not sent.
	Unserved []*Cert
	// Leaf is Certs[0], the certificate nginx serves as the leaf.
	Leaf *CertReport
	// EndEntity is the index of the real leaf: the certificate the key
	// matches, else the one that is not a CA and issues no other served
	// certificate (index 0 when that is ambiguous).
	EndEntity int
	// LeafFirst: EndEntity is 0. When false nginx sends a CA (or another)
	// certificate as the leaf and, if the key is for the real leaf, refuses
	// to start ("key values mismatch"): TL302 error.
	LeafFirst bool
	// KeyIndex is the index of the certificate Key belongs to; −1 when no
	// key was given or it matches none (TL306 when Key != nil).
	KeyIndex int

	// Path is the issuer path through the served certificates: EndEntity,
	// its issuer, that one's issuer, … (indices into Certs).
	Path []int
	// Order is the order the bundle should have: Path, then the other
	// certificates in their current order.
	Order []int
	// Misordered: the bundle differs from Order; Moves lists the positions.
	// With LeafFirst it is a warning (only intermediates are out of order).
	Misordered bool
	Moves      []Move
	// Extra are served certificates not on Path (duplicates included).
	Extra []int
	// RootServed is the index of a served self-signed root ending Path, or
	// −1 (info: clients ignore it; it costs bytes in every handshake).
	RootServed int

	// Complete: the end-entity chains to a trust anchor using only the
	// served certificates, as a client that does not fetch intermediates
	// (AIA) would. Validity periods and weak signatures are not held
	// against it: TL303 and TL307 report those.
	Complete bool
	// Verified: crypto/x509 Verify at Now succeeded (any key usage); when
	// false VerifyErr says why, also for complete chains (expired, …).
	Verified  bool
	VerifyErr error
	// Chain runs from the end-entity to Anchor when Complete.
	Chain  []*x509.Certificate
	Anchor *x509.Certificate
	// StopsAt, when not Complete, is the index of the last certificate on
	// Path: the chain breaks above it.
	StopsAt int
	// MissingIssuer, when not Complete and Certs[StopsAt] is not
	// self-signed, names its issuer: the certificate missing from the
	// bundle (TL301).
	MissingIssuer string
	// UntrustedRoot: not Complete because Path ends in a self-signed
	// certificate that is not a trust anchor (a private CA: --roots).
	UntrustedRoot bool
	// SelfSignedLeaf: the end-entity is self-signed and not a trust anchor
	// (TL309; TL301 should stay quiet then: one finding per cause).
	SelfSignedLeaf bool
	// Partial: a served certificate block could not be parsed (unsupported
	// algorithm) and is missing from Certs; chain and order facts may be
	// wrong, so TL301/TL302 should not fire.
	Partial bool

	OCSP OCSPInfo
}

// EndEntityCert returns Certs[EndEntity].
func (r *Report) EndEntityCert() *CertReport { return r.Certs[r.EndEntity] }

// Invalid returns the served certificates that are expired or not yet
// valid at Now (TL303).
func (r *Report) Invalid() []*CertReport {
	var out []*CertReport
	for _, c := range r.Certs {
		if c.Validity != Valid {
			out = append(out, c)
		}
	}
	return out
}

// Expiring returns the served certificates valid at Now that expire within
// days days (TL304).
func (r *Report) Expiring(days int) []*CertReport {
	var out []*CertReport
	limit := time.Duration(days) * 24 * time.Hour
	for _, c := range r.Certs {
		if c.Validity == Valid && c.Left < limit {
			out = append(out, c)
		}
	}
	return out
}

// Weak returns the served certificates with a weak key or signature (TL307).
func (r *Report) Weak() []*CertReport {
	var out []*CertReport
	for _, c := range r.Certs {
		if len(c.Weak) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// IssuerIn reports whether a certificate of b issued the served leaf: for
// TL212, b is the ssl_trusted_certificate bundle.
func (r *Report) IssuerIn(b *Bundle) bool {
	if b == nil {
		return false
	}
	for _, c := range b.Certs {
		if issuedBy(r.Leaf.Certificate, c.Certificate) {
			return true
		}
	}
	return false
}

// WeakestSignature returns the weakest signature algorithm on the chain
// (served certificates on Path, self-signed ones excepted as OpenSSL does),
// for client simulation; x509.UnknownSignatureAlgorithm if there is none.
func (r *Report) WeakestSignature() x509.SignatureAlgorithm {
	weakest, bits := x509.UnknownSignatureAlgorithm, math.MaxInt
	for _, i := range r.Path {
		c := r.Certs[i]
		if c.SelfSigned {
			continue
		}
		if b := SignatureSecurityBits(c.SignatureAlgorithm, false); b >= 0 && b < bits {
			weakest, bits = c.SignatureAlgorithm, b
		}
	}
	return weakest
}

// Analyze analyzes one served bundle (nginx ssl_certificate) with an
// optional key (nil: no key comparison). It is AnalyzeChain(opts, key, b).
func Analyze(b *Bundle, key *Key, opts Options) (*Report, error) {
	return AnalyzeChain(opts, key, b)
}

// AnalyzeChain analyzes the certificates of parts served in order: for
// BIG-IP, the cert-key-chain's certificate file then its chain file. It
// returns an error wrapping ErrNoCertificate when the parts hold no
// certificate, and ErrNoClock when opts.Now is zero.
func AnalyzeChain(opts Options, key *Key, parts ...*Bundle) (*Report, error) {
	if opts.Now.IsZero() {
		return nil, ErrNoClock
	}
	r := &Report{Now: opts.Now, Level: opts.Level, Key: key, KeyIndex: -1, RootServed: -1, StopsAt: -1}
	for _, b := range parts {
		if b == nil {
			continue
		}
		for _, c := range b.Certs {
			if len(r.Certs) > 0 && c.BlockType == "TRUSTED CERTIFICATE" {
				r.Unserved = append(r.Unserved, c)
				continue
			}
			r.Certs = append(r.Certs, &CertReport{Cert: c})
		}
		for _, s := range b.Skipped {
			if s.Reason == SkipUnsupported && strings.Contains(s.BlockType, "CERTIFICATE") {
				r.Partial = true
			}
		}
	}
	if len(r.Certs) == 0 {
		fe := &FileError{Kind: Malformed, Msg: ErrNoCertificate.Error(), Err: ErrNoCertificate}
		if len(parts) > 0 && parts[0] != nil {
			fe.Name, fe.Path = parts[0].Name, parts[0].Path
		}
		return nil, fe
	}
	r.Leaf = r.Certs[0]
	g := newGraph(r.Certs)

	if key != nil {
		for i, c := range r.Certs {
			if key.Matches(c.Certificate) {
				r.KeyIndex = i
				break
			}
		}
	}
	r.EndEntity = g.endEntity(r.KeyIndex)
	r.LeafFirst = r.EndEntity == 0
	r.Path = g.path(r.EndEntity)
	r.order(g)

	r.chain(opts, g)

	onPath := make([]bool, len(r.Certs))
	for _, i := range r.Path {
		onPath[i] = true
	}
	for i, c := range r.Certs {
		c.SelfSigned = selfSigned(c.Certificate)
		c.Anchor = r.Anchor != nil && bytes.Equal(r.Anchor.Raw, c.Raw) || c.SelfSigned && opts.Trust.IsAnchor(c.Certificate)
		c.Left = c.NotAfter.Sub(opts.Now)
		c.DaysLeft = int(math.Floor(c.Left.Hours() / 24))
		switch {
		case opts.Now.Before(c.NotBefore):
			c.Validity = NotYetValid
		case opts.Now.After(c.NotAfter):
			c.Validity = Expired
		}
		c.Weak = Weaknesses(c.Certificate, i == 0, opts.Level)
		switch {
		case g.dup[i] >= 0:
			c.Role = RoleDuplicate
		case i == r.EndEntity:
			c.Role = RoleLeaf
		case onPath[i] && c.SelfSigned:
			c.Role = RoleRoot
		case onPath[i]:
			c.Role = RoleIntermediate
		default:
			c.Role = RoleExtra
		}
	}
	if top := r.Path[len(r.Path)-1]; len(r.Path) > 1 && r.Certs[top].SelfSigned {
		r.RootServed = top
	}
	ee := r.Certs[r.EndEntity]
	r.SelfSignedLeaf = ee.SelfSigned && !r.Complete

	r.OCSP = OCSPInfo{Servers: r.Leaf.OCSPServer, MustStaple: mustStaple(r.Leaf.Certificate)}
	for _, j := range g.issuers(0) {
		if j > 0 && g.issues(j, 0) {
			r.OCSP.IssuerServed = true
			break
		}
	}
	return r, nil
}

// order computes Order, Misordered, Moves and Extra from Path.
func (r *Report) order(g *graph) {
	onPath := make([]bool, len(r.Certs))
	for _, i := range r.Path {
		onPath[i] = true
	}
	r.Order = append([]int(nil), r.Path...)
	for i := range r.Certs {
		if !onPath[i] {
			r.Order = append(r.Order, i)
			r.Extra = append(r.Extra, i)
		}
	}
	for pos, i := range r.Order {
		if pos != i {
			r.Misordered = true
			r.Moves = append(r.Moves, Move{Index: i, Want: pos})
		}
	}
}

// chain decides Complete, Verified and the rest.
func (r *Report) chain(opts Options, g *graph) {
	ee := r.Certs[r.EndEntity].Certificate
	pool := x509.NewCertPool()
	if opts.Trust != nil {
		pool = opts.Trust.pool
	}
	inter := x509.NewCertPool()
	for i, c := range r.Certs {
		if i != r.EndEntity && g.dup[i] < 0 {
			inter.AddCert(c.Certificate)
		}
	}
	chains, err := ee.Verify(x509.VerifyOptions{Roots: pool, Intermediates: inter, CurrentTime: opts.Now, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err == nil && len(chains) > 0 {
		r.Complete, r.Verified = true, true
		r.Chain = shortest(chains)
		r.Anchor = r.Chain[len(r.Chain)-1]
		return
	}
	r.VerifyErr = err
	// Verify failed: find out whether the served path reaches an anchor
	// when time and weak signatures are not held against it, so that an
	// expired intermediate (TL303) or a SHA-1 link (TL307) is not also
	// reported as a missing one.
	var prefix []*x509.Certificate
	for _, i := range r.Path {
		c := r.Certs[i].Certificate
		if opts.Trust.IsAnchor(c) {
			r.Complete = true
			r.Chain = append(prefix, c)
			r.Anchor = c
			return
		}
		if ch, ok := opts.Trust.anchorFor(c, opts.Now); ok {
			r.Complete = true
			r.Chain = append(prefix, ch...)
			r.Anchor = ch[len(ch)-1]
			return
		}
		prefix = append(prefix, c)
	}
	r.StopsAt = r.Path[len(r.Path)-1]
	top := r.Certs[r.StopsAt]
	if selfSigned(top.Certificate) {
		r.UntrustedRoot = true
		return
	}
	r.MissingIssuer = displayName(top.Issuer.CommonName, top.Issuer.String())
}

// graph holds the issuer relation between served certificates. It is
// indexed by subject, so that a certificate's candidate issuers are the
// served certificates whose subject is its issuer name: building and
// walking the graph is linear in the bundle (a hostile bundle of 4,001
// chained certificates took 9.5 s and 1.2 GB when every pair was tried).
type graph struct {
	certs     []*CertReport
	dup       []int            // index of the earlier identical certificate, or −1
	bySubject map[string][]int // RawSubject → distinct certificates with it
	memo      map[[2]int]bool
}

func newGraph(certs []*CertReport) *graph {
	g := &graph{certs: certs, dup: make([]int, len(certs)), bySubject: map[string][]int{}, memo: map[[2]int]bool{}}
	first := make(map[string]int, len(certs))
	for i, c := range certs {
		g.dup[i] = -1
		if j, ok := first[string(c.Raw)]; ok {
			g.dup[i] = j
			continue
		}
		first[string(c.Raw)] = i
		g.bySubject[string(c.RawSubject)] = append(g.bySubject[string(c.RawSubject)], i)
	}
	return g
}

// issues reports whether certificate j issued certificate i (i ≠ j, neither
// a duplicate).
func (g *graph) issues(j, i int) bool {
	if i == j || g.dup[i] >= 0 || g.dup[j] >= 0 {
		return false
	}
	if !bytes.Equal(g.certs[i].RawIssuer, g.certs[j].RawSubject) {
		return false
	}
	k := [2]int{j, i}
	v, ok := g.memo[k]
	if !ok {
		v = issuedBy(g.certs[i].Certificate, g.certs[j].Certificate)
		g.memo[k] = v
	}
	return v
}

// issuers lists the candidate issuers of certificate i, in bundle order.
func (g *graph) issuers(i int) []int { return g.bySubject[string(g.certs[i].RawIssuer)] }

// issuesAnyTable marks the certificates that issue another served one.
func (g *graph) issuesAnyTable() []bool {
	out := make([]bool, len(g.certs))
	for i := range g.certs {
		for _, j := range g.issuers(i) {
			if !out[j] && g.issues(j, i) {
				out[j] = true
			}
		}
	}
	return out
}

// endEntity picks the leaf: the key's certificate when known; else a
// certificate that is not a CA and issues no other served one (the first
// such, preferring index 0); else one that issues nothing; else 0.
func (g *graph) endEntity(keyIndex int) int {
	if keyIndex >= 0 {
		return keyIndex
	}
	issuesAny := g.issuesAnyTable()
	bottom := -1
	for i, c := range g.certs {
		if g.dup[i] >= 0 || issuesAny[i] {
			continue
		}
		if !(c.BasicConstraintsValid && c.IsCA) {
			return i
		}
		if bottom < 0 {
			bottom = i
		}
	}
	if bottom >= 0 {
		return bottom
	}
	return 0
}

// path follows issuers from ee through the served certificates. Where
// several served certificates could be the issuer (a root and its
// cross-signed twin), it takes the first one after the current certificate
// in bundle order, else the first one, so that a sensible order is kept.
func (g *graph) path(ee int) []int {
	path := []int{ee}
	on := map[int]bool{ee: true}
	for cur := ee; !selfSigned(g.certs[cur].Certificate); {
		next := -1
		for _, j := range g.issuers(cur) {
			if on[j] || !g.issues(j, cur) {
				continue
			}
			if next < 0 || next < cur && j > cur {
				next = j
			}
		}
		if next < 0 {
			break
		}
		path = append(path, next)
		on[next] = true
		cur = next
	}
	return path
}

// oidTLSFeature is id-pe-tlsfeature (RFC 7633 §6).
var oidTLSFeature = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 24}

// mustStaple reports a TLS Feature extension listing status_request (5).
func mustStaple(c *x509.Certificate) bool {
	for _, e := range c.Extensions {
		if !e.Id.Equal(oidTLSFeature) {
			continue
		}
		var features []int
		if _, err := asn1.Unmarshal(e.Value, &features); err != nil {
			return false
		}
		return slices.Contains(features, 5)
	}
	return false
}

// Analyzer analyzes bundles against fixed Options and caches the reports
// per (key, bundles), so that every rule can ask for the same report. It
// is safe for concurrent use.
type Analyzer struct {
	loader *Loader
	opts   Options

	mu    sync.Mutex
	cache map[analysisKey]*analysis
}

// analysisKey identifies an analysis: the key and the served bundles (the
// first by pointer, any further ones spelled out).
type analysisKey struct {
	key   *Key
	first *Bundle
	rest  string
}

type analysis struct {
	once   sync.Once
	report *Report
	err    error
}

// NewAnalyzer returns an Analyzer that reads sibling files through loader
// (for CompletingBundle) and judges against opts.
func NewAnalyzer(loader *Loader, opts Options) *Analyzer {
	return &Analyzer{loader: loader, opts: opts, cache: map[analysisKey]*analysis{}}
}

// Options returns the options the Analyzer judges against.
func (a *Analyzer) Options() Options { return a.opts }

// Loader returns the Analyzer's loader.
func (a *Analyzer) Loader() *Loader { return a.loader }

// Analyze is the cached form of the package-level Analyze.
func (a *Analyzer) Analyze(b *Bundle, key *Key) (*Report, error) {
	return a.AnalyzeChain(key, b)
}

// AnalyzeChain is the cached form of the package-level AnalyzeChain.
// Bundles are identified by pointer: pass the ones the Loader returned.
func (a *Analyzer) AnalyzeChain(key *Key, parts ...*Bundle) (*Report, error) {
	k := analysisKey{key: key}
	if len(parts) > 0 {
		k.first = parts[0]
		for _, p := range parts[1:] {
			k.rest += fmt.Sprintf("%p|", p)
		}
	}
	a.mu.Lock()
	e := a.cache[k]
	if e == nil {
		e = &analysis{}
		a.cache[k] = e
	}
	a.mu.Unlock()
	e.once.Do(func() { e.report, e.err = AnalyzeChain(a.opts, key, parts...) })
	return e.report, e.err
}
