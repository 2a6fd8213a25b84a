package certs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tlslint/tlslint/fixtures/shared"
)

func corpusDir(t *testing.T) string { return shared.Dir(t, "corpus") }

// TestCorpusAS3Certificates parses the certificates embedded in F5's AS3
// TLS_Server example (f5-automation-config-converter test fixture):
// self-signed certificates without subjectAltName, as many appliance
// defaults are, three of them with RSA-1024 keys. They must parse, be recognized as
// self-signed leaves, be weak at security level 2 ("ee key too small"), and
// match their host name only through the CN, which clients ignore.
func TestCorpusAS3Certificates(t *testing.T) {
	path := filepath.Join(corpusDir(t), "bigip", "f5devcentral__f5-automation-config-converter", "test__engines__as3Converter__tls_server__tls_server.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("corpus file missing: %v", err)
	}
	var decl any
	if err := json.Unmarshal(data, &decl); err != nil {
		t.Fatal(err)
	}
	var pems []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			if strings.Contains(x, "-----BEGIN CERTIFICATE-----") {
				pems = append(pems, x)
			}
		}
	}
	walk(decl)
	if len(pems) < 3 {
		t.Fatalf("found %d certificates in %s", len(pems), path)
	}
	later := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for i, p := range pems {
		b, err := ParseBundle(path, []byte(p))
		if err != nil {
			t.Fatalf("certificate %d: %v", i, err)
		}
		// A day into the certificate's own validity (they do not overlap).
		r, err := Analyze(b, nil, Options{Now: b.Certs[0].NotBefore.Add(24 * time.Hour), Level: DefaultLevel})
		if err != nil {
			t.Fatal(err)
		}
		if r2, _ := Analyze(b, nil, Options{Now: later}); r2.Leaf.Validity != Expired {
			t.Errorf("certificate %d: %v in 2025", i, r2.Leaf.Validity)
		}
		leaf := r.Leaf
		if len(leaf.DNSNames)+len(leaf.IPAddresses) != 0 || !leaf.SelfSigned || !r.SelfSignedLeaf || r.Complete || leaf.Validity != Valid {
			t.Errorf("certificate %d (%s): SANs %v self-signed %v/%v complete %v %v", i, leaf, SANs(leaf.Certificate), leaf.SelfSigned, r.SelfSignedLeaf, r.Complete, leaf.Validity)
		}
		switch cn := leaf.Subject.CommonName; cn {
		case "sample.example.net":
			if leaf.Key().String() != "RSA 1024-bit" || len(leaf.Weak) != 1 || leaf.Weak[0].Reason != "ee key too small" {
				t.Errorf("certificate %d: key %v weak %v", i, leaf.Key(), leaf.Weak)
			}
			if leaf.Covers(cn) || !CoveredByCommonName(leaf.Certificate, cn) {
				t.Errorf("certificate %d: CN-only name matching", i)
			}
		case "test_CA_bundle":
			if len(leaf.Weak) != 0 {
				t.Errorf("certificate %d: weak %v", i, leaf.Weak)
			}
		default:
			t.Errorf("certificate %d: unexpected subject %q", i, cn)
		}
	}
}
