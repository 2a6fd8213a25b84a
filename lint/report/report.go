// Package report renders findings for people and machines: a compiler-style
// text report, the JSON document of CLI.md, SARIF 2.1.0 for code scanning,
// GitHub Actions workflow commands, GitLab Code Quality JSON, Checkstyle XML
// (Jenkins warnings-ng, reviewdog), and unified diffs of fixes.
//
// Every writer is deterministic: it reads the findings in the order of
// lint.SortFindings (sorting a copy when they are not in it) and nothing
// but its arguments, so the same input gives byte-identical output.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// Formats lists the names Write accepts, the default first.
var Formats = []string{"text", "json", "sarif", "github", "gitlab", "checkstyle"}

// Options tune the output.
type Options struct {
	Color       bool         // ANSI colour in the text format (the CLI decides: a TTY and no NO_COLOR)
	ToolVersion string       // "0.3.0"
	Rules       []*lint.Rule // the rule catalogue, for SARIF's tool.driver.rules
	// Cwd is the directory relative file names are relative to; SARIF
	// records it as the %SRCROOT% base of relative artifact URIs. Empty
	// leaves relative URIs without a base (GitHub resolves them against
	// the repository root).
	Cwd string
	// RepoRoot is the repository root that GitLab Code Quality paths are
	// relative to (the CLI: $CI_PROJECT_DIR, else the nearest directory
	// holding .git); empty means Cwd.
	RepoRoot string
	// Lang is the language of messages, fixes, related locations, rule
	// descriptions and the text summary (--lang); empty is English.
	Lang lint.Lang
	// Diffs (tlslint drift): the unified diffs of the objects whose
	// normalized views differ; the JSON document adds them as "diffs"
	// (CLI.md). Nil for lint.
	Diffs []Diff
}

// Write renders findings in the named format.
//
// Every format goes through the redaction layer (redact.go) first: no
// finding's text carries key material, whatever the format.
func Write(w io.Writer, format string, m *lint.Model, fs []lint.Finding, o Options) error {
	fs = redactFindings(lint.Localize(fs, o.Lang))
	switch format {
	case "text":
		return Text(w, m, fs, o)
	case "json":
		return JSON(w, m, fs, o)
	case "sarif":
		return SARIF(w, m, fs, o)
	case "github":
		return GitHub(w, m, fs, o)
	case "gitlab":
		return GitLab(w, m, fs, o)
	case "checkstyle":
		return Checkstyle(w, m, fs, o)
	}
	return fmt.Errorf("unknown output format %q: expected %s", format, strings.Join(Formats, ", "))
}

// sorted returns a sorted copy of the findings, without the suppressed ones
// unless keepSuppressed; fs itself when it is sorted with nothing to drop
// (lint.Run's findings usually are: a copy of the 40,000 findings of a
// 20,000-server tree was 12 MB).
func sorted(fs []lint.Finding, keepSuppressed bool) []lint.Finding {
	if lint.FindingsSorted(fs) && (keepSuppressed || !slices.ContainsFunc(fs, func(f lint.Finding) bool { return f.Suppressed != nil })) {
		return fs
	}
	out := make([]lint.Finding, 0, len(fs))
	for _, f := range fs {
		if f.Suppressed != nil && !keepSuppressed {
			continue
		}
		out = append(out, f)
	}
	lint.SortFindings(out)
	return out
}

// counts tallies unsuppressed findings by severity.
type counts struct {
	errors, warnings, infos, suppressed int
}

func count(fs []lint.Finding) counts {
	var c counts
	for _, f := range fs {
		if f.Suppressed != nil {
			c.suppressed++
			continue
		}
		switch f.Severity {
		case lint.Error:
			c.errors++
		case lint.Warning:
			c.warnings++
		case lint.Info:
			c.infos++
		}
	}
	return c
}

func fileCount(m *lint.Model) int {
	if m == nil {
		return 0
	}
	return len(m.Sources)
}

func source(m *lint.Model, name string) *lint.Source {
	if m == nil || name == "" {
		return nil
	}
	return m.Source(name)
}

// writeAll writes the rendered output in one call, so that a failing writer
// yields one error and never half a document written piecemeal.
func writeAll(w io.Writer, s string) error {
	_, err := io.WriteString(w, s)
	return err
}

// localRules returns the rule catalogue with its prose in l.
func localRules(rs []*lint.Rule, l lint.Lang) []*lint.Rule {
	if l == "" || l == lint.English {
		return rs
	}
	out := make([]*lint.Rule, len(rs))
	for i, r := range rs {
		if r == nil {
			continue
		}
		c := *r
		c.Meta = r.Meta.In(l)
		out[i] = &c
	}
	return out
}
