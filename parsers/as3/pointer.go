package as3

import (
	"fmt"
	"strings"
)

// ref is a reference as written in a declaration: an AS3 pointer (a bare
// string, or {"use": …}) to an object of the declaration, or {"bigip": …},
// the path of an object that exists on the BIG-IP outside the declaration.
type ref struct {
	Use   string // AS3 pointer, as written
	BigIP string // BIG-IP object path, as written
	Text  *Value // the pointer or path string, for positions
}

// parseRef reads a reference value. ok is false when v is neither a
// non-empty string nor an object with exactly one of "use" or "bigip"
// holding one.
func parseRef(v *Value) (ref, bool) {
	if v == nil {
		return ref{}, false
	}
	switch v.Kind {
	case String:
		if v.Str == "" {
			return ref{}, false
		}
		return ref{Use: v.Str, Text: v}, true
	case Object:
		if u := v.Val("use"); u != nil && u.Kind == String && u.Str != "" {
			return ref{Use: u.Str, Text: u}, true
		}
		if b := v.Val("bigip"); b != nil && b.Kind == String && b.Str != "" {
			return ref{BigIP: b.Str, Text: b}, true
		}
	}
	return ref{}, false
}

// target is what a pointer resolved to.
type target struct {
	Path   string  // "/Tenant/Application/name" (per-application declarations: "Application/name")
	Member *Member // the property that defines it
	// Outside: the pointer names an object of another declaration
	// (/Common/Shared from a per-application declaration): unknown here,
	// not an error.
	Outside bool
}

// scope is where a pointer is written: the tenant and application it is
// resolved against and the property path of the pointer itself (for AS3's
// "@" and relative-JSON-pointer forms).
type scope struct {
	Tenant string   // "" in a per-application declaration: the request URL names it
	App    string   // application name
	Src    []string // property path from the declaration root: tenant, app, item, property…
}

// resolve follows an AS3 pointer the way AS3 does
// (f5-appsvcs-extension src/lib/util/extractUtil.js, getAs3Object): a path
// without a leading '/' is relative to the current Application
// ("web_pool", "web_pool/members"); an absolute path may point into the
// same Application, /<same Tenant>/Shared or /Common/Shared and nowhere
// else; "@/x" starts from the nearest ancestor object that has a class and
// "N/x" is a relative JSON pointer (N levels up from the pointer). A
// trailing '#' (the property name rather than its value) is ignored here:
// what matters to tlslint is the object the path leads to. The returned
// error says why a pointer does not resolve.
func (d *decl) resolve(sc scope, ptr string) (target, error) {
	path := strings.TrimSuffix(ptr, "#")
	if path == "" {
		return target{}, fmt.Errorf("an empty pointer names nothing")
	}
	var elems []string // after the root: tenant, app, name, …
	src := sc.Src
	switch c := path[0]; {
	case c == '/':
		elems = strings.Split(path[1:], "/")
	case c == '@':
		rest := strings.TrimPrefix(path[1:], "/")
		// The nearest classed ancestor of the pointer's property. The
		// declaration root, tenants and applications always have a class;
		// below them walk the source path while objects have one.
		n := d.classedPrefix(src)
		elems = append(append([]string{}, src[:n]...), splitPath(rest)...)
	case c >= '0' && c <= '9':
		i := 0
		up := 0
		for i < len(path) && path[i] >= '0' && path[i] <= '9' && up < 100 {
			up = up*10 + int(path[i]-'0')
			i++
		}
		if up > len(src) {
			return target{}, fmt.Errorf("the relative JSON pointer climbs above the declaration")
		}
		rest := path[i:]
		if rest != "" && rest[0] != '/' {
			return target{}, fmt.Errorf("invalid relative JSON pointer: expected '/' after the level count")
		}
		elems = append(append([]string{}, src[:len(src)-up]...), splitPath(strings.TrimPrefix(rest, "/"))...)
	default:
		if d.perApp {
			elems = append([]string{""}, sc.App)
		} else {
			elems = []string{sc.Tenant, sc.App}
		}
		elems = append(elems, strings.Split(path, "/")...)
	}
	for i := range elems {
		elems[i] = strings.ReplaceAll(strings.ReplaceAll(elems[i], "~1", "/"), "~0", "~")
	}
	if len(elems) < 3 {
		return target{}, fmt.Errorf("expected /Tenant/Application/name")
	}
	tenant, app := elems[0], elems[1]
	switch {
	case d.perApp && tenant == "Common":
		// The per-application API declares one tenant's applications; the
		// shared objects of /Common live in another declaration.
		return target{Path: "/" + strings.Join(elems, "/"), Outside: true}, nil
	case !d.perApp && tenant != sc.Tenant && tenant != "Common":
		return target{}, fmt.Errorf("AS3 pointers may only name objects of the same tenant or /Common/Shared")
	case app != sc.App && app != "Shared":
		return target{}, fmt.Errorf("AS3 pointers may only name objects of the same Application or a Shared one")
	}
	if d.perApp {
		// the root holds the applications; the tenant is not in the file
		elems = elems[1:]
	}
	obj := d.root
	var m *Member
	for i, e := range elems {
		if obj == nil || obj.Kind != Object {
			return target{}, fmt.Errorf("%s is not an object", joinPath(d.perApp, elems[:i]))
		}
		m = obj.Get(e)
		if m == nil {
			return target{}, fmt.Errorf("no %s in the declaration", joinPath(d.perApp, elems[:i+1]))
		}
		obj = m.Val
	}
	return target{Path: joinPath(d.perApp, elems), Member: m}, nil
}

func splitPath(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "/")
}

// joinPath renders a path of the declaration: "/T/A/name", or "A/name" in
// a per-application declaration (the tenant is in the request URL).
func joinPath(perApp bool, elems []string) string {
	if perApp {
		return strings.Join(elems, "/")
	}
	return "/" + strings.Join(elems, "/")
}

// classedPrefix is the length of the longest prefix of src (without its
// last element, the property holding the pointer) whose objects all have
// a class: AS3's "nearest ancestor with a class".
func (d *decl) classedPrefix(src []string) int {
	if len(src) == 0 {
		return 0
	}
	elems := src[:len(src)-1]
	obj := d.root
	n := 0
	if d.perApp {
		// the first element is the (unnamed) tenant
		n = 1
		elems = elems[1:]
	}
	for _, e := range elems {
		v := obj.Val(e)
		if v == nil || v.Kind != Object || v.Class() == "" {
			break
		}
		obj = v
		n++
	}
	return n
}
