package bigip

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
)

// Pos is a span of source bytes: [Offset, End) in the file, and the 1-based
// line and 1-based byte column of Offset. tlslint's lint.Pos is built from it.
//
// The fields are 32-bit (a configuration file is at most 48 MiB,
// lint/files): a 10,000-virtual bigip.conf has about 1.5 million positions
// in its syntax tree, which is live beside the half-built model while
// loading, and 16 bytes instead of 32 each keep the peak down.
type Pos struct {
	Offset int32 // byte offset of the first byte
	End    int32 // byte offset just past the last byte
	Line   int32 // 1-based line of Offset
	Col    int32 // 1-based byte column of Offset
}

// IsValid reports whether p points into a file (Line is 1-based, so the
// zero Pos is "no position").
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats p as "line:col".
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Error is a problem in one file, at one position. Path is the file's display
// name (for a file inside an archive, "backup.ucs!config/bigip.conf").
type Error struct {
	Path string
	Pos  Pos
	Msg  string
}

// Error formats the problem the way compilers do: "path:line:col: message".
func (e *Error) Error() string {
	if !e.Pos.IsValid() {
		return e.Path + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Comment is a `#` comment line outside script bodies, without the newline.
type Comment struct {
	Text string // including the leading '#'
	Pos  Pos
}

// File is one parsed tmsh file.
type File struct {
	// Path is the display name: the path as given, or "archive!member"
	// for a file read from an archive.
	Path string
	// Src is the file content. Positions index into it.
	Src []byte
	// Version is the TMOS version from the "#TMSH-VERSION: 15.1.8.2" line
	// that BIG-IP writes at the top of bigip.conf and SCF files, or "".
	Version    string
	VersionPos Pos
	// Objects are the top-level objects in file order, including objects
	// whose body could not be read to its end (see Object.Incomplete).
	Objects []*Object
	// Errors are the syntax errors, in file order. Parsing went on after
	// each of them.
	Errors []*Error
	// Warnings are oddities the parser recovered from without losing
	// anything, e.g. an iRule whose braces do not balance as TCL reads them.
	Warnings []*Error
	// Comments are the comment lines outside TCL bodies.
	Comments []Comment

	// name is the file's slash path inside its input ("config/bigip.conf"),
	// or "" for text that came without one (standard input, Parse).
	name string

	linesOnce sync.Once
	lines     []int // start offset of each line, built by LineCol

	// lazy reads object bodies on demand (see Object.Body); nil when the
	// file was parsed whole (Parse).
	lazy *lazyBodies
}

// Err returns the first syntax error, or nil.
func (f *File) Err() error {
	if len(f.Errors) == 0 {
		return nil
	}
	return f.Errors[0]
}

// LineCol converts a byte offset into a 1-based line and byte column. It is
// safe for concurrent use.
func (f *File) LineCol(offset int) (line, col int) {
	f.linesOnce.Do(func() {
		f.lines = append(f.lines, 0)
		for i, c := range f.Src {
			if c == '\n' {
				f.lines = append(f.lines, i+1)
			}
		}
	})
	lo, hi := 0, len(f.lines)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if f.lines[mid] <= offset {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1, offset - f.lines[lo] + 1
}

// Text returns the source bytes that p spans, as a string.
func (f *File) Text(p Pos) string {
	if p.Offset < 0 || int(p.End) > len(f.Src) || p.Offset > p.End {
		return ""
	}
	return string(f.Src[p.Offset:p.End])
}

// Object is a top-level tmsh object: `module type… [name] { body }`.
//
// Name splitting: a last header word starting with "/" is the name; else a
// table of known object kinds says how many type words follow the module
// (`ltm profile <type>`: two, `ltm virtual`: one, `sys global-settings`:
// one and no name); else, for unknown kinds, the last of three or more words
// is the name. Header keeps every word as written, so a consumer that knows
// better can split differently.
type Object struct {
	Module string // "ltm", "sys", "net", "apm", … (any word is accepted)
	// Types are the type words: ["profile", "client-ssl"], ["virtual"],
	// ["file", "ssl-cert"]. The slice is shared by the objects of a kind:
	// do not modify it.
	Types []string
	// Kind is Module and Types joined by spaces: "ltm profile client-ssl".
	Kind string
	// Name is the name as written: "/Common/vs", "pool1", or "" for
	// singletons such as `sys global-settings`.
	Name    string
	NamePos Pos
	// FullName is Name made absolute with NormalizeName against BaseFolder
	// ("/Common/pool1"), or Name unchanged for objects that live outside
	// folders (net interface, sys provision, auth partition, …), or "".
	FullName string
	// Partition is the first component of FullName ("Common"), or "".
	Partition string
	// BaseFolder is the folder relative names in this object resolve
	// against: "/Common", or "/P" after `cli admin-partitions {
	// update-partition P }` in an SCF.
	BaseFolder string
	// Header holds every header word as written, module first.
	Header []Value
	// Pos spans the whole object, from the module word to the closing brace.
	Pos Pos
	// BodyPos spans the body, from '{' to '}' inclusive: Body().Pos.
	BodyPos Pos
	// body holds the properties (see Body); nil while a lazily read body
	// is not parsed.
	body atomic.Pointer[Block]
	// lazy reads the body again from the source, for objects of files
	// loaded for the model (see lazyBodies); nil when body is kept.
	lazy *lazyBodies
	// lazyState is where the object is in lazyBodies' cycle.
	lazyState uint8
	// Raw is set for objects whose body is TCL or free text (ltm rule, gtm
	// rule, pem irule, cli script, sys icall script, sys application
	// template): the verbatim text between the braces and its span.
	Raw *Value
	// Incomplete is set when the body could not be read to its end (an
	// Error says why): Body holds what was read before the problem.
	Incomplete bool
}

// String returns "kind name", e.g. "ltm virtual /Common/vs", as used in
// messages.
func (o *Object) String() string {
	if o.Name == "" {
		return o.Kind
	}
	return o.Kind + " " + o.Name
}

// IsKind reports whether the object is of the given kind or of a sub-kind of
// it: IsKind("ltm profile") is true for "ltm profile client-ssl".
func (o *Object) IsKind(kind string) bool {
	return o.Kind == kind || (strings.HasPrefix(o.Kind, kind) && len(o.Kind) > len(kind) && o.Kind[len(kind)] == ' ')
}

// Body returns the properties: an empty block (not nil) for raw objects
// and for an object read on demand whose body ended early (Incomplete
// objects keep what was read). In a configuration loaded for the model
// (Load, LoadFile, LoadDir, LoadArchive, LoadBytes) bodies are parsed when
// first asked for and may be dropped again after use (Config.releaseBodies):
// the syntax tree of a 10,000-virtual bigip.conf was 58% of the live heap
// while the model was built beside it. A body parsed again is equal to the
// first, not the same pointers: hold on to a property, never compare one.
func (o *Object) Body() *Block {
	if b := o.body.Load(); b != nil || o.lazy == nil {
		return b
	}
	return o.lazy.parse(o)
}

// Prop returns the body's first property named key, or nil.
func (o *Object) Prop(key string) *Prop { return o.Body().Find(key) }

// Get follows a path of keys through nested blocks; see Block.Get.
func (o *Object) Get(path ...string) *Prop { return o.Body().Get(path...) }

// Value returns the first value of the property at path; see Block.Value.
func (o *Object) Value(path ...string) (string, bool) { return o.Body().Value(path...) }

// Ref returns the first value of the property at path made absolute against
// the object's BaseFolder, for properties that name other objects
// ("defaults-from clientssl" → "/Common/clientssl"). The tmsh keyword
// "none" and a missing property both give "".
func (o *Object) Ref(path ...string) string {
	v, ok := o.Body().Value(path...)
	if !ok || v == "none" || v == "" {
		return ""
	}
	return NormalizeName(v, o.BaseFolder)
}

// Block is a brace-delimited body: `{ … }`.
type Block struct {
	Pos   Pos // from '{' to '}' inclusive
	Props []*Prop
}

// Prop is one property line: a key, its values and an optional block.
// `monitor min 1 of { /Common/http }` has Key "monitor", Values
// [min 1 of] and a Block. An anonymous block inside a list (`rules { { … }
// { … } }` in APM) is a Prop with an empty Key.
type Prop struct {
	Key    string
	Values []Value
	Block  *Block // nil when the line has no block
	Pos    Pos    // the whole property, key to last value or closing brace
	// keyEnd is where the key ends (KeyPos), 0 for an anonymous block: the
	// key starts where the property does, so a whole Pos for it was 16 of
	// a property's 88 bytes, and a 10,000-virtual bigip.conf has about a
	// million properties live while the model is built.
	keyEnd    int32
	KeyQuoted bool
}

// KeyPos is the key's position, quotes included; the zero Pos for an
// anonymous block in a list.
func (p *Prop) KeyPos() Pos {
	if p.keyEnd == 0 {
		return Pos{}
	}
	return Pos{Offset: p.Pos.Offset, End: p.keyEnd, Line: p.Pos.Line, Col: p.Pos.Col}
}

// Value is one word: a bare word or a double-quoted string.
//
// For a quoted string Text is the content between the quotes with tmsh's
// own escapes removed (\" → ", \? → ?, \\ → \); other backslash sequences
// (the \r\n of a monitor send string) are kept as written, because BIG-IP
// stores them verbatim and the monitor or iRule interprets them. Pos spans
// the word as written, quotes included, so the exact source is always
// File.Text(v.Pos).
type Value struct {
	Text   string
	Quoted bool
	Pos    Pos
}

// Find returns the first property named key, or nil. A nil Block has no
// properties.
func (b *Block) Find(key string) *Prop {
	if b == nil {
		return nil
	}
	for _, p := range b.Props {
		if p.Key == key {
			return p
		}
	}
	return nil
}

// All returns every property named key, in order.
func (b *Block) All(key string) []*Prop {
	if b == nil {
		return nil
	}
	var out []*Prop
	for _, p := range b.Props {
		if p.Key == key {
			out = append(out, p)
		}
	}
	return out
}

// Get follows a path of keys through nested blocks and returns the property
// the last key names: Get("cert-key-chain", "set0", "cert"). It returns nil
// when any step is missing or a step before the last has no block.
func (b *Block) Get(path ...string) *Prop {
	if len(path) == 0 {
		return nil
	}
	cur := b
	for i, key := range path {
		p := cur.Find(key)
		if p == nil {
			return nil
		}
		if i == len(path)-1 {
			return p
		}
		if p.Block == nil {
			return nil
		}
		cur = p.Block
	}
	return nil
}

// Value returns the first value of the property at path (see Get), and
// whether there was one. A flag property (`vlans-enabled`) has no value.
func (b *Block) Value(path ...string) (string, bool) {
	p := b.Get(path...)
	if p == nil || len(p.Values) == 0 {
		return "", false
	}
	return p.Values[0].Text, true
}

// List reads the block as a tmsh list: every word in order, whether the list
// was written on one line (`options { no-tlsv1 no-tlsv1.1 }`, which the
// grammar reads as key no-tlsv1 with value no-tlsv1.1) or one item per line
// (`rules { /Common/r1 /Common/r2 }`), or as named sub-blocks (`profiles {
// /Common/tcp { } }`: the names). Anonymous sub-blocks contribute nothing.
func (b *Block) List() []Value {
	if b == nil {
		return nil
	}
	var out []Value
	for _, p := range b.Props {
		if !p.Anonymous() {
			out = append(out, p.KeyValue())
		}
		out = append(out, p.Values...)
	}
	return out
}

// Strings is List with the texts only.
func (b *Block) Strings() []string {
	l := b.List()
	out := make([]string, len(l))
	for i, v := range l {
		out[i] = v.Text
	}
	return out
}

// Has reports whether the block lists the word w (see List), e.g.
// options.Has("no-tlsv1.3").
func (b *Block) Has(w string) bool {
	for _, v := range b.List() {
		if v.Text == w {
			return true
		}
	}
	return false
}

// Anonymous reports whether p is a block without a key (`{ … }` inside a
// list); its KeyPos is the zero Pos.
func (p *Prop) Anonymous() bool { return p.Key == "" && !p.KeyQuoted }

// KeyValue returns the key as a Value.
func (p *Prop) KeyValue() Value {
	return Value{Text: p.Key, Quoted: p.KeyQuoted, Pos: p.KeyPos()}
}

// Value returns the first value's text, or "" when the property has none.
func (p *Prop) Value() string {
	if p == nil || len(p.Values) == 0 {
		return ""
	}
	return p.Values[0].Text
}

// Text returns the values joined by single spaces ("min 1 of").
func (p *Prop) Text() string {
	if p == nil {
		return ""
	}
	parts := make([]string, len(p.Values))
	for i, v := range p.Values {
		parts[i] = v.Text
	}
	return strings.Join(parts, " ")
}
