package certs

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint/certs/certtest"
)

// FuzzParseBundle feeds arbitrary bytes to the PEM/DER parser. Seeds live in
// testdata/fuzz/FuzzParseBundle (public material only: certificates, DH
// parameters, broken and encrypted-looking blocks); generated keys are added
// here so that no private key is committed. Run with
// `go test -fuzz FuzzParseBundle -fuzztime 30s ./lint/certs/`.
func FuzzParseBundle(f *testing.F) {
	pki := certtest.New(f)
	f.Add(cat(pki.Leaf.PEM(), pki.Intermediate.PEM(), certtest.KeyPEM(f, pki.Leaf, certtest.PKCS8)))
	f.Add(certtest.KeyPEM(f, pki.Leaf, certtest.SEC1))
	f.Add(certtest.KeyPEM(f, pki.WeakRSA, certtest.PKCS1))
	f.Add(certtest.KeyPEM(f, pki.RSA, certtest.EncryptedPKCS1))
	f.Add(certtest.KeyPEM(f, pki.Leaf, certtest.EncryptedPKCS8))
	f.Add(pki.MD5.Cert.Raw)

	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBundle("fuzz.pem", data)
		lines := bytes.Count(data, []byte("\n")) + 1
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) || fe.Kind != Malformed || fe.Line < 0 || fe.Line > lines {
				t.Fatalf("error %T %v: want a Malformed *FileError with a line in [0,%d]", err, err, lines)
			}
			if !strings.HasPrefix(err.Error(), "fuzz.pem") || !strings.Contains(err.Error(), "expected") && !strings.Contains(err.Error(), "valid") {
				t.Fatalf("error %q does not name the file and what was expected", err)
			}
			return
		}
		if b == nil {
			t.Fatal("nil bundle without error")
		}
		for i, c := range b.Certs {
			if c.Index != i || c.Certificate == nil {
				t.Fatalf("cert %d: Index %d", i, c.Index)
			}
			if b.Format == FormatPEM && (c.Line < 1 || c.Line > lines || !bytes.Equal(data[c.Start:c.End], c.Block)) {
				t.Fatalf("cert %d: line %d, block range %d:%d", i, c.Line, c.Start, c.End)
			}
		}
		for _, k := range b.Keys {
			if k.Public == nil || k.Info.Type == KeyUnknown {
				t.Fatalf("key without a public half: %v", k)
			}
		}
		if len(b.Certs) > 0 {
			// Analysis must not fail or panic on anything the parser accepts.
			if _, err := Analyze(b, b.Key(), Options{Now: certtest.Now}); err != nil {
				t.Fatalf("Analyze: %v", err)
			}
		}
	})
}
