package rules

import (
	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL201", Name: "listener-tls-on-plain-port", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "TLS is served on port 80 (listen 80 ssl; ssl on with no listen, which means :80; BIG-IP client-ssl on a virtual at :80)",
		Why: "Browsers and clients speak plain HTTP to port 80: nginx answers \"400 The plain HTTP request was " +
			"sent to HTTPS port\" and the http→https redirect that usually lives on :80 never happens.",
		Example: "server {\n    listen 80 ssl;\n    ssl_certificate cert.pem;\n}",
		Fix:     "Serve TLS on 443 (listen 443 ssl;) and keep port 80 plain, typically with a redirect to https.",
	}, Check: checkTL201})
}

func checkTL201(p *lint.Pass) {
	for _, l := range p.Model.Listeners {
		if !l.Kind.Web() && l.Kind != lint.KindStream {
			continue
		}
		for _, b := range l.Binds {
			if b.Port != 80 || b.QUIC || !b.SSL || (b.Network != "" && b.Network != "tcp") {
				continue
			}
			pos := b.SSLPos
			msg := lint.Msgf("TLS is served on port 80: clients speak plain HTTP there and get \"400 The plain HTTP request was sent to HTTPS port\"")
			if b.Implicit {
				msg = lint.Msgf("ssl on in a server without listen makes it serve TLS on port 80: clients speak plain HTTP there and get \"400 The plain HTTP request was sent to HTTPS port\"")
			}
			if !pos.IsValid() {
				pos = b.Pos
			}
			f := lint.Finding{Pos: pos, Subject: l.Subject, Msg: msg}
			if l.Kind == lint.KindStream {
				// a stream port carries any protocol, but port 80 is HTTP's: checked
				// with nginx 1.22, curl http:// gets an empty reply and nginx logs
				// "SSL_do_handshake() failed (… http request)"
				f.Severity = lint.Warning
				f.Msg = lint.Msgf("the stream server terminates TLS on port 80: clients that speak plain HTTP there get an empty reply (nginx logs \"http request\" during the handshake)")
			}
			if pos != b.Pos {
				f.Related = []lint.Related{{Pos: b.Pos, Msg: lint.Msgf("the listening socket")}}
			}
			p.Report(f)
		}
	}
}
