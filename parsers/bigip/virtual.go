package bigip

import (
	"strconv"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// attached is a profile as a virtual server lists it.
type attached struct {
	p  *profile
	at lint.Pos // the entry in profiles { }
}

// virtual maps an `ltm virtual` into the model: one listener per client-ssl
// profile attached on the client side (several profiles share the virtual's
// address:port, and so one socket, selected by SNI), or one plain listener
// when there is none; and one upstream for its default pool.
func (b *builder) virtual(o *Object, fi *fileInfo) {
	name := o.FullName
	incomplete := o.Incomplete

	bind, hasBind := b.destination(o, fi)
	proto := "tcp"
	if v, ok := o.Value("ip-protocol"); ok {
		proto = v
	} else if v := bind.proto; v != "" {
		proto = v
	}

	var client, server []attached
	httpProfile, quic := false, false
	var proxyProfile lint.Pos
	var missing []attached
	asm := false
	if pr := o.Prop("profiles"); pr != nil && pr.Block != nil {
		for _, e := range pr.Block.Props {
			if e.Anonymous() {
				continue
			}
			ctx := "all"
			if e.Block != nil {
				if v, ok := e.Block.Value("context"); ok {
					ctx = v
				}
			}
			at := fi.pos(e.KeyPos())
			p := b.profileRef(e.Key, o)
			if p == nil {
				missing = append(missing, attached{&profile{name: NormalizeName(e.Key, o.BaseFolder)}, at})
				continue
			}
			switch p.typ {
			case "web-security":
				asm = true
			case "client-ssl":
				if ctx != "serverside" {
					client = append(client, attached{p, at})
				}
			case "server-ssl":
				if ctx != "clientside" {
					server = append(server, attached{p, at})
				}
			case "http", "fasthttp":
				httpProfile = true
			case "quic":
				quic = true
			case "proxy-protocol":
				proxyProfile = at
			}
		}
	}

	// With ASM (a web-security profile), BIG-IP lists the virtual's
	// security policy among its profiles under the policy's name, and keeps
	// ASM policies out of bigip.conf (the corpus's 15.1 UCS has
	// `/Common/ASM_basic_policy_1 { }` beside `/Common/websecurity { }`
	// and no definition): such a name is no unresolved reference and plays
	// no part in TLS.
	if !asm {
		for _, m := range missing {
			b.unresolved(m.at, "ltm profile", "profile %s on %s is neither defined in the input nor built into BIG-IP %s", m.p.name, name, b.version)
			// it may be the client-ssl or http profile that decides what
			// this virtual serves
			incomplete = true
		}
	}

	var sends, expects lint.Setting[bool]
	sends, expects = lint.Default(false), lint.Default(false)
	if pr := o.Prop("rules"); pr != nil && pr.Block != nil {
		for _, v := range pr.Block.List() {
			if v.Text == "none" {
				continue
			}
			at := fi.pos(v.Pos)
			ro, full := b.find("ltm rule", v.Text, o)
			if ro == nil {
				if !builtinRule(commonName(v.Text)) {
					b.unresolved(at, "ltm rule", "iRule %s on %s is not defined in the input", full, name)
				}
				continue
			}
			r := b.scanIRule(ro)
			if r.sends && !sends.Value {
				sends = lint.Setting[bool]{Value: true, Origin: lint.Origin{Pos: at, Context: full}}
			}
			if r.expects && !expects.Value {
				expects = lint.Setting[bool]{Value: true, Origin: lint.Origin{Pos: at, Context: full}}
			}
		}
	}
	if proxyProfile.IsValid() && !expects.Value {
		expects = lint.Setting[bool]{Value: true, Origin: lint.Origin{Pos: proxyProfile}}
	}

	context := "virtual"
	udp := strings.EqualFold(proto, "udp")
	network := ""
	switch {
	case strings.EqualFold(proto, "tcp"), strings.EqualFold(proto, "any"), udp && quic:
	default:
		// UDP, SCTP, … virtual servers: their own sockets, out of the TCP rules
		network = strings.ToLower(proto)
	}

	listener := func(cs *attached) *lint.Listener {
		l := &lint.Listener{Product: lint.BigIP, Kind: lint.ListenerKind(context), Subject: name, Pos: b.headerPos(o),
			HTTPProfile: httpProfile, Incomplete: incomplete}
		var bd *lint.Bind
		if hasBind {
			bd = &lint.Bind{Listener: l, Pos: bind.pos, Addr: bind.addr, Port: bind.port, PortPos: bind.portPos,
				QUIC: udp && quic, Network: network, ProxyProtocol: expects.Value, PPPos: expects.Pos}
			l.Binds = []*lint.Bind{bd}
		}
		l.SNIDefault, l.SNIRequire = lint.Default(false), lint.Default(false)
		if cs == nil {
			return l
		}
		p := cs.p
		l.Profile, l.ProfilePos = p.name, cs.at
		if !b.enabled(p) {
			return l
		}
		if bd != nil {
			bd.SSL, bd.SSLPos = true, cs.at
		}
		l.Policy = b.policy(p)
		l.Certs = b.certs(p)
		if sn := b.str(p, "server-name", "none"); sn.Value != "" && sn.Value != "none" {
			l.Names = append(l.Names, lint.Name{Value: sn.Value, Pos: sn.ArgsPos})
		}
		l.SNIDefault = b.flag(p, "sni-default", "true", "enabled")
		l.SNIRequire = b.flag(p, "sni-require", "true", "enabled")
		if bd != nil && l.SNIDefault.Value {
			bd.Default, bd.DefaultPos = true, l.SNIDefault.Pos
		}
		if p.incomplete {
			l.Incomplete = true
		}
		return l
	}
	var ls []*lint.Listener
	if len(client) == 0 {
		ls = append(ls, listener(nil))
	}
	for i := range client {
		ls = append(ls, listener(&client[i]))
	}
	b.m.Listeners = append(b.m.Listeners, ls...)

	if pp := o.Prop("pool"); pp != nil && len(pp.Values) > 0 && pp.Value() != "none" && pp.Value() != "" {
		var srv *attached
		for i := range server {
			// several server-ssl profiles: the one marked sni-default
			// serves connections no iRule or SNI selects another for
			if srv == nil || b.flag(server[i].p, "sni-default", "true", "enabled").Value {
				srv = &server[i]
			}
		}
		b.upstream(o, fi, pp, ls, srv, httpProfile, sends, bind.port)
	}
}

// bindInfo is a virtual server's address and port.
type bindInfo struct {
	pos, portPos lint.Pos
	addr         string
	port         int
	proto        string // from traffic-matching-criteria, when it says
}

// destination reads where a virtual server listens: its destination, or the
// inline address and port of its traffic-matching-criteria (BIG-IP 14.1+).
// Address lists and port lists cannot be one bind: no bind then.
func (b *builder) destination(o *Object, fi *fileInfo) (bindInfo, bool) {
	if pr := o.Prop("destination"); pr != nil && len(pr.Values) > 0 {
		v := pr.Values[0]
		d, err := ParseDestination(v.Text)
		if err != nil {
			b.invalid(fi.pos(v.Pos), "%v", err)
			return bindInfo{}, false
		}
		addr := d.Address
		switch {
		case addr == "any":
			addr = "0.0.0.0"
		case addr == "any6":
			addr = "::"
		case !d.IsIP():
			// a virtual-address referred to by name
			folder := d.Folder
			if folder == "" {
				folder = o.BaseFolder
			}
			if va, _ := b.find("ltm virtual-address", folder+"/"+d.Address, o); va != nil {
				if a, ok := va.Value("address"); ok && a != "" {
					addr = a
				}
			}
		}
		if d.HasRouteDomain && !strings.Contains(addr, "%") {
			addr += "%" + strconv.Itoa(d.RouteDomain)
		}
		return bindInfo{pos: fi.pos(pr.Pos), portPos: portPos(fi, v, d.PortText), addr: normalizeRD(addr), port: d.Port}, true
	}
	pr := o.Prop("traffic-matching-criteria")
	if pr == nil || len(pr.Values) == 0 {
		return bindInfo{}, false
	}
	tmc, full := b.find("ltm traffic-matching-criteria", pr.Value(), o)
	if tmc == nil {
		b.unresolved(fi.pos(pr.Values[0].Pos), "ltm traffic-matching-criteria", "traffic-matching-criteria %s is not defined in the input", full)
		return bindInfo{}, false
	}
	tfi := b.fileOf(tmc)
	ap, pp := tmc.Prop("destination-address-inline"), tmc.Prop("destination-port-inline")
	if ap == nil || pp == nil || len(ap.Values) == 0 || len(pp.Values) == 0 {
		return bindInfo{}, false
	}
	port, ok := ServicePort(pp.Value())
	if !ok {
		b.invalid(tfi.pos(pp.Values[0].Pos), "destination-port-inline %q: expected a port number or service name", pp.Value())
		return bindInfo{}, false
	}
	addr := ap.Value()
	switch addr {
	case "any":
		addr = "0.0.0.0"
	case "any6":
		addr = "::"
	}
	proto, _ := tmc.Value("protocol")
	return bindInfo{pos: fi.pos(pr.Pos), portPos: tfi.pos(pp.Values[0].Pos), addr: normalizeRD(addr), port: port, proto: proto}, true
}

// normalizeRD drops the default route domain: 10.0.0.1%0 is 10.0.0.1.
func normalizeRD(addr string) string { return strings.TrimSuffix(addr, "%0") }

// portPos is the position of the port text at the end of an address:port
// value ("/Common/10.0.0.1:443" → "443"); the whole value when not found.
func portPos(fi *fileInfo, v Value, portText string) lint.Pos {
	raw := fi.f.Text(v.Pos)
	i := strings.LastIndex(raw, portText)
	if portText == "" || i < 0 {
		return fi.pos(v.Pos)
	}
	return fi.pos(Pos{Offset: v.Pos.Offset + int32(i), End: v.Pos.Offset + int32(i+len(portText)), Line: v.Pos.Line})
}
