package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiscoverStopsAtRepositoryRoot(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	deep := filepath.Join(repo, "etc", "nginx")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	// above the repository: never used
	if err := os.WriteFile(filepath.Join(root, FileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if p, notes := Discover(deep); p != "" || len(notes) != 0 {
		t.Errorf("Discover = %q, %q; want nothing (the config above .git is not the repository's)", p, notes)
	}
	in := filepath.Join(repo, FileName)
	if err := os.WriteFile(in, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if p, _ := Discover(deep); p != in {
		t.Errorf("Discover = %q, want %q", p, in)
	}
}

func TestDiscoverSkipsUntrustedFiles(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "sub")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	top := filepath.Join(root, FileName)
	if err := os.WriteFile(top, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(sub, FileName)
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o666); err != nil { // umask-proof
		t.Fatal(err)
	}
	got, notes := Discover(sub)
	if got != top || len(notes) != 1 || !strings.Contains(notes[0], "ignoring "+p+": writable by every user") {
		t.Errorf("world-writable: Discover = %q, %q", got, notes)
	}
	if os.Getuid() != 0 {
		t.Skip("chown to another user needs root")
	}
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(p, 4242, 4242); err != nil {
		t.Fatal(err)
	}
	got, notes = Discover(sub)
	if got != top || len(notes) != 1 || !strings.Contains(notes[0], "owned by uid 4242, neither you (uid 0) nor root") {
		t.Errorf("foreign owner: Discover = %q, %q", got, notes)
	}
	// --config wins: Load reads it whoever owns it
	if _, err := Load(p); err != nil {
		t.Errorf("Load of a named file: %v", err)
	}
}

// 60,000 nested '[' overflowed hclsyntax's stack (a fatal error); the
// nesting is checked before hcl parses.
func TestDeepNestingRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), FileName)
	data := "x = " + strings.Repeat("[", 60000) + "\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(p)
	if err == nil || !strings.Contains(err.Error(), ":1:105: brackets nested more than 100 deep") {
		t.Errorf("Load: %v", err)
	}
	// brackets in strings and comments do not count
	ok := "# " + strings.Repeat("[", 200) + "\nenable = [\"" + strings.Repeat("{", 200) + "\"]\n"
	if off, good := nestingOK([]byte(ok)); !good {
		t.Errorf("nestingOK refused offset %d of a flat file", off)
	}
}
