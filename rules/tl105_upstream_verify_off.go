package rules

import (
	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL105", Name: "upstream-verify-off", Severity: lint.Warning,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "the upstream's certificate is not verified (nginx proxy_ssl_verify off, the default; BIG-IP peer-cert-mode ignore; AS3 validateCertificate false)",
		Why: "Without verification the proxy accepts any certificate: anyone on the path to the backend can " +
			"impersonate it and read or change the traffic. The TLS gives confidentiality against passive " +
			"observers only.",
		Example: "location / {\n    proxy_pass https://backend.internal;\n}",
		Fix: "Verify the backend: proxy_ssl_verify on; proxy_ssl_trusted_certificate /etc/ssl/internal-ca.pem; " +
			"proxy_ssl_server_name on; (and proxy_ssl_name if the name differs). Suppress with a reason where the " +
			"backend is on the same host.",
		References: []string{"https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_ssl_verify"},
	}, Check: checkTL105})
}

func checkTL105(p *lint.Pass) {
	mg := newMerger(p)
	for _, u := range p.Model.Upstreams {
		if !u.TLS || u.Verify.Value || (u.Incomplete && !u.Verify.Set()) {
			continue
		}
		dir := u.Spell(lint.KnobVerify)
		target := targetsText(u)
		if len(u.Targets) == 0 {
			target = lint.Msgf("%s", u.Host)
		}
		off := "off"
		if u.Product == lint.BigIP {
			off = "ignore"
		} else if u.Product == lint.AS3 {
			off = "false"
		}
		if u.Verify.Set() {
			mg.add(lint.Finding{Pos: u.Verify.Pos, Subject: u.Subject,
				Msg: lint.Msgf("%s %s: the certificates of the TLS upstreams it applies to are not verified, so anyone on the path can impersonate them", dir, off)},
				appliesAt(u.Pos, u.Subject))
			continue
		}
		mg.add(lint.Finding{Pos: u.At(), Subject: u.Subject,
			Msg: lint.Msgf("%s opens TLS to %s without verifying its certificate (%s is %s by default): anyone on the path can impersonate the backend", u.Kind, target, dir, off).Join(fragmentNote(p.Model, u.Pos))},
			lint.Related{})
	}
	mg.flush()
}
