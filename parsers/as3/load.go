package as3

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/files"
)

// Options control loading.
type Options struct {
	// Target is the BIG-IP the declaration is deployed to (TLS 1.3 exists
	// from TMOS 14.0). Nil means lint.DefaultBigIP.
	Target *lint.Target
	// Display turns an absolute path into the name shown in findings.
	// Nil shows the absolute path.
	Display func(abs string) string
}

// LoadModel reads the AS3 declaration at path into m. The error is for a
// path that cannot be read (or is a directory); problems inside the
// declaration become findings: TL001 for malformed JSON and for values
// AS3 would reject, TL002 for pointers that name nothing.
func LoadModel(m *lint.Model, path string, opts *Options) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("%s is a directory: expected an AS3 declaration (a JSON file)", path)
	}
	data, err := files.Read(abs, files.Config)
	if err != nil {
		return err
	}
	load(m, opts, opts.display(abs), abs, data)
	return nil
}

// LoadModelBytes reads a declaration given as bytes (standard input); name
// is its display name. Fixes cannot be written back to it.
func LoadModelBytes(m *lint.Model, name string, data []byte, opts *Options) error {
	load(m, opts, name, "", data)
	return nil
}

func (o *Options) display(abs string) string {
	if o != nil && o.Display != nil {
		return o.Display(abs)
	}
	return abs
}

// classRE finds the class of an AS3 request, an ADC declaration, or a
// tenant or application (per-application declarations have no ADC).
var classRE = regexp.MustCompile(`"class"\s*:\s*"(AS3|ADC|Tenant|Application)"`)

// Detect reports whether data looks like an AS3 declaration (for `--type
// auto`, which looks at content, not file names): JSON text — an object
// or an array of them — with a "class" of AS3, ADC, Tenant or Application
// in its first 64 KiB. nginx and tmsh configuration never start with '{'
// or '['.
func Detect(data []byte) bool {
	if len(data) > 64<<10 {
		data = data[:64<<10]
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 || (data[0] != '{' && data[0] != '[') {
		return false
	}
	return classRE.Match(data)
}

// loader is the state of one declaration file's load.
type loader struct {
	m      *lint.Model
	src    *lint.Source
	target *lint.Target
	d      *decl

	servers map[string]*serverTLS // TLS_Server (or BIG-IP client-ssl) path → resolved
	clients map[string]*clientTLS // TLS_Client (or BIG-IP server-ssl) path → resolved
	groups  map[string]*lint.CipherGroup
	rules   map[string]lint.CipherRule
	certs   map[string]lint.CertPair
}

// decl is one declaration: the object holding the tenants (an ADC), or
// for a per-application declaration the object holding the applications.
type decl struct {
	root   *Value
	perApp bool
}

func load(m *lint.Model, opts *Options, name, diskPath string, data []byte) {
	src := lint.NewSource(name, diskPath, data)
	m.AddSource(src)
	l := &loader{m: m, src: src, target: targetOf(opts),
		servers: map[string]*serverTLS{}, clients: map[string]*clientTLS{},
		groups: map[string]*lint.CipherGroup{}, rules: map[string]lint.CipherRule{}, certs: map[string]lint.CertPair{}}
	root, err := Parse(data)
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			m.ParseError(src.Pos(se.Off, se.End), "invalid JSON: %s", se.Msg)
		}
		return
	}
	var decls []*decl
	if root.Kind == Array {
		// AS3 accepts an array of requests (one per target device).
		for _, e := range root.Elems {
			decls = append(decls, l.declarations(e)...)
		}
		if len(root.Elems) == 0 {
			l.notAS3(root)
		}
	} else {
		decls = l.declarations(root)
	}
	for _, d := range decls {
		l.d = d
		l.walk()
	}
}

func targetOf(opts *Options) *lint.Target {
	if opts != nil && opts.Target != nil {
		return opts.Target
	}
	return &lint.Target{BigIP: lint.DefaultBigIP}
}

// declarations finds the declaration in a request body: {"class": "AS3",
// "declaration": {…}}, an ADC object, an unclassed object of tenants, or a
// per-application body (applications at the top, the tenant in the URL).
func (l *loader) declarations(v *Value) []*decl {
	if v.Kind != Object {
		l.notAS3(v)
		return nil
	}
	switch v.Class() {
	case "AS3":
		dm := v.Get("declaration")
		if dm == nil {
			// "action": "retrieve", "remove", … carry no declaration.
			return nil
		}
		if dm.Val.Kind == String {
			// A URL AS3 fetches the declaration from: nothing to lint here.
			return nil
		}
		if dm.Val.Kind != Object {
			l.invalid(l.propPos(dm), "\"declaration\" is %s: expected an ADC declaration object", dm.Val.Kind)
			return nil
		}
		return l.declarations(dm.Val)
	case "ADC":
		return []*decl{{root: v}}
	case "":
		tenants, apps := 0, 0
		for _, m := range v.Effective() {
			switch m.Val.Class() {
			case "Tenant":
				tenants++
			case "Application":
				apps++
			}
		}
		switch {
		case tenants > 0:
			return []*decl{{root: v}}
		case apps > 0:
			return []*decl{{root: v, perApp: true}}
		}
	}
	l.notAS3(v)
	return nil
}

func (l *loader) notAS3(v *Value) {
	end := v.End
	if v.Kind == Object || v.Kind == Array {
		end = v.Off + 1
	}
	l.invalid(l.src.Pos(v.Off, end), "not an AS3 declaration: expected an object with \"class\": \"AS3\" or \"ADC\", or one whose members are Tenant or Application objects")
}

// walk builds the model objects of one declaration, in document order.
func (l *loader) walk() {
	if l.d.perApp {
		l.tenant("", l.d.root)
		return
	}
	for _, tm := range l.d.root.Effective() {
		if tm.Val.Class() == "Tenant" {
			l.tenant(tm.Key, tm.Val)
		}
	}
}

func (l *loader) tenant(name string, t *Value) {
	for _, am := range t.Effective() {
		if am.Val.Class() != "Application" {
			continue
		}
		for _, im := range am.Val.Effective() {
			if im.Val.Kind != Object {
				continue
			}
			sc := scope{Tenant: name, App: am.Key, Src: []string{name, am.Key, im.Key}}
			if kind, ok := serviceKinds[im.Val.Class()]; ok {
				l.service(sc, im, kind)
			}
		}
		// AS3 validates every object, used or not: read the TLS objects no
		// service referenced too, so that their broken pointers and values
		// are reported (each is read once; the caches hold the others).
		for _, im := range am.Val.Effective() {
			if im.Val.Kind != Object {
				continue
			}
			sc := scope{Tenant: name, App: am.Key, Src: []string{name, am.Key, im.Key}}
			t := target{Path: l.path(sc, im.Key), Member: im}
			switch im.Val.Class() {
			case "TLS_Server":
				if _, ok := l.servers[t.Path]; !ok {
					l.servers[t.Path] = l.buildServer(sc, t)
				}
			case "TLS_Client":
				if _, ok := l.clients[t.Path]; !ok {
					l.clients[t.Path] = l.buildClient(sc, t)
				}
			case "Certificate":
				l.certificate(sc, im, im.Key)
			case "Cipher_Group":
				l.cipherGroup(sc, im, ref{Use: im.Key, Text: im.Val})
			}
		}
	}
}

// path renders the full name of an item of the scope's application.
func (l *loader) path(sc scope, name string) string {
	return joinPath(l.d.perApp, []string{sc.Tenant, sc.App, name}[boolInt(l.d.perApp):])
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// invalid reports a value AS3 would reject (TL001).
func (l *loader) invalid(pos lint.Pos, format string, args ...any) {
	l.m.ParseError(pos, format, args...)
}

// unresolved reports a pointer that names nothing (TL002).
func (l *loader) unresolved(pos lint.Pos, format string, args ...any) {
	l.m.Unresolved(pos, 0, format, args...)
}

// propPos is a property, key to the end of its value.
func (l *loader) propPos(m *Member) lint.Pos { return l.src.Pos(m.KeyOff, m.Val.End) }

// headPos is the start of an object property: its key to the opening brace.
func (l *loader) headPos(m *Member) lint.Pos {
	if m.Val.Kind == Object || m.Val.Kind == Array {
		return l.src.Pos(m.KeyOff, m.Val.Off+1)
	}
	return l.propPos(m)
}

func (l *loader) valPos(v *Value) lint.Pos { return l.src.Pos(v.Off, v.End) }

// written builds a setting written at property m of the object at ctx.
// For a string written without escapes ArgsPos is the string's content
// (between the quotes), so that a fix replacing it with plain text keeps
// the JSON valid; other values have no ArgsPos: a fix would have to write
// a JSON value, which the model does not promise.
func written[T any](l *loader, v T, m *Member, ctx string) lint.Setting[T] {
	s := lint.Written(v, l.propPos(m), ctx)
	if m.Val.Kind == String && m.Val.Plain {
		s.ArgsPos = l.src.Pos(m.Val.Off+1, m.Val.End-1)
	}
	return s
}

// defaulted builds a setting holding a default, recording the object whose
// default it is.
func defaulted[T any](v T, ctx string) lint.Setting[T] {
	s := lint.Default(v)
	s.Context = ctx
	return s
}

// boolProp reads an optional boolean property; a value of another type is
// reported (AS3's schema validation rejects the declaration) and ignored.
func (l *loader) boolProp(obj *Value, key string) (*Member, bool, bool) {
	m := obj.Get(key)
	if m == nil {
		return nil, false, false
	}
	if m.Val.Kind != Bool {
		l.invalid(l.propPos(m), "%q is %s: expected true or false", key, m.Val.Kind)
		return nil, false, false
	}
	return m, m.Val.Bool, true
}

// stringProp reads an optional string property, like boolProp.
func (l *loader) stringProp(obj *Value, key string) (*Member, string, bool) {
	m := obj.Get(key)
	if m == nil {
		return nil, "", false
	}
	if m.Val.Kind != String {
		l.invalid(l.propPos(m), "%q is %s: expected a string", key, m.Val.Kind)
		return nil, "", false
	}
	return m, m.Val.Str, true
}

// refProp reads an optional reference property ("name", {"use": "name"}
// or {"bigip": "/Common/name"}).
func (l *loader) refProp(obj *Value, key string) (*Member, ref, bool) {
	m := obj.Get(key)
	if m == nil {
		return nil, ref{}, false
	}
	r, ok := parseRef(m.Val)
	if !ok {
		l.invalid(l.propPos(m), "%q is %s: expected an AS3 pointer (\"name\" or {\"use\": \"name\"}) or {\"bigip\": \"/Partition/name\"}", key, describeValue(m.Val))
		return nil, ref{}, false
	}
	return m, r, true
}

func describeValue(v *Value) string {
	if v.Kind == String && v.Str == "" {
		return "an empty string"
	}
	return v.Kind.String()
}

// lookup resolves a pointer written at property m (of the object at
// scope sc) to an object of one of the given classes. A pointer that
// names nothing, or an object of another class, is TL002 at the property.
func (l *loader) lookup(sc scope, m *Member, r ref, classes ...string) (target, bool) {
	t, err := l.d.resolve(sc, r.Use)
	if err != nil {
		l.unresolved(l.propPos(m), "%s %q does not resolve: %v (expected %s)", m.Key, r.Use, err, oneOf(classes))
		return target{}, false
	}
	if t.Outside {
		return t, true
	}
	got := t.Member.Val.Class()
	for _, c := range classes {
		if got == c {
			return t, true
		}
	}
	what := "a value without a class"
	if got != "" {
		what = "a " + got
	}
	l.unresolved(l.propPos(m), "%s %q points to %s at %s: expected %s", m.Key, r.Use, what, t.Path, oneOf(classes))
	return target{}, false
}

func oneOf(classes []string) string {
	if len(classes) == 1 {
		return "a " + classes[0]
	}
	return "a " + strings.Join(classes[:len(classes)-1], ", a ") + " or a " + classes[len(classes)-1]
}

// sub extends a scope's source path by property names.
func (sc scope) sub(props ...string) scope {
	s := sc
	s.Src = append(append([]string{}, sc.Src...), props...)
	return s
}

// itemScope is the scope of an object found by a pointer: AS3 resolves
// pointers written inside it against its own tenant and application.
func (l *loader) itemScope(from scope, t target) scope {
	parts := strings.Split(strings.TrimPrefix(t.Path, "/"), "/")
	if l.d.perApp {
		parts = append([]string{from.Tenant}, parts...)
	}
	if len(parts) < 3 {
		return from
	}
	return scope{Tenant: parts[0], App: parts[1], Src: parts}
}
