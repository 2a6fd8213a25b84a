package certs

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tlslint/tlslint/lint/certs/certtest"
)

func TestCompletingBundle(t *testing.T) {
	pki := certtest.New(t)
	// The intermediate's key and name with a validity that ended
	// yesterday: an outdated copy of the chain.
	oldInter := certtest.Issue(t, pki.Root, certtest.Spec{Name: "intermediate", CN: "certtest Intermediate CA", CA: true,
		NotBefore: certtest.Now.AddDate(-2, 0, 0), NotAfter: certtest.Now.Add(-certtest.Day)})
	trust := rootsTrust(t, pki.Root)

	type file struct {
		name string
		data []byte
	}
	tests := []struct {
		name   string
		files  []file
		ref    string // as written in the configuration (under /etc/ssl)
		want   string
		wantOK bool
	}{
		{
			name: "certbot cert.pem → fullchain.pem",
			ref:  "/etc/ssl/letsencrypt/live/example.com/cert.pem",
			files: []file{
				{"letsencrypt/live/example.com/cert.pem", pki.Leaf.PEM()},
				{"letsencrypt/live/example.com/chain.pem", pki.Intermediate.PEM()},
				{"letsencrypt/live/example.com/fullchain.pem", certtest.Bundle(pki.Leaf, pki.Intermediate)},
				{"letsencrypt/live/example.com/privkey.pem", certtest.KeyPEM(t, pki.Leaf, certtest.PKCS8)},
			},
			want: "/etc/ssl/letsencrypt/live/example.com/fullchain.pem", wantOK: true,
		},
		{
			name: "bundle beside the certificate",
			ref:  "/etc/ssl/site.crt",
			files: []file{
				{"site.crt", pki.Leaf.PEM()},
				{"a-chain.pem", pki.Intermediate.PEM()},                                     // only intermediates: not a replacement
				{"b-other.pem", certtest.Bundle(pki.Wildcard, pki.Intermediate)},            // another leaf
				{"c-misordered.pem", certtest.Bundle(pki.Leaf, pki.Root, pki.Intermediate)}, // leaf first, root before the intermediate
				{"d-expired-chain.pem", certtest.Bundle(pki.Leaf, oldInter)},                // complete but does not verify at now
				{"e-garbage.pem", []byte("not a certificate")},                              // ignored
				{"site.key", certtest.KeyPEM(t, pki.Leaf, certtest.PKCS8)},                  // not a bundle name
				{"site-bundle.crt", certtest.Bundle(pki.Leaf, pki.Intermediate, pki.Root)},  // the one
			},
			want: "/etc/ssl/site-bundle.crt", wantOK: true,
		},
		{
			name:  "nothing completes it",
			ref:   "/etc/ssl/site.crt",
			files: []file{{"site.crt", pki.Leaf.PEM()}, {"chain.pem", pki.Intermediate.PEM()}},
		},
		{
			name:  "already complete",
			ref:   "/etc/ssl/site.crt",
			files: []file{{"site.crt", certtest.Bundle(pki.Leaf, pki.Intermediate)}, {"fullchain.pem", certtest.Bundle(pki.Leaf, pki.Intermediate)}},
		},
		{
			name:  "missing certificate",
			ref:   "/etc/ssl/site.crt",
			files: []file{{"fullchain.pem", certtest.Bundle(pki.Leaf, pki.Intermediate)}},
		},
		{
			name: "expired leaf: the full chain still repairs the chain",
			ref:  "/etc/ssl/live/old.example.com/cert.pem",
			files: []file{
				{"live/old.example.com/cert.pem", pki.Expired.PEM()},
				{"live/old.example.com/fullchain.pem", certtest.Bundle(pki.Expired, pki.Intermediate)},
			},
			want: "/etc/ssl/live/old.example.com/fullchain.pem", wantOK: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tt.files {
				certtest.WriteFile(t, dir, f.name, f.data)
			}
			l := NewLoader(nil, func(p string) string { return filepath.Join(dir, strings.TrimPrefix(p, "/etc/ssl/")) })
			a := NewAnalyzer(l, Options{Now: certtest.Now, Trust: trust})
			got, ok := a.CompletingBundle(tt.ref)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("CompletingBundle(%s) = %q, %v; want %q, %v", tt.ref, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// readOnlyFS hides ReadDir: only the certbot sibling can be found.
type readOnlyFS struct{ fs FS }

func (r readOnlyFS) ReadFile(name string) ([]byte, error) { return r.fs.ReadFile(name) }

func TestCompletingBundleWithoutDirListing(t *testing.T) {
	pki := certtest.New(t)
	dir := t.TempDir()
	certPath := pki.WriteCertbot(t, dir, "example.com", pki.Leaf)
	pki.WriteComplete(t, dir, "live/example.com/bundle.pem", pki.Leaf)
	site := pki.WriteLeafOnly(t, dir, "live/example.com/site.pem", pki.Leaf)

	a := NewAnalyzer(NewLoader(readOnlyFS{OSFS{}}, nil), Options{Now: certtest.Now, Trust: rootsTrust(t, pki.Root)})
	if got, ok := a.CompletingBundle(certPath); !ok || got != filepath.Join(filepath.Dir(certPath), "fullchain.pem") {
		t.Errorf("certbot sibling: %q %v", got, ok)
	}
	if got, ok := a.CompletingBundle(site); ok {
		t.Errorf("found %q without listing the directory", got)
	}
}

// A FIFO named like a bundle beside the certificate (a-chain.pem) is not
// opened: the scan reads regular files only, and still finds the bundle.
func TestCompletingBundleSkipsSpecialFiles(t *testing.T) {
	pki := certtest.New(t)
	dir := t.TempDir()
	certtest.WriteFile(t, dir, "site.crt", pki.Leaf.PEM())
	certtest.WriteFile(t, dir, "z-bundle.crt", certtest.Bundle(pki.Leaf, pki.Intermediate))
	if err := syscall.Mkfifo(filepath.Join(dir, "a-chain.pem"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	l := NewLoader(nil, func(p string) string { return filepath.Join(dir, strings.TrimPrefix(p, "/etc/ssl/")) })
	a := NewAnalyzer(l, Options{Now: certtest.Now, Trust: rootsTrust(t, pki.Root)})
	type res struct {
		got string
		ok  bool
	}
	done := make(chan res, 1)
	go func() {
		got, ok := a.CompletingBundle("/etc/ssl/site.crt")
		done <- res{got, ok}
	}()
	select {
	case r := <-done:
		if r.got != "/etc/ssl/z-bundle.crt" || !r.ok {
			t.Errorf("CompletingBundle = %q, %v", r.got, r.ok)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the sibling scan blocked on a FIFO")
	}
}

// listingFS counts directory listings.
type listingFS struct {
	OSFS
	listed int
}

func (l *listingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	l.listed++
	return os.ReadDir(name)
}

// A self-signed end-entity certificate cannot be completed by any
// sibling, even a bundle that starts with it: its directory is not read.
// An incomplete CA-issued one in the same directory still is.
func TestCompletingBundleSelfSigned(t *testing.T) {
	pki := certtest.New(t)
	dir := t.TempDir()
	self := certtest.WriteFile(t, dir, "self.crt", pki.SelfSigned.PEM())
	certtest.WriteFile(t, dir, "self-bundle.crt", certtest.Bundle(pki.SelfSigned, pki.Intermediate))
	site := certtest.WriteFile(t, dir, "site.crt", pki.Leaf.PEM())
	certtest.WriteFile(t, dir, "z-bundle.crt", certtest.Bundle(pki.Leaf, pki.Intermediate))
	fsys := &listingFS{}
	a := NewAnalyzer(NewLoader(fsys, nil), Options{Now: certtest.Now, Trust: rootsTrust(t, pki.Root)})
	if got, ok := a.CompletingBundle(self); ok || fsys.listed != 0 {
		t.Errorf("self-signed: %q %v, %d directory listings", got, ok, fsys.listed)
	}
	if got, ok := a.CompletingBundle(site); !ok || got != filepath.Join(dir, "z-bundle.crt") || fsys.listed != 1 {
		t.Errorf("leaf without its intermediate: %q %v, %d directory listings", got, ok, fsys.listed)
	}
}
