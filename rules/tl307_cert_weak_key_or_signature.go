package rules

import (
	"fmt"
	"github.com/tlslint/tlslint/lint/offer"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL307", Name: "cert-weak-key-or-signature", Severity: lint.Error,
		Formats:      []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		SeverityNote: "error when the target OpenSSL's security level refuses it (nginx does not start: \"ee key too small\", \"ca md too weak\"), warning below",
		Summary:      "a served certificate has an RSA/DSA key under 2048 bits, an EC key under 224 bits, or a SHA-1/MD5 signature (the trust anchor's own signature does not count)",
		Why: "Weak keys can be factored and SHA-1 signatures forged (SHAttered). OpenSSL 3 at security level 2 " +
			"(the default on Debian, Ubuntu and RHEL) refuses to load them: nginx fails with \"ee key too small\" " +
			"or \"ca md too weak\"; OpenSSL 3 rates SHA-1 below level 1 already.",
		Example: "ssl_certificate legacy-rsa1024.pem;",
		Fix:     "Reissue with RSA 2048+ or ECDSA P-256 and a SHA-256 signature; replace old intermediates with the CA's current ones.",
	}, Check: checkTL307})
}

func checkTL307(p *lint.Pass) {
	for _, s := range offer.Of(p).Served() {
		if s.Report == nil {
			continue
		}
		for _, c := range s.Report.Weak() {
			sev := lint.Warning
			var what []string
			for _, w := range c.Weak {
				if w.Rejected {
					sev = lint.Error
				}
				what = append(what, w.String())
			}
			msg := fmt.Sprintf("the %s %s in %s has %s", c.Role, describe(c), s.Pair.Cert.Value, strings.Join(what, " and "))
			if sev == lint.Error {
				msg += fmt.Sprintf(": OpenSSL %s refuses it and nginx does not start", p.Target.OpenSSL)
			}
			p.Report(servedFinding(s, sev, msg))
		}
	}
}
