package files

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readSoon runs Read with a deadline: the bug this package fixes is a read
// that never returns.
func readSoon(t *testing.T, path string, kind Kind) ([]byte, error) {
	t.Helper()
	type res struct {
		data []byte
		err  error
	}
	done := make(chan res, 1)
	go func() {
		d, err := Read(path, kind)
		done <- res{d, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-time.After(10 * time.Second):
		t.Fatalf("Read(%s) blocked", path)
	}
	return nil, nil
}

func TestReadRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "chain.pem")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	cases := map[string]string{
		fifo:        "is a FIFO (named pipe), not a regular file",
		"/dev/zero": "is a character device, not a regular file",
		dir:         "is a directory, not a regular file",
	}
	for path, want := range cases {
		_, err := readSoon(t, path, PEM)
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), want) {
			t.Errorf("Read(%s) = %v, want %q", path, err, want)
		}
	}
	// a symlink to a FIFO is refused too (stat follows it)
	link := filepath.Join(dir, "link.pem")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	if _, err := readSoon(t, link, PEM); !errors.Is(err, ErrNotRegular) {
		t.Errorf("symlink to a FIFO: %v", err)
	}
}

func TestReadCaps(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "dh.pem")
	big := bytes.Repeat([]byte("A"), int(Caps[DHParam])+1)
	if err := os.WriteFile(p, big, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Read(p, DHParam)
	var tl *TooLargeError
	if !errors.As(err, &tl) || !errors.Is(err, ErrTooLarge) || tl.Size != int64(len(big)) {
		t.Fatalf("over the cap: %v", err)
	}
	if want := "is 1.0 MiB, over the 1 MiB limit for a DH parameters file"; !strings.Contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err, want)
	}
	data, err := Read(p, Config)
	if err != nil || len(data) != len(big) {
		t.Errorf("under the cap: %d bytes, %v", len(data), err)
	}
}

func TestReadStreamCap(t *testing.T) {
	old := Caps[Config]
	Caps[Config] = 1000
	defer func() { Caps[Config] = old }()
	if d, err := ReadStream(bytes.NewReader(make([]byte, 1000)), "standard input", Config); err != nil || len(d) != 1000 {
		t.Errorf("at the cap: %d, %v", len(d), err)
	}
	_, err := ReadStream(bytes.NewReader(make([]byte, 1001)), "standard input", Config)
	if err == nil || err.Error() != "standard input is more than 1000 bytes, over the 1000 bytes limit for a configuration file" {
		t.Errorf("over the cap: %v", err)
	}
}

func TestBudget(t *testing.T) {
	b := NewBudget(1000, "the includes")
	if err := b.Charge("a.conf", 9, 100); err != nil {
		t.Fatal(err)
	}
	err := b.Charge("b.conf", 2, 100)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "b.conf: the includes exceed") {
		t.Errorf("over budget: %v", err)
	}
	if b.Used() != 900 {
		t.Errorf("a refused charge was counted: %d", b.Used())
	}
	if err := b.Charge("huge", 1<<62, 100); err == nil {
		t.Error("an overflowing charge passed")
	}
}
