package cli

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/fixtures/shared"
)

// runTxn runs tlslint with dir as the working directory.
func runTxn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(append([]string{now, "--no-system-roots"}, args...), Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Cwd: dir})
	return code, out.String(), errb.String()
}

func mkTree(t *testing.T, files map[string]string) string { return shared.Tree(t, files) }

func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Type()&fs.ModeSymlink != 0 {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(b)
		return nil
	})
	return out
}

// a server whose proxy_pass lacks SNI: TL103's safe fix inserts
// proxy_ssl_server_name on
const sniServer = "server {\n    listen 80;\n    server_name %s;\n    location / {\n        proxy_pass https://backend.example.com;\n    }\n}\n"

func sniTree(t *testing.T) string {
	return mkTree(t, map[string]string{
		"nginx.conf":    "events {}\nhttp {\n    include conf.d/*.conf;\n}\n",
		"conf.d/a.conf": strings.Replace(sniServer, "%s", "a.example.com", 1),
		"conf.d/b.conf": strings.Replace(sniServer, "%s", "b.example.com", 1),
	})
}

// A fix editing two files, one of them read-only: exit 2 naming it, and
// neither file changes (the first is not left edited).
func TestFixAllOrNothing(t *testing.T) {
	dir := sniTree(t)
	if err := os.Chmod(filepath.Join(dir, "conf.d/b.conf"), 0o444); err != nil {
		t.Fatal(err)
	}
	before := readAll(t, dir)
	code, _, stderr := runTxn(t, dir, "--fix", "nginx.conf")
	if code != 2 || !strings.Contains(stderr, "conf.d/b.conf is read-only (mode 0444)") || !strings.Contains(stderr, "no fix was written") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	after := readAll(t, dir)
	for p, c := range before {
		if after[p] != c {
			t.Errorf("%s changed:\n%s", p, after[p])
		}
	}
	if len(after) != len(before) {
		t.Errorf("files left behind: %v", after)
	}
	// writable again: both are fixed
	if err := os.Chmod(filepath.Join(dir, "conf.d/b.conf"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runTxn(t, dir, "--fix", "nginx.conf"); code == 2 {
		t.Fatalf("exit 2: %s", stderr)
	}
	for _, p := range []string{"conf.d/a.conf", "conf.d/b.conf"} {
		if !strings.Contains(readAll(t, dir)[p], "proxy_ssl_server_name on") {
			t.Errorf("%s not fixed", p)
		}
	}
}

// sites-enabled/x → ../sites-available/x: the real file is fixed and the
// link stays a link.
func TestFixFollowsSymlinks(t *testing.T) {
	dir := mkTree(t, map[string]string{
		"nginx.conf":        "events {}\nhttp {\n    include sites-enabled/*;\n}\n",
		"sites-available/x": strings.Replace(sniServer, "%s", "x.example.com", 1),
	})
	if err := os.MkdirAll(filepath.Join(dir, "sites-enabled"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "sites-enabled/x")
	if err := os.Symlink("../sites-available/x", link); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runTxn(t, dir, "--fix", "nginx.conf"); code == 2 {
		t.Fatalf("exit 2: %s", stderr)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("sites-enabled/x is no longer a symlink (%v)", err)
	}
	if got := readAll(t, dir)["sites-available/x"]; !strings.Contains(got, "proxy_ssl_server_name on") {
		t.Errorf("the real file was not fixed:\n%s", got)
	}
}

// A CRLF file: a deleted line leaves no stray "\r" line, an inserted line
// ends in CRLF like its neighbours.
func TestFixCRLF(t *testing.T) {
	conf := "events {}\r\nhttp {\r\n    server {\r\n        listen 443;\r\n        ssl on;\r\n        server_name a.example.com;\r\n        ssl_certificate a.pem;\r\n        ssl_certificate_key a.key;\r\n    }\r\n}\r\n"
	dir := mkTree(t, map[string]string{"nginx.conf": conf})
	if code, _, stderr := runTxn(t, dir, "--fix", "nginx.conf"); code == 2 {
		t.Fatalf("exit 2: %s", stderr)
	}
	got := readAll(t, dir)["nginx.conf"]
	if strings.Contains(got, "ssl on") {
		t.Fatalf("not fixed:\n%q", got)
	}
	for i, line := range strings.SplitAfter(got, "\n") {
		if line != "" && (strings.TrimSpace(line) == "" || !strings.HasSuffix(line, "\r\n")) {
			t.Errorf("line %d %q: a stray or mixed line ending in\n%q", i+1, line, got)
		}
	}
}

// --diff with a space in the path: patch -p1 and git apply take it, and
// give what --fix writes.
func TestDiffAppliesWithSpaces(t *testing.T) {
	for _, tool := range []string{"patch", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	mk := func() string {
		return mkTree(t, map[string]string{
			"my site/nginx.conf":      "events {}\nhttp {\n    include \"conf d/*.conf\";\n}\n",
			"my site/conf d/a.conf":   strings.Replace(sniServer, "%s", "a.example.com", 1),
			"my site/conf d/b c.conf": strings.Replace(sniServer, "%s", "b.example.com", 1),
		})
	}
	fixed := mk()
	if code, _, stderr := runTxn(t, fixed, "--fix", "my site/nginx.conf"); code == 2 {
		t.Fatalf("--fix: %s", stderr)
	}
	src := mk()
	code, diff, stderr := runTxn(t, src, "--diff", "my site/nginx.conf")
	if code == 2 || !strings.Contains(diff, "--- a/my site/conf d/b c.conf\t\n") {
		t.Fatalf("--diff exit %d: %s\n%s", code, stderr, diff)
	}
	want := readAll(t, fixed)
	for _, apply := range [][]string{{"patch", "-p1", "--quiet"}, {"git", "apply", "-p1", "-"}} {
		dir := mk()
		cmd := exec.Command(apply[0], apply[1:]...)
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(diff)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s\ndiff:\n%s", apply[0], err, out, diff)
			continue
		}
		got := readAll(t, dir)
		for p, c := range want {
			if got[p] != c {
				t.Errorf("%s: %s differs from --fix:\n%s", apply[0], p, got[p])
			}
		}
	}
}

// Discovery says which config file was used (text only) and why one was
// skipped; a config above the repository root is not used.
func TestConfigDiscoveryNotices(t *testing.T) {
	root := mkTree(t, map[string]string{
		".tlslint.hcl":          "rule \"TL103\" { enabled = false }\n", // above the repository: ignored
		"repo/.git/HEAD":        "ref: refs/heads/main\n",
		"repo/.tlslint.hcl":     "rule \"TL105\" { enabled = false }\n",
		"repo/etc/.tlslint.hcl": "rule \"TL103\" { enabled = false }\n",
		"repo/etc/nginx.conf":   "events {}\nhttp {\n" + strings.Replace(sniServer, "%s", "a.example.com", 1) + "}\n",
	})
	etc := filepath.Join(root, "repo/etc")
	if err := os.Chmod(filepath.Join(etc, ".tlslint.hcl"), 0o666); err != nil {
		t.Fatal(err)
	}
	_, out, stderr := runTxn(t, etc, "nginx.conf")
	if !strings.Contains(stderr, "ignoring "+filepath.Join(etc, ".tlslint.hcl")+": writable by every user") ||
		!strings.Contains(stderr, "tlslint: using config "+filepath.Join(root, "repo/.tlslint.hcl")+"\n") {
		t.Errorf("stderr:\n%s", stderr)
	}
	// the repository's config applies (TL105 off), the skipped one does not (TL103 on)
	if strings.Contains(out, "TL105") || !strings.Contains(out, "TL103") {
		t.Errorf("findings:\n%s", out)
	}
	if _, _, stderr := runTxn(t, etc, "--format", "json", "nginx.conf"); strings.Contains(stderr, "using config") {
		t.Errorf("json mode names the config: %s", stderr)
	}
}
