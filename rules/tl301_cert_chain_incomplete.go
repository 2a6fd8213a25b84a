package rules

import (
	"github.com/tlslint/tlslint/lint/offer"
	"path/filepath"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL301", Name: "cert-chain-incomplete", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "the served bundle does not chain to a trust anchor (a missing intermediate)",
		Why: "Clients build the chain from what the server sends; most do not fetch missing intermediates " +
			"(AIA), so they fail with \"unable to get local issuer certificate\" / NET::ERR_CERT_AUTHORITY_INVALID. " +
			"Desktop browsers that cached the intermediate hide the problem: curl, Java, Android apps and " +
			"monitoring fail. Trust anchors: the system pool plus --roots (or only --roots with --no-system-roots).",
		Example: "ssl_certificate /etc/letsencrypt/live/example.com/cert.pem;   # the leaf alone",
		Fix: "Serve the leaf followed by its intermediates: certbot's fullchain.pem, or the CA's bundle " +
			"appended to the certificate. tlslint offers the fix when a sibling file completes the chain for certain.",
		References: []string{"https://www.rfc-editor.org/rfc/rfc8446#section-4.4.2", "https://nginx.org/en/docs/http/configuring_https_servers.html#chains"},
	}, Check: checkTL301})
}

func checkTL301(p *lint.Pass) {
	for _, s := range offer.Of(p).Served() {
		r := s.Report
		if r == nil || r.Complete || r.SelfSignedLeaf || r.Partial {
			continue
		}
		ee := r.EndEntityCert()
		var msg lint.Msg
		switch {
		case r.UntrustedRoot:
			msg = lint.Msgf("%s does not chain to a trusted root: it ends in the self-signed %q, which is not a trust anchor; clients that do not trust it fail (if it is your private CA, pass it with --roots)",
				s.Pair.Cert.Value, r.Certs[r.StopsAt].Summary().Subject)
		default:
			msg = lint.Msgf("%s serves %s without its issuer %q: clients that do not fetch missing intermediates fail with \"unable to get local issuer certificate\"",
				s.Pair.Cert.Value, describe(ee), r.MissingIssuer)
		}
		f := servedFinding(s, lint.Error, msg)
		if alt := p.Model.Certs.Completing(s.Pair.CertPath); alt != "" && s.Pair.Cert.ArgsPos.IsValid() {
			newText := filepath.Join(filepath.Dir(s.Pair.Cert.Value), filepath.Base(alt))
			if filepath.Dir(alt) == filepath.Dir(s.Pair.CertPath) {
				if e, ok := replace(p.Model, s.Pair.Cert.ArgsPos, newText); ok {
					f.Fixes = []lint.Fix{{Msg: lint.Msgf("serve the complete chain: %s", newText), Safety: lint.Safe, Edits: []lint.Edit{e}}}
				}
			}
		}
		p.Report(f)
	}
}
