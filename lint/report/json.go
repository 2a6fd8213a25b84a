package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"

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
	Diffs    *[]Diff       `json:"diffs,omitempty"` // drift only: present, [] when empty
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
// HTML escaping (messages quote "<" and "&" from configurations as is). It
// writes the bytes encoding/json would (TestJSONWriterMatchesEncodingJSON)
// without reflection: a 2,000-server tree has thousands of findings.
func JSON(w io.Writer, m *lint.Model, fs []lint.Finding, o Options) error {
	c := count(fs)
	doc := jsonDoc{
		Tool:    jsonTool{Name: "tlslint", Version: o.ToolVersion},
		Summary: jsonSummary{Files: fileCount(m), Errors: c.errors, Warnings: c.warnings, Infos: c.infos},
	}
	if o.Diffs != nil {
		doc.Diffs = &o.Diffs
	}
	// The findings are converted and written one at a time, and the text
	// goes to w in pieces: 20,000 nginx servers make a 27 MB document, which
	// held whole (and its converted findings beside it) grew the peak heap
	// by about 100 MB at the end of the run.
	jw := jsonWriter{w: w}
	jw.docOf(doc, sorted(fs, false))
	return jw.flush()
}

// jsonWriter renders jsonDoc exactly as json.Encoder with SetIndent("", "  ")
// and SetEscapeHTML(false) does.
type jsonWriter struct {
	buf   bytes.Buffer
	depth int
	first []bool
	// w, when set, receives buf whenever it passes flushAt between
	// findings (see spill); err is the first write error.
	w   io.Writer
	err error
}

// flushAt is how much text the writer holds before passing it on.
const flushAt = 64 << 10

// spill passes the text so far to w once there is enough of it.
func (j *jsonWriter) spill() {
	if j.w != nil && j.buf.Len() >= flushAt {
		j.flush()
	}
}

// flush passes the text so far to w and reports the first write error.
func (j *jsonWriter) flush() error {
	if j.w != nil && j.err == nil && j.buf.Len() > 0 {
		_, j.err = j.w.Write(j.buf.Bytes())
	}
	j.buf.Reset()
	return j.err
}

func (j *jsonWriter) newline() {
	j.buf.WriteByte('\n')
	for i := 0; i < j.depth; i++ {
		j.buf.WriteString("  ")
	}
}

func (j *jsonWriter) open(c byte) {
	j.buf.WriteByte(c)
	j.depth++
	j.first = append(j.first, true)
}

func (j *jsonWriter) close(c byte) {
	empty := j.first[len(j.first)-1]
	j.first = j.first[:len(j.first)-1]
	j.depth--
	if !empty {
		j.newline()
	}
	j.buf.WriteByte(c)
}

// item starts an element of the innermost object or array.
func (j *jsonWriter) item() {
	if !j.first[len(j.first)-1] {
		j.buf.WriteByte(',')
	}
	j.first[len(j.first)-1] = false
	j.newline()
}

func (j *jsonWriter) key(k string) {
	j.item()
	j.str(k)
	j.buf.WriteString(": ")
}

func (j *jsonWriter) str(s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			b, _ := marshalNoHTML(s)
			j.buf.Write(b)
			return
		}
	}
	j.buf.WriteByte('"')
	j.buf.WriteString(s)
	j.buf.WriteByte('"')
}

func (j *jsonWriter) num(n int) { j.buf.WriteString(strconv.Itoa(n)) }

func (j *jsonWriter) strField(k, v string, omitEmpty bool) {
	if omitEmpty && v == "" {
		return
	}
	j.key(k)
	j.str(v)
}

func (j *jsonWriter) numField(k string, v int, omitEmpty bool) {
	if omitEmpty && v == 0 {
		return
	}
	j.key(k)
	j.num(v)
}

func (j *jsonWriter) doc(d jsonDoc) { j.docOf(d, nil) }

// docOf writes d with fs (converted as they are written) after
// d.Findings.
func (j *jsonWriter) docOf(d jsonDoc, fs []lint.Finding) {
	j.open('{')
	j.key("tool")
	j.open('{')
	j.strField("name", d.Tool.Name, false)
	j.strField("version", d.Tool.Version, false)
	j.close('}')
	j.key("findings")
	j.open('[')
	for _, f := range d.Findings {
		j.item()
		j.finding(f)
	}
	for _, f := range fs {
		j.item()
		j.finding(toJSON(f))
		j.spill()
	}
	j.close(']')
	j.diffs(d.Diffs)
	j.key("summary")
	j.open('{')
	j.numField("files", d.Summary.Files, false)
	j.numField("errors", d.Summary.Errors, false)
	j.numField("warnings", d.Summary.Warnings, false)
	j.numField("infos", d.Summary.Infos, false)
	j.close('}')
	j.close('}')
	j.buf.WriteByte('\n')
}

// related writes a finding's related locations, when it has any.
func (j *jsonWriter) related(rs []jsonRelated) {
	if len(rs) == 0 {
		return
	}
	j.key("related")
	j.open('[')
	for _, r := range rs {
		j.item()
		j.open('{')
		j.strField("file", r.File, true)
		j.numField("line", r.Line, true)
		j.strField("message", r.Message, false)
		j.close('}')
	}
	j.close(']')
}

func (j *jsonWriter) finding(f jsonFinding) {
	j.open('{')
	j.strField("rule", f.Rule, false)
	j.strField("name", f.Name, false)
	j.strField("severity", f.Severity, false)
	j.strField("message", f.Message, false)
	j.strField("file", f.File, true)
	j.numField("line", f.Line, true)
	j.numField("column", f.Column, true)
	j.numField("end_line", f.EndLine, true)
	j.numField("end_column", f.EndColumn, true)
	j.strField("subject", f.Subject, true)
	j.related(f.Related)
	if len(f.Fixes) > 0 {
		j.key("fixes")
		j.open('[')
		for _, fx := range f.Fixes {
			j.item()
			j.open('{')
			j.strField("description", fx.Description, false)
			j.strField("safety", fx.Safety, false)
			j.key("edits")
			j.open('[')
			for _, e := range fx.Edits {
				j.item()
				j.open('{')
				j.strField("file", e.File, false)
				j.numField("line", e.Line, false)
				j.numField("column", e.Column, false)
				j.numField("end_line", e.EndLine, false)
				j.numField("end_column", e.EndColumn, false)
				j.strField("new_text", e.NewText, false)
				j.close('}')
			}
			j.close(']')
			j.close('}')
		}
		j.close(']')
	}
	j.close('}')
}

// marshalNoHTML quotes a string as encoding/json does without HTML escaping.
func marshalNoHTML(s string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
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
		j.Line, j.Column, j.EndLine, j.EndColumn = int(f.Pos.Line), int(f.Pos.Col), int(f.Pos.EndLine), int(f.Pos.EndCol)
	}
	for _, r := range f.Related {
		jr := jsonRelated{File: r.Pos.File, Message: r.Message}
		if r.Pos.IsValid() {
			jr.Line = int(r.Pos.Line)
		}
		j.Related = append(j.Related, jr)
	}
	for _, fx := range f.Fixes {
		jf := jsonFix{Description: fx.Description, Safety: string(fx.Safety), Edits: []jsonEdit{}}
		for _, e := range fx.Edits {
			jf.Edits = append(jf.Edits, jsonEdit{
				File: e.Pos.File, Line: int(e.Pos.Line), Column: int(e.Pos.Col),
				EndLine: int(e.Pos.EndLine), EndColumn: int(e.Pos.EndCol), NewText: e.NewText,
			})
		}
		j.Fixes = append(j.Fixes, jf)
	}
	return j
}
