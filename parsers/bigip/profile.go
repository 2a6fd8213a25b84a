package bigip

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// profile is a profile a virtual server references, with its defaults-from
// chain resolved.
type profile struct {
	name string  // full path
	typ  string  // "client-ssl", "server-ssl", "http", … (the profile type, or the object kind for non-LTM profiles)
	obj  *Object // its definition; nil for built-ins known by type only
	fi   *fileInfo
	// builtin: F5's own definition (profile_base.conf or the embedded
	// table), not modified in bigip.conf: its values are product defaults.
	builtin bool
	parent  *profile
	// link is this profile's defaults-from attribute (the step to parent);
	// invalid for built-ins.
	link lint.Pos
	// incomplete: the chain could not be followed to its root (an
	// unresolved or invalid defaults-from), so attributes that seem unset
	// may be set there.
	incomplete bool
	resolving  bool          // cycle detection
	links      []*[]lint.Pos // chain(n) at n-1, once computed
}

// sslProfile reports whether the profile is a client-ssl or server-ssl one.
func (p *profile) ssl() bool { return p.typ == "client-ssl" || p.typ == "server-ssl" }

// profileRef resolves a profile reference as written in from (a virtual or
// a profile). It returns nil when the profile is neither defined nor built
// in; the caller reports that where the reference is.
func (b *builder) profileRef(ref string, from *Object) *profile {
	if obj, full := b.find("ltm profile", ref, from); obj != nil {
		return b.profile(full, obj)
	} else if p := b.profiles[full]; p != nil {
		return p
	} else if o := b.builtinObjs[commonName(ref)]; o != nil {
		return b.profile(o.FullName, o)
	} else if objs := b.cfg.Lookup(full); len(objs) > 0 {
		// an APM, ASM or security profile: only its kind matters here
		o := objs[len(objs)-1]
		p := &profile{name: full, typ: o.Kind, obj: o, fi: b.fileOf(o), builtin: b.fileOf(o).base}
		b.profiles[full] = p
		return p
	} else if c := commonName(ref); true {
		if _, folder, base := SplitName(c); folder == DefaultFolder {
			if t, ok := builtinProfileTypes[base]; ok {
				p := &profile{name: c, typ: t, builtin: true}
				b.profiles[c] = p
				return p
			}
		}
	}
	return nil
}

// profile returns the resolved profile defined by obj, resolving its chain
// on first use.
func (b *builder) profile(full string, obj *Object) *profile {
	if p := b.profiles[full]; p != nil {
		return p
	}
	fi := b.fileOf(obj)
	p := &profile{name: full, obj: obj, fi: fi, builtin: fi.base}
	if len(obj.Types) >= 2 {
		p.typ = obj.Types[1]
	}
	b.profiles[full] = p
	if !p.ssl() {
		return p
	}
	p.resolving = true
	defer func() { p.resolving = false }()

	dfProp := obj.Prop("defaults-from")
	ref := ""
	if dfProp != nil {
		ref = dfProp.Value()
	}
	if ref == "none" {
		ref = ""
	}
	root := rootProfile[p.typ]
	if ref == "" {
		if full == root {
			return p // the root of its type inherits nothing
		}
		// an excerpt without defaults-from: BIG-IP's default parent
		ref = root
	}
	var at lint.Pos
	if dfProp != nil && len(dfProp.Values) > 0 {
		at = fi.pos(dfProp.Values[0].Pos)
		p.link = fi.pos(dfProp.Pos)
	}
	parentObj, parentFull := b.find("ltm profile", ref, obj)
	var parent *profile
	switch {
	case parentObj != nil:
		if q := b.profiles[parentFull]; q != nil && q.resolving {
			b.invalid(at, "defaults-from %s makes a loop: %s inherits from itself; BIG-IP does not load such a profile", parentFull, full)
			p.incomplete = true
			return p
		}
		parent = b.profile(parentFull, parentObj)
	case b.builtinObjs[commonName(ref)] != nil:
		parentFull = commonName(ref)
		parent = b.profile(parentFull, b.builtinObjs[parentFull])
	default:
		b.unresolved(at, "ltm profile", "%s profile %s inherits (defaults-from) from %s, which is neither defined in the input nor built into BIG-IP %s", p.typ, full, parentFull, b.version)
		p.incomplete = true
		return p
	}
	if parent.typ != p.typ {
		b.invalid(at, "defaults-from %s names a %s profile: a %s profile can only inherit from a %s profile", parentFull, parent.typ, p.typ, p.typ)
		p.incomplete = true
		return p
	}
	p.parent = parent
	p.incomplete = parent.incomplete
	return p
}

// found is an attribute of a profile chain and where it was written.
type found struct {
	prop  *Prop
	owner *profile
	chain *[]lint.Pos // the defaults-from links followed to reach owner; shared (lint.Origin.SetChain)
}

// attr looks an attribute up the defaults-from chain: a child's value
// replaces its parent's whole (an options { } list or a cert-key-chain is
// not merged).
func (b *builder) attr(p *profile, key string) (found, bool) {
	n := 0
	for q := p; q != nil; q = q.parent {
		if q.obj != nil {
			if pr := q.obj.Prop(key); pr != nil {
				return found{prop: pr, owner: q, chain: p.chain(n)}, true
			}
		}
		if q.link.IsValid() {
			n++
		}
	}
	return found{chain: p.chain(n)}, false
}

// chain returns the profile's first n defaults-from links (nil for none),
// computed once per n: the attributes a profile inherits from one ancestor
// share them (a 10,000-virtual bigip.conf has twenty attributes a profile,
// and an array each was 4 MiB of the live heap).
func (p *profile) chain(n int) *[]lint.Pos {
	if n == 0 {
		return nil
	}
	for len(p.links) < n {
		p.links = append(p.links, nil)
	}
	if c := p.links[n-1]; c != nil {
		return c
	}
	links := make([]lint.Pos, 0, n)
	for q := p; q != nil && len(links) < n; q = q.parent {
		if q.link.IsValid() {
			links = append(links, q.link)
		}
	}
	if p.resolving { // the parents are not all known yet
		return &links
	}
	p.links[n-1] = &links
	return &links
}

// origin says where an attribute's value came from. Pos is the attribute in
// the profile where it is written (inside profile_base.conf for F5's
// definitions; invalid for the embedded table), Chain the defaults-from
// links from the referencing profile down to that profile, Default whether
// it is F5's definition rather than the user's.
func (b *builder) origin(f found) lint.Origin {
	if f.prop == nil {
		o := lint.Origin{Default: true}
		o.SetChain(f.chain)
		return o
	}
	fi := f.owner.fi
	o := lint.Origin{Pos: fi.pos(f.prop.Pos), ArgsPos: valuesPos(fi, f.prop), Default: f.owner.builtin, Context: f.owner.name}
	o.SetChain(f.chain)
	return o
}

// str returns an attribute's effective value ("" when unset everywhere)
// with its origin.
func (b *builder) str(p *profile, key, def string) lint.Setting[string] {
	f, ok := b.attr(p, key)
	if !ok {
		s := lint.Setting[string]{Value: def, Origin: b.origin(f)}
		return s
	}
	return lint.Setting[string]{Value: f.prop.Text(), Origin: b.origin(f)}
}

// flag reads a boolean attribute: true when its value is one of on.
func (b *builder) flag(p *profile, key string, on ...string) lint.Setting[bool] {
	s := b.str(p, key, "")
	v := false
	for _, w := range on {
		if strings.EqualFold(s.Value, w) {
			v = true
		}
	}
	return lint.Setting[bool]{Value: v, Origin: s.Origin}
}

// list reads a list attribute (options { a b c }, or `options none`).
func (b *builder) list(p *profile, key string) ([]string, found) {
	f, ok := b.attr(p, key)
	if !ok {
		return nil, f
	}
	var out []string
	if f.prop.Block != nil {
		out = f.prop.Block.Strings()
	}
	for _, v := range f.prop.Values {
		if v.Text != "none" {
			out = append(out, v.Text)
		}
	}
	return out, f
}

// fileAttr reads an attribute that names a `sys file` object ("none" →
// ""), resolved from the folder of the profile that writes it.
func (b *builder) fileAttr(p *profile, key, kind string) lint.Setting[string] {
	f, ok := b.attr(p, key)
	s := lint.Setting[string]{Origin: b.origin(f)}
	if !ok {
		return s
	}
	if v := f.prop.Value(); v != "" && v != "none" {
		s.Value = b.fileRef(v, f.owner.obj.BaseFolder, kind)
	}
	if len(f.prop.Values) > 0 {
		s.ArgsPos = f.owner.fi.pos(f.prop.Values[0].Pos)
	}
	return s
}

// enabled reports whether the profile does SSL at all: `mode disabled`
// turns an SSL profile off (F5's wom-default-serverssl is such a profile).
func (b *builder) enabled(p *profile) bool {
	return !strings.EqualFold(b.str(p, "mode", "enabled").Value, "disabled")
}
