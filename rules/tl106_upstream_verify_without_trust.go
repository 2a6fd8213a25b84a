package rules

import (
	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL106", Name: "upstream-verify-without-trust", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "verification is on but no trust store is configured",
		Why: "nginx refuses to start: \"no proxy_ssl_trusted_certificate for proxy_ssl_verify\". BIG-IP " +
			"peer-cert-mode require with ca-file none fails every connection to the pool.",
		Example:    "proxy_ssl_verify on;\nproxy_pass https://backend.internal;",
		Fix:        "Add the CA that issued the backend's certificate: proxy_ssl_trusted_certificate /etc/ssl/internal-ca.pem;",
		References: []string{"https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_ssl_trusted_certificate"},
	}, Check: checkTL106})
}

func checkTL106(p *lint.Pass) {
	mg := newMerger(p)
	for _, u := range p.Model.Upstreams {
		if !u.TLS || !u.Verify.Value || u.Policy == nil || u.Policy.Trusted.Value != "" || u.Incomplete {
			continue
		}
		dir := u.Spell(lint.KnobVerify)
		trust := u.Spell(lint.KnobTrust)
		msg := lint.Msgf("%s on without %s: nginx refuses to start (\"no %s for %s\")", dir, trust, trust, dir)
		if u.Product != lint.Nginx {
			msg = lint.Msgf("certificate verification is required but no CA file is configured: every connection to %s fails", targetsText(u))
		}
		pos := u.Verify.Pos
		if !pos.IsValid() {
			pos = u.Pos
		}
		mg.add(lint.Finding{Pos: pos, Subject: u.Subject, Msg: msg}, appliesAt(u.Pos, u.Subject))
	}
	mg.flush()
}
