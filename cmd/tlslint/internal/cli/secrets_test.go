package cli

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tlslint/tlslint/lint/report"
)

// testKey makes a key and a self-signed certificate for name at test time,
// so no key material lives in the repository.
func testKey(t *testing.T, name string) (certPEM, keyPEM string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: name}, DNSNames: []string{name},
		NotBefore: t0, NotAfter: t0.AddDate(1, 0, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kd, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd}))
}

// keyChunks are pieces of a PEM key's body: none may appear in any output.
func keyChunks(keyPEM string) []string {
	var out []string
	for _, line := range strings.Split(keyPEM, "\n") {
		if len(line) >= 16 && !strings.HasPrefix(line, "-----") {
			out = append(out, line[:16], line[len(line)-16:])
		}
	}
	return out
}

// Real keys through every output format and --diff: no key bytes come out.
// The inputs are the adversarial ones: a one-line AS3 declaration (as
// Terraform's jsonencode writes it) with an inline privateKey and a
// passphrase, every finding pointing at that one line; an nginx data: key
// (TL308 quotes data: values); a combined certificate+key file; a fixable
// line right beside a multi-line inline key (the --diff context).
func TestNoKeyMaterialInAnyOutput(t *testing.T) {
	dir := t.TempDir()
	cert, key := testKey(t, "shop.example.com")
	_, other := testKey(t, "other.example.com")
	const pass = "Sup3rSecretPassphrase!!"
	decl := map[string]any{"class": "AS3", "declaration": map[string]any{"class": "ADC", "schemaVersion": "3.50.0",
		"T": map[string]any{"class": "Tenant", "A": map[string]any{"class": "Application",
			"vs":  map[string]any{"class": "Service_HTTPS", "virtualAddresses": []string{"192.0.2.10"}, "serverTLS": "tls"},
			"tls": map[string]any{"class": "TLS_Server", "certificates": []any{map[string]any{"certificate": "crt"}}, "ciphers": "DEFAULT:RC4-SHA", "tls1_0Enabled": true},
			"crt": map[string]any{"class": "Certificate", "certificate": cert, "privateKey": other,
				"passphrase": map[string]any{"ciphertext": pass, "protected": "eyJhbGciOiJkaXIiLCJlbmMiOiJub25lIn0"}}}}}}
	one, err := json.Marshal(decl)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("as3.json", string(one))
	write("combined.pem", cert+key)
	write("nginx.conf", "events {}\nhttp {\n  server {\n    listen 443 ssl;\n    server_name shop.example.com;\n"+
		"    ssl_certificate combined.pem;\n    ssl_certificate_key \"data:"+key+"\";\n    ssl_protocols TLSv1 TLSv1.2;\n"+
		"    location / { proxy_pass https://10.0.0.1:80; }\n  }\n}\n")
	var chunks []string
	chunks = append(chunks, keyChunks(key)...)
	chunks = append(chunks, keyChunks(other)...)
	chunks = append(chunks, pass)

	runs := [][]string{{"--diff", ""}, {"--diff", "--unsafe-fixes"}}
	for _, f := range report.Formats {
		runs = append(runs, []string{"--format", f})
	}
	for _, extra := range runs {
		args := []string{now, "--no-system-roots"}
		for _, a := range extra {
			if a != "" {
				args = append(args, a)
			}
		}
		args = append(args, "nginx.conf", "as3.json")
		var out, errb bytes.Buffer
		code := Main(args, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }, Cwd: dir})
		all := out.String() + errb.String()
		if code == 2 || out.Len() == 0 {
			t.Fatalf("%v: exit %d, output:\n%s", extra, code, all)
		}
		if len(extra) > 1 && extra[1] == "text" && !strings.Contains(all, "[redacted]") {
			t.Errorf("text: no excerpt was redacted, so the test proves nothing:\n%s", all)
		}
		if extra[0] == "--diff" && !strings.Contains(all, "hold private-key material") {
			t.Errorf("--diff: the fix beside the key was not refused:\n%s", all)
		}
		for _, c := range chunks {
			if strings.Contains(all, c) {
				t.Errorf("%v: output holds key material %q:\n%s", extra, c, all)
				break
			}
		}
	}
}
