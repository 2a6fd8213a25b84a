package bigip

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// Options control LoadModel.
type Options struct {
	// Target selects the version-dependent built-in defaults (Target.BigIP,
	// --bigip-version); nil means lint.DefaultBigIP.
	Target *lint.Target
	// Display turns an absolute path into the name shown in findings
	// (relative to the working directory). Archive members display as
	// Display(archive) + "!" + member.
	Display func(abs string) string
	// Files, when set, receives the archives LoadModel reads, so that the
	// certificate loader can read the "ARCHIVE!member" paths the model
	// names: pass the same *Files to certs.NewLoader. Paths on disk need
	// no registration. Without it, certificates inside archives read as
	// missing.
	Files *Files
}

func (o *Options) display(abs string) string {
	if o.Display != nil {
		return o.Display(abs)
	}
	return filepath.ToSlash(abs)
}

func (o *Options) version() lint.ProductVersion {
	if o.Target != nil && o.Target.BigIP != (lint.ProductVersion{}) {
		return o.Target.BigIP
	}
	return lint.DefaultBigIP
}

// LoadModel reads a BIG-IP input — a config directory or extracted UCS /
// qkview tree, a UCS or qkview archive, or one tmsh file (bigip.conf, an
// SCF, `tmsh list` output) — and adds its virtual servers to m as
// listeners and upstreams (see doc.go, "The model").
//
// It returns an error only when path itself cannot be read as BIG-IP
// input (missing, unreadable, an encrypted or corrupt archive, a directory
// without bigip.conf): the CLI exits 2. Problems inside the configuration
// are findings in m: TL001 for syntax errors (the other objects and files
// still load), TL002 for references to objects that are neither defined
// nor built in.
func LoadModel(m *lint.Model, p string, opts *Options) error {
	if opts == nil {
		opts = &Options{}
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err != nil {
		return err
	}
	cfg, err := Load(abs)
	if err != nil {
		return err
	}
	in := inputFor(cfg, opts.display(abs), opts)
	build(m, cfg, in, opts)
	return nil
}

// LoadModelBytes is LoadModel for bytes read from standard input: tmsh
// text, or a whole UCS archive. name is the name to show: an absolute path
// (--stdin-filename made absolute) goes through Options.Display, anything
// else is shown as is ("<stdin>", or a name the caller already made
// relative). Fixes are never offered for standard input, and text has no
// certificate files beside it.
func LoadModelBytes(m *lint.Model, name string, data []byte, opts *Options) error {
	if opts == nil {
		opts = &Options{}
	}
	display := name
	if filepath.IsAbs(name) {
		display = opts.display(name)
	}
	cfg, err := LoadBytes(display, data)
	if err != nil {
		return err
	}
	in := inputFor(cfg, display, opts)
	in.disk = func(*File) string { return "" }
	build(m, cfg, in, opts)
	return nil
}

// input says how the files of one input are named: in findings, on disk
// (for fixes), and for the certificate loader.
type input struct {
	display  func(f *File) string
	disk     func(f *File) string // "" when the file cannot be rewritten
	certPath func(name string) string
}

func inputFor(cfg *Config, display string, opts *Options) *input {
	if a, ok := cfg.fsys.(*Archive); ok {
		if opts.Files != nil {
			opts.Files.add(display, a)
		}
		return &input{
			display:  func(f *File) string { return display + "!" + f.name },
			disk:     func(*File) string { return "" },
			certPath: func(name string) string { return display + "!" + name },
		}
	}
	if cfg.root == "" {
		// standard input: no directory, no files beside the text
		return &input{
			display:  func(*File) string { return display },
			disk:     func(*File) string { return "" },
			certPath: func(string) string { return "" },
		}
	}
	root := cfg.root
	onDisk := func(name string) string { return filepath.Join(root, filepath.FromSlash(name)) }
	return &input{
		display:  func(f *File) string { return opts.display(onDisk(f.name)) },
		disk:     func(f *File) string { return onDisk(f.name) },
		certPath: onDisk,
	}
}

// fileInfo is one parsed file with the source findings point into.
type fileInfo struct {
	f   *File
	src *lint.Source // nil for the built-in definitions, which are no file
	// base: F5's own definitions (profile_base.conf, low_profile_base.conf,
	// or the built-in table), whose values are product defaults.
	base bool
}

// pos converts a parser position into a model position.
func (fi *fileInfo) pos(p Pos) lint.Pos {
	if fi == nil || fi.src == nil || !p.IsValid() {
		return lint.Pos{}
	}
	return fi.src.Pos(int(p.Offset), int(p.End))
}

// span is the position from a to the end of b.
func (fi *fileInfo) span(a, b Pos) lint.Pos {
	if fi == nil || fi.src == nil || !a.IsValid() {
		return lint.Pos{}
	}
	return fi.src.Pos(int(a.Offset), int(max(a.End, b.End)))
}

// baseFiles are the configuration files that hold F5's pre-configured
// objects (load.go, topLevelConfigFiles).
var baseFiles = map[string]bool{"profile_base.conf": true, "low_profile_base.conf": true}

// build adds one loaded input to the model.
func build(m *lint.Model, cfg *Config, in *input, opts *Options) {
	b := newBuilder(m, cfg, opts)
	for _, f := range cfg.Files {
		src := lint.NewSource(in.display(f), in.disk(f), f.Src)
		m.AddSource(src)
		fi := &fileInfo{f: f, src: src, base: baseFiles[path.Base(f.name)]}
		b.files = append(b.files, fi)
		for _, o := range f.Objects {
			b.objFile[o] = fi
		}
		for _, e := range f.Errors {
			m.ParseError(fi.pos(e.Pos), "%s", e.Msg)
		}
		// The parser's warnings are configurations BIG-IP rejects (an
		// iRule whose braces do not balance) or that cannot be read
		// reliably (`tmsh list … one-line` output).
		for _, w := range f.Warnings {
			m.ParseError(fi.pos(w.Pos), "%s", w.Msg)
		}
		b.suppressions(fi)
	}
	b.certPath = in.certPath
	b.run()
}

// builder maps one Config into the model.
type builder struct {
	m        *lint.Model
	cfg      *Config
	version  lint.ProductVersion
	files    []*fileInfo
	objFile  map[*Object]*fileInfo
	certPath func(name string) string

	builtin     *fileInfo          // the embedded built-in profiles, parsed
	builtinObjs map[string]*Object // by full name

	profiles map[string]*profile
	policies map[*profile]*lint.TLSPolicy
	groups   map[string]*groupRef
	rules    map[string]irule
	reported map[lint.Pos]bool // TL002 positions already reported
	kinds    map[string]bool   // object kinds the input defines (hasKind)
	// found memoizes where each file object's file is (Config.findFile):
	// 10,000 virtual servers that share a profile look its files up
	// 10,000 times, each a stat or two and, for a missing file, an error
	// naming every place it looked.
	found map[*Object]foundFile
}

type foundFile struct {
	name, expected string
	missing        bool // findFile failed (its error is not kept: only where the file should be is used)
}

func newBuilder(m *lint.Model, cfg *Config, opts *Options) *builder {
	b := &builder{m: m, cfg: cfg, version: opts.version(), objFile: map[*Object]*fileInfo{},
		profiles: map[string]*profile{}, policies: map[*profile]*lint.TLSPolicy{},
		groups: map[string]*groupRef{}, rules: map[string]irule{}, reported: map[lint.Pos]bool{},
		builtinObjs: map[string]*Object{}, found: map[*Object]foundFile{}}
	bf := Parse("(built-in)", builtinSource(b.version))
	b.builtin = &fileInfo{f: bf, base: true}
	for _, o := range bf.Objects {
		b.builtinObjs[o.FullName] = o
		b.objFile[o] = b.builtin
	}
	return b
}

// run builds the listeners and upstreams of every virtual server, in load
// order.
func (b *builder) run() {
	for _, fi := range b.files {
		for _, o := range fi.f.Objects {
			if o.Kind == "ltm virtual" && o.FullName != "" {
				b.virtual(o, fi)
				// what this virtual server reached is in the model now
				b.cfg.releaseBodies()
			}
		}
	}
	b.cfg.releaseBodies()
}

// unresolved reports a reference to an object of kind (an object kind or
// a prefix of one: "ltm profile") that is neither in the input nor built in
// (TL002), once per referencing position. An input without any object of
// that kind is a partial export (`tmsh list ltm` carries no sys file
// objects): the reference is info, not a warning.
func (b *builder) unresolved(at lint.Pos, kind, format string, args ...any) {
	if at.IsValid() {
		if b.reported[at] {
			return
		}
		b.reported[at] = true
	}
	msg := lint.Msgf(format, args...)
	var sev lint.Severity
	if !b.hasKind(kind) {
		sev = lint.Info
		msg = msg.Join(lint.Msgf(" (the input holds no %s objects at all: a partial export, such as tmsh list ltm without sys file)", kind))
	}
	b.m.Unresolved(at, sev, "%s", msg)
}

// hasKind reports whether the input defines any object whose kind is kind
// or starts with it.
func (b *builder) hasKind(kind string) bool {
	if b.kinds == nil {
		b.kinds = map[string]bool{}
		for _, o := range b.cfg.Objects() {
			b.kinds[o.Kind] = true
		}
	}
	for k := range b.kinds {
		if k == kind || strings.HasPrefix(k, kind+" ") {
			return true
		}
	}
	return false
}

// invalid reports a configuration BIG-IP would not load (TL001), once per
// position.
func (b *builder) invalid(at lint.Pos, format string, args ...any) {
	if at.IsValid() {
		key := at
		key.File = "TL001 " + key.File
		if b.reported[key] {
			return
		}
		b.reported[key] = true
	}
	b.m.ParseError(at, format, args...)
}

// find looks up an object of a kind by a reference as written in obj: a
// full path, or a name relative to obj's folder. Like tmsh, a relative name
// that is not in the folder is looked up in /Common.
func (b *builder) find(kind string, ref string, from *Object) (*Object, string) {
	base := DefaultFolder
	if from != nil && from.BaseFolder != "" {
		base = from.BaseFolder
	}
	full := NormalizeName(ref, base)
	if o := b.cfg.Find(kind, full); o != nil {
		return o, full
	}
	if !strings.HasPrefix(ref, "/") && base != DefaultFolder {
		if o := b.cfg.Find(kind, NormalizeName(ref, DefaultFolder)); o != nil {
			return o, o.FullName
		}
	}
	return nil, full
}

// commonName is where tmsh looks for a relative name that is not in the
// current folder: /Common, which is also where every built-in object lives.
// An absolute name is returned as is.
func commonName(ref string) string { return NormalizeName(ref, DefaultFolder) }

// fileOf returns the file an object was read from.
func (b *builder) fileOf(o *Object) *fileInfo { return b.objFile[o] }

// headerPos is an object's header: from the module word to its '{'.
func (b *builder) headerPos(o *Object) lint.Pos {
	fi := b.fileOf(o)
	if fi == nil || fi.src == nil {
		return lint.Pos{}
	}
	end := o.Pos.End
	if o.BodyPos.IsValid() && o.BodyPos.Offset >= o.Pos.Offset {
		end = o.BodyPos.Offset + 1
	} else if o.Raw != nil && o.Raw.Pos.Offset > o.Pos.Offset {
		end = o.Raw.Pos.Offset
	}
	return fi.src.Pos(int(o.Pos.Offset), int(end))
}

// valuesPos spans a property's values (its own text, for fixes that rewrite
// it); the property when it has none.
func valuesPos(fi *fileInfo, p *Prop) lint.Pos {
	if len(p.Values) == 0 {
		return fi.pos(p.Pos)
	}
	return fi.span(p.Values[0].Pos, p.Values[len(p.Values)-1].Pos)
}

// suppressions reads `# tlslint:ignore RULE… -- reason` comments (CLI.md,
// "Suppressions"). A comment covers the next object or property, across
// its whole extent: on BIG-IP the finding about a virtual server or profile
// points anywhere inside it. `tlslint:ignore-file` covers the file.
func (b *builder) suppressions(fi *fileInfo) {
	for _, c := range fi.f.Comments {
		s := lint.ParseSuppression(strings.TrimPrefix(c.Text, "#"))
		if s == nil {
			continue
		}
		s.Pos, s.File = fi.pos(c.Pos), fi.src.Name
		if !s.FileWide {
			s.From, s.To = int(c.Pos.Line), int(c.Pos.Line)
			if start, end, ok := nextItem(fi.f, int(c.Pos.End)); ok {
				s.From = int(start.Line)
				l, _ := fi.src.LineCol(int(max(end.End-1, end.Offset)))
				s.To = l
			}
		}
		b.m.Suppressions = append(b.m.Suppressions, s)
	}
}

// nextItem finds the first object or property that starts at or after off,
// and returns its start and its extent.
func nextItem(f *File, off int) (Pos, Pos, bool) {
	for _, o := range f.Objects {
		if int(o.Pos.Offset) >= off {
			return o.Pos, o.Pos, true
		}
		if int(o.Pos.Offset) < off && off < int(o.Pos.End) {
			if p := nextProp(o.Body(), off); p != nil {
				return p.Pos, p.Pos, true
			}
		}
	}
	return Pos{}, Pos{}, false
}

func nextProp(b *Block, off int) *Prop {
	if b == nil {
		return nil
	}
	for _, p := range b.Props {
		if int(p.Pos.Offset) >= off {
			return p
		}
		if p.Block != nil && int(p.Block.Pos.Offset) < off && off < int(p.Block.Pos.End) {
			if in := nextProp(p.Block, off); in != nil {
				return in
			}
		}
	}
	return nil
}

// subject names a virtual server's pool for messages.
func poolSubject(vs, pool string) string { return fmt.Sprintf("%s > pool %s", vs, pool) }
