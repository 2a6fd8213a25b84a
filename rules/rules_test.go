package rules_test

import (
	"testing"

	"github.com/tlslint/tlslint/lint"
	_ "github.com/tlslint/tlslint/rules"
	"github.com/tlslint/tlslint/rules/linttest"
)

// TestRules runs the cases of every registered rule (testdata/<ID>, see
// package linttest) and checks that they pin what the user sees: a
// message fragment, and the file after --fix for a rule that offers
// fixes. Adding a rule needs a testdata directory, nothing here.
//
//	go test ./rules -run TestRules/TL101
//	go test ./rules -update   # rewrite the .fixed and .golden files
func TestRules(t *testing.T) {
	for _, r := range lint.Rules() {
		if r.ID == "TL004" {
			continue // internal-error: a panicking rule, covered by lint's runner tests
		}
		if r.ID == "TL401" || r.ID == "TL402" {
			// drift findings compare two environments, which a linttest
			// case (one tree) cannot express: lint/drift's tests and the
			// fixtures/drift goldens (cmd/tlslint/internal/cli) cover them.
			// lint/drift registers them, so they are here only if a test
			// binary links it.
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			s := linttest.Run(t, r.ID)
			if s.Cases == 0 {
				return // Run reported it
			}
			if s.Pinned[r.ID] == 0 {
				t.Errorf("%s: no case pins a message fragment: write `# want %s \"words the user relies on\"`", r.ID, r.ID)
			}
			if s.Fixes && s.Fixed == 0 {
				t.Errorf("%s offers fixes but no case has a .fixed file (create testdata/%s/X.conf.fixed empty, run go test ./rules -update, review)", r.ID, r.ID)
			}
			if s.UnsafeFixes && s.UnsafeFixed == 0 {
				t.Errorf("%s offers unsafe fixes but no case has a .unsafe.fixed file", r.ID)
			}
		})
	}
}
