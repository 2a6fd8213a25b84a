package lint

import (
	"fmt"
	"sort"
	"strings"
)

// Severity of a finding.
type Severity int

// Severities, lowest first. Never is only a --fail-on threshold.
const (
	Info Severity = iota + 1
	Warning
	Error
	Never
)

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	case Never:
		return "never"
	}
	return "unknown"
}

// ParseSeverity accepts info, warning, error (and never when allowNever).
func ParseSeverity(s string, allowNever bool) (Severity, error) {
	switch strings.ToLower(s) {
	case "info":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	case "never", "none":
		if allowNever {
			return Never, nil
		}
	}
	if allowNever {
		return 0, fmt.Errorf("invalid severity %q: expected error, warning, info or never", s)
	}
	return 0, fmt.Errorf("invalid severity %q: expected error, warning or info", s)
}

// Safety says whether a fix can break a peer that works today.
type Safety string

// Fix safeties (CLI.md "Fixes").
const (
	Safe   Safety = "safe"
	Unsafe Safety = "unsafe"
)

// Edit replaces the bytes at Pos (Offset to End) with NewText.
type Edit struct {
	Pos     Pos
	NewText string
}

// Fix is a set of edits applied whole or not at all.
type Fix struct {
	Description string
	Msg         Msg // Description as a format and arguments, for --lang
	Safety      Safety
	Edits       []Edit
}

// Related is a secondary location of a finding (where an inherited value
// was set, the other servers sharing a bundle, ...).
type Related struct {
	Pos     Pos
	Message string
	Msg     Msg // Message as a format and arguments, for --lang
}

// Finding is one problem found by a rule.
type Finding struct {
	Rule       string // "TL101"
	Name       string // "upstream-tls-to-plain-port"
	Severity   Severity
	Message    string
	Msg        Msg // Message as a format and arguments: the report renders it in the run's language
	Pos        Pos
	Subject    string
	Related    []Related
	Fixes      []Fix
	Detail     string // extra preformatted lines for the text output (TL205's client table)
	DetailMsg  Msg    // Detail as a format and arguments, for --lang
	Suppressed *Suppression
}

// SortFindings orders findings by file, line, column, rule, message.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return findingLess(&fs[i], &fs[j]) })
}

// FindingsSorted reports whether fs is in SortFindings' order already.
func FindingsSorted(fs []Finding) bool {
	return sort.SliceIsSorted(fs, func(i, j int) bool { return findingLess(&fs[i], &fs[j]) })
}

func findingLess(a, b *Finding) bool {
	if a.Pos.File != b.Pos.File {
		return a.Pos.File < b.Pos.File
	}
	if a.Pos.Line != b.Pos.Line {
		return a.Pos.Line < b.Pos.Line
	}
	if a.Pos.Col != b.Pos.Col {
		return a.Pos.Col < b.Pos.Col
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.Message < b.Message
}
