// Package linttest runs a rule over small configuration files whose
// expectations are written next to the lines they are about, in the style
// of x/tools' analysistest and staticcheck's `//@ diag`:
//
//	proxy_pass https://b:80;  # want TL101 "wrong version number"
//
// Every `*.conf` (nginx), `*.tmsh` (BIG-IP bigip.conf / tmsh list output)
// and `*.json` (AS3 declaration) file directly in rules/testdata/<ID>/ is
// linted as a root (files in subdirectories are reached by include only).
//
// Expectations. `# want` is followed by one or more expectations, each a
// rule ID and, optionally, a Go-quoted fragment of the message:
//
//	ssl on;  # want TL211 "deprecated" TL202 "plain HTTP"
//
// A fragment is a substring the finding's message must contain (several
// fragments after one ID must all occur in one message); a bare ID
// matches any message of that rule (allowed, but TestRules requires every
// rule to pin at least one fragment). An ID listed twice expects two
// findings. A comment line of its own, `# want …`, expects the findings on
// the next line that is not a comment (tmsh values cannot carry trailing
// comments). JSON has no comments: `X.json.want` holds lines
// `LINE TLxxx "fragment" …`. A file named ok_* must produce no finding of
// the rule. A first-line comment
// `# args: nginx-version=1.22 openssl=3.0@1 clients=old now=2026-01-02T00:00:00Z enable=TL204`
// sets the target for that case.
//
// Golden files, compared byte for byte when present:
//
//   - X.conf.fixed: the root file after applying the case's safe fixes the
//     way `tlslint --fix` does (choose non-touching fixes, apply, re-parse,
//     re-lint, until nothing applies; a pass that breaks the syntax is
//     reverted), with lint.ChooseFixes and lint.ApplyFixes. A .fixed equal
//     to the input pins that no fix is offered.
//   - X.conf.unsafe.fixed: the same with unsafe fixes too (--unsafe-fixes).
//   - X.conf.golden: the text report (lint/report, no colour) of the case.
//
// `go test ./rules -update` rewrites the golden files that exist; to add
// one, create it empty, run with -update and review the diff.
package linttest

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/driver"
	"github.com/tlslint/tlslint/lint/report"
	"github.com/tlslint/tlslint/lint/tls"
)

var update = flag.Bool("update", false, "rewrite the .fixed, .unsafe.fixed and .golden files of rules/testdata")

// wantRE finds a `# want` comment; expectRE reads its expectations.
var (
	wantRE   = regexp.MustCompile(`#\s*want\s+(.*)$`)
	expectRE = regexp.MustCompile(`^\s*(TL\d{3})`)
	quotedRE = regexp.MustCompile(`^\s+("(?:[^"\\]|\\.)*")`)
)

// Case is one loaded input: the model and the findings of the rule.
type Case struct {
	Model    *lint.Model
	Findings []lint.Finding
	Target   *lint.Target
}

// Summary counts what a rule's cases pin, for the registry test.
type Summary struct {
	Cases  int
	Pinned map[string]int // rule ID → expectations with a message fragment
	Bare   map[string]int // rule ID → expectations without one
	// Fixes and UnsafeFixes: some finding of the rule offered a (safe,
	// unsafe) fix in some case.
	Fixes, UnsafeFixes bool
	Fixed              int // X.fixed files
	UnsafeFixed        int // X.unsafe.fixed files
	Golden             int // X.golden files
}

// Now is the fixed clock of rule tests.
var Now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// Run checks every case of a rule (in testdata/<ruleID>, relative to the
// test's working directory) and returns what they pin.
func Run(t *testing.T, ruleID string) *Summary {
	t.Helper()
	s := &Summary{Pinned: map[string]int{}, Bare: map[string]int{}}
	dir := filepath.Join("testdata", ruleID)
	files := CaseFiles(dir)
	if len(files) == 0 {
		t.Errorf("no test cases in %s", dir)
		return s
	}
	s.Cases = len(files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			c := Lint(t, f, ruleID)
			exp := expectations(t, c)
			for _, e := range exp {
				if len(e.fragments) > 0 {
					s.Pinned[e.rule]++
				} else {
					s.Bare[e.rule]++
				}
			}
			for _, fd := range c.Findings {
				if fd.Rule != ruleID || fd.Suppressed != nil {
					continue
				}
				for _, fx := range fd.Fixes {
					if fx.Safety == lint.Unsafe {
						s.UnsafeFixes = true
					} else {
						s.Fixes = true
					}
				}
			}
			for _, p := range check(c.Findings, exp, ruleID, strings.HasPrefix(filepath.Base(f), "ok_")) {
				t.Error(p)
			}
			if exists(f + ".golden") {
				s.Golden++
				checkGolden(t, c, f+".golden")
			}
			if exists(f + ".fixed") {
				s.Fixed++
				checkFixed(t, f, ruleID, false)
			}
			if exists(f + ".unsafe.fixed") {
				s.UnsafeFixed++
				checkFixed(t, f, ruleID, true)
			}
		})
	}
	return s
}

// CaseFiles lists the root files of the cases in dir.
func CaseFiles(dir string) []string {
	var files []string
	for _, ext := range []string{"*.conf", "*.tmsh", "*.json"} {
		fs, _ := filepath.Glob(filepath.Join(dir, ext))
		files = append(files, fs...)
	}
	return files
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// Lint loads one root file and runs one rule (TL001 always runs), with
// display names relative to the working directory.
func Lint(t *testing.T, path, ruleID string) *Case {
	t.Helper()
	c, err := lintAt(mustAbs(t, "."), path, ruleID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// lintAt lints root/path with display names relative to root and
// root/testdata/pki/root.pem as the only trust anchor.
func lintAt(root, path, ruleID string) (*Case, error) {
	target := lint.DefaultTarget()
	target.Now = Now
	full := filepath.Join(root, path)
	data, err := os.ReadFile(full)
	if err != nil {
		return nil, err
	}
	extra, err := applyArgs(target, string(data))
	if err != nil {
		return nil, fmt.Errorf("%s:1: # args: %v", path, err)
	}
	typ := map[string]string{".tmsh": "bigip", ".json": "as3"}[filepath.Ext(path)]
	if typ == "" {
		typ = "nginx"
	}
	// Certificates: testdata/pki/root.pem is the only trust anchor.
	res, err := driver.Lint([]string{full}, &driver.Options{Target: target, Type: typ, Cwd: root,
		Roots: []string{filepath.Join(root, "testdata", "pki", "root.pem")}, NoSystemRoots: true,
		Run: &lint.RunOptions{Enable: append([]string{ruleID}, extra...)}})
	if err != nil {
		return nil, fmt.Errorf("%s: %v (test PKI missing? run go run fixtures/certgen/main.go from the repository root)", path, err)
	}
	return &Case{Model: res.Model, Findings: res.Findings, Target: target}, nil
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func applyArgs(target *lint.Target, text string) (extraEnable []string, err error) {
	first, _, _ := strings.Cut(text, "\n")
	args, ok := strings.CutPrefix(strings.TrimSpace(first), "# args:")
	if !ok {
		return nil, nil
	}
	for _, kv := range strings.Fields(args) {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "bigip-version":
			target.BigIP, err = lint.ParseProductVersion(v)
		case "nginx-version":
			target.Nginx, err = lint.ParseProductVersion(v)
		case "openssl":
			build := target.OpenSSL.Build
			target.OpenSSL, err = tls.ParseOpenSSL(v)
			target.OpenSSL.Build = build
		case "openssl-build":
			var b tls.OpenSSLBuild
			b, err = tls.ParseOpenSSLBuild(v)
			target.OpenSSL.Build = b
		case "enable":
			extraEnable = append(extraEnable, strings.Split(v, ",")...)
		case "clients":
			target.Clients = strings.Split(v, ",")
		case "now":
			target.Now, err = time.Parse(time.RFC3339, v)
		default:
			err = fmt.Errorf("unknown test arg %q", k)
		}
		if err != nil {
			return nil, err
		}
	}
	return extraEnable, nil
}

// expectation is one `TLxxx "fragment" …` of a `# want` comment or a
// .json.want line.
type expectation struct {
	file      string
	line      int
	rule      string
	fragments []string // all must occur in the message; none matches any message
}

func (e expectation) String() string {
	s := e.rule
	for _, f := range e.fragments {
		s += " " + strconv.Quote(f)
	}
	return s
}

// matches reports whether f is the finding e expects.
func (e expectation) matches(f lint.Finding) bool {
	if f.Rule != e.rule {
		return false
	}
	for _, frag := range e.fragments {
		if !strings.Contains(f.Message, frag) {
			return false
		}
	}
	return true
}

// parseExpectations reads `TL101 "a" TL102 TL103 "b" "c"`; where is
// file:line for errors.
func parseExpectations(text, where string) ([]expectation, error) {
	var out []expectation
	rest := strings.TrimSpace(text)
	for rest != "" {
		m := expectRE.FindStringSubmatch(rest)
		if m == nil {
			return out, fmt.Errorf("%s: bad expectation %q: want TLxxx or TLxxx \"message fragment\"", where, rest)
		}
		e := expectation{rule: m[1]}
		rest = rest[len(m[0]):]
		for {
			q := quotedRE.FindStringSubmatch(rest)
			if q == nil {
				break
			}
			frag, err := strconv.Unquote(q[1])
			if err != nil || frag == "" {
				return out, fmt.Errorf("%s: bad message fragment %s", where, q[1])
			}
			e.fragments = append(e.fragments, frag)
			rest = rest[len(q[0]):]
		}
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			return out, fmt.Errorf("%s: bad expectation %q: want TLxxx or TLxxx \"message fragment\"", where, strings.TrimSpace(text))
		}
		out = append(out, e)
		rest = strings.TrimSpace(rest)
	}
	return out, nil
}

// expectations collects the `# want` comments of every source of the case
// and the lines of X.json.want files.
func expectations(t *testing.T, c *Case) []expectation {
	t.Helper()
	var out []expectation
	add := func(file string, line int, text string) {
		es, err := parseExpectations(text, fmt.Sprintf("%s:%d", file, line))
		if err != nil {
			t.Error(err)
		}
		for _, e := range es {
			e.file, e.line = file, line
			out = append(out, e)
		}
	}
	for _, name := range c.Model.SourceNames() {
		src := c.Model.Sources[name]
		var pending []string // from `# want` lines of their own, for the next line
		for i := 1; i <= src.Lines(); i++ {
			line := src.Line(i)
			trimmed := strings.TrimSpace(line)
			own := strings.HasPrefix(trimmed, "# want")
			if m := wantRE.FindStringSubmatch(line); m != nil {
				if own {
					pending = append(pending, m[1])
				} else {
					add(name, i, m[1])
				}
			}
			if !own && trimmed != "" && !strings.HasPrefix(trimmed, "#") {
				for _, p := range pending {
					add(name, i, p)
				}
				pending = nil
			}
		}
		if strings.HasSuffix(name, ".json") {
			data, err := os.ReadFile(name + ".want")
			if err != nil {
				continue
			}
			for i, l := range strings.Split(string(data), "\n") {
				if strings.TrimSpace(l) == "" {
					continue
				}
				num, rest, _ := strings.Cut(strings.TrimSpace(l), " ")
				n, err := strconv.Atoi(num)
				if err != nil {
					t.Errorf("%s.want:%d: want LINE TLxxx \"fragment\", got %q", name, i+1, l)
					continue
				}
				add(name, n, rest)
			}
		}
	}
	return out
}

type lineKey struct {
	file string
	line int
}

// check matches findings to expectations line by line: fragments first,
// then bare IDs, so that a bare ID cannot take the finding a fragment
// names. It returns the problems, sorted, each with file:line and the
// full message.
func check(findings []lint.Finding, exp []expectation, ruleID string, ok bool) []string {
	found := map[lineKey][]lint.Finding{}
	for _, f := range findings {
		if f.Suppressed == nil {
			k := lineKey{f.Pos.File, int(f.Pos.Line)}
			found[k] = append(found[k], f)
		}
	}
	byLine := map[lineKey][]expectation{}
	for _, e := range exp {
		k := lineKey{e.file, e.line}
		byLine[k] = append(byLine[k], e)
	}
	var problems []string
	for k, es := range byLine {
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].fragments) > len(es[j].fragments) })
		fs := found[k]
		used := make([]bool, len(fs))
		for _, e := range es {
			hit := false
			for i, f := range fs {
				if !used[i] && e.matches(f) {
					used[i], hit = true, true
					break
				}
			}
			if !hit {
				problems = append(problems, fmt.Sprintf("%s:%d: want %s, got none%s", k.file, k.line, e, onLine(fs, used)))
			}
		}
		var rest []lint.Finding
		for i, f := range fs {
			if !used[i] {
				rest = append(rest, f)
			}
		}
		found[k] = rest
	}
	for k, fs := range found {
		for _, f := range fs {
			problems = append(problems, fmt.Sprintf("%s:%d: unexpected %s: %s", k.file, k.line, f.Rule, f.Message))
		}
	}
	if ok {
		for _, f := range findings {
			if f.Rule == ruleID && f.Suppressed == nil {
				problems = append(problems, fmt.Sprintf("%s: ok_ case has a finding: %s %s", f.Pos, f.Rule, f.Message))
			}
		}
	}
	sort.Strings(problems)
	return problems
}

// onLine describes the findings on a line no expectation took yet.
func onLine(fs []lint.Finding, used []bool) string {
	var b strings.Builder
	for i, f := range fs {
		if !used[i] {
			fmt.Fprintf(&b, "\n\ton this line: %s: %s", f.Rule, f.Message)
		}
	}
	return b.String()
}

// checkGolden compares the case's text report with path.
func checkGolden(t *testing.T, c *Case, path string) {
	t.Helper()
	var b bytes.Buffer
	if err := report.Text(&b, c.Model, c.Findings, report.Options{Color: false, Cwd: "/src/tlslint/rules"}); err != nil {
		t.Fatal(err)
	}
	compare(t, path, b.Bytes())
}

// compare checks got against the golden file at path, or rewrites it under
// -update.
func compare(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./rules -update, then review the diff):\n%s", path,
			report.UnifiedDiff(path, "got", want, got))
	}
}

// checkFixed applies the case's fixes as --fix does and compares the root
// file with path.fixed (path.unsafe.fixed with unsafe fixes).
func checkFixed(t *testing.T, path, ruleID string, unsafe bool) {
	t.Helper()
	golden := path + ".fixed"
	if unsafe {
		golden = path + ".unsafe.fixed"
	}
	changed, err := FixCase(path, ruleID, unsafe)
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.ToSlash(path)
	got, ok := changed[root]
	if !ok {
		got, err = os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
	}
	for name := range changed {
		if name != root {
			t.Errorf("a fix edits %s, not the case's root file: .fixed pins the root file only", name)
		}
	}
	compare(t, golden, got)
}

// FixCase applies the fixes of one case the way `tlslint --fix` does, on
// a copy of testdata: choose the fixes (lint.ChooseFixes), apply them
// (lint.ApplyFixes), write, re-lint, until nothing applies or after
// lint.MaxFixPasses passes; a file a pass made unparsable (more TL001) is
// put back and gets no more fixes. It returns the final contents of the
// files that changed, by display name. The working directory must be the
// one holding testdata (rules/).
func FixCase(path, ruleID string, unsafe bool) (map[string][]byte, error) {
	tmp, err := os.MkdirTemp("", "linttest-fix-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if err := copyDir("testdata", filepath.Join(tmp, "testdata")); err != nil {
		return nil, err
	}
	original := map[string][]byte{}
	c, err := lintAt(tmp, path, ruleID)
	if err != nil {
		return nil, err
	}
	write := func(m *lint.Model, name string, data []byte) error {
		src := m.Source(name)
		if _, ok := original[name]; !ok {
			original[name] = src.Data
		}
		return os.WriteFile(src.Path, data, 0o644)
	}
	res, err := lint.FixPasses(c.Model, c.Findings, unsafe, lint.FixIO{
		Write: func(m *lint.Model, changed map[string][]byte) error {
			for n, data := range changed {
				if err := write(m, n, data); err != nil {
					return err
				}
			}
			return nil
		},
		Revert: write,
		Relint: func() (*lint.Model, []lint.Finding, error) {
			nc, err := lintAt(tmp, path, ruleID)
			if err != nil {
				return nil, nil, err
			}
			return nc.Model, nc.Findings, nil
		},
	})
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for n, old := range original {
		if src := res.Model.Source(n); src != nil && !bytes.Equal(src.Data, old) {
			out[n] = src.Data
		}
	}
	return out, nil
}

// copyDir copies the regular files of a tree.
func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
}
