package rules

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL202", Name: "listener-plain-on-tls-port", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "port 443 is served without TLS (nginx: no server on that address:port marks it ssl; BIG-IP: virtual at :443 with an http profile and no client-ssl)",
		Why: "Clients open https:// connections and send a ClientHello to a plain socket: every handshake fails " +
			"with \"wrong version number\" / ERR_SSL_PROTOCOL_ERROR. In nginx TLS belongs to the socket: one " +
			"`listen 443 ssl` anywhere on the same address:port makes it TLS for every server; `listen 443 quic` is UDP.",
		Example: "server {\n    listen 443;\n    server_name app.example.com;\n}",
		Fix:     "Mark the socket as TLS: listen 443 ssl; with ssl_certificate and ssl_certificate_key.",
	}, Check: checkTL202})
}

func checkTL202(p *lint.Pass) {
	for _, s := range p.Model.Sockets {
		if s.TLS || s.Port != 443 || s.Network != "tcp" || len(s.Binds) == 0 {
			continue
		}
		if s.Kind == lint.KindStream {
			plainStream(p, s)
			continue
		}
		if s.Kind.Passthrough() {
			continue
		}
		b := s.Default
		if b.Listener.Incomplete {
			continue // a listen … ssl may be in the include tlslint could not read
		}
		if !b.Listener.HTTPProfile {
			continue // BIG-IP/AS3 without an http profile passes TLS through
		}
		f := lint.Finding{Pos: b.Pos, Subject: b.Listener.Subject,
			Msg: lint.Msgf("%s is served without TLS: HTTPS clients fail with \"wrong version number\"", lint.HostPort(s.Addr, s.Port))}
		for _, o := range s.Binds {
			if o != b {
				f.Related = append(f.Related, lint.Related{Pos: o.Pos, Msg: lint.Msgf("also listens here: %s", o.Listener.Subject)})
			}
		}
		if b.Listener.Product == lint.Nginx && !b.Implicit && len(b.Listener.Certs) > 0 {
			if e, ok := replace(p.Model, b.PortPos, portText(p.Model, b.PortPos)+" ssl"); ok && int(b.PortPos.End) == argEnd(p.Model, b) {
				f.Fixes = []lint.Fix{{Msg: lint.Msgf("serve TLS: listen … ssl"), Safety: lint.Unsafe, Edits: []lint.Edit{e}}}
			}
		}
		p.Report(f)
	}
}

func portText(m *lint.Model, pos lint.Pos) string {
	src := m.Source(pos.File)
	if src == nil {
		return ""
	}
	return string(src.Data[pos.Offset:pos.End])
}

// argEnd is where the listen directive's first argument ends.
func argEnd(m *lint.Model, b *lint.Bind) int {
	src := m.Source(b.Pos.File)
	if src == nil {
		return -1
	}
	i, end := int(b.Pos.Offset)+len("listen"), int(b.Pos.End)
	for i < end && (src.Data[i] == ' ' || src.Data[i] == '\t' || src.Data[i] == '\n' || src.Data[i] == '\r') {
		i++
	}
	for i < end && src.Data[i] != ' ' && src.Data[i] != '\t' && src.Data[i] != ';' && src.Data[i] != '\n' {
		i++
	}
	return i
}

// plainStream: a stream socket on 443 without TLS is fine as TLS
// passthrough (proxy_pass to a TLS backend), but when it proxies to a
// plain backend, HTTPS clients get plain bytes back (checked with nginx
// 1.22: s_client fails with "wrong version number").
func plainStream(p *lint.Pass, s *lint.Socket) {
	b := s.Default
	l := b.Listener
	if l.Incomplete || len(l.Upstreams) == 0 {
		return
	}
	var to []string
	for _, u := range l.Upstreams {
		if u.TLS || u.Unknown != "" {
			return
		}
		for _, t := range u.Targets {
			served, _ := p.Model.Serves(t)
			if !(served == lint.ServedPlain || (served == lint.ServedUnknown && t.Port == 80)) {
				return // a TLS or unknown backend: passthrough, or nothing certain
			}
			to = append(to, t.String())
		}
	}
	if len(to) == 0 {
		return
	}
	p.Report(lint.Finding{Pos: b.Pos, Subject: l.Subject,
		Msg: lint.Msgf("%s is served without TLS and proxied to the plain backend %s: HTTPS clients get plain HTTP back and fail with \"wrong version number\"", lint.HostPort(s.Addr, s.Port), strings.Join(to, ", "))})
}
