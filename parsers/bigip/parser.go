package bigip

import (
	"bytes"
	"fmt"
	"github.com/tlslint/tlslint/lint/files"
	"sort"
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
// returns a File; its Errors list what could not be read. The File's texts
// share src's memory: src must not be modified afterwards.
func Parse(path string, src []byte) *File { return parse(path, src, false) }

// parseLazy is Parse for a file loaded for the model: the bodies of its
// objects are parsed again on demand (see lazyBodies).
func parseLazy(path string, src []byte) *File { return parse(path, src, true) }

func parse(path string, src []byte, lazy bool) *File {
	f := &File{Path: path, Src: src}
	p := &parser{f: f, lx: newLexer(f), folder: DefaultFolder}
	if lazy {
		f.lazy = newLazyBodies(f)
		p.lazy = f.lazy
	}
	p.parseFile()
	return f
}

// ParseFile reads and parses one file from disk. The error is only for I/O;
// syntax errors are in File.Errors.
func ParseFile(path string) (*File, error) {
	src, err := files.Read(path, files.Config)
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
	// closers caches layoutClosers, computed on the first script object.
	closers []int

	// Allocation: a large file has hundreds of thousands of properties, so
	// properties, blocks and value slices are carved from slabs, and the
	// properties of open blocks and the values of the current line are
	// collected on scratch stacks first.
	propSlab  []Prop
	blockSlab []Block
	valSlab   []Value
	ptrSlab   []*Prop
	propStack []*Prop
	valStack  []Value
	kinds     map[string]kindEntry
	// bodyBytes, when set, sizes new slab chunks for the one body being
	// read on demand (lazyBodies.parse) instead of slabSize.
	bodyBytes int
	// lazy, when set, drops the bodies that parse cleanly (lazyBodies).
	lazy *lazyBodies
}

// kindEntry caches the shared Kind and Types of a header shape.
type kindEntry struct {
	kind  string
	types []string
}

const slabSize = 512

// slabLen is the length of a new slab chunk that must hold need items:
// slabSize, or for a body read on demand one item per bytesPer bytes of
// its text (a property line of tmsh is rarely under 24 bytes, a value
// under 16, a block under 96), so that the chunks of one body are its own.
func (p *parser) slabLen(bytesPer, need int) int {
	if p.bodyBytes == 0 {
		return max(slabSize, need)
	}
	return max(p.bodyBytes/bytesPer+2, need)
}

func (p *parser) newProp() *Prop {
	if len(p.propSlab) == 0 {
		p.propSlab = make([]Prop, p.slabLen(24, 1))
	}
	pr := &p.propSlab[0]
	p.propSlab = p.propSlab[1:]
	return pr
}

func (p *parser) newBlock(pos Pos) *Block {
	if len(p.blockSlab) == 0 {
		p.blockSlab = make([]Block, p.slabLen(96, 1))
	}
	b := &p.blockSlab[0]
	p.blockSlab = p.blockSlab[1:]
	b.Pos = pos
	return b
}

// values copies vs into a slice carved from the value slab.
func (p *parser) values(vs []Value) []Value {
	if len(vs) == 0 {
		return nil
	}
	if len(vs) > len(p.valSlab) {
		p.valSlab = make([]Value, p.slabLen(16, len(vs)))
	}
	out := p.valSlab[:len(vs):len(vs)]
	p.valSlab = p.valSlab[len(vs):]
	copy(out, vs)
	return out
}

// props copies ps into a slice carved from the pointer slab.
func (p *parser) props(ps []*Prop) []*Prop {
	if len(ps) == 0 {
		return nil
	}
	if len(ps) > len(p.ptrSlab) {
		p.ptrSlab = make([]*Prop, p.slabLen(24, len(ps)))
	}
	out := p.ptrSlab[:len(ps):len(ps)]
	p.ptrSlab = p.ptrSlab[len(ps):]
	copy(out, ps)
	return out
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
	if first.kind != tokWord || !isModuleWord(first.text) {
		p.errorf(first.pos, "expected a tmsh object (\"module type name { … }\"), found %s", describeLine(p.f.Src, first.pos))
		p.skipToNextObject()
		return
	}
	header := p.valStack[:0]
	header = append(header, first.value())
	var open token
	for {
		t := p.next()
		switch t.kind {
		case tokWord, tokString:
			header = append(header, t.value())
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
	p.valStack = header[:0]

	obj, info := p.newObject(p.values(header))
	if info.raw {
		p.parseRaw(obj, open)
	} else {
		mark, errs := p.mark(), len(p.f.Errors)
		body, ok := p.parseBlock(open, obj, "", 1)
		obj.BodyPos = body.Pos
		obj.Incomplete = !ok
		if ok && p.lx.line == int(open.pos.Line) {
			p.checkOneLine(obj, body)
		}
		if obj.Kind == "cli admin-partitions" {
			if v, ok := body.Value("update-partition"); ok && v != "" {
				p.folder = "/" + strings.Trim(v, "/")
			}
		}
		// A body that parsed cleanly is read again when asked for; one
		// with an error is kept as read (parsing it again from its '{'
		// need not stop where the first pass did).
		if p.lazy != nil && ok && len(p.f.Errors) == errs {
			obj.lazy = p.lazy
			p.rewind(mark)
		} else {
			obj.body.Store(body)
		}
	}
	end := obj.BodyPos.End
	if obj.Raw != nil {
		end = int32(p.lx.off)
	}
	obj.Pos = Pos{Offset: first.pos.Offset, End: end, Line: first.pos.Line, Col: first.pos.Col}
	p.f.Objects = append(p.f.Objects, obj)
}

func headerText(header []Value) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, v := range header {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(v.Text)
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
		end += int(p.Offset)
	}
	s := strings.TrimSpace(string(src[p.Offset:end]))
	if len(s) > 60 {
		s = s[:57] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// newObject splits a header into module, types and name (see Object).
func (p *parser) newObject(header []Value) (*Object, kindInfo) {
	var words [4]string // the first words, enough for lookupKind
	n := len(header)
	for i := 0; i < n && i < len(words); i++ {
		words[i] = header[i].Text
	}
	info, known := lookupKind(words[:min(n, len(words))])
	obj := &Object{Module: header[0].Text, BaseFolder: p.folder, Header: header}
	last := header[n-1].Text
	nameIdx := -1
	switch {
	case n >= 2 && strings.HasPrefix(last, "/"):
		nameIdx = n - 1
	case known:
		if n-1-min(info.types, n-1) > 0 {
			nameIdx = n - 1
		}
	case n >= 3:
		nameIdx = n - 1
	}
	typesEnd := n
	if nameIdx >= 0 {
		typesEnd = nameIdx
		obj.Name = header[nameIdx].Text
		obj.NamePos = header[nameIdx].Pos
	}
	ke := p.kindOf(header[:typesEnd])
	obj.Kind, obj.Types = ke.kind, ke.types
	if obj.Name != "" {
		if info.folderles {
			obj.FullName = obj.Name
		} else {
			obj.FullName = NormalizeName(obj.Name, p.folder)
			obj.Partition = PartitionOf(obj.FullName)
		}
	}
	return obj, info
}

// kindOf returns the Kind and Types for the module and type words, shared
// between objects of the same kind.
func (p *parser) kindOf(words []Value) kindEntry {
	var buf [128]byte
	key := buf[:0]
	for i, w := range words {
		if i > 0 {
			key = append(key, ' ')
		}
		key = append(key, w.Text...)
	}
	if e, ok := p.kinds[string(key)]; ok {
		return e
	}
	types := make([]string, len(words)-1)
	for i, w := range words[1:] {
		types[i] = w.Text
	}
	e := kindEntry{kind: string(key), types: types}
	if p.kinds == nil {
		p.kinds = make(map[string]kindEntry)
	}
	p.kinds[e.kind] = e
	return e
}

// parseBlock reads properties up to the '}' matching open. obj is the
// object being read and key the property that opened the block ("" for the
// object body), for messages. It reports false when the block could not be
// read to its end; the error is already recorded.
func (p *parser) parseBlock(open token, obj *Object, key string, depth int) (*Block, bool) {
	b := p.newBlock(open.pos)
	base := len(p.propStack)
	done := func(end int32, ok bool) (*Block, bool) {
		b.Pos.End = end
		b.Props = p.props(p.propStack[base:])
		clear(p.propStack[base:])
		p.propStack = p.propStack[:base]
		return b, ok
	}
	closeErr := func(at Pos, suffix string) {
		if key == "" {
			p.errorf(at, "expected '}' to close %s opened at line %d%s", obj, open.pos.Line, suffix)
		} else {
			p.errorf(at, "expected '}' to close %q opened at line %d (in %s)%s", key, open.pos.Line, obj, suffix)
		}
	}
	if depth > maxDepth {
		p.errorf(open.pos, "blocks nested more than %d deep in %s", maxDepth, obj)
		p.resync = true
		return done(open.pos.End, false)
	}
	for {
		t := p.next()
		switch t.kind {
		case tokNewline:
		case tokRBrace:
			if t.pos.Line == open.pos.Line {
				// `a { cert X key Y }`: without newlines the properties
				// run together; split them at known property names.
				p.propStack = splitRunTogether(p.propStack, base)
			}
			return done(t.pos.End, true)
		case tokEOF:
			closeErr(t.pos, "")
			p.unread(t)
			return done(t.pos.Offset, false)
		case tokLBrace:
			sub, ok := p.parseBlock(t, obj, "{", depth+1)
			pr := p.newProp()
			pr.Block, pr.Pos = sub, sub.Pos
			p.propStack = append(p.propStack, pr)
			if !ok {
				return done(sub.Pos.End, false)
			}
		default:
			if t.kind == tokWord && t.pos.Col == 1 && p.startsObject(t) {
				// tmsh indents everything inside an object; a module word
				// in column 1 followed by a '{' is the next object, so
				// this one lost its closing brace.
				closeErr(t.pos, " before the next object")
				p.unread(t)
				return done(t.pos.Offset, false)
			}
			pr, ok := p.parseProp(t, obj, depth)
			p.propStack = append(p.propStack, pr)
			if !ok {
				return done(pr.Pos.End, false)
			}
		}
	}
}

func (p *parser) parseProp(key token, obj *Object, depth int) (*Prop, bool) {
	pr := p.newProp()
	pr.Key, pr.keyEnd, pr.KeyQuoted, pr.Pos = key.text, key.pos.End, key.kind == tokString, key.pos
	base := len(p.valStack)
	finish := func() {
		pr.Values = p.values(p.valStack[base:])
		p.valStack = p.valStack[:base]
	}
	for {
		t := p.next()
		switch t.kind {
		case tokWord, tokString:
			p.valStack = append(p.valStack, t.value())
			pr.Pos.End = t.pos.End
		case tokNewline:
			finish()
			return pr, true
		case tokRBrace, tokEOF:
			p.unread(t)
			finish()
			return pr, true
		case tokLBrace:
			finish()
			sub, ok := p.parseBlock(t, obj, key.text, depth+1)
			pr.Block = sub
			pr.Pos.End = sub.Pos.End
			return pr, ok
		}
	}
}

// oneLineKeys are the property names a block written on one line is split
// at: `a { cert /Common/x.crt key /Common/x.key }` (cert-key-chain) and
// `ltm virtual vs { destination … ip-protocol tcp pool p profiles { … } }`
// (tmsh list … one-line). Without the tmsh schema a grammar cannot tell a
// property name from a value; these are the names of the properties
// tlslint reads, and names no value of theirs is spelled as (flags inside
// lists, `options { no-tlsv1 }`, are not among them).
var oneLineKeys = map[string]bool{
	"cert": true, "key": true, "chain": true, "passphrase": true, "usage": true,
	"destination": true, "ip-protocol": true, "pool": true, "profiles": true, "rules": true, "policies": true,
	"persist": true, "source": true, "source-address-translation": true, "translate-address": true,
	"translate-port": true, "vlans": true, "vlans-enabled": true, "vlans-disabled": true, "mask": true,
	"context": true, "ciphers": true, "cipher-group": true, "options": true, "defaults-from": true,
	"cert-key-chain": true, "server-name": true, "sni-default": true, "sni-require": true, "ca-file": true,
	"chain-file": true, "peer-cert-mode": true, "authenticate": true, "secure-renegotiation": true,
	"members": true, "address": true, "monitor": true, "load-balancing-mode": true, "partition": true,
	"signature-algorithms": true, "dh-groups": true, "serverssl-use-sni": true, "system-path": true,
	"traffic-matching-criteria": true, "destination-address-inline": true, "destination-port-inline": true,
}

// splitRunTogether splits the properties in props[base:] (one block, all
// on one line) at values that are property names (see oneLineKeys): a name
// followed by at least one value, or by the property's block, starts a new
// property. Quoted values are never names.
func splitRunTogether(props []*Prop, base int) []*Prop {
	var out []*Prop
	for _, pr := range props[base:] {
		start := 0
		cur := pr
		vals, end := pr.Values, pr.Pos.End
		for i := 1; i < len(vals); i++ {
			v := vals[i]
			last := i == len(vals)-1
			if v.Quoted || !oneLineKeys[v.Text] || last && pr.Block == nil || i == start {
				continue
			}
			// vals[start:i] belong to cur; v starts the next property
			cur.Values = vals[start:i]
			cur.Pos.End = vals[i-1].Pos.End
			out = append(out, cur)
			cur = &Prop{Key: v.Text, keyEnd: v.Pos.End, Pos: v.Pos}
			start = i + 1
		}
		if cur == pr {
			out = append(out, pr)
			continue
		}
		cur.Values = vals[start:]
		cur.Block = pr.Block
		cur.Pos.End = end
		if cur.Block != nil && len(cur.Values) == 0 {
			cur.Pos.End = cur.Block.Pos.End
		}
		pr.Block = nil
		out = append(out, cur)
	}
	return append(props[:base], out...)
}

// oneLineValues is the number of values above which a property of an
// object written on a single line is taken for several properties run
// together. A real one-line object has one short property (`ltm node n {
// address 10.0.0.1 }`); `tmsh list … one-line` output puts every property
// of an object on its line, which a grammar without the tmsh schema cannot
// split.
const oneLineValues = 4

// checkOneLine warns about `tmsh list … one-line` output (see
// oneLineValues): the properties are read, but run together.
func (p *parser) checkOneLine(obj *Object, body *Block) {
	for _, pr := range body.Props {
		if len(pr.Values) > oneLineValues {
			addWarning(p.f, pr.KeyPos(), "%s is written on one line and its property %q has %d values: this looks like `tmsh list … one-line` output, whose properties run together and cannot be told apart; list the configuration without one-line", obj, pr.Key, len(pr.Values))
			return
		}
	}
}

// startsObject reports whether the word t, in column 1, begins a top-level
// object: a known module followed, on the same line, by a '{'.
func (p *parser) startsObject(t token) bool {
	return modules[t.text] && lineStartsObject(p.f.Src, int(t.pos.Offset))
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
//
// The end is found two ways: as TCL reads the body, and from the layout
// BIG-IP writes (the first later line that is a lone '}' in column 1 and is
// followed by another object or the end of the file). TCL's answer wins when
// it is plausible; the layout rescues scripts BIG-IP itself would reject
// (unbalanced braces), with a warning. The TCL scan never runs past the
// layout candidate, so a file of broken scripts still parses in linear time.
func (p *parser) parseRaw(obj *Object, open token) {
	src := p.f.Src
	start := p.lx.off
	body := &Block{Pos: open.pos}
	obj.body.Store(body)
	defer func() { obj.BodyPos = body.Pos }()
	alt, haveAlt := p.layoutClose(start)
	limit := len(src)
	if haveAlt {
		limit = alt + 1
	}
	end, ok := scanTCL(src[:limit], start)
	if haveAlt && (!ok || end != alt && !closesObject(src, end)) {
		if ok {
			addWarning(p.f, obj.namePosOr(open.pos), "the braces in the TCL body of %s do not balance as TCL reads them (BIG-IP rejects such a script); its end was taken at the '}' on line %d", obj, p.lineAt(alt))
		} else {
			addWarning(p.f, obj.namePosOr(open.pos), "the TCL body of %s has an unclosed brace or quote (BIG-IP rejects such a script); its end was taken at the '}' on line %d", obj, p.lineAt(alt))
		}
		end, ok = alt, true
	}
	bodyPos := p.lx.pos(start)
	if !ok {
		p.lx.advanceTo(len(src))
		eof := p.lx.pos(len(src))
		p.errorf(eof, "expected '}' to close %s opened at line %d", obj, open.pos.Line)
		bodyPos.End = int32(len(src))
		obj.Raw = &Value{Text: string(src[start:]), Pos: bodyPos}
		body.Pos.End = int32(len(src))
		obj.Incomplete = true
		return
	}
	bodyPos.End = int32(end)
	obj.Raw = &Value{Text: string(src[start:end]), Pos: bodyPos}
	p.lx.advanceTo(end + 1)
	p.lx.lineTok = tokRBrace
	body.Pos.End = int32(end + 1)
}

// lineAt returns the line of an offset at or after the lexer's position.
func (p *parser) lineAt(off int) int {
	return p.lx.line + bytes.Count(p.f.Src[p.lx.off:off], []byte{'\n'})
}

// namePosOr returns the name's position, or def for an unnamed object.
func (o *Object) namePosOr(def Pos) Pos {
	if o.NamePos.IsValid() {
		return o.NamePos
	}
	return def
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
// by the end of the file or another object's header. The candidates of the
// whole file are collected once, on the first script object.
func (p *parser) layoutClose(start int) (int, bool) {
	if p.closers == nil {
		p.closers = layoutClosers(p.f.Src)
	}
	i := sort.SearchInts(p.closers, start+1)
	if i < len(p.closers) {
		return p.closers[i], true
	}
	return 0, false
}

// layoutClosers lists the offsets of the lines that are a lone '}' in
// column 1 followed by the end of the file or an object header.
func layoutClosers(src []byte) []int {
	out := []int{}
	off := 0
	for off < len(src) {
		nl := bytes.IndexByte(src[off:], '\n')
		lineEnd := len(src)
		if nl >= 0 {
			lineEnd = off + nl
		}
		if src[off] == '}' && len(bytes.TrimRight(src[off+1:lineEnd], " \t\r")) == 0 && nextLineIsBoundary(src, lineEnd) {
			out = append(out, off)
		}
		if nl < 0 {
			break
		}
		off = lineEnd + 1
	}
	return out
}
