package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
	"github.com/tlslint/tlslint/lint/clients"
	"github.com/tlslint/tlslint/lint/config"
	"github.com/tlslint/tlslint/lint/files"
	"github.com/tlslint/tlslint/lint/report"
	"github.com/tlslint/tlslint/lint/tls"
	"github.com/tlslint/tlslint/parsers/as3"
	"github.com/tlslint/tlslint/parsers/bigip"
	"github.com/tlslint/tlslint/parsers/nginx"
	_ "github.com/tlslint/tlslint/rules" // registers the rules
)

// Version is tlslint's version.
const Version = "0.3.0"

// Env is what the process gets from its surroundings; tests fake it.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	IsTTY  bool   // stdout is a terminal
	Cwd    string // working directory ("" = os.Getwd)
}

// Main runs tlslint with args (without the program name) and returns the
// exit code: 0 clean, 1 findings at or above --fail-on, 2 could not run.
func Main(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if env.Cwd == "" {
		if wd, err := os.Getwd(); err == nil {
			env.Cwd = wd
		}
	}
	code, err := dispatch(args, env)
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(env.Stderr, "tlslint: %s\n", ue.msg)
			fmt.Fprintln(env.Stderr, "run 'tlslint --help' for usage")
		} else if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(env.Stdout, usage)
			return 0
		} else {
			fmt.Fprintf(env.Stderr, "tlslint: %v\n", err)
		}
		return 2
	}
	return code
}

const usage = `tlslint: catch TLS handshake failures in nginx and BIG-IP configuration

usage:
  tlslint [lint] [flags] PATH...    lint config trees (default command)
  tlslint rules [--format json]     list every rule
  tlslint explain ID|NAME           a rule's page
  tlslint ciphers STRING            expand a cipher string (openssl ciphers -v format)
  tlslint clients [PRESET]          list client profiles, or a preset's members
  tlslint version

lint flags (flags may come before or after paths):
  --format text|json|sarif|github   output format (default text)
  --config FILE                     config file (default: nearest .tlslint.hcl upwards)
  --clients PRESET|NAME,...         client population (modern, intermediate, old)
  --nginx-version V                 target nginx (default ` + "1.28" + `)
  --openssl-version V[@LEVEL]       target OpenSSL (default 3.0@2)
  --bigip-version V                 target BIG-IP (default 17.1)
  --map FROM=TO                     rewrite an absolute path prefix (repeatable)
  --roots FILE                      extra trust anchors (PEM); --no-system-roots drops the system pool
  --now RFC3339                     the clock for certificate validity
  --enable/--disable LIST           rule IDs, names or prefixes (TL2)
  --fail-on error|warning|info|never  lowest severity that fails (default warning)
  --require-certs                   unreadable certificate files are errors
  --type auto|nginx|bigip|as3       input type (default: detect from content)
  --stdin-filename NAME             name for input read from '-'
  --no-inline-ignores               ignore '# tlslint:ignore' comments
  --diff                            print the safe fixes as a unified diff, change nothing
  --fix / --unsafe-fixes            apply the safe fixes in place / also the unsafe ones

exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 tlslint could not run
`

func dispatch(args []string, env Env) (int, error) {
	cmd := "lint"
	if len(args) > 0 {
		switch args[0] {
		case "lint", "rules", "explain", "version", "ciphers", "clients":
			cmd, args = args[0], args[1:]
		case "drift":
			return 2, usagef("drift is not available in this version")
		case "help", "-h", "--help", "-help":
			return 0, flag.ErrHelp
		}
	}
	switch cmd {
	case "rules":
		return cmdRules(args, env)
	case "explain":
		return cmdExplain(args, env)
	case "version":
		fmt.Fprintf(env.Stdout, "tlslint %s\ntargets: nginx %s (default; knows defaults of 1.x), OpenSSL %d.%d at security level %d (default), BIG-IP %s (default)\n",
			Version, lint.DefaultNginx, tls.DefaultOpenSSL.Major, tls.DefaultOpenSSL.Minor, tls.DefaultOpenSSL.SecLevel, lint.DefaultBigIP)
		return 0, nil
	case "ciphers":
		return cmdCiphers(args, env)
	case "clients":
		return cmdClients(args, env)
	}
	return cmdLint(args, env)
}

// lintFlags are the flags of the lint command.
type lintFlags struct {
	format, configPath, typ, stdinName  trackFlag
	clients                             listFlag
	nginxV, opensslV, bigipV, now       trackFlag
	maps, roots                         repeatFlag
	enable, disable                     listFlag
	failOn                              trackFlag
	noSystemRoots, requireCerts, noNoqa boolTrack
	fix, unsafeFixes, diff              boolTrack
}

func (f *lintFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.format, "format", "")
	fs.Var(&f.configPath, "config", "")
	fs.Var(&f.typ, "type", "")
	fs.Var(&f.stdinName, "stdin-filename", "")
	fs.Var(&f.clients, "clients", "")
	fs.Var(&f.nginxV, "nginx-version", "")
	fs.Var(&f.opensslV, "openssl-version", "")
	fs.Var(&f.bigipV, "bigip-version", "")
	fs.Var(&f.now, "now", "")
	fs.Var(&f.maps, "map", "")
	fs.Var(&f.roots, "roots", "")
	fs.Var(&f.enable, "enable", "")
	fs.Var(&f.disable, "disable", "")
	fs.Var(&f.failOn, "fail-on", "")
	fs.Var(&f.noSystemRoots, "no-system-roots", "")
	fs.Var(&f.requireCerts, "require-certs", "")
	fs.Var(&f.noNoqa, "no-inline-ignores", "")
	fs.Var(&f.fix, "fix", "")
	fs.Var(&f.unsafeFixes, "unsafe-fixes", "")
	fs.Var(&f.diff, "diff", "")
}

// settings is everything a lint run needs, from flags and the config file.
type settings struct {
	format  string
	failOn  lint.Severity
	target  *lint.Target
	maps    []nginx.Mapping
	run     *lint.RunOptions
	typ     string
	cfg     *config.File
	stdinAs string
}

func cmdLint(args []string, env Env) (int, error) {
	var f lintFlags
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	f.register(fs)
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return 2, err
	}
	if len(paths) == 0 {
		return 2, usagef("no PATH given: name an nginx.conf, a config directory, a file, or - for standard input")
	}
	if f.fix.v && f.diff.v {
		return 2, usagef("--fix and --diff exclude each other: --diff shows the fixes and changes nothing")
	}
	if f.unsafeFixes.v && !f.diff.v {
		f.fix.v = true // --unsafe-fixes applies safe and unsafe fixes
	}
	s, err := buildSettings(&f, env)
	if err != nil {
		return 2, err
	}
	if s.format == "text" && s.cfg.Path != "" {
		// which file decided the settings, since discovery skips some
		abs, _ := filepath.Abs(s.cfg.Path)
		fmt.Fprintf(env.Stderr, "tlslint: using config %s\n", displayName(env.Cwd, abs))
	}
	m, findings, err := lintOnce(paths, s, &f, env)
	if err != nil {
		return 2, err
	}
	switch {
	case f.diff.v:
		changed := applyEdits(m, chooseFixes(m, findings, f.unsafeFixes.v, nil))
		if err := printDiff(env, m, changed); err != nil {
			return 2, err
		}
		return exitCode(findings, s.failOn), nil
	case f.fix.v:
		m, findings, err = fixLoop(paths, s, &f, env, m, findings)
		if err != nil {
			return 2, err
		}
	}
	opts := report.Options{Color: s.format == "text" && env.IsTTY && env.Getenv("NO_COLOR") == "",
		ToolVersion: Version, Rules: lint.Rules(), Cwd: env.Cwd}
	var out bytes.Buffer
	if err := report.Write(&out, s.format, m, findings, opts); err != nil {
		return 2, err
	}
	if _, err := env.Stdout.Write(out.Bytes()); err != nil {
		return 2, err
	}
	return exitCode(findings, s.failOn), nil
}

func exitCode(findings []lint.Finding, failOn lint.Severity) int {
	for _, fd := range findings {
		if fd.Suppressed == nil && fd.Severity >= failOn {
			return 1
		}
	}
	return 0
}

// lintOnce loads every input into one model and runs the rules.
func lintOnce(paths []string, s *settings, f *lintFlags, env Env) (*lint.Model, []lint.Finding, error) {
	m := lint.NewModel()
	in, err := load(m, paths, s, env)
	if err != nil {
		return nil, nil, err
	}
	m.BuildSockets()
	store, err := certStore(s, f, env, in)
	if err != nil {
		return nil, nil, err
	}
	m.AttachCerts(store)
	for _, b := range s.cfg.Backends {
		m.Backends = append(m.Backends, &lint.Backend{Host: b.Host, Port: b.Port, Protocols: b.Protocols,
			Ciphers: b.Ciphers, TLS13: b.CipherSuites, Pos: b.Pos})
	}
	return m, lint.Run(m, s.target, s.run), nil
}

// fixLoop applies fixes, re-parses and re-lints until nothing applies (at
// most maxFixPasses passes). A pass whose fixes make a file unparsable
// (more TL001 than before) is reverted for that file, which then gets no
// more fixes. It returns the final model and findings.
func fixLoop(paths []string, s *settings, f *lintFlags, env Env, m *lint.Model, findings []lint.Finding) (*lint.Model, []lint.Finding, error) {
	broken := map[string]bool{}
	applied := 0
	files := map[string]bool{}
	for pass := 0; pass < maxFixPasses; pass++ {
		fixes := chooseFixes(m, findings, f.unsafeFixes.v, broken)
		if len(fixes) == 0 {
			break
		}
		changed := applyEdits(m, fixes)
		before := parseErrors(findings)
		previous := map[string][]byte{}
		for n := range changed {
			previous[n] = m.Source(n).Data
		}
		if err := writeChanges(m, changed); err != nil {
			return nil, nil, err
		}
		nm, nf, err := lintOnce(paths, s, f, env)
		if err != nil {
			return nil, nil, err
		}
		after := parseErrors(nf)
		reverted := false
		for n := range changed {
			if after[n] > before[n] {
				// the fix broke the syntax: put the file back
				if err := writeAtomic(nm.Source(n).Path, previous[n]); err != nil {
					return nil, nil, fmt.Errorf("reverting %s: %v", n, err)
				}
				broken[n] = true
				reverted = true
				fmt.Fprintf(env.Stderr, "tlslint: a fix made %s unparsable and was reverted\n", n)
			}
		}
		if reverted {
			if nm, nf, err = lintOnce(paths, s, f, env); err != nil {
				return nil, nil, err
			}
		}
		for _, p := range fixes {
			bad := false
			for _, n := range p.files {
				if broken[n] {
					bad = true
				}
			}
			if !bad {
				applied++
				for _, n := range p.files {
					files[n] = true
				}
			}
		}
		m, findings = nm, nf
	}
	if applied > 0 {
		fmt.Fprintf(env.Stderr, "tlslint: applied %d fixes in %d files\n", applied, len(files))
	}
	return m, findings, nil
}

// certStore prepares reading the certificate files: trust anchors from the
// system pool (unless --no-system-roots) plus --roots / roots, the clock
// from --now, the security level of the target OpenSSL.
func certStore(s *settings, f *lintFlags, env Env, in *inputs) (*lint.CertStore, error) {
	var fsys certs.FS = certs.OSFS{}
	if in != nil && in.files != nil {
		fsys = in.files // reads "backup.ucs!member" paths from archives, the rest from disk
	}
	loader := certs.NewLoader(fsys, nil)
	roots := append([]string{}, s.cfg.Roots...)
	for _, r := range f.roots {
		if !filepath.IsAbs(r) {
			r = filepath.Join(env.Cwd, r)
		}
		roots = append(roots, r)
	}
	system := !(f.noSystemRoots.v || (!f.noSystemRoots.set && s.cfg.NoSystemRoots != nil && *s.cfg.NoSystemRoots))
	trust, err := loader.LoadTrust(system, roots...)
	if err != nil {
		return nil, fmt.Errorf("--roots: %v", err)
	}
	require := f.requireCerts.v || (!f.requireCerts.set && s.cfg.RequireCerts != nil && *s.cfg.RequireCerts)
	an := certs.NewAnalyzer(loader, certs.Options{Now: s.target.Now, Trust: trust, Level: certs.LevelOf(s.target.OpenSSL)})
	return lint.NewCertStore(an, require), nil
}

// buildSettings merges flags over the config file over the defaults.
func buildSettings(f *lintFlags, env Env) (*settings, error) {
	s := &settings{format: "text", failOn: lint.Warning, typ: "auto"}
	var cfg *config.File
	switch {
	case f.configPath.set:
		c, err := config.Load(f.configPath.v)
		if err != nil {
			return nil, err
		}
		cfg = c
	default:
		p, notices := config.Discover(env.Cwd)
		for _, n := range notices {
			fmt.Fprintf(env.Stderr, "tlslint: %s\n", n)
		}
		if p != "" {
			c, err := config.Load(p)
			if err != nil {
				return nil, err
			}
			cfg = c
		}
	}
	if cfg == nil {
		cfg = &config.File{}
	}
	s.cfg = cfg
	t := &lint.Target{Nginx: lint.DefaultNginx, OpenSSL: tls.DefaultOpenSSL, BigIP: lint.DefaultBigIP,
		Clients: []string{"intermediate"}, Now: time.Now().UTC(), ExpiryDays: 21}
	var err error
	if v := pick(f.nginxV, cfg.NginxVersion); v != "" {
		if t.Nginx, err = lint.ParseProductVersion(v); err != nil {
			return nil, usagef("--nginx-version: %v", err)
		}
	}
	if v := pick(f.opensslV, cfg.OpenSSLVersion); v != "" {
		if t.OpenSSL, err = tls.ParseOpenSSL(v); err != nil {
			return nil, usagef("--openssl-version: %v", err)
		}
	}
	if v := pick(f.bigipV, cfg.BigIPVersion); v != "" {
		if t.BigIP, err = lint.ParseProductVersion(v); err != nil {
			return nil, usagef("--bigip-version: %v", err)
		}
	}
	if len(f.clients) > 0 {
		t.Clients = f.clients
		if _, err := clients.Select(t.Clients); err != nil {
			return nil, usagef("--clients: %v", err)
		}
	} else if len(cfg.Clients) > 0 {
		t.Clients = cfg.Clients
		if _, err := clients.Select(t.Clients); err != nil {
			return nil, fmt.Errorf("%s: clients: %v", cfg.ClientsPos, err)
		}
	}
	if f.now.set {
		if t.Now, err = time.Parse(time.RFC3339, f.now.v); err != nil {
			return nil, usagef("--now: %q is not an RFC 3339 time (2026-01-02T15:04:05Z)", f.now.v)
		}
	}
	if cfg.ExpiryDays != nil {
		t.ExpiryDays = *cfg.ExpiryDays
	}
	s.target = t
	if v := pick(f.failOn, cfg.FailOn); v != "" {
		if s.failOn, err = lint.ParseSeverity(v, true); err != nil {
			return nil, usagef("--fail-on: %v", err)
		}
	}
	if f.format.set {
		switch f.format.v {
		case "text", "json", "sarif", "github":
			s.format = f.format.v
		default:
			return nil, usagef("--format %q: expected text, json, sarif or github", f.format.v)
		}
	}
	if f.typ.set {
		switch f.typ.v {
		case "auto", "nginx", "bigip", "as3":
			s.typ = f.typ.v
		default:
			return nil, usagef("--type %q: expected auto, nginx, bigip or as3", f.typ.v)
		}
	}
	for _, m := range f.maps {
		from, to, ok := strings.Cut(m, "=")
		if !ok || from == "" || to == "" || !filepath.IsAbs(from) {
			return nil, usagef("--map %q: expected FROM=TO with an absolute FROM (--map /etc/nginx=deploy/nginx)", m)
		}
		s.maps = append(s.maps, nginx.Mapping{From: filepath.Clean(from), To: to})
	}
	for _, m := range cfg.PathMap {
		s.maps = append(s.maps, nginx.Mapping{From: m.From, To: m.To})
	}
	// the most specific prefix wins; on equal length a flag beats the config
	sort.SliceStable(s.maps, func(i, j int) bool { return len(s.maps[i].From) > len(s.maps[j].From) })
	for _, sel := range append(append([]string{}, f.enable...), f.disable...) {
		if !lint.ValidSelector(sel) {
			return nil, usagef("--enable/--disable: %q matches no rule (IDs like TL105, names like upstream-verify-off, or prefixes like TL2)", sel)
		}
	}
	run := &lint.RunOptions{Enable: f.enable, Disable: f.disable, Enabled: map[string]bool{},
		Severity: map[string]lint.Severity{}, RuleOptions: map[string]any{}, NoInlineIgnores: f.noNoqa.v, Ignores: cfg.Ignores}
	for id, r := range cfg.Rules {
		if r.Enabled != nil {
			run.Enabled[id] = *r.Enabled
		}
		if r.Severity != nil {
			run.Severity[id] = *r.Severity
		}
		if r.Options != nil {
			run.RuleOptions[id] = r.Options
		}
	}
	s.run = run
	if f.stdinName.set {
		s.stdinAs = f.stdinName.v
	}
	return s, nil
}

func pick(f trackFlag, cfg string) string {
	if f.set {
		return f.v
	}
	return cfg
}

// inputs is what load read: the nginx loader (to join its cross-checks)
// and the BIG-IP archives the certificate loader must read from.
type inputs struct {
	files *bigip.Files
}

// load reads every PATH into one model, whatever its format: nginx trees,
// BIG-IP configs and archives, AS3 declarations (lint across tiers).
func load(m *lint.Model, paths []string, s *settings, env Env) (*inputs, error) {
	display := func(abs string) string { return displayName(env.Cwd, abs) }
	ng := nginx.NewLoader(m, &nginx.Options{Maps: s.maps, Target: s.target, Display: display})
	in := &inputs{files: bigip.NewFiles()}
	bopts := &bigip.Options{Target: s.target, Display: display, Files: in.files}
	aopts := &as3.Options{Target: s.target, Display: display}
	for _, p := range paths {
		if p == "-" {
			data, err := files.ReadStream(env.Stdin, "standard input", files.Config)
			if err != nil {
				return nil, fmt.Errorf("reading standard input: %w", err)
			}
			name := s.stdinAs
			if name == "" {
				name = "<stdin>"
			}
			if !filepath.IsAbs(name) {
				name = filepath.Join(env.Cwd, name)
			}
			kind := s.kind(data)
			err = recovered(m, display(name), func() error {
				switch kind {
				case "bigip":
					return bigip.LoadModelBytes(m, display(name), data, bopts)
				case "as3":
					return as3.LoadModelBytes(m, display(name), data, aopts)
				}
				ng.LoadData(name, data)
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("standard input: %v", err)
			}
			continue
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(env.Cwd, p)
		}
		kind, err := s.kindOf(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", displayName(env.Cwd, p), err)
		}
		err = recovered(m, displayName(env.Cwd, p), func() error {
			switch kind {
			case "bigip":
				return bigip.LoadModel(m, p, bopts)
			case "as3":
				return as3.LoadModel(m, p, aopts)
			}
			return ng.LoadPath(p)
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %v", displayName(env.Cwd, p), err)
		}
	}
	ng.Wait() // the gonginx cross-checks ran beside the walk
	return in, nil
}

// recovered runs a loader and turns its panic into a TL004 finding naming
// the file (RULES.md TL004), as the runner does for rules: the other files
// and the rules still run, and no Go stack trace reaches the user.
func recovered(m *lint.Model, name string, load func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = nil
			m.Findings = append(m.Findings, lint.Finding{Rule: "TL004", Name: "internal-error", Severity: lint.Error,
				Pos:     lint.Pos{File: name},
				Message: fmt.Sprintf("the loader crashed on %s and it was not linted (or only partly): %s; please report a bug with this file", name, lint.Trunc(fmt.Sprint(v)))})
		}
	}()
	return load()
}

// kindOf decides a path's format from its content (CLI.md: auto-detection
// looks at content, not at the extension), unless --type says.
func (s *settings) kindOf(p string) (string, error) {
	st, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("no such file or directory")
		}
		return "", err
	}
	if st.IsDir() {
		if s.typ != "auto" {
			return s.typ, nil
		}
		if _, err := os.Stat(filepath.Join(p, "nginx.conf")); err == nil {
			return "nginx", nil
		}
		for _, f := range []string{"bigip.conf", "config/bigip.conf", "bigip_base.conf", "config/bigip_base.conf"} {
			if _, err := os.Stat(filepath.Join(p, f)); err == nil {
				return "bigip", nil
			}
		}
		return "", fmt.Errorf("a directory without nginx.conf or bigip.conf: name the main file")
	}
	f, _, err := files.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	return s.kind(head[:n]), nil
}

func (s *settings) kind(data []byte) string {
	if s.typ != "auto" {
		return s.typ
	}
	switch {
	case bigip.IsArchive(data):
		return "bigip"
	case as3.Detect(data):
		return "as3"
	case bigip.Detect(data):
		return "bigip"
	}
	return "nginx"
}

// displayName is relative to the working directory when below it, else absolute.
func displayName(cwd, abs string) string {
	if cwd != "" {
		if rel, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(abs)
}
