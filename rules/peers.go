package rules

import (
	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

// peer is the accepting side of an upstream connection: a listener in the
// model, or a backend declared in .tlslint.hcl.
type peer struct {
	name     string
	pos      lint.Pos
	versions tls.VersionSet
	list     []*tls.Suite // TLS ≤ 1.2 suites accepted (nil: unknown)
	tls13    []*tls.Suite // TLS 1.3 suites accepted (nil: unknown)
	protoAt  lint.Pos
	suitesAt lint.Pos
}

// peersOf finds what accepts an upstream's connections, target by target.
func peersOf(p *lint.Pass, u *lint.Upstream) []peer {
	var out []peer
	for _, t := range u.Targets {
		if t.Unix {
			continue
		}
		for _, b := range p.Model.Backends {
			if b.Port == t.Port && equalHost(b.Host, t.Host) {
				pr := peer{name: lint.HostPort(b.Host, b.Port) + " (declared in .tlslint.hcl)", pos: b.Pos, versions: b.Protocols, protoAt: b.Pos, suitesAt: b.Pos}
				if pr.versions.Empty() {
					pr.versions = tls.Versions(tls.SSLv3, tls.TLS10, tls.TLS11, tls.TLS12, tls.TLS13)
				}
				if b.Ciphers != "" {
					if e := tls.Expand(b.Ciphers, p.Target.OpenSSL); e.Err == nil {
						pr.list = e.List
					}
				}
				if b.TLS13 != "" {
					pr.tls13, _ = tls.ParseCiphersuitesFor(b.TLS13, p.Target.OpenSSL)
				}
				out = append(out, pr)
			}
		}
		for _, s := range p.Model.SocketsAt(t.Host, t.Port) {
			if !s.TLS || s.Default == nil {
				continue
			}
			l := s.Default.Listener
			for _, b := range s.Binds {
				for _, n := range b.Listener.Names {
					if equalHost(n.Value, sniName(u, t)) {
						l = b.Listener
					}
				}
			}
			prot, _ := effectiveProtocols(p.Target, l)
			v := view(p, l.Policy, prot.Value, nil)
			if v == nil || v.err != nil {
				continue
			}
			out = append(out, peer{name: l.Subject, pos: listenerAt(l), versions: prot.Value, list: v.list, tls13: v.tls13,
				protoAt: settingAt(prot.Origin, listenerAt(l)), suitesAt: settingAt(l.Policy.Ciphers.Origin, listenerAt(l))})
		}
	}
	return out
}

func sniName(u *lint.Upstream, t lint.Endpoint) string {
	if u.SNIName.Value != "" && u.SNIName.Value[0] != '$' {
		return u.SNIName.Value
	}
	return t.Host
}

func equalHost(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
