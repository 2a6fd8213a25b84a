package nginx

import (
	"strings"

	"github.com/tufanbarisyildirim/gonginx/parser"

	"github.com/tlslint/tlslint/lint"
)

// Arg is one directive argument.
//
// Offsets here and in Stmt are int32, not int: every file of a tree stays
// parsed until its walk is done, and a 20,000-server tree has 370,000
// statements (128 -> 96 bytes each) with 500,000 arguments (40 -> 32
// bytes). They fit: lint/files caps a configuration file at 48 MiB.
type Arg struct {
	Value  string // after nginx's unescaping of quoted strings; as written is the source's [Off, End)
	Off    int32  // offset of the first byte (the quote, if quoted)
	End    int32
	Quoted bool
}

// Stmt is one nginx statement with exact byte positions. Included files
// are spliced in by the loader; each Stmt remembers its own file.
type Stmt struct {
	Name     string
	Args     []Arg
	Block    []*Stmt
	File     *file
	NameOff  int32
	Off, End int32 // the name's first byte to just past ';' or '}'
	Open     int32 // offset of '{'
	Close    int32 // offset of the matching '}'
	HasBlock bool
	Lua      bool // *_by_lua_block: the body is Lua, not nginx
	// Unresolved marks an include whose files could not be read: what it
	// would have set is unknown.
	Unresolved bool
	// MayHoldTLS: the unreadable include's name suggests TLS or proxy
	// settings (mayHoldTLS), so rules stop reporting their absence.
	MayHoldTLS bool
}

// comment is a '#' comment with its position (for suppressions).
type comment struct {
	Text     string // without '#'
	Off, End int
}

// syntaxError is a positioned parse error.
type syntaxError struct {
	Off int
	Msg lint.Msg
}

func (e *syntaxError) Error() string { return e.Msg.String() }

// scanner reads nginx configuration the way ngx_conf_read_token does
// (src/core/ngx_conf_file.c): words end at white space, ';' or '{' (not '}');
// '#' starts a comment only at the start of a word; quotes open a quoted
// word only at its start and must be followed by a separator; a backslash
// escapes the next byte; '{' directly after '$' belongs to the word.
type scanner struct {
	src      []byte
	pos      int
	comments []comment
	// args and stmts are stacks the statements being read collect into,
	// copied out at exact length when one ends: grown by append, the
	// statement trees of a 20,000-server tree held a fifth more than their
	// contents until the walk ended.
	args  []Arg
	stmts []*Stmt
	// name: the next word is a statement's name, which is one of the few
	// hundred directive names nearly always: those are not copied from
	// the source but shared (directiveNames). The 370,000 statements of a
	// 20,000-server tree held 6 MB of copies of their names.
	name bool
}

// directiveNames holds nginx's directive names (gonginx's list), each the
// one copy statements of that name share.
var directiveNames = func() map[string]string {
	m := make(map[string]string, len(parser.ValidDirectives))
	for name := range parser.ValidDirectives {
		m[name] = name
	}
	return m
}()

const maxDepth = 200

// parseFile scans a whole file into statements.
func parseFile(src []byte) ([]*Stmt, []comment, error) {
	s := &scanner{src: src}
	stmts, err := s.block(0, -1)
	return stmts, s.comments, err
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// token kinds returned by next.
const (
	tWord = iota
	tSemi
	tOpen
	tClose
	tEOF
)

type token struct {
	kind int
	arg  Arg
	off  int
}

func (s *scanner) next() (token, error) {
	for {
		for s.pos < len(s.src) && isSpace(s.src[s.pos]) {
			s.pos++
		}
		if s.pos >= len(s.src) {
			return token{kind: tEOF, off: s.pos}, nil
		}
		c := s.src[s.pos]
		switch c {
		case '#':
			start := s.pos
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.pos++
			}
			s.comments = append(s.comments, comment{Text: string(s.src[start+1 : s.pos]), Off: start, End: s.pos})
			continue
		case ';':
			s.pos++
			return token{kind: tSemi, off: s.pos - 1}, nil
		case '{':
			s.pos++
			return token{kind: tOpen, off: s.pos - 1}, nil
		case '}':
			s.pos++
			return token{kind: tClose, off: s.pos - 1}, nil
		case '"', '\'':
			return s.quoted(c)
		}
		return s.word()
	}
}

func (s *scanner) quoted(q byte) (token, error) {
	start := s.pos
	s.pos++
	var b strings.Builder
	for {
		if s.pos >= len(s.src) {
			return token{}, &syntaxError{start, lint.Msgf("unexpected end of file: the string opened with %s is never closed", string(q))}
		}
		c := s.src[s.pos]
		if c == '\\' && s.pos+1 < len(s.src) {
			n := s.src[s.pos+1]
			// ngx_conf_read_token unescapes \" \' \\ \t \r \n in quoted words;
			// any other escape keeps its backslash.
			switch n {
			case '"', '\'', '\\':
				b.WriteByte(n)
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'n':
				b.WriteByte('\n')
			default:
				b.WriteByte('\\')
				b.WriteByte(n)
			}
			s.pos += 2
			continue
		}
		s.pos++
		if c == q {
			break
		}
		b.WriteByte(c)
	}
	// nginx needs a separator after the closing quote: space, ';', '{' or ')'.
	if s.pos < len(s.src) {
		c := s.src[s.pos]
		if !isSpace(c) && c != ';' && c != '{' && c != ')' {
			return token{}, &syntaxError{s.pos, lint.Msgf("unexpected %q after the closing quote: expected a space, \";\" or \"{\"", string(c))}
		}
		if c == ')' {
			s.pos++
		}
	}
	return token{kind: tWord, off: start, arg: Arg{Value: b.String(), Quoted: true, Off: int32(start), End: int32(s.pos)}}, nil
}

func (s *scanner) word() (token, error) {
	start := s.pos
	variable := false
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		if c == '{' && variable {
			s.pos++
			// ${name}: the braces belong to the word.
			for s.pos < len(s.src) && s.src[s.pos] != '}' && !isSpace(s.src[s.pos]) && s.src[s.pos] != ';' {
				s.pos++
			}
			if s.pos < len(s.src) && s.src[s.pos] == '}' {
				s.pos++
			}
			variable = false
			continue
		}
		variable = false
		if c == '\\' {
			s.pos += 2
			continue
		}
		if c == '$' {
			variable = true
			s.pos++
			continue
		}
		if isSpace(c) || c == ';' || c == '{' {
			break
		}
		s.pos++
	}
	if s.pos > len(s.src) {
		s.pos = len(s.src)
	}
	raw, known := "", false
	if s.name {
		raw, known = directiveNames[string(s.src[start:s.pos])]
	}
	if !known {
		raw = string(s.src[start:s.pos])
	}
	return token{kind: tWord, off: start, arg: Arg{Value: raw, Off: int32(start), End: int32(s.pos)}}, nil
}

// argsFrom copies the arguments collected above base at exact length (nil
// for none) and pops them.
func (s *scanner) argsFrom(base int) []Arg {
	var as []Arg
	if n := len(s.args) - base; n > 0 {
		as = make([]Arg, n)
		copy(as, s.args[base:])
	}
	s.args = s.args[:base]
	return as
}

// block reads statements until '}' (inside a block) or EOF (top level).
func (s *scanner) block(depth int, open int) ([]*Stmt, error) {
	if depth > maxDepth {
		return nil, &syntaxError{open, lint.Msgf("blocks nested too deeply")}
	}
	base := len(s.stmts)
	out := func() []*Stmt {
		var ss []*Stmt
		if n := len(s.stmts) - base; n > 0 {
			ss = make([]*Stmt, n)
			copy(ss, s.stmts[base:])
		}
		clear(s.stmts[base:])
		s.stmts = s.stmts[:base]
		return ss
	}
	for {
		s.name = true
		t, err := s.next()
		s.name = false
		if err != nil {
			return out(), err
		}
		switch t.kind {
		case tEOF:
			if open >= 0 {
				return out(), &syntaxError{-1, lint.Msgf("unexpected end of file: expected \"}\" to close the block opened here")}
			}
			return out(), nil
		case tClose:
			if open < 0 {
				return out(), &syntaxError{t.off, lint.Msgf("unexpected \"}\": no block is open")}
			}
			s.pos = t.off // the caller consumes it
			return out(), nil
		case tSemi, tOpen:
			return out(), &syntaxError{t.off, lint.Msgf("unexpected %q: expected a directive name", string(s.src[t.off]))}
		}
		st := &Stmt{Name: t.arg.Value, NameOff: t.arg.Off, Off: t.arg.Off}
		err = s.statement(st, depth)
		s.stmts = append(s.stmts, st)
		if err != nil {
			return out(), err
		}
	}
}

func (s *scanner) statement(st *Stmt, depth int) error {
	base := len(s.args)
	for {
		t, err := s.next()
		if err != nil {
			st.Args = s.argsFrom(base)
			return err
		}
		if t.kind != tWord {
			// the arguments end here, before any block is read (its
			// statements use the stack above base)
			st.Args = s.argsFrom(base)
		}
		switch t.kind {
		case tWord:
			s.args = append(s.args, t.arg)
		case tSemi:
			st.End = int32(t.off + 1)
			return nil
		case tOpen:
			st.HasBlock = true
			st.Open = int32(t.off)
			if strings.HasSuffix(st.Name, "_by_lua_block") {
				st.Lua = true
				return s.skipLua(st)
			}
			body, err := s.block(depth+1, t.off)
			st.Block = body
			if err != nil {
				// point an unclosed block at its own '{', the innermost one
				if se, ok := err.(*syntaxError); ok && se.Off == -1 {
					se.Off = t.off
				}
				return err
			}
			// consume the '}'
			s.pos++
			st.Close, st.End = int32(s.pos-1), int32(s.pos)
			return nil
		case tClose:
			return &syntaxError{t.off, lint.Msgf("unexpected \"}\": expected \";\" to end the %q directive", st.Name)}
		case tEOF:
			return &syntaxError{t.off, lint.Msgf("unexpected end of file: expected \";\" or \"{\" to end the %q directive", st.Name)}
		}
	}
}

// skipLua skips a Lua block body by brace matching, aware of Lua strings,
// long brackets and comments (OpenResty's lexer does the same job).
func (s *scanner) skipLua(st *Stmt) error {
	depth := 1
	src := s.src
	for s.pos < len(src) {
		c := src[s.pos]
		switch {
		case c == '-' && s.pos+1 < len(src) && src[s.pos+1] == '-':
			if s.pos+3 < len(src) && src[s.pos+2] == '[' && (src[s.pos+3] == '[' || src[s.pos+3] == '=') {
				s.pos += 2
				s.skipLongBracket()
				continue
			}
			for s.pos < len(src) && src[s.pos] != '\n' {
				s.pos++
			}
		case c == '"' || c == '\'':
			s.pos++
			for s.pos < len(src) && src[s.pos] != c && src[s.pos] != '\n' {
				if src[s.pos] == '\\' {
					s.pos++
				}
				s.pos++
			}
			s.pos++
		case c == '[' && s.pos+1 < len(src) && (src[s.pos+1] == '[' || src[s.pos+1] == '='):
			s.skipLongBracket()
		case c == '{':
			depth++
			s.pos++
		case c == '}':
			depth--
			s.pos++
			if depth == 0 {
				st.Close, st.End = int32(s.pos-1), int32(s.pos)
				return nil
			}
		default:
			s.pos++
		}
	}
	return &syntaxError{int(st.Open), lint.Msgf("unexpected end of file: the Lua block of %q is never closed", st.Name)}
}

func (s *scanner) skipLongBracket() {
	src := s.src
	start := s.pos
	s.pos++
	level := 0
	for s.pos < len(src) && src[s.pos] == '=' {
		level++
		s.pos++
	}
	if s.pos >= len(src) || src[s.pos] != '[' {
		s.pos = start + 1
		return
	}
	closer := "]" + strings.Repeat("=", level) + "]"
	i := strings.Index(string(src[s.pos:]), closer)
	if i < 0 {
		s.pos = len(src)
		return
	}
	s.pos += i + len(closer)
}
