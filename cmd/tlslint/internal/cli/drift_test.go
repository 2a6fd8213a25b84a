package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var driftRoots = []string{now, "--roots", "fixtures/drift/roots.pem", "--no-system-roots"}

func driftArgs(args ...string) []string {
	return append(append([]string{"drift"}, driftRoots...), args...)
}

// TestDriftGoldens pins the text and JSON output of the drift fixtures:
// nginx ↔ nginx from .tlslint.hcl environments (path_map, hostname_map),
// BIG-IP ↔ BIG-IP and a tier that moved from BIG-IP to nginx from two
// paths. Each tree also holds cosmetic-only differences that must stay
// silent (the goldens show they do).
func TestDriftGoldens(t *testing.T) {
	root := repoRoot(t)
	cases := []struct {
		dir  string
		args []string
		want []string // TL401 subjects, in output order
	}{
		{"fixtures/drift/nginx", []string{"--config", filepath.Join(root, "fixtures/drift/nginx/.tlslint.hcl")},
			[]string{"server www.app.staging.example.com:443 > location /api/", "server shop.staging.example.com:443"}},
		{"fixtures/drift/bigip", []string{"fixtures/drift/bigip/prod", "fixtures/drift/bigip/staging"},
			[]string{"/Common/vs_api", "/Common/vs_app > pool /Common/app_pool"}},
		{"fixtures/drift/migration", []string{"fixtures/drift/migration/bigip", "fixtures/drift/migration/nginx"},
			[]string{"server api.example.com:443 > location /", "server app.example.com:443 > location /", "server api.example.com:443"}},
	}
	for _, tc := range cases {
		t.Run(filepath.Base(tc.dir), func(t *testing.T) {
			code, out, errs := run(t, "", nil, driftArgs(tc.args...)...)
			if code != 1 || errs != "" {
				t.Fatalf("exit %d, stderr %q\n%s", code, errs, out)
			}
			golden(t, filepath.Join(tc.dir, "expected.txt"), out)
			code, js, errs := run(t, "", nil, driftArgs(append([]string{"--format", "json"}, tc.args...)...)...)
			if code != 1 || errs != "" {
				t.Fatalf("json: exit %d, stderr %q", code, errs)
			}
			golden(t, filepath.Join(tc.dir, "expected.json"), js)
			var doc struct {
				Findings []struct{ Rule, Subject string }
				Diffs    []struct{ Subject, Unified string }
			}
			if err := json.Unmarshal([]byte(js), &doc); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range doc.Findings {
				if f.Rule == "TL401" {
					got = append(got, f.Subject)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("TL401 subjects:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if len(doc.Diffs) != len(got) {
				t.Fatalf("%d diffs for %d TL401 findings", len(doc.Diffs), len(got))
			}
			for i, d := range doc.Diffs {
				if d.Subject != got[i] || !strings.Contains(d.Unified, "\n@@ -") {
					t.Errorf("diff %d: %q %q", i, d.Subject, d.Unified)
				}
			}
			// deterministic: the same input gives the same bytes
			if _, again, _ := run(t, "", nil, driftArgs(append([]string{"--format", "json"}, tc.args...)...)...); again != js {
				t.Error("a second run printed other JSON")
			}
		})
	}
}

// TestDriftBase: --base makes another environment the reference; the
// findings then point into the other tree, and the message turns round.
func TestDriftBase(t *testing.T) {
	cfg := filepath.Join(repoRoot(t), "fixtures/drift/nginx/.tlslint.hcl")
	code, out, errs := run(t, "", nil, driftArgs("--config", cfg, "--base", "staging", "--format", "json")...)
	if code != 1 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var doc struct {
		Findings []struct{ Rule, Message, File string }
		Diffs    []struct{ Unified string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range doc.Findings {
		if f.Rule == "TL401" && f.File == "fixtures/drift/nginx/prod/conf.d/shop.conf" &&
			strings.Contains(f.Message, "staging accepts TLSv1.2 TLSv1.3, production only TLSv1.3: clients that pass staging fail in production") {
			found = true
		}
	}
	if !found {
		t.Errorf("no TL401 in production's shop.conf saying staging accepts more:\n%s", out)
	}
	if len(doc.Diffs) == 0 || !strings.HasPrefix(doc.Diffs[0].Unified, "--- staging\n+++ production\n") {
		t.Errorf("diffs %+v", doc.Diffs)
	}
}

// TestDriftExitAndErrors: --fail-on, --disable, and the invocations drift
// refuses (exit 2).
func TestDriftExitAndErrors(t *testing.T) {
	bigip := []string{"fixtures/drift/bigip/prod", "fixtures/drift/bigip/staging"}
	if code, out, _ := run(t, "", nil, driftArgs(append([]string{"--fail-on", "error"}, bigip...)...)...); code != 0 || !strings.Contains(out, "TL401") {
		t.Errorf("--fail-on error: exit %d\n%s", code, out)
	}
	code, out, _ := run(t, "", nil, driftArgs(append([]string{"--disable", "TL401", "--format", "json"}, bigip...)...)...)
	if code != 0 || strings.Contains(out, "TL401") || !strings.Contains(out, `"diffs": []`) || !strings.Contains(out, "TL402") {
		t.Errorf("--disable TL401: exit %d\n%s", code, out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"fixtures/drift/bigip/prod"}, "drift takes two paths"},
		{[]string{"fixtures/drift/bigip/prod", "fixtures/drift/bigip/prod"}, "compared with itself"},
		{[]string{"--base", "x", "fixtures/drift/bigip/prod", "fixtures/drift/bigip/staging"}, "--base names an environment"},
		{[]string{"--config", filepath.Join(repoRoot(t), "fixtures/drift/nginx/.tlslint.hcl"), "--base", "qa"}, `--base "qa": no such environment`},
		{[]string{"--diff", "fixtures/drift/bigip/prod", "fixtures/drift/bigip/staging"}, "drift changes nothing"},
		{[]string{"fixtures/drift/bigip/prod", "fixtures/drift/none"}, "environment none: fixtures/drift/none: no such file or directory"},
	} {
		code, out, errs := run(t, "", nil, driftArgs(tc.args...)...)
		if code != 2 || !strings.Contains(errs, tc.want) || out != "" {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, errs, tc.want)
		}
	}
}

func TestEnvNames(t *testing.T) {
	for _, tc := range [][4]string{
		{"envs/prod/nginx.conf", "envs/staging/nginx.conf", "prod", "staging"},
		{"fixtures/drift/bigip/prod", "fixtures/drift/bigip/staging/", "prod", "staging"},
		{"as3/prod.json", "as3/staging.json", "prod", "staging"},
		{"old/backup.ucs", "new/nginx", "old/backup.ucs", "new/nginx"},
		{"a.conf", "b/a.conf", "a", "b/a"},
	} {
		a, b := envNames(tc[0], tc[1])
		if a != tc[2] || b != tc[3] {
			t.Errorf("envNames(%q, %q) = %q, %q; want %q, %q", tc[0], tc[1], a, b, tc[2], tc[3])
		}
	}
}

// TestDriftSuppression: an inline suppression in the compared tree hides
// its TL401 and the diff with it; an unused one is still reported.
func TestDriftSuppression(t *testing.T) {
	dir := copyTree(t, filepath.Join(repoRoot(t), "fixtures/drift/nginx"))
	app := filepath.Join(dir, "staging", "sites-enabled", "app")
	data, err := os.ReadFile(app)
	if err != nil {
		t.Fatal(err)
	}
	marked := strings.Replace(string(data), "        proxy_ssl_verify off;", "        # tlslint:ignore TL401 -- the staging backend's certificate is renewed in OPS-42\n        proxy_ssl_verify off;", 1)
	if err := os.WriteFile(app, []byte(marked), 0o644); err != nil {
		t.Fatal(err)
	}
	roots := filepath.Join(repoRoot(t), "fixtures/drift/roots.pem")
	code, out, errs := runIn(t, dir, "drift", now, "--roots", roots, "--no-system-roots", "--format", "json", "--config", filepath.Join(dir, ".tlslint.hcl"))
	if code != 1 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if strings.Contains(out, "location /api/") || strings.Count(out, `"subject": "server shop.staging.example.com:443"`) != 2 {
		t.Errorf("want only the shop's TL401 and diff:\n%s", out)
	}
}
