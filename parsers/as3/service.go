package as3

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// serviceKind is what tlslint needs to know of a Service_* class.
type serviceKind struct {
	// defPort is the schema default of virtualPort (0: none; needPort says
	// whether the schema requires one).
	defPort  int
	needPort bool
	http     bool // an HTTP profile parses the traffic
	server   bool // serverTLS is allowed
	client   bool // clientTLS is allowed
	redirect bool // redirect80 exists (Service_HTTPS)
}

// serviceKinds are the virtual server classes mapped to listeners, with
// facts from as3-schema-3.56.0.json: Service_HTTPS.virtualPort default 443
// and redirect80; Service_HTTP.virtualPort default 80 and "dependencies":
// {"serverTLS": {"not": {}}} (no serverTLS); Service_TCP and Service_L4
// require virtualPort (unless virtualType is "internal"); clientTLS and
// serverTLS belong to Service_TCP_Core (HTTP, HTTPS, TCP), not to
// Service_L4_Core (L4, Generic), whose traffic the BIG-IP forwards
// without terminating TLS.
var serviceKinds = map[string]serviceKind{
	"Service_HTTPS":   {defPort: 443, http: true, server: true, client: true, redirect: true},
	"Service_HTTP":    {defPort: 80, http: true, client: true},
	"Service_TCP":     {needPort: true, server: true, client: true},
	"Service_L4":      {needPort: true},
	"Service_Generic": {},
}

type vaddr struct {
	addr string
	pos  lint.Pos
}

type vport struct {
	port int
	pos  lint.Pos // invalid for the schema default
}

// service maps one virtual server class to listeners (one per generated
// client-ssl profile), binds (one per virtual address and port) and
// upstreams (one per server-ssl profile towards the pool).
func (l *loader) service(sc scope, im *Member, kind serviceKind) {
	obj := im.Val
	class := obj.Class()
	subject := l.path(sc, im.Key)
	internal := false
	if _, v, ok := l.stringProp(obj, "virtualType"); ok && v == "internal" {
		// An internal virtual has no destination (map_as3.js
		// updatePropsIfInternal: 0.0.0.0:any): it is reached from other
		// virtuals, never by clients directly.
		internal = true
	}
	var addrs []vaddr
	var ports []vport
	if !internal {
		addrs = l.virtualAddresses(sc, im)
		ports = l.virtualPorts(sc, im, kind)
	}

	// serverTLS
	var servers []*serverTLS
	var serverM *Member
	if m, refs := l.refList(obj, "serverTLS"); m != nil {
		if !kind.server {
			l.diag("TL001", l.propPos(m), "%s cannot have serverTLS (AS3's schema rejects it): expected Service_HTTPS or Service_TCP to terminate TLS", class)
		} else {
			serverM = m
			for i, r := range refs {
				s := sc.sub("serverTLS")
				if m.Val.Kind == Array {
					s = s.sub(strconv.Itoa(i))
				}
				servers = append(servers, l.serverTLSFor(s, m, r))
			}
		}
	}

	newListener := func() *lint.Listener {
		lis := &lint.Listener{Product: lint.AS3, Kind: lint.KindService, Subject: subject, Pos: l.headPos(im),
			HTTPProfile: kind.http}
		for _, a := range addrs {
			for _, p := range ports {
				b := &lint.Bind{Listener: lis, Pos: a.pos, Addr: a.addr, Port: p.port, PortPos: p.pos}
				if serverM != nil {
					b.SSL, b.SSLPos = true, l.propPos(serverM)
				}
				lis.Binds = append(lis.Binds, b)
			}
		}
		return lis
	}
	var listeners []*lint.Listener
	if len(servers) == 0 {
		listeners = append(listeners, newListener())
	}
	for _, st := range servers {
		for _, e := range st.entries {
			lis := newListener()
			lis.Policy = st.policy
			lis.Certs = e.certs
			lis.Names = e.names
			lis.SNIDefault = e.sniDefault
			lis.SNIRequire = e.sniRequire
			lis.Profile = e.profile
			lis.ProfilePos = l.propPos(serverM)
			lis.Written = st.written
			lis.Incomplete = st.incomplete
			listeners = append(listeners, lis)
		}
	}
	l.m.Listeners = append(l.m.Listeners, listeners...)

	if kind.redirect && !internal {
		l.redirect(sc, im, subject, addrs, ports)
	}
	l.pool(sc, im, kind, subject, listeners)
}

// redirect models the virtual server AS3 adds beside a Service_HTTPS when
// redirect80 is true (schema default true): "<name>-Redirect-" on port 80
// of the same addresses, with an HTTP profile and the
// /Common/_sys_https_redirect iRule, no pool (map_as3.js Service_HTTPS,
// constants.js redirectSuffix). It is plain HTTP on port 80 by design, so
// it is a plain listener: rules see port 80 served without TLS, which is
// what a client (or another tier) reaching it gets.
func (l *loader) redirect(sc scope, im *Member, subject string, addrs []vaddr, ports []vport) {
	pos := l.headPos(im)
	if m, v, ok := l.boolProp(im.Val, "redirect80"); ok {
		if !v {
			return
		}
		pos = l.propPos(m)
	}
	for _, p := range ports {
		if p.port == 80 {
			// The service itself is on port 80: the redirect would take the
			// same address and port.
			return
		}
	}
	lis := &lint.Listener{Product: lint.AS3, Kind: lint.KindService, Subject: subject + "-Redirect-", Pos: pos, HTTPProfile: true}
	for _, a := range addrs {
		lis.Binds = append(lis.Binds, &lint.Bind{Listener: lis, Pos: a.pos, Addr: a.addr, Port: 80})
	}
	l.m.Listeners = append(l.m.Listeners, lis)
}

// refList reads a property holding one reference or an array of them
// (serverTLS and clientTLS take both).
func (l *loader) refList(obj *Value, key string) (*Member, []ref) {
	m := obj.Get(key)
	if m == nil {
		return nil, nil
	}
	if m.Val.Kind != Array {
		r, ok := parseRef(m.Val)
		if !ok {
			l.diag("TL001", l.propPos(m), "%q is %s: expected an AS3 pointer (\"name\" or {\"use\": \"name\"}), {\"bigip\": \"/Common/name\"}, or an array of them", key, describeValue(m.Val))
			return nil, nil
		}
		return m, []ref{r}
	}
	var refs []ref
	for i, e := range m.Val.Elems {
		r, ok := parseRef(e)
		if !ok {
			l.diag("TL001", l.valPos(e), "%s[%d] is %s: expected {\"use\": \"name\"} or {\"bigip\": \"/Common/name\"}", key, i, describeValue(e))
			continue
		}
		refs = append(refs, r)
	}
	if len(refs) == 0 {
		return nil, nil
	}
	return m, refs
}

// virtualAddresses reads the destinations: an array of addresses, of
// [address, allowed source] pairs or of Service_Address pointers, or a
// pointer to an address list (schema Service_Core.virtualAddresses).
func (l *loader) virtualAddresses(sc scope, im *Member) []vaddr {
	m := im.Val.Get("virtualAddresses")
	if m == nil {
		l.diag("TL001", l.headPos(im), "%s %s has no virtualAddresses: expected \"virtualAddresses\": [\"<IP address>\", …]", im.Val.Class(), l.path(sc, im.Key))
		return nil
	}
	var out []vaddr
	switch m.Val.Kind {
	case Array:
		for i, e := range m.Val.Elems {
			v := e
			if e.Kind == Array && len(e.Elems) > 0 {
				v = e.Elems[0] // [destination, source]
			}
			switch v.Kind {
			case String:
				out = append(out, vaddr{addr: normalizeAddr(v.Str), pos: l.valPos(v)})
			case Object:
				r, ok := parseRef(v)
				if !ok {
					l.diag("TL001", l.valPos(v), "virtualAddresses[%d] is an object: expected {\"use\": \"<Service_Address>\"} or {\"bigip\": \"/Common/<virtual-address>\"}", i)
					continue
				}
				if r.BigIP != "" {
					// A virtual-address object is named by its address.
					out = append(out, vaddr{addr: normalizeAddr(lastSegment(r.BigIP)), pos: l.valPos(v)})
					continue
				}
				em := &Member{Key: "virtualAddresses", KeyOff: m.KeyOff, KeyEnd: m.KeyEnd, Val: v}
				t, ok := l.lookup(sc.sub("virtualAddresses", strconv.Itoa(i)), em, r, "Service_Address")
				if !ok || t.Outside {
					continue
				}
				if a := t.Member.Val.Val("virtualAddress"); a != nil && a.Kind == String {
					out = append(out, vaddr{addr: normalizeAddr(a.Str), pos: l.valPos(v)})
				}
			default:
				l.diag("TL001", l.valPos(e), "virtualAddresses[%d] is %s: expected an IP address", i, e.Kind)
			}
		}
	case Object:
		r, ok := parseRef(m.Val)
		if !ok {
			l.diag("TL001", l.propPos(m), "\"virtualAddresses\" is an object: expected {\"use\": \"<address list>\"} or {\"bigip\": \"<address list>\"}")
			return nil
		}
		if r.BigIP != "" {
			// An address list on the BIG-IP: its addresses are unknown here.
			return []vaddr{{addr: r.BigIP, pos: l.valPos(m.Val)}}
		}
		t, ok := l.lookup(sc.sub("virtualAddresses"), m, r, "Firewall_Address_List", "Net_Address_List")
		if !ok || t.Outside {
			return nil
		}
		if list := t.Member.Val.Val("addresses"); list != nil && list.Kind == Array {
			for _, a := range list.Elems {
				if a.Kind == String {
					out = append(out, vaddr{addr: normalizeAddr(a.Str), pos: l.valPos(m.Val)})
				}
			}
		}
	default:
		l.diag("TL001", l.propPos(m), "\"virtualAddresses\" is %s: expected an array of IP addresses", m.Val.Kind)
	}
	return out
}

// normalizeAddr writes the wildcard addresses the way the nginx loader
// does ("*" for any IPv4 address); other addresses stay as written
// (route domains "%2" and networks "/24" included).
func normalizeAddr(a string) string {
	switch a {
	case "0.0.0.0", "0.0.0.0/0", "any":
		return "*"
	case "::/0", "any6":
		return "::"
	}
	return a
}

func lastSegment(p string) string { return p[strings.LastIndex(p, "/")+1:] }

// virtualPorts reads virtualPort: an integer, or a pointer to a port list
// (Firewall_Port_List / Net_Port_List, BIG-IP 14.1+), whose single ports
// become binds (ranges such as "8080-8090" are left out).
func (l *loader) virtualPorts(sc scope, im *Member, kind serviceKind) []vport {
	m := im.Val.Get("virtualPort")
	if m == nil {
		if kind.needPort {
			l.diag("TL001", l.headPos(im), "%s %s has no virtualPort: expected \"virtualPort\": <0-65535>", im.Val.Class(), l.path(sc, im.Key))
		}
		return []vport{{port: kind.defPort}}
	}
	switch m.Val.Kind {
	case Number:
		n, ok := m.Val.Int()
		if !ok || n < 0 || n > 65535 {
			l.diag("TL001", l.propPos(m), "invalid virtualPort %s: expected an integer from 0 to 65535", m.Val.Str)
			return []vport{{port: kind.defPort}}
		}
		return []vport{{port: int(n), pos: l.valPos(m.Val)}}
	case Object:
		r, ok := parseRef(m.Val)
		if !ok {
			break
		}
		if r.BigIP != "" {
			// A port list on the BIG-IP: port 0 (any) stands for unknown.
			return []vport{{port: 0}}
		}
		t, ok := l.lookup(sc.sub("virtualPort"), m, r, "Firewall_Port_List", "Net_Port_List")
		if !ok || t.Outside {
			return []vport{{port: 0}}
		}
		var out []vport
		if list := t.Member.Val.Val("ports"); list != nil && list.Kind == Array {
			for _, p := range list.Elems {
				var n int64
				var ok bool
				switch p.Kind {
				case Number:
					n, ok = p.Int()
				case String:
					n, ok = parseInt(p.Str)
				}
				if ok && n > 0 && n <= 65535 {
					out = append(out, vport{port: int(n), pos: l.valPos(p)})
				}
			}
		}
		if len(out) == 0 {
			out = []vport{{port: 0}}
		}
		return out
	}
	l.diag("TL001", l.propPos(m), "\"virtualPort\" is %s: expected an integer from 0 to 65535 or a port list reference", describeValue(m.Val))
	return []vport{{port: kind.defPort}}
}

func parseInt(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// pool builds the upstreams of a service: its pool reached with each of
// its clientTLS profiles, or in plain TCP/HTTP when it has none.
func (l *loader) pool(sc scope, im *Member, kind serviceKind, subject string, listeners []*lint.Listener) {
	obj := im.Val
	pm, pr, ok := l.refProp(obj, "pool")
	if !ok {
		return
	}
	base := lint.Upstream{Product: lint.AS3, Kind: "pool", Pos: l.propPos(pm), ArgPos: l.valPos(pm.Val),
		Host: refText(pr), HostPos: l.valPos(pr.Text)}
	if len(listeners) > 0 {
		base.From = listeners[0]
	}
	switch {
	case pr.BigIP != "":
		base.Group = pr.BigIP
		base.Unknown = fmt.Sprintf("pool %s is defined on the BIG-IP, outside the declaration", pr.BigIP)
	default:
		t, ok := l.lookup(sc.sub("pool"), pm, pr, "Pool")
		switch {
		case !ok:
			base.Group = pr.Use
			base.Unknown = fmt.Sprintf("pool %q does not resolve in the declaration", pr.Use)
		case t.Outside:
			base.Group = t.Path
			base.Unknown = fmt.Sprintf("pool %s belongs to another declaration", t.Path)
		default:
			base.Group, base.GroupPos = t.Path, l.headPos(t.Member)
			base.Targets = l.members(l.itemScope(sc, t), t)
		}
	}

	var clients []*clientTLS
	var clientM *Member
	if m, refs := l.refList(obj, "clientTLS"); m != nil {
		if !kind.client {
			l.diag("TL001", l.propPos(m), "%s cannot have clientTLS (AS3's schema rejects it)", obj.Class())
		} else {
			clientM = m
			for i, r := range refs {
				s := sc.sub("clientTLS")
				if m.Val.Kind == Array {
					s = s.sub(strconv.Itoa(i))
				}
				clients = append(clients, l.clientTLSFor(s, m, r))
			}
		}
	}
	// Service_Core.serversslUseSni (schema default false): the server-side
	// handshake sends the server name the client sent.
	useSNIAt, useSNI, _ := l.boolProp(obj, "serversslUseSni")

	mk := func(ct *clientTLS) *lint.Upstream {
		u := base
		u.Targets = append([]lint.Endpoint(nil), base.Targets...)
		u.Subject = subject + " > pool " + base.Group
		u.Scheme = "tcp"
		if kind.http {
			u.Scheme = "http"
		}
		if ct == nil {
			return &u
		}
		u.TLS = true
		u.Scheme = "tls"
		if kind.http {
			u.Scheme = "https"
		}
		u.SchemePos = l.propPos(clientM)
		if len(clients) > 1 {
			u.Subject += " (clientTLS " + ct.path + ")"
		}
		u.Policy = ct.policy
		u.SNI, u.SNIName = ct.sni, ct.sniName
		if !ct.sni.Value && !ct.sni.Set() && useSNIAt != nil {
			u.SNI = written(l, useSNI, useSNIAt, subject)
		}
		u.Verify = ct.verify
		u.ClientCerts = ct.certs
		u.Written = ct.written
		u.Incomplete = ct.incomplete
		return &u
	}
	var ups []*lint.Upstream
	if len(clients) == 0 {
		ups = append(ups, mk(nil))
	}
	for _, ct := range clients {
		ups = append(ups, mk(ct))
	}
	l.m.Upstreams = append(l.m.Upstreams, ups...)
	for _, lis := range listeners {
		lis.Upstreams = append(lis.Upstreams, ups...)
	}
}

func refText(r ref) string {
	if r.BigIP != "" {
		return r.BigIP
	}
	return r.Use
}

// members reads a Pool's members into endpoints (schema Pool_Member and
// Address_Discovery_Common): servicePort (required) with static
// serverAddresses / servers, an FQDN hostname (addressDiscovery "fqdn"),
// an existing BIG-IP node ({"bigip": …}) or addresses discovered at run
// time (aws, azure, gce, consul, event). The last two have a known port
// but no address in the declaration: their endpoints have an empty Host.
func (l *loader) members(sc scope, t target) []lint.Endpoint {
	mm := t.Member.Val.Get("members")
	if mm == nil {
		return nil
	}
	if mm.Val.Kind != Array {
		l.diag("TL001", l.propPos(mm), "\"members\" is %s: expected an array of pool members", mm.Val.Kind)
		return nil
	}
	var out []lint.Endpoint
	for i, mv := range mm.Val.Elems {
		if mv.Kind != Object {
			l.diag("TL001", l.valPos(mv), "members[%d] is %s: expected a pool member object", i, mv.Kind)
			continue
		}
		sp := mv.Get("servicePort")
		var port int64
		var portPos lint.Pos
		if sp == nil {
			l.diag("TL001", l.src.Pos(mv.Off, mv.Off+1), "pool member %d of %s has no servicePort: expected \"servicePort\": <0-65535>", i, t.Path)
		} else if n, ok := sp.Val.Int(); !ok || n < 0 || n > 65535 {
			l.diag("TL001", l.propPos(sp), "invalid servicePort %s: expected an integer from 0 to 65535", string(l.src.Data[sp.Val.Off:sp.Val.End]))
		} else {
			port, portPos = n, l.valPos(sp.Val)
		}
		ep := func(host string, pos lint.Pos) lint.Endpoint {
			h := host
			if i := strings.IndexByte(h, '%'); i >= 0 {
				h = h[:i] // route domain
			}
			return lint.Endpoint{Host: host, Port: int(port), Pos: pos, PortPos: portPos, IP: host != "" && net.ParseIP(h) != nil}
		}
		// Pool_Member.addressDiscovery, schema default "static".
		disc := "static"
		dm := mv.Get("addressDiscovery")
		if dm != nil {
			if dm.Val.Kind == String {
				disc = dm.Val.Str
			} else {
				disc = "pointer"
			}
		}
		switch disc {
		case "static":
			if b := mv.Get("bigip"); b != nil {
				out = append(out, ep("", l.propPos(b)))
				continue
			}
			if sa := mv.Val("serverAddresses"); sa != nil && sa.Kind == Array {
				for _, a := range sa.Elems {
					if a.Kind == String {
						out = append(out, ep(a.Str, l.valPos(a)))
					}
				}
			}
			if ss := mv.Val("servers"); ss != nil && ss.Kind == Array {
				for _, s := range ss.Elems {
					if a := s.Val("address"); a != nil && a.Kind == String {
						out = append(out, ep(a.Str, l.valPos(a)))
					}
				}
			}
		case "fqdn":
			hm := mv.Get("hostname")
			if hm == nil || hm.Val.Kind != String || hm.Val.Str == "" {
				l.diag("TL001", l.propPos(dm), "an fqdn pool member needs \"hostname\": expected the FQDN to resolve")
				continue
			}
			out = append(out, ep(hm.Val.Str, l.valPos(hm.Val)))
		default:
			out = append(out, ep("", l.propPos(dm)))
		}
	}
	return out
}
