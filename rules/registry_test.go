package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

// TestRegistry fails when a rule lacks metadata or its documentation page;
// TestRules checks each rule's testdata (cases, pinned messages, .fixed).
func TestRegistry(t *testing.T) {
	for _, r := range lint.Rules() {
		if r.Why == "" || r.Fix == "" || r.Example == "" || len(r.Formats) == 0 {
			t.Errorf("%s: incomplete metadata (Why, Fix, Example, Formats)", r.ID)
		}
		if _, err := os.Stat(filepath.Join("..", "docs", "rules", r.ID+".md")); err != nil {
			t.Errorf("%s: no docs/rules/%s.md (go test ./cmd/tlslint/internal/cli -run TestDocs -update)", r.ID, r.ID)
		}
	}
}
