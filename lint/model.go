package lint

import (
	"crypto/x509"
	"net"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tlslint/tlslint/lint/clients"

	"github.com/tlslint/tlslint/lint/tls"
)

// Product names the product whose semantics a model object follows.
type Product string

// Products.
const (
	Nginx Product = "nginx"
	BigIP Product = "bigip"
	AS3   Product = "as3"
)

// Origin says where a setting's value came from. Inheritance (nginx http →
// server → location, BIG-IP defaults-from) is resolved by the parser: the
// value a rule sees is the effective one, Origin is where it was written.
type Origin struct {
	Pos     Pos    // where the value is written (the whole directive); invalid for a product default
	ArgsPos Pos    // the value's own text (the directive's arguments), for fixes that rewrite it
	Default bool   // the product's default: nothing was written
	Context string // where it was written: "http", "server", "location", "stream", "mail", a BIG-IP profile path, ...
	// chain is Chain behind a pointer: only BIG-IP settings have one, the
	// attributes a profile inherits share it, and a slice inline was 24 of
	// an origin's 136 bytes (a TLSPolicy of eleven settings then just
	// missed the next smaller allocation size: 1,792 bytes instead of
	// 1,536, on each of a 10,000-virtual bigip.conf's 20,000 profiles).
	chain *[]Pos
	// note holds what few settings carry (Refused, Unavailable): a model
	// holds tens of origins per listener and upstream, and the two
	// messages inline were 112 of an origin's 240 bytes (the peak RSS of
	// the 20,000-server bench tree). Shared between copies: set only
	// through the Set methods, which copy it first.
	note *originNote
}

// Chain is BIG-IP's defaults-from chain from the referencing profile down
// to the profile where the value is set (the defaults-from attributes
// followed), nil elsewhere. Origins share it: never modify it.
func (o Origin) Chain() []Pos {
	if o.chain == nil {
		return nil
	}
	return *o.chain
}

// SetChain sets Chain to *c, shared: the caller never modifies it after.
func (o *Origin) SetChain(c *[]Pos) {
	if c != nil && len(*c) == 0 {
		c = nil
	}
	o.chain = c
}

type originNote struct {
	refused     Msg
	unavailable Msg
}

// Refused says why the product refuses the setting as written (nginx
// does not start); the value is what was written. Rules judge the
// refusal, never the value, nor a default in its place.
func (o Origin) Refused() Msg {
	if o.note == nil {
		return Msg{}
	}
	return o.note.refused
}

// Unavailable says why the file the setting names is not read here (an
// unmapped absolute path outside the linted tree): TL308 reports it.
func (o Origin) Unavailable() Msg {
	if o.note == nil {
		return Msg{}
	}
	return o.note.unavailable
}

// edit returns a note of o's own to change (copies share the old one).
func (o *Origin) edit() *originNote {
	n := &originNote{}
	if o.note != nil {
		*n = *o.note
	}
	o.note = n
	return n
}

// SetRefused sets Refused.
func (o *Origin) SetRefused(m Msg) {
	if m.IsZero() && o.note == nil {
		return
	}
	o.edit().refused = m
}

// SetUnavailable sets Unavailable.
func (o *Origin) SetUnavailable(m Msg) {
	if m.IsZero() && o.note == nil {
		return
	}
	o.edit().unavailable = m
}

// Setting is an effective value and where it came from.
type Setting[T any] struct {
	Value T
	Origin
}

// Set reports whether the value was written somewhere (not a product default).
func (s Setting[T]) Set() bool { return !s.Default && s.Pos.IsValid() }

// Default returns a setting holding a product default.
func Default[T any](v T) Setting[T] { return Setting[T]{Value: v, Origin: Origin{Default: true}} }

// Written returns a setting written at pos in the given context.
func Written[T any](v T, pos Pos, context string) Setting[T] {
	return Setting[T]{Value: v, Origin: Origin{Pos: pos, Context: context}}
}

// Directive is a configuration statement as written: name, arguments and
// position, for rules that care about what was written where (TL110, TL213).
type Directive struct {
	Name    string
	Args    []string
	ArgPos  []Pos
	Pos     Pos    // the whole statement, name to ';'
	Context string // "http", "server", "location", ...
	// refused is why the product refuses it as written (see Origin.Refused);
	// behind a pointer, as few directives have one (48 of a directive's 176
	// bytes inline, and a model holds several directives per listener).
	refused *Msg
}

// Refused is why the product refuses the directive as written (see
// Origin.Refused); zero when it does not.
func (d Directive) Refused() Msg {
	if d.refused == nil {
		return Msg{}
	}
	return *d.refused
}

// SetRefused sets Refused (copies made before keep theirs).
func (d *Directive) SetRefused(m Msg) {
	if m.IsZero() {
		d.refused = nil
		return
	}
	d.refused = &m
}

// CertPair is a certificate with its key, as a listener serves it or a proxy
// presents it. Paths are as written; the loader applies --map.
type CertPair struct {
	Cert     Setting[string]
	Key      Setting[string]
	Chain    Setting[string] // BIG-IP cert-key-chain chain; nginx: empty (the chain is in Cert)
	CertPath string          // after path mapping; empty when not loadable (variable, data:, engine:)
	KeyPath  string
	ChainPth string
	Variable bool // the path contains a variable: resolved per request, not checkable
	// Info holds what the certificate files say, once they were read (nil
	// when absent, unreadable, or not loaded).
	Info *CertInfo
}

// CertInfo is what the simulation and rules need of a served certificate.
type CertInfo struct {
	// Cert is the typed fact the handshake simulation takes: key type,
	// bits (modulus, or curve bits: 256 for P-256) and the weakest
	// signature hash on the served chain (trust anchor excepted).
	Cert    clients.Cert
	Subject string
	SANs    []string
	leaf    *x509.Certificate
	// Issuer is the served leaf's issuer DN; Complete says the served
	// chain reaches a trust anchor without fetching intermediates;
	// NotBefore/NotAfter bound its validity (drift compares them only as
	// "expired or not" at the target's clock).
	Issuer              string
	Complete            bool
	NotBefore, NotAfter time.Time
}

// CipherGroup is a BIG-IP `ltm cipher group` with its `ltm cipher rule`s
// resolved (built-in ones like /Common/f5-secure included).
type CipherGroup struct {
	Name     string
	Pos      Pos
	Allow    []CipherRule
	Exclude  []CipherRule
	Require  []CipherRule
	Ordering string // "default", "speed", "strength", "fips", "hardware"
}

// CipherRule is a BIG-IP `ltm cipher rule`: an F5 cipher string plus the
// DH groups and signature algorithms it allows.
type CipherRule struct {
	Name     string
	Cipher   string // F5 cipher string
	DHGroups string // e.g. "P256:P384:FFDHE2048"; "" = the version's default
	SigAlgs  string
	Pos      Pos
}

// TLSPolicy is the effective TLS configuration on one side of a connection.
type TLSPolicy struct {
	Product   Product
	Protocols Setting[tls.VersionSet]
	Ciphers   Setting[string] // the cipher string as written (OpenSSL grammar for nginx, F5's for BIG-IP)
	// StartupCiphers is nginx's ssl_ciphers when ssl_conf_command
	// CipherString replaces it for the handshake (Ciphers): nginx applies
	// conf commands after loading certificates and DH parameters, so the
	// start-up checks run at this string's security level. Zero when
	// Ciphers is what nginx set at start-up too.
	StartupCiphers Setting[string]
	// CipherGroup (BIG-IP) replaces Ciphers when the profile names one;
	// TLS 1.3 on BIG-IP needs it.
	CipherGroup  Setting[*CipherGroup]
	TLS13        Setting[string] // TLS 1.3 suites (ssl_conf_command Ciphersuites); default when unset
	Groups       Setting[string] // ssl_ecdh_curve / BIG-IP dh-groups
	DHParam      Setting[string] // ssl_dhparam path; "" = none
	DHBits       int             // bits of DHParam when read; 0 = unknown or none
	PreferServer Setting[bool]
	Stapling     Setting[bool]
	StapleVerify Setting[bool]
	Trusted      Setting[string] // ssl_trusted_certificate (listener) / proxy_ssl_trusted_certificate (upstream)
	TrustedPath  string          // Trusted after path mapping
}

// Name is a server name (nginx server_name, BIG-IP server-name, SNI).
type Name struct {
	Value string
	Pos   Pos
}

// Literal reports whether the name is a plain host name (not a regex,
// catch-all or empty), and so can be compared with certificate SANs.
func (n Name) Literal() bool {
	v := n.Value
	if v == "" || v == "_" || v[0] == '~' {
		return false
	}
	for _, c := range v {
		if c == '$' || c == '~' || c == ' ' {
			return false
		}
	}
	return true
}

// Listener is where clients connect: an nginx server{} (http, stream, mail)
// or a BIG-IP virtual server with one client-ssl profile. Several listeners
// can share a socket (nginx servers on one address:port, BIG-IP client-ssl
// profiles on one virtual); TLS belongs to the socket.
type Listener struct {
	Product Product
	Kind    ListenerKind
	Subject string // "server app.example.com:443", "/Common/vs_app"
	Pos     Pos    // the block or object that defines it
	Binds   []*Bind
	Names   []Name
	Policy  *TLSPolicy
	// PolicyOwner numbers the block Policy is written for (nginx: the
	// nearest block with ssl_* directives), 0 where each Policy is its
	// own. Loaders share one *TLSPolicy between blocks whose policies are
	// identical, so what is reported once per written policy is keyed on
	// (Policy, PolicyOwner). An int32, with the flags after it in one
	// word: a Listener is 1,024 bytes, where 1,040 took 1,152 (a tree of
	// 20,000 servers has 20,000 listeners).
	PolicyOwner int32
	Resolver    bool // nginx: a resolver is configured (OCSP responders are resolved at run time)
	// HTTPProfile: BIG-IP/AS3 — an http profile parses the traffic. Without
	// one, a virtual at :443 with no client-ssl passes TLS through (fine).
	// Always true for nginx http servers.
	HTTPProfile bool
	// Incomplete: part of the configuration that applies here could not be
	// read (an unresolved include): settings that seem absent may be set
	// there, so rules do not report their absence.
	Incomplete bool
	Certs      []CertPair

	SSLOn           Setting[bool] // nginx `ssl on` (removed in 1.25.1)
	RejectHandshake Setting[bool] // nginx ssl_reject_handshake
	SNIDefault      Setting[bool] // BIG-IP sni-default
	SNIRequire      Setting[bool] // BIG-IP sni-require
	Profile         string        // BIG-IP client-ssl profile path
	ProfilePos      Pos           // where the virtual references it
	Written         []Directive   // TLS directives written in this block itself (not inherited)
	Upstreams       []*Upstream
	// HeaderLevels (nginx http servers; TL214): the server's level, then
	// every nested location/if level in walk order; the http level is the
	// server level's Parent.
	HeaderLevels []*HeaderLevel
	// HTTP2 is nginx's `http2 on|off` directive (1.25.1) in force for an
	// http server (TL215's fix adds it where `listen … http2` goes).
	HTTP2 Setting[bool]
}

// TLS reports whether any of the listener's sockets speaks TLS.
func (l *Listener) TLS() bool {
	for _, b := range l.Binds {
		if b.TLS() {
			return true
		}
	}
	return false
}

// Bind is one listen directive (or a BIG-IP destination) of a listener.
type Bind struct {
	Listener   *Listener
	Socket     *Socket
	Pos        Pos // the listen directive; the server block when Implicit
	Addr       string
	Port       int
	PortPos    Pos
	SSLPos     Pos // where SSL is marked
	DefaultPos Pos
	PPPos      Pos // where ProxyProtocol is marked
	// Network is the transport when it is not TCP: "udp" (nginx stream
	// listen … udp, a BIG-IP UDP virtual), "sctp"; QUIC binds are "udp".
	Network string
	// Params are the nginx listen parameters after the address, as written
	// (TL215 judges obsolete ones: spdy, http2).
	Params []ListenParam
	// The flags last, in one word: a Bind is 288 bytes, where 312 took 320
	// (a tree of 20,000 servers has 40,000 binds).
	SSL           bool // marked ssl here (listen … ssl, BIG-IP client-ssl profile)
	QUIC          bool
	Default       bool
	ProxyProtocol bool
	Implicit      bool // no listen directive: nginx listens on *:80 (or *:8000 when not root; we assume 80)
}

// TLS reports whether the bind's socket speaks TLS (nginx merges `ssl` over
// every server on an address:port).
func (b *Bind) TLS() bool {
	if b.Socket != nil {
		return b.Socket.TLS
	}
	return b.SSL
}

// Socket is a listening address:port with everything bound to it.
type Socket struct {
	Network string // "tcp", "udp" (QUIC), "unix"
	Addr    string
	Port    int
	Kind    ListenerKind
	Binds   []*Bind
	TLS     bool
	Default *Bind // the default server (default_server, else the first)
	// serving maps each lower-cased ASCII server name of the socket's
	// listeners to the first listener (in bind order) that serves it, for
	// Serving; nil until BuildSockets. foldNames: some name is not ASCII,
	// where strings.EqualFold and lower-casing differ, so Serving scans.
	serving   map[string]*Listener
	foldNames bool
}

// Key identifies the socket.
func (s *Socket) Key() string { return s.Network + " " + HostPort(s.Addr, s.Port) }

// HostPort renders host:port with IPv6 brackets.
func HostPort(host string, port int) string {
	if port == 0 {
		return host
	}
	if strings.Contains(host, ":") && !strings.HasPrefix(host, "[") && !strings.HasPrefix(host, "unix:") {
		return "[" + host + "]:" + strconv.Itoa(port)
	}
	return host + ":" + strconv.Itoa(port)
}

// Endpoint is a host and port an upstream connects to.
type Endpoint struct {
	Host    string
	Port    int
	Pos     Pos // the host[:port] text (a group member's server line, a pool member)
	PortPos Pos
	// the flags last, in one word: 112 bytes, not 120
	PortImplicit bool // the scheme's default port
	IP           bool // Host is an IP literal
	Unix         bool
}

// String renders host:port.
func (e Endpoint) String() string {
	if e.Unix {
		return "unix:" + e.Host
	}
	return HostPort(e.Host, e.Port)
}

// Upstream is a connection this proxy originates: nginx proxy_pass /
// grpc_pass / uwsgi_pass / stream proxy_pass, a BIG-IP virtual's pool.
type Upstream struct {
	Product   Product
	Kind      string // "proxy_pass", "grpc_pass", "uwsgi_pass", "stream proxy_pass", "pool"
	Prefix    string // directive prefix for messages and fixes: "proxy", "grpc", "uwsgi"
	Subject   string
	Pos       Pos // the directive
	ArgPos    Pos // the target argument (URL, pool name)
	From      *Listener
	TLS       bool
	Scheme    string
	SchemePos Pos
	Host      string // host as written (group name, host, or variable text)
	HostPos   Pos
	Group     string // upstream group / pool name, if any
	GroupPos  Pos
	Targets   []Endpoint
	Unknown   string // non-empty when the target cannot be known statically (why)

	SNI           Setting[bool]
	SNIName       Setting[string]
	Verify        Setting[bool]
	Policy        *TLSPolicy
	PolicyOwner   int32 // see Listener.PolicyOwner
	ClientCerts   []CertPair
	ProxyProtocol Setting[bool]
	Written       []Directive // <prefix>_ssl_* directives that apply here
	Incomplete    bool        // see Listener.Incomplete
}

// Suppression is an inline `# tlslint:ignore` comment or a config ignore block.
type Suppression struct {
	Pos      Pos
	Rules    []string
	Reason   string
	FileWide bool
	File     string // file it covers
	From, To int    // lines covered (the next directive)
	Subject  string // config ignore: subject it matches
	Problem  string // why it is malformed, if it is
	// ProblemMsg is Problem as a format and arguments, for --lang.
	ProblemMsg Msg
	Used       bool
}

// Backend is what a peer outside the linted tree accepts, declared in
// .tlslint.hcl (`backend "host:port" { … }`), for TL107/TL108.
type Backend struct {
	Host      string
	Port      int
	Protocols tls.VersionSet // empty: not declared
	Ciphers   string         // OpenSSL cipher string; "": not declared
	TLS13     string         // TLS 1.3 suites; "": not declared
	Pos       Pos
}

// Model is what every rule sees, whatever the input format.
type Model struct {
	Sources      map[string]*Source
	Listeners    []*Listener
	Sockets      []*Socket
	Upstreams    []*Upstream
	Suppressions []*Suppression
	Findings     []Finding // found while loading (TL001, TL002, argument checks)
	Backends     []*Backend
	// Written are the protocol and cipher directives as written anywhere
	// (nginx ssl_protocols, ssl_ciphers and their proxy_/grpc_/uwsgi_
	// forms), also where no server in view inherits them: an http-level
	// ssl_protocols in a tree whose servers live elsewhere still enables
	// what it says for every TLS server added later.
	Written []Directive
	// Certs holds the referenced certificate files once read (nil when
	// certificate checks are off): TL3xx rules read it.
	Certs *CertStore
	Env   string
	// sockets answers SocketsAt without a scan: built by BuildSockets, nil
	// for a model whose sockets were set by hand (SocketsAt scans then).
	sockets *socketIndex
}

// NewModel returns an empty model.
func NewModel() *Model { return &Model{Sources: map[string]*Source{}} }

// AddSource registers a source file.
func (m *Model) AddSource(s *Source) { m.Sources[s.Name] = s }

// SourceNames returns the display names of the sources, sorted: the
// deterministic order to walk them in.
func (m *Model) SourceNames() []string {
	names := make([]string, 0, len(m.Sources))
	for n := range m.Sources {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Source returns the source for a display name.
func (m *Model) Source(name string) *Source { return m.Sources[name] }

// BuildSockets groups binds by network and address:port, computing TLS per
// socket and the default bind. Loaders call it once listeners are complete.
func (m *Model) BuildSockets() {
	type socketKey struct {
		product        Product
		kind           ListenerKind
		netw, hostPort string
	}
	index := map[socketKey]*Socket{}
	m.Sockets = m.Sockets[:0]
	for _, l := range m.Listeners {
		for _, b := range l.Binds {
			netw := "tcp"
			switch {
			case b.QUIC:
				netw = "udp"
			case b.Network != "":
				netw = b.Network
			case len(b.Addr) > 5 && b.Addr[:5] == "unix:":
				netw = "unix"
			}
			key := socketKey{l.Product, l.Kind, netw, HostPort(b.Addr, b.Port)}
			s := index[key]
			if s == nil {
				s = &Socket{Network: netw, Addr: b.Addr, Port: b.Port, Kind: l.Kind}
				index[key] = s
				m.Sockets = append(m.Sockets, s)
			}
			s.Binds = append(s.Binds, b)
			b.Socket = s
			if b.SSL || b.QUIC { // QUIC is always TLS 1.3
				s.TLS = true
			}
			if b.Default && (s.Default == nil || !s.Default.Default) {
				s.Default = b
			}
		}
	}
	for _, s := range m.Sockets {
		if s.Default == nil && len(s.Binds) > 0 {
			s.Default = s.Binds[0]
		}
		// sized first: grown from empty, the names of a socket that
		// 20,000 servers share were rehashed a dozen times
		names := 0
		for _, b := range s.Binds {
			names += len(b.Listener.Names)
		}
		s.serving = make(map[string]*Listener, names)
		s.foldNames = false
		for _, b := range s.Binds {
			for _, n := range b.Listener.Names {
				if !isASCII(n.Value) {
					s.foldNames = true
				}
				k := strings.ToLower(n.Value)
				if s.serving[k] == nil {
					s.serving[k] = b.Listener
				}
			}
		}
	}
	sort.SliceStable(m.Sockets, func(i, j int) bool { return m.Sockets[i].Key() < m.Sockets[j].Key() })
	m.sockets = newSocketIndex(m.Sockets)
}

// SortDirectives orders directives by position.
func SortDirectives(ds []Directive) {
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].Pos.Before(ds[j].Pos) })
}

// SocketsAt returns the TCP sockets in the model that a connection to
// host:port reaches: the same address, a wildcard socket when host is a
// loopback address, or a socket whose listeners serve host as a name. The
// sockets come in the model's order. After BuildSockets it reads the index
// built there (a few map look-ups, whatever the number of sockets: every
// upstream target of a 10,000-virtual BIG-IP asks); otherwise it scans.
func (m *Model) SocketsAt(host string, port int) []*Socket {
	if m.sockets != nil && m.sockets.valid(m.Sockets) {
		return m.sockets.at(host, port)
	}
	return m.scanSocketsAt(host, port)
}

// scanSocketsAt is SocketsAt by a scan of every socket: the definition the
// index reproduces.
func (m *Model) scanSocketsAt(host string, port int) []*Socket {
	var out []*Socket
	h := strings.Trim(strings.ToLower(host), "[]")
	for _, s := range m.Sockets {
		if s.Network != "tcp" || s.Port != port {
			continue
		}
		addr := strings.Trim(strings.ToLower(s.Addr), "[]")
		switch {
		case addr == h:
		case (addr == "*" || addr == "::") && isLoopback(h):
		case servesName(s, h):
		default:
			continue
		}
		out = append(out, s)
	}
	return out
}

func isLoopback(h string) bool {
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// servesName reports whether a listener on s has h (lower case) among its
// names, compared as lower-cased strings.
func servesName(s *Socket, h string) bool {
	return s.serving[h] != nil // nil before BuildSockets: no names known
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// socketIndex holds the model's TCP sockets by port, then by lower-cased
// address, wildcard address, and served name, as positions in the model's
// sorted socket list so that a look-up returns them in the model's order.
type socketIndex struct {
	socks []*Socket // the model's sockets when built: valid detects a list replaced since
	ports map[int]*portSockets
}

type portSockets struct {
	byAddr   map[string][]int // lower-cased address without brackets
	wildcard []int            // "*" and "::": reached from loopback
	byName   map[string][]int // lower-cased server names
}

func newSocketIndex(socks []*Socket) *socketIndex {
	x := &socketIndex{socks: socks, ports: map[int]*portSockets{}}
	for i, s := range socks {
		if s.Network != "tcp" {
			continue
		}
		p := x.ports[s.Port]
		if p == nil {
			p = &portSockets{byAddr: map[string][]int{}, byName: make(map[string][]int, len(s.serving))}
			x.ports[s.Port] = p
		}
		addr := strings.Trim(strings.ToLower(s.Addr), "[]")
		p.byAddr[addr] = append(p.byAddr[addr], i)
		if addr == "*" || addr == "::" {
			p.wildcard = append(p.wildcard, i)
		}
		for name := range s.serving {
			p.byName[name] = append(p.byName[name], i)
		}
	}
	return x
}

func (x *socketIndex) valid(socks []*Socket) bool {
	return len(socks) == len(x.socks) && (len(socks) == 0 || &socks[0] == &x.socks[0])
}

// at is scanSocketsAt by look-up: the union of the address, loopback and
// name matches, each socket once, in the model's order.
func (x *socketIndex) at(host string, port int) []*Socket {
	p := x.ports[port]
	if p == nil {
		return nil
	}
	h := strings.Trim(strings.ToLower(host), "[]")
	a, n := p.byAddr[h], p.byName[h]
	var w []int
	if len(p.wildcard) > 0 && isLoopback(h) {
		w = p.wildcard
	}
	if len(a)+len(n)+len(w) == 0 {
		return nil
	}
	idx := make([]int, 0, len(a)+len(n)+len(w))
	idx = append(append(append(idx, a...), w...), n...)
	if len(a) != len(idx) { // more than one source: order and dedupe
		sort.Ints(idx)
		k := 0
		for i, v := range idx {
			if i == 0 || v != idx[k-1] {
				idx[k] = v
				k++
			}
		}
		idx = idx[:k]
	}
	out := make([]*Socket, len(idx))
	for i, v := range idx {
		out[i] = x.socks[v]
	}
	return out
}

// Serving returns the listener on the socket whose server names include
// name (what SNI selects), or nil: the first in bind order, names compared
// as strings.EqualFold does.
func (s *Socket) Serving(name string) *Listener {
	if s.serving != nil && !s.foldNames && isASCII(name) {
		return s.serving[strings.ToLower(name)]
	}
	return s.scanServing(name)
}

func (s *Socket) scanServing(name string) *Listener {
	for _, b := range s.Binds {
		for _, n := range b.Listener.Names {
			if strings.EqualFold(n.Value, name) {
				return b.Listener
			}
		}
	}
	return nil
}

// Serving says how the listeners of the model serve an endpoint.
type Serving int

// How an endpoint is served.
const (
	ServedUnknown Serving = iota // no listener in the model serves it
	ServedTLS                    // every socket there speaks TLS
	ServedPlain                  // every socket there is plain
	ServedMixed                  // both: nothing certain
)

// Serves looks an endpoint up among the model's listening sockets and names
// the default listener of the first one.
func (m *Model) Serves(t Endpoint) (Serving, string) {
	socks := m.SocketsAt(t.Host, t.Port)
	if len(socks) == 0 {
		return ServedUnknown, ""
	}
	tlsN := 0
	for _, s := range socks {
		if s.TLS {
			tlsN++
		}
	}
	who := socks[0].Default.Listener.Subject
	switch tlsN {
	case len(socks):
		return ServedTLS, who
	case 0:
		return ServedPlain, who
	}
	return ServedMixed, who
}
