package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedUpToDate regenerates suites_gen.go from the data and
// compares it with the committed file: the table may only change through
// `go generate ./lint/tls/f5`.
func TestGeneratedUpToDate(t *testing.T) {
	dir := os.Getenv("TLSLINT_F5_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "..", "..", "shared", "data", "f5")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("BIG-IP reference data %s absent (set TLSLINT_F5_DATA)", dir)
	}
	got, err := generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "suites_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatal("suites_gen.go is stale: run go generate ./lint/tls/f5")
	}
}

// TestOpenSSLName: the F5 spellings that differ from OpenSSL's
// (keywords.md §5 of the data) map to the catalogue's names.
func TestOpenSSLName(t *testing.T) {
	for f5, want := range map[string]string{
		"ECDHE-RSA-AES128-CBC-SHA":       "ECDHE-RSA-AES128-SHA",
		"ECDHE-RSA-AES256-CBC-SHA":       "ECDHE-RSA-AES256-SHA",
		"ECDHE-ECDSA-AES128-SHA":         "ECDHE-ECDSA-AES128-SHA",
		"DHE-RSA-DES-CBC-SHA":            "EDH-RSA-DES-CBC-SHA",
		"DHE-RSA-DES-CBC3-SHA":           "DHE-RSA-DES-CBC3-SHA",
		"TLS13-AES128-GCM-SHA256":        "TLS_AES_128_GCM_SHA256",
		"TLS13-AES256-GCM-SHA384":        "TLS_AES_256_GCM_SHA384",
		"TLS13-CHACHA20-POLY1305-SHA256": "TLS_CHACHA20_POLY1305_SHA256",
		"ECDH-RSA-AES128-GCM-SHA256":     "ECDH-RSA-AES128-GCM-SHA256",
	} {
		if got := openSSLName(f5); got != want {
			t.Errorf("openSSLName(%s) = %s, want %s", f5, got, want)
		}
	}
}

func TestEraOfUnknownFile(t *testing.T) {
	if _, err := eraOf("17.1.0__DEFAULT.txt"); err == nil {
		t.Error("a capture with no known version range must be an error, not a guess")
	}
}
