package offer

import (
	"net"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

// Peer is the accepting side of an upstream connection: a listener in the
// model, or a backend declared in .tlslint.hcl.
type Peer struct {
	Name     string
	Listener *lint.Listener // nil for a declared backend
	Offer    *Offer         // the listener's offer; nil for a declared backend
	Versions tls.VersionSet // protocol versions accepted
	Suites   []*tls.Suite   // TLS ≤ 1.2 suites accepted (nil: unknown)
	TLS13    []*tls.Suite   // TLS 1.3 suites accepted (nil: unknown)
	// ProtocolsAt and SuitesAt are where the peer's versions and suites are set.
	ProtocolsAt, SuitesAt lint.Pos
}

// Peers finds what accepts an upstream's connections, target by target: a
// declared backend, or the TLS listener of the model that a connection to
// the target reaches — the server whose name the upstream sends as SNI, else
// the socket's default server.
func (b *Book) Peers(u *lint.Upstream) []Peer {
	return b.peers.get(u, func() []Peer {
		var out []Peer
		for _, t := range u.Targets {
			if t.Unix {
				continue
			}
			for _, bk := range b.m.Backends {
				if bk.Port == t.Port && strings.EqualFold(bk.Host, t.Host) {
					out = append(out, b.declared(bk))
				}
			}
			sni := SentSNI(u, t)
			for _, s := range b.m.SocketsAt(t.Host, t.Port) {
				if !s.TLS || s.Default == nil {
					continue
				}
				l := s.Default.Listener
				if sni != "" {
					if named := s.Serving(sni); named != nil {
						l = named
					}
				}
				o := b.Listener(l)
				if o == nil || o.CipherErr != nil {
					continue
				}
				at := l.TLSAt()
				out = append(out, Peer{Name: l.Subject, Listener: l, Offer: o, Versions: o.Versions.Value, Suites: o.Suites, TLS13: o.TLS13,
					ProtocolsAt: o.Versions.WrittenAt(at), SuitesAt: l.Policy.Ciphers.WrittenAt(at)})
			}
		}
		return out
	})
}

func (b *Book) declared(bk *lint.Backend) Peer {
	pr := Peer{Name: lint.HostPort(bk.Host, bk.Port) + " (declared in .tlslint.hcl)", Versions: bk.Protocols,
		ProtocolsAt: bk.Pos, SuitesAt: bk.Pos}
	if pr.Versions.Empty() {
		pr.Versions = tls.Versions(tls.SSLv3, tls.TLS10, tls.TLS11, tls.TLS12, tls.TLS13)
	}
	if bk.Ciphers != "" {
		if e := tls.Expand(bk.Ciphers, b.t.OpenSSL); e.Err == nil {
			pr.Suites = e.List
		}
	}
	if bk.TLS13 != "" {
		pr.TLS13, _ = tls.ParseCiphersuitesFor(bk.TLS13, b.t.OpenSSL)
	}
	return pr
}

// IntendedName is the name a connection to a target is meant for, the one
// SNI would carry and verification checks: proxy_ssl_name when it is a
// literal, else the host proxy_pass names (nginx's $proxy_host: an upstream
// group's name for a group), else the target's host.
func IntendedName(u *lint.Upstream, t lint.Endpoint) string {
	if u.SNIName.Value != "" && u.SNIName.Value[0] != '$' {
		return u.SNIName.Value
	}
	if u.Product == lint.Nginx && u.Host != "" && !strings.Contains(u.Host, "$") {
		return u.Host
	}
	return t.Host
}

// SentSNI is the server name an upstream really sends towards a target, ""
// for none: nothing unless SNI is switched on, and never an IP address
// (RFC 6066 §3; ngx_http_upstream_ssl_name skips literal addresses).
func SentSNI(u *lint.Upstream, t lint.Endpoint) string {
	if !u.SNI.Value {
		return ""
	}
	name := IntendedName(u, t)
	if net.ParseIP(strings.Trim(name, "[]")) != nil {
		return ""
	}
	return name
}
