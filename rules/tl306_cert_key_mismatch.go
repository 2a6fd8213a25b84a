package rules

import (
	"fmt"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL306", Name: "cert-key-mismatch", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "the private key does not belong to the certificate",
		Why: "nginx refuses to start: \"SSL_CTX_use_PrivateKey(...) failed (... key values mismatch)\", and it " +
			"fails earlier when the files are swapped (a key where the certificate belongs: \"PEM_read_bio_X509_AUX() failed\"; " +
			"a certificate or DER file where the key belongs: \"PEM_read_bio_PrivateKey() failed\"). BIG-IP rejects a client-ssl " +
			"profile whose key does not match its certificate, and so an AS3 declaration holding such a pair fails to deploy. Only " +
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
			certRef, keyRef := pairRef(cp.CertPath, cp.Cert.Value), pairRef(cp.KeyPath, cp.Key.Value)
			if certRef == "" || keyRef == "" || seen[certRef+"\x00"+keyRef] {
				continue
			}
			seen[certRef+"\x00"+keyRef] = true
			certAt, keyAt := settingAt(cp.Cert.Origin, listenerAt(l)), settingAt(cp.Key.Origin, listenerAt(l))
			cb, err := p.Model.Certs.Load(certRef)
			if err != nil || cb == nil || !cb.Checkable() {
				continue // unreadable: TL308
			}
			kb, err := p.Model.Certs.Load(keyRef)
			if err != nil || kb == nil || !kb.Checkable() {
				continue
			}
			// The files swapped, or the wrong file named: nginx fails to
			// read them before it compares anything (nginx 1.22 with
			// OpenSSL 3.0, nginx -t on the files here).
			if len(cb.Certs) == 0 && len(cb.Keys) > 0 {
				p.Report(lint.Finding{Pos: certAt, Subject: l.Subject,
					Message: fmt.Sprintf("the certificate file %s holds a private key and no certificate: %s", shownRef(cp.Cert.Value),
						refuses(l.Product, `cannot load certificate "…": PEM_read_bio_X509_AUX() failed (SSL: error:0480006C:PEM routines::no start line:Expecting: TRUSTED CERTIFICATE)`))})
				continue
			}
			if len(kb.Keys) == 0 && len(kb.Certs) > 0 {
				what := "a certificate and no private key"
				if kb.Format == certs.FormatDER {
					what = "DER data, not a PEM private key"
				}
				p.Report(lint.Finding{Pos: keyAt, Subject: l.Subject,
					Message: fmt.Sprintf("the key file %s holds %s: %s", shownRef(cp.Key.Value), what,
						refuses(l.Product, `cannot load certificate key "…": PEM_read_bio_PrivateKey() failed (SSL: error:1E08010C:DECODER routines::unsupported:No supported data to decode. Input type: PEM)`)),
					Related: []lint.Related{{Pos: certAt, Message: "the certificate is named here"}}})
				continue
			}
			r := p.Model.Certs.Served(cb, kb)
			if r == nil || r.Key == nil || r.KeyIndex >= 0 {
				continue
			}
			f := lint.Finding{Pos: keyAt, Subject: l.Subject,
				Message: fmt.Sprintf("the %s key in %s does not belong to the certificate %s in %s: %s",
					r.Key.Info, shownRef(cp.Key.Value), describe(r.EndEntityCert()), shownRef(cp.Cert.Value), refuses(l.Product, `"SSL_CTX_use_PrivateKey(…) failed (… key values mismatch)"`))}
			f.Related = []lint.Related{{Pos: certAt, Message: "the certificate is served here"}}
			p.Report(f)
		}
	}
}

// pairRef is what the certificate stage loads for a certificate or key
// setting: the mapped path, or the inline value itself (AS3 PEM in the
// declaration, nginx data:).
func pairRef(path, value string) string {
	if path != "" {
		return path
	}
	if strings.HasPrefix(value, "data:") {
		return value
	}
	return ""
}

// shownRef names a setting's value in a message without repeating inline
// PEM (which holds the key).
func shownRef(value string) string {
	if strings.HasPrefix(value, "data:") {
		return "the inline value"
	}
	return lint.Trunc(value)
}

// refuses says what the product does with a certificate it cannot use.
// nginx refuses to start (nginx -t quotes OpenSSL's error). BIG-IP
// validates the pair when the client-ssl profile is created or loaded and
// rejects the profile; AS3 declares that profile, so the declaration
// fails to deploy.
func refuses(product lint.Product, nginxSays string) string {
	switch product {
	case lint.BigIP:
		return "BIG-IP rejects the client-ssl profile (it checks that the key matches the certificate), so the configuration does not load"
	case lint.AS3:
		return "BIG-IP rejects the client-ssl profile AS3 creates from it (it checks that the key matches the certificate), so the declaration fails to deploy"
	}
	return "nginx refuses to start: " + nginxSays
}
