package rules

import (
	"github.com/tlslint/tlslint/lint/offer"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL304", Name: "cert-expiring-soon", Severity: lint.Warning,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "a certificate in the served chain expires within expiry_days (default 21)",
		Why:     "Renewal that has not happened by now often means automation that silently stopped; after the date every client fails.",
		Example: "ssl_certificate /etc/ssl/app.pem;   # notAfter in 10 days",
		Fix:     "Renew now and check the renewal job; set expiry_days in .tlslint.hcl to your renewal window.",
	}, Check: checkTL304})
}

func checkTL304(p *lint.Pass) {
	days := p.Target.ExpiryDays
	if days <= 0 {
		return
	}
	for _, s := range offer.Of(p).Served() {
		if s.Report == nil {
			continue
		}
		for _, c := range s.Report.Expiring(days) {
			p.Report(servedFinding(s, lint.Warning, lint.Msgf("the %s %s in %s expires in %d days (on %s), within the %d-day window",
				roleName(c.Role), describe(c), s.Pair.Cert.Value, c.DaysLeft, c.NotAfter.UTC().Format("2006-01-02"), days)))
		}
	}
}
