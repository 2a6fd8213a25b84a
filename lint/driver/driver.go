// Package driver builds tlslint's pipeline, the same for every command and
// for the tests: detect each input's format through the registry, load every
// input into one model (lint across tiers), build the sockets, read the
// certificate files, and run the rules over the offers of one run.
//
//	res, err := driver.Lint([]string{"nginx.conf"}, &driver.Options{})
package driver

import (
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
	"github.com/tlslint/tlslint/lint/files"
	"github.com/tlslint/tlslint/lint/offer"

	// the input formats register themselves
	_ "github.com/tlslint/tlslint/parsers/as3"
	_ "github.com/tlslint/tlslint/parsers/bigip"
	_ "github.com/tlslint/tlslint/parsers/nginx"
	// the rules register themselves
	_ "github.com/tlslint/tlslint/rules"
)

// MaxStdin caps what is read from standard input: the cap of a
// configuration file (lint/files).
var MaxStdin = files.Caps[files.Config]

// Options are everything one run needs beyond the paths.
type Options struct {
	Target *lint.Target // nil: lint.DefaultTarget()
	Type   string       // "", "auto", or a format name (--type)
	Maps   []lint.PathMap
	Cwd    string // for display names and relative paths ("" = os.Getwd)
	// HostPaths reads unmapped absolute paths outside the linted tree from
	// this machine (--host-paths).
	HostPaths bool
	// StandIn lints a rendered file in the tree it will join.
	StandIn *lint.StandIn

	Stdin     io.Reader // read for the path "-"
	StdinName string    // its name (--stdin-filename)

	// Certificates: trust anchors are the system pool (unless
	// NoSystemRoots) plus the PEM files Roots; RequireCerts makes
	// unreadable files errors. NoCerts skips reading certificate files.
	Roots         []string
	NoSystemRoots bool
	RequireCerts  bool
	NoCerts       bool

	Backends []*lint.Backend // declared in .tlslint.hcl
	Run      *lint.RunOptions
	// NoOffers leaves Result.Offers nil: the rules make the offer book
	// themselves, and it goes with them before the findings are gathered
	// and sorted (the book of a 20,000-server tree is 10 MB).
	NoOffers bool
}

// Result is one run's outcome.
type Result struct {
	Model    *lint.Model
	Findings []lint.Finding
	// Offers is the run's offer book, the one the rules read: drift and why
	// read the same answers. Nil with Options.NoOffers.
	Offers *offer.Book
	Target *lint.Target
}

// Lint loads paths into one model and runs the rules.
func Lint(paths []string, o *Options) (*Result, error) {
	m, t, err := Load(paths, o)
	if err != nil {
		return nil, err
	}
	run := o.Run
	if run == nil {
		run = &lint.RunOptions{}
	}
	res := &Result{Model: m, Target: t}
	if !o.NoOffers {
		res.Offers = offer.New(m, t)
		run = offer.Seed(run, res.Offers)
	}
	res.Findings = lint.Run(m, t, run)
	return res, nil
}

// Load reads paths into one model with its sockets built and its
// certificate files read, ready for rules, drift or why.
func Load(paths []string, o *Options) (*lint.Model, *lint.Target, error) {
	if o == nil {
		o = &Options{}
	}
	t := o.Target
	if t == nil {
		t = lint.DefaultTarget()
	}
	cwd := o.Cwd
	if cwd == "" {
		cwd, _ = os.Getwd()
	}
	if !o.NoCerts && !o.NoSystemRoots {
		// Read the system trust store while the configuration loads: it
		// depends on nothing here, crypto/x509 keeps it for the run, and
		// reading it (a bundle and a directory of a few hundred files) was
		// a tenth of the lint of a 2,000-server tree, on the one core the
		// walk leaves idle.
		go x509.SystemCertPool() // certStore asks again, and reports an error
	}
	m := lint.NewModel()
	lo := &lint.LoadOptions{Target: t, Maps: o.Maps, HostPaths: o.HostPaths, StandIn: o.StandIn, Display: func(abs string) string { return DisplayName(cwd, abs) }}
	loaders := map[*lint.Format]lint.Loader{}
	loaderOf := func(f *lint.Format) lint.Loader {
		if l := loaders[f]; l != nil {
			return l
		}
		l := f.NewLoader(m, lo)
		loaders[f] = l
		return l
	}
	for _, p := range paths {
		if err := loadOne(m, p, o, cwd, loaderOf); err != nil {
			return nil, nil, err
		}
	}
	var fsys certs.FS = certs.OSFS{}
	for _, l := range loaders {
		l.Finish()
		if cs, ok := l.(lint.CertSource); ok {
			fsys = cs.CertFS() // archives first, the rest from disk
		}
	}
	// Sockets and certificates depend on the listeners only, not on each
	// other: the index is built on one core while the certificate files
	// are read and analysed on the others.
	var sockets sync.WaitGroup
	sockets.Go(m.BuildSockets)
	if !o.NoCerts {
		store, err := certStore(fsys, t, o, cwd)
		if err != nil {
			sockets.Wait()
			return nil, nil, err
		}
		m.AttachCerts(store)
	}
	sockets.Wait()
	m.Backends = append(m.Backends, o.Backends...)
	return m, t, nil
}

// loadOne loads one PATH (or "-") with the loader of its format. A loader
// that panics on an input is a bug: the input's other files and the other
// inputs are still linted, and the crash becomes a TL004 finding naming the
// input (RULES.md), never a Go stack trace.
func loadOne(m *lint.Model, p string, o *Options, cwd string, loaderOf func(*lint.Format) lint.Loader) (err error) {
	name := p
	defer func() {
		if v := recover(); v != nil {
			m.InternalError(name, lint.Msgf("loading %s crashed: %v; please report a bug with this input", name, v), lint.PanicSite())
			err = nil
		}
	}()
	if p == "-" {
		if o.Stdin == nil {
			return errors.New("standard input: nothing to read")
		}
		// capped as a configuration file read from disk is (lint/files)
		data, err := files.ReadStream(o.Stdin, "standard input", files.Config)
		if err != nil {
			return fmt.Errorf("reading standard input: %w", err)
		}
		name = o.StdinName
		if name == "" {
			name = "<stdin>"
		}
		if !filepath.IsAbs(name) {
			name = filepath.Join(cwd, name)
		}
		f, err := formatOf(o.Type, "", data)
		if err != nil {
			return err
		}
		if err := loaderOf(f).LoadData(name, data); err != nil {
			return fmt.Errorf("standard input: %v", err)
		}
		return nil
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(cwd, p)
	}
	name = DisplayName(cwd, p)
	f, err := formatOfPath(o.Type, p)
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	if err := loaderOf(f).LoadPath(p); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}

// formatOfPath decides a path's format from its content (CLI.md:
// auto-detection looks at content, not at the extension), unless --type
// says.
func formatOfPath(typ, p string) (*lint.Format, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, errors.New("no such file or directory")
	}
	if st.IsDir() {
		if f := named(typ); f != nil {
			return f, nil
		}
		for _, f := range lint.Formats() {
			if f.DetectDir != nil && f.DetectDir(p) {
				return f, nil
			}
		}
		return nil, errors.New("a directory without nginx.conf or bigip.conf: name the main file")
	}
	if f := named(typ); f != nil {
		return f, nil
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s): expected a configuration file", st.Mode().Type())
	}
	fh, _, err := files.Open(p) // never blocks (a FIFO swapped in after the stat)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(fh, head)
	return formatOf("", "", head[:n])
}

func formatOf(typ, _ string, data []byte) (*lint.Format, error) {
	if f := named(typ); f != nil {
		return f, nil
	}
	if f := lint.DetectFormat(data); f != nil {
		return f, nil
	}
	return nil, errors.New("no input format registered")
}

func named(typ string) *lint.Format {
	if typ == "" || typ == "auto" {
		return nil
	}
	return lint.FormatByName(typ)
}

// TypeNames lists what --type accepts.
func TypeNames() []string {
	out := []string{"auto"}
	for _, f := range lint.Formats() {
		out = append(out, f.Name)
	}
	return out
}

// certStore prepares reading the certificate files: trust anchors from the
// system pool (unless NoSystemRoots) plus Roots, the clock from the target,
// the security level of the target OpenSSL.
func certStore(fsys certs.FS, t *lint.Target, o *Options, cwd string) (*lint.CertStore, error) {
	loader := certs.NewLoader(fsys, nil)
	var roots []string
	for _, r := range o.Roots {
		if !filepath.IsAbs(r) {
			r = filepath.Join(cwd, r)
		}
		roots = append(roots, r)
	}
	trust, err := loader.LoadTrust(!o.NoSystemRoots, roots...)
	if err != nil {
		return nil, fmt.Errorf("--roots: %v", err)
	}
	an := certs.NewAnalyzer(loader, certs.Options{Now: t.Now, Trust: trust, Level: certs.LevelOf(t.OpenSSL)})
	return lint.NewCertStore(an, o.RequireCerts), nil
}

// DisplayName is relative to the working directory when below it, else
// absolute (CLI.md).
func DisplayName(cwd, abs string) string {
	if cwd != "" {
		if rel, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(abs)
}
