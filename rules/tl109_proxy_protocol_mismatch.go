package rules

import (
	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL109", Name: "proxy-protocol-mismatch", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "one tier sends a PROXY protocol header and the next does not expect it, or the reverse (nginx listen … proxy_protocol, stream proxy_protocol on; BIG-IP iRules that emit or consume PROXY)",
		Why: "A listener that expects a PROXY header reads the TLS ClientHello or HTTP request as a broken header " +
			"and closes the connection (\"broken header\" in nginx's error log); one that does not expect it sees " +
			"\"PROXY TCP4 …\" where the ClientHello should be and fails the handshake. Both tiers must be in the " +
			"linted model (nginx → nginx, BIG-IP → nginx).",
		Example:    "stream { server { listen 443; proxy_protocol on; proxy_pass 127.0.0.1:8443; } }\nhttp { server { listen 127.0.0.1:8443 ssl; … } }   # no proxy_protocol on the listen",
		Fix:        "Add proxy_protocol to the receiving listen (listen 8443 ssl proxy_protocol;) or stop sending it, on both tiers together.",
		References: []string{"https://www.haproxy.org/download/2.9/doc/proxy-protocol.txt", "https://nginx.org/en/docs/stream/ngx_stream_proxy_module.html#proxy_protocol"},
	}, Check: checkTL109})
}

func checkTL109(p *lint.Pass) {
	for _, u := range p.Model.Upstreams {
		if u.Unknown != "" {
			continue
		}
		sends := u.ProxyProtocol.Value
		for _, t := range u.Targets {
			if t.Unix {
				continue
			}
			for _, s := range p.Model.SocketsAt(t.Host, t.Port) {
				expects := false
				var at *lint.Bind
				for _, b := range s.Binds {
					if b.ProxyProtocol {
						expects, at = true, b
					}
				}
				if at == nil {
					at = s.Default
				}
				switch {
				case sends && !expects:
					f := lint.Finding{Pos: u.ProxyProtocol.Origin.WrittenAt(u.Pos), Subject: u.Subject,
						Msg: lint.Msgf("%s sends a PROXY protocol header to %s, but %s does not expect one: it reads \"PROXY TCP4 …\" where the handshake should start and every connection fails",
							u.Kind, t, at.Listener.Subject)}
					f.Related = []lint.Related{{Pos: at.Pos, Msg: lint.Msgf("the receiving listener, without proxy_protocol")}}
					p.Report(f)
				case !sends && expects:
					pos := at.PPPos
					if !pos.IsValid() {
						pos = at.Pos
					}
					f := lint.Finding{Pos: pos, Subject: at.Listener.Subject,
						Msg: lint.Msgf("%s expects a PROXY protocol header, but %s (%s) sends none: it reads the request as a broken header and closes every connection",
							at.Listener.Subject, u.Kind, u.Subject)}
					f.Related = []lint.Related{{Pos: u.Pos, Msg: lint.Msgf("the sending tier, without a PROXY header")}}
					p.Report(f)
				}
			}
		}
	}
}
