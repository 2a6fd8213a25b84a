package cli

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// copyTree copies a fixture into a temporary directory.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, _ := d.Info()
		return os.WriteFile(filepath.Join(dst, rel), data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func runIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb strings.Builder
	code := Main(args, Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }, Cwd: dir})
	return code, out.String(), errb.String()
}

func TestDiffAppliesWithGitAndPatch(t *testing.T) {
	dir := copyTree(t, filepath.Join(repoRoot(t), "fixtures/nginx/broken-proxy"))
	before := snapshot(t, dir)
	code, diff, errs := runIn(t, dir, now, "--diff", "nginx.conf")
	if code != 1 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"--- a/conf.d/app.conf", "+++ b/conf.d/app.conf", "-        proxy_pass https://reports.internal.example.com:80/;",
		"+        proxy_pass https://reports.internal.example.com:443/;", "+        proxy_ssl_server_name on;", "-    ssl on;"} {
		if !strings.Contains(diff, want) {
			t.Errorf("diff lacks %q:\n%s", want, diff)
		}
	}
	if strings.Contains(diff, "TLSv1.2;") {
		t.Error("--diff without --unsafe-fixes shows an unsafe fix (dropping TLSv1)")
	}
	if after := snapshot(t, dir); after != before {
		t.Error("--diff changed files")
	}
	patch := filepath.Join(t.TempDir(), "fix.patch")
	if err := os.WriteFile(patch, []byte(diff), 0o644); err != nil {
		t.Fatal(err)
	}
	if git, err := exec.LookPath("git"); err == nil {
		if out, err := exec.Command(git, "-C", dir, "apply", "--check", patch).CombinedOutput(); err != nil {
			t.Errorf("git apply --check: %v\n%s", err, out)
		}
	}
	if p, err := exec.LookPath("patch"); err == nil {
		if out, err := exec.Command(p, "-d", dir, "-p1", "--dry-run", "-i", patch).CombinedOutput(); err != nil {
			t.Errorf("patch -p1 --dry-run: %v\n%s", err, out)
		}
	}
}

func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			b.WriteString(p + "\x00" + string(data) + "\x00")
		}
		return nil
	})
	return b.String()
}

func TestFixWritesAndRelints(t *testing.T) {
	dir := copyTree(t, filepath.Join(repoRoot(t), "fixtures/nginx/broken-proxy"))
	if err := os.Chmod(filepath.Join(dir, "conf.d/app.conf"), 0o640); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runIn(t, dir, now, "--roots", filepath.Join(repoRoot(t), "fixtures/certs/test-root.pem"), "--no-system-roots", "--fix", "nginx.conf")
	if code != 1 || !strings.Contains(errs, "tlslint: applied ") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	app, _ := os.ReadFile(filepath.Join(dir, "conf.d/app.conf"))
	for _, want := range []string{"proxy_pass https://reports.internal.example.com:443/;", "proxy_pass https://10.0.3.5:443;", "grpc_ssl_server_name on;"} {
		if !strings.Contains(string(app), want) {
			t.Errorf("app.conf after --fix lacks %q:\n%s", want, app)
		}
	}
	tls, _ := os.ReadFile(filepath.Join(dir, "snippets/tls.conf"))
	if !strings.Contains(string(tls), "certs/live/app.example.com/fullchain.pem") {
		t.Errorf("TL301's fix (serve fullchain.pem) not applied:\n%s", tls)
	}
	if st, _ := os.Stat(filepath.Join(dir, "conf.d/app.conf")); st.Mode().Perm() != 0o640 {
		t.Errorf("file mode not kept: %v", st.Mode())
	}
	for _, gone := range []string{"TL101 upstream-tls-to-plain-port: proxy_pass opens TLS to reports", "TL211", "TL301"} {
		if strings.Contains(out, gone) {
			t.Errorf("the output after --fix still reports %q", gone)
		}
	}
	if !strings.Contains(out, "TL204") {
		t.Error("--fix applied an unsafe fix (TL204)")
	}
	// a second run has nothing safe left to apply
	if _, _, errs := runIn(t, dir, now, "--fix", "nginx.conf"); strings.Contains(errs, "applied") {
		t.Errorf("second --fix applied more: %q", errs)
	}
	// --unsafe-fixes drops the legacy protocols too
	if _, _, errs := runIn(t, dir, now, "--unsafe-fixes", "nginx.conf"); !strings.Contains(errs, "applied") {
		t.Errorf("--unsafe-fixes applied nothing: %q", errs)
	}
	main, _ := os.ReadFile(filepath.Join(dir, "nginx.conf"))
	if !strings.Contains(string(main), "ssl_protocols TLSv1.2;") {
		t.Errorf("unsafe TL204 fix not applied:\n%s", main)
	}
	for _, e := range mustGlob(t, filepath.Join(dir, "*", ".*tlslint-*")) {
		t.Errorf("temporary file left behind: %s", e)
	}
}

func mustGlob(t *testing.T, pattern string) []string {
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFixFlagsExclude(t *testing.T) {
	if code, _, errs := run(t, "", nil, "--fix", "--diff", "fixtures/nginx/broken-proxy"); code != 2 || !strings.Contains(errs, "exclude each other") {
		t.Errorf("exit %d %q", code, errs)
	}
}
