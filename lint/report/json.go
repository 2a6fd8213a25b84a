package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/tlslint/tlslint/lint"
)

// The JSON document of CLI.md "JSON output". Choices the example leaves
// open, fixed here so scripts can rely on them:
//   - findings is always an array, [] when there are none;
//   - subject, related and fixes are omitted when empty;
//   - file is omitted for a finding that has no file, and line, column,
//     end_line and end_column for one without a position (they are 1-based,
//     so 0 never means a real place); a related location without a line
//     likewise has no line;
//   - an edit always has all its keys, new_text "" being a deletion;
//   - end_line/end_column are exclusive, like lint.Pos: the column of the
//     byte just past the range (the example's edit replaces "80" at
//     columns 40-41 and says end_column 42);
//   - suppressed findings are left out, and not counted in summary.
type jsonDoc struct {
	Tool     jsonTool      `json:"tool"`
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFinding struct {
	Rule      string        `json:"rule"`
	Name      string        `json:"name"`
	Severity  string        `json:"severity"`
	Message   string        `json:"message"`
	File      string        `json:"file,omitempty"`
	Line      int           `json:"line,omitempty"`
	Column    int           `json:"column,omitempty"`
	EndLine   int           `json:"end_line,omitempty"`
	EndColumn int           `json:"end_column,omitempty"`
	Subject   string        `json:"subject,omitempty"`
	Related   []jsonRelated `json:"related,omitempty"`
	Fixes     []jsonFix     `json:"fixes,omitempty"`
}

type jsonRelated struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

type jsonFix struct {
	Description string     `json:"description"`
	Safety      string     `json:"safety"`
	Edits       []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	NewText   string `json:"new_text"`
}

type jsonSummary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// JSON writes the CLI.md document: 2-space indent, a trailing newline, no
// HTML escaping (messages quote "<" and "&" from configurations as is).
func JSON(w io.Writer, m *lint.Model, fs []lint.Finding, o Options) error {
	c := count(fs)
	doc := jsonDoc{
		Tool:     jsonTool{Name: "tlslint", Version: o.ToolVersion},
		Findings: []jsonFinding{},
		Summary:  jsonSummary{Files: fileCount(m), Errors: c.errors, Warnings: c.warnings, Infos: c.infos},
	}
	for _, f := range sorted(fs, false) {
		doc.Findings = append(doc.Findings, toJSON(f))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func toJSON(f lint.Finding) jsonFinding {
	j := jsonFinding{
		Rule:     f.Rule,
		Name:     f.Name,
		Severity: f.Severity.String(),
		Message:  f.Message,
		File:     f.Pos.File,
		Subject:  f.Subject,
	}
	if f.Pos.IsValid() {
		j.Line, j.Column, j.EndLine, j.EndColumn = f.Pos.Line, f.Pos.Col, f.Pos.EndLine, f.Pos.EndCol
	}
	for _, r := range f.Related {
		jr := jsonRelated{File: r.Pos.File, Message: r.Message}
		if r.Pos.IsValid() {
			jr.Line = r.Pos.Line
		}
		j.Related = append(j.Related, jr)
	}
	for _, fx := range f.Fixes {
		jf := jsonFix{Description: fx.Description, Safety: string(fx.Safety), Edits: []jsonEdit{}}
		for _, e := range fx.Edits {
			jf.Edits = append(jf.Edits, jsonEdit{
				File: e.Pos.File, Line: e.Pos.Line, Column: e.Pos.Col,
				EndLine: e.Pos.EndLine, EndColumn: e.Pos.EndCol, NewText: e.NewText,
			})
		}
		j.Fixes = append(j.Fixes, jf)
	}
	return j
}
