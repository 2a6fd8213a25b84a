package certs

import (
	"bytes"
	"crypto/x509"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// maxSiblings bounds how many files of a directory CompletingBundle reads
// (a certificate placed in /etc/ssl/certs sits beside hundreds of CA files).
const maxSiblings = 256

// maxSiblingSize bounds a sibling worth reading: a certificate chain of a
// few certificates is a few KiB; a CA bundle the size of Mozilla's 220 KiB.
const maxSiblingSize = 1 << 20

// bundleExts are the file name endings a bundle beside a certificate has.
var bundleExts = []string{".pem", ".crt", ".cer", ".cert", ".chain", ".bundle", ".ca-bundle"}

// CompletingBundle finds a file to point the configuration at instead of
// ref, whose chain is incomplete (TL301's fix). It returns the replacement
// in ref's own spelling (same directory, as written in the configuration)
// and true only when the repair is certain:
//
//   - the candidate starts with the same end-entity certificate as ref;
//   - it is complete and in order (leaf first, each certificate followed
//     by its issuer);
//   - crypto/x509 verifies it at Now, or, when the leaf itself is outside
//     its validity period (which no other file can repair), at a time
//     inside it.
//
// Candidates, in order: certbot's layout (`live/<name>/cert.pem` →
// `live/<name>/fullchain.pem`), then the other bundle files in the same
// directory in name order (when the FS is a DirReader), skipping ref. It
// returns "", false when ref loads fine and is already complete, cannot be
// loaded, or nothing qualifies.
func (a *Analyzer) CompletingBundle(ref string) (string, bool) {
	b, err := a.loader.Load(ref)
	if err != nil || !b.Checkable() || len(b.Certs) == 0 {
		return "", false
	}
	r, err := a.Analyze(b, nil)
	// A self-signed end-entity certificate is its own issuer: no bundle
	// that starts with it chains further, so no sibling can complete it
	// (and reading the directory for each such certificate was 12% of the
	// lint of a 2,000-server tree serving 100 of them, make bench).
	if err != nil || r.Complete || r.SelfSignedLeaf {
		return "", false
	}
	leaf := r.EndEntityCert()
	for _, cand := range a.candidates(ref) {
		if a.completes(cand, leaf.Certificate) {
			return cand, true
		}
	}
	return "", false
}

// candidates lists the references to try, in ref's spelling.
func (a *Analyzer) candidates(ref string) []string {
	sep := strings.LastIndexAny(ref, `/\`)
	dir, base := ref[:sep+1], ref[sep+1:]
	var out []string
	seen := map[string]bool{base: true}
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			out = append(out, dir+name)
		}
	}
	// certbot writes live/<name>/{cert,chain,fullchain,privkey}.pem
	// (certbot docs, "Where are my certificates?"); cert.pem alone lacks
	// the intermediate and fullchain.pem is what servers should use.
	if base == "cert.pem" && path.Base(path.Dir(path.Dir(strings.ReplaceAll(ref, `\`, "/")))) == "live" {
		add("fullchain.pem")
	}
	dr, ok := a.loader.fsys.(DirReader)
	if !ok {
		return out
	}
	mappedDir := path.Dir(strings.ReplaceAll(a.loader.Resolve(ref), `\`, "/"))
	entries, err := dr.ReadDir(mappedDir)
	if err != nil {
		return out
	}
	var names []string
	for _, e := range entries {
		// Only regular files (or links, checked when read), and small ones:
		// a FIFO named chain.pem beside the certificate must not be opened,
		// and a sibling is only worth reading if it could be a bundle.
		if !hasBundleExt(e.Name()) || !(e.Type().IsRegular() || e.Type()&fs.ModeSymlink != 0) {
			continue
		}
		if info, err := e.Info(); err != nil || info.Mode().IsRegular() && info.Size() > maxSiblingSize {
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if len(names) > maxSiblings {
		names = names[:maxSiblings]
	}
	for _, n := range names {
		add(n)
	}
	return out
}

func hasBundleExt(name string) bool {
	lower := strings.ToLower(name)
	for _, ext := range bundleExts {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// completes reports whether the bundle at ref is a certain replacement for
// a bundle whose end-entity is leaf.
func (a *Analyzer) completes(ref string, leaf *x509.Certificate) bool {
	b, err := a.loader.Load(ref)
	if err != nil || len(b.Certs) < 2 || !bytes.Equal(b.Certs[0].Raw, leaf.Raw) {
		return false
	}
	r, err := a.Analyze(b, nil)
	if err != nil || !r.Complete || !r.LeafFirst || r.Misordered || r.Partial {
		return false
	}
	if r.Verified {
		return true
	}
	inter := x509.NewCertPool()
	for _, c := range b.Certs[1:] {
		inter.AddCert(c.Certificate)
	}
	roots := x509.NewCertPool()
	if a.opts.Trust != nil {
		roots = a.opts.Trust.pool
	}
	_, err = leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: within(leaf, a.opts.Now), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	return err == nil
}
