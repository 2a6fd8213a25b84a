package certs

import (
	"bytes"
	"encoding/pem"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint/certs/certtest"
)

// textDump is what `openssl x509 -text` prints before the PEM block; people
// paste such files into ssl_certificate and nginx (like OpenSSL's PEM
// reader) skips everything outside the blocks.
const textDump = `Certificate:
    Data:
        Version: 3 (0x2)
        Signature Algorithm: ecdsa-with-SHA256
        Issuer: O = tlslint certtest, CN = certtest Intermediate CA
`

// bagAttributes is what `openssl pkcs12 -nodes` writes before each block.
const bagAttributes = `Bag Attributes
    localKeyID: 01 00 00 00
    friendlyName: www.example.com
subject=O = tlslint certtest, CN = www.example.com
issuer=O = tlslint certtest, CN = certtest Intermediate CA
`

func TestParseBundle(t *testing.T) {
	pki := certtest.New(t)
	leaf, inter := pki.Leaf.PEM(), pki.Intermediate.PEM()
	lines := func(b []byte) int { return bytes.Count(b, []byte("\n")) }
	trusted := trustedBlock(t, pki.Leaf)
	crlf := bytes.ReplaceAll(append(append([]byte{}, leaf...), inter...), []byte("\n"), []byte("\r\n"))

	type want struct {
		certs   []string // subject CNs in order
		lines   []int    // BEGIN lines of the certificates
		keys    []string // KeyInfo.String() of the keys
		formats []KeyFormat
		skipped []SkipReason
		dh      []int
		format  Format
	}
	tests := []struct {
		name string
		data []byte
		want want
	}{
		{"fullchain", cat(leaf, inter),
			want{certs: []string{"www.example.com", "certtest Intermediate CA"}, lines: []int{1, 1 + lines(leaf)}, format: FormatPEM}},
		{"openssl -text output before the block", cat([]byte(textDump), leaf),
			want{certs: []string{"www.example.com"}, lines: []int{6}, format: FormatPEM}},
		{"pkcs12 bag attributes", cat([]byte(bagAttributes), leaf, []byte(bagAttributes), inter),
			want{certs: []string{"www.example.com", "certtest Intermediate CA"}, lines: []int{6, 6 + lines(leaf) + 5}, format: FormatPEM}},
		{"CRLF line endings", crlf,
			want{certs: []string{"www.example.com", "certtest Intermediate CA"}, lines: []int{1, 1 + lines(leaf)}, format: FormatPEM}},
		{"blank lines and trailing blanks", cat([]byte("\n\n"), bytes.ReplaceAll(leaf, []byte("\n"), []byte("  \n")), []byte("\n")),
			want{certs: []string{"www.example.com"}, lines: []int{3}, format: FormatPEM}},
		{"TRUSTED CERTIFICATE with aux trust data", trusted,
			want{certs: []string{"www.example.com"}, lines: []int{1}, format: FormatPEM}},
		{"legacy X509 CERTIFICATE label", bytes.ReplaceAll(leaf, []byte("CERTIFICATE"), []byte("X509 CERTIFICATE")),
			want{certs: []string{"www.example.com"}, lines: []int{1}, format: FormatPEM}},
		{"cert and key in one file (nginx allows it)", cat(leaf, inter, certtest.KeyPEM(t, pki.Leaf, certtest.PKCS8)),
			want{certs: []string{"www.example.com", "certtest Intermediate CA"}, lines: []int{1, 1 + lines(leaf)}, keys: []string{"ECDSA P-256"}, formats: []KeyFormat{KeyPKCS8}, format: FormatPEM}},
		{"PKCS#1 RSA key", certtest.KeyPEM(t, pki.RSA, certtest.PKCS1),
			want{keys: []string{"RSA 2048-bit"}, formats: []KeyFormat{KeyPKCS1}, format: FormatPEM}},
		{"PKCS#8 RSA key", certtest.KeyPEM(t, pki.WeakRSA, certtest.PKCS8),
			want{keys: []string{"RSA 1024-bit"}, formats: []KeyFormat{KeyPKCS8}, format: FormatPEM}},
		{"SEC1 key after EC PARAMETERS (openssl ecparam -genkey)", certtest.KeyPEM(t, pki.Leaf, certtest.SEC1),
			want{keys: []string{"ECDSA P-256"}, formats: []KeyFormat{KeySEC1}, skipped: []SkipReason{SkipParameters}, format: FormatPEM}},
		{"Ed25519 PKCS#8 key", certtest.KeyPEM(t, certtest.Issue(t, nil, certtest.Spec{Name: "ed", Key: certtest.Ed25519}), certtest.PKCS8),
			want{keys: []string{"Ed25519"}, formats: []KeyFormat{KeyPKCS8}, format: FormatPEM}},
		{"mislabelled PKCS#8 key in an RSA PRIVATE KEY block", relabel(certtest.KeyPEM(t, pki.RSA, certtest.PKCS8), "PRIVATE KEY", "RSA PRIVATE KEY"),
			want{keys: []string{"RSA 2048-bit"}, formats: []KeyFormat{KeyPKCS8}, format: FormatPEM}},
		{"legacy encrypted RSA key", certtest.KeyPEM(t, pki.RSA, certtest.EncryptedPKCS1),
			want{skipped: []SkipReason{SkipEncrypted}, format: FormatPEM}},
		{"legacy encrypted EC key", certtest.KeyPEM(t, pki.Leaf, certtest.EncryptedPKCS1),
			want{skipped: []SkipReason{SkipEncrypted}, format: FormatPEM}},
		{"encrypted PKCS#8 key", certtest.KeyPEM(t, pki.Leaf, certtest.EncryptedPKCS8),
			want{skipped: []SkipReason{SkipEncrypted}, format: FormatPEM}},
		{"cert with encrypted key", cat(leaf, certtest.KeyPEM(t, pki.Leaf, certtest.EncryptedPKCS8)),
			want{certs: []string{"www.example.com"}, lines: []int{1}, skipped: []SkipReason{SkipEncrypted}, format: FormatPEM}},
		{"DH parameters (RFC 7919 ffdhe2048, openssl genpkey)", readTestdata(t, "ffdhe2048.pem"),
			want{dh: []int{2048}, format: FormatPEM}},
		{"X9.42 DH parameters (RFC 5114)", readTestdata(t, "x942-rfc5114-2.pem"),
			want{dh: []int{2048}, format: FormatPEM}},
		{"cert followed by DH parameters (nginx reads only the certificates)", cat(leaf, readTestdata(t, "ffdhe2048.pem")),
			want{certs: []string{"www.example.com"}, lines: []int{1}, dh: []int{2048}, format: FormatPEM}},
		{"CSR, CRL, public key and unknown blocks are noted", cat(block("CERTIFICATE REQUEST"), leaf, block("X509 CRL"), block("PUBLIC KEY"), block("SOMETHING ELSE")),
			want{certs: []string{"www.example.com"}, lines: []int{4}, skipped: []SkipReason{SkipOther, SkipOther, SkipOther, SkipOther}, format: FormatPEM}},
		{"UTF-8 byte order mark (skipped by OpenSSL 3)", cat([]byte("\xef\xbb\xbf"), leaf, inter),
			want{certs: []string{"www.example.com", "certtest Intermediate CA"}, lines: []int{1, 1 + lines(leaf)}, format: FormatPEM}},
		{"an indented block is ignored, as OpenSSL ignores it", cat(leaf, []byte("  "), inter),
			want{certs: []string{"www.example.com"}, lines: []int{1}, skipped: []SkipReason{SkipOther}, format: FormatPEM}},
		{"OpenSSH and DSA keys are unsupported", cat(block("OPENSSH PRIVATE KEY"), block("DSA PRIVATE KEY")),
			want{skipped: []SkipReason{SkipUnsupported, SkipUnsupported}, format: FormatPEM}},
		{"brainpool certificate (crypto/x509 cannot parse it)", cat(leaf, readTestdata(t, "brainpool-self-signed.pem")),
			want{certs: []string{"www.example.com"}, lines: []int{1}, skipped: []SkipReason{SkipUnsupported}, format: FormatPEM}},
		{"Ed448 certificate", readTestdata(t, "ed448-self-signed.pem"),
			want{certs: []string{"ed448.example.com"}, lines: []int{1}, format: FormatPEM}},
		{"DSA certificate", readTestdata(t, "dsa-self-signed.pem"),
			want{certs: []string{"dsa.example.com"}, lines: []int{1}, format: FormatPEM}},
		{"DER certificate", pki.Leaf.Cert.Raw,
			want{certs: []string{"www.example.com"}, lines: []int{0}, format: FormatDER}},
		{"concatenated DER certificates", cat(pki.Leaf.Cert.Raw, pki.Intermediate.Cert.Raw),
			want{certs: []string{"www.example.com", "certtest Intermediate CA"}, lines: []int{0, 0}, format: FormatDER}},
		{"DER PKCS#8 key", pemBody(t, certtest.KeyPEM(t, pki.Leaf, certtest.PKCS8)),
			want{keys: []string{"ECDSA P-256"}, formats: []KeyFormat{KeyPKCS8}, format: FormatDER}},
		{"DER PKCS#1 key", pemBody(t, certtest.KeyPEM(t, pki.RSA, certtest.PKCS1)),
			want{keys: []string{"RSA 2048-bit"}, formats: []KeyFormat{KeyPKCS1}, format: FormatDER}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := ParseBundle("site.pem", tt.data)
			if err != nil {
				t.Fatalf("ParseBundle: %v", err)
			}
			var cns []string
			var lns []int
			for i, c := range b.Certs {
				cns = append(cns, c.Subject.CommonName)
				lns = append(lns, c.Line)
				if c.Index != i || c.File != "site.pem" {
					t.Errorf("cert %d: Index %d File %q", i, c.Index, c.File)
				}
				if b.Format == FormatPEM && !bytes.Equal(tt.data[c.Start:c.End], c.Block) {
					t.Errorf("cert %d: Block is not data[Start:End]", i)
				}
				if b.Format == FormatPEM {
					if p, _ := pem.Decode(c.Block); p == nil {
						t.Errorf("cert %d: Block is not a PEM block: %q", i, c.Block)
					}
				}
			}
			var keys []string
			var formats []KeyFormat
			for _, k := range b.Keys {
				keys = append(keys, k.Info.String())
				formats = append(formats, k.Format)
			}
			var skipped []SkipReason
			for _, s := range b.Skipped {
				skipped = append(skipped, s.Reason)
			}
			var dh []int
			for _, d := range b.DH {
				dh = append(dh, d.Bits)
			}
			checkEq(t, "certs", cns, tt.want.certs)
			checkEq(t, "lines", lns, tt.want.lines)
			checkEq(t, "keys", keys, tt.want.keys)
			checkEq(t, "key formats", formats, tt.want.formats)
			checkEq(t, "skipped", skipped, tt.want.skipped)
			checkEq(t, "dh", dh, tt.want.dh)
			if b.Format != tt.want.format {
				t.Errorf("format %v, want %v", b.Format, tt.want.format)
			}
		})
	}
}

func TestParseBundleKeyMatchesCert(t *testing.T) {
	pki := certtest.New(t)
	tests := []struct {
		c *certtest.Cert
		f certtest.KeyFormat
	}{
		{pki.Leaf, certtest.PKCS8}, {pki.Leaf, certtest.SEC1},
		{pki.RSA, certtest.PKCS8}, {pki.RSA, certtest.PKCS1},
		{pki.WeakRSA, certtest.PKCS1},
	}
	for _, tt := range tests {
		b, err := ParseBundle("k.pem", certtest.KeyPEM(t, tt.c, tt.f))
		if err != nil {
			t.Fatalf("%s/%d: %v", tt.c.Name, tt.f, err)
		}
		if k := b.Key(); k == nil || !k.Matches(tt.c.Cert) || k.Matches(pki.Intermediate.Cert) || k.Matches(pki.SelfSigned.Cert) {
			t.Errorf("%s/%d: key %v does not match exactly its certificate", tt.c.Name, tt.f, k)
		}
	}
}

func TestParseBundleErrors(t *testing.T) {
	pki := certtest.New(t)
	leaf := pki.Leaf.PEM()
	leafLines := bytes.Count(leaf, []byte("\n"))
	noEnd := bytes.Replace(leaf, []byte("-----END CERTIFICATE-----\n"), nil, 1)
	badChar := bytes.Replace(leaf, []byte("\n"), []byte("\n#not base64\n"), 1) // line 2, after the BEGIN line
	tests := []struct {
		name     string
		data     []byte
		line     int
		contains []string
	}{
		{"empty file", nil, 0, []string{"file is empty", "expected PEM blocks"}},
		{"whitespace only", []byte(" \n\n"), 0, []string{"file is empty"}},
		{"text without PEM", []byte("this is a README, not a certificate\n"), 0, []string{"no PEM block found", "-----BEGIN CERTIFICATE-----"}},
		{"binary garbage", []byte{0x30, 0x82, 0x01, 0x00, 0xde, 0xad}, 0, []string{"neither PEM nor a DER certificate"}},
		{"non-DER binary", []byte{0x00, 0xff, 0x10}, 0, []string{"no PEM block found"}},
		{"block without END", cat(leaf, noEnd), leafLines + 1, []string{"is not closed; expected \"-----END CERTIFICATE-----\" before the end of the file"}},
		{"block without END before the next block", cat(noEnd, leaf), 1, []string{"is not closed; expected \"-----END CERTIFICATE-----\" before the next block at line " + strconv.Itoa(leafLines)}},
		{"END for another label", bytes.Replace(leaf, []byte("END CERTIFICATE"), []byte("END PRIVATE KEY"), 1), leafLines, []string{"ends with \"-----END PRIVATE KEY-----\"", "expected \"-----END CERTIFICATE-----\""}},
		{"non-base64 line", badChar, 2, []string{"line is not base64 inside PEM block \"CERTIFICATE\" begun at line 1"}},
		{"truncated base64", bytes.Replace(leaf, []byte("=\n"), []byte("\n"), 1), 1, []string{"truncated or corrupt base64"}},
		{"indented PEM (pasted from YAML)", bytes.ReplaceAll(cat([]byte("\n"), leaf), []byte("\n"), []byte("\n    ")), 2, []string{"not at the start of its line", "expected it at the start of a line"}},
		{"empty block", []byte("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"), 1, []string{"is empty"}},
		{"not a certificate inside CERTIFICATE", block("CERTIFICATE"), 1, []string{"does not hold a valid X.509 certificate"}},
		{"not a key inside PRIVATE KEY", cat(leaf, block("PRIVATE KEY")), leafLines + 1, []string{"does not hold a valid private key; expected a PKCS#8 private key"}},
		{"not a key inside RSA PRIVATE KEY", block("RSA PRIVATE KEY"), 1, []string{"expected a PKCS#1 RSA private key"}},
		{"not a key inside EC PRIVATE KEY", block("EC PRIVATE KEY"), 1, []string{"expected a SEC1 EC private key"}},
		{"bad DH parameters", block("DH PARAMETERS"), 1, []string{"does not hold valid DH parameters"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseBundle("conf/site.pem", tt.data)
			if err == nil {
				t.Fatal("no error")
			}
			fe, ok := err.(*FileError)
			if !ok {
				t.Fatalf("error %T, want *FileError", err)
			}
			if fe.Kind != Malformed || fe.Line != tt.line || fe.Path != "conf/site.pem" {
				t.Errorf("Kind %v Line %d Path %q, want Malformed line %d", fe.Kind, fe.Line, fe.Path, tt.line)
			}
			msg := err.Error()
			prefix := "conf/site.pem: "
			if tt.line > 0 {
				prefix = "conf/site.pem:" + strconv.Itoa(tt.line) + ": "
			}
			if !strings.HasPrefix(msg, prefix) {
				t.Errorf("message %q does not start with %q", msg, prefix)
			}
			for _, s := range tt.contains {
				if !strings.Contains(msg, s) {
					t.Errorf("message %q lacks %q", msg, s)
				}
			}
		})
	}
}

// --- helpers shared by the package's tests ---

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func relabel(p []byte, from, to string) []byte {
	return bytes.ReplaceAll(p, []byte(" "+from+"-----"), []byte(" "+to+"-----"))
}

// block returns a syntactically valid PEM block whose body is not what its
// label promises.
func block(label string) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: label, Bytes: []byte("not DER at all, just bytes")})
}

func pemBody(t *testing.T, p []byte) []byte {
	t.Helper()
	b, _ := pem.Decode(p)
	if b == nil {
		t.Fatal("no PEM block")
	}
	return b.Bytes
}

// trustedBlock builds OpenSSL's TRUSTED CERTIFICATE form: the DER
// certificate followed by an X509_CERT_AUX (here: trust for serverAuth).
func trustedBlock(t *testing.T, c *certtest.Cert) []byte {
	t.Helper()
	// X509_CERT_AUX ::= SEQUENCE { trust SEQUENCE OF OID (serverAuth) }
	aux := []byte{0x30, 0x0c, 0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01}
	return pem.EncodeToMemory(&pem.Block{Type: "TRUSTED CERTIFICATE", Bytes: cat(c.Cert.Raw, aux)})
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func checkEq[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s = %v, want %v", what, got, want)
			return
		}
	}
}
