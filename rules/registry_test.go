package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

// TestRegistry fails when a rule lacks metadata, its documentation page,
// or tests: every rule of RULES.md that tlslint implements has a
// testdata/<ID> directory with cases and a Test<ID> function.
func TestRegistry(t *testing.T) {
	src, err := os.ReadFile("rules_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range lint.Rules() {
		if r.Why == "" || r.Fix == "" || r.Example == "" || len(r.Formats) == 0 {
			t.Errorf("%s: incomplete metadata (Why, Fix, Example, Formats)", r.ID)
		}
		if _, err := os.Stat(filepath.Join("..", "docs", "rules", r.ID+".md")); err != nil {
			t.Errorf("%s: no docs/rules/%s.md (go test ./lint/cli -run TestDocs -update)", r.ID, r.ID)
		}
		if r.ID == "TL004" {
			continue // internal-error: covered by lint's runner tests
		}
		cases, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*.conf"))
		if len(cases) == 0 {
			t.Errorf("%s: no test cases in testdata/%s", r.ID, r.ID)
		}
		if !strings.Contains(string(src), "func Test"+r.ID+"(") {
			t.Errorf("%s: no Test%s in rules_test.go", r.ID, r.ID)
		}
	}
}
