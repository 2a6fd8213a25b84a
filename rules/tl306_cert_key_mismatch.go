package rules

import (
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
			certAt, keyAt := cp.Cert.Origin.WrittenAt(l.TLSAt()), cp.Key.Origin.WrittenAt(l.TLSAt())
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
					Msg: lint.Msgf("the certificate file %s holds a private key and no certificate: %s", shownRef(cp.Cert.Value),
						refuses(l.Product, `cannot load certificate "…": PEM_read_bio_X509_AUX() failed (SSL: error:0480006C:PEM routines::no start line:Expecting: TRUSTED CERTIFICATE)`))})
				continue
			}
			if len(kb.Keys) == 0 && len(kb.Certs) > 0 {
				what := "a certificate and no private key"
				if kb.Format == certs.FormatDER {
					what = "DER data, not a PEM private key"
				}
				p.Report(lint.Finding{Pos: keyAt, Subject: l.Subject,
					Msg: lint.Msgf("the key file %s holds %s: %s", shownRef(cp.Key.Value), what,
						refuses(l.Product, `cannot load certificate key "…": PEM_read_bio_PrivateKey() failed (SSL: error:1E08010C:DECODER routines::unsupported:No supported data to decode. Input type: PEM)`)),
					Related: []lint.Related{{Pos: certAt, Msg: lint.Msgf("the certificate is named here")}}})
				continue
			}
			r := p.Model.Certs.Served(cb, kb)
			if r == nil || r.Key == nil || r.KeyIndex >= 0 {
				continue
			}
			ee := r.EndEntityCert()
			outcome := lint.Msgf("nginx refuses to start (\"key values mismatch\")")
			if certType := certs.CertKeyInfo(ee.Certificate).Type; certType != r.Key.Info.Type {
				// OpenSSL files a key in the slot of its own type and checks it only
				// against a certificate already in that slot (ssl_set_pkey): the
				// certificate's slot keeps no key, nothing can be served (checked
				// with nginx 1.22: nginx -t passes, every handshake fails)
				outcome = lint.Msgf("it is a %s key for a %s certificate, so OpenSSL files it apart from the certificate: nginx starts, but every handshake fails (\"no shared cipher\")", r.Key.Info.Type, certType)
			}
			if l.Product != lint.Nginx {
				outcome = refuses(l.Product, "")
			}
			f := lint.Finding{Pos: keyAt, Subject: l.Subject,
				Msg: lint.Msgf("the %s key in %s does not belong to the certificate %s in %s: %s",
					r.Key.Info, shownRef(cp.Key.Value), describe(ee), shownRef(cp.Cert.Value), outcome)}
			f.Related = []lint.Related{{Pos: certAt, Msg: lint.Msgf("the certificate is served here")}}
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

// refuses says what the product does with a certificate and key it cannot
// use. nginx refuses to start (nginx -t quotes OpenSSL's error). A BIG-IP
// profile cannot serve a certificate without its key: BIG-IP refuses the
// pair when the configuration loads; AS3 declares that profile, so the
// declaration fails to deploy.
func refuses(product lint.Product, nginxSays string) lint.Msg {
	bigip := lint.Msgf("a profile cannot serve a certificate without its key: BIG-IP refuses the pair when the configuration loads, or no handshake succeeds")
	if nginxSays == "" {
		bigip = lint.Msgf("a profile cannot serve a certificate without its key: BIG-IP refuses the pair when the configuration loads (\"key values mismatch\"), or no handshake succeeds")
	}
	switch product {
	case lint.BigIP:
		return bigip
	case lint.AS3:
		return bigip.Join(lint.Msgf("; AS3 declares that profile, so the declaration fails to deploy or serves nothing"))
	}
	return lint.Msgf("nginx refuses to start: %s", nginxSays)
}
