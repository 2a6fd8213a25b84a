package as3

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the JSON type of a Value.
type Kind uint8

// JSON value kinds.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "a boolean"
	case Number:
		return "a number"
	case String:
		return "a string"
	case Array:
		return "an array"
	case Object:
		return "an object"
	}
	return "a value"
}

// Value is a JSON value with the byte range it was read from, so that
// every model value can point at its property in the declaration.
type Value struct {
	Kind Kind
	Off  int // first byte of the value ('"', '{', '[', digit, 't', …)
	End  int // just past its last byte
	// Str is the decoded text of a String and the literal text of a Number.
	Str string
	// Plain: a String written without escapes, so its content is exactly
	// the bytes Off+1..End-1.
	Plain   bool
	Bool    bool
	Members []Member // Object, in document order (duplicates kept)
	Elems   []*Value // Array

	index map[string]int // see keys
}

// Member is one "key": value pair of an object.
type Member struct {
	Key    string
	KeyOff int // the opening quote of the key
	KeyEnd int
	Val    *Value
}

// Get returns the member named key, or nil. Like JavaScript's JSON.parse
// (which AS3 runs on the declaration), the last of duplicate keys wins.
func (v *Value) Get(key string) *Member {
	if v == nil || v.Kind != Object {
		return nil
	}
	if len(v.Members) > indexFrom {
		if i, ok := v.keys()[key]; ok {
			return &v.Members[i]
		}
		return nil
	}
	for i := len(v.Members) - 1; i >= 0; i-- {
		if v.Members[i].Key == key {
			return &v.Members[i]
		}
	}
	return nil
}

// indexFrom is the member count from which lookups use an index: an
// application can hold thousands of objects, and every pointer is a
// lookup.
const indexFrom = 8

// keys maps each key to the index of its last occurrence, built on first
// use. A loader reads one tree from one goroutine.
func (v *Value) keys() map[string]int {
	if v.index == nil {
		v.index = make(map[string]int, len(v.Members))
		for i, m := range v.Members {
			v.index[m.Key] = i
		}
	}
	return v.index
}

// Val returns the value of the member named key, or nil.
func (v *Value) Val(key string) *Value {
	if m := v.Get(key); m != nil {
		return m.Val
	}
	return nil
}

// Effective returns the members that JSON.parse keeps: for duplicate keys
// only the last one, in document order.
func (v *Value) Effective() []*Member {
	if v == nil || v.Kind != Object {
		return nil
	}
	out := make([]*Member, 0, len(v.Members))
	for i := range v.Members {
		if v.Get(v.Members[i].Key) == &v.Members[i] {
			out = append(out, &v.Members[i])
		}
	}
	return out
}

// Class returns the "class" of an object ("" when it has none).
func (v *Value) Class() string {
	c := v.Val("class")
	if c == nil || c.Kind != String {
		return ""
	}
	return c.Str
}

// Int returns an integral Number's value.
func (v *Value) Int() (int64, bool) {
	if v == nil || v.Kind != Number {
		return 0, false
	}
	if n, err := strconv.ParseInt(v.Str, 10, 64); err == nil {
		return n, true
	}
	// 443.0 and 4.43e2 are integers to JSON Schema (and to AS3's validator).
	f, err := strconv.ParseFloat(v.Str, 64)
	if err != nil || f != float64(int64(f)) || f > 1<<53 || f < -(1<<53) {
		return 0, false
	}
	return int64(f), true
}

// SyntaxError is malformed JSON: the byte range of the problem and what
// was expected there.
type SyntaxError struct {
	Off, End int
	Msg      string
}

func (e *SyntaxError) Error() string { return e.Msg }

// maxDepth bounds nesting so that hostile input cannot exhaust the stack;
// real declarations nest fewer than 20 levels.
const maxDepth = 512

// Parse reads one JSON text (RFC 8259) into a Value tree. A leading UTF-8
// byte order mark is skipped. It never panics; malformed input gives a
// *SyntaxError at the first problem.
func Parse(data []byte) (*Value, error) {
	p := &parser{data: data}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		p.i = 3
	}
	p.ws()
	if p.i >= len(p.data) {
		return nil, p.errAt(p.i, "empty input: expected a JSON object (an AS3 declaration)")
	}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i < len(p.data) {
		return nil, p.errAt(p.i, "unexpected %s after the end of the JSON value: expected end of input", p.describe(p.i))
	}
	return v, nil
}

type parser struct {
	data []byte
	i    int
	slab []Value
}

// alloc hands out Values from slabs: one allocation per 256 values
// instead of one per value (a declaration has hundreds of thousands).
func (p *parser) alloc(v Value) *Value {
	if len(p.slab) == 0 {
		p.slab = make([]Value, 256)
	}
	x := &p.slab[0]
	*x = v
	p.slab = p.slab[1:]
	return x
}

func (p *parser) errAt(off int, format string, args ...any) *SyntaxError {
	end := off + 1
	if off >= len(p.data) {
		off, end = len(p.data), len(p.data)
	} else if r, n := utf8.DecodeRune(p.data[off:]); r != utf8.RuneError {
		end = off + n
	}
	return &SyntaxError{Off: off, End: end, Msg: fmt.Sprintf(format, args...)}
}

// describe names the byte at off for messages.
func (p *parser) describe(off int) string {
	if off >= len(p.data) {
		return "end of input"
	}
	c := p.data[off]
	switch {
	case c == '\'':
		return `"'" (JSON strings use double quotes)`
	case c == '/' && off+1 < len(p.data) && (p.data[off+1] == '/' || p.data[off+1] == '*'):
		return "a comment (JSON has no comments)"
	case c >= 0x20 && c < 0x7f:
		return strconv.Quote(string(c))
	case c >= 0x80:
		if r, _ := utf8.DecodeRune(p.data[off:]); r != utf8.RuneError {
			return fmt.Sprintf("%q", r)
		}
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

func (p *parser) ws() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (*Value, error) {
	if p.i >= len(p.data) {
		return nil, p.errAt(p.i, "unexpected end of input: expected a value")
	}
	switch c := p.data[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't':
		return p.literal("true", Value{Kind: Bool, Bool: true})
	case c == 'f':
		return p.literal("false", Value{Kind: Bool})
	case c == 'n':
		return p.literal("null", Value{Kind: Null})
	}
	return nil, p.errAt(p.i, "unexpected %s: expected a value (object, array, string, number, true, false or null)", p.describe(p.i))
}

func (p *parser) literal(word string, v Value) (*Value, error) {
	start := p.i
	for k := 0; k < len(word); k++ {
		if p.i >= len(p.data) || p.data[p.i] != word[k] {
			return nil, p.errAt(start, "invalid literal: expected %s", word)
		}
		p.i++
	}
	if p.i < len(p.data) && isIdentByte(p.data[p.i]) {
		return nil, p.errAt(start, "invalid literal: expected %s", word)
	}
	v.Off, v.End = start, p.i
	return p.alloc(v), nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *parser) object(depth int) (*Value, error) {
	if depth >= maxDepth {
		return nil, p.errAt(p.i, "nesting deeper than %d levels", maxDepth)
	}
	v := p.alloc(Value{Kind: Object, Off: p.i})
	p.i++ // {
	p.ws()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		v.End = p.i
		return v, nil
	}
	for {
		p.ws()
		if p.i >= len(p.data) {
			return nil, p.errAt(p.i, "unexpected end of input: expected a property name in double quotes or '}' (the object at line %s is not closed)", p.lineOf(v.Off))
		}
		if p.data[p.i] != '"' {
			if p.data[p.i] == '}' {
				return nil, p.errAt(p.i, "trailing comma before '}': expected a property name in double quotes")
			}
			return nil, p.errAt(p.i, "unexpected %s: expected a property name in double quotes", p.describe(p.i))
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.ws()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return nil, p.errAt(p.i, "unexpected %s: expected ':' after property name %q", p.describe(p.i), k.Str)
		}
		p.i++
		p.ws()
		val, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.Members = append(v.Members, Member{Key: k.Str, KeyOff: k.Off, KeyEnd: k.End, Val: val})
		p.ws()
		if p.i >= len(p.data) {
			return nil, p.errAt(p.i, "unexpected end of input: expected ',' or '}' (the object at line %s is not closed)", p.lineOf(v.Off))
		}
		switch p.data[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			v.End = p.i
			return v, nil
		default:
			return nil, p.errAt(p.i, "unexpected %s: expected ',' or '}' after the value of %q", p.describe(p.i), k.Str)
		}
	}
}

func (p *parser) array(depth int) (*Value, error) {
	if depth >= maxDepth {
		return nil, p.errAt(p.i, "nesting deeper than %d levels", maxDepth)
	}
	v := p.alloc(Value{Kind: Array, Off: p.i})
	p.i++ // [
	p.ws()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		v.End = p.i
		return v, nil
	}
	for {
		p.ws()
		if p.i < len(p.data) && p.data[p.i] == ']' {
			return nil, p.errAt(p.i, "trailing comma before ']': expected a value")
		}
		if p.i >= len(p.data) {
			return nil, p.errAt(p.i, "unexpected end of input: expected a value or ']' (the array at line %s is not closed)", p.lineOf(v.Off))
		}
		e, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.Elems = append(v.Elems, e)
		p.ws()
		if p.i >= len(p.data) {
			return nil, p.errAt(p.i, "unexpected end of input: expected ',' or ']' (the array at line %s is not closed)", p.lineOf(v.Off))
		}
		switch p.data[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			v.End = p.i
			return v, nil
		default:
			return nil, p.errAt(p.i, "unexpected %s: expected ',' or ']' after an array element", p.describe(p.i))
		}
	}
}

// lineOf renders the 1-based line of an offset for "not closed" messages.
func (p *parser) lineOf(off int) string {
	line := 1
	for _, c := range p.data[:min(off, len(p.data))] {
		if c == '\n' {
			line++
		}
	}
	return strconv.Itoa(line)
}

func (p *parser) number() (*Value, error) {
	start := p.i
	if p.data[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.data) && p.data[p.i] >= '0' && p.data[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	switch {
	case p.i < len(p.data) && p.data[p.i] == '0':
		p.i++
		if p.i < len(p.data) && p.data[p.i] >= '0' && p.data[p.i] <= '9' {
			return nil, p.errAt(start, "invalid number: JSON numbers have no leading zeros")
		}
	case digits() == 0:
		return nil, p.errAt(start, "invalid number: expected a digit after '-'")
	}
	if p.i < len(p.data) && p.data[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return nil, p.errAt(start, "invalid number: expected a digit after '.'")
		}
	}
	if p.i < len(p.data) && (p.data[p.i] == 'e' || p.data[p.i] == 'E') {
		p.i++
		if p.i < len(p.data) && (p.data[p.i] == '+' || p.data[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.errAt(start, "invalid number: expected a digit in the exponent")
		}
	}
	if p.i < len(p.data) && isIdentByte(p.data[p.i]) {
		return nil, p.errAt(start, "invalid number %q", string(p.data[start:p.i+1]))
	}
	return p.alloc(Value{Kind: Number, Off: start, End: p.i, Str: string(p.data[start:p.i])}), nil
}

func (p *parser) str() (*Value, error) {
	start := p.i
	p.i++ // "
	// Fast path: no escapes.
	j := p.i
	for j < len(p.data) && p.data[j] != '"' && p.data[j] != '\\' && p.data[j] >= 0x20 {
		j++
	}
	if j < len(p.data) && p.data[j] == '"' {
		s := string(p.data[p.i:j])
		p.i = j + 1
		return p.alloc(Value{Kind: String, Off: start, End: p.i, Str: s, Plain: true}), nil
	}
	buf := make([]byte, 0, j-p.i+16)
	buf = append(buf, p.data[p.i:j]...)
	p.i = j
	for {
		if p.i >= len(p.data) {
			return nil, p.errAt(start, "unterminated string: expected a closing '\"'")
		}
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			return p.alloc(Value{Kind: String, Off: start, End: p.i, Str: string(buf)}), nil
		case c < 0x20:
			if c == '\n' {
				return nil, p.errAt(p.i, "line break in string: expected \\n (or a closing '\"')")
			}
			return nil, p.errAt(p.i, "control character %s in string: expected it escaped (\\u%04x)", p.describe(p.i), c)
		case c != '\\':
			buf = append(buf, c)
			p.i++
			continue
		}
		// escape
		if p.i+1 >= len(p.data) {
			return nil, p.errAt(start, "unterminated string: expected a closing '\"'")
		}
		e := p.data[p.i+1]
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := p.hex4(p.i + 2)
			if !ok {
				return nil, p.errAt(p.i, "invalid escape in string: expected \\u followed by four hex digits")
			}
			p.i += 6
			if utf16.IsSurrogate(r) {
				// A pair decodes to one code point; a lone surrogate
				// becomes U+FFFD, as Go and most decoders do.
				if r2, ok2 := p.hex4(p.i + 2); ok2 && p.i+1 < len(p.data) && p.data[p.i] == '\\' && p.data[p.i+1] == 'u' {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						p.i += 6
						buf = utf8.AppendRune(buf, d)
						continue
					}
				}
				r = utf8.RuneError
			}
			buf = utf8.AppendRune(buf, r)
			continue
		default:
			return nil, p.errAt(p.i, "invalid escape %s in string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", strconv.Quote(string(p.data[p.i:p.i+2])))
		}
		p.i += 2
	}
}

func (p *parser) hex4(off int) (rune, bool) {
	if off+4 > len(p.data) {
		return 0, false
	}
	var r rune
	for _, c := range p.data[off : off+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c-'a') + 10
		case c >= 'A' && c <= 'F':
			r |= rune(c-'A') + 10
		default:
			return 0, false
		}
	}
	return r, true
}
