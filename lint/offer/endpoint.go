package offer

import (
	"fmt"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/clients"
	"github.com/tlslint/tlslint/lint/tls"
)

// Listener returns what a listener offers its clients (nil without a TLS
// policy).
func (b *Book) Listener(l *lint.Listener) *Offer {
	if l == nil || l.Policy == nil {
		return nil
	}
	return b.listeners.get(l, func() *Offer {
		def := socketDefault(l)
		versionsFrom, groupsFrom := l, l
		if l.Product == lint.Nginx && def != nil && def != l && def.Policy != nil {
			if !b.t.Nginx.AtLeast(1, 29, 2) {
				versionsFrom = def
			}
			groupsFrom = def
		}
		certs := certFacts(l.Certs)
		k := listenerTermsKey{pol: l.Policy, product: l.Product, versions: versionsFrom.Policy, groups: groupsFrom.Policy, certs: certsKey(certs)}
		if l.Product != lint.Nginx {
			k.own = l
		} else if def != nil && def.RejectHandshake.Value {
			k.rejects = def
		}
		t := b.listenerTerms.get(k, func() *Terms { return b.listener(k, certs) })
		ok := listenerOfferKey{t, versionsFrom, groupsFrom}
		return b.listenerOffers.get(ok, func() *Offer { return &Offer{Terms: t, VersionsFrom: versionsFrom, GroupsFrom: groupsFrom} })
	})
}

// listenerTermsKey is what a listener's terms are computed from: servers
// with the same policy and certificates share them, and the servers of a
// socket whose protocols and groups come from its default server share
// whole offers (listenerOfferKey). The 20,000 servers of a tree held 21
// MB of offers, nearly all of them equal.
type listenerTermsKey struct {
	pol     *lint.TLSPolicy
	product lint.Product
	// versions and groups are the policies whose ssl_protocols and
	// ssl_ecdh_curve apply (Offer.VersionsFrom, Offer.GroupsFrom).
	versions, groups *lint.TLSPolicy
	rejects          *lint.Listener // nginx: the socket default server, when it rejects handshakes without SNI
	own              *lint.Listener // BIG-IP, AS3: the listener (its sni-require)
	certs            string         // certsKey of the served certificates' facts
}

type listenerOfferKey struct {
	terms                    *Terms
	versionsFrom, groupsFrom *lint.Listener
}

// listener computes the terms of the listeners k stands for, which serve
// certificates with the facts certs.
func (b *Book) listener(k listenerTermsKey, certs []clients.Cert) *Terms {
	pol := k.pol
	v := b.view(pol)
	o := &Offer{Terms: &Terms{Side: Listening, Product: k.product, Policy: pol, Versions: &pol.Protocols, GroupsSetting: &pol.Groups, Certs: certs}}
	groupsKey := ""
	if k.product == lint.Nginx {
		b.levels(o, v)
		// the socket's default server's protocols (before nginx 1.29.2)
		// and groups, or the listener's own
		o.Versions, o.VersionLevel = &k.versions.Protocols, b.view(k.versions).level(b.t.OpenSSL)
		o.GroupsSetting = &k.groups.Groups
		o.Groups = b.nginxGroups(o.GroupsSetting.Value).groups
		// nginx checks every server's own ssl_ecdh_curve at start-up
		own := b.nginxGroups(pol.Groups.Value)
		o.BadGroups, o.GroupErr = own.bad, own.err
		groupsKey = o.GroupsSetting.Value
		o.PreferServer = pol.PreferServer.Value
		if pol.DHParam.Value != "" {
			o.DHBits = pol.DHBits
			if o.DHBits == 0 {
				o.DHBits = 2048 // the file could not be read: assume a sound size
			}
		}
		if def := k.rejects; def != nil {
			o.RequiresSNI, o.RequiresSNIAt = true, def.RejectHandshake.WrittenAt(def.Pos)
		}
		o.Configured = &pol.Protocols
	} else {
		l := k.own
		o.Groups, o.BadGroups, o.GroupErr = v.f5Groups, v.f5GrpBad, v.f5GrpErr
		o.PreferServer, o.DHBits = true, 2048
		if v.err == nil {
			o.Versions = narrowed(o.Versions, v.f5Versions)
		}
		o.RequiresSNI, o.RequiresSNIAt = l.SNIRequire.Value, l.SNIRequire.WrittenAt(l.TLSAt())
		o.Configured = o.Versions
	}
	b.fill(o, v)
	o.Server = b.server(o, v, groupsKey)
	return o.Terms
}

// narrowed is s with its versions limited to those in keep: s itself when
// that changes nothing, else a copy (s belongs to a policy).
func narrowed(s *lint.Setting[tls.VersionSet], keep tls.VersionSet) *lint.Setting[tls.VersionSet] {
	v := s.Value.Intersect(keep)
	if v == s.Value {
		return s
	}
	c := *s
	c.Value = v
	return &c
}

// certsKey spells certificate facts exactly, for a map key.
func certsKey(cs []clients.Cert) string {
	var out []byte
	for _, c := range cs {
		out = fmt.Appendf(out, "%d %d %d;", int(c.Key), c.Bits, int(c.Sig))
	}
	return string(out)
}

// socketDefault is the default server of the TLS socket a listener serves
// on (nil when it has none, or only QUIC sockets).
func socketDefault(l *lint.Listener) *lint.Listener {
	for _, bd := range l.Binds {
		if bd.Socket != nil && bd.Socket.TLS && bd.Socket.Default != nil && !bd.QUIC {
			return bd.Socket.Default.Listener
		}
	}
	return nil
}

// Upstream returns what a proxy offers its upstream (nil without a TLS
// policy).
func (b *Book) Upstream(u *lint.Upstream) *Offer {
	if u == nil || u.Policy == nil {
		return nil
	}
	return b.upstreams.get(u, func() *Offer {
		// The terms depend on the upstream only through its policy and
		// product: upstreams that share a policy (the loaders share equal
		// ones) share them. What the connection sends is the offer's own:
		// 40,000 proxy_pass of a 20,000-server tree held 52 MB of offers,
		// and still 19.5 MB when those sending the same SNI name shared one
		// (each server's /api/ location sends a name of its own).
		t := b.upstreamTerms.get(upstreamTermsKey{u.Policy, u.Product}, func() *Terms { return b.upstream(u.Policy, u.Product) })
		return &Offer{Terms: t, SendsSNI: u.SNI.Value, SNIName: u.SNIName.Value, Verify: u.Verify.Value, Trusted: u.Policy.Trusted.Value}
	})
}

// upstreamTermsKey is what an upstream's terms are computed from.
type upstreamTermsKey struct {
	pol     *lint.TLSPolicy
	product lint.Product
}

// upstream computes the terms of the upstreams with policy pol.
func (b *Book) upstream(pol *lint.TLSPolicy, product lint.Product) *Terms {
	v := b.view(pol)
	o := &Offer{Terms: &Terms{Side: Connecting, Product: product, Policy: pol, Versions: &pol.Protocols, GroupsSetting: &pol.Groups}}
	groupsKey := ""
	if product == lint.Nginx {
		// nginx has no upstream groups directive: the library's default list
		b.levels(o, v)
		// ngx_http_proxy_set_ssl loads proxy_ssl_certificate before it sets
		// proxy_ssl_ciphers: the client certificate meets the target's level
		o.CertLevel = b.t.OpenSSL.SecLevel
		g := b.nginxGroups("auto")
		o.Groups, o.BadGroups, o.GroupErr = g.groups, g.bad, g.err
		groupsKey = "auto"
	} else {
		o.Groups, o.BadGroups, o.GroupErr = v.f5Groups, v.f5GrpBad, v.f5GrpErr
		if v.err == nil {
			o.Versions = narrowed(o.Versions, v.f5Versions)
		}
	}
	o.PreferServer = true
	o.Configured = o.Versions
	b.fill(o, v)
	o.Server = b.server(o, v, groupsKey)
	return o.Terms
}

// Written returns the offer a protocol or cipher directive stands for where
// no endpoint in view inherits it (lint.Model.Orphans): the directive as
// written, nginx's defaults for the rest (no ssl_dhparam: no DHE).
func (b *Book) Written(d lint.Directive) *Offer {
	return b.written.get(d.Pos, func() *Offer {
		pol := &lint.TLSPolicy{Product: lint.Nginx, TLS13: lint.Default(tls.DefaultTLS13),
			Protocols: lint.Default(b.t.NginxDefaultProtocols()), Ciphers: lint.Default(lint.NginxDefaultCiphers), Groups: lint.Default("auto")}
		switch d.Knob() {
		case lint.KnobProtocols:
			pol.Protocols = d.Protocols()
		case lint.KnobCiphers:
			if len(d.Args) > 0 {
				pol.Ciphers = lint.Setting[string]{Value: strings.Join(d.Args, " "), Origin: lint.Origin{Pos: d.Pos, Context: d.Context}}
				pol.Ciphers.SetRefused(d.Refused())
				if len(d.ArgPos) > 0 {
					pol.Ciphers.ArgsPos = d.ArgPos[0]
				}
			}
		}
		v := b.view(pol)
		o := &Offer{Terms: &Terms{Side: Written, Product: lint.Nginx, Policy: pol, Versions: &pol.Protocols, Configured: &pol.Protocols,
			GroupsSetting: &pol.Groups}}
		b.levels(o, v)
		g := b.nginxGroups("auto")
		o.Groups = g.groups
		b.fill(o, v)
		return o
	})
}

// fill copies a view's suites into an offer and computes what can be
// negotiated.
func (b *Book) fill(o *Offer, v *view) {
	o.Expansion, o.F5 = v.exp, v.f5
	o.CipherErr, o.Unknown = v.err, v.unknown
	o.Suites, o.TLS13, o.TLS13Err, o.TLS13Unknown, o.NoDHE = v.list, v.tls13, v.tls13Err, v.tls13Bad, v.noDH
	o.Enabled = o.Versions.Value
	if !o.library.IsZero() {
		o.Enabled = o.Enabled.Intersect(o.library.WithSecLevel(o.VersionLevel).Protocols())
	}
	for _, ver := range o.Enabled.List() {
		if ver == tls.TLS13 {
			if len(o.TLS13) > 0 {
				o.Negotiable = o.Negotiable.With(ver)
			}
			continue
		}
		if len(o.Usable(ver)) > 0 {
			o.Negotiable = o.Negotiable.With(ver)
		}
	}
}

// certFacts types what the certificate files say (key type, size, weakest
// signature hash of the served chain); nil when no file was read.
func certFacts(cps []lint.CertPair) []clients.Cert {
	var out []clients.Cert
	for _, c := range cps {
		if c.Info == nil {
			continue
		}
		out = append(out, c.Info.Cert)
	}
	return out
}

// Population is the declared client population (--clients).
func (b *Book) Population() []*clients.Client {
	b.popOnce.Do(func() {
		cs, err := clients.Select(b.t.Clients)
		if err != nil {
			cs, _ = clients.Select(nil)
		}
		b.pop = cs
	})
	return b.pop
}

// levels sets an nginx offer's security levels from its cipher string (see
// Offer.Level).
func (b *Book) levels(o *Offer, v *view) {
	lvl := v.level(b.t.OpenSSL)
	o.Level, o.VersionLevel = lvl, lvl
	startup := lvl
	if sc := o.Policy.StartupCiphers; sc.Set() || sc.Default {
		// ssl_conf_command CipherString replaced ssl_ciphers after the
		// certificates and DH parameters were checked at ssl_ciphers' level
		startup = b.view(&lint.TLSPolicy{Product: lint.Nginx, Ciphers: sc, TLS13: lint.Default(tls.DefaultTLS13)}).level(b.t.OpenSSL)
	}
	o.DHLevel = startup
	o.CertLevel = b.t.OpenSSL.SecLevel
	if b.t.Nginx.AtLeast(1, 21, 2) {
		o.CertLevel = startup
	}
	o.library = b.t.OpenSSL.WithSecLevel(lvl)
}
