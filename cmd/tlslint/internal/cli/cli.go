package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/clients"
	"github.com/tlslint/tlslint/lint/config"
	"github.com/tlslint/tlslint/lint/driver"
	"github.com/tlslint/tlslint/lint/files"
	"github.com/tlslint/tlslint/lint/report"
	"github.com/tlslint/tlslint/lint/tls"
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
			l := argsLang(args, env)
			fmt.Fprintf(env.Stderr, "tlslint: %s\n", ue.m.In(l))
			fmt.Fprintln(env.Stderr, lint.Msgf("run 'tlslint --help' for usage").In(l))
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
  tlslint why --log FILE|- PATH...  explain handshake errors of a log by the config lines
                                    that cause them (--line 'LOG LINE' for one line)
  tlslint drift [flags] [A B]       compare what two environments offer (or those of .tlslint.hcl)
  tlslint rules [--format json]     list every rule
  tlslint explain ID|NAME           a rule's page
  tlslint ciphers STRING            expand a cipher string (openssl ciphers -v format;
                                    --openssl-version, --openssl-build, --bigip-version)
  tlslint clients [PRESET]          list client profiles, or a preset's members
  tlslint version                   version, build and default targets
  tlslint completion bash|zsh|fish  a shell completion script
  tlslint COMMAND --help            a command's own help

lint flags (flags may come before or after paths):
  --format FORMAT                   text (default), json, sarif, github (workflow annotations),
                                    gitlab (Code Quality JSON), checkstyle (XML: Jenkins, reviewdog)
  --config FILE                     config file (default: nearest .tlslint.hcl upwards)
  --clients PRESET|NAME,...         client population (modern, intermediate, old)
  --nginx-version V                 target nginx (default ` + "1.28" + `)
  --openssl-version V[@LEVEL]       target OpenSSL (default 3.0@2)
  --openssl-build LIST              its build beyond the version's default: weak-ciphers, legacy-provider
  --bigip-version V                 target BIG-IP (default 17.1)
  --map FROM=TO                     rewrite an absolute path prefix (repeatable)
  --host-paths                      read unmapped absolute paths outside the tree from this machine
  --roots FILE                      extra trust anchors (PEM); --no-system-roots drops the system pool
  --now RFC3339                     the clock for certificate validity
  --enable/--disable LIST           rule IDs, names or prefixes (TL2)
  --fail-on error|warning|info|never  lowest severity that fails (default warning)
  --lang en|ja                      language of messages (default: from LC_ALL/LC_MESSAGES/LANG)
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
		case "lint", "rules", "explain", "version", "ciphers", "clients", "completion":
			cmd, args = args[0], args[1:]
		case "drift":
			if wantsHelp(args[1:]) {
				fmt.Fprint(env.Stdout, helpFor("drift"))
				return 0, nil
			}
			return cmdDrift(args[1:], env)
		case "why":
			return cmdWhy(args[1:], env)
		case "help":
			if len(args) > 1 {
				fmt.Fprint(env.Stdout, helpFor(args[1]))
				return 0, nil
			}
			return 0, flag.ErrHelp
		case "-h", "--help", "-help":
			return 0, flag.ErrHelp
		}
	}
	if wantsHelp(args) {
		fmt.Fprint(env.Stdout, helpFor(cmd))
		return 0, nil
	}
	switch cmd {
	case "rules":
		return cmdRules(args, env)
	case "explain":
		return cmdExplain(args, env)
	case "version":
		writeVersion(env.Stdout)
		return 0, nil
	case "completion":
		return cmdCompletion(args, env)
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
	opensslBuild                        trackFlag
	maps, roots                         repeatFlag
	enable, disable                     listFlag
	failOn                              trackFlag
	noSystemRoots, requireCerts, noNoqa boolTrack
	fix, unsafeFixes, diff              boolTrack
	hostPaths                           boolTrack
	lang                                trackFlag
}

func (f *lintFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.format, "format", "")
	fs.Var(&f.configPath, "config", "")
	fs.Var(&f.typ, "type", "")
	fs.Var(&f.stdinName, "stdin-filename", "")
	fs.Var(&f.clients, "clients", "")
	fs.Var(&f.nginxV, "nginx-version", "")
	fs.Var(&f.opensslV, "openssl-version", "")
	fs.Var(&f.opensslBuild, "openssl-build", "")
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
	fs.Var(&f.hostPaths, "host-paths", "")
	fs.Var(&f.lang, "lang", "")
}

// settings is everything a lint run needs, from flags and the config file.
type settings struct {
	format  string
	failOn  lint.Severity
	target  *lint.Target
	maps    []lint.PathMap
	run     *lint.RunOptions
	typ     string
	cfg     *config.File
	stdinAs string
	// hostPaths: read unmapped absolute paths outside the linted tree
	// from this machine (--host-paths).
	hostPaths bool
	standIn   *lint.StandIn // a rendered file linted in its tree (integrations.go)
	lang      lint.Lang     // of messages (lang.go)
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
	m, findings, err := lintInContext(paths, s, &f, env)
	if err != nil {
		return 2, err
	}
	switch {
	case f.diff.v:
		changed := lint.ApplyFixes(m, lint.ChooseFixes(m, findings, f.unsafeFixes.v, nil))
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
		ToolVersion: Version, Rules: lint.Rules(), Cwd: env.Cwd, RepoRoot: projectRoot(env), Lang: s.lang}
	// Straight to standard output through a buffer of its own: the report
	// of a 20,000-server tree is 27 MB, which held whole cost as much again
	// in heap at the end of the run.
	out := bufio.NewWriterSize(env.Stdout, 64<<10)
	if err := report.Write(out, s.format, m, findings, opts); err != nil {
		return 2, err
	}
	if err := out.Flush(); err != nil {
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
	o := s.driverOptions(f, env)
	o.NoOffers = true // nothing here reads the rules' offer book
	res, err := driver.Lint(paths, o)
	if err != nil {
		return nil, nil, err
	}
	return res.Model, res.Findings, nil
}

// driverOptions are the settings as the driver takes them.
func (s *settings) driverOptions(f *lintFlags, env Env) *driver.Options {
	o := &driver.Options{Target: s.target, Type: s.typ, Maps: s.maps, HostPaths: s.hostPaths, StandIn: s.standIn, Cwd: env.Cwd, Stdin: env.Stdin, StdinName: s.stdinAs,
		Run: s.run, Roots: append([]string{}, s.cfg.Roots...)}
	o.Roots = append(o.Roots, f.roots...)
	o.NoSystemRoots = f.noSystemRoots.v || (!f.noSystemRoots.set && s.cfg.NoSystemRoots != nil && *s.cfg.NoSystemRoots)
	o.RequireCerts = f.requireCerts.v || (!f.requireCerts.set && s.cfg.RequireCerts != nil && *s.cfg.RequireCerts)
	for _, b := range s.cfg.Backends {
		o.Backends = append(o.Backends, &lint.Backend{Host: b.Host, Port: b.Port, Protocols: b.Protocols,
			Ciphers: b.Ciphers, TLS13: b.CipherSuites, Pos: b.Pos})
	}
	return o
}

// fixLoop applies fixes, re-parses and re-lints until nothing applies (at
// most maxFixPasses passes). A pass whose fixes make a file unparsable
// (more TL001 than before) is reverted for that file, which then gets no
// more fixes. It returns the final model and findings.
func fixLoop(paths []string, s *settings, f *lintFlags, env Env, m *lint.Model, findings []lint.Finding) (_ *lint.Model, _ []lint.Finding, err error) {
	// Every pass writes within one transaction: a failure in any pass puts
	// every file back as it was before --fix (exit 2, nothing changed).
	txn := files.NewTxn()
	defer func() {
		if err == nil {
			txn.Commit()
			return
		}
		if rerr := txn.Rollback(); rerr != nil {
			err = fmt.Errorf("%v; restoring the files failed: %v", err, rerr)
		}
	}()
	res, err := lint.FixPasses(m, findings, f.unsafeFixes.v, lint.FixIO{
		Write: func(m *lint.Model, changed map[string][]byte) error { return writeChanges(txn, m, changed) },
		Revert: func(m *lint.Model, n string, data []byte) error {
			return txn.Write(map[string][]byte{m.Source(n).Path: data}, nil)
		},
		Relint: func() (*lint.Model, []lint.Finding, error) { return lintOnce(paths, s, f, env) },
		Reverted: func(n string) {
			fmt.Fprintf(env.Stderr, "tlslint: a fix made %s unparsable and was reverted\n", n)
		},
	})
	if err != nil {
		return nil, nil, err
	}
	m, findings = res.Model, res.Findings
	applied, files := res.Applied, res.Files
	if applied > 0 {
		fmt.Fprintf(env.Stderr, "tlslint: applied %d fixes in %d files\n", applied, len(files))
	}
	return m, findings, nil
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
	t := lint.DefaultTarget()
	t.Now = time.Now().UTC() // the CLI alone reads the wall clock; --now replaces it
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
	if v := pick(f.opensslBuild, cfg.OpenSSLBuild); v != "" {
		if t.OpenSSL.Build, err = tls.ParseOpenSSLBuild(v); err != nil {
			return nil, usagef("--openssl-build: %v", err)
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
	if s.lang, err = runLang(f.lang, cfg.Lang, env); err != nil {
		return nil, err
	}
	if v := pick(f.failOn, cfg.FailOn); v != "" {
		if s.failOn, err = lint.ParseSeverity(v, true); err != nil {
			return nil, usagef("--fail-on: %v", err)
		}
	}
	if f.format.set {
		if !slices.Contains(report.Formats, f.format.v) {
			return nil, usagef("--format %q: expected %s", f.format.v, strings.Join(report.Formats, ", "))
		}
		s.format = f.format.v
	}
	if f.typ.set {
		if !slices.Contains(driver.TypeNames(), f.typ.v) {
			return nil, usagef("--type %q: expected one of %s", f.typ.v, strings.Join(driver.TypeNames(), ", "))
		}
		s.typ = f.typ.v
	}
	for _, m := range f.maps {
		from, to, ok := strings.Cut(m, "=")
		if !ok || from == "" || to == "" || !filepath.IsAbs(from) {
			return nil, usagef("--map %q: expected FROM=TO with an absolute FROM (--map /etc/nginx=deploy/nginx)", m)
		}
		s.maps = append(s.maps, lint.PathMap{From: filepath.Clean(from), To: to})
	}
	s.maps = append(s.maps, cfg.PathMap...)
	s.hostPaths = f.hostPaths.v
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

// displayName is relative to the working directory when below it, else absolute.
func displayName(cwd, abs string) string { return driver.DisplayName(cwd, abs) }
