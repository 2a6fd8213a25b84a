package cli

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

var update = flag.Bool("update", false, "rewrite golden files and generated docs")

// repoRoot is the checkout, so that paths print as in the README.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", "..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func run(t *testing.T, stdin string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] }, Cwd: repoRoot(t)})
	return code, out.String(), errb.String()
}

const now = "--now=2026-06-01T00:00:00Z"

// roots makes certificate checks independent of the machine's trust store.
var roots = []string{"--roots", "fixtures/certs/test-root.pem", "--no-system-roots"}

func withRoots(args ...string) []string { return append(append([]string{}, roots...), args...) }

func golden(t *testing.T, path, got string) {
	t.Helper()
	path = filepath.Join(repoRoot(t), path)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/tlslint/internal/cli -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output (go test ./cmd/tlslint/internal/cli -update, then review the diff):\n--- got ---\n%s", path, got)
	}
}

func TestFixtureGoldens(t *testing.T) {
	cases := []struct {
		golden string
		code   int
		args   []string
	}{
		{"fixtures/nginx/broken-proxy/expected.txt", 1, withRoots(now, "fixtures/nginx/broken-proxy")},
		{"fixtures/nginx/broken-proxy/expected.json", 1, withRoots("fixtures/nginx/broken-proxy", "--format", "json", now)},
		{"fixtures/nginx/broken-proxy/expected.sarif", 1, withRoots("fixtures/nginx/broken-proxy", "--format", "sarif", now)},
		{"fixtures/nginx/mozilla-intermediate/expected.txt", 0, withRoots(now, "fixtures/nginx/mozilla-intermediate")},
		{"fixtures/nginx/ansible-vhost/expected.txt", 1, withRoots(now, "fixtures/nginx/ansible-vhost/shop.example.com.conf")},
		{"fixtures/as3/expected.txt", 1, withRoots(now, "fixtures/as3/app.json")},
		{"fixtures/cross-tier/expected.txt", 1, withRoots(now, "--clients", "modern", "fixtures/cross-tier/bigip.conf", "fixtures/cross-tier/nginx/nginx.conf")},
		{"fixtures/bigip/multi-partition/expected.txt", 1, []string{now, "--no-system-roots", "--roots", "fixtures/bigip/multi-partition/roots.pem", "fixtures/bigip/multi-partition"}},
		{"fixtures/bigip/multi-partition/expected.json", 1, []string{now, "--no-system-roots", "--roots", "fixtures/bigip/multi-partition/roots.pem", "--format", "json", "fixtures/bigip/multi-partition"}},
		{"fixtures/as3/expected.json", 1, withRoots(now, "--format", "json", "fixtures/as3/app.json")},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			code, out, errs := run(t, "", nil, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, c.code, errs)
			}
			// SARIF names the checkout directory (originalUriBaseIds): keep goldens machine-independent
			golden(t, c.golden, strings.ReplaceAll(out, filepath.ToSlash(repoRoot(t)), "/ROOT"))
			// same input, byte-identical output
			if _, again, _ := run(t, "", nil, c.args...); again != out {
				t.Error("output is not deterministic")
			}
		})
	}
}

func TestStdinFragment(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures/nginx/ansible-vhost/shop.example.com.conf"))
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, string(src), nil, now, "--stdin-filename", "rendered/shop.conf", "-")
	if code != 1 || !strings.Contains(out, "rendered/shop.conf:13:9: warning TL103") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestExitCodes(t *testing.T) {
	cases := []struct {
		name string
		code int
		args []string
		err  string
	}{
		{"clean", 0, withRoots(now, "fixtures/nginx/mozilla-intermediate"), ""},
		{"bad roots", 2, []string{"--roots", "fixtures/nope.pem", "fixtures/nginx/mozilla-intermediate"}, "--roots"},
		{"fail-on never", 0, []string{now, "--fail-on", "never", "fixtures/nginx/broken-proxy"}, ""},
		{"fail-on error with warnings only", 0, []string{now, "--fail-on=error", "fixtures/nginx/ansible-vhost/shop.example.com.conf"}, ""},
		{"disable", 0, []string{now, "--disable", "TL1", "fixtures/nginx/ansible-vhost/shop.example.com.conf"}, ""},
		{"enable only", 1, []string{now, "--enable", "upstream-sni-missing", "fixtures/nginx/ansible-vhost/shop.example.com.conf"}, ""},
		{"missing path", 2, []string{"fixtures/nope"}, "fixtures/nope: no such file or directory"},
		{"no path", 2, nil, "no PATH given"},
		{"bad flag", 2, []string{"--bogus", "x"}, "flag provided but not defined: -bogus"},
		{"bad format", 2, []string{"--format", "xml", "fixtures/nginx/broken-proxy"}, `--format "xml"`},
		{"bad selector", 2, []string{"--disable", "TL999", "fixtures/nginx/broken-proxy"}, `"TL999" matches no rule`},
		{"bad version", 2, []string{"--nginx-version", "one", "fixtures/nginx/broken-proxy"}, "--nginx-version"},
		{"bad map", 2, []string{"--map", "relative=x", "fixtures/nginx/broken-proxy"}, "--map"},
		{"bad now", 2, []string{"--now", "yesterday", "fixtures/nginx/broken-proxy"}, "RFC 3339"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := run(t, "", nil, c.args...)
			if code != c.code || !strings.Contains(errs, c.err) {
				t.Errorf("exit %d stderr %q, want %d and %q", code, errs, c.code, c.err)
			}
		})
	}
}

func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "tlslint.hcl")
	write := func(s string) {
		if err := os.WriteFile(cfg, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("nginx_version = \"1.28\"\nrule \"TL105\" { enabled = false }\nrule \"TL103\" { severity = \"info\" }\n")
	code, out, errs := run(t, "", nil, now, "--config", cfg, "fixtures/nginx/ansible-vhost/shop.example.com.conf")
	if code != 0 || strings.Contains(out, "TL105") || !strings.Contains(out, "info TL103") {
		t.Errorf("config not applied: exit %d stderr %q\n%s", code, errs, out)
	}
	write("nginx_version = \"1.22\"\nbogus = 1\n")
	code, _, errs = run(t, "", nil, "--config", cfg, "fixtures/nginx/broken-proxy")
	if code != 2 || !strings.Contains(errs, "tlslint.hcl:2") {
		t.Errorf("unknown key: exit %d stderr %q", code, errs)
	}
}

func TestFlagsAfterPaths(t *testing.T) {
	code, out, _ := run(t, "", nil, "fixtures/nginx/ansible-vhost/shop.example.com.conf", "--format", "json", now)
	if code != 1 || !strings.HasPrefix(out, "{") {
		t.Errorf("exit %d, output %q", code, out)
	}
}

func TestColour(t *testing.T) {
	var out bytes.Buffer
	args := []string{now, "fixtures/nginx/ansible-vhost/shop.example.com.conf"}
	Main(args, Env{Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }, IsTTY: true, Cwd: repoRoot(t)})
	if !strings.Contains(out.String(), "\x1b[") {
		t.Error("no colour on a TTY")
	}
	out.Reset()
	Main(args, Env{Stdout: &out, Stderr: &out, Getenv: func(k string) string {
		if k == "NO_COLOR" {
			return "1"
		}
		return ""
	}, IsTTY: true, Cwd: repoRoot(t)})
	if strings.Contains(out.String(), "\x1b[") {
		t.Error("colour despite NO_COLOR")
	}
}

func TestRulesAndExplain(t *testing.T) {
	code, out, _ := run(t, "", nil, "rules", "--format", "json")
	if code != 0 || !strings.Contains(out, `"id": "TL101"`) {
		t.Errorf("rules: %d %s", code, out)
	}
	code, out, _ = run(t, "", nil, "explain", "upstream-tls-to-plain-port")
	if code != 0 || !strings.HasPrefix(out, "# TL101 upstream-tls-to-plain-port") || !strings.Contains(out, "## How to fix") {
		t.Errorf("explain: %d %s", code, out)
	}
	if code, _, _ := run(t, "", nil, "explain", "TL999"); code != 2 {
		t.Errorf("explain of an unknown rule: exit %d", code)
	}
}

// TestDocs keeps docs/rules/*.md and README.md's rule table generated from
// the rule metadata (go test ./cmd/tlslint/internal/cli -run TestDocs -update).
func TestDocs(t *testing.T) {
	root := repoRoot(t)
	for _, r := range lint.Rules() {
		var b bytes.Buffer
		WriteRulePage(&b, r)
		golden(t, filepath.Join("docs", "rules", r.ID+".md"), b.String())
	}
	var table bytes.Buffer
	WriteRuleTable(&table)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"
	s := string(readme)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q … %q markers", begin, end)
	}
	want := s[:i+len(begin)] + table.String() + s[j:]
	if want != s {
		if *update {
			if err := os.WriteFile(filepath.Join(root, "README.md"), []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Error("README.md's rule table is stale: go test ./cmd/tlslint/internal/cli -run TestDocs -update")
	}
}

// TestNoKeyMaterial: private keys the fixtures serve never appear in any
// output format, as PEM, base64 or hex.
func TestNoKeyMaterial(t *testing.T) {
	root := repoRoot(t)
	var secrets []string
	keys, _ := filepath.Glob(filepath.Join(root, "fixtures/nginx/*/certs/*.key"))
	more, _ := filepath.Glob(filepath.Join(root, "fixtures/nginx/*/certs/live/*/privkey.pem"))
	for _, k := range append(keys, more...) {
		data, err := os.ReadFile(k)
		if err != nil {
			t.Fatal(err)
		}
		block, _ := pem.Decode(data)
		if block == nil {
			t.Fatalf("%s: no PEM key", k)
		}
		b64 := base64.StdEncoding.EncodeToString(block.Bytes)
		secrets = append(secrets, b64[20:60], hex.EncodeToString(block.Bytes[10:40]))
		for _, line := range strings.Split(string(data), "\n") {
			if len(line) > 40 && !strings.HasPrefix(line, "-----") {
				secrets = append(secrets, line)
			}
		}
	}
	if len(secrets) < 4 {
		t.Fatal("no fixture keys found")
	}
	for _, format := range []string{"text", "json", "sarif", "github"} {
		_, out, errs := run(t, "", nil, withRoots(now, "--format", format, "fixtures/nginx/broken-proxy", "fixtures/nginx/mozilla-intermediate")...)
		for _, s := range secrets {
			if strings.Contains(out, s) || strings.Contains(errs, s) {
				t.Errorf("%s output contains private key material %q", format, s)
			}
		}
	}
}

func TestCiphersAndClients(t *testing.T) {
	code, out, _ := run(t, "", nil, "ciphers", "ECDHE+AESGCM:!aNULL")
	if code != 0 || !strings.HasPrefix(out, "TLS_AES_256_GCM_SHA384         TLSv1.3 Kx=any") || !strings.Contains(out, "ECDHE-RSA-AES128-GCM-SHA256") {
		t.Errorf("ciphers: %d\n%s", code, out)
	}
	if code, _, errs := run(t, "", nil, "ciphers", "NOTHING-AT-ALL"); code != 2 || !strings.Contains(errs, "no cipher match") {
		t.Errorf("ciphers with nothing left: %d %q", code, errs)
	}
	code, out, _ = run(t, "", nil, "ciphers", "--bigip-version", "17.1", "ecdhe:rsa:!sslv3:!rc4:!exp:!des")
	if code != 0 || !strings.Contains(out, "ECDHE-RSA-AES256-GCM-SHA384") || strings.Contains(out, "ECDHE-ECDSA") {
		t.Errorf("BIG-IP ciphers (F5's ECDHE is ECDHE_RSA only): %d\n%s", code, out)
	}
	// The default 3.0 build has no RC4 or 3DES (nginx would refuse
	// "RC4-SHA:DES-CBC3-SHA" with "no cipher match"); --openssl-build
	// brings them, as `openssl ciphers` on such a build.
	if code, _, errs := run(t, "", nil, "ciphers", "RC4-SHA:DES-CBC3-SHA"); code != 2 || !strings.Contains(errs, "no cipher match") {
		t.Errorf("RC4 and 3DES on the default build: %d %q", code, errs)
	}
	code, out, errs := run(t, "", nil, "ciphers", "--openssl-build", "weak-ciphers,legacy-provider", "RC4-SHA:DES-CBC3-SHA:SEED-SHA")
	if code != 0 || !strings.Contains(out, "\nRC4-SHA ") || !strings.Contains(out, "\nDES-CBC3-SHA ") || !strings.Contains(out, "\nSEED-SHA ") || errs != "" {
		t.Errorf("ciphers on a build with weak ciphers and the legacy provider: %d\n%s%s", code, out, errs)
	}
	code, out, errs = run(t, "", nil, "ciphers", "AES128-SHA:RC4-SHA:AES128-SAH:!EXPORT", "--openssl-build", "weak-ciphers")
	if code != 0 || strings.Contains(out, "RC4") || !strings.Contains(errs, "no suite matches AES128-SAH") || !strings.Contains(errs, "weak-ciphers build: RC4-SHA\n") {
		t.Errorf("absent and unknown names: %d\n%s%s", code, out, errs)
	}
	if code, _, errs := run(t, "", nil, "ciphers", "--openssl-build", "rc4", "HIGH"); code != 2 || !strings.Contains(errs, `unknown option "rc4"`) {
		t.Errorf("bad --openssl-build: %d %q", code, errs)
	}
	conf := "events {}\nhttp { server { listen 443 ssl; ssl_certificate a.pem; ssl_certificate_key a.key; ssl_ciphers HIGH; } }\n"
	if code, _, errs := run(t, conf, nil, "--openssl-build", "weak", "-"); code != 2 || !strings.Contains(errs, "--openssl-build") {
		t.Errorf("lint with a bad --openssl-build: %d %q", code, errs)
	}
	if code, _, errs := run(t, conf, nil, "--openssl-build", "weak-ciphers", "--fail-on", "never", "-"); code != 0 {
		t.Errorf("lint with --openssl-build weak-ciphers: %d %q", code, errs)
	}
	code, out, _ = run(t, "", nil, "clients", "intermediate")
	if code != 0 || !strings.Contains(out, "Android 4.4.2") || strings.Count(out, "\n") != 11 {
		t.Errorf("clients intermediate: %d\n%s", code, out)
	}
}

// TestUCSArchive: a UCS built from the multi-partition fixture gives the
// same findings as the directory, with files named "x.ucs!member" and the
// certificates read from inside the archive.
func TestUCSArchive(t *testing.T) {
	root := repoRoot(t)
	src := filepath.Join(root, "fixtures/bigip/multi-partition")
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.Contains(p, "/config/") {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Name: filepath.ToSlash(rel), Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			return err
		}
		_, err = tw.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	tw.Close()
	gz.Close()
	ucs := filepath.Join(t.TempDir(), "backup.ucs")
	if err := os.WriteFile(ucs, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{now, "--no-system-roots", "--roots", "fixtures/bigip/multi-partition/roots.pem", "--format", "json"}
	_, dirOut, _ := run(t, "", nil, append(args, "fixtures/bigip/multi-partition")...)
	code, ucsOut, errs := run(t, "", nil, append(args, ucs)...)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rules := func(out string) []string {
		var doc struct {
			Findings []struct{ Rule, File string }
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		var rs []string
		for _, f := range doc.Findings {
			rs = append(rs, f.Rule)
		}
		sort.Strings(rs)
		return rs
	}
	if d, u := rules(dirOut), rules(ucsOut); strings.Join(d, " ") != strings.Join(u, " ") {
		t.Errorf("directory findings %v, archive findings %v", d, u)
	}
	if !strings.Contains(ucsOut, `backup.ucs!config/partitions/Prod/bigip.conf"`) {
		t.Errorf("archive members are not named x.ucs!member:\n%.600s", ucsOut)
	}
}
