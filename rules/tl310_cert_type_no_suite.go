package rules

import (
	"github.com/tlslint/tlslint/lint/offer"
	"slices"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL310", Name: "cert-type-no-suite", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "no enabled suite can use the certificate's key type (an ECDSA certificate with RSA-only suites, or the reverse) on an enabled protocol version",
		Why: "TLS 1.2 and older suites name the certificate's key type (ECDHE-RSA-…, ECDHE-ECDSA-…): with none " +
			"matching, every client on that version fails with \"no shared cipher\". TLS 1.3 suites work with any key.",
		Example: "ssl_certificate ecdsa.pem;\nssl_ciphers ECDHE-RSA-AES128-GCM-SHA256;\nssl_protocols TLSv1.2;",
		Fix:     "Enable suites for the certificate's key type (ECDHE-ECDSA-… for ECDSA), or serve an RSA and an ECDSA certificate side by side.",
	}, Check: checkTL310})
}

func checkTL310(p *lint.Pass) {
	mg := newMerger(p)
	for _, l := range p.Model.Listeners {
		if !l.TLS() || l.Policy == nil || l.RejectHandshake.Value {
			continue
		}
		o := offer.Of(p).Listener(l)
		if o.CipherErr != nil || len(o.Certs) == 0 {
			continue
		}
		var names []string
		for _, c := range o.Certs {
			if n := c.Key.String(); !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		// a version whose usable suites all need another key type; a version
		// with no usable suite at all is TL205's
		var broken []string
		for _, ver := range o.Enabled.List() {
			if ver != tls.TLS13 && len(o.Usable(ver)) > 0 && len(o.Servable(ver)) == 0 {
				broken = append(broken, ver.String())
			}
		}
		if len(broken) == 0 {
			continue
		}
		f := lint.Finding{Pos: l.Policy.Ciphers.Origin.WrittenAt(l.TLSAt()), Subject: l.Subject,
			Msg: lint.Msgf("the %s certificate of %s fits none of the suites enabled for %s: every client using %s fails with \"no shared cipher\"",
				strings.Join(names, " and "), l.Subject, strings.Join(broken, ", "), strings.Join(broken, "/"))}
		rel := lint.Related{}
		if len(l.Certs) > 0 {
			rel = lint.Related{Pos: l.Certs[0].Cert.Origin.WrittenAt(l.TLSAt()), Msg: lint.Msgf("the certificate is served here")}
		}
		mg.add(f, rel)
	}
	mg.flush()
}
