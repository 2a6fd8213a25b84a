package nginx

import (
	"bytes"
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

// nginx's built-in values (nginx.org directive docs; ngx_http_ssl_module.c,
// ngx_http_proxy_module.c).
const (
	defaultServerCiphers   = lint.NginxDefaultCiphers // ssl_ciphers
	defaultUpstreamCiphers = "DEFAULT"                // proxy_ssl_ciphers, grpc_ssl_ciphers, uwsgi_ssl_ciphers
	defaultCurve           = "auto"                   // ssl_ecdh_curve since 1.11.0
	// DefaultTLS13 is OpenSSL's default TLS 1.3 suite list.
	defaultTLS13 = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"
)

func (l *loader) pos(n node) lint.Pos { return n.File.pos(n.Off, n.End) }

func (l *loader) argPos(n node, i int) lint.Pos {
	a := n.Args[i]
	return n.File.pos(a.Off, a.End)
}

func (l *loader) argsPos(n node) lint.Pos {
	if len(n.Args) == 0 {
		return l.pos(n)
	}
	return n.File.pos(n.Args[0].Off, n.Args[len(n.Args)-1].End)
}

// origin builds the Origin of a written directive.
func (l *loader) origin(n node, sc *scope) lint.Origin {
	return lint.Origin{Pos: l.pos(n), Context: sc.contextName()}
}

// listener builds a Listener from a server block's directives.
func (l *loader) listener(sc *scope, n *node, items []node, context string) *lint.Listener {
	lis := &lint.Listener{Product: lint.Nginx, Kind: lint.ListenerKind(context), HTTPProfile: context == "http"}
	if n != nil {
		lis.Pos = n.File.pos(n.Off, n.Open+1)
	} else if len(items) > 0 {
		lis.Pos = l.pos(items[0])
	}
	for _, ln := range sc.dirs["server_name"] {
		for i, a := range ln.Args {
			if a.Value == "" {
				continue
			}
			lis.Names = append(lis.Names, lint.Name{Value: a.Value, Pos: l.argPos(ln, i)})
		}
	}
	for _, ln := range sc.dirs["listen"] {
		if b := l.bind(ln, context); b != nil {
			b.Listener = lis
			lis.Binds = append(lis.Binds, b)
		}
	}
	if len(lis.Binds) == 0 && context == "http" {
		// a server without listen listens on *:80 (nginx runs as root)
		lis.Binds = append(lis.Binds, &lint.Bind{Listener: lis, Pos: lis.Pos, Addr: "*", Port: 80, Implicit: true})
	}
	if ns, at := sc.lookup("ssl"); len(ns) > 0 && context != "stream" {
		v := strings.EqualFold(ns[0].Args[0].Value, "on")
		lis.SSLOn = lint.Setting[bool]{Value: v, Origin: l.origin(ns[0], at)}
		lis.SSLOn.ArgsPos = l.argsPos(ns[0])
		if v {
			for _, b := range lis.Binds {
				if !b.SSL {
					b.SSL = true
					b.SSLPos = lis.SSLOn.Pos
				}
			}
		}
	}
	lis.Policy, lis.PolicyOwner = l.policy(sc, "")
	lis.Certs = l.certPairs(sc, "ssl_certificate", "ssl_certificate_key")
	lis.RejectHandshake = l.flagSetting(sc, "ssl_reject_handshake", false)
	if context == "http" {
		lis.HTTP2 = l.flagSetting(sc, "http2", false)
	}
	if ns, _ := sc.lookup("resolver"); len(ns) > 0 {
		lis.Resolver = true
	}
	for _, w := range items {
		if !w.HasBlock && (isListenerTLS(w.Name) || w.Name == "ssl") {
			lis.Written = append(lis.Written, l.directive(w, sc))
		}
	}
	lis.Incomplete = sc.incomplete()
	lis.Subject = subjectFor(context, lis)
	l.model.Listeners = append(l.model.Listeners, lis)
	return lis
}

func subjectFor(context string, lis *lint.Listener) string {
	name := ""
	if len(lis.Names) > 0 {
		name = lis.Names[0].Value
	}
	port := ""
	if len(lis.Binds) > 0 {
		b := lis.Binds[0]
		if strings.HasPrefix(b.Addr, "unix:") {
			port = b.Addr
		} else {
			port = strconv.Itoa(b.Port)
		}
	}
	prefix := "server"
	if context != "http" {
		prefix = context + " server"
	}
	switch {
	case name != "" && port != "":
		return fmt.Sprintf("%s %s:%s", prefix, name, port)
	case port != "":
		return fmt.Sprintf("%s :%s", prefix, port)
	case name != "":
		return fmt.Sprintf("%s %s", prefix, name)
	}
	return prefix
}

// directive is a statement as written, for Written lists.
func (l *loader) directive(n node, sc *scope) lint.Directive {
	d := lint.Directive{Name: n.Name, Pos: l.pos(n), Context: sc.contextName()}
	d.SetRefused(ciphersRefusal(n))
	d.Args, d.ArgPos = l.args(n)
	return d
}

// args lists a statement's arguments and their positions.
func (l *loader) args(n node) ([]string, []lint.Pos) {
	if len(n.Args) == 0 {
		return nil, nil
	}
	// exact length: an append by a reader copies instead of writing into a
	// list another Written shares (inheritedDirective)
	args, pos := make([]string, len(n.Args)), make([]lint.Pos, len(n.Args))
	for i, a := range n.Args {
		args[i] = a.Value
		pos[i] = l.argPos(n, i)
	}
	return args, pos
}

// inheritedDirective is directive for the upstream Written lists: every
// upstream under an http- or server-level proxy_ssl_* directive lists it,
// so each statement's argument lists are built once and shared. Only the
// lists are kept, by statement, and only when another list may take the
// statement again (keep): directives by statement and context held 20 MB
// at the end of the walk of a 20,000-server tree, and the lists of all
// its 60,000 statements 8 MB, where only the one written in http is listed
// by more than one location.
func (l *loader) inheritedDirective(n node, sc *scope, keep bool) lint.Directive {
	a, ok := l.argLists[n.Stmt]
	if !ok {
		d := l.directive(n, sc)
		if keep {
			l.argLists[n.Stmt] = argLists{d.Args, d.ArgPos}
		}
		return d
	}
	d := lint.Directive{Name: n.Name, Pos: l.pos(n), Context: sc.contextName(), Args: a.args, ArgPos: a.pos}
	d.SetRefused(ciphersRefusal(n))
	return d
}

// argLists are a statement's arguments as a lint.Directive lists them.
type argLists struct {
	args []string
	pos  []lint.Pos
}

// listen parameters nginx accepts (http, stream and mail listen).
var listenParams = map[string]bool{
	"default_server": true, "default": true, "ssl": true, "http2": true, "spdy": true, "quic": true,
	"proxy_protocol": true, "udp": true, "reuseport": true, "bind": true, "deferred": true,
}

var listenKeyParams = []string{"ipv6only=", "backlog=", "rcvbuf=", "sndbuf=", "setfib=", "fastopen=",
	"accept_filter=", "so_keepalive=", "multipath"}

// bind parses a listen directive.
func (l *loader) bind(n node, context string) *lint.Bind {
	a := n.Args[0]
	b := &lint.Bind{Pos: l.pos(n)}
	addr, port, err := parseListenAddr(a.Value, context)
	if err != nil {
		l.parseErrorAt(n.File, a.Off, a.End, "%s in \"listen\" directive", err)
		return nil
	}
	b.Addr, b.Port = addr, port
	b.PortPos = l.argPos(n, 0)
	if i := strings.LastIndex(a.Value, ":"); i >= 0 && port > 0 && !strings.HasPrefix(a.Value, "unix:") && !strings.HasSuffix(a.Value, "]") {
		b.PortPos = n.File.src.Pos(int(a.Off)+i+1, int(a.End))
	}
	for i, p := range n.Args[1:] {
		v := p.Value
		b.Params = append(b.Params, lint.ListenParam{Value: v, Pos: l.argPos(n, i+1)})
		switch {
		case v == "ssl":
			b.SSL = true
			b.SSLPos = l.argPos(n, i+1)
		case v == "quic":
			b.QUIC = true
		case v == "udp":
			b.Network = "udp"
		case v == "default_server" || v == "default":
			b.Default = true
			b.DefaultPos = l.argPos(n, i+1)
		case v == "proxy_protocol":
			b.ProxyProtocol = true
			b.PPPos = l.argPos(n, i+1)
		case listenParams[v]:
		case hasAnyPrefix(v, listenKeyParams):
		default:
			l.parseErrorAt(n.File, p.Off, p.End, "invalid parameter %q in \"listen\" directive", v)
		}
	}
	return b
}

func hasAnyPrefix(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// parseListenAddr parses listen's first argument: port, addr:port, addr,
// [v6]:port, *:port, unix:/path.
func parseListenAddr(s, context string) (string, int, error) {
	if strings.HasPrefix(s, "unix:") {
		return s, 0, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 || n > 65535 {
			return "", 0, fmt.Errorf("invalid port %q", s)
		}
		return "*", n, nil
	}
	host, portStr := s, ""
	if strings.HasPrefix(s, "[") {
		i := strings.Index(s, "]")
		if i < 0 {
			return "", 0, fmt.Errorf("invalid IPv6 address %q", s)
		}
		host = s[:i+1]
		rest := s[i+1:]
		if rest != "" {
			if !strings.HasPrefix(rest, ":") {
				return "", 0, fmt.Errorf("invalid address %q", s)
			}
			portStr = rest[1:]
		}
	} else if i := strings.LastIndex(s, ":"); i >= 0 {
		host, portStr = s[:i], s[i+1:]
	}
	port := 80
	if portStr == "" && context != "http" {
		return "", 0, fmt.Errorf("no port in %q", s)
	}
	if portStr != "" {
		n, err := strconv.Atoi(portStr)
		if err != nil || n < 1 || n > 65535 {
			return "", 0, fmt.Errorf("invalid port in %q", s)
		}
		port = n
	}
	if host == "0.0.0.0" || host == "" {
		host = "*"
	}
	return host, port, nil
}

// parseHostPort parses an upstream address: host, host:port, [v6]:port,
// unix:/path. stream upstreams need a port.
func parseHostPort(s string, defPort int, needPort bool) (lint.Endpoint, error) {
	if hasFoldPrefix(s, "unix:") {
		return lint.Endpoint{Host: s[len("unix:"):], Unix: true}, nil
	}
	host, portStr := s, ""
	if strings.HasPrefix(s, "[") {
		i := strings.Index(s, "]")
		if i < 0 {
			return lint.Endpoint{}, fmt.Errorf("invalid IPv6 address %q", s)
		}
		host = s[1:i]
		if rest := s[i+1:]; strings.HasPrefix(rest, ":") {
			portStr = rest[1:]
		}
	} else if i := strings.LastIndex(s, ":"); i >= 0 {
		host, portStr = s[:i], s[i+1:]
	}
	ep := lint.Endpoint{Host: host}
	if portStr == "" {
		if needPort {
			return ep, fmt.Errorf("no port in upstream %q", s)
		}
		ep.Port, ep.PortImplicit = defPort, true
	} else {
		n, err := strconv.Atoi(portStr)
		if err != nil || n < 1 || n > 65535 {
			return ep, fmt.Errorf("invalid port in %q", s)
		}
		ep.Port = n
	}
	ep.IP = net.ParseIP(host) != nil
	return ep, nil
}

// setEndpointPos points an endpoint at its text.
func setEndpointPos(ep *lint.Endpoint, f *file, a Arg) {
	ep.Pos = f.pos(a.Off, a.End)
	ep.PortPos = ep.Pos
	if !ep.PortImplicit && !ep.Unix {
		if i := bytes.LastIndexByte(f.src.Data[a.Off:a.End], ':'); i >= 0 {
			ep.PortPos = f.src.Pos(int(a.Off)+i+1, int(a.End))
		}
	}
}

// policy builds the effective TLS policy at a scope: listener side
// (prefix "") or upstream side (prefix "proxy", "grpc", "uwsgi"), and
// numbers the block it is written for (its owner, see Listener.PolicyOwner).
//
// Scopes that inherit every relevant directive from the same ancestor share
// one policy: thousands of locations under one server cost one policy, and
// later memoization (expansion, simulation) sees one value. Owners whose
// policies come out identical share one too: 20,000 servers that each set
// a certificate (so each owns its policy) but inherit ssl_protocols and
// ssl_ciphers from http held 20,000 copies of the same 2 KB.
func (l *loader) policy(sc *scope, prefix string) (*lint.TLSPolicy, int32) {
	memo := l.memo(sc.owner(prefix))
	if p, ok := memo.policies[prefix]; ok {
		return p.policy, p.owner
	}
	var built lint.TLSPolicy // on the stack: only a policy not seen before is allocated
	l.buildPolicy(&built, sc, prefix)
	v, shareable := valueOf(&built)
	p := l.samePolicies[v]
	if p == nil || !shareable {
		p = new(lint.TLSPolicy)
		*p = built
		if shareable {
			l.samePolicies[v] = p
		}
	}
	l.owners++
	owned := ownedPolicy{policy: p, owner: l.owners}
	if memo.policies == nil {
		memo.policies = map[string]ownedPolicy{}
	}
	memo.policies[prefix] = owned
	return owned.policy, owned.owner
}

type ownedPolicy struct {
	policy *lint.TLSPolicy
	owner  int32
}

// ownerMemo holds what policy and upstreamWritten computed for an owner
// scope, by prefix. It lives in the scope and goes with it once its block
// is walked: maps by owner in the loader held 9 MB at the end of the walk
// of a 20,000-server tree (a policy and a directive list for each of
// 60,000 blocks).
type ownerMemo struct {
	policies map[string]ownedPolicy
	written  map[string][]lint.Directive
}

// memo is the memo of an owner scope; the loader's own for no owner.
func (l *loader) memo(owner *scope) *ownerMemo {
	if owner == nil {
		return &l.unowned
	}
	return &owner.memo
}

// owner is the nearest scope that writes a directive of the policy's
// family (ssl_* for prefix "", proxy_ssl_* for "proxy", ...).
func (sc *scope) owner(prefix string) *scope {
	fam := "ssl_"
	if prefix != "" {
		fam = prefix + "_ssl"
	}
	for s := sc; s != nil; s = s.parent {
		for name := range s.dirs {
			if strings.HasPrefix(name, fam) {
				return s
			}
		}
	}
	return nil
}

// buildPolicy fills p with the policy at a scope (see policy).
func (l *loader) buildPolicy(p *lint.TLSPolicy, sc *scope, prefix string) {
	d := prefix
	if d != "" {
		d += "_"
	}
	*p = lint.TLSPolicy{Product: lint.Nginx}
	if ns, at := sc.lookup(d + "ssl_protocols"); len(ns) > 0 {
		var set tls.VersionSet
		for _, a := range ns[0].Args {
			v, _ := tls.ParseVersion(a.Value)
			set = set.With(v)
		}
		p.Protocols = lint.Setting[tls.VersionSet]{Value: set, Origin: l.origin(ns[0], at)}
		p.Protocols.ArgsPos = l.argsPos(ns[0])
	} else {
		p.Protocols = lint.Default(l.opts.Target.NginxDefaultProtocols())
	}
	def := defaultServerCiphers
	if prefix != "" {
		def = defaultUpstreamCiphers
	}
	p.Ciphers = l.stringSetting(sc, d+"ssl_ciphers", def)
	if ns, _ := sc.lookup(d + "ssl_ciphers"); len(ns) > 0 {
		if why := ciphersRefusal(ns[0]); !why.IsZero() {
			var args []string
			for _, a := range ns[0].Args {
				args = append(args, a.Value)
			}
			p.Ciphers.Value = strings.Join(args, " ")
			p.Ciphers.SetRefused(why)
		}
	}
	p.TLS13 = lint.Default(defaultTLS13)
	if prefix == "" {
		p.Groups = l.stringSetting(sc, "ssl_ecdh_curve", defaultCurve)
		p.DHParam = l.stringSetting(sc, "ssl_dhparam", "")
		p.PreferServer = l.flagSetting(sc, "ssl_prefer_server_ciphers", false)
		p.Stapling = l.flagSetting(sc, "ssl_stapling", false)
		p.StapleVerify = l.flagSetting(sc, "ssl_stapling_verify", false)
		p.Trusted = l.stringSetting(sc, "ssl_trusted_certificate", "")
	} else {
		p.Trusted = l.stringSetting(sc, d+"ssl_trusted_certificate", "")
	}
	if ns, _ := sc.lookup(d + "ssl_trusted_certificate"); len(ns) > 0 {
		p.TrustedPath = l.filePath(ns[0])
	}
	if ns, _ := sc.lookup("ssl_dhparam"); prefix == "" && len(ns) > 0 {
		p.DHBits = l.dhBits(l.filePath(ns[0]))
	}
	// ssl_conf_command is applied by nginx after its own settings, so it wins.
	if ns, at := sc.lookup(d + "ssl_conf_command"); len(ns) > 0 {
		for _, n := range ns {
			key, val := n.Args[0].Value, n.Args[1].Value
			o := l.origin(n, at)
			o.ArgsPos = l.argPos(n, 1)
			switch strings.ToLower(key) {
			case "cipherstring":
				// applied after certificates and DH parameters are loaded:
				// the handshake uses it, the start-up checks ran at the
				// level of ssl_ciphers (checked with nginx 1.22: RSA-1024
				// fails "ee key too small" with CipherString HIGH:@SECLEVEL=1)
				if !p.StartupCiphers.Set() && !p.StartupCiphers.Default {
					p.StartupCiphers = p.Ciphers
				}
				p.Ciphers = lint.Setting[string]{Value: val, Origin: o}
			case "ciphersuites":
				p.TLS13 = lint.Setting[string]{Value: val, Origin: o}
			case "groups", "curves":
				if prefix == "" {
					p.Groups = lint.Setting[string]{Value: val, Origin: o}
				}
			case "minprotocol", "maxprotocol":
				v, ok := tls.ParseVersion(val)
				if !ok {
					continue
				}
				set := p.Protocols.Value
				for _, x := range tls.AllVersions {
					if (strings.EqualFold(key, "minprotocol") && x < v) || (strings.EqualFold(key, "maxprotocol") && x > v) {
						set = set.Without(x)
					}
				}
				p.Protocols = lint.Setting[tls.VersionSet]{Value: set, Origin: o}
			}
		}
	}
}

func (l *loader) stringSetting(sc *scope, name, def string) lint.Setting[string] {
	if ns, at := sc.lookup(name); len(ns) > 0 && len(ns[0].Args) > 0 {
		s := lint.Setting[string]{Value: ns[0].Args[0].Value, Origin: l.origin(ns[0], at)}
		s.ArgsPos = l.argsPos(ns[0])
		return s
	}
	return lint.Default(def)
}

func (l *loader) flagSetting(sc *scope, name string, def bool) lint.Setting[bool] {
	if ns, at := sc.lookup(name); len(ns) > 0 && len(ns[0].Args) > 0 {
		s := lint.Setting[bool]{Value: strings.EqualFold(ns[0].Args[0].Value, "on"), Origin: l.origin(ns[0], at)}
		s.ArgsPos = l.argsPos(ns[0])
		return s
	}
	return lint.Default(def)
}

// certPairs pairs the effective certificate and key arrays (inherited as a
// whole, like every nginx array directive).
func (l *loader) certPairs(sc *scope, certName, keyName string) []lint.CertPair {
	certs, cat := sc.lookup(certName)
	keys, kat := sc.lookup(keyName)
	var out []lint.CertPair
	for i, c := range certs {
		cp := lint.CertPair{Cert: lint.Setting[string]{Value: c.Args[0].Value, Origin: l.origin(c, cat)}}
		cp.Cert.ArgsPos = l.argPos(c, 0)
		cp.CertPath = l.filePath(c)
		if i < len(keys) {
			k := keys[i]
			cp.Key = lint.Setting[string]{Value: k.Args[0].Value, Origin: l.origin(k, kat)}
			cp.Key.ArgsPos = l.argPos(k, 0)
			cp.KeyPath = l.filePath(k)
		}
		cp.Variable = strings.Contains(cp.Cert.Value, "$") || strings.Contains(cp.Key.Value, "$")
		if cp.Variable {
			cp.CertPath, cp.KeyPath = "", ""
		}
		out = append(out, cp)
	}
	return out
}

// mapPath resolves a file path as nginx would (relative to the prefix),
// then applies --map. data:, engine: and variable paths give "".
func (l *loader) mapPath(p string) string {
	if p == "" || strings.HasPrefix(p, "data:") || strings.HasPrefix(p, "engine:") || strings.Contains(p, "$") {
		return ""
	}
	if filepath.IsAbs(p) {
		m := MapPath(l.opts.Maps, p)
		if !filepath.IsAbs(m) {
			if abs, err := filepath.Abs(m); err == nil {
				return abs
			}
		}
		return m
	}
	return filepath.Join(l.prefix, p)
}

// ciphersRefusal says why nginx refuses an ssl_ciphers directive as
// written: more than one argument ("ssl_ciphers ECDHE+AESGCM !aNULL;"
// splits the string at the space; nginx 1.22 -t: invalid number of
// arguments). Zero when it takes it.
func ciphersRefusal(n node) lint.Msg {
	if !strings.HasSuffix(n.Name, "ssl_ciphers") || len(n.Args) == 1 {
		return lint.Msg{}
	}
	return lint.Msgf("invalid number of arguments in %q directive: expected 1 cipher string, with the suites separated by ':' (not spaces)", n.Name)
}

// policyValue is a TLSPolicy as a comparable value, for sharing identical
// policies. Every field of lint.TLSPolicy and lint.Origin is here
// (TestPolicyValueFields fails when one is added without it).
type policyValue struct {
	product                         lint.Product
	protocols                       tls.VersionSet
	ciphers, tls13, groups, dhparam string
	trusted, trustedPath            string
	group                           *lint.CipherGroup
	dhBits                          int
	prefer, stapling, stapleVerify  bool
	protocolsAt, ciphersAt, groupAt originValue
	tls13At, groupsAt, dhparamAt    originValue
	preferAt, staplingAt, verifyAt  originValue
	trustedAt                       originValue
	startupCiphers                  string
	startupAt                       originValue
}

type originValue struct {
	pos, args            lint.Pos
	def                  bool
	context              string
	refused, unavailable string // Unavailable in English: a Msg is not comparable
}

// valueOf returns p as a comparable value; false when it has a defaults-from
// chain (BIG-IP only), which is not compared.
func valueOf(p *lint.TLSPolicy) (policyValue, bool) {
	ok := true
	at := func(o lint.Origin) originValue {
		if len(o.Chain()) > 0 {
			ok = false
		}
		return originValue{pos: o.Pos, args: o.ArgsPos, def: o.Default, context: o.Context, refused: o.Refused().String(), unavailable: o.Unavailable().String()}
	}
	v := policyValue{
		product: p.Product, protocols: p.Protocols.Value, ciphers: p.Ciphers.Value, tls13: p.TLS13.Value,
		groups: p.Groups.Value, dhparam: p.DHParam.Value, trusted: p.Trusted.Value, trustedPath: p.TrustedPath,
		group: p.CipherGroup.Value, dhBits: p.DHBits, prefer: p.PreferServer.Value, stapling: p.Stapling.Value,
		stapleVerify: p.StapleVerify.Value,
		protocolsAt:  at(p.Protocols.Origin), ciphersAt: at(p.Ciphers.Origin), groupAt: at(p.CipherGroup.Origin),
		tls13At: at(p.TLS13.Origin), groupsAt: at(p.Groups.Origin), dhparamAt: at(p.DHParam.Origin),
		preferAt: at(p.PreferServer.Origin), staplingAt: at(p.Stapling.Origin), verifyAt: at(p.StapleVerify.Origin),
		trustedAt: at(p.Trusted.Origin), startupCiphers: p.StartupCiphers.Value, startupAt: at(p.StartupCiphers.Origin),
	}
	return v, ok
}
