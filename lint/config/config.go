// Package config reads `.tlslint.hcl`, the project configuration file
// (CLI.md "`.tlslint.hcl`"), with hashicorp/hcl/v2 and gohcl. Every key is
// validated when the file is loaded, so that a typo fails the run with the
// file:line of the mistake (exit 2) instead of being silently ignored.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"syscall"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/files"
	"github.com/tlslint/tlslint/lint/tls"
)

// FileName is the name Find looks for.
const FileName = ".tlslint.hcl"

// File is a decoded, validated `.tlslint.hcl`. Unset scalars are empty
// strings or nil pointers, so the CLI can tell "not configured" from a
// configured zero value and let flags win over the file.
type File struct {
	Path string // the path Load was given

	// Clients is a preset name ("intermediate") or client names
	// ("Android 4.4.2"); nil when unset. The names are not checked here
	// (lint/clients knows them): report an unknown one at ClientsPos.
	Clients    []string
	ClientsPos lint.Pos

	// Target versions as written (validated: lint.ParseProductVersion,
	// tls.ParseOpenSSL); "" when unset.
	NginxVersion   string
	OpenSSLVersion string
	BigIPVersion   string
	// OpenSSLBuild is `openssl_build` (a string "weak-ciphers,legacy-provider"
	// or a list of options), validated by tls.ParseOpenSSLBuild and in its
	// canonical form; "" when unset.
	OpenSSLBuild string

	// FailOn is the canonical severity name ("error", "warning", "info",
	// "never"); "" when unset.
	FailOn string
	// Lang is `lang` ("en" or "ja", CLI.md --lang); "" when unset.
	Lang string

	Roots         []string // absolute paths (relative ones resolved against the config file's directory)
	NoSystemRoots *bool
	RequireCerts  *bool
	PathMap       []Mapping // longest From first
	ExpiryDays    *int

	Rules    map[string]*Rule // by canonical rule ID
	Backends []Backend        // in file order
	Ignores  []*lint.Suppression
	// Environments are the `environment "NAME" { … }` blocks tlslint
	// drift compares, in file order (the first is the reference).
	Environments []Environment
}

// Environment is an `environment "NAME" { paths = […], hostname_map = {…},
// path_map = {…} }` block: one deployment of the same service.
type Environment struct {
	Name  string
	Paths []string // absolute (relative ones resolved against the config file's directory)
	// HostnameMap rewrites this environment's host names to the
	// reference's ("app.staging.example.com" → "app.example.com"); keys
	// are lower case. A key starting with "." rewrites a suffix
	// (".staging.example.com" → ".example.com").
	HostnameMap map[string]string
	PathMap     []Mapping // longest From first; applies to this environment only
	Pos         lint.Pos  // the block header
}

// Mapping rewrites the absolute path prefix From (as written in the linted
// configuration) to To (a path on this machine) before files are read; the
// config-file form of `--map FROM=TO`.
type Mapping = lint.PathMap

// Rule is a `rule "ID" { … }` block.
type Rule struct {
	ID       string         // canonical ID, even when the block names the rule by name
	Enabled  *bool          // nil: not set
	Severity *lint.Severity // nil: the rule's default
	// Options is the value returned by the rule's Options func with the
	// block's other attributes decoded into it; nil for rules without
	// options.
	Options any
	Pos     lint.Pos // the block header
}

// Backend is a `backend "host:port" { … }` block: what a TLS server
// outside the linted tree accepts, so that upstream rules (TL107) can
// check the proxy's offer against it.
type Backend struct {
	Address string // as written: "legacy.internal:8443"
	Host    string // "legacy.internal" (IPv6 without brackets)
	Port    int
	// Protocols the backend accepts; empty when not declared.
	Protocols tls.VersionSet
	// Ciphers is the backend's TLS ≤ 1.2 cipher list in OpenSSL's
	// cipher-string grammar; "" when not declared.
	Ciphers string
	// CipherSuites is the backend's TLS 1.3 suite list (OpenSSL
	// Ciphersuites syntax, names checked); "" when not declared.
	CipherSuites string
	Pos          lint.Pos // the block header
}

// Problem is one mistake in the file.
type Problem struct {
	Pos     lint.Pos
	Message string
}

func (p Problem) String() string { return p.Pos.String() + ": " + p.Message }

// Error is an invalid configuration file: every problem found, in file
// order. Its message has one "file:line:col: message" line per problem.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// ApplyTo copies the per-rule settings and the ignore blocks into run
// options; flags the caller sets afterwards (--enable/--disable) still win
// because the runner gives them precedence over Enabled.
func (f *File) ApplyTo(o *lint.RunOptions) {
	for id, r := range f.Rules {
		if r.Enabled != nil {
			if o.Enabled == nil {
				o.Enabled = map[string]bool{}
			}
			o.Enabled[id] = *r.Enabled
		}
		if r.Severity != nil {
			if o.Severity == nil {
				o.Severity = map[string]lint.Severity{}
			}
			o.Severity[id] = *r.Severity
		}
		if r.Options != nil {
			if o.RuleOptions == nil {
				o.RuleOptions = map[string]any{}
			}
			o.RuleOptions[id] = r.Options
		}
	}
	o.Ignores = append(o.Ignores, f.Ignores...)
}

// Find returns the nearest .tlslint.hcl in startDir or one of its parents,
// as an absolute path (see Discover; its notices are dropped).
func Find(startDir string) (path string, found bool) {
	p, _ := Discover(startDir)
	return p, p != ""
}

// Discover looks for .tlslint.hcl in startDir and its parents (CLI.md
// --config). The search stops at the repository root, the first directory
// holding .git: a config above it belongs to someone else's tree (a CI
// runner's home, /tmp). A file is skipped, with a notice, when it is not a
// regular file, is owned by neither the current user nor root, or is
// writable by others: tlslint may run as root in CI, and such a file lets
// another user choose what it reports (disable every rule).
func Discover(startDir string) (path string, notices []string) {
	dir, err := filepath.Abs(startDir)
	if err != nil {
		return "", nil
	}
	for {
		p := filepath.Join(dir, FileName)
		if st, err := os.Stat(p); err == nil {
			if why := untrusted(st); why != "" {
				notices = append(notices, fmt.Sprintf("ignoring %s: %s (pass it with --config to use it)", p, why))
			} else {
				return p, notices
			}
		}
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return "", notices // the repository root
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", notices
		}
		dir = parent
	}
}

// untrusted says why a discovered config file is not used ("" when it is).
func untrusted(st fs.FileInfo) string {
	if !st.Mode().IsRegular() {
		return "not a regular file"
	}
	if st.Mode().Perm()&0o002 != 0 {
		return "writable by every user"
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		if uid := os.Getuid(); sys.Uid != 0 && int(sys.Uid) != uid {
			return fmt.Sprintf("owned by uid %d, neither you (uid %d) nor root", sys.Uid, uid)
		}
	}
	return ""
}

// maxNesting bounds bracket nesting in a config file; real ones nest three
// or four deep (rule "X" { options { list = [..] } }).
const maxNesting = 100

// nestingOK scans the ({[ nesting of an HCL file outside strings and
// comments; it returns false and the offset where maxNesting is passed.
func nestingOK(data []byte) (int, bool) {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			for i++; i < len(data) && data[i] != '"' && data[i] != '\n'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case '/':
			if i+1 < len(data) && data[i+1] == '/' {
				for i < len(data) && data[i] != '\n' {
					i++
				}
			} else if i+1 < len(data) && data[i+1] == '*' {
				for i += 2; i+1 < len(data) && !(data[i] == '*' && data[i+1] == '/'); i++ {
				}
				i++
			}
		case '(', '[', '{':
			if depth++; depth > maxNesting {
				return i, false
			}
		case ')', ']', '}':
			depth--
		}
	}
	return 0, true
}

// Load reads and validates a configuration file. A file that cannot be read
// is an ordinary error; an invalid one is an *Error listing every problem.
func Load(path string) (*File, error) {
	data, err := files.Read(path, files.Settings)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("config file %s does not exist", path)
		}
		return nil, fmt.Errorf("read config file: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config file %s: %w", path, err)
	}
	return parse(path, displayName(abs), filepath.Dir(abs), data)
}

// displayName follows Pos.File's convention: relative to the working
// directory when the file is below it, else absolute.
func displayName(abs string) string {
	wd, err := os.Getwd()
	if err != nil {
		return abs
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs
	}
	return filepath.ToSlash(rel)
}

// decoder collects problems while the file is decoded.
type decoder struct {
	src      *lint.Source
	dir      string // the config file's directory: relative paths resolve against it
	problems []Problem
}

// fileBody is the top-level schema. Every key is optional; keys not listed
// here are rejected by gohcl as unsupported.
type fileBody struct {
	Clients        hcl.Expression `hcl:"clients,optional"`
	NginxVersion   *string        `hcl:"nginx_version,optional"`
	OpenSSLVersion *string        `hcl:"openssl_version,optional"`
	OpenSSLBuild   hcl.Expression `hcl:"openssl_build,optional"`
	BigIPVersion   *string        `hcl:"bigip_version,optional"`
	FailOn         *string        `hcl:"fail_on,optional"`
	Lang           *string        `hcl:"lang,optional"`
	Roots          *[]string      `hcl:"roots,optional"`
	NoSystemRoots  *bool          `hcl:"no_system_roots,optional"`
	RequireCerts   *bool          `hcl:"require_certs,optional"`
	PathMap        hcl.Expression `hcl:"path_map,optional"`
	ExpiryDays     *int           `hcl:"expiry_days,optional"`

	Rules    []ruleBlock    `hcl:"rule,block"`
	Backends []backendBlock `hcl:"backend,block"`
	Ignores  []ignoreBlock  `hcl:"ignore,block"`
	Envs     []envBlock     `hcl:"environment,block"`

	NginxVersionRange   hcl.Range `hcl:"nginx_version,attr_value_range"`
	OpenSSLVersionRange hcl.Range `hcl:"openssl_version,attr_value_range"`
	BigIPVersionRange   hcl.Range `hcl:"bigip_version,attr_value_range"`
	FailOnRange         hcl.Range `hcl:"fail_on,attr_value_range"`
	LangRange           hcl.Range `hcl:"lang,attr_value_range"`
	RootsRange          hcl.Range `hcl:"roots,attr_value_range"`
	ExpiryDaysRange     hcl.Range `hcl:"expiry_days,attr_value_range"`
}

type ruleBlock struct {
	Name          string    `hcl:"id,label"`
	NameRange     hcl.Range `hcl:"id,label_range"`
	DefRange      hcl.Range `hcl:",def_range"`
	Enabled       *bool     `hcl:"enabled,optional"`
	EnabledRange  hcl.Range `hcl:"enabled,attr_range"`
	Severity      *string   `hcl:"severity,optional"`
	SeverityRange hcl.Range `hcl:"severity,attr_value_range"`
	Rest          hcl.Body  `hcl:",remain"`
}

// backendBlock and ignoreBlock keep their bodies for a second decoding
// step, so that a block with a syntax-level problem (an unknown attribute)
// is not also reported for what that problem left unset.
type backendBlock struct {
	Address      string    `hcl:"address,label"`
	AddressRange hcl.Range `hcl:"address,label_range"`
	DefRange     hcl.Range `hcl:",def_range"`
	Body         hcl.Body  `hcl:",remain"`
}

type backendBody struct {
	Protocols         *[]string `hcl:"protocols,optional"`
	ProtocolsRange    hcl.Range `hcl:"protocols,attr_value_range"`
	Ciphers           *string   `hcl:"ciphers,optional"`
	CiphersRange      hcl.Range `hcl:"ciphers,attr_value_range"`
	CipherSuites      *string   `hcl:"ciphersuites,optional"`
	CipherSuitesRange hcl.Range `hcl:"ciphersuites,attr_value_range"`
}

type envBlock struct {
	Name      string    `hcl:"name,label"`
	NameRange hcl.Range `hcl:"name,label_range"`
	DefRange  hcl.Range `hcl:",def_range"`
	Body      hcl.Body  `hcl:",remain"`
}

type envBody struct {
	Paths       []string       `hcl:"paths"`
	PathsRange  hcl.Range      `hcl:"paths,attr_value_range"`
	HostnameMap hcl.Expression `hcl:"hostname_map,optional"`
	PathMap     hcl.Expression `hcl:"path_map,optional"`
}

type ignoreBlock struct {
	DefRange hcl.Range `hcl:",def_range"`
	Body     hcl.Body  `hcl:",remain"`
}

type ignoreBody struct {
	Rule         *string   `hcl:"rule,optional"`
	RuleRange    hcl.Range `hcl:"rule,attr_value_range"`
	Rules        *[]string `hcl:"rules,optional"`
	RulesRange   hcl.Range `hcl:"rules,attr_value_range"`
	Subject      string    `hcl:"subject"`
	SubjectRange hcl.Range `hcl:"subject,attr_value_range"`
	Reason       string    `hcl:"reason"`
	ReasonRange  hcl.Range `hcl:"reason,attr_value_range"`
}

func parse(path, name, dir string, data []byte) (*File, error) {
	d := &decoder{src: lint.NewSource(name, path, data), dir: dir}
	// hclsyntax parses recursively: 60,000 nested '[' overflow its
	// stack (a fatal error, not a panic). Check the nesting first.
	if off, ok := nestingOK(data); !ok {
		return nil, &Error{Problems: []Problem{{Pos: d.src.Pos(off, off+1), Message: fmt.Sprintf("brackets nested more than %d deep: not a tlslint config file", maxNesting)}}}
	}
	f, diags := hclsyntax.ParseConfig(data, name, hcl.InitialPos)
	d.diags(diags, "")
	if diags.HasErrors() {
		return nil, d.err()
	}
	var body fileBody
	d.diags(gohcl.DecodeBody(f.Body, nil, &body), "")
	out := &File{Path: path, Rules: map[string]*Rule{}}
	d.clients(out, body.Clients)
	out.NginxVersion = d.version(body.NginxVersion, body.NginxVersionRange, "nginx_version", func(s string) error {
		_, err := lint.ParseProductVersion(s)
		return err
	})
	out.BigIPVersion = d.version(body.BigIPVersion, body.BigIPVersionRange, "bigip_version", func(s string) error {
		_, err := lint.ParseProductVersion(s)
		return err
	})
	out.OpenSSLVersion = d.version(body.OpenSSLVersion, body.OpenSSLVersionRange, "openssl_version", func(s string) error {
		_, err := tls.ParseOpenSSL(s)
		return err
	})
	d.opensslBuild(out, body.OpenSSLBuild)
	if body.FailOn != nil {
		if s, err := lint.ParseSeverity(*body.FailOn, true); err != nil {
			d.problem(body.FailOnRange, "fail_on: %v", err)
		} else {
			out.FailOn = s.String()
		}
	}
	if body.Lang != nil {
		if l, err := lint.ParseLang(*body.Lang); err != nil {
			d.problem(body.LangRange, "lang: %v", err)
		} else {
			out.Lang = string(l)
		}
	}
	if body.Roots != nil {
		for _, r := range *body.Roots {
			if strings.TrimSpace(r) == "" {
				d.problem(body.RootsRange, "roots: empty path")
				continue
			}
			out.Roots = append(out.Roots, d.resolve(r))
		}
	}
	out.NoSystemRoots = body.NoSystemRoots
	out.RequireCerts = body.RequireCerts
	d.pathMap(out, body.PathMap)
	if body.ExpiryDays != nil {
		if *body.ExpiryDays < 0 {
			d.problem(body.ExpiryDaysRange, "expiry_days: %d is negative: expected the number of days before expiry to warn at (0 or more)", *body.ExpiryDays)
		} else {
			out.ExpiryDays = body.ExpiryDays
		}
	}
	for i := range body.Rules {
		d.rule(out, &body.Rules[i])
	}
	seen := map[string]hcl.Range{}
	for i := range body.Backends {
		b := &body.Backends[i]
		if prev, dup := seen[strings.ToLower(b.Address)]; dup {
			d.problem(b.DefRange, "duplicate backend %q (first declared at line %d)", b.Address, prev.Start.Line)
			continue
		}
		seen[strings.ToLower(b.Address)] = b.DefRange
		if be, ok := d.backend(b); ok {
			out.Backends = append(out.Backends, be)
		}
	}
	for i := range body.Ignores {
		if s := d.ignore(&body.Ignores[i]); s != nil {
			out.Ignores = append(out.Ignores, s)
		}
	}
	envSeen := map[string]hcl.Range{}
	for i := range body.Envs {
		e := &body.Envs[i]
		if prev, dup := envSeen[e.Name]; dup {
			d.problem(e.NameRange, "duplicate environment %q (first declared at line %d)", e.Name, prev.Start.Line)
			continue
		}
		envSeen[e.Name] = e.DefRange
		if env, ok := d.environment(e); ok {
			out.Environments = append(out.Environments, env)
		}
	}
	if len(d.problems) > 0 {
		return nil, d.err()
	}
	return out, nil
}

// environment decodes an `environment "NAME" { … }` block.
func (d *decoder) environment(blk *envBlock) (Environment, bool) {
	env := Environment{Name: blk.Name, Pos: d.pos(blk.DefRange), HostnameMap: map[string]string{}}
	if strings.TrimSpace(blk.Name) == "" {
		d.problem(blk.NameRange, "environment: empty name")
		return env, false
	}
	var b envBody
	if ds := gohcl.DecodeBody(blk.Body, nil, &b); ds.HasErrors() {
		d.diags(ds, "environment takes paths, hostname_map, path_map")
		return env, false
	}
	ok := true
	if len(b.Paths) == 0 {
		d.problem(b.PathsRange, "environment %q: paths is empty: expected the environment's configuration, e.g. [\"envs/prod/nginx.conf\"]", blk.Name)
		ok = false
	}
	for _, p := range b.Paths {
		if strings.TrimSpace(p) == "" {
			d.problem(b.PathsRange, "environment %q: empty path", blk.Name)
			ok = false
			continue
		}
		env.Paths = append(env.Paths, d.resolve(p))
	}
	if v, _ := b.HostnameMap.Value(nil); !v.IsNull() {
		pairs, ds := hcl.ExprMap(b.HostnameMap)
		if ds.HasErrors() {
			d.problem(b.HostnameMap.Range(), `environment %q: hostname_map: expected a map of this environment's host names to the reference's, e.g. { "app.staging.example.com" = "app.example.com" }`, blk.Name)
			ok = false
		}
		for _, kv := range pairs {
			var from, to string
			if ds := gohcl.DecodeExpression(kv.Key, nil, &from); ds.HasErrors() || strings.TrimSpace(from) == "" {
				d.problem(kv.Key.Range(), "environment %q: hostname_map: the key must be a host name string", blk.Name)
				ok = false
				continue
			}
			if ds := gohcl.DecodeExpression(kv.Value, nil, &to); ds.HasErrors() || strings.TrimSpace(to) == "" {
				d.problem(kv.Value.Range(), "environment %q: hostname_map: the value for %q must be a host name string", blk.Name, from)
				ok = false
				continue
			}
			from, to = strings.ToLower(strings.TrimSpace(from)), strings.ToLower(strings.TrimSpace(to))
			if strings.HasPrefix(from, ".") != strings.HasPrefix(to, ".") {
				d.problem(kv.Value.Range(), "environment %q: hostname_map: %q and %q: a suffix (starting with '.') maps to a suffix", blk.Name, from, to)
				ok = false
				continue
			}
			if _, dup := env.HostnameMap[from]; dup {
				d.problem(kv.Key.Range(), "environment %q: hostname_map: %q is mapped twice", blk.Name, from)
				ok = false
				continue
			}
			env.HostnameMap[from] = to
		}
	}
	var pm File
	n := len(d.problems)
	d.pathMap(&pm, b.PathMap)
	if len(d.problems) > n {
		ok = false
	}
	env.PathMap = pm.PathMap
	return env, ok
}

func (d *decoder) pos(r hcl.Range) lint.Pos {
	if r.Filename == "" && r.Start.Line == 0 {
		return lint.Pos{File: d.src.Name}
	}
	return d.src.Pos(r.Start.Byte, r.End.Byte)
}

func (d *decoder) problem(r hcl.Range, format string, args ...any) {
	d.problems = append(d.problems, Problem{Pos: d.pos(r), Message: fmt.Sprintf(format, args...)})
}

// diags records hcl's diagnostics; hint, when set, is appended to
// "unsupported argument" messages (it lists what the block does take).
func (d *decoder) diags(ds hcl.Diagnostics, hint string) {
	for _, dg := range ds {
		if dg.Severity != hcl.DiagError {
			continue
		}
		msg := dg.Summary
		switch {
		case dg.Summary == "Unsuitable value type" && strings.HasPrefix(dg.Detail, "Unsuitable value: "):
			// gohcl's detail repeats the summary: "Unsuitable value: a
			// number is required".
			msg = dg.Detail
		case dg.Detail != "":
			msg += ": " + dg.Detail
		}
		if hint != "" && dg.Summary == "Unsupported argument" {
			msg = strings.TrimSuffix(msg, ".") + "; " + hint
		}
		var r hcl.Range
		if dg.Subject != nil {
			r = *dg.Subject
		}
		d.problem(r, "%s", msg)
	}
}

func (d *decoder) err() error {
	sort.SliceStable(d.problems, func(i, j int) bool {
		return d.problems[i].Pos.Offset < d.problems[j].Pos.Offset
	})
	var out []Problem
	for i, p := range d.problems {
		if i > 0 && p == d.problems[i-1] {
			continue
		}
		out = append(out, p)
	}
	return &Error{Problems: out}
}

// resolve makes a path from the file absolute, relative to the file's
// directory (so the config means the same from any working directory).
func (d *decoder) resolve(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(d.dir, filepath.FromSlash(p))
}

func (d *decoder) version(v *string, r hcl.Range, key string, parse func(string) error) string {
	if v == nil {
		return ""
	}
	if strings.TrimSpace(*v) == "" {
		d.problem(r, "%s: empty version", key)
		return ""
	}
	if err := parse(*v); err != nil {
		d.problem(r, "%s: %v", key, err)
		return ""
	}
	return strings.TrimSpace(*v)
}

// opensslBuild accepts `openssl_build = "weak-ciphers,legacy-provider"` or
// a list of options, as --openssl-build does.
func (d *decoder) opensslBuild(out *File, expr hcl.Expression) {
	v, ds := expr.Value(nil)
	d.diags(ds, "")
	if ds.HasErrors() || v.IsNull() {
		return
	}
	r := expr.Range()
	const want = `expected a string or a list of "weak-ciphers", "legacy-provider", "ssl2", "no-idea"`
	var parts []string
	switch ty := v.Type(); {
	case !v.IsWhollyKnown():
		d.problem(r, "openssl_build: %s", want)
		return
	case ty == cty.String:
		parts = []string{v.AsString()}
	case ty.IsTupleType() || ty.IsListType() || ty.IsSetType():
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.IsNull() || e.Type() != cty.String {
				d.problem(r, "openssl_build: every element must be a string: %s", want)
				return
			}
			parts = append(parts, e.AsString())
		}
	default:
		d.problem(r, "openssl_build: got a %s: %s", ty.FriendlyName(), want)
		return
	}
	b, err := tls.ParseOpenSSLBuild(strings.Join(parts, ","))
	if err != nil {
		d.problem(r, "openssl_build: %v", err)
		return
	}
	out.OpenSSLBuild = b.String()
}

// clients accepts a string (a preset or one client name) or a list of
// strings.
func (d *decoder) clients(out *File, expr hcl.Expression) {
	v, ds := expr.Value(nil)
	d.diags(ds, "")
	if ds.HasErrors() || v.IsNull() {
		return
	}
	r := expr.Range()
	out.ClientsPos = d.pos(r)
	const want = `expected a preset name ("modern", "intermediate", "old") or a list of client names`
	if !v.IsWhollyKnown() {
		d.problem(r, "clients: %s", want)
		return
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		s := strings.TrimSpace(v.AsString())
		if s == "" {
			d.problem(r, "clients: empty string: %s", want)
			return
		}
		out.Clients = []string{s}
	case ty.IsTupleType() || ty.IsListType() || ty.IsSetType():
		if v.LengthInt() == 0 {
			d.problem(r, "clients: empty list: %s", want)
			return
		}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.IsNull() || e.Type() != cty.String || strings.TrimSpace(e.AsString()) == "" {
				d.problem(r, "clients: every element must be a non-empty client name string: %s", want)
				out.Clients = nil
				return
			}
			out.Clients = append(out.Clients, strings.TrimSpace(e.AsString()))
		}
	default:
		d.problem(r, "clients: got a %s: %s", ty.FriendlyName(), want)
	}
}

// pathMap decodes `path_map = { "/etc/nginx" = "deploy/nginx" }`.
func (d *decoder) pathMap(out *File, expr hcl.Expression) {
	v, _ := expr.Value(nil)
	if v.IsNull() {
		return
	}
	pairs, ds := hcl.ExprMap(expr)
	if ds.HasErrors() {
		d.problem(expr.Range(), `path_map: expected a map of absolute path prefixes to local paths, e.g. { "/etc/nginx" = "deploy/nginx" }`)
		return
	}
	seen := map[string]bool{}
	for _, kv := range pairs {
		kr := kv.Key.Range()
		var from, to string
		if ds := gohcl.DecodeExpression(kv.Key, nil, &from); ds.HasErrors() {
			d.problem(kr, "path_map: the key must be a path string")
			continue
		}
		if ds := gohcl.DecodeExpression(kv.Value, nil, &to); ds.HasErrors() {
			d.problem(kv.Value.Range(), "path_map: the value for %q must be a path string", from)
			continue
		}
		// The linted configurations name Unix paths (nginx, BIG-IP), so the
		// prefix is a slash path whatever this machine uses.
		if !path.IsAbs(from) {
			d.problem(kr, "path_map: %q is not an absolute path: the key is the path prefix as written in the linted configuration, e.g. /etc/nginx", from)
			continue
		}
		from = path.Clean(from)
		if seen[from] {
			d.problem(kr, "path_map: %q is mapped twice", from)
			continue
		}
		seen[from] = true
		if strings.TrimSpace(to) == "" {
			d.problem(kv.Value.Range(), "path_map: empty target path for %q", from)
			continue
		}
		out.PathMap = append(out.PathMap, Mapping{From: from, To: d.resolve(to)})
	}
	// Longest prefix first, so that the most specific mapping wins; ties
	// cannot happen (keys are unique) but sort by name for determinism.
	sort.Slice(out.PathMap, func(i, j int) bool {
		a, b := out.PathMap[i].From, out.PathMap[j].From
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return a < b
	})
}

func (d *decoder) rule(out *File, b *ruleBlock) {
	r := lint.Lookup(b.Name)
	if r == nil {
		d.problem(b.NameRange, "unknown rule %q: expected a rule ID or name from `tlslint rules`", b.Name)
		return
	}
	if prev, dup := out.Rules[r.ID]; dup {
		d.problem(b.DefRange, "duplicate rule %q block for %s (first at line %d)", b.Name, r.ID, prev.Pos.Line)
		return
	}
	cr := &Rule{ID: r.ID, Enabled: b.Enabled, Pos: d.pos(b.DefRange)}
	out.Rules[r.ID] = cr
	// The runner always runs AlwaysOn rules (TL001: a file that does not
	// parse cannot be linted, so its parse errors are never silenced).
	if r.AlwaysOn && b.Enabled != nil && !*b.Enabled {
		d.problem(b.EnabledRange, "rule %s (%s) always runs and cannot be disabled", r.ID, r.Name)
	}
	if b.Severity != nil {
		if s, err := lint.ParseSeverity(*b.Severity, false); err != nil {
			d.problem(b.SeverityRange, "rule %s severity: %v", r.ID, err)
		} else {
			cr.Severity = &s
		}
	}
	if r.Options == nil {
		_, ds := b.Rest.Content(&hcl.BodySchema{})
		d.diags(ds, fmt.Sprintf("rule %s (%s) takes only enabled and severity", r.ID, r.Name))
		return
	}
	opts, names, err := decodeOptions(r, b.Rest)
	if err != nil {
		d.problem(b.DefRange, "%v", err)
		return
	}
	hint := fmt.Sprintf("rule %s (%s) takes enabled, severity", r.ID, r.Name)
	if len(names) > 0 {
		hint += ", " + strings.Join(names, ", ")
	}
	d.diags(opts.diags, hint)
	cr.Options = opts.value
}

type decodedOptions struct {
	value any
	diags hcl.Diagnostics
}

// decodeOptions decodes a rule block's remaining attributes into a fresh
// value from the rule's Options func. A badly written Options (not a
// pointer to a struct, bad hcl tags) is a bug in the rule: it becomes an
// error naming the rule rather than a crash.
func decodeOptions(r *lint.Rule, body hcl.Body) (out decodedOptions, names []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, names = decodedOptions{}, nil
			err = fmt.Errorf("rule %s: its options cannot be decoded: %v (a bug in tlslint: please report it)", r.ID, p)
		}
	}()
	v := r.Options()
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return out, nil, fmt.Errorf("rule %s: its Options func returns %T, not a pointer to a struct (a bug in tlslint: please report it)", r.ID, v)
	}
	schema, _ := gohcl.ImpliedBodySchema(v)
	for _, a := range schema.Attributes {
		names = append(names, a.Name)
	}
	for _, b := range schema.Blocks {
		names = append(names, b.Type)
	}
	sort.Strings(names)
	out.diags = gohcl.DecodeBody(body, nil, v)
	out.value = v
	return out, names, nil
}

func (d *decoder) backend(blk *backendBlock) (Backend, bool) {
	be := Backend{Address: blk.Address, Pos: d.pos(blk.DefRange)}
	ok := true
	host, port, err := splitHostPort(blk.Address)
	if err != nil {
		d.problem(blk.AddressRange, "backend %q: %v", blk.Address, err)
		ok = false
	}
	be.Host, be.Port = host, port
	var b backendBody
	if ds := gohcl.DecodeBody(blk.Body, nil, &b); ds.HasErrors() {
		d.diags(ds, "")
		return be, false
	}
	if b.Protocols == nil && b.Ciphers == nil && b.CipherSuites == nil {
		d.problem(blk.DefRange, "backend %q declares nothing: set protocols, ciphers or ciphersuites", blk.Address)
		return be, false
	}
	if b.Protocols != nil {
		if len(*b.Protocols) == 0 {
			d.problem(b.ProtocolsRange, "backend %q: protocols is empty: expected versions such as [\"TLSv1.2\", \"TLSv1.3\"]", blk.Address)
			ok = false
		}
		for _, p := range *b.Protocols {
			v, known := tls.ParseVersion(p)
			if !known {
				d.problem(b.ProtocolsRange, "backend %q: unknown protocol %q: expected SSLv3, TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3", blk.Address, p)
				ok = false
				continue
			}
			be.Protocols = be.Protocols.With(v)
		}
	}
	if b.Ciphers != nil {
		be.Ciphers = strings.TrimSpace(*b.Ciphers)
		if be.Ciphers == "" {
			d.problem(b.CiphersRange, "backend %q: ciphers is empty: expected an OpenSSL cipher string", blk.Address)
			ok = false
		}
	}
	if b.CipherSuites != nil {
		be.CipherSuites = strings.TrimSpace(*b.CipherSuites)
		if be.CipherSuites == "" {
			d.problem(b.CipherSuitesRange, "backend %q: ciphersuites is empty: expected TLS 1.3 suites such as \"TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384\"", blk.Address)
			ok = false
		}
		// OpenSSL's Ciphersuites takes plain suite names separated by
		// colons, no keywords (SSL_CTX_set_ciphersuites(3)).
		for _, n := range strings.Split(be.CipherSuites, ":") {
			if n = strings.TrimSpace(n); n == "" {
				continue
			}
			if s := tls.SuiteByName(n); s == nil || !s.TLS13() {
				d.problem(b.CipherSuitesRange, "backend %q: %q is not a TLS 1.3 cipher suite", blk.Address, n)
				ok = false
			}
		}
	}
	return be, ok
}

// splitHostPort parses "host:port" and "[v6]:port".
func splitHostPort(s string) (string, int, error) {
	const want = `expected "host:port", e.g. "legacy.internal:8443" or "[2001:db8::1]:443"`
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", 0, fmt.Errorf("no port: %s", want)
	}
	host, portText := s[:i], s[i+1:]
	if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	} else if strings.ContainsAny(host, ":[]") {
		return "", 0, fmt.Errorf("bracket IPv6 addresses: %s", want)
	}
	if host == "" || strings.ContainsAny(host, " \t/") {
		return "", 0, fmt.Errorf("bad host %q: %s", host, want)
	}
	port := 0
	for _, c := range portText {
		if c < '0' || c > '9' || port > 65535 {
			port = -1
			break
		}
		port = port*10 + int(c-'0')
	}
	if portText == "" || port < 1 || port > 65535 {
		return "", 0, fmt.Errorf("bad port %q: expected 1 to 65535", portText)
	}
	return host, port, nil
}

func (d *decoder) ignore(blk *ignoreBlock) *lint.Suppression {
	var b ignoreBody
	if ds := gohcl.DecodeBody(blk.Body, nil, &b); ds.HasErrors() {
		d.diags(ds, "")
		return nil
	}
	s := &lint.Suppression{Pos: d.pos(blk.DefRange), Subject: strings.TrimSpace(b.Subject), Reason: strings.TrimSpace(b.Reason)}
	ok := true
	var names []string
	var namesRange hcl.Range
	switch {
	case b.Rule != nil && b.Rules != nil:
		d.problem(b.RulesRange, "ignore: set rule or rules, not both")
		return nil
	case b.Rule != nil:
		names, namesRange = []string{*b.Rule}, b.RuleRange
	case b.Rules != nil:
		names, namesRange = *b.Rules, b.RulesRange
		if len(names) == 0 {
			d.problem(b.RulesRange, "ignore: rules is empty: expected rule IDs such as [\"TL105\"]")
			ok = false
		}
	default:
		d.problem(blk.DefRange, `ignore: missing rule: expected rule = "TL105" or rules = ["TL105", …]`)
		ok = false
	}
	for _, n := range names {
		r := lint.Lookup(n)
		if r == nil {
			d.problem(namesRange, "ignore: unknown rule %q: expected a rule ID or name from `tlslint rules`", n)
			ok = false
			continue
		}
		s.Rules = append(s.Rules, r.ID)
	}
	if s.Subject == "" {
		d.problem(b.SubjectRange, `ignore: empty subject: expected the finding's subject, e.g. "/Common/vs_partner" (to turn a rule off everywhere use rule "TL105" { enabled = false })`)
		ok = false
	} else if _, err := path.Match(s.Subject, ""); err != nil {
		d.problem(b.SubjectRange, "ignore: subject %q is not a valid pattern: %v", s.Subject, err)
		ok = false
	}
	if s.Reason == "" {
		d.problem(b.ReasonRange, "ignore: empty reason: say why the finding does not apply")
		ok = false
	}
	if !ok {
		return nil
	}
	return s
}
