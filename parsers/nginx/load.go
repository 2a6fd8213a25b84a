// Package nginx loads nginx configuration trees into tlslint's model:
// gonginx and an nginx-faithful scanner parse each file, the loader owns
// include resolution, contexts and nginx's inheritance of TLS directives.
package nginx

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/tufanbarisyildirim/gonginx/parser"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/files"
)

// Options control loading.
type Options struct {
	Maps   []Mapping
	Target *lint.Target
	// Display turns an absolute path into the name shown in findings.
	Display func(abs string) string
	// NoCrossCheck skips parsing every file (up to 1 MiB) with gonginx as
	// well. The cross-check records where gonginx disagrees with nginx's
	// tokenizer (Stats; nginx's rules win) and runs beside the model walk;
	// the fuzzers and the benchmarks of the scanner alone turn it off.
	NoCrossCheck bool
	// HostPaths reads unmapped absolute paths outside the linted tree from
	// this machine (--host-paths); see hostpaths.go for the default.
	HostPaths bool
}

func (o *Options) display(abs string) string {
	if o.Display != nil {
		return o.Display(abs)
	}
	return abs
}

// Stats describe a load, for tests and the corpus check.
type Stats struct {
	Files          int
	GonginxDiffers map[string]string // file → how gonginx disagreed with nginx's rules
}

// Loader loads nginx trees into one model.
type Loader struct {
	opts     *Options
	model    *lint.Model
	files    map[string]*file
	included map[string]bool
	roots    map[string]bool
	failed   map[string]error // files prefetch could not read
	dh       map[string]int   // ssl_dhparam path → prime bits

	seenWritten map[lint.Pos]bool
	blocked     map[lint.Pos]lint.Msg // files not read here (hostpaths.go), by directive

	// budget bounds the configuration the walks expand: every file spliced
	// in by an include is charged each time it is spliced, so an include
	// "diamond" (each file including the next twice) stops at the budget
	// instead of growing exponentially; parsing stays once per file.
	budget   *files.Budget
	overflow bool // the budget's TL002 was reported
}

// inclusionCost is what an inclusion is charged beyond its bytes: a chain of
// empty files still costs a walk (a node and its include chain, under 100
// bytes of heap; charged as 128 bytes of configuration, 10 KiB).
const inclusionCost = 128

// NewLoader prepares a loader that adds to m.
func NewLoader(m *lint.Model, opts *Options) *Loader {
	if opts.Target == nil {
		opts.Target = &lint.Target{Nginx: lint.DefaultNginx}
	}
	return &Loader{opts: opts, model: m, files: map[string]*file{}, included: map[string]bool{}, roots: map[string]bool{}, failed: map[string]error{}, dh: map[string]int{}, seenWritten: map[lint.Pos]bool{}, blocked: map[lint.Pos]lint.Msg{},
		budget: files.NewBudget(files.MemoryBudget, "the configuration files and their includes")}
}

// Wait joins the background gonginx cross-checks.
func (ld *Loader) Wait() {
	for _, f := range ld.files {
		if f.checked != nil {
			<-f.checked
		}
	}
}

// Stats returns what was loaded (after the cross-checks finish).
func (ld *Loader) Stats() Stats {
	ld.Wait()
	s := Stats{Files: len(ld.files), GonginxDiffers: map[string]string{}}
	for _, f := range ld.files {
		if f.gonginxDiffers != "" {
			s.GonginxDiffers[f.src.Name] = f.gonginxDiffers
		}
	}
	return s
}

// LoadPath loads a main file, a fragment, or a directory holding nginx.conf.
// An error means the path itself cannot be read (exit 2); problems inside
// the configuration become findings.
func (ld *Loader) LoadPath(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return err
	}
	if st.IsDir() {
		if abs, err = findRoot(abs); err != nil {
			return err
		}
	}
	if ld.included[abs] || ld.roots[abs] {
		return nil // already linted as part of another root
	}
	f, err := ld.readFile(abs)
	if err != nil {
		return err
	}
	if err := ld.budget.Charge(ld.opts.display(abs), int64(len(f.src.Data)), files.ConfigCost); err != nil {
		return err
	}
	ld.loadRoot(f)
	return nil
}

// LoadData loads bytes (standard input) as if read from path.
func (ld *Loader) LoadData(path string, data []byte) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	f := ld.parseData(abs, "", data)
	if err := ld.budget.Charge(ld.opts.display(abs), int64(len(data)), files.ConfigCost); err != nil {
		ld.model.Unresolved(f.src.Pos(0, 0), 0, "%v", err)
		return
	}
	ld.loadRoot(f)
}

// loader is the state of one root's walk.
type loader struct {
	*Loader
	prefix   string
	fragment bool
	groups   map[ctx]map[string]*group
	// unowned memoizes policy and upstreamWritten where no scope writes
	// the family (the owners' own are in their scopes).
	unowned ownerMemo
	owners  int32 // policies numbered so far (Listener.PolicyOwner)
	// samePolicies holds one of each distinct policy value (see policy).
	samePolicies map[policyValue]*lint.TLSPolicy
	writtenBuf   []lint.Directive // collectWritten's
	// argLists memoizes inheritedDirective: see there.
	argLists map[*Stmt]argLists
	host     hostScope
}

// group is an upstream{} block.
type group struct {
	name    string
	pos     lint.Pos
	members []lint.Endpoint
}

// node is a statement with the include chain that brought it in.
type node struct {
	*Stmt
	chain *incl
}

type incl struct {
	path   string
	parent *incl
}

func (c *incl) has(p string) bool {
	for ; c != nil; c = c.parent {
		if c.path == p {
			return true
		}
	}
	return false
}

func (ld *Loader) loadRoot(f *file) {
	ld.roots[f.abs] = true
	l := &loader{Loader: ld, prefix: filepath.Dir(f.abs), groups: map[ctx]map[string]*group{cHTTP: {}, cStream: {}},
		samePolicies: map[policyValue]*lint.TLSPolicy{},
		argLists:     map[*Stmt]argLists{}}
	chain := &incl{path: f.abs}
	// A lone fragment's relative includes resolve against nginx's prefix:
	// the nearest directory above it holding nginx.conf. Its top-level
	// statements decide (before includes are spliced in, which need the
	// prefix).
	repo := repoRoot(filepath.Dir(f.abs))
	if detectContext(l.wrap(f.stmts, chain)) != cMain {
		l.fragment = true
		l.prefix = fragmentPrefix(f.abs, repo)
	}
	l.host = hostScope{treeDir: l.prefix, repo: repo}
	items := l.flatten(f.stmts, chain)
	root := detectContext(items)
	l.fragment = root != cMain
	f.src.Fragment = l.fragment
	ld.suppressions(f)
	// newScope, not a literal: a top-level map{} or if{} in a fragment
	// writes sc.cond (a nil map panicked on Mastodon's dist/nginx.conf).
	sc := l.newScope(nil, root, "")
	nL, nU := len(ld.model.Listeners), len(ld.model.Upstreams)
	defer l.reportBlocked(nL, nU)
	switch root {
	case cMain:
		l.walkMain(sc, items)
	case cHTTP:
		l.walkHTTP(sc, items)
	case cStream:
		l.walkStream(sc, items)
	case cServer:
		l.walkServerFragment(sc, items)
	default:
		l.walkLocationFragment(sc, items)
	}
}

// flatten splices included files into a block's statement list.
func (l *loader) flatten(stmts []*Stmt, chain *incl) []node {
	out := make([]node, 0, len(stmts))
	for _, st := range stmts {
		if st.Name != "include" || st.HasBlock {
			out = append(out, node{st, chain})
			continue
		}
		if len(st.Args) != 1 {
			l.parseError(st, "invalid number of arguments in \"include\" directive: expected a file or pattern")
			continue
		}
		arg := st.Args[0].Value
		if l.overflow {
			continue
		}
		if why := l.hostBlocked(arg); !why.IsZero() {
			l.model.Unresolved(st.File.pos(st.Off, st.End), lint.Info, "include %q is not linted: %s", arg, why)
			out = append(out, node{&Stmt{Name: "include", Off: st.Off, End: st.End, File: st.File, Unresolved: true, MayHoldTLS: mayHoldTLS(arg)}, chain})
			continue
		}
		matches, tried, glob, err := l.resolveInclude(arg)
		if err != nil || len(matches) == 0 {
			l.unresolved(st, arg, tried, glob, err)
			out = append(out, node{&Stmt{Name: "include", Off: st.Off, End: st.End, File: st.File, Unresolved: true, MayHoldTLS: mayHoldTLS(arg)}, chain})
			continue
		}
		l.prefetch(matches)
		for _, m := range matches {
			if chain.has(m) {
				l.parseError(st, "include cycle: %s includes itself through %q", l.opts.display(m), arg)
				continue
			}
			f, err := l.readFile(m)
			if err != nil && glob && !isTooLarge(err) {
				l.brokenMatch(st, arg, m, err)
				continue
			}
			if err != nil {
				l.unresolved(st, arg, m, false, err)
				out = append(out, node{&Stmt{Name: "include", Off: st.Off, End: st.End, File: st.File, Unresolved: true, MayHoldTLS: mayHoldTLS(arg)}, chain})
				continue
			}
			if err := l.budget.Charge(l.opts.display(m), int64(len(f.src.Data))+inclusionCost, files.ConfigCost); err != nil {
				if !l.overflow {
					l.overflow = true
					l.model.Unresolved(st.File.pos(st.Off, st.End), lint.Error, "include %q: the includes expand past tlslint's budget (%s of configuration, counting a file each time it is included): the rest is not linted", lint.Trunc(arg), files.Human(files.MemoryBudget/files.ConfigCost))
				}
				break
			}
			l.included[m] = true
			f.splices++
			l.suppressions(f)
			out = append(out, l.flatten(f.statements(), &incl{path: m, parent: chain})...)
			if f.splices == 1 {
				// Most files are included once (a conf.d glob): the walk
				// lets go of what it has walked, and the file's tree goes
				// with it. A second include parses the file again and
				// keeps it (a snippet in every location).
				f.stmts, f.released = nil, true
			}
		}
	}
	return out
}

// wrap turns statements into nodes without splicing includes.
func (l *loader) wrap(stmts []*Stmt, chain *incl) []node {
	out := make([]node, len(stmts))
	for i, st := range stmts {
		out[i] = node{st, chain}
	}
	return out
}

// mayHoldTLS guesses from an unreadable include's name whether it would
// set TLS or proxy directives (ssl.conf, proxy.conf, tls/*.conf, ...). Only
// then do rules stop reporting settings that seem absent: an unreadable
// resolver.conf or mime.types does not silence them.
func mayHoldTLS(arg string) bool {
	a := strings.ToLower(arg)
	for _, h := range []string{"ssl", "tls", "cert", "proxy", "upstream", "grpc", "uwsgi", "secure", "https"} {
		if strings.Contains(a, h) {
			return true
		}
	}
	return false
}

// brokenMatch reports a glob match nginx cannot open: nginx -t fails on
// it ("pread() … failed (21: Is a directory)", "open() … failed (40: Too
// many levels of symbolic links)"; nginx 1.22 ngx_conf_file.c), so unlike a
// glob matching nothing it is an error.
func (l *loader) brokenMatch(st *Stmt, arg, m string, err error) {
	why := lint.Msgf("cannot be opened")
	var nr *files.NotRegularError
	switch {
	case errors.As(err, &nr):
		why = lint.Msgf("is %s", nr.What)
	case errors.Is(err, syscall.ELOOP):
		why = lint.Msgf("is a symbolic link loop")
	case isNotExist(err):
		why = lint.Msgf("is a dangling symbolic link")
	}
	p := st.File.pos(st.Off, st.End)
	l.model.Unresolved(p, lint.Error, "include %q matches %s, which %s: nginx refuses to start (nginx -t: open() or pread() of it fails)", lint.Trunc(arg), l.opts.display(m), why)
}

func isTooLarge(err error) bool { return errors.Is(err, files.ErrTooLarge) }

func (l *loader) unresolved(st *Stmt, arg, tried string, glob bool, err error) {
	sev := lint.Warning
	if l.fragment {
		sev = lint.Info
	}
	var why lint.Msg
	if err != nil && !isNotExist(err) {
		why = lint.Msgf("cannot be read: %s", err.Error())
	} else if !glob {
		// nginx -t: [emerg] open() "…" failed (2: No such file or
		// directory) — checked with nginx 1.22 (make e2e)
		why = lint.Msgf("does not exist: nginx refuses to start")
		if !l.fragment {
			sev = lint.Error
		}
	} else {
		// nginx accepts a pattern that matches nothing (glob(3) with
		// GLOB_NOCHECK unset: ngx_conf_include reads no file); often an
		// optional include (NPM's "custom[.]conf").
		sev = lint.Info
		why = lint.Msgf("matches no file (nginx accepts this)")
		if dirExists(filepath.Dir(tried)) {
			why = lint.Msgf("matches no file (nginx accepts this; the directory has no matching file)")
		}
	}
	var hint lint.Msg
	if filepath.IsAbs(arg) && MapPath(l.opts.Maps, arg) == arg {
		hint = lint.Msgf("; if the tree is deployed elsewhere, map it: --map %s=DIR", filepath.Dir(strings.SplitN(arg, "*", 2)[0]))
	}
	p := st.File.pos(st.Off, st.End)
	l.model.Unresolved(p, sev, "include %q %s (looked for %s): its directives are not linted%s", arg, why, tried, hint)
}

// parseError reports what nginx refuses in a statement (TL001).
func (l *loader) parseError(st *Stmt, format string, args ...any) {
	l.model.ParseError(st.File.pos(st.Off, st.End), format, args...)
}

// parseErrorAt reports what nginx refuses at a byte range of a file (TL001).
func (l *loader) parseErrorAt(f *file, off, end int32, format string, args ...any) {
	l.model.ParseError(f.pos(off, end), format, args...)
}

// detectContext decides which context a root file belongs to: a main file
// (nginx.conf), or a fragment handed over alone (Ansible's validate): a
// list of server{} blocks, a server body, or location-level directives.
func detectContext(items []node) ctx {
	hasServer, serverBody, streamish := false, false, false
	for _, n := range items {
		switch n.Name {
		case "http", "events", "stream", "mail", "user", "worker_processes", "pid", "load_module",
			"worker_rlimit_nofile", "daemon", "master_process", "env", "worker_cpu_affinity", "thread_pool", "ssl_engine":
			return cMain
		case "server":
			if n.HasBlock {
				hasServer = true
				if looksStream(n.Block) {
					streamish = true
				}
			}
		case "upstream", "map", "geo", "log_format", "server_names_hash_bucket_size", "ssl_session_cache_path",
			"proxy_cache_path", "limit_req_zone", "limit_conn_zone":
			if !hasServer {
				hasServer = hasServer || n.Name == "upstream"
			}
		case "location", "listen", "server_name", "root", "return", "rewrite", "ssl_certificate":
			serverBody = true
		}
	}
	switch {
	case hasServer && streamish:
		return cStream
	case hasServer:
		return cHTTP
	case serverBody:
		return cServer
	}
	for _, n := range items {
		if n.Name == "proxy_pass" || n.Name == "grpc_pass" || n.Name == "uwsgi_pass" || n.Name == "alias" || n.Name == "try_files" {
			return cLocation
		}
	}
	return cServer
}

// looksStream guesses whether a server{} is a stream server: proxy_pass
// without a URL scheme, or a udp listener, and no location.
func looksStream(body []*Stmt) bool {
	stream := false
	for _, st := range body {
		switch st.Name {
		case "location", "server_name", "root", "return", "rewrite":
			return false
		case "proxy_pass":
			if len(st.Args) == 1 && !strings.Contains(st.Args[0].Value, "://") {
				stream = true
			}
		case "listen":
			for _, a := range st.Args {
				if a.Value == "udp" {
					stream = true
				}
			}
		}
	}
	return stream
}

// suppressions collects `# tlslint:ignore` comments of a file once.
func (ld *Loader) suppressions(f *file) {
	if f.comments == nil {
		return
	}
	cs := f.comments
	f.comments = nil
	for _, c := range cs {
		s := lint.ParseSuppression(c.Text)
		if s == nil {
			continue
		}
		s.Pos, s.File = f.src.Pos(c.Off, c.End), f.src.Name
		if !s.FileWide {
			// the next statement after the comment, across its whole extent
			line, _ := f.src.LineCol(c.Off)
			s.From, s.To = line, line
			if st := nextStmt(f.stmts, int32(c.End)); st != nil {
				sl, _ := f.src.LineCol(int(st.Off))
				el, _ := f.src.LineCol(stmtHeadEnd(st))
				s.From, s.To = sl, el
			}
		}
		ld.model.Suppressions = append(ld.model.Suppressions, s)
	}
}

// nextStmt finds the first statement starting at or after off.
func nextStmt(stmts []*Stmt, off int32) *Stmt {
	for _, st := range stmts {
		if st.Off >= off {
			return st
		}
		if st.HasBlock && st.Open < off && off < st.Close {
			if in := nextStmt(st.Block, off); in != nil {
				return in
			}
		}
	}
	return nil
}

// stmtHeadEnd is where a statement's own text ends: the ';', or the '{' of a block.
func stmtHeadEnd(st *Stmt) int {
	if st.HasBlock {
		return int(st.Open)
	}
	return int(st.End)
}

// knownDirective reports whether name is an nginx directive (gonginx's
// list, from nginx.org's directive index).
func knownDirective(name string) bool {
	_, ok := parser.ValidDirectives[name]
	return ok
}
