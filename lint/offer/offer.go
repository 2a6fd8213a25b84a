// Package offer answers, once per run, what every endpoint of a model
// actually offers on the target: the protocol versions, the suites per
// version in the server's order, the groups, the served certificates, SNI
// and verification. Rules, drift and why read these answers; none derives
// them itself (STYLE.md "Meaning lives in one place").
//
// nginx takes the parts of one socket's offer from different servers
// (verified with nginx 1.22 and OpenSSL 3.0): OpenSSL fixes the protocol
// versions and the groups before the servername callback lets nginx switch
// to the server SNI selects, so before nginx 1.29.2 the socket's default
// server's ssl_protocols apply to every server on it, and its
// ssl_ecdh_curve always does; the cipher list, the certificate and the
// options follow the selected server. That rule lives here, once.
package offer

import (
	"sync"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/clients"
	"github.com/tlslint/tlslint/lint/tls"
	"github.com/tlslint/tlslint/lint/tls/f5"
)

// Side is which end of a connection an offer describes.
type Side uint8

// Sides.
const (
	// Listening: a server clients connect to (nginx server, BIG-IP
	// virtual with a client-ssl profile, AS3 service).
	Listening Side = iota + 1
	// Connecting: a proxy's connection to its upstream (proxy_pass https,
	// a server-ssl profile, AS3 clientTLS).
	Connecting
	// Written: a protocol or cipher directive judged as written, where no
	// endpoint in view inherits it (the top of http with servers elsewhere).
	Written
)

// Offer is what one endpoint offers on the target: its Terms, shared by
// the endpoints whose settings make the same offer, the listeners whose
// settings a server's come from, and what a proxy's connection of its own
// sends.
type Offer struct {
	*Terms

	// VersionsFrom and GroupsFrom are the listeners whose ssl_protocols
	// (Versions) and ssl_ecdh_curve (GroupsSetting) apply: for nginx the
	// socket default server (its protocols before nginx 1.29.2), else the
	// listener itself; nil for upstreams.
	VersionsFrom, GroupsFrom *lint.Listener

	// Connecting side: SNI sent and with which name, verification and
	// the trust file (the flags together: an offer is 64 bytes, and a
	// 20,000-server tree has 40,000 proxy_pass).
	SNIName  string
	Trusted  string
	SendsSNI bool
	Verify   bool
}

// Terms are what an endpoint offers: protocol versions, suites, groups
// and certificates, and where they were set. Endpoints whose settings make
// the same offer share them (Book.Listener, Book.Upstream).
type Terms struct {
	Side    Side
	Product lint.Product
	// Policy is where the suites, DH parameters and preference come from:
	// the listener's own (the server SNI selects), or the upstream's.
	Policy *lint.TLSPolicy

	// Versions are the protocol versions configured for the endpoint and
	// where they were set: for nginx before 1.29.2 the socket default
	// server's ssl_protocols (VersionsFrom); on BIG-IP the profile's options
	// less the versions its cipher string or group leaves no suite for.
	// Versions, Configured and GroupsSetting point at the policy's own
	// setting (never written through), or at a copy where the value
	// differs: three settings inline were half of a Terms, 9 MB on a
	// 10,000-virtual bigip.conf.
	Versions *lint.Setting[tls.VersionSet]
	// Configured are the endpoint's own protocol versions as written (on
	// BIG-IP less what its ciphers exclude): what a line in this server
	// enables, even where, before nginx 1.29.2, the default server's apply.
	Configured *lint.Setting[tls.VersionSet]
	// Enabled are the Versions the library lets a handshake use at the
	// security level in force when versions are negotiated (OpenSSL 3 at
	// level 1 or more refuses TLS 1.0 and 1.1); Negotiable are the Enabled
	// versions a suite exists for.
	Enabled    tls.VersionSet
	Negotiable tls.VersionSet

	// Levels (nginx; the target's where nothing changes it, 0 for BIG-IP,
	// whose tmm is not OpenSSL). OpenSSL sets the SSL_CTX's level while it
	// reads the cipher string, so "@SECLEVEL=n" in ssl_ciphers governs:
	//   - Level: the handshake of this server (suites, certificate,
	//     groups; SSL_set_SSL_CTX carries the level with the certificate
	//     when SNI selects the server);
	//   - VersionLevel: the protocol floor, which OpenSSL fixes before SNI
	//     selects a server: the level of VersionsFrom's string;
	//   - CertLevel: the start-up check of the certificates ("ee key too
	//     small"): nginx sets the ciphers before loading certificates since
	//     1.21.2 (ngx_http_ssl_module.c), so the string's level applies from
	//     then on, the target's before;
	//   - DHLevel: the start-up check of ssl_dhparam ("dh key too small"):
	//     nginx always sets the ciphers first.
	Level, VersionLevel, CertLevel, DHLevel int

	// Suites are the TLS ≤ 1.2 suites the endpoint offers, in its order, as
	// the target expands the cipher string: DHE suites dropped without
	// ssl_dhparam (nginx offers none then), PSK and SRP suites dropped
	// (nginx sets up no callbacks for them). Suites the security level
	// refuses are still listed: Usable filters them.
	Suites []*tls.Suite
	// TLS13 are the TLS 1.3 suites in the endpoint's order.
	TLS13 []*tls.Suite
	// CipherErr: the cipher string or group cannot be used on the target
	// (nothing remains, a syntax error); Suites is then empty.
	CipherErr error
	// Unknown are names in the cipher string that match no suite.
	Unknown  []string
	TLS13Err error
	// TLS13Unknown are names in a written Ciphersuites list that match no
	// TLS 1.3 suite on the target (OpenSSL skips them silently).
	TLS13Unknown []string
	// NoDHE: DHE suites were dropped because no ssl_dhparam is set.
	NoDHE  bool
	DHBits int // 0: no DHE

	// Groups are the groups the endpoint accepts; for nginx listeners the
	// socket default server's (GroupsFrom).
	Groups        []*tls.Group
	GroupsSetting *lint.Setting[string]
	// BadGroups and GroupErr are about the endpoint's own setting (nginx
	// checks every server's ssl_ecdh_curve at start-up): names the target
	// rejects, or a list it cannot use at all.
	BadGroups []string
	GroupErr  error

	PreferServer bool
	// Certs are the served certificates' facts (typed), nil when no file
	// was read: the simulation then assumes RSA 2048 and says so.
	Certs []clients.Cert
	// RequiresSNI: the socket's default server rejects handshakes without
	// SNI (ssl_reject_handshake on), so clients that send none fail.
	RequiresSNI bool
	// RequiresSNIAt is where that is decided: the default server's
	// ssl_reject_handshake, or BIG-IP's sni-require.
	RequiresSNIAt lint.Pos

	// Expansion (nginx) or F5 (BIG-IP, AS3) is the cipher string's expansion.
	Expansion *tls.Expansion
	F5        *f5.Expansion
	// Server is the offer as the handshake simulation takes it.
	Server *clients.Server

	library tls.OpenSSL // the target library at Level (zero for BIG-IP: tmm is not OpenSSL)
}

// Usable returns the TLS ≤ 1.2 suites a handshake can really select for
// version v: offered, defined for v, and allowed by the security level.
func (o *Offer) Usable(v tls.Version) []*tls.Suite {
	var out []*tls.Suite
	for _, s := range o.Suites {
		if !s.Versions().Has(v) {
			continue
		}
		if !o.library.IsZero() {
			if ok, _ := o.library.SecurityAllows(s); !ok {
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// Servable returns the Usable suites for v that the served certificates
// can sign for: ECDHE-RSA-… needs an RSA certificate, ECDHE-ECDSA-… an EC one
// (a suite with no certificate, anonymous or PSK, needs none). Without
// certificate facts (files not read) every usable suite counts.
func (o *Offer) Servable(v tls.Version) []*tls.Suite {
	us := o.Usable(v)
	if len(o.Certs) == 0 {
		return us
	}
	types := map[string]bool{}
	for _, c := range o.Certs {
		types[c.Key.String()] = true
	}
	var out []*tls.Suite
	for _, s := range us {
		if a := s.AuthKey(); a == "" || a == "any" || types[a] {
			out = append(out, s)
		}
	}
	return out
}

// NegotiableSuites lists the TLS ≤ 1.2 suites a handshake with the offer
// can select, in the offer's order: on a version it enables, allowed by the
// target's security level. A TLS 1.3-only endpoint negotiates none,
// whatever its cipher string says.
func (o *Offer) NegotiableSuites() []*tls.Suite {
	seen := map[*tls.Suite]bool{}
	for _, v := range o.Negotiable.List() {
		if v == tls.TLS13 {
			continue
		}
		for _, s := range o.Usable(v) {
			seen[s] = true
		}
	}
	var out []*tls.Suite
	for _, s := range o.Suites {
		if seen[s] {
			out = append(out, s)
		}
	}
	return out
}

// DHESuites lists the offered suites with ephemeral finite-field DH key
// exchange, which use the DH parameters.
func (o *Offer) DHESuites() []*tls.Suite {
	var out []*tls.Suite
	for _, s := range o.Suites {
		if isDHE(s) {
			out = append(out, s)
		}
	}
	return out
}

// Book holds a run's offers, computed on first use and safe for concurrent
// use by parallel rules.
type Book struct {
	m *lint.Model
	t *lint.Target

	views          cache[viewKey, *view]
	groups         cache[string, groupsResult]
	servers        cache[serverKey, *clients.Server]
	sims           cache[*clients.Server, []clients.Result]
	listeners      cache[*lint.Listener, *Offer]
	listenerTerms  cache[listenerTermsKey, *Terms] // shared by listeners with equal keys (Listener)
	listenerOffers cache[listenerOfferKey, *Offer] // and the offers of one socket's listeners
	upstreams      cache[*lint.Upstream, *Offer]
	upstreamTerms  cache[upstreamTermsKey, *Terms] // shared by upstreams with equal keys (Upstream)
	written        cache[lint.Pos, *Offer]
	peers          cache[*lint.Upstream, []Peer]
	heads          cache[headKey, *head]    // text.go: rendered protocols, suites and groups, shared by equal offers
	certText       cache[certKey, []string] // text.go: rendered certificate facts

	popOnce sync.Once
	pop     []*clients.Client

	servedOnce sync.Once
	served     []*Served
	presented  []*Served
}

// New returns the book of a model for a target.
func New(m *lint.Model, t *lint.Target) *Book { return &Book{m: m, t: t} }

var bookKey = lint.NewKey[*Book]("offer book")

// Of returns the run's book: one per run, shared by every rule.
func Of(p *lint.Pass) *Book {
	return lint.Shared(p, bookKey, func() *Book { return New(p.Model, p.Target) })
}

// Model is the model the book describes.
func (b *Book) Model() *lint.Model { return b.m }

// Target is the target the book judges against.
func (b *Book) Target() *lint.Target { return b.t }

// cache computes a value once per key, concurrently safe: the first caller
// computes while later callers of the same key wait.
type cache[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]*cell[V]
}

type cell[V any] struct {
	once sync.Once
	v    V
}

func (c *cache[K, V]) get(k K, compute func() V) V {
	c.mu.Lock()
	if c.m == nil {
		c.m = map[K]*cell[V]{}
	}
	e := c.m[k]
	if e == nil {
		e = &cell[V]{}
		c.m[k] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.v = compute() })
	return e.v
}

// Seed makes b the book of the run o describes, so that the caller (drift,
// why) reads the very answers the rules read.
func Seed(o *lint.RunOptions, b *Book) *lint.RunOptions { return lint.Seed(o, bookKey, b) }
