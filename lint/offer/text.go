package offer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/clients"
	"github.com/tlslint/tlslint/lint/tls"
)

// Fact is one aspect of an endpoint's normalized view: what tlslint drift
// compares between environments. Equal behaviour written differently
// renders the same lines (suites as the target expands them, versions as a
// set, groups by their canonical names, host names after the caller's
// mapping, the default port written or not); nothing that differs by
// design (certificate serials and dates, file paths, positions) appears.
type Fact struct {
	// Key names the aspect ("protocols", "TLSv1.2 suites", "certificate
	// ECDSA", "targets", …): two views are compared key by key.
	Key string
	// Lines are the rendered lines; the first one carries the key.
	Lines []string
	// Pos is where the setting was written (invalid for a product
	// default): the line a drift finding points at.
	Pos lint.Pos
}

// Names rewrites host names before they are rendered (drift's
// hostname_map: "app.staging.example.com" → "app.example.com"; a key
// starting with "." rewrites a suffix, the longest first). A nil *Names
// only lower-cases. Build it once per environment: the book caches
// rendered facts by it.
type Names struct {
	exact    map[string]string
	suffixes []string
}

// NewNames returns the mapping of a hostname_map (keys lower case); nil
// for an empty one.
func NewNames(m map[string]string) *Names {
	if len(m) == 0 {
		return nil
	}
	n := &Names{exact: m}
	for k := range m {
		if strings.HasPrefix(k, ".") {
			n.suffixes = append(n.suffixes, k)
		}
	}
	sort.Slice(n.suffixes, func(i, j int) bool {
		a, b := n.suffixes[i], n.suffixes[j]
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return a < b
	})
	return n
}

// Apply maps one host name (lower-cased first).
func (n *Names) Apply(s string) string {
	s = strings.ToLower(s)
	if n == nil {
		return s
	}
	if to, ok := n.exact[s]; ok {
		return to
	}
	for _, suf := range n.suffixes {
		if strings.HasSuffix(s, suf) {
			return strings.TrimSuffix(s, suf) + n.exact[suf]
		}
	}
	return s
}

// Text renders the offer in a stable, normalized form, one fact a line, so
// two offers can be compared with a line diff (tlslint drift): see Fact.
// Suites keep the server's order when the server's preference decides the
// negotiated suite, and are sorted by code point when the client's does
// (nginx's ssl_prefer_server_ciphers off, its default): the order is then
// not behaviour.
func (o *Offer) Text() string { return FactsText(o.facts(nil, true, nil, nil)) }

// FactsText renders facts as Text does: their lines, one a line.
func FactsText(fs []Fact) string {
	var b strings.Builder
	for _, f := range fs {
		for _, l := range f.Lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// facts renders the offer (b, when not nil, shares rendered suites
// between equal offers); certs: include the typed certificate facts
// (ListenerFacts renders richer ones itself); auth, when not nil, are the
// authentication types the served certificates can sign for ("RSA",
// "ECDSA", "DSS"): OpenSSL never selects a suite no loaded certificate
// serves (ssl3_choose_cipher in ssl/s3_lib.c keeps suites whose
// authentication is in the masks ssl_set_masks derives from the loaded
// certificates, OpenSSL 3.0), so an ECDSA suite in the list of an
// RSA-only server is no behaviour.
func (o *Offer) facts(b *Book, certs bool, names *Names, auth map[string]bool) []Fact {
	out := make([]Fact, 0, 12)
	add := func(key string, pos lint.Pos, lines ...string) {
		out = append(out, Fact{Key: key, Lines: lines, Pos: pos})
	}
	pol := o.Policy
	if pol == nil {
		pol = &lint.TLSPolicy{}
	}
	cipherPos := pol.Ciphers.Pos
	if pol.CipherGroup.Value != nil {
		cipherPos = pol.CipherGroup.Pos
	}
	if o.CipherErr != nil {
		add("ciphers", cipherPos, fmt.Sprintf("ciphers: unusable (%v)", o.CipherErr))
	}
	// Versions that can really be negotiated: TLSv1 written where the
	// security level refuses it is the same behaviour as not writing it.
	h := o.head(b, auth)
	add("protocols", o.Versions.Pos, h.protocols...)
	for i, v := range o.Negotiable.List() {
		pos := cipherPos
		if v == tls.TLS13 && pol.TLS13.Pos.IsValid() {
			pos = pol.TLS13.Pos
		}
		add(h.suiteKeys[i], pos, h.suites[i]...)
	}
	if h.groups != nil {
		add("groups", o.GroupsSetting.Pos, h.groups...)
	}
	if o.DHBits > 0 && o.negotiatesDHE() {
		add("dhe", pol.DHParam.Pos, fmt.Sprintf("dhe: %d-bit parameters", o.DHBits))
	}
	if o.Side == Listening {
		pref := "suite preference: client"
		if o.PreferServer {
			pref = "suite preference: server"
		}
		add("suite preference", pol.PreferServer.Pos, pref)
		if certs {
			var cs []string
			for _, c := range o.Certs {
				cs = append(cs, fmt.Sprintf("certificate: %s %d, signed with %s", c.Key, c.Bits, c.Sig))
			}
			sort.Strings(cs)
			for _, c := range cs {
				add("certificate", lint.Pos{}, c)
			}
		}
		if o.RequiresSNI {
			add("sni", lint.Pos{}, "sni: required (clients without SNI are rejected)")
		}
	}
	if o.Side == Connecting {
		switch {
		case o.SendsSNI && o.SNIName != "":
			add("sni", lint.Pos{}, "sni: sends "+names.Apply(o.SNIName))
		case o.SendsSNI:
			add("sni", lint.Pos{}, "sni: sends the target's host name")
		default:
			add("sni", lint.Pos{}, "sni: none")
		}
		if o.Verify {
			add("verify", lint.Pos{}, "verify: on")
		} else {
			add("verify", lint.Pos{}, "verify: off")
		}
	}
	return out
}

// headKey identifies what the protocol, suite and group lines of an
// offer depend on: offers built from the same expansion and groups (the
// book shares them between equal settings) at the same level, versions,
// preference and certificate types render the same lines, so a
// 2,000-server tree renders them a few times, not 8,000.
type headKey struct {
	suites, tls13 **tls.Suite
	groups        **tls.Group
	n, n13, ng    int
	neg           tls.VersionSet
	pref          bool
	level         int
	zero          bool // BIG-IP: no OpenSSL security level
	auth          string
}

// head is an offer's rendered protocols, suites per negotiable version
// (in Negotiable.List order, with their fact keys) and groups. Its slices
// are shared: full (len == cap), so that appending copies.
type head struct {
	protocols []string
	suiteKeys []string
	suites    [][]string
	groups    []string
}

func (o *Offer) head(b *Book, auth map[string]bool) *head {
	render := func() *head {
		h := &head{protocols: []string{"protocols: " + versionsText(o.Negotiable)}}
		order := "server's order"
		if !o.PreferServer {
			order = "the client's order decides"
		}
		for _, v := range o.Negotiable.List() {
			var ss []*tls.Suite
			if v == tls.TLS13 {
				ss = o.TLS13
			} else {
				ss = servable(o.Usable(v), auth)
			}
			lines := []string{fmt.Sprintf("%s suites (%s):", v, order)}
			for _, n := range suiteList(ss, !o.PreferServer) {
				lines = append(lines, "  "+n)
			}
			h.suiteKeys = append(h.suiteKeys, v.String()+" suites")
			h.suites = append(h.suites, lines[:len(lines):len(lines)])
		}
		if len(o.Groups) > 0 {
			var gs []string
			for _, g := range o.Groups {
				gs = append(gs, g.Name)
			}
			if !o.PreferServer {
				sort.Strings(gs)
			}
			h.groups = []string{"groups: " + strings.Join(gs, " ")}
		}
		return h
	}
	if b == nil {
		return render()
	}
	k := headKey{n: len(o.Suites), n13: len(o.TLS13), ng: len(o.Groups), neg: o.Negotiable, pref: o.PreferServer,
		level: o.library.SecLevel, zero: o.library.IsZero()}
	if len(o.Suites) > 0 {
		k.suites = &o.Suites[0]
	}
	if len(o.TLS13) > 0 {
		k.tls13 = &o.TLS13[0]
	}
	if len(o.Groups) > 0 {
		k.groups = &o.Groups[0]
	}
	if auth != nil {
		k.auth = fmt.Sprint(auth["RSA"], auth["ECDSA"], auth["DSS"])
	}
	return b.heads.get(k, render)
}

// negotiatesDHE reports whether a negotiable version offers a DHE suite.
func (o *Offer) negotiatesDHE() bool {
	for _, v := range o.Negotiable.List() {
		if v == tls.TLS13 {
			continue
		}
		for _, s := range o.Usable(v) {
			if isDHE(s) {
				return true
			}
		}
	}
	return false
}

// ListenerFacts is the normalized view of what a listener offers its
// clients: TLS or not, PROXY protocol, the offer (protocols, suites per
// version, groups, DH, preference, SNI required) and each served
// certificate by key, issuer, names (after names), chain completeness and
// signature, "expired" only when it is at the target's clock.
func (b *Book) ListenerFacts(l *lint.Listener, names *Names) []Fact {
	var out []Fact
	tlsPos, ppPos := l.TLSAt(), lint.Pos{}
	pp := false
	for _, bd := range l.Binds {
		if bd.ProxyProtocol && !pp {
			pp, ppPos = true, bd.PPPos
		}
	}
	o := b.Listener(l)
	if !l.TLS() || o == nil {
		out = append(out, Fact{Key: "tls", Lines: []string{"tls: off"}, Pos: tlsPos})
	} else {
		out = append(out, Fact{Key: "tls", Lines: []string{"tls: on"}, Pos: tlsPos})
	}
	if pp {
		out = append(out, Fact{Key: "proxy protocol", Lines: []string{"proxy protocol: expected"}, Pos: ppPos})
	}
	if o == nil || !l.TLS() {
		return out
	}
	fs := o.facts(b, false, names, authOf(l))
	for i := range fs {
		if fs[i].Key == "sni" {
			if def := socketDefault(l); l.Product == lint.Nginx && def != nil {
				fs[i].Pos = def.RejectHandshake.Pos
			} else {
				fs[i].Pos = l.SNIRequire.Pos
			}
		}
	}
	out = append(out, fs...)
	var certs []Fact
	for _, c := range l.Certs {
		if c.Info == nil {
			certs = append(certs, Fact{Key: "certificate", Lines: []string{"certificate: not read"}, Pos: c.Cert.Pos})
			continue
		}
		info, names := c.Info, names
		f := Fact{Key: info.Cert.Key.String() + " certificate", Pos: c.Cert.Pos,
			Lines: b.certText.get(certKey{info, names}, func() []string { return b.certLines(info, names) })}
		certs = append(certs, f)
	}
	sort.SliceStable(certs, func(i, j int) bool { return FactsText(certs[i:i+1]) < FactsText(certs[j:j+1]) })
	if len(certs) == 1 {
		// one certificate: compared whatever its key type (an RSA
		// certificate replaced by an ECDSA one is one change)
		certs[0].Key = "certificate"
	}
	return append(out, certs...)
}

// certKey identifies a certificate's rendered lines: the certificate (one
// CertInfo per distinct pair, shared by its listeners) and the names map.
type certKey struct {
	info  *lint.CertInfo
	names *Names
}

func (b *Book) certLines(in *lint.CertInfo, names *Names) []string {
	var sans []string
	seen := map[string]bool{}
	for _, s := range in.SANs {
		s = names.Apply(s)
		if !seen[s] {
			seen[s] = true
			sans = append(sans, s)
		}
	}
	sort.Strings(sans)
	chain := "complete"
	if !in.Complete {
		chain = "incomplete (clients that do not fetch intermediates fail)"
	}
	lines := []string{
		fmt.Sprintf("certificate %s %d:", in.Cert.Key, in.Cert.Bits),
		"  issuer: " + in.Issuer,
		"  names: " + strings.Join(sans, " "),
		"  chain: " + chain,
		"  signature: " + in.Cert.Sig.String(),
	}
	now := b.t.Now
	switch {
	case now.IsZero():
	case now.After(in.NotAfter):
		lines = append(lines, "  validity: expired")
	case now.Before(in.NotBefore):
		lines = append(lines, "  validity: not yet valid")
	}
	return lines
}

// UpstreamFacts is the normalized view of a connection the proxy
// originates: scheme, targets (host:port after names, the default port
// written or not alike), PROXY protocol, and for TLS the offer, SNI,
// verification, the trust anchors' subjects and whether a client
// certificate is presented.
func (b *Book) UpstreamFacts(u *lint.Upstream, names *Names) []Fact {
	var out []Fact
	scheme := u.Scheme
	if scheme == "" {
		scheme = "unknown"
	}
	schemePos := u.SchemePos
	if !schemePos.IsValid() {
		schemePos = u.Pos
	}
	out = append(out, Fact{Key: "scheme", Lines: []string{"scheme: " + scheme}, Pos: schemePos})
	var ts []string
	if u.Unknown != "" {
		ts = []string{"decided at run time"}
	} else {
		seen := map[string]bool{}
		for _, t := range u.Targets {
			s := t.String()
			if !t.Unix {
				s = lint.HostPort(names.Apply(t.Host), t.Port)
			}
			if !seen[s] {
				seen[s] = true
				ts = append(ts, s)
			}
		}
		sort.Strings(ts)
	}
	if len(ts) == 0 {
		ts = []string{"none"}
	}
	out = append(out, Fact{Key: "targets", Lines: []string{"targets: " + strings.Join(ts, " ")}, Pos: u.ArgPos})
	if u.ProxyProtocol.Value {
		out = append(out, Fact{Key: "proxy protocol", Lines: []string{"proxy protocol: sends"}, Pos: u.ProxyProtocol.Pos})
	}
	o := b.Upstream(u)
	if !u.TLS || o == nil {
		return out
	}
	fs := o.facts(b, false, names, nil)
	for i := range fs {
		switch fs[i].Key {
		case "sni":
			fs[i].Pos = u.SNI.Pos
			if u.SNIName.Pos.IsValid() && o.SNIName != "" {
				fs[i].Pos = u.SNIName.Pos
			}
		case "verify":
			fs[i].Pos = u.Verify.Pos
			if o.Verify {
				if anchors := b.anchors(u.Policy.TrustedPath); anchors != "" {
					fs[i].Lines = append(fs[i].Lines, "  trusts: "+anchors)
				}
			}
		}
	}
	out = append(out, fs...)
	if len(u.ClientCerts) > 0 {
		out = append(out, Fact{Key: "client certificate", Lines: []string{"client certificate: presented"}, Pos: u.ClientCerts[0].Cert.Pos})
	}
	return out
}

// anchors names the certificates of a trust file by subject, sorted ("" when
// it was not read): the file's path is no behaviour, its content is.
func (b *Book) anchors(path string) string {
	if path == "" || b.m == nil || b.m.Certs == nil {
		return ""
	}
	bd, err := b.m.Certs.Load(path)
	if err != nil || bd == nil {
		return ""
	}
	var subs []string
	for _, c := range bd.Certs {
		subs = append(subs, c.Subject.String())
	}
	sort.Strings(subs)
	return strings.Join(subs, "; ")
}

func servable(ss []*tls.Suite, auth map[string]bool) []*tls.Suite {
	if auth == nil {
		return ss
	}
	var out []*tls.Suite
	for _, s := range ss {
		switch s.Au {
		case "RSA", "ECDSA", "DSS":
			if !auth[s.Au] {
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// authOf are the suite authentication types a listener's certificates
// serve; nil when a certificate was not read (then nothing is filtered).
func authOf(l *lint.Listener) map[string]bool {
	if len(l.Certs) == 0 {
		return nil
	}
	auth := map[string]bool{}
	for _, c := range l.Certs {
		if c.Info == nil {
			return nil
		}
		switch c.Info.Cert.Key {
		case clients.KeyRSA:
			auth["RSA"] = true
		case clients.KeyECDSA:
			auth["ECDSA"] = true
		case clients.KeyDSA:
			auth["DSS"] = true
		}
	}
	return auth
}

func versionsText(s tls.VersionSet) string {
	if s.Empty() {
		return "none"
	}
	return s.String()
}

// suiteList names suites, in their order or, with byCode, sorted by code
// point.
func suiteList(ss []*tls.Suite, byCode bool) []string {
	if byCode {
		ss = append([]*tls.Suite(nil), ss...)
		sort.SliceStable(ss, func(i, j int) bool { return ss[i].Code < ss[j].Code })
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Name
	}
	return out
}
