package rules

import (
	"fmt"
	"github.com/tlslint/tlslint/lint/certs"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL306", Name: "cert-key-mismatch", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "the private key does not belong to the certificate",
		Why: "nginx refuses to start: \"SSL_CTX_use_PrivateKey(...) failed (... key values mismatch)\". Only " +
			"the public halves are compared; key material is never printed.",
		Example: "ssl_certificate new.pem;\nssl_certificate_key old.key;",
		Fix:     "Pair each certificate with its own key (compare `openssl x509 -noout -pubkey` with `openssl pkey -pubout`).",
	}, Check: checkTL306})
}

func checkTL306(p *lint.Pass) {
	if p.Model.Certs == nil {
		return
	}
	seen := map[string]bool{}
	for _, l := range p.Model.Listeners {
		if !l.TLS() || l.RejectHandshake.Value {
			continue
		}
		for _, cp := range l.Certs {
			if cp.KeyPath == "" || seen[cp.CertPath+"\x00"+cp.KeyPath] {
				continue
			}
			seen[cp.CertPath+"\x00"+cp.KeyPath] = true
			r, _, _ := p.Model.Certs.ServedPair(cp)
			if r == nil || r.Key == nil || r.KeyIndex >= 0 {
				continue
			}
			at := cp.Key.Origin.WrittenAt(l.TLSAt())
			ee := r.EndEntityCert()
			outcome := "nginx refuses to start (\"key values mismatch\")"
			if certType := certs.CertKeyInfo(ee.Certificate).Type; certType != r.Key.Info.Type {
				// OpenSSL files a key in the slot of its own type and checks it only
				// against a certificate already in that slot (ssl_set_pkey): the
				// certificate's slot keeps no key, nothing can be served (checked
				// with nginx 1.22: nginx -t passes, every handshake fails)
				outcome = fmt.Sprintf("it is a %s key for a %s certificate, so OpenSSL files it apart from the certificate: nginx starts, but every handshake fails (\"no shared cipher\")", r.Key.Info.Type, certType)
			}
			if l.Product != lint.Nginx {
				outcome = "a profile cannot serve a certificate without its key: BIG-IP refuses the pair when the configuration loads (\"key values mismatch\"), or no handshake succeeds"
			}
			f := lint.Finding{Pos: at, Subject: l.Subject,
				Message: fmt.Sprintf("the %s key in %s does not belong to the certificate %s in %s: %s",
					r.Key.Info, cp.Key.Value, describe(ee), cp.Cert.Value, outcome)}
			f.Related = []lint.Related{{Pos: cp.Cert.Origin.WrittenAt(l.TLSAt()), Message: "the certificate is served here"}}
			p.Report(f)
		}
	}
}
