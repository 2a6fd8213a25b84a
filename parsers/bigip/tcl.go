package bigip

// maxTCLNesting bounds command-substitution nesting ([cmd [cmd …]]), the
// only recursion in the TCL scanner.
const maxTCLNesting = 200

// scanTCL finds the '}' that ends a TCL script body starting at start (just
// past the '{' of `ltm rule name {`). It reads the body the way the TCL
// parser does (Tcl(n), "the dodekalogue"), so braces that are not structure
// do not count:
//
//   - a '#' where a command starts begins a comment that runs to the end of
//     the line (a backslash-newline continues it): `# }` or `# {` in a
//     comment line of an iRule is harmless;
//   - a word starting with '"' runs to the next unescaped '"'; braces inside
//     it are ordinary characters, '[…]' inside it is a nested script;
//   - a word starting with '{' runs to the matching '}', counting nested
//     braces and skipping backslash-escaped ones, whatever else is inside
//     (this is how TCL reads `when HTTP_REQUEST { … }` bodies);
//   - a bare word ends at white space, ';' or the end of the line; '[…]' in
//     it is a nested script, "${name}" a variable name, '\x' an escape.
//
// It is lenient where TCL is strict (no white space is required after a
// closing brace or quote, as in the `}{` some iRules contain), because its
// job is to find the end of the body, not to validate it. ok is false when
// the text ends before the closing brace.
func scanTCL(src []byte, start int) (end int, ok bool) {
	s := tclScanner{src: src}
	return s.script(start, '}', 0)
}

type tclScanner struct {
	src []byte
}

// script scans commands until the terminator term ('}' for a body, ']' for
// a command substitution) appears where a command or word could start, and
// returns its offset.
func (s *tclScanner) script(i int, term byte, depth int) (int, bool) {
	if depth > maxTCLNesting {
		return len(s.src), false
	}
	src := s.src
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '\f' || c == '\v':
			i++
		case c == '\\' && i+1 < len(src) && src[i+1] == '\n':
			i += 2
		case c == term:
			return i, true
		case c == '#':
			i = s.comment(i)
		default:
			var ok bool
			if i, ok = s.command(i, term, depth); !ok {
				return i, false
			}
		}
	}
	return len(src), false
}

// comment skips a comment to the end of its line; a backslash-newline
// continues it onto the next line, as in TCL.
func (s *tclScanner) comment(i int) int {
	src := s.src
	for i < len(src) && src[i] != '\n' {
		if src[i] == '\\' && i+1 < len(src) {
			i += 2
			continue
		}
		i++
	}
	return i
}

// command scans the words of one command and stops at the newline or ';'
// that ends it, or at term, without consuming either.
func (s *tclScanner) command(i int, term byte, depth int) (int, bool) {
	src := s.src
	for i < len(src) {
		c := src[i]
		var ok bool
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '\\' && i+1 < len(src) && src[i+1] == '\n':
			i += 2
			continue
		case c == '\n' || c == ';' || c == term:
			return i, true
		case c == '{':
			i, ok = s.braced(i)
		case c == '"':
			i, ok = s.quoted(i, depth)
		default:
			i, ok = s.bare(i, term, depth)
		}
		if !ok {
			return i, false
		}
	}
	return len(src), false
}

// braced scans a braced word from its '{' and returns the offset past the
// matching '}'.
func (s *tclScanner) braced(i int) (int, bool) {
	src := s.src
	level := 0
	for i < len(src) {
		switch src[i] {
		case '\\':
			i += 2
			continue
		case '{':
			level++
		case '}':
			level--
			if level == 0 {
				return i + 1, true
			}
		}
		i++
	}
	return len(src), false
}

// quoted scans a quoted word from its '"' and returns the offset past the
// closing '"'.
func (s *tclScanner) quoted(i, depth int) (int, bool) {
	src := s.src
	i++
	for i < len(src) {
		switch src[i] {
		case '\\':
			i += 2
			continue
		case '"':
			return i + 1, true
		case '[':
			end, ok := s.script(i+1, ']', depth+1)
			if !ok {
				return end, false
			}
			i = end + 1
			continue
		}
		i++
	}
	return len(src), false
}

// bare scans a bare word and returns the offset of the character that ends
// it.
func (s *tclScanner) bare(i int, term byte, depth int) (int, bool) {
	src := s.src
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '\f' || c == '\v' || c == term:
			return i, true
		case c == '\\':
			if i+1 < len(src) && src[i+1] == '\n' {
				return i, true // a continuation separates words
			}
			i += 2
		case c == '[':
			end, ok := s.script(i+1, ']', depth+1)
			if !ok {
				return end, false
			}
			i = end + 1
		case c == '$' && i+1 < len(src) && src[i+1] == '{':
			j := i + 2
			for j < len(src) && src[j] != '}' {
				j++
			}
			if j >= len(src) {
				return len(src), false
			}
			i = j + 1
		default:
			i++
		}
	}
	return len(src), true
}
