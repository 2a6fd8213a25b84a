package nginx

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unsafe"

	gonginx "github.com/tufanbarisyildirim/gonginx/config"
	"github.com/tufanbarisyildirim/gonginx/parser"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/files"
)

// file is one parsed configuration file.
type file struct {
	abs      string
	src      *lint.Source
	stmts    []*Stmt
	comments []comment
	err      *syntaxError
	splices  int  // times an include spliced it in so far (loader.inheritedDirective)
	released bool // stmts were let go after the first splice (statements)
	// gonginxDiffers is set when gonginx rejected or read the file
	// differently from nginx's own tokenizer rules (see crossCheck). The
	// check runs in the background; read it after checked is closed.
	gonginxDiffers string
	checked        chan struct{}
}

// Mapping rewrites an absolute path prefix (--map FROM=TO).
type Mapping = lint.PathMap

// MapPath applies the first mapping whose From is a path prefix of p.
func MapPath(maps []Mapping, p string) string {
	for _, m := range maps {
		from := strings.TrimRight(m.From, "/")
		if p == from || strings.HasPrefix(p, from+"/") {
			return filepath.Join(m.To, strings.TrimPrefix(p, from))
		}
	}
	return p
}

// readFile reads and parses a file once; later calls return the cache.
func (l *Loader) readFile(abs string) (*file, error) {
	if f, ok := l.files[abs]; ok {
		return f, nil
	}
	if err, ok := l.failed[abs]; ok {
		return nil, err
	}
	data, err := files.Read(abs, files.Config)
	if err != nil {
		return nil, err
	}
	return l.parseData(abs, abs, data), nil
}

// prefetch reads and parses files concurrently (a glob include of a
// conf.d with a hundred files), so that readFile finds them cached. Results
// are registered in the given order: output stays deterministic.
func (l *Loader) prefetch(paths []string) {
	var todo []string
	for _, p := range paths {
		if _, ok := l.files[p]; !ok {
			todo = append(todo, p)
		}
	}
	if len(todo) < 2 {
		return
	}
	type result struct {
		f   *file
		err error
	}
	results := make([]result, len(todo))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, p := range todo {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			// A panic in a goroutine cannot be recovered by the caller:
			// turn it into this file's error (TL002, naming the file).
			defer func() {
				if v := recover(); v != nil {
					results[i] = result{err: fmt.Errorf("tlslint's parser crashed on it (%v); please report a bug with this file", v)}
				}
			}()
			data, err := files.Read(p, files.Config)
			if err != nil {
				results[i] = result{err: err}
				return
			}
			results[i] = result{f: parseBytes(p, l.opts.display(p), p, data, !l.opts.NoCrossCheck)}
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r.err != nil {
			l.failed[todo[i]] = r.err
			continue
		}
		l.register(r.f)
	}
}

// parseData parses bytes as the file abs (shown as display(abs)).
func (l *Loader) parseData(abs, diskPath string, data []byte) *file {
	f := parseBytes(abs, l.opts.display(abs), diskPath, data, !l.opts.NoCrossCheck)
	l.register(f)
	return f
}

// parseBytes parses one file; it touches no shared state.
func parseBytes(abs, name, diskPath string, data []byte, cross bool) *file {
	f := &file{abs: abs, src: lint.NewSource(name, diskPath, data)}
	stmts, comments, err := parseFile(data)
	f.adopt(stmts)
	f.comments = comments
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			f.err = se
		} else {
			f.err = &syntaxError{0, lint.Msgf("%s", err.Error())}
		}
	} else if cross && len(data) <= crossCheckMax {
		// gonginx's verdict decides no finding, so it runs beside the
		// model walk instead of before it (Loader.Wait joins it).
		f.checked = make(chan struct{})
		go func() {
			defer close(f.checked)
			f.gonginxDiffers = crossCheck(data, stmts)
		}()
	}
	return f
}

// statements returns the file's statements, parsed again from its source
// when an include let them go after splicing them in (loader.flatten).
func (f *file) statements() []*Stmt {
	if f.released {
		stmts, _, _ := parseFile(f.src.Data) // its error is recorded already
		f.adopt(stmts)
		f.released = false
	}
	return f.stmts
}

// adopt makes stmts the file's statements.
func (f *file) adopt(stmts []*Stmt) {
	f.stmts = stmts
	for _, st := range stmts {
		setFile(st, f)
	}
}

// register adds a parsed file to the cache and the model.
func (l *Loader) register(f *file) {
	l.files[f.abs] = f
	l.model.AddSource(f.src)
	if f.err != nil {
		p := f.src.Pos(f.err.Off, f.err.Off+1)
		l.model.ParseError(p, "%s", f.err.Msg)
	}
}

// pos is the position of the bytes [off, end) of the file.
func (f *file) pos(off, end int32) lint.Pos { return f.src.Pos(int(off), int(end)) }

func setFile(st *Stmt, f *file) {
	st.File = f
	for _, c := range st.Block {
		setFile(c, f)
	}
}

// crossCheckMax bounds the files gonginx cross-checks: its parse costs
// about 20 bytes of memory per input byte on top of ours, and its verdict
// decides no finding (profiled on a generated 10 MB file: gonginx's
// parseStatement and the string copy of the input were a fifth of the
// allocations).
const crossCheckMax = 1 << 20

// crossCheck parses the file with gonginx and compares its statement
// sequence with ours. gonginx is the library the product is built on; our
// scanner exists because gonginx reports only the line where a statement
// ends and no columns. They agree on ordinary files; where gonginx rejects
// what nginx accepts (a quoted string ending in an escaped backslash,
// "a\\"), nginx's rules win and the difference is recorded, not reported.
func crossCheck(data []byte, ours []*Stmt) (differs string) {
	defer func() {
		if v := recover(); v != nil {
			differs = fmt.Sprintf("gonginx panicked: %v", v)
		}
	}()
	// The source's bytes are never written after they are read, so gonginx
	// reads them as they are (its lexer copies them once more itself): a
	// string copy was 13 MB of garbage on a 20,000-server tree.
	text := unsafe.String(unsafe.SliceData(data), len(data))
	p := parser.NewStringParser(text, parser.WithSkipValidDirectivesErr(), parser.WithSkipComments())
	conf, err := p.Parse()
	if err != nil {
		return "gonginx: " + err.Error()
	}
	// Compared side by side in one walk of each tree: lists of every
	// statement name of both were 47 MB of garbage on a 20,000-server tree
	// (6% of its lint's allocations).
	next := stmtCursor(ours)
	nTheirs, nMine := 0, 0
	firstDiff, theirName, myName := 0, "", ""
	var walk func(b gonginx.IBlock)
	walk = func(b gonginx.IBlock) {
		if b == nil {
			return
		}
		for _, d := range b.GetDirectives() {
			nTheirs++
			if mine, ok := next(); ok {
				nMine++
				if firstDiff == 0 && strings.Trim(d.GetName(), `"'`) != mine {
					firstDiff, theirName, myName = nTheirs, d.GetName(), mine
				}
			}
			if inner := d.GetBlock(); inner != nil {
				if lb, ok := inner.(*gonginx.Block); ok && lb.IsLuaBlock {
					continue
				}
				walk(inner)
			}
		}
	}
	walk(conf.Block)
	for _, ok := next(); ok; _, ok = next() {
		nMine++
	}
	if nMine != nTheirs {
		return fmt.Sprintf("gonginx read %d statements, nginx's rules %d", nTheirs, nMine)
	}
	if firstDiff > 0 {
		return fmt.Sprintf("statement %d: gonginx read %q, nginx's rules %q", firstDiff, theirName, myName)
	}
	return ""
}

// stmtCursor returns the names of the statements in ss one at a time, in
// the order gonginx lists them: document order, except that gonginx lists
// an http or upstream block's server statements after its other ones
// (config.HTTP and config.Upstream keep them apart); a Lua block's body
// holds none.
func stmtCursor(ss []*Stmt) func() (string, bool) {
	stack := [][]*Stmt{ss}
	return func() (string, bool) {
		for len(stack) > 0 {
			top := stack[len(stack)-1]
			if len(top) == 0 {
				stack = stack[:len(stack)-1]
				continue
			}
			st := top[0]
			stack[len(stack)-1] = top[1:]
			if !st.Lua && len(st.Block) > 0 {
				inner := st.Block
				if st.Name == "http" || st.Name == "upstream" {
					inner = serversLast(inner)
				}
				stack = append(stack, inner)
			}
			return st.Name, true
		}
		return "", false
	}
}

// serversLast is ss with its server statements moved after the others,
// each group in its order; ss itself when no server precedes another
// statement.
func serversLast(ss []*Stmt) []*Stmt {
	seen := false
	for _, st := range ss {
		if st.Name == "server" {
			seen = true
		} else if seen {
			out := make([]*Stmt, 0, len(ss))
			for _, st := range ss {
				if st.Name != "server" {
					out = append(out, st)
				}
			}
			for _, st := range ss {
				if st.Name == "server" {
					out = append(out, st)
				}
			}
			return out
		}
	}
	return ss
}

// resolveInclude expands an include argument to files in nginx's order:
// relative paths against the prefix (the main file's directory), absolute
// paths through --map; globs sorted bytewise as glob(3) sorts in the C
// locale, and wildcards never match names starting with '.'.
func (l *loader) resolveInclude(arg string) (matches []string, tried string, glob bool, err error) {
	p := arg
	if filepath.IsAbs(p) {
		p = MapPath(l.opts.Maps, p)
	}
	if !filepath.IsAbs(p) {
		if filepath.IsAbs(arg) {
			// mapped onto a relative directory: relative to the working directory
			p, _ = filepath.Abs(p)
		} else {
			p = filepath.Join(l.prefix, p)
		}
	}
	tried = p
	if !strings.ContainsAny(p, "*?[") {
		if l.linkStandIn(p) {
			return []string{p}, tried, false, nil
		}
		if _, ok := l.files[p]; ok {
			// read already: a snippet included in every location is
			// stat'ed once, not once per include (20,000 system calls
			// on a 20,000-server tree)
			return []string{p}, tried, false, nil
		}
		if _, err := files.Stat(p); err != nil {
			return nil, tried, false, err
		}
		return []string{p}, tried, false, nil
	}
	all, err := filepath.Glob(p)
	if err != nil {
		return nil, tried, true, fmt.Errorf("bad pattern %q", arg)
	}
	pattern := strings.Split(filepath.ToSlash(p), "/")
	for _, m := range all {
		if hiddenByGlob(pattern, strings.Split(filepath.ToSlash(m), "/")) {
			continue
		}
		// A match nginx cannot open (a directory, a dangling symlink, a
		// symlink loop) is kept: readFile fails on it and the walk reports
		// it, since nginx -t fails on it too (ngx_conf_parse: pread() "…"
		// failed (21: Is a directory); open() "…" failed (2: No such file or
		// directory) / (40: Too many levels of symbolic links); nginx 1.22).
		matches = append(matches, m)
	}
	matches = l.withStandIns(pattern, matches)
	sort.Strings(matches)
	return matches, tried, true, nil
}

func hiddenByGlob(pattern, match []string) bool {
	if len(pattern) != len(match) {
		return false
	}
	for i := range pattern {
		if strings.ContainsAny(pattern[i], "*?[") && strings.HasPrefix(match[i], ".") && !strings.HasPrefix(pattern[i], ".") {
			return true
		}
	}
	return false
}

// findRoot picks nginx.conf inside a directory.
func findRoot(dir string) (string, error) {
	p := filepath.Join(dir, "nginx.conf")
	if _, err := files.Stat(p); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("%s: no nginx.conf in this directory", dir)
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// isNotExist reports a missing file.
func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
