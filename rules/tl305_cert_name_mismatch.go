package rules

import (
	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL305", Name: "cert-name-mismatch", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "a literal server_name (or BIG-IP server-name) is not covered by the certificate's subjectAltNames",
		Why: "Clients check the name they connected to against the certificate's SANs (RFC 6125; the CN is " +
			"ignored): NET::ERR_CERT_COMMON_NAME_INVALID / \"hostname mismatch\". Regex names (~…), the catch-all _ " +
			"and names with variables are not compared; a wildcard covers exactly one label.",
		Example:    "server_name shop.example.com;\nssl_certificate www.example.com.pem;",
		Fix:        "Add the name to the certificate (reissue with the SAN), or serve a certificate that covers it.",
		References: []string{"https://www.rfc-editor.org/rfc/rfc6125#section-6.4"},
	}, Check: checkTL305})
}

func checkTL305(p *lint.Pass) {
	if p.Model.Certs == nil {
		return
	}
	for _, l := range p.Model.Listeners {
		if !l.TLS() || l.RejectHandshake.Value {
			continue
		}
		for _, cp := range l.Certs {
			r, b, _ := p.Model.Certs.ServedPair(cp)
			if r == nil || b == nil {
				continue
			}
			leaf := r.EndEntityCert()
			for _, n := range l.Names {
				if !n.Literal() || !certs.NameComparable(n.Value) {
					continue
				}
				name := n.Value
				if name[0] == '.' {
					name = name[1:] // nginx: .example.com = example.com and *.example.com
				}
				if leaf.Covers(name) {
					continue
				}
				f := lint.Finding{Pos: n.Pos, Subject: l.Subject,
					Msg: lint.Msgf("server name %q is not covered by the certificate %s served from %s: clients connecting to %s get a name mismatch",
						n.Value, describe(leaf), cp.Cert.Value, name)}
				f.Related = []lint.Related{{Pos: cp.Cert.Origin.WrittenAt(l.TLSAt()), Msg: lint.Msgf("the certificate is served here")}}
				p.Report(f)
			}
		}
	}
}
