package as3_test

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
	"github.com/tlslint/tlslint/parsers/as3"
	_ "github.com/tlslint/tlslint/rules"
)

// TestFixtureApp lints fixtures/as3/app.json with every rule: the
// storefront keeps TLS 1.0 (TL204), re-encrypts to port 80 (TL101) without
// verifying the backend (TL105); payments reaches an FQDN pool without SNI
// (TL103, at the clientTLS reference); the status service is clean under every rule. The findings of
// the rules the fixture is about must be exactly these, on the properties
// that cause them; other rules may add findings on the first two
// applications (the storefront's DEFAULT cipher string is weak, TL206).
func TestFixtureApp(t *testing.T) {
	path := filepath.Join("..", "..", "fixtures", "as3", "app.json")
	target := &lint.Target{Nginx: lint.DefaultNginx, OpenSSL: tls.DefaultOpenSSL, BigIP: lint.DefaultBigIP,
		Clients: []string{"intermediate"}, Now: time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC), ExpiryDays: 21}
	m := lint.NewModel()
	if err := as3.LoadModel(m, path, &as3.Options{Target: target, Display: func(string) string { return "app.json" }}); err != nil {
		t.Fatal(err)
	}
	m.BuildSockets()
	src := m.Source("app.json")
	findings := lint.Run(m, target, &lint.RunOptions{})

	// Each expected finding: rule and the text of the line it points at.
	want := []string{
		`TL204 "tls1_0Enabled": true,`,
		`TL105 "validateCertificate": false,`,
		`TL101 "servicePort": 80,`,
		`TL103 "clientTLS": "psp_tls",`, // a default takes effect at the profile reference (RULES.md)
	}
	about := map[string]bool{"TL101": true, "TL103": true, "TL105": true, "TL204": true}
	var got []string
	seen := map[string]bool{}
	for _, f := range findings {
		if f.Pos.File != "app.json" || !f.Pos.IsValid() {
			t.Errorf("%s without a position in app.json: %s", f.Rule, f.Message)
			continue
		}
		if strings.Contains(f.Subject, "/Shop/Status/") {
			t.Errorf("the status service should be clean: %s %s %s", f.Rule, f.Pos, f.Message)
		}
		k := f.Rule + " " + strings.TrimSpace(src.Line(int(f.Pos.Line)))
		if !about[f.Rule] {
			t.Logf("also: %s %s %s", f.Rule, f.Pos, f.Message)
			continue
		}
		if !seen[k] {
			seen[k] = true
			got = append(got, k)
		}
	}
	sort.Strings(got)
	sort.Strings(want)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("findings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		for _, f := range findings {
			t.Logf("%s %s %s", f.Rule, f.Pos, f.Message)
		}
	}
}
