package files

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func writeFile(t *testing.T, p, data string, mode fs.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
}

func content(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// no temporary or backup file is left beside the files
func noLeftovers(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tlslint-") {
			t.Errorf("left behind: %s", p)
		}
		return nil
	})
}

// The second rename fails: the first file is put back, nothing changed.
func TestTxnAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.conf"), filepath.Join(dir, "sub", "b.conf")
	writeFile(t, a, "a old\n", 0o644)
	writeFile(t, b, "b old\n", 0o644)
	calls := 0
	rename = func(from, to string) error {
		if calls++; calls == 2 {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EROFS}
		}
		return os.Rename(from, to)
	}
	defer func() { rename = os.Rename }()
	txn := NewTxn()
	err := txn.Write(map[string][]byte{a: []byte("a new\n"), b: []byte("b new\n")}, map[string][]byte{a: []byte("a old\n"), b: []byte("b old\n")})
	if err == nil || !strings.Contains(err.Error(), "read-only file system (no file was changed)") {
		t.Fatalf("Write: %v", err)
	}
	txn.Commit()
	if content(t, a) != "a old\n" || content(t, b) != "b old\n" {
		t.Errorf("changed: %q %q", content(t, a), content(t, b))
	}
	noLeftovers(t, dir)
}

// Rollback undoes every Write of the transaction (several --fix passes).
func TestTxnRollback(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.conf")
	writeFile(t, a, "v1\n", 0o640)
	txn := NewTxn()
	for _, v := range []string{"v2\n", "v3\n"} {
		if err := txn.Write(map[string][]byte{a: []byte(v)}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if content(t, a) != "v3\n" {
		t.Fatalf("after two writes: %q", content(t, a))
	}
	if err := txn.Rollback(); err != nil {
		t.Fatal(err)
	}
	if content(t, a) != "v1\n" {
		t.Errorf("after rollback: %q", content(t, a))
	}
	noLeftovers(t, dir)
}

// A symlink (sites-enabled/x → ../sites-available/x) stays a link; the file
// it names is edited. Owner, group, mode with setgid are kept.
func TestTxnSymlinkOwnerMode(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "sites-available", "x")
	link := filepath.Join(dir, "sites-enabled", "x")
	writeFile(t, real, "old\n", 0o640|fs.ModeSetgid)
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../sites-available/x", link); err != nil {
		t.Fatal(err)
	}
	uid, gid := os.Getuid(), os.Getgid()
	if uid == 0 {
		uid, gid = 4242, 4343
		if err := os.Chown(real, uid, gid); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(real, 0o640|fs.ModeSetgid); err != nil { // chown cleared it
			t.Fatal(err)
		}
	}
	txn := NewTxn()
	if err := txn.Write(map[string][]byte{link: []byte("new\n")}, map[string][]byte{link: []byte("old\n")}); err != nil {
		t.Fatal(err)
	}
	txn.Commit()
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link is no longer a link: %v %v", st.Mode(), err)
	}
	if content(t, real) != "new\n" {
		t.Errorf("the target was not edited: %q", content(t, real))
	}
	st, err := os.Stat(real)
	if err != nil {
		t.Fatal(err)
	}
	sys := st.Sys().(*syscall.Stat_t)
	if st.Mode() != 0o640|fs.ModeSetgid || int(sys.Uid) != uid || int(sys.Gid) != gid {
		t.Errorf("mode %v owner %d:%d, want %v %d:%d", st.Mode(), sys.Uid, sys.Gid, 0o640|fs.ModeSetgid, uid, gid)
	}
	noLeftovers(t, dir)
}

func TestTxnRefusesReadOnlyAndChanged(t *testing.T) {
	dir := t.TempDir()
	a, ro := filepath.Join(dir, "a.conf"), filepath.Join(dir, "ro.conf")
	writeFile(t, a, "a\n", 0o644)
	writeFile(t, ro, "ro\n", 0o444)
	txn := NewTxn()
	err := txn.Write(map[string][]byte{a: []byte("A\n"), ro: []byte("RO\n")}, nil)
	if err == nil || !strings.Contains(err.Error(), ro+" is read-only (mode 0444)") {
		t.Errorf("read-only: %v", err)
	}
	err = txn.Write(map[string][]byte{a: []byte("A\n")}, map[string][]byte{a: []byte("something else\n")})
	if err == nil || !strings.Contains(err.Error(), "changed on disk since tlslint read it") {
		t.Errorf("changed on disk: %v", err)
	}
	txn.Commit()
	if content(t, a) != "a\n" || content(t, ro) != "ro\n" {
		t.Errorf("changed: %q %q", content(t, a), content(t, ro))
	}
	// a FIFO is never opened
	fifo := filepath.Join(dir, "p.conf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	if err := NewTxn().Write(map[string][]byte{fifo: []byte("x")}, nil); !errors.Is(err, ErrNotRegular) {
		t.Errorf("FIFO: %v", err)
	}
	noLeftovers(t, dir)
}
