package bigip

import "sync"

// lazyBodies reads the bodies of one file's objects again, on demand.
//
// A configuration loaded for the model is parsed once in full: every error,
// warning and comment is recorded, every object's header and extent kept,
// but the properties of a body that parsed cleanly are dropped (their slab
// memory is reused for the next object). The builder asks for bodies as it
// follows references, and Config.releaseBodies drops what it parsed after
// each virtual server. On a 10,000-virtual bigip.conf the syntax tree was
// about 135 MiB of a 236 MiB live heap at the end of the build; read this
// way, the tree is never more than the objects one virtual server reaches.
//
// An object parsed again after a release is kept from then on: it is shared
// (a parent profile, a pool of many virtual servers), and parsing it once
// per virtual server would make the build quadratic in the sharing.
type lazyBodies struct {
	mu sync.Mutex
	// p re-reads bodies. Its File is a shadow sharing the source: the first
	// pass recorded the errors, warnings and comments.
	p      *parser
	parsed []*Object // bodies parsed since the last release
}

// The states of Object.lazyState.
const (
	lazyUnread   uint8 = iota // never parsed on demand
	lazyParsed                // parsed, dropped at the next release
	lazyReleased              // dropped once: kept when parsed again
	lazyKept                  // parsed again after a release: never dropped
)

func newLazyBodies(f *File) *lazyBodies {
	shadow := &File{Path: f.Path, Src: f.Src}
	return &lazyBodies{p: &parser{f: shadow, lx: newLexer(shadow), folder: DefaultFolder}}
}

// parse reads o's body from the source, at BodyPos.
func (l *lazyBodies) parse(o *Object) *Block {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := o.body.Load(); b != nil {
		return b
	}
	p := l.p
	open := token{kind: tokLBrace, text: "{", pos: Pos{Offset: o.BodyPos.Offset, End: o.BodyPos.Offset + 1, Line: o.BodyPos.Line, Col: o.BodyPos.Col}}
	p.lx.restart(open.pos)
	p.hasPeek, p.resync = false, false
	// The body gets slab chunks of its own, sized from its text: a chunk
	// shared with another body would keep that body's dropped properties,
	// and through their pointers older chunks, alive as long as either.
	p.bodyBytes = int(o.BodyPos.End-o.BodyPos.Offset) + 1
	b, _ := p.parseBlock(open, o, "", 1)
	p.propSlab, p.blockSlab, p.valSlab, p.ptrSlab = nil, nil, nil, nil
	// the shadow file's records repeat the first pass's: drop them
	p.f.Errors, p.f.Warnings, p.f.Comments = nil, nil, nil
	o.body.Store(b)
	switch o.lazyState {
	case lazyReleased:
		o.lazyState = lazyKept
	case lazyUnread:
		o.lazyState = lazyParsed
		l.parsed = append(l.parsed, o)
	}
	return b
}

// release drops the bodies parsed since the last release, except the
// shared ones (see lazyBodies).
func (l *lazyBodies) release() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, o := range l.parsed {
		o.body.Store(nil)
		o.lazyState = lazyReleased
	}
	clear(l.parsed)
	l.parsed = l.parsed[:0]

}

// releaseBodies drops the object bodies parsed on demand since the last
// call (see Object.Body); the builder calls it after each virtual server.
func (c *Config) releaseBodies() {
	for _, f := range c.Files {
		if f.lazy != nil {
			f.lazy.release()
		}
	}
}

// slabMark is where the parser's slabs stood before a body was parsed.
type slabMark struct {
	props  []Prop
	blocks []Block
	vals   []Value
	ptrs   []*Prop
}

func (p *parser) mark() slabMark {
	return slabMark{p.propSlab, p.blockSlab, p.valSlab, p.ptrSlab}
}

// rewind hands the memory carved since m out again: the body parsed since
// is dropped.
func (p *parser) rewind(m slabMark) {
	p.propSlab = rewindSlab(p.propSlab, m.props)
	p.blockSlab = rewindSlab(p.blockSlab, m.blocks)
	p.valSlab = rewindSlab(p.valSlab, m.vals)
	p.ptrSlab = rewindSlab(p.ptrSlab, m.ptrs)
}

// rewindSlab returns mark, with what was carved from it since zeroed (a
// slab hands out zeroed memory), when cur is still carved from mark's
// chunk; else cur: the chunk allocated since is kept, and the dropped
// body's part of it is garbage that goes with it.
func rewindSlab[T any](cur, mark []T) []T {
	used := len(mark) - len(cur)
	if used <= 0 || cap(cur) == 0 || cap(mark)-cap(cur) != used ||
		&mark[:cap(mark)][cap(mark)-1] != &cur[:cap(cur)][cap(cur)-1] {
		return cur
	}
	clear(mark[:used])
	return mark
}
