package rules

import (
	"github.com/tlslint/tlslint/lint/offer"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL303", Name: "cert-expired", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "a certificate in the served chain is expired or not yet valid at --now (default: the current time)",
		Why:     "Every client refuses the handshake: \"certificate has expired\" / NET::ERR_CERT_DATE_INVALID. An expired intermediate breaks the chain just the same.",
		Example: "ssl_certificate /etc/ssl/app.pem;   # notAfter 2024-01-01",
		Fix:     "Renew the certificate (or replace the expired intermediate with the CA's current one) and reload.",
	}, Check: checkTL303})
}

func checkTL303(p *lint.Pass) {
	for _, s := range offer.Of(p).Served() {
		if s.Report == nil {
			continue
		}
		for _, c := range s.Report.Invalid() {
			state := lint.Msgf("expired on %s (%d days ago)", c.NotAfter.UTC().Format("2006-01-02"), -c.DaysLeft)
			if c.Validity == certs.NotYetValid {
				state = lint.Msgf("is not valid before %s", c.NotBefore.UTC().Format("2006-01-02"))
			}
			p.Report(servedFinding(s, lint.Error, lint.Msgf("the %s %s in %s %s: clients refuse the handshake",
				roleName(c.Role), describe(c), s.Pair.Cert.Value, state)))
		}
	}
}
