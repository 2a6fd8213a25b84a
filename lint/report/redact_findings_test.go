package report

import (
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

// redactFindings copies related locations and fixes only when it changes
// one of their texts: the copies it returns are redacted, the caller's
// findings are left as they were, and untouched slices are shared.
func TestRedactFindingsRelatedAndFixes(t *testing.T) {
	key := "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----"
	in := []lint.Finding{
		{Message: "clean", Related: []lint.Related{{Message: "first"}, {Message: "value " + key}},
			Fixes: []lint.Fix{{Description: "keep"}, {Description: "set passphrase hunter2", Edits: []lint.Edit{{NewText: "a"}, {NewText: key}}}}},
		{Message: "clean too", Related: []lint.Related{{Message: "nothing secret"}}, Fixes: []lint.Fix{{Description: "plain", Edits: []lint.Edit{{NewText: "x"}}}}},
	}
	out := redactFindings(in)
	if got := out[0].Related[1].Message; strings.Contains(got, "MIIEvQ") || !strings.Contains(got, redacted) {
		t.Errorf("related message not redacted: %q", got)
	}
	if out[0].Related[0].Message != "first" {
		t.Errorf("related[0] = %q", out[0].Related[0].Message)
	}
	if got := out[0].Fixes[1].Description; strings.Contains(got, "hunter2") {
		t.Errorf("fix description not redacted: %q", got)
	}
	if got := out[0].Fixes[1].Edits[1].NewText; strings.Contains(got, "MIIEvQ") {
		t.Errorf("edit text not redacted: %q", got)
	}
	if out[0].Fixes[0].Description != "keep" || out[0].Fixes[1].Edits[0].NewText != "a" {
		t.Errorf("untouched fix texts changed: %+v", out[0].Fixes)
	}
	// the input is unchanged
	if !strings.Contains(in[0].Related[1].Message, "MIIEvQ") || !strings.Contains(in[0].Fixes[1].Description, "hunter2") ||
		!strings.Contains(in[0].Fixes[1].Edits[1].NewText, "MIIEvQ") {
		t.Error("redactFindings modified its input")
	}
	// nothing to redact: the slices are shared, not copied
	if &out[1].Related[0] != &in[1].Related[0] || &out[1].Fixes[0] != &in[1].Fixes[0] {
		t.Error("a finding without secrets had its related locations or fixes copied")
	}
}

// Findings without secrets are not copied at all, and sorted findings with
// nothing to drop are read as they are: the report of a 20,000-server tree
// copied its 40,000 findings twice.
func TestReportCopiesNothingClean(t *testing.T) {
	in := []lint.Finding{
		{Rule: "TL105", Message: "b", Pos: lint.Pos{File: "a.conf", Line: 1, Col: 1}},
		{Rule: "TL105", Message: "a", Pos: lint.Pos{File: "a.conf", Line: 2, Col: 1}, Suppressed: &lint.Suppression{}},
	}
	if out := redactFindings(in); &out[0] != &in[0] {
		t.Error("findings without secrets were copied")
	}
	if out := sorted(in, true); &out[0] != &in[0] {
		t.Error("sorted findings were copied")
	}
	if out := sorted(in, false); len(out) != 1 || &out[0] == &in[0] {
		t.Errorf("without the suppressed one: %d findings, want a copy of 1", len(out))
	}
	in[0], in[1] = in[1], in[0]
	if out := sorted(in, true); &out[0] == &in[0] || out[0].Message != "b" || in[0].Message != "a" {
		t.Error("unsorted findings were sorted in place, or not sorted")
	}
}
