package i18n_test

import (
	"encoding/json"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/tlslint/tlslint/lint"
	_ "github.com/tlslint/tlslint/lint/drift" // registers TL401/TL402, whose pages are translated
	"github.com/tlslint/tlslint/lint/i18n"
	_ "github.com/tlslint/tlslint/rules" // registers the rules whose pages are translated
)

// helper is a function whose argument at index arg is a message format:
// lint.Msgf(format, …), Pass.Reportf(pos, subject, format, …),
// Model.ParseError(pos, format, …), Model.Unresolved(pos, sev, format, …),
// and the wrappers around them in the parsers and the client simulator.
// in, when set, limits a name to the files whose path contains it.
type helper struct {
	arg int
	in  string
}

var helpers = map[string][]helper{
	"Msgf":         {{arg: 0}},
	"Reportf":      {{arg: 2}},
	"ParseError":   {{arg: 1}},
	"Unresolved":   {{arg: 2}},
	"fail":         {{arg: 1, in: "lint/clients/"}},
	"parseError":   {{arg: 1, in: "parsers/nginx/"}},
	"parseErrorAt": {{arg: 3, in: "parsers/nginx/"}},
	"invalid":      {{arg: 1, in: "parsers/bigip/"}, {arg: 1, in: "parsers/as3/"}},
	"unresolved":   {{arg: 2, in: "parsers/bigip/"}, {arg: 1, in: "parsers/as3/"}},
	"usagef":       {{arg: 0, in: "cmd/tlslint/internal/cli/"}},
}

// formatIndex is the index of the format among a call's arguments in the
// file at path, or -1.
func formatIndex(name, path string) int {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	for _, h := range helpers[name] {
		if h.in == "" || strings.Contains(filepath.ToSlash(path), h.in) {
			return h.arg
		}
	}
	return -1
}

// messageRoots are the trees whose code emits text the user reads.
var messageRoots = []string{"..", "../../rules", "../../parsers", "../../cmd/tlslint/internal/cli"}

// formatsInSources finds every message format the code can emit by reading
// the Go sources: the literal format of each call of a message helper. A
// call whose format is not a literal fails (its text could not be checked),
// unless it forwards its own parameter named format.
func formatsInSources(t *testing.T) map[string]string {
	t.Helper()
	found := map[string]string{} // format → first position
	fset := token.NewFileSet()
	for _, root := range messageRoots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				var name string
				switch fn := call.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				i := formatIndex(name, path)
				if i < 0 || len(call.Args) <= i {
					return true
				}
				s, ok := stringConst(call.Args[i])
				if !ok {
					if id, isID := call.Args[i].(*ast.Ident); isID && id.Name == "format" {
						return true
					}
					t.Errorf("%s: %s with a format that is not a string literal: the catalogue test cannot see it", fset.Position(call.Pos()), name)
					return true
				}
				if !hasWords(s) {
					return true // "%s", "%s%s", "": nothing to translate
				}
				if _, dup := found[s]; !dup {
					found[s] = fset.Position(call.Pos()).String()
				}
				return true
			})
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return found
}

// stringConst evaluates a string literal or a + of string literals.
func stringConst(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := stringConst(e.X)
		b, ok2 := stringConst(e.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return stringConst(e.X)
	}
	return "", false
}

var dump = flag.String("dump", "", "write every text to translate, as JSON, to this file")

// metaTexts are the rule-page texts of every registered rule.
func metaTexts() map[string]string {
	out := map[string]string{}
	for _, r := range lint.Rules() {
		for field, s := range map[string]string{"Summary": r.Summary, "Why": r.Why, "Fix": r.Fix, "SeverityNote": r.SeverityNote} {
			if s != "" {
				out[s] = r.ID + " " + field
			}
		}
	}
	return out
}

// TestCatalogComplete: every format the code can emit and every rule-page
// text has a Japanese entry, and the catalogue has no entry nothing emits.
func TestCatalogComplete(t *testing.T) {
	want := formatsInSources(t)
	if len(want) < 10 {
		t.Fatalf("found only %d formats: the source scan is broken", len(want))
	}
	for s, where := range metaTexts() {
		want[s] = where
	}
	if *dump != "" {
		// go test ./lint/i18n -run CatalogComplete -dump texts.json: every
		// text to translate and where it comes from, for a translator
		data, err := json.MarshalIndent(want, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*dump, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var missing []string
	for s, where := range want {
		if !i18n.HasTranslation(s, i18n.Japanese) {
			missing = append(missing, where+": "+strconv.Quote(s))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no Japanese text for %s", m)
	}
	for _, k := range i18n.CatalogKeys(i18n.Japanese) {
		if _, ok := want[k]; !ok {
			t.Errorf("stale Japanese entry: nothing emits %q", k)
		}
	}
	t.Logf("%d texts, %d missing", len(want), len(missing))
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*(\*|\d+)?(\.(\*|\d+))?[a-zA-Z%]`)

// TestCatalogVerbs: a translation uses each argument of its English format
// with a verb that renders it (no %!… in the output).
func TestCatalogVerbs(t *testing.T) {
	for _, en := range i18n.CatalogKeys(i18n.Japanese) {
		args := sampleArgs(en)
		ja := i18n.Msg{Format: en, Args: args}.In(i18n.Japanese)
		if strings.Contains(ja, "%!") {
			t.Errorf("%q renders as %q", en, ja)
		}
		if len(args) == 0 && strings.ContainsRune(i18n.Translate(en, i18n.Japanese), '%') && !strings.Contains(en, "%") {
			t.Errorf("%q: the translation has a verb the English has not", en)
		}
	}
}

var verbParts = regexp.MustCompile(`%(\[(\d+)\])?[-+# 0]*(?:(\[(\d+)\])?(\*)|\d+)?(?:\.\d+)?(\[(\d+)\])?([a-zA-Z%])`)

// sampleArgs makes arguments an English format renders without %!: an int
// for %d, %x and a * width, a string otherwise, following explicit
// argument indexes as fmt does.
func sampleArgs(format string) []any {
	var args []any
	set := func(i int, v any) {
		for len(args) <= i {
			args = append(args, nil)
		}
		args[i] = v
	}
	n := 0
	for _, m := range verbParts.FindAllStringSubmatch(format, -1) {
		if m[8] == "%" {
			continue
		}
		if m[2] != "" {
			n, _ = strconv.Atoi(m[2])
			n--
		}
		if m[5] == "*" {
			if m[4] != "" {
				n, _ = strconv.Atoi(m[4])
				n--
			}
			set(n, 7)
			n++
		}
		if m[7] != "" {
			n, _ = strconv.Atoi(m[7])
			n--
		}
		switch m[8] {
		case "d", "x":
			set(n, 7)
		default:
			set(n, "x")
		}
		n++
	}
	for i, a := range args {
		if a == nil {
			args[i] = 7 // an argument only a translation uses: a width, so far
		}
	}
	return args
}

// hasWords reports whether a format has text besides its verbs.
func hasWords(format string) bool {
	return strings.ContainsFunc(verb.ReplaceAllString(format, ""), unicode.IsLetter)
}

// TestRulesBuildMessages: rules set a finding's text through Msg (Msgf,
// Reportf), never by writing Message or a fix's Description as a string,
// which no catalogue could translate (a parser's text reaches a rule as a
// Msg too: lint.Origin.Unavailable).
func TestRulesBuildMessages(t *testing.T) {
	fset := token.NewFileSet()
	paths, err := filepath.Glob("../../rules/*.go")
	if err != nil || len(paths) < 30 {
		t.Fatalf("rules sources: %v (%d files)", err, len(paths))
	}
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		bad := func(n ast.Node, what string) {
			t.Errorf("%s: %s set as a string: use Msg: lint.Msgf(…)", fset.Position(n.Pos()), what)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && (id.Name == "Message" || id.Name == "Description") {
					bad(n, id.Name)
				}
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if sel, ok := l.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Message" || sel.Sel.Name == "Description") {
						bad(n, sel.Sel.Name)
					}
				}
			}
			return true
		})
	}
}
