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

// FindingList is a list of findings kept in chunks: grown by append, one
// list holds its old and new arrays at once, and TL105 reports 40,000
// findings of 296 bytes on a 20,000-server tree. The first chunk grows
// with the findings, later ones are allocated whole.
type FindingList struct {
	chunks [][]Finding
}

// findingChunk is the length of a FindingList's chunks, 76 KB of findings.
const findingChunk = 256

// Add appends f and returns its index (see At).
func (l *FindingList) Add(f Finding) int {
	n := len(l.chunks)
	switch {
	case n > 0 && len(l.chunks[n-1]) < findingChunk:
	case n > 0:
		l.chunks = append(l.chunks, make([]Finding, 0, findingChunk))
		n++
	default:
		l.chunks = append(l.chunks, nil)
		n++
	}
	i := (n-1)*findingChunk + len(l.chunks[n-1])
	l.chunks[n-1] = append(l.chunks[n-1], f)
	return i
}

// At returns finding i of a list built by Add alone, valid until the next
// Add (the first chunk grows).
func (l *FindingList) At(i int) *Finding { return &l.chunks[i/findingChunk][i%findingChunk] }

// Append takes o's chunks over and leaves o empty; l's indices no longer
// address its findings after it.
func (l *FindingList) Append(o *FindingList) {
	for _, c := range o.chunks {
		if len(c) > 0 {
			l.chunks = append(l.chunks, c)
		}
	}
	o.chunks = nil
}

// Len is the number of findings.
func (l *FindingList) Len() int {
	n := 0
	for _, c := range l.chunks {
		n += len(c)
	}
	return n
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
