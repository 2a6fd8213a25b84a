package certtest

import (
	"bytes"
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPKIChains(t *testing.T) {
	p := New(t)
	roots := p.Pool()
	inter := Pool(p.Intermediate, p.RSAIntermediate)
	tests := []struct {
		c        *Cert
		verifies bool // crypto/x509 Verify at Now against Pool()
		errHas   string
	}{
		{p.Leaf, true, ""},
		{p.Expiring, true, ""},
		{p.Wildcard, true, ""},
		{p.IP, true, ""},
		{p.CNOnly, true, ""},
		{p.WeakRSA, true, ""},
		{p.RSA, true, ""},
		{p.MustStaple, true, ""},
		{p.WrongName, true, ""},
		{p.Expired, false, "expired"},
		{p.NotYetValid, false, "not yet valid"},
		{p.SHA1, false, "insecure algorithm"},
		{p.MD5, false, "insecure algorithm"},
		{p.SelfSigned, false, "unknown authority"},
		{p.UntrustedLeaf, false, "unknown authority"},
	}
	for _, tt := range tests {
		_, err := tt.c.Cert.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: Now})
		if (err == nil) != tt.verifies || err != nil && !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("%s: Verify = %v", tt.c.Name, err)
		}
	}
	if p.WeakRSA.Cert.PublicKey.(interface{ Size() int }).Size() != 128 || p.RSA.Cert.PublicKey.(interface{ Size() int }).Size() != 256 {
		t.Error("RSA key sizes")
	}
	if p.SHA1.Cert.SignatureAlgorithm != x509.ECDSAWithSHA1 || p.MD5.Cert.SignatureAlgorithm != x509.MD5WithRSA {
		t.Error("signature algorithms")
	}
	// The MD5 signature is genuine: it verifies with the issuer's key.
	sum := md5.Sum(p.MD5.Cert.RawTBSCertificate)
	if err := rsaVerifyMD5(p.RSAIntermediate.Cert, sum[:], p.MD5.Cert.Signature); err != nil {
		t.Errorf("MD5 signature: %v", err)
	}
	if len(p.CNOnly.Cert.DNSNames) != 0 || len(p.IP.Cert.DNSNames) != 0 || len(p.IP.Cert.IPAddresses) != 2 {
		t.Error("SANs")
	}
	if got := p.Leaf.Cert.NotAfter.Sub(Now); got != 60*Day {
		t.Errorf("Leaf expires in %v", got)
	}
	if len(p.Chain(p.Leaf)) != 2 || len(p.Chain(p.SelfSigned)) != 1 || p.Chain(p.MD5)[1] != p.RSAIntermediate {
		t.Error("Chain")
	}
}

// TestDeterministic: two PKIs have the same ECDSA keys and certificate
// sizes, so PEM line numbers do not move between runs.
func TestDeterministic(t *testing.T) {
	a, b := New(t), New(t)
	pairs := [][2]*Cert{{a.Root, b.Root}, {a.Intermediate, b.Intermediate}, {a.Leaf, b.Leaf}, {a.SHA1, b.SHA1}, {a.Wildcard, b.Wildcard}, {a.RSA, b.RSA}, {a.MD5, b.MD5}}
	for _, p := range pairs {
		if len(p[0].Cert.Raw) != len(p[1].Cert.Raw) || !bytes.Equal(p[0].Cert.RawSubjectPublicKeyInfo, p[1].Cert.RawSubjectPublicKeyInfo) || p[0].Cert.SerialNumber.Cmp(p[1].Cert.SerialNumber) != 0 {
			t.Errorf("%s differs between runs", p[0].Name)
		}
	}
	// ECDSA signatures have their maximum length.
	for _, c := range []*Cert{a.Leaf, a.Intermediate, a.Root} {
		if n := len(c.Cert.Signature); n != 72 {
			t.Errorf("%s: signature of %d bytes, want 72", c.Name, n)
		}
	}
	k1, _ := ecKey(a.Leaf.Key.(*ecdsa.PrivateKey).Curve, "x")
	k2, _ := ecKey(a.Leaf.Key.(*ecdsa.PrivateKey).Curve, "x")
	if !k1.Equal(k2) {
		t.Error("ecKey is not deterministic")
	}
}

func TestKeyFormats(t *testing.T) {
	p := New(t)
	tests := []struct {
		c     *Cert
		f     KeyFormat
		types []string
	}{
		{p.Leaf, PKCS8, []string{"PRIVATE KEY"}},
		{p.Leaf, SEC1, []string{"EC PARAMETERS", "EC PRIVATE KEY"}},
		{p.RSA, PKCS1, []string{"RSA PRIVATE KEY"}},
		{p.RSA, EncryptedPKCS1, []string{"RSA PRIVATE KEY"}},
		{p.Leaf, EncryptedPKCS1, []string{"EC PRIVATE KEY"}},
		{p.Leaf, EncryptedPKCS8, []string{"ENCRYPTED PRIVATE KEY"}},
	}
	for _, tt := range tests {
		data := KeyPEM(t, tt.c, tt.f)
		var types []string
		var last *pem.Block
		for rest := data; ; {
			b, r := pem.Decode(rest)
			if b == nil {
				break
			}
			types, last, rest = append(types, b.Type), b, r
		}
		if strings.Join(types, ",") != strings.Join(tt.types, ",") {
			t.Errorf("%s/%d: blocks %v, want %v", tt.c.Name, tt.f, types, tt.types)
			continue
		}
		der := last.Bytes
		switch tt.f {
		case EncryptedPKCS1:
			der = decryptLegacy(t, last)
		case EncryptedPKCS8:
			der = decryptPBES2(t, last.Bytes)
		}
		var pub crypto.PublicKey
		switch {
		case tt.f == PKCS1 || tt.f == EncryptedPKCS1 && tt.c == p.RSA:
			k, err := x509.ParsePKCS1PrivateKey(der)
			if err != nil {
				t.Fatalf("%s/%d: %v", tt.c.Name, tt.f, err)
			}
			pub = k.Public()
		case tt.f == SEC1 || tt.f == EncryptedPKCS1:
			k, err := x509.ParseECPrivateKey(der)
			if err != nil {
				t.Fatalf("%s/%d: %v", tt.c.Name, tt.f, err)
			}
			pub = k.Public()
		default:
			k, err := x509.ParsePKCS8PrivateKey(der)
			if err != nil {
				t.Fatalf("%s/%d: %v", tt.c.Name, tt.f, err)
			}
			pub = k.(crypto.Signer).Public()
		}
		if !tt.c.Cert.PublicKey.(interface{ Equal(crypto.PublicKey) bool }).Equal(pub) {
			t.Errorf("%s/%d: the key does not belong to the certificate", tt.c.Name, tt.f)
		}
	}
}

// TestKeysDecryptWithOpenSSL checks the encrypted formats against the real
// openssl when it is installed.
func TestKeysDecryptWithOpenSSL(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	p := New(t)
	dir := t.TempDir()
	for _, f := range []KeyFormat{EncryptedPKCS1, EncryptedPKCS8} {
		for _, c := range []*Cert{p.Leaf, p.RSA} {
			path := p.WriteKey(t, dir, "k.pem", c, f)
			out, err := exec.Command(openssl, "pkey", "-in", path, "-passin", "pass:"+Passphrase, "-pubout").CombinedOutput()
			if err != nil {
				t.Fatalf("%s/%d: openssl pkey: %v\n%s", c.Name, f, err, out)
			}
			spki, _ := pem.Decode(out)
			if spki == nil || !bytes.Equal(spki.Bytes, c.Cert.RawSubjectPublicKeyInfo) {
				t.Errorf("%s/%d: openssl derives another public key", c.Name, f)
			}
		}
	}
}

func TestWriters(t *testing.T) {
	p := New(t)
	dir := t.TempDir()
	count := func(path string) []string {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var cns []string
		for rest := data; ; {
			b, r := pem.Decode(rest)
			if b == nil {
				return cns
			}
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				t.Fatal(err)
			}
			cns, rest = append(cns, c.Subject.CommonName), r
		}
	}
	tests := []struct {
		path string
		want string
	}{
		{p.WriteComplete(t, dir, "full.pem", p.Leaf), "www.example.com,certtest Intermediate CA"},
		{p.WriteLeafOnly(t, dir, "leaf.pem", p.Leaf), "www.example.com"},
		{p.WriteMisordered(t, dir, "mis.pem", p.Leaf), "certtest Intermediate CA,www.example.com"},
		{p.WriteWithRoot(t, dir, "root.pem", p.Leaf), "www.example.com,certtest Intermediate CA,certtest Root CA"},
		{p.WriteWithRoot(t, dir, "untrusted.pem", p.UntrustedLeaf), "www.example.com,certtest Untrusted Intermediate,certtest Untrusted Root"},
		{p.WriteRoots(t, dir, "roots.pem"), "certtest Root CA"},
		{p.WriteBundle(t, dir, "sub/dir/any.pem", p.Root, p.Leaf), "certtest Root CA,www.example.com"},
	}
	for _, tt := range tests {
		if got := strings.Join(count(tt.path), ","); got != tt.want {
			t.Errorf("%s: %s, want %s", filepath.Base(tt.path), got, tt.want)
		}
	}
	cert := p.WriteCertbot(t, dir, "example.com", p.Leaf)
	live := filepath.Dir(cert)
	if filepath.Base(cert) != "cert.pem" || filepath.Base(filepath.Dir(live)) != "live" {
		t.Errorf("certbot path %s", cert)
	}
	for name, want := range map[string]string{"cert.pem": "www.example.com", "chain.pem": "certtest Intermediate CA", "fullchain.pem": "www.example.com,certtest Intermediate CA"} {
		if got := strings.Join(count(filepath.Join(live, name)), ","); got != want {
			t.Errorf("certbot %s: %s", name, got)
		}
	}
	if _, err := os.Stat(filepath.Join(live, "privkey.pem")); err != nil {
		t.Error(err)
	}
}

func TestIssueCustom(t *testing.T) {
	p := New(t)
	c := Issue(t, p.Intermediate, Spec{Name: "custom", DNS: []string{"a.example.com"}, Key: ECDSAP384,
		NotBefore: Now.Add(-time.Hour), NotAfter: Now.Add(time.Hour)})
	if c.Cert.Subject.CommonName != "custom" || c.Cert.PublicKey.(*ecdsa.PublicKey).Curve.Params().Name != "P-384" || !c.Cert.NotAfter.Equal(Now.Add(time.Hour)) {
		t.Errorf("custom certificate %v", c.Cert.Subject)
	}
	if _, err := issue(nil, Spec{}); err == nil {
		t.Error("a Spec without a name")
	}
	if _, err := issue(p.Intermediate, Spec{Name: "md5-under-ecdsa", SignatureAlgorithm: x509.MD5WithRSA}); err == nil {
		t.Error("MD5 with an ECDSA issuer")
	}
}

func decryptLegacy(t *testing.T, b *pem.Block) []byte {
	t.Helper()
	if b.Headers["Proc-Type"] != "4,ENCRYPTED" {
		t.Fatalf("headers %v", b.Headers)
	}
	alg, ivHex, _ := strings.Cut(b.Headers["DEK-Info"], ",")
	iv, err := hex.DecodeString(ivHex)
	if alg != "AES-128-CBC" || err != nil {
		t.Fatalf("DEK-Info %q", b.Headers["DEK-Info"])
	}
	key := md5.Sum(append([]byte(Passphrase), iv[:8]...))
	return cbcDecrypt(t, key[:], iv, b.Bytes)
}

func decryptPBES2(t *testing.T, der []byte) []byte {
	t.Helper()
	var info struct {
		Alg struct {
			OID    asn1.ObjectIdentifier
			Params struct {
				KDF struct {
					OID    asn1.ObjectIdentifier
					Params struct {
						Salt []byte
						Iter int
						PRF  asn1.RawValue
					}
				}
				Enc struct {
					OID asn1.ObjectIdentifier
					IV  []byte
				}
			}
		}
		Data []byte
	}
	if _, err := asn1.Unmarshal(der, &info); err != nil {
		t.Fatal(err)
	}
	kdf := info.Alg.Params.KDF.Params
	key, err := pbkdf2.Key(sha256.New, Passphrase, kdf.Salt, kdf.Iter, 32)
	if err != nil {
		t.Fatal(err)
	}
	return cbcDecrypt(t, key, info.Alg.Params.Enc.IV, info.Data)
}

func cbcDecrypt(t *testing.T, key, iv, data []byte) []byte {
	t.Helper()
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]byte, len(data))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, data)
	pad := int(out[len(out)-1])
	if pad == 0 || pad > aes.BlockSize {
		t.Fatal("bad padding: wrong key")
	}
	return out[:len(out)-pad]
}

func rsaVerifyMD5(issuer *x509.Certificate, sum, sig []byte) error {
	return rsa.VerifyPKCS1v15(issuer.PublicKey.(*rsa.PublicKey), crypto.MD5, sum, sig)
}
