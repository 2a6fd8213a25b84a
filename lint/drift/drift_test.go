package drift_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tlslint/tlslint/fixtures/pki"
	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/drift"
	"github.com/tlslint/tlslint/lint/driver"
	"github.com/tlslint/tlslint/lint/offer"
	"github.com/tlslint/tlslint/lint/report"
)

// pkiDir writes a root, an issuing CA and two renewals of one server
// certificate (other serials and dates, same issuer, key type and names),
// plus a leaf for other names, into dir.
func pkiDir(t *testing.T, dir string) {
	t.Helper()
	p := pki.NewIssuer("drift test", 100)
	root := p.CA("Drift Test Root", nil)
	inter := p.CA("Drift Test Issuing CA", root)
	a := p.Leaf([]string{"app.example.com", "www.app.example.com"}, p.ECKey(), inter, time.Time{})
	b := p.Leaf([]string{"www.app.example.com", "app.example.com"}, p.ECKey(), inter, time.Date(2120, 1, 1, 0, 0, 0, 0, time.UTC))
	o := p.Leaf([]string{"other.example.com"}, p.ECKey(), inter, time.Time{})
	s := p.Leaf([]string{"app.staging.example.com", "www.app.staging.example.com"}, p.ECKey(), inter, time.Time{})
	p.Write(filepath.Join(dir, "root.pem"), root)
	p.Write(filepath.Join(dir, "a.pem"), a, inter)
	p.WriteKey(filepath.Join(dir, "a.key"), a)
	p.Write(filepath.Join(dir, "b.pem"), b, inter)
	p.WriteKey(filepath.Join(dir, "b.key"), b)
	p.Write(filepath.Join(dir, "other.pem"), o, inter)
	p.WriteKey(filepath.Join(dir, "other.key"), o)
	p.Write(filepath.Join(dir, "staging.pem"), s, inter)
	p.WriteKey(filepath.Join(dir, "staging.key"), s)
	p.Write(filepath.Join(dir, "leafonly.pem"), a)
	e := p.Leaf([]string{"app.example.com", "www.app.example.com"}, p.ECKey(), inter, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	p.Write(filepath.Join(dir, "expired.pem"), e, inter)
	p.WriteKey(filepath.Join(dir, "expired.key"), e)
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
}

// tree writes files (name → content, "@" replaced by the PKI directory).
func tree(t *testing.T, dir, pkiPath string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.ReplaceAll(content, "@", pkiPath)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func load(t *testing.T, name, dir, pkiPath string, hmap map[string]string) *drift.Env {
	t.Helper()
	tg := lint.DefaultTarget()
	tg.Now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	m, tt, err := driver.Load([]string{filepath.Join(dir, "nginx.conf")}, &driver.Options{Target: tg, Cwd: dir,
		Roots: []string{filepath.Join(pkiPath, "root.pem")}, NoSystemRoots: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Findings {
		if f.Rule == lint.ParseErrorRule || f.Rule == lint.UnresolvedRule {
			t.Fatalf("%s: %s %s", name, f.Pos, f.Message)
		}
	}
	return &drift.Env{Name: name, Model: m, Book: offer.New(m, tt), HostnameMap: hmap}
}

const base = `events {}
http {
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256;
    ssl_prefer_server_ciphers on;
    server {
        listen 443 ssl;
        server_name app.example.com www.app.example.com;
        ssl_certificate @/a.pem;
        ssl_certificate_key @/a.key;
        location / {
            proxy_pass https://backend.internal;
            proxy_ssl_verify on;
            proxy_ssl_trusted_certificate @/root.pem;
        }
    }
}
`

// TestCosmeticIsNoDrift: the same behaviour written differently is no
// drift (RULES.md TL401), and each control has a twin that really differs
// and must be found, so the silence is not an accident.
func TestCosmeticIsNoDrift(t *testing.T) {
	pkiPath := t.TempDir()
	pkiDir(t, pkiPath)
	cases := []struct {
		name  string
		files map[string]string
		hmap  map[string]string
		drift string // "" = no drift; else a fragment of the TL401 message
		line  int    // where the TL401 points (0: not checked)
	}{
		{name: "identical", files: map[string]string{"nginx.conf": base}},
		{name: "reordered, moved to the server, split into an include, versions reversed, ECDHE+AESGCM, default port written, certificate renewed",
			files: map[string]string{
				"nginx.conf": `events {}
http {
    include tls.conf;
    server {
        proxy_ssl_trusted_certificate @/root.pem;
        ssl_certificate_key @/b.key;
        ssl_certificate @/b.pem;
        server_name www.app.example.com app.example.com;
        listen 443 ssl;
        location / {
            proxy_ssl_verify on;
            proxy_pass https://backend.internal:443/;
        }
    }
}
`,
				"tls.conf": "ssl_prefer_server_ciphers on;\nssl_ciphers ECDHE+AESGCM;\nssl_protocols TLSv1.3 TLSv1.2;\n"}},
		{name: "host names mapped",
			hmap: map[string]string{".staging.example.com": ".example.com", "backend.staging.internal": "backend.internal"},
			files: map[string]string{"nginx.conf": strings.NewReplacer("server_name app.example.com www.app.example.com", "server_name app.staging.example.com www.app.staging.example.com",
				"@/a.", "@/staging.", "backend.internal", "backend.staging.internal").Replace(base)}},
		{name: "TLSv1 and TLSv1.1, which OpenSSL 3.0 refuses at security level 2",
			files: map[string]string{"nginx.conf": strings.Replace(base, "ssl_protocols TLSv1.2 TLSv1.3", "ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3", 1)}},
		{name: "client preference makes the suite order no behaviour",
			files: map[string]string{"nginx.conf": strings.NewReplacer("ssl_prefer_server_ciphers on", "ssl_prefer_server_ciphers off").Replace(base)},
			drift: "suite preference"},
		{name: "protocols", line: 3, drift: "production accepts TLSv1.2 TLSv1.3, staging only TLSv1.3: clients that pass production fail in staging",
			files: map[string]string{"nginx.conf": strings.Replace(base, "ssl_protocols TLSv1.2 TLSv1.3", "ssl_protocols TLSv1.3", 1)}},
		{name: "suite order under server preference", drift: "in another order",
			files: map[string]string{"nginx.conf": strings.Replace(base, "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256",
				"ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384", 1)}},
		{name: "certificate names", drift: "lacks app.example.com, www.app.example.com: clients of those names fail hostname verification in staging",
			files: map[string]string{"nginx.conf": strings.NewReplacer("@/a.", "@/other.").Replace(base)}},
		{name: "expired certificate", line: 9, drift: "staging's certificate is expired or not yet valid: every client fails in staging",
			files: map[string]string{"nginx.conf": strings.NewReplacer("@/a.", "@/expired.").Replace(base)}},
		{name: "incomplete chain", line: 9, drift: "staging serves an incomplete chain",
			files: map[string]string{"nginx.conf": strings.Replace(base, "@/a.pem", "@/leafonly.pem", 1)}},
		{name: "upstream port", line: 12, drift: "production connects to backend.internal:443, staging to backend.internal:8443",
			files: map[string]string{"nginx.conf": strings.Replace(base, "https://backend.internal", "https://backend.internal:8443", 1)}},
		{name: "upstream scheme", drift: "production connects with https, staging with http",
			files: map[string]string{"nginx.conf": strings.Replace(base, "https://backend.internal", "http://backend.internal:443", 1)}},
		{name: "upstream verification", line: 13, drift: "production verifies the backend's certificate, staging does not",
			files: map[string]string{"nginx.conf": strings.Replace(base, "proxy_ssl_verify on", "proxy_ssl_verify off", 1)}},
		{name: "PROXY protocol", drift: "PROXY protocol",
			files: map[string]string{"nginx.conf": strings.Replace(base, "listen 443 ssl;", "listen 443 ssl proxy_protocol;", 1)}},
	}
	refDir := t.TempDir()
	tree(t, refDir, pkiPath, map[string]string{"nginx.conf": base})
	ref := load(t, "production", refDir, pkiPath, nil)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tree(t, dir, pkiPath, tc.files)
			res := drift.Compare(ref, load(t, "staging", dir, pkiPath, tc.hmap), report.UnifiedDiff)
			if len(res.Ref) > 0 {
				t.Errorf("findings on the reference: %+v", res.Ref)
			}
			if tc.drift == "" {
				for _, f := range res.Cmp {
					t.Errorf("%s %s: %s\n%s", f.Rule, f.Pos, f.Message, f.Detail)
				}
				return
			}
			if len(res.Cmp) != 1 || res.Cmp[0].Rule != drift.DriftRule || !strings.Contains(res.Cmp[0].Message, tc.drift) {
				for _, f := range res.Cmp {
					t.Logf("%s %s: %s\n%s", f.Rule, f.Pos, f.Message, f.Detail)
				}
				t.Fatalf("want one TL401 saying %q, got %d findings", tc.drift, len(res.Cmp))
			}
			f := res.Cmp[0]
			if !f.Pos.IsValid() || len(f.Related) == 0 || !f.Related[len(f.Related)-1].Pos.IsValid() {
				t.Errorf("finding at %v, related %+v: want a line of each environment", f.Pos, f.Related)
			}
			if tc.line != 0 && int(f.Pos.Line) != tc.line {
				t.Errorf("TL401 at line %d, want %d", f.Pos.Line, tc.line)
			}
			if len(res.Diffs) != 1 || !strings.HasPrefix(res.Diffs[0].Unified, "--- production\n+++ staging\n@@ ") {
				t.Errorf("diffs = %+v", res.Diffs)
			}
		})
	}
}

// TestMissing: objects on one side only are TL402 on the side that has
// them.
func TestMissing(t *testing.T) {
	pkiPath := t.TempDir()
	pkiDir(t, pkiPath)
	a, b := t.TempDir(), t.TempDir()
	tree(t, a, pkiPath, map[string]string{"nginx.conf": base})
	extra := strings.Replace(base, "    server {", `    server {
        listen 8443 ssl;
        server_name other.example.com;
        ssl_certificate @/other.pem;
        ssl_certificate_key @/other.key;
    }
    server {`, 1)
	tree(t, b, pkiPath, map[string]string{"nginx.conf": extra})
	res := drift.Compare(load(t, "production", a, pkiPath, nil), load(t, "staging", b, pkiPath, nil), report.UnifiedDiff)
	if len(res.Ref) != 0 || len(res.Cmp) != 1 {
		t.Fatalf("ref %+v cmp %+v", res.Ref, res.Cmp)
	}
	f := res.Cmp[0]
	if f.Rule != drift.MissingRule || f.Pos.Line != 6 || !strings.Contains(f.Message, "server other.example.com:8443 exists in staging but not in production") {
		t.Errorf("%s %v %s", f.Rule, f.Pos, f.Message)
	}
	// and the other way round
	res = drift.Compare(load(t, "staging", b, pkiPath, nil), load(t, "production", a, pkiPath, nil), report.UnifiedDiff)
	if len(res.Ref) != 1 || len(res.Cmp) != 0 || !strings.Contains(res.Ref[0].Message, "exists in staging but not in production") {
		t.Errorf("reversed: ref %+v cmp %+v", res.Ref, res.Cmp)
	}
}

// TestRegistered: TL401 and TL402 are in the registry with complete
// metadata (the rule pages are generated from it).
func TestRegistered(t *testing.T) {
	for id, sev := range map[string]lint.Severity{drift.DriftRule: lint.Warning, drift.MissingRule: lint.Info} {
		r := lint.Lookup(id)
		if r == nil || r.Severity != sev || r.Why == "" || r.Fix == "" || r.Example == "" || r.Check != nil {
			t.Errorf("%s: %+v", id, r)
		}
	}
}
