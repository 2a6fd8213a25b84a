package bigip

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// upstream maps a virtual server's default pool: the connections BIG-IP
// opens to the pool members, TLS when a server-ssl profile is attached.
func (b *builder) upstream(vs *Object, fi *fileInfo, pp *Prop, from []*lint.Listener, srv *attached,
	httpProfile bool, sends lint.Setting[bool], vsPort int) {
	ref := pp.Value()
	argPos := fi.pos(pp.Values[0].Pos)
	poolObj, full := b.find("ltm pool", ref, vs)
	u := &lint.Upstream{Product: lint.BigIP, Kind: "pool", Subject: poolSubject(vs.FullName, full),
		Pos: fi.pos(pp.Pos), ArgPos: argPos, Host: ref, HostPos: argPos, Group: full, ProxyProtocol: sends}
	if len(from) > 0 {
		u.From = from[0]
	}
	if poolObj == nil {
		b.unresolved(argPos, "ltm pool", "pool %s of %s is not defined in the input", full, vs.FullName)
		u.Unknown = fmt.Sprintf("pool %s is not defined in the input", full)
		u.Incomplete = true
	} else {
		u.GroupPos = b.headerPos(poolObj)
		u.Targets = b.members(poolObj, vsPort)
		u.Incomplete = poolObj.Incomplete
	}

	u.SNI, u.SNIName, u.Verify = lint.Default(false), lint.Default(""), lint.Default(false)
	u.TLS = srv != nil && b.enabled(srv.p)
	switch {
	case httpProfile && u.TLS:
		u.Scheme = "https"
	case httpProfile:
		u.Scheme = "http"
	case u.TLS:
		u.Scheme = "tls"
	default:
		u.Scheme = "tcp"
	}
	if u.TLS {
		p := srv.p
		u.SchemePos = srv.at
		u.Policy = b.policy(p)
		// peer-cert-mode require verifies the server's certificate; the
		// built-in serverssl says ignore.
		u.Verify = b.flag(p, "peer-cert-mode", "require")
		sn := b.str(p, "server-name", "none")
		useSNI := vs.Prop("serverssl-use-sni")
		switch {
		case sn.Value != "" && sn.Value != "none":
			u.SNI = lint.Setting[bool]{Value: true, Origin: sn.Origin}
			u.SNIName = sn
		case useSNI != nil && strings.EqualFold(useSNI.Value(), "enabled"):
			// the client's SNI is forwarded: a name per connection
			u.SNI = lint.Setting[bool]{Value: true, Origin: lint.Origin{Pos: fi.pos(useSNI.Pos),
				ArgsPos: valuesPos(fi, useSNI), Context: vs.FullName}}
		default:
			u.SNI = lint.Setting[bool]{Value: false, Origin: sn.Origin}
		}
		u.ClientCerts = b.clientCerts(p)
		if p.incomplete {
			u.Incomplete = true
		}
	}
	b.m.Upstreams = append(b.m.Upstreams, u)
	for _, l := range from {
		l.Upstreams = append(l.Upstreams, u)
	}
}

// clientCerts is the certificate a server-ssl profile presents to the pool
// members (its cert, key and chain attributes), if any.
func (b *builder) clientCerts(p *profile) []lint.CertPair {
	c, ok := b.attr(p, "cert")
	if !ok || c.prop.Value() == "" || c.prop.Value() == "none" {
		return nil
	}
	pair := lint.CertPair{Cert: b.fileSetting(c.prop, c.owner, c, kindCert)}
	if k, ok := b.attr(p, "key"); ok {
		pair.Key = b.fileSetting(k.prop, k.owner, k, kindKey)
	}
	if ch, ok := b.attr(p, "chain"); ok {
		pair.Chain = b.fileSetting(ch.prop, ch.owner, ch, kindCert)
	}
	b.pairPaths(&pair)
	return []lint.CertPair{pair}
}

// members reads a pool's members. A member is named node:port; its host is
// the member's address, or its FQDN, or its node's (`ltm node`: address or
// fqdn { name … }). Port 0 ("any") keeps the port the client connected to:
// the virtual server's.
func (b *builder) members(pool *Object, vsPort int) []lint.Endpoint {
	fi := b.fileOf(pool)
	mp := pool.Prop("members")
	if mp == nil || mp.Block == nil {
		return nil
	}
	var out []lint.Endpoint
	for _, m := range mp.Block.Props {
		if m.Anonymous() {
			continue
		}
		keyPos := fi.pos(m.KeyPos())
		d, err := ParseDestination(m.Key)
		if err != nil {
			b.invalid(keyPos, "pool member %s of %s: %v", m.Key, pool.FullName, err)
			continue
		}
		ep := lint.Endpoint{Port: d.Port, Pos: keyPos, PortPos: portPos(fi, m.KeyValue(), d.PortText)}
		ep.Host = b.memberHost(pool, m, d)
		if ip, err := netip.ParseAddr(strings.Split(ep.Host, "%")[0]); err == nil && ip.IsValid() {
			ep.IP = true
		}
		if d.Port == 0 && vsPort != 0 {
			ep.Port, ep.PortImplicit = vsPort, true
		}
		out = append(out, ep)
	}
	return out
}

// memberHost finds the host a member connects to.
func (b *builder) memberHost(pool *Object, m *Prop, d Destination) string {
	if h := hostOf(m.Block); h != "" {
		return h
	}
	folder := d.Folder
	if folder == "" {
		folder = pool.BaseFolder
	}
	if node, _ := b.find("ltm node", NormalizeName(d.Address, folder), pool); node != nil {
		if h := hostOf(node.Body()); h != "" {
			return h
		}
	}
	h := d.Address
	if d.HasRouteDomain {
		h = fmt.Sprintf("%s%%%d", h, d.RouteDomain)
	}
	return normalizeRD(h)
}

// hostOf reads a member's or node's address, or its FQDN when the address
// is the placeholder FQDN nodes carry (any6) or absent.
func hostOf(blk *Block) string {
	if blk == nil {
		return ""
	}
	if a, ok := blk.Value("address"); ok && a != "" && a != "any6" && a != "::" && a != "any" {
		return normalizeRD(a)
	}
	if n, ok := blk.Value("fqdn", "name"); ok && n != "" && n != "none" {
		return n
	}
	return ""
}
