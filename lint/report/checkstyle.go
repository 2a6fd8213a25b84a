package report

import (
	"encoding/xml"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// CheckstyleVersion is the version attribute of <checkstyle>: the version of
// Checkstyle's report format the output follows (the one ESLint's and
// golangci-lint's checkstyle writers declare), not tlslint's.
const CheckstyleVersion = "4.3"

// Checkstyle writes Checkstyle's XML report, which Jenkins' warnings-ng
// (checkStyle tool) and reviewdog (-f=checkstyle) read:
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<checkstyle version="4.3">
//	  <file name="conf.d/app.conf">
//	    <error line="5" column="3" severity="error" message="…" source="tlslint.TL101"/>
//	  </file>
//	</checkstyle>
//
// One <file> per file in name order, its errors in the order of
// lint.SortFindings; severity is error, warning or info (Checkstyle's own
// names); column is the 1-based byte column. File names are the display
// names of the other formats (relative to the working directory when
// below it), except that a finding inside an archive is put on the archive
// (line 0: no line of the archive itself) with the member's file:line:col in
// the message. A finding without a file goes under name=".". Suppressed
// findings are left out. Attribute values are escaped by encoding/xml,
// which also turns characters XML cannot carry into U+FFFD.
func Checkstyle(w io.Writer, m *lint.Model, fs []lint.Finding, o Options) error {
	type entry struct {
		name string
		f    lint.Finding
		loc  string // the member location for archive members
	}
	var entries []entry
	for _, f := range sorted(fs, false) {
		e := entry{name: f.Pos.File, f: f}
		if e.name == "" {
			e.name = "."
		} else if archive, _, ok := splitArchive(m, e.name); ok {
			e.name, e.loc = archive, location(f.Pos)
		}
		entries = append(entries, e)
	}
	// Archive members and "." may sort differently from their display
	// names: group by the name written, keeping the finding order inside.
	var names []string
	groups := map[string][]entry{}
	for _, e := range entries {
		if _, ok := groups[e.name]; !ok {
			names = append(names, e.name)
		}
		groups[e.name] = append(groups[e.name], e)
	}
	sort.Strings(names)

	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<checkstyle version="` + CheckstyleVersion + `">` + "\n")
	for _, name := range names {
		b.WriteString(`  <file name="` + attr(name) + `">` + "\n")
		for _, e := range groups[name] {
			f := e.f
			line, col := f.Pos.Line, f.Pos.Col
			msg := f.Message
			if f.Subject != "" {
				msg += " (" + f.Subject + ")"
			}
			if e.loc != "" {
				msg += " [in " + e.loc + "]"
				line, col = 0, 0
			}
			b.WriteString(`    <error line="` + strconv.Itoa(int(max(line, 0))) + `"`)
			if col > 0 {
				b.WriteString(` column="` + strconv.Itoa(int(col)) + `"`)
			}
			b.WriteString(` severity="` + checkstyleSeverity(f.Severity) + `" message="` + attr(msg) +
				`" source="tlslint.` + attr(f.Rule) + `"/>` + "\n")
		}
		b.WriteString("  </file>\n")
	}
	b.WriteString("</checkstyle>\n")
	return writeAll(w, b.String())
}

func checkstyleSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "info"
}

// attr escapes an attribute value: &, <, >, quotes, and tab, CR and LF as
// character references so that a multi-line message survives attribute
// value normalisation (XML 1.0 §3.3.3).
func attr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}
