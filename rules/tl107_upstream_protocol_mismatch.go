package rules

import (
	"github.com/tlslint/tlslint/lint/offer"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL107", Name: "upstream-protocol-mismatch", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "the protocol versions this proxy offers and those the upstream accepts do not overlap (the upstream is a listener in the linted model or declared in .tlslint.hcl)",
		Why: "Every connection to the backend fails with \"unsupported protocol\" / \"wrong version number\" and " +
			"clients get 502: a TLS1.3-only backend behind a proxy limited to TLSv1.2, or a legacy backend that " +
			"only speaks TLSv1 behind a modern proxy. The target OpenSSL's security level limits both sides.",
		Example:    "proxy_ssl_protocols TLSv1.2;\nproxy_pass https://127.0.0.1:9443;   # that server: ssl_protocols TLSv1.3;",
		Fix:        "Give both sides a common version: proxy_ssl_protocols TLSv1.2 TLSv1.3;",
		References: []string{"https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_ssl_protocols"},
	}, Check: checkTL107})
}

func checkTL107(p *lint.Pass) {
	book := offer.Of(p)
	for _, u := range p.Model.Upstreams {
		if !u.TLS || u.Unknown != "" || u.Policy == nil {
			continue
		}
		o := book.Upstream(u)
		for _, pr := range book.Peers(u) {
			if !o.Enabled.Intersect(pr.Versions).Empty() {
				continue
			}
			accepts := lint.Msgf("accepts only %s", pr.Versions.String())
			if pr.Versions.Empty() {
				accepts = lint.Msgf("accepts no version its security level lets it negotiate")
			}
			offers := lint.Msgf("%s", o.Enabled.String())
			if o.Enabled.Empty() {
				offers = lint.Msgf("no version its security level lets it negotiate")
			}
			f := lint.Finding{Pos: u.Policy.Protocols.WrittenAt(u.At()), Subject: u.Subject,
				Msg: lint.Msgf("%s offers %s%s but %s %s: no common protocol version, every request to it fails",
					u.Spell(lint.KnobProtocols), offers, byDefault(u.Policy.Protocols.Origin), pr.Name, accepts)}
			f.Related = append(f.Related, lint.Related{Pos: pr.ProtocolsAt, Msg: lint.Msgf("the upstream's protocols are set here")})
			if f.Pos != u.Pos {
				f.Related = append(f.Related, appliesAt(u.Pos, u.Subject))
			}
			f.Related = append(f.Related, chainRelated(u.Policy.Protocols.Origin)...)
			p.Report(f)
		}
	}
}
