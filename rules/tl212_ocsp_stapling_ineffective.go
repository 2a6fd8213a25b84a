package rules

import (
	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL212", Name: "ocsp-stapling-ineffective", Severity: lint.Warning,
		Formats: []lint.Product{lint.Nginx},
		Summary: "OCSP stapling is on but cannot work: no OCSP URL in the certificate, or ssl_stapling_verify on with no way to verify the response",
		Why: "nginx logs \"ssl_stapling\" ignored (no OCSP responder URL, or issuer certificate not found) and " +
			"staples nothing: clients that require a staple (Must-Staple certificates) fail, others query the " +
			"CA themselves. Let's Encrypt stopped including OCSP URLs in 2025. Without a resolver, nginx " +
			"resolves the responder once at start-up (info).",
		Example:    "ssl_stapling on;\nssl_stapling_verify on;   # the chain lacks the issuer, no ssl_trusted_certificate",
		Fix:        "Turn stapling off for certificates without an OCSP URL, or serve the full chain / set ssl_trusted_certificate to the issuer.",
		References: []string{"https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_stapling", "https://letsencrypt.org/2024/12/05/ending-ocsp/"},
	}, Check: checkTL212})
}

func checkTL212(p *lint.Pass) {
	if p.Model.Certs == nil {
		return
	}
	mg := newMerger(p)
	for _, l := range p.Model.Listeners {
		pol := l.Policy
		if !l.TLS() || pol == nil || !pol.Stapling.Value || l.Product != lint.Nginx {
			continue
		}
		at := pol.Stapling.Origin.WrittenAt(l.TLSAt())
		rel := appliesAt(l.TLSAt(), l.Subject)
		for _, cp := range l.Certs {
			r, b, _ := p.Model.Certs.ServedPair(cp)
			if r == nil || b == nil {
				continue
			}
			leaf := r.EndEntityCert()
			switch {
			case len(r.OCSP.Servers) == 0:
				mg.add(lint.Finding{Pos: at, Subject: l.Subject, Msg: lint.Msgf("ssl_stapling is on but the certificate %s in %s has no OCSP responder URL: nginx ignores stapling (\"no OCSP responder URL in the certificate\")",
					describe(leaf), cp.Cert.Value)}, rel)
			case !r.OCSP.IssuerServed && !issuerTrusted(p, pol, r):
				why := lint.Msgf("the issuer is neither in the served chain nor in ssl_trusted_certificate")
				mg.add(lint.Finding{Pos: at, Subject: l.Subject, Msg: lint.Msgf("ssl_stapling is on but %s for %s: nginx cannot build or verify the OCSP request (\"issuer certificate not found\") and staples nothing",
					why, describe(leaf))}, rel)
			case !l.Resolver:
				mg.add(lint.Finding{Severity: lint.Info, Pos: at, Subject: l.Subject, Msg: lint.Msgf("ssl_stapling is on without a resolver: nginx resolves the OCSP responder %s once at start-up", r.OCSP.Servers[0])}, rel)
			}
		}
	}
	mg.flush()
}

// issuerTrusted: the leaf's issuer is in ssl_trusted_certificate, where
// nginx also looks for it.
func issuerTrusted(p *lint.Pass, pol *lint.TLSPolicy, r *certs.Report) bool {
	if pol.TrustedPath == "" {
		return false
	}
	b, err := p.Model.Certs.Load(pol.TrustedPath)
	return err == nil && r.IssuerIn(b)
}
