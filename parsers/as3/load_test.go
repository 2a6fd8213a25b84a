package as3

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

const appItems = `"s": {"class": "Service_HTTP", "virtualAddresses": ["10.0.0.1"], "pool": "p"},
      "p": {"class": "Pool", "members": [{"servicePort": 80, "serverAddresses": ["10.0.1.1"]}]}`

func TestDeclarationForms(t *testing.T) {
	tests := []struct {
		name, js string
		subjects []string // listener subjects
	}{
		{"ADC", svcDecl(appItems), []string{"/T/A/s"}},
		{"AS3 request", `{"class": "AS3", "action": "deploy", "persist": true, "declaration": ` + svcDecl(appItems) + `}`, []string{"/T/A/s"}},
		{"array of requests", `[{"class": "AS3", "declaration": ` + svcDecl(appItems) + `},
		  {"class": "AS3", "declaration": ` + strings.ReplaceAll(svcDecl(appItems), `"T"`, `"U"`) + `}]`, []string{"/T/A/s", "/U/A/s"}},
		{"tenants without ADC class", `{"T": {"class": "Tenant", "A": {"class": "Application", ` + appItems + `}}}`, []string{"/T/A/s"}},
		{"per-application body", `{"schemaVersion": "3.50.0", "A": {"class": "Application", ` + appItems + `}}`, []string{"A/s"}},
		{"retrieve request", `{"class": "AS3", "action": "retrieve"}`, nil},
		{"declaration by URL", `{"class": "AS3", "declaration": "https://git.example.com/decl.json"}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := loadJSON(t, tt.js, nil)
			noDiags(t, m)
			var got []string
			for _, l := range m.Listeners {
				got = append(got, l.Subject)
			}
			if strings.Join(got, " ") != strings.Join(tt.subjects, " ") {
				t.Errorf("listeners %v, want %v", got, tt.subjects)
			}
		})
	}
}

func TestPerApplicationPointers(t *testing.T) {
	js := `{"schemaVersion": "3.50.0",
  "A": {"class": "Application",
    "s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "redirect80": false,
      "serverTLS": "/Tenant1/A/tls", "clientTLS": {"use": "/Common/Shared/backend"}, "pool": "p"},
    "tls": {"class": "TLS_Server", "certificates": [{"certificate": "c"}]},
    "c": {"class": "Certificate", "certificate": {"bigip": "/Common/default.crt"}},
    "p": {"class": "Pool", "members": [{"servicePort": 443, "serverAddresses": ["10.0.1.1"]}]}
  }}`
	m := loadJSON(t, js, nil)
	noDiags(t, m)
	l := listener(t, m, "A/s")
	if l.Profile != "A/tls" || l.Incomplete || len(l.Certs) != 1 {
		t.Errorf("profile %s incomplete %v", l.Profile, l.Incomplete)
	}
	// /Common/Shared lives in another declaration: unknown, not an error.
	if u := upstream(t, m, "A/s > pool A/p"); !u.TLS || !u.Incomplete {
		t.Errorf("upstream tls %v incomplete %v", u.TLS, u.Incomplete)
	}
}

// TestInvalidValues checks the values AS3's schema validation rejects:
// each is a TL001 at its property, saying what was expected.
func TestInvalidValues(t *testing.T) {
	tests := []struct {
		name, items, needle, msg string
	}{
		{"string port", `"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "virtualPort": "443"}`,
			`"virtualPort"`, `"virtualPort" is a string: expected an integer from 0 to 65535`},
		{"port out of range", `"s": {"class": "Service_HTTP", "virtualAddresses": ["10.0.0.1"], "virtualPort": 70000}`,
			`"virtualPort"`, "invalid virtualPort 70000: expected an integer from 0 to 65535"},
		{"no addresses", `"s": {"class": "Service_HTTP"}`,
			`"s": {`, "Service_HTTP /T/A/s has no virtualAddresses"},
		{"TCP without port", `"s": {"class": "Service_TCP", "virtualAddresses": ["10.0.0.1"]}`,
			`"s": {`, "Service_TCP /T/A/s has no virtualPort"},
		{"serverTLS on HTTP", `"s": {"class": "Service_HTTP", "virtualAddresses": ["10.0.0.1"], "serverTLS": {"bigip": "/Common/clientssl"}}`,
			`"serverTLS"`, "Service_HTTP cannot have serverTLS"},
		{"clientTLS on L4", `"s": {"class": "Service_L4", "virtualAddresses": ["10.0.0.1"], "virtualPort": 443, "pool": "p", "clientTLS": {"bigip": "/Common/serverssl"}},
      "p": {"class": "Pool", "members": [{"servicePort": 443, "serverAddresses": ["10.0.1.1"]}]}`,
			`"clientTLS"`, "Service_L4 cannot have clientTLS"},
		{"flag not boolean", `"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "serverTLS": "t"},
      "t": {"class": "TLS_Server", "certificates": [{"certificate": "c"}], "tls1_0Enabled": "false"},
      "c": {"class": "Certificate", "certificate": {"bigip": "/Common/default.crt"}}`,
			`"tls1_0Enabled"`, `"tls1_0Enabled" is a string: expected true or false`},
		{"empty pointer", `"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "serverTLS": ""}`,
			`"serverTLS"`, `"serverTLS" is an empty string: expected an AS3 pointer`},
		{"no certificates", `"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "serverTLS": "t"},
      "t": {"class": "TLS_Server", "certificates": []}`,
			`"certificates"`, "TLS_Server /T/A/t has no certificates"},
		{"member without port", `"s": {"class": "Service_HTTP", "virtualAddresses": ["10.0.0.1"], "pool": "p"},
      "p": {"class": "Pool", "members": [{"serverAddresses": ["10.0.1.1"]}]}`,
			`{"serverAddresses"`, "pool member 0 of /T/A/p has no servicePort"},
		{"fqdn member without hostname", `"s": {"class": "Service_HTTP", "virtualAddresses": ["10.0.0.1"], "pool": "p"},
      "p": {"class": "Pool", "members": [{"servicePort": 80, "addressDiscovery": "fqdn"}]}`,
			`"addressDiscovery"`, `an fqdn pool member needs "hostname"`},
		{"address not a string", `"s": {"class": "Service_HTTP", "virtualAddresses": [10]}`,
			`10]`, "virtualAddresses[0] is a number: expected an IP address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js := svcDecl(tt.items)
			m := loadJSON(t, js, nil)
			wantDiag(t, m, "TL001", lc(t, js, tt.needle), tt.msg)
			if len(m.Findings) != 1 {
				t.Errorf("findings %v", diags(m))
			}
		})
	}
}

func TestMalformedJSON(t *testing.T) {
	js := "{\n  \"class\": \"ADC\",\n  \"T\": {\"class\": \"Tenant\"\n  \"A\": {}\n}"
	m := loadJSON(t, js, nil)
	if len(m.Findings) != 1 || len(m.Listeners) != 0 {
		t.Fatalf("findings %v", diags(m))
	}
	f := m.Findings[0]
	if f.Rule != "TL001" || at(f.Pos) != "4:3" || f.Message != `invalid JSON: unexpected "\"": expected ',' or '}' after the value of "class"` {
		t.Errorf("%s %s %s", f.Rule, at(f.Pos), f.Message)
	}
	if f.Pos.File != "decl.json" || m.Source("decl.json") == nil {
		t.Errorf("finding file %q", f.Pos.File)
	}
}

func TestNotAS3(t *testing.T) {
	for _, js := range []string{`{"name": "tlslint", "version": "1.0.0"}`, `[]`, `"ADC"`, `{"class": "Tenant"}`} {
		m := loadJSON(t, js, nil)
		if len(m.Findings) != 1 || m.Findings[0].Rule != "TL001" || !strings.Contains(m.Findings[0].Message, "not an AS3 declaration") ||
			at(m.Findings[0].Pos) != "1:1" {
			t.Errorf("%s: findings %v", js, diags(m))
		}
	}
}

func TestLoadModelFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "decl.json")
	if err := os.WriteFile(path, []byte(svcDecl(appItems)), 0o644); err != nil {
		t.Fatal(err)
	}
	m := lint.NewModel()
	opts := &Options{Display: func(abs string) string { return "shown/" + filepath.Base(abs) }}
	if err := LoadModel(m, path, opts); err != nil {
		t.Fatal(err)
	}
	src := m.Source("shown/decl.json")
	if src == nil || src.Path != path || len(m.Listeners) != 1 || m.Listeners[0].Pos.File != "shown/decl.json" {
		t.Fatalf("sources %v listeners %d", m.Sources, len(m.Listeners))
	}
	if err := LoadModel(m, filepath.Join(dir, "missing.json"), nil); err == nil {
		t.Error("a missing file should be an error")
	}
	if err := LoadModel(m, dir, nil); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
	// standard input has no path to write fixes to
	m2 := lint.NewModel()
	if err := LoadModelBytes(m2, "<stdin>", []byte(svcDecl(appItems)), nil); err != nil || m2.Source("<stdin>").Path != "" {
		t.Errorf("LoadModelBytes: %v", err)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"ADC", `{"class": "ADC", "schemaVersion": "3.0.0"}`, true},
		{"AS3 with BOM and spaces", "\xef\xbb\xbf\n  {\"class\":\"AS3\",\"declaration\":{}}", true},
		{"array of requests", `[{"class": "AS3"}]`, true},
		{"per-application", `{"schemaVersion": "3.50.0", "app": {"class":  "Application"}}`, true},
		{"other JSON", `{"name": "tlslint", "class": "library"}`, false},
		{"nginx", "http {\n  server { listen 443 ssl; }\n}\n", false},
		{"nginx mentioning AS3", "# \"class\": \"ADC\"\nserver { listen 80; }\n", false},
		{"tmsh", "ltm virtual /Common/vs {\n    destination /Common/10.0.0.1:443\n}\n", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestRealDeclarations loads F5's example declarations and a real one
// from the corpus: AS3 accepts them all, so tlslint must read them without
// TL001 or TL002.
func TestRealDeclarations(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(examplesDir(t), "*.json"))
	if len(files) != 10 {
		t.Fatalf("%d examples, want 10", len(files))
	}
	files = append(files, filepath.Join(corpusDir(t), "bigip", "f5devcentral__f5-automation-config-converter",
		"test__engines__as3Converter__tls_server__tls_server.json"))
	want := map[string]int{ // listeners, upstreams
		"example-client-and-server-tls-profile-in-one-declaration.json": 2,
		"example-http-https-one-declaration.json":                       3,
		"example-matchtosni-with-tls-server-profile.json":               3,
		"example-multiple-ssl-tls-certs-in-one-profile.json":            3,
		"example-reference-ssl-cert-and-key-in-common.json":             2,
		"example-serverssl-use-sni.json":                                1,
		"example-tls-client-and-server-advanced-settings.json":          2,
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if !Detect(data) {
				t.Error("Detect = false")
			}
			m := lint.NewModel()
			if err := LoadModel(m, f, nil); err != nil {
				t.Fatal(err)
			}
			noDiags(t, m)
			if n := want[filepath.Base(f)]; len(m.Listeners) != n {
				t.Errorf("%d listeners, want %d", len(m.Listeners), n)
			}
			for _, l := range m.Listeners {
				if l.TLS() && (l.Incomplete || len(l.Certs) == 0) {
					t.Errorf("%s (%s): incomplete %v certs %d", l.Subject, l.Profile, l.Incomplete, len(l.Certs))
				}
			}
		})
	}
}
