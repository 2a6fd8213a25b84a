package rules

import (
	"github.com/tlslint/tlslint/lint/certs"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL203", Name: "listener-certificate-missing", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "a TLS listener has no certificate (ssl_reject_handshake on does not count; BIG-IP client-ssl without cert-key-chain)",
		Why: "nginx refuses to start: \"no ssl_certificate is defined for the listen ... ssl directive\"; a " +
			"server on a TLS socket that is not itself marked ssl starts, but every client whose SNI selects it " +
			"fails the handshake. A certificate without its key also stops nginx.",
		Example: "server {\n    listen 443 ssl;\n    server_name app.example.com;\n}",
		Fix: "Add ssl_certificate and ssl_certificate_key (in the server or the http block), or " +
			"ssl_reject_handshake on; for a catch-all server that should refuse TLS.",
	}, Check: checkTL203})
}

func checkTL203(p *lint.Pass) {
	for _, l := range p.Model.Listeners {
		if !l.TLS() || l.RejectHandshake.Value || l.Kind == lint.KindMail || l.Incomplete {
			continue
		}
		if len(l.Certs) == 0 {
			note := fragmentNote(p.Model, l.Pos)
			if l.Product != lint.Nginx {
				p.Reportf(l.ProfilePos, l.Subject, "%s serves TLS without a certificate: every handshake fails", l.Subject)
				continue
			}
			missingNginx(p, l, note)
			continue
		}
		for _, c := range l.Certs {
			if c.Key.Value == "" && l.Product == lint.Nginx {
				p.Report(lint.Finding{Pos: c.Cert.Pos, Subject: l.Subject,
					Msg: lint.Msgf("no ssl_certificate_key is defined for certificate %q: nginx refuses to start", c.Cert.Value)})
			}
		}
	}
}

// missingNginx judges an nginx server without a certificate as nginx does
// (ngx_http_ssl_init and ngx_http_ssl_merge_srv_conf, nginx 1.22): it
// refuses to start when the server is the default server of a TLS socket,
// when ssl on applies to it, or when the socket's default server rejects
// handshakes (ssl_reject_handshake on) without a certificate of its own;
// otherwise SNI that selects the server is answered with the default
// server's certificate (checked with nginx 1.22 and s_client
// -verify_hostname: a name mismatch, or nothing when it covers the name).
func missingNginx(p *lint.Pass, l *lint.Listener, note lint.Msg) {
	if l.SSLOn.Value {
		p.Reportf(l.SSLOn.WrittenAt(l.Pos), l.Subject, "ssl on applies to %s, which has no ssl_certificate: nginx refuses to start (\"no ssl_certificate is defined for server\")%s", l.Subject, note)
		return
	}
	for _, b := range l.Binds {
		if b.Socket == nil || !b.Socket.TLS || b.QUIC || b.Socket.Default == nil {
			continue
		}
		at := b.SSLPos
		if !at.IsValid() {
			at = b.Pos
		}
		def := b.Socket.Default.Listener
		switch {
		case def == l:
			p.Reportf(at, l.Subject, "no ssl_certificate is defined for %s, the default server of %s: nginx refuses to start (\"no ssl_certificate is defined for the listen ... ssl directive\")%s",
				l.Subject, lint.HostPort(b.Socket.Addr, b.Socket.Port), note)
		case def.RejectHandshake.Value && len(def.Certs) == 0:
			f := lint.Finding{Pos: at, Subject: l.Subject, Msg: lint.Msgf("no ssl_certificate is defined for %s, and the default server of %s rejects handshakes without one of its own (ssl_reject_handshake on): nginx refuses to start (\"no ssl_certificate is defined for the listen ... ssl directive\")%s",
				l.Subject, lint.HostPort(b.Socket.Addr, b.Socket.Port), note)}
			f.Related = []lint.Related{{Pos: def.RejectHandshake.WrittenAt(def.Pos), Msg: lint.Msgf("the default server rejects handshakes here")}}
			p.Report(f)
		case !b.SSL && b.Port != 443 && len(l.Written) == 0:
			// the server never asked for TLS (no ssl on its listen, no ssl_*
			// of its own, not the HTTPS port): another server's listen … ssl
			// made the socket TLS for it too (TLS belongs to the socket)
			f := lint.Finding{Pos: at, Subject: l.Subject, Msg: lint.Msgf("%s listens on %s without ssl, but another server marks that socket ssl, so nginx speaks TLS to its clients too: plain-HTTP clients get \"400 The plain HTTP request was sent to HTTPS port\", TLS clients the certificate of the socket's default, %s%s",
				l.Subject, lint.HostPort(b.Socket.Addr, b.Socket.Port), def.Subject, note)}
			for _, o := range b.Socket.Binds {
				if o.SSL && o.SSLPos.IsValid() {
					f.Related = []lint.Related{{Pos: o.SSLPos, Msg: lint.Msgf("the socket is marked ssl here by %s", o.Listener.Subject)}}
					break
				}
			}
			p.Report(f)
		default:
			answeredByDefault(p, l, def, at, note)
		}
		return
	}
}

// answeredByDefault: clients whose SNI selects l get def's certificate.
func answeredByDefault(p *lint.Pass, l, def *lint.Listener, at lint.Pos, note lint.Msg) {
	var info *lint.CertInfo
	if len(def.Certs) > 0 {
		info = def.Certs[0].Info
	}
	var uncovered []string
	for _, n := range l.Names {
		if !n.Literal() || !certs.NameComparable(n.Value) {
			continue
		}
		name := strings.TrimPrefix(n.Value, ".")
		if info == nil || !info.Covers(name) {
			uncovered = append(uncovered, name)
		}
	}
	if len(uncovered) == 0 {
		return // the default server's certificate covers every name: nothing breaks
	}
	rel := []lint.Related{{Pos: def.TLSAt(), Msg: lint.Msgf("the default server %s", def.Subject)}}
	if info == nil {
		p.Report(lint.Finding{Severity: lint.Warning, Pos: at, Subject: l.Subject, Related: rel,
			Msg: lint.Msgf("%s has no ssl_certificate: clients whose SNI selects it get the certificate of the socket's default, %s, a name mismatch for %s unless that certificate covers it%s",
				l.Subject, def.Subject, strings.Join(uncovered, ", "), note)})
		return
	}
	p.Report(lint.Finding{Pos: at, Subject: l.Subject, Related: rel,
		Msg: lint.Msgf("%s has no ssl_certificate: clients whose SNI selects it get the certificate of the socket's default, %s (%q), which does not cover %s: clients that verify the name fail the handshake%s",
			l.Subject, def.Subject, info.Subject, strings.Join(uncovered, ", "), note)})
}
