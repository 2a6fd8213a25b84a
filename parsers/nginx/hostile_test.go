package nginx

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tlslint/tlslint/lint"
)

// An include glob matching what nginx cannot open fails nginx -t (checked
// with nginx 1.22 here: pread() "…/dir.conf" failed (21: Is a directory);
// open() "…/dang.conf" failed (2: No such file or directory); open()
// "…/loop.conf" failed (40: Too many levels of symbolic links)): TL002 error.
func TestIncludeGlobBrokenMatches(t *testing.T) {
	dir := tree(t, map[string]string{
		"nginx.conf":    "events {}\nhttp {\n    include conf.d/*.conf;\n}\n",
		"conf.d/a.conf": "server { listen 80; }\n",
	})
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Mkdir(filepath.Join(dir, "conf.d/dir.conf"), 0o755))
	must(os.Symlink("/nonexistent/x.conf", filepath.Join(dir, "conf.d/dang.conf")))
	must(os.Symlink("loop.conf", filepath.Join(dir, "conf.d/loop.conf")))
	m := load(t, dir, "nginx.conf", nil)
	var got []string
	for _, f := range m.Findings {
		if f.Rule == "TL002" {
			if f.Severity != lint.Error {
				t.Errorf("%s: severity %v, want error", f.Message, f.Severity)
			}
			got = append(got, f.Message)
		}
	}
	want := []string{
		`include "conf.d/*.conf" matches conf.d/dang.conf, which is a dangling symbolic link: nginx refuses to start`,
		`include "conf.d/*.conf" matches conf.d/dir.conf, which is a directory: nginx refuses to start`,
		`include "conf.d/*.conf" matches conf.d/loop.conf, which is a symbolic link loop: nginx refuses to start`,
	}
	if len(got) != len(want) {
		t.Fatalf("TL002 findings:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got  %s\nwant %s…", got[i], want[i])
		}
	}
	if len(m.Listeners) != 1 {
		t.Errorf("the readable match was not loaded: %d listeners", len(m.Listeners))
	}
}

// Includes of a FIFO and of /dev/zero end, as a finding.
func TestIncludeSpecialFiles(t *testing.T) {
	dir := tree(t, map[string]string{})
	fifo := filepath.Join(dir, "pipe.conf")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	conf := fmt.Sprintf("events {}\nhttp {\n    include %s;\n    include /dev/zero;\n}\n", fifo)
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan *lint.Model)
	// --host-paths: read this machine's /dev/zero as nginx would
	go func() { done <- load(t, dir, "nginx.conf", &Options{HostPaths: true}) }()
	var m *lint.Model
	select {
	case m = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("loading blocked on a FIFO")
	}
	got := strings.Join(diags(m, "TL002"), "\n")
	for _, want := range []string{"is a FIFO (named pipe), not a regular file", "/dev/zero is a character device, not a regular file"} {
		if !strings.Contains(got, want) {
			t.Errorf("TL002 findings lack %q:\n%s", want, got)
		}
	}
}

// A diamond of includes (each file includes the next twice) doubles the
// spliced statements at every level; 40 levels would be 2^40. The budget
// stops it with one TL002 error, quickly.
func TestIncludeDiamondBounded(t *testing.T) {
	files := map[string]string{"nginx.conf": "events {}\nhttp {\n    include d0.conf;\n}\n"}
	for i := range 40 {
		files[fmt.Sprintf("d%d.conf", i)] = fmt.Sprintf("include d%d.conf;\ninclude d%d.conf;\nserver_tokens off; # %s\n", i+1, i+1, strings.Repeat("x", 200))
	}
	files["d40.conf"] = "server { listen 80; server_name x; }\n"
	dir := tree(t, files)
	start := time.Now()
	m := load(t, dir, "nginx.conf", nil)
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v", d)
	}
	got := diags(m, "TL002")
	if len(got) != 1 || !strings.Contains(got[0], "the includes expand past tlslint's budget") {
		t.Errorf("TL002: %q", got)
	}
}
