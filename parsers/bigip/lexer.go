package bigip

import (
	"bytes"
	"fmt"
	"strings"
	"unsafe"
)

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokNewline
	tokWord
	tokString
	tokLBrace
	tokRBrace
)

func (k tokKind) String() string {
	switch k {
	case tokEOF:
		return "end of file"
	case tokNewline:
		return "end of line"
	case tokWord:
		return "word"
	case tokString:
		return "quoted string"
	case tokLBrace:
		return "'{'"
	case tokRBrace:
		return "'}'"
	}
	return "token"
}

type token struct {
	kind tokKind
	text string // word text, or the decoded content of a quoted string
	pos  Pos
}

func (t token) value() Value {
	return Value{Text: t.text, Quoted: t.kind == tokString, Pos: t.pos}
}

// lexer splits tmsh text into tokens, tracking line and column as it goes.
// Newlines are tokens: a property ends at the end of its line.
type lexer struct {
	src       []byte
	off       int
	line      int
	lineStart int
	// lineTok is the kind of the last token on the current line, or
	// tokNewline when there is none yet. A '#' starts a comment only where
	// a property could start: first on its line or right after a brace.
	lineTok tokKind
	file    *File
	// str is the source as one string: word texts are substrings of it, so
	// a large file costs no allocation per word. It shares src's memory
	// (no copy: a 24 MB bigip.conf would otherwise be held twice, as
	// File.Src and as the words' backing string), which is sound because
	// nothing writes to a parsed file's bytes (Parse's contract).
	str string
	// A string starting in (openQuoteFrom, openQuoteTo) is unterminated:
	// the last search for a closing quote, from openQuoteFrom, found none
	// before openQuoteTo, and a later search would pair escapes the same way
	// (a '"' breaks any run of backslashes). This keeps a file of stray
	// quotes linear.
	openQuoteFrom, openQuoteTo int
}

func newLexer(f *File) *lexer {
	l := &lexer{src: f.Src, str: unsafe.String(unsafe.SliceData(f.Src), len(f.Src)), line: 1, lineTok: tokNewline, file: f, openQuoteFrom: -1, openQuoteTo: -1}
	// A UTF-8 byte order mark is not content; columns still count its bytes.
	if bytes.HasPrefix(l.src, []byte("\xef\xbb\xbf")) {
		l.off = 3
	}
	return l
}

func (l *lexer) pos(start int) Pos {
	return Pos{Offset: int32(start), End: int32(l.off), Line: int32(l.line), Col: int32(start - l.lineStart + 1)}
}

// posAt is the position of a token that started at start on line, lineStart.
func posAt(start, end, line, lineStart int) Pos {
	return Pos{Offset: int32(start), End: int32(end), Line: int32(line), Col: int32(start - lineStart + 1)}
}

// advanceTo moves forward to off (≥ l.off), keeping the line count right.
func (l *lexer) advanceTo(off int) {
	if off > len(l.src) {
		off = len(l.src)
	}
	for i := l.off; i < off; i++ {
		if l.src[i] == '\n' {
			l.line++
			l.lineStart = i + 1
		}
	}
	l.off = off
	if l.off == l.lineStart {
		l.lineTok = tokNewline
	}
}

// restart moves the lexer to just past the '{' at open, as the first pass
// left it there: bodies are read again from the source (lazyBodies).
func (l *lexer) restart(open Pos) {
	l.off = int(open.End)
	l.line = int(open.Line)
	l.lineStart = int(open.Offset) - int(open.Col) + 1
	l.lineTok = tokLBrace
	l.openQuoteFrom, l.openQuoteTo = -1, -1
}

func (l *lexer) errorf(p Pos, format string, args ...any) {
	addError(l.file, p, format, args...)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

func (l *lexer) next() token {
	t := l.scan()
	l.lineTok = t.kind
	return t
}

func (l *lexer) scan() token {
	for l.off < len(l.src) {
		c := l.src[l.off]
		switch {
		case isSpace(c):
			l.off++
		case c == '\n':
			start := l.off
			p := l.pos(start)
			l.off++
			p.End = int32(l.off)
			l.line++
			l.lineStart = l.off
			return token{kind: tokNewline, pos: p}
		case c == '#' && (l.lineTok == tokNewline || l.lineTok == tokLBrace || l.lineTok == tokRBrace):
			l.comment()
		case c == '{':
			l.off++
			return token{kind: tokLBrace, text: "{", pos: l.pos(l.off - 1)}
		case c == '}':
			l.off++
			return token{kind: tokRBrace, text: "}", pos: l.pos(l.off - 1)}
		case c == '"':
			return l.quoted()
		default:
			return l.word()
		}
	}
	return token{kind: tokEOF, pos: l.pos(l.off)}
}

func (l *lexer) comment() {
	start := l.off
	end := bytes.IndexByte(l.src[start:], '\n')
	if end < 0 {
		end = len(l.src)
	} else {
		end += start
	}
	l.off = end
	text := strings.TrimRight(string(l.src[start:end]), "\r")
	p := l.pos(start)
	p.End = int32(start + len(text))
	l.file.Comments = append(l.file.Comments, Comment{Text: text, Pos: p})
	if v, ok := strings.CutPrefix(text, "#TMSH-VERSION:"); ok && l.file.Version == "" {
		l.file.Version = strings.TrimSpace(v)
		l.file.VersionPos = p
	}
}

func (l *lexer) word() token {
	start := l.off
	i := l.off
	for i < len(l.src) {
		c := l.src[i]
		if isSpace(c) || c == '\n' || c == '{' || c == '}' {
			break
		}
		// A backslash keeps the next character in the word, so an escaped
		// brace or space does not end it; the text stays as written.
		if c == '\\' && i+1 < len(l.src) && l.src[i+1] != '\n' {
			i += 2
			continue
		}
		i++
	}
	l.off = i
	return token{kind: tokWord, text: l.str[start:i], pos: l.pos(start)}
}

// quoted scans a double-quoted string, which may span lines. A string is
// unterminated when no closing quote comes before the end of the file or
// before a line that starts a top-level object (tmsh never writes such a
// line inside a string, and a stray quote must not swallow the objects
// after it). It is reported and taken to end at the end of its first line.
func (l *lexer) quoted() token {
	start, line, lineStart := l.off, l.line, l.lineStart
	stop := -1
	if start > l.openQuoteFrom && start < l.openQuoteTo {
		stop = l.openQuoteTo
	} else {
		i := l.off + 1
		escaped := false
		for i < len(l.src) {
			c := l.src[i]
			if c == '\\' && i+1 < len(l.src) {
				escaped = true
				if l.src[i+1] == '\n' {
					l.line++
					l.lineStart = i + 2
				}
				i += 2
				continue
			}
			if c == '\n' {
				l.line++
				l.lineStart = i + 1
				if i+1 < len(l.src) && l.src[i+1] >= 'a' && l.src[i+1] <= 'z' && lineStartsObject(l.src, i+1) {
					stop = i + 1
					break
				}
			}
			if c == '"' {
				l.off = i + 1
				p := posAt(start, l.off, line, lineStart)
				text := l.str[start+1 : i]
				if escaped {
					text = unescape(text)
				}
				return token{kind: tokString, text: text, pos: p}
			}
			i++
		}
		if stop < 0 {
			stop = len(l.src)
		}
		l.openQuoteFrom, l.openQuoteTo = start, stop
	}
	// Unterminated: rewind to the end of the opening line.
	eol := bytes.IndexByte(l.src[start:], '\n')
	if eol < 0 {
		eol = len(l.src)
	} else {
		eol += start
	}
	l.off, l.line, l.lineStart = eol, line, lineStart
	p := posAt(start, eol, line, lineStart)
	if stop >= len(l.src) {
		l.errorf(p, "unterminated quoted string: no closing '\"' before the end of the file")
	} else {
		l.errorf(p, "unterminated quoted string: no closing '\"' before the next object")
	}
	text := strings.TrimRight(string(l.src[start+1:eol]), "\r")
	return token{kind: tokString, text: unescape(text), pos: p}
}

// unescape removes tmsh's own escapes from quoted text: \" \? \\. tmsh
// escapes '?' because it is the help key in its interactive shell. Every other
// backslash sequence is kept as written (see Value).
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '"', '?', '\\':
				b.WriteByte(s[i+1])
				i++
				continue
			}
			b.WriteByte(c)
			b.WriteByte(s[i+1])
			i++
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func addError(f *File, p Pos, format string, args ...any) {
	f.Errors = append(f.Errors, &Error{Path: f.Path, Pos: p, Msg: fmt.Sprintf(format, args...)})
}

func addWarning(f *File, p Pos, format string, args ...any) {
	f.Warnings = append(f.Warnings, &Error{Path: f.Path, Pos: p, Msg: fmt.Sprintf(format, args...)})
}
