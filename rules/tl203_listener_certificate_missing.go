package rules

import (
	"fmt"

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
		var explicit *lint.Bind
		for _, b := range l.Binds {
			if b.SSL && !b.QUIC {
				explicit = b
				break
			}
		}
		if len(l.Certs) == 0 {
			note := fragmentNote(p.Model, l.Pos)
			if explicit != nil && l.Product == lint.Nginx {
				pos := explicit.SSLPos
				if !pos.IsValid() {
					pos = explicit.Pos
				}
				p.Reportf(pos, l.Subject, "no ssl_certificate is defined for %s: nginx refuses to start (\"no ssl_certificate is defined for the listen ... ssl directive\")%s", l.Subject, note)
			} else if l.Product == lint.Nginx {
				p.Reportf(l.Pos, l.Subject, "%s shares a TLS socket but has no ssl_certificate: clients whose SNI selects it fail the handshake%s", l.Subject, note)
			} else {
				p.Reportf(l.ProfilePos, l.Subject, "%s serves TLS without a certificate: every handshake fails", l.Subject)
			}
			continue
		}
		for _, c := range l.Certs {
			if c.Key.Value == "" && l.Product == lint.Nginx {
				p.Report(lint.Finding{Pos: c.Cert.Pos, Subject: l.Subject,
					Message: fmt.Sprintf("no ssl_certificate_key is defined for certificate %q: nginx refuses to start", c.Cert.Value)})
			}
		}
	}
}
