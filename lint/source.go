// Package lint holds tlslint's common model, the rule API (metadata,
// findings, fixes), the rule registry and the runner. Parsers fill a Model;
// rules read it and report Findings; reporters print them.
package lint

import (
	"bytes"
	"cmp"
	"fmt"
	"sort"
	"strings"
)

// Pos is a range of bytes in a source file. Every model value that came from
// text carries one, so that findings and fix edits point at exact bytes.
// Lines and columns are 1-based; columns count bytes.
//
// The numbers are int32, not int: a model holds several positions per
// setting (an nginx tree of 20,000 servers holds millions), and halving them
// shrinks every one from 64 to 40 bytes. They fit: lint/files caps a
// configuration file at 48 MiB and every other input well under 2 GiB
// (files.Caps), so no offset, line or column exceeds math.MaxInt32.
type Pos struct {
	File    string // display name: relative to the working directory when below it, "x.ucs!config/bigip.conf" in archives
	Offset  int32  // byte offset of the first byte
	End     int32  // byte offset just past the last byte
	Line    int32
	Col     int32
	EndLine int32
	EndCol  int32
}

// IsValid reports whether p points into a file.
func (p Pos) IsValid() bool { return p.File != "" && p.Line > 0 }

// String renders file:line:col.
func (p Pos) String() string {
	if !p.IsValid() {
		if p.File != "" {
			return p.File
		}
		return "-"
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Before orders positions by file, then offset.
func (p Pos) Before(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	return p.Offset < q.Offset
}

// Compare orders positions by file and offset as Before does, then by the
// rest of their fields: only equal positions compare equal (0).
func (p Pos) Compare(q Pos) int {
	return cmp.Or(strings.Compare(p.File, q.File), cmp.Compare(p.Offset, q.Offset), cmp.Compare(p.End, q.End),
		cmp.Compare(p.Line, q.Line), cmp.Compare(p.Col, q.Col), cmp.Compare(p.EndLine, q.EndLine), cmp.Compare(p.EndCol, q.EndCol))
}

// Source is one input file: its bytes and a line index, the one place where
// byte offsets become lines and columns.
type Source struct {
	Name     string // display name (see Pos.File)
	Path     string // path on disk to write fixes to; empty for stdin and archive members
	Data     []byte
	Fragment bool // a lone nginx fragment linted out of context
	// lines holds the offset of each line's start, int32 as Pos's are (a
	// 20,000-server tree has 440,000 lines).
	lines []int32
}

// NewSource indexes data.
func NewSource(name, path string, data []byte) *Source {
	s := &Source{Name: name, Path: path, Data: data}
	s.lines = make([]int32, 1, 1+bytes.Count(data, []byte{'\n'})) // sized once: no garbage of growing
	for i, b := range data {
		if b == '\n' {
			s.lines = append(s.lines, int32(i+1))
		}
	}
	return s
}

// LineCol converts a byte offset to a 1-based line and byte column.
func (s *Source) LineCol(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(s.Data) {
		off = len(s.Data)
	}
	i := sort.Search(len(s.lines), func(i int) bool { return int(s.lines[i]) > off }) - 1
	return i + 1, off - int(s.lines[i]) + 1
}

// Offset converts a 1-based line and byte column back to an offset.
func (s *Source) Offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(s.lines) {
		return len(s.Data)
	}
	off := int(s.lines[line-1]) + col - 1
	if off > len(s.Data) {
		off = len(s.Data)
	}
	return off
}

// Pos builds the position of bytes [off, end).
func (s *Source) Pos(off, end int) Pos {
	off = min(max(off, 0), len(s.Data))
	end = min(max(end, off), len(s.Data))
	l, c := s.LineCol(off)
	el, ec := s.LineCol(end)
	return Pos{File: s.Name, Offset: int32(off), End: int32(end), Line: int32(l), Col: int32(c), EndLine: int32(el), EndCol: int32(ec)}
}

// Line returns the text of a 1-based line without its newline.
func (s *Source) Line(n int) string {
	if n < 1 || n > len(s.lines) {
		return ""
	}
	start := int(s.lines[n-1])
	end := len(s.Data)
	if n < len(s.lines) {
		end = int(s.lines[n]) - 1
	}
	if end > start && s.Data[end-1] == '\r' {
		end--
	}
	return string(s.Data[start:end])
}

// Lines returns the number of lines.
func (s *Source) Lines() int { return len(s.lines) }
