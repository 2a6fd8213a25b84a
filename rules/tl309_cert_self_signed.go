package rules

import (
	"github.com/tlslint/tlslint/lint/offer"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL309", Name: "cert-self-signed", Severity: lint.Warning,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "the served leaf is self-signed and not a configured trust anchor",
		Why: "Browsers and clients refuse it (NET::ERR_CERT_AUTHORITY_INVALID) unless each one was told to trust " +
			"it: fine for a lab, a failure in production. Declare an internal anchor with --roots to silence it.",
		Example: "ssl_certificate /etc/ssl/certs/ssl-cert-snakeoil.pem;",
		Fix:     "Serve a certificate from a public or internal CA (and pass the internal root with --roots).",
	}, Check: checkTL309})
}

func checkTL309(p *lint.Pass) {
	for _, s := range offer.Of(p).Served() {
		if s.Report == nil || !s.Report.SelfSignedLeaf {
			continue
		}
		p.Report(servedFinding(s, lint.Warning, lint.Msgf("%s serves the self-signed certificate %s, which no configured trust anchor vouches for: clients refuse it unless told to trust it",
			s.Pair.Cert.Value, describe(s.Report.EndEntityCert()))))
	}
}
