package bigip

import (
	"bytes"
	"fmt"
	"os"
	"strings"
)

// maxDepth bounds block nesting. Real configurations nest six or seven
// levels (security bot-defense profiles); the bound keeps hostile input
// from exhausting the stack.
const maxDepth = 100

// maxHeaderWords bounds an object header: the longest real ones (apm policy
// agent <type> <name>, gtm topology records) have well under 20 words, so a
// longer "header" is prose, not tmsh.
const maxHeaderWords = 64

// Parse parses tmsh text: a bigip.conf-style file, an SCF or `tmsh list`
// output. path is the display name used in positions and errors. Parse always
// returns a File; its Errors list what could not be read.
func Parse(path string, src []byte) *File {
	f := &File{Path: path, Src: src}
	p := &parser{f: f, lx: newLexer(f), folder: DefaultFolder}
	p.parseFile()
	return f
}

// ParseFile reads and parses one file from disk. The error is only for I/O;
// syntax errors are in File.Errors.
func ParseFile(path string) (*File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, src), nil
}

type parser struct {
	f       *File
	lx      *lexer
	peek    token
	hasPeek bool
	// folder is the current folder for relative names; an SCF switches it
	// with `cli admin-partitions { update-partition P }`.
	folder string
	// resync is set when a failure left the lexer inside an object, so the
	// caller must skip to the next top-level object.
	resync bool
}

func (p *parser) next() token {
	if p.hasPeek {
		p.hasPeek = false
		return p.peek
	}
	return p.lx.next()
}

func (p *parser) unread(t token) {
	p.peek, p.hasPeek = t, true
}

func (p *parser) errorf(pos Pos, format string, args ...any) {
	addError(p.f, pos, format, args...)
}

func (p *parser) parseFile() {
	for {
		t := p.next()
		switch t.kind {
		case tokEOF:
			return
		case tokNewline:
		case tokRBrace:
			p.errorf(t.pos, "unexpected '}' outside any object")
		case tokLBrace:
			p.errorf(t.pos, "expected an object header (module type name) before '{'")
			p.skipToNextObject()
		default:
			p.parseObject(t)
		}
		if p.resync {
			p.resync = false
			p.skipToNextObject()
		}
	}
}

// isModuleWord reports whether w is spelled like a tmsh module: lower-case
// letters, digits, '-' and '_', starting with a letter.
func isModuleWord(w string) bool {
	if w == "" || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (p *parser) parseObject(first token) {
	header := []token{first}
	if first.kind != tokWord || !isModuleWord(first.text) {
		p.errorf(first.pos, "expected a tmsh object (\"module type name { … }\"), found %s", describeLine(p.f.Src, first.pos))
		p.skipToNextObject()
		return
	}
	var open token
	for {
		t := p.next()
		switch t.kind {
		case tokWord, tokString:
			header = append(header, t)
			if len(header) > maxHeaderWords {
				p.errorf(first.pos, "expected '{' after the object header %s", headerText(header[:8])+" …")
				p.skipToNextObject()
				return
			}
			continue
		case tokLBrace:
			open = t
		default:
			p.errorf(first.pos, "expected '{' after %s: a tmsh object is \"module type name { … }\"", headerText(header))
			if t.kind == tokEOF {
				p.unread(t)
			}
			return
		}
		break
	}

	obj := p.newObject(header)
	info, _ := lookupKind(objectWords(header))
	if info.raw {
		p.parseRaw(obj, open)
	} else {
		body, ok := p.parseBlock(open, obj.String(), "", 1)
		obj.Body = body
		obj.Incomplete = !ok
	}
	end := obj.Body.Pos.End
	if obj.Raw != nil {
		end = p.lx.off
	}
	obj.Pos = Pos{Offset: first.pos.Offset, End: end, Line: first.pos.Line, Col: first.pos.Col}
	p.f.Objects = append(p.f.Objects, obj)

	if obj.Kind == "cli admin-partitions" {
		if v, ok := obj.Value("update-partition"); ok && v != "" {
			p.folder = "/" + strings.Trim(v, "/")
		}
	}
}

func objectWords(header []token) []string {
	words := make([]string, len(header))
	for i, t := range header {
		words[i] = t.text
	}
	return words
}

func headerText(header []token) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, t := range header {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	b.WriteByte('"')
	s := b.String()
	if len(s) > 80 {
		s = s[:77] + "…\""
	}
	return s
}

// describeLine quotes the source line at p, shortened, for messages.
func describeLine(src []byte, p Pos) string {
	end := bytes.IndexByte(src[p.Offset:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += p.Offset
	}
	s := strings.TrimSpace(string(src[p.Offset:end]))
	if len(s) > 60 {
		s = s[:57] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// newObject splits a header into module, types and name (see Object).
func (p *parser) newObject(header []token) *Object {
	words := objectWords(header)
	obj := &Object{Module: words[0], BaseFolder: p.folder}
	obj.Header = make([]Value, len(header))
	for i, t := range header {
		obj.Header[i] = t.value()
	}
	info, known := lookupKind(words)
	n := len(words)
	nameIdx := -1
	switch {
	case n >= 2 && strings.HasPrefix(words[n-1], "/"):
		nameIdx = n - 1
	case known:
		t := min(info.types, n-1)
		if n-1-t > 0 {
			nameIdx = n - 1
		}
	case n >= 3:
		nameIdx = n - 1
	}
	if nameIdx >= 0 {
		obj.Types = words[1:nameIdx]
		obj.Name = words[nameIdx]
		obj.NamePos = header[nameIdx].pos
	} else {
		obj.Types = words[1:]
	}
	obj.Kind = strings.Join(words[:1+len(obj.Types)], " ")
	if obj.Name != "" {
		if info.folderles {
			obj.FullName = obj.Name
		} else {
			obj.FullName = NormalizeName(obj.Name, p.folder)
			obj.Partition = PartitionOf(obj.FullName)
		}
	}
	return obj
}

// parseBlock reads properties up to the '}' matching open. what names the
// object, key names the property that opened the block ("" for the object
// body), for messages. It reports false when the block could not be read to
// its end; the error is already recorded.
func (p *parser) parseBlock(open token, what, key string, depth int) (*Block, bool) {
	b := &Block{Pos: open.pos}
	closeErr := func(at Pos, suffix string) {
		if key == "" {
			p.errorf(at, "expected '}' to close %s opened at line %d%s", what, open.pos.Line, suffix)
		} else {
			p.errorf(at, "expected '}' to close %q opened at line %d (in %s)%s", key, open.pos.Line, what, suffix)
		}
	}
	if depth > maxDepth {
		p.errorf(open.pos, "blocks nested more than %d deep in %s", maxDepth, what)
		p.resync = true
		return b, false
	}
	for {
		t := p.next()
		switch t.kind {
		case tokNewline:
		case tokRBrace:
			b.Pos.End = t.pos.End
			return b, true
		case tokEOF:
			closeErr(t.pos, "")
			p.unread(t)
			b.Pos.End = t.pos.Offset
			return b, false
		case tokLBrace:
			sub, ok := p.parseBlock(t, what, "{", depth+1)
			b.Props = append(b.Props, &Prop{Block: sub, Pos: sub.Pos})
			if !ok {
				b.Pos.End = sub.Pos.End
				return b, false
			}
		default:
			if t.kind == tokWord && t.pos.Col == 1 && p.startsObject(t) {
				// tmsh indents everything inside an object; a module word
				// in column 1 followed by a '{' is the next object, so
				// this one lost its closing brace.
				closeErr(t.pos, " before the next object")
				p.unread(t)
				b.Pos.End = t.pos.Offset
				return b, false
			}
			prop, ok := p.parseProp(t, what, depth)
			b.Props = append(b.Props, prop)
			if !ok {
				b.Pos.End = prop.Pos.End
				return b, false
			}
		}
	}
}

func (p *parser) parseProp(key token, what string, depth int) (*Prop, bool) {
	prop := &Prop{Key: key.text, KeyPos: key.pos, KeyQuoted: key.kind == tokString, Pos: key.pos}
	for {
		t := p.next()
		switch t.kind {
		case tokWord, tokString:
			prop.Values = append(prop.Values, t.value())
			prop.Pos.End = t.pos.End
		case tokNewline:
			return prop, true
		case tokRBrace, tokEOF:
			p.unread(t)
			return prop, true
		case tokLBrace:
			sub, ok := p.parseBlock(t, what, key.text, depth+1)
			prop.Block = sub
			prop.Pos.End = sub.Pos.End
			return prop, ok
		}
	}
}

// startsObject reports whether the word t, in column 1, begins a top-level
// object: a known module followed, on the same line, by a '{'.
func (p *parser) startsObject(t token) bool {
	return modules[t.text] && lineStartsObject(p.f.Src, t.pos.Offset)
}

// lineStartsObject reports whether the line starting at off looks like the
// header of a top-level object: a known module word, a space, and a '{'
// later on the line.
func lineStartsObject(src []byte, off int) bool {
	end := bytes.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	line := src[off:end]
	sp := bytes.IndexAny(line, " \t")
	if sp <= 0 || !modules[string(line[:sp])] {
		return false
	}
	return bytes.IndexByte(line[sp:], '{') >= 0
}

// skipToNextObject resynchronises after an error: it moves to the start of
// the next line that begins a top-level object, or to the end of the file.
func (p *parser) skipToNextObject() {
	p.hasPeek = false
	src := p.f.Src
	off := p.lx.off
	// Start from the next line: the current one is the broken one.
	for {
		nl := bytes.IndexByte(src[off:], '\n')
		if nl < 0 {
			p.lx.advanceTo(len(src))
			return
		}
		off += nl + 1
		if off < len(src) && lineStartsObject(src, off) {
			p.lx.advanceTo(off)
			p.lx.lineTok = tokNewline
			return
		}
	}
}

// parseRaw reads a TCL or free-text body (see scanTCL) whose '{' is open.
func (p *parser) parseRaw(obj *Object, open token) {
	src := p.f.Src
	start := p.lx.off
	obj.Body = &Block{Pos: open.pos}
	end, ok := scanTCL(src, start)
	if !ok || !closesObject(src, end) {
		if alt, found := layoutClose(src, start); found {
			if ok {
				addWarning(p.f, obj.NamePosOr(open.pos), "the braces in the TCL body of %s do not balance as TCL reads them (BIG-IP rejects such a script); its end was taken at the '}' on line %d", obj, lineOf(src, alt))
			} else {
				addWarning(p.f, obj.NamePosOr(open.pos), "the TCL body of %s has an unclosed brace or quote (BIG-IP rejects such a script); its end was taken at the '}' on line %d", obj, lineOf(src, alt))
			}
			end, ok = alt, true
		}
	}
	bodyPos := p.lx.pos(start)
	if !ok {
		p.lx.advanceTo(len(src))
		eof := p.lx.pos(len(src))
		p.errorf(eof, "expected '}' to close %s opened at line %d", obj, open.pos.Line)
		bodyPos.End = len(src)
		obj.Raw = &Value{Text: string(src[start:]), Pos: bodyPos}
		obj.Body.Pos.End = len(src)
		obj.Incomplete = true
		return
	}
	bodyPos.End = end
	obj.Raw = &Value{Text: string(src[start:end]), Pos: bodyPos}
	p.lx.advanceTo(end + 1)
	p.lx.lineTok = tokRBrace
	obj.Body.Pos.End = end + 1
}

// NamePosOr returns the name's position, or def for an unnamed object.
func (o *Object) NamePosOr(def Pos) Pos {
	if o.NamePos.IsValid() {
		return o.NamePos
	}
	return def
}

func lineOf(src []byte, off int) int {
	return bytes.Count(src[:off], []byte{'\n'}) + 1
}

// closesObject checks that the '}' at end can be the end of a top-level
// object: nothing else on its line, and the next non-blank line is the end
// of the file, a comment, or the header of another object.
func closesObject(src []byte, end int) bool {
	i := end + 1
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	if i < len(src) && src[i] != '\n' {
		return false
	}
	return nextLineIsBoundary(src, i)
}

// nextLineIsBoundary looks past blank lines from off (at a '\n' or the end).
func nextLineIsBoundary(src []byte, off int) bool {
	for off < len(src) {
		// off is at a '\n': look at the next line.
		lineStart := off + 1
		j := lineStart
		for j < len(src) && isSpace(src[j]) {
			j++
		}
		if j >= len(src) {
			return true
		}
		if src[j] == '\n' {
			off = j
			continue
		}
		if src[j] == '#' {
			return true
		}
		return j == lineStart && lineStartsObject(src, lineStart)
	}
	return true
}

// layoutClose finds the end of a script body from the layout BIG-IP writes:
// the first line after start that is a lone '}' in column 1 and is followed
// by the end of the file or another object's header.
func layoutClose(src []byte, start int) (int, bool) {
	off := start
	for off < len(src) {
		nl := bytes.IndexByte(src[off:], '\n')
		lineEnd := len(src)
		if nl >= 0 {
			lineEnd = off + nl
		}
		line := bytes.TrimRight(src[off:lineEnd], " \t\r")
		if len(line) == 1 && line[0] == '}' && off > start && src[off-1] == '\n' {
			if nextLineIsBoundary(src, lineEnd) {
				return off, true
			}
		}
		if nl < 0 {
			break
		}
		off = lineEnd + 1
	}
	return 0, false
}
