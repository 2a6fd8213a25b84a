package certs

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint/certs/certtest"
)

// TestPrivateKeyNeverPrinted loads known private keys every way the package
// reads them (key files in each format, combined cert+key files, encrypted
// keys, nginx data: values, DER, broken key blocks), analyzes them, and
// formats every value reachable from the results with %v, %+v and %#v:
// no PEM line, base64, DER or numeric form of any private key may appear.
func TestPrivateKeyNeverPrinted(t *testing.T) {
	pki := certtest.New(t)
	ed := certtest.Issue(t, pki.Intermediate, certtest.Spec{Name: "ed25519-leaf", CN: "www.example.com", Key: certtest.Ed25519})
	type keyCase struct {
		c       *certtest.Cert
		formats []certtest.KeyFormat
	}
	cases := []keyCase{
		{pki.Leaf, []certtest.KeyFormat{certtest.PKCS8, certtest.SEC1, certtest.EncryptedPKCS1, certtest.EncryptedPKCS8}},
		{pki.RSA, []certtest.KeyFormat{certtest.PKCS8, certtest.PKCS1, certtest.EncryptedPKCS1, certtest.EncryptedPKCS8}},
		{pki.WeakRSA, []certtest.KeyFormat{certtest.PKCS1}},
		{ed, []certtest.KeyFormat{certtest.PKCS8}},
	}

	dir := t.TempDir()
	loader := NewLoader(nil, nil)
	trust, err := NewTrust(false, mustParse(t, "roots.pem", pki.Root.PEM()))
	if err != nil {
		t.Fatal(err)
	}
	analyzer := NewAnalyzer(loader, Options{Now: certtest.Now, Trust: trust, Level: DefaultLevel})
	var outputs []any
	var secrets []string
	collect := func(v ...any) { outputs = append(outputs, v...) }

	for _, kc := range cases {
		secrets = append(secrets, secretForms(t, kc.c)...)
		for _, f := range kc.formats {
			keyPEM := certtest.KeyPEM(t, kc.c, f)
			secrets = append(secrets, pemForms(keyPEM, kc.c.Cert.Raw)...)
			name := fmt.Sprintf("%s-%d", kc.c.Name, f)

			keyFile := certtest.WriteFile(t, dir, name+".key", keyPEM)
			combined := certtest.WriteFile(t, dir, name+".pem", cat(certtest.Bundle(pki.Chain(kc.c)...), keyPEM))
			for _, ref := range []string{keyFile, combined, "data:" + string(keyPEM), "data:" + string(cat(kc.c.PEM(), keyPEM))} {
				b, err := loader.Load(ref)
				collect(b, err)
				if err != nil || len(b.Certs) == 0 {
					continue
				}
				r, err := analyzer.Analyze(b, b.Key())
				collect(r, err)
				name, ok := analyzer.CompletingBundle(ref)
				collect(name, ok)
			}
			if blk := lastBlock(keyPEM); blk != nil && len(blk.Headers) == 0 && blk.Type != "ENCRYPTED PRIVATE KEY" {
				b, err := ParseBundle(name+".der", blk.Bytes)
				collect(b, err)
				// A key block that is cut short must fail without quoting it.
				broken := pem.EncodeToMemory(&pem.Block{Type: blk.Type, Bytes: blk.Bytes[:len(blk.Bytes)-7]})
				secrets = append(secrets, pemForms(broken, kc.c.Cert.Raw)...)
				b, err = ParseBundle(name+"-broken.pem", cat(kc.c.PEM(), broken))
				if err == nil {
					t.Errorf("%s: truncated key block parsed", name)
				}
				collect(b, err)
				b, err = loader.Load("data:" + string(broken))
				collect(b, err)
			}
		}
	}
	collect(loader, analyzer, trust)

	seen := map[string]bool{}
	var texts []string
	for _, v := range outputs {
		texts = append(texts, formatAll(v))
		walk(reflect.ValueOf(v), seen, &texts)
	}
	all := strings.Join(texts, "\n")
	if len(all) < 10000 {
		t.Fatalf("formatted only %d bytes: the walk is broken", len(all))
	}
	for _, s := range secrets {
		if len(s) < 12 {
			continue // too short to be evidence
		}
		if strings.Contains(all, s) {
			i := strings.Index(all, s)
			t.Errorf("private key material %.24q… appears in formatted output near %q", s, all[max(0, i-80):i])
		}
	}
}

// secretForms lists the private numbers of a key in the encodings fmt and
// common code would print them in.
func secretForms(t *testing.T, c *certtest.Cert) []string {
	t.Helper()
	var nums []*big.Int
	var raw [][]byte
	switch k := c.Key.(type) {
	case *rsa.PrivateKey:
		nums = append(nums, k.D, k.Primes[0], k.Primes[1], k.Precomputed.Dp, k.Precomputed.Dq, k.Precomputed.Qinv)
	case *ecdsa.PrivateKey:
		b, err := k.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		nums = append(nums, new(big.Int).SetBytes(b))
		raw = append(raw, b)
	case ed25519.PrivateKey:
		raw = append(raw, k.Seed())
	}
	for _, n := range nums {
		raw = append(raw, n.Bytes())
	}
	var out []string
	for _, n := range nums {
		out = append(out, n.String(), n.Text(16))
	}
	for _, b := range raw {
		out = append(out,
			string(b[:min(len(b), 24)]),
			hex.EncodeToString(b)[:min(2*len(b), 32)],
			strings.ToUpper(hex.EncodeToString(b))[:min(2*len(b), 32)],
			base64.StdEncoding.EncodeToString(b),
			strings.Trim(fmt.Sprint(b[:min(len(b), 12)]), "[]"),
			fmt.Sprintf("%x", b[:min(len(b), 16)]),
		)
	}
	return out
}

// pemForms lists the forms of a PEM key that are private: the whole block,
// the body lines and 24-byte windows of the DER, except those wholly inside
// the public key (an RSA key's modulus is in the certificate too).
func pemForms(p, public []byte) []string {
	out := []string{string(p)}
	for _, l := range strings.Split(string(p), "\n") {
		if strings.HasPrefix(l, "-----") || strings.Contains(l, ":") || len(l) < 16 {
			continue
		}
		dec, err := base64.StdEncoding.DecodeString(l)
		if err != nil || !bytes.Contains(public, dec) {
			out = append(out, l)
		}
	}
	if blk := lastBlock(p); blk != nil {
		der := blk.Bytes
		out = append(out, string(der), base64.StdEncoding.EncodeToString(der))
		for i := 0; i+24 <= len(der); i += 12 {
			if w := der[i : i+24]; !bytes.Contains(public, w) {
				out = append(out, string(w), hex.EncodeToString(w))
			}
		}
	}
	return out
}

func formatAll(v any) string {
	return fmt.Sprintf("%v\n%+v\n%#v\n%s", v, v, v, v)
}

// walk formats every exported value reachable from v.
func walk(v reflect.Value, seen map[string]bool, out *[]string) {
	if !v.IsValid() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return
		}
		if v.Kind() == reflect.Pointer {
			id := fmt.Sprintf("%s@%x", v.Type(), v.Pointer())
			if seen[id] {
				return
			}
			seen[id] = true
		}
		if v.CanInterface() {
			*out = append(*out, formatAll(v.Interface()))
		}
		walk(v.Elem(), seen, out)
	case reflect.Struct:
		if v.CanInterface() {
			*out = append(*out, formatAll(v.Interface()))
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walk(v.Field(i), seen, out)
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			if v.CanInterface() {
				*out = append(*out, formatAll(v.Interface()))
			}
			return
		}
		for i := range v.Len() {
			walk(v.Index(i), seen, out)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			walk(iter.Key(), seen, out)
			walk(iter.Value(), seen, out)
		}
	default:
		if v.CanInterface() {
			*out = append(*out, formatAll(v.Interface()))
		}
	}
}

func mustParse(t testing.TB, name string, data []byte) *Bundle {
	t.Helper()
	b, err := ParseBundle(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// lastBlock returns the last PEM block (the key, after EC PARAMETERS).
func lastBlock(p []byte) *pem.Block {
	var last *pem.Block
	for {
		b, rest := pem.Decode(p)
		if b == nil {
			return last
		}
		last, p = b, rest
	}
}
