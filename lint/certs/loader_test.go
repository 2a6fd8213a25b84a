package certs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tlslint/tlslint/lint/certs/certtest"
	"github.com/tlslint/tlslint/lint/i18n"
)

// countingFS counts reads per name.
type countingFS struct {
	FS
	mu    sync.Mutex
	reads map[string]int
}

func (c *countingFS) ReadFile(name string) ([]byte, error) {
	c.mu.Lock()
	if c.reads == nil {
		c.reads = map[string]int{}
	}
	c.reads[name]++
	c.mu.Unlock()
	return c.FS.ReadFile(name)
}

func TestLoaderReadsEachFileOnce(t *testing.T) {
	pki := certtest.New(t)
	mem := fstest.MapFS{
		"deploy/nginx/certs/site.pem": {Data: certtest.Bundle(pki.Leaf, pki.Intermediate)},
	}
	cfs := &countingFS{FS: FromFS(mem)}
	l := NewLoader(cfs, func(p string) string { return strings.Replace(p, "/etc/nginx/", "deploy/nginx/", 1) })

	var wg sync.WaitGroup
	var got sync.Map
	var failures atomic.Int32
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := l.Load("/etc/nginx/certs/site.pem")
			if err != nil {
				failures.Add(1)
				return
			}
			got.Store(i, b)
		}()
	}
	wg.Wait()
	if failures.Load() > 0 {
		t.Fatal("concurrent loads failed")
	}
	var first *Bundle
	got.Range(func(_, v any) bool {
		if first == nil {
			first = v.(*Bundle)
		}
		if v.(*Bundle) != first {
			t.Error("loads returned different bundles")
		}
		return true
	})
	if n := cfs.reads["deploy/nginx/certs/site.pem"]; n != 1 {
		t.Errorf("read %d times, want 1", n)
	}
	if first.Name != "/etc/nginx/certs/site.pem" || first.Path != "deploy/nginx/certs/site.pem" || first.Certs[1].File != first.Path {
		t.Errorf("Name %q Path %q File %q", first.Name, first.Path, first.Certs[1].File)
	}

	// Errors are cached too: one read for a missing file.
	for range 3 {
		if _, err := l.Load("/etc/nginx/certs/missing.pem"); !IsUnavailable(err) {
			t.Fatalf("missing file: %v", err)
		}
	}
	if n := cfs.reads["deploy/nginx/certs/missing.pem"]; n != 1 {
		t.Errorf("missing file read %d times, want 1", n)
	}
}

func TestLoaderUnavailable(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "adir"), 0o755); err != nil {
		t.Fatal(err)
	}
	l := NewLoader(nil, func(p string) string { return strings.Replace(p, "/etc/ssl", dir, 1) })
	tests := []struct {
		ref      string
		contains string
		notExist bool
		ja       string
	}{
		{"/etc/ssl/nope.pem", "file not found (after path mapping)", true, "ファイルが見つかりません（パスのマッピング後）。証明書または鍵のファイルが必要です"},
		{"/etc/ssl/adir", "is a directory; expected a certificate or key file", false, "ディレクトリです。証明書または鍵のファイルが必要です"},
	}
	for _, tt := range tests {
		_, err := l.Load(tt.ref)
		if !IsUnavailable(err) || IsMalformed(err) {
			t.Fatalf("%s: %v, want Unavailable", tt.ref, err)
		}
		if errors.Is(err, fs.ErrNotExist) != tt.notExist {
			t.Errorf("%s: errors.Is(ErrNotExist) = %v", tt.ref, !tt.notExist)
		}
		var fe *FileError
		if !errors.As(err, &fe) || fe.Text().String() != fe.Msg || fe.Text().In(i18n.Japanese) != tt.ja {
			t.Errorf("%s: the reason as a message: %+v", tt.ref, fe)
		}
		msg := err.Error()
		if !strings.Contains(msg, tt.contains) || !strings.Contains(msg, "(referenced as "+tt.ref+")") || !strings.HasPrefix(msg, dir) {
			t.Errorf("%s: message %q", tt.ref, msg)
		}
	}

	denied := NewLoader(errFS{fs.ErrPermission}, nil)
	if _, err := denied.Load("/etc/ssl/private/key.pem"); !IsUnavailable(err) || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("permission: %v", err)
	}
}

type errFS struct{ err error }

func (e errFS) ReadFile(string) ([]byte, error) { return nil, e.err }

func TestOSFSRefusesSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs on Windows")
	}
	fifo := filepath.Join(t.TempDir(), "fifo.pem")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	// Opening a FIFO for reading blocks until a writer appears: OSFS must
	// refuse it without opening it (no writer here, so a blocking open
	// would hang the test until its timeout).
	done := make(chan error)
	go func() {
		_, err := NewLoader(nil, nil).Load(fifo)
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading a FIFO blocked")
	}
	if !IsUnavailable(err) || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("FIFO: %v", err)
	}
}

func TestLoaderFileSizeLimit(t *testing.T) {
	big := make([]byte, MaxFileSize+1)
	l := NewLoader(FromFS(fstest.MapFS{"huge.pem": {Data: big}}), nil)
	if _, err := l.Load("/huge.pem"); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("huge file: %v", err)
	}
}

func TestLoaderReferences(t *testing.T) {
	pki := certtest.New(t)
	l := NewLoader(errFS{errors.New("must not read")}, nil)

	inline := "data:" + string(certtest.Bundle(pki.Leaf, pki.Intermediate))
	b, err := l.Load(inline)
	if err != nil {
		t.Fatal(err)
	}
	if b.Source != SourceData || b.Name != "data:" || b.Path != "data:" || len(b.Certs) != 2 || b.Certs[1].Line != 1+strings.Count(string(pki.Leaf.PEM()), "\n") {
		t.Errorf("data: bundle %v (source %v)", b, b.Source)
	}
	if again, _ := l.Load(inline); again != b {
		t.Error("data: value parsed twice")
	}
	if _, err := l.Load("data:-----BEGIN CERTIFICATE-----\nnope\n"); !IsMalformed(err) || !strings.HasPrefix(err.Error(), "data: value, line 1: ") {
		t.Errorf("bad data: value: %v", err)
	}

	tests := []struct {
		ref    string
		source Source
		name   string
	}{
		{"engine:pkcs11:pkcs11:token=hsm;object=web;pin-value=123456", SourceEngine, "engine:pkcs11"},
		{"store:pkcs11:token=hsm;object=web", SourceStore, "store:"},
		{"/etc/nginx/certs/$ssl_server_name.crt", SourceVariable, "/etc/nginx/certs/$ssl_server_name.crt"},
		{"data:$certificate_pem", SourceVariable, "data:"},
	}
	for _, tt := range tests {
		b, err := l.Load(tt.ref)
		if err != nil {
			t.Fatalf("%s: %v", tt.ref, err)
		}
		if b.Source != tt.source || b.Name != tt.name || b.Checkable() || len(b.Certs)+len(b.Keys) != 0 {
			t.Errorf("%s: source %v name %q", tt.ref, b.Source, b.Name)
		}
		if strings.Contains(b.Name+b.String()+formatAll(b), "123456") {
			t.Errorf("%s: the engine id (which may carry a PIN) leaks", tt.ref)
		}
	}
}

func TestFromFSUnroots(t *testing.T) {
	pki := certtest.New(t)
	l := NewLoader(FromFS(fstest.MapFS{"etc/ssl/a.pem": {Data: pki.Leaf.PEM()}}), nil)
	b, err := l.Load("/etc/ssl/a.pem")
	if err != nil || len(b.Certs) != 1 {
		t.Fatalf("%v %v", b, err)
	}
	if _, err := l.Load("/etc/ssl"); !IsUnavailable(err) {
		t.Errorf("directory in an fs.FS: %v", err)
	}
}
