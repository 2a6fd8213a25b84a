package nginx

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// inheritOn is add_header_inherit's default, shared by every level where it
// is not written (HeaderLevel.Inherit: never changed).
var inheritOn = lint.Default("on")

// headerLevel computes a scope's add_header list as nginx's headers filter
// does (ngx_http_headers_filter_module.c, merge_conf): a level with its own
// add_header directives does not inherit the outer ones. nginx 1.29.3 adds
// add_header_inherit (itself inherited the standard way): "merge" appends
// the outer list to the level's own, "off" inherits nothing even when the
// level writes no add_header (nginx.org ngx_http_headers_module docs;
// nginx commit "Headers filter: inheritance control for add_header").
//
// Checked on nginx 1.22 with curl -sI against a server where http{} adds
// Strict-Transport-Security: a location with `add_header X-A 1` answers
// without it, a sibling location without add_header answers with it.
func (l *loader) headerLevel(sc *scope) *lint.HeaderLevel {
	if sc == nil {
		return nil
	}
	if sc.hdr != nil {
		return sc.hdr
	}
	h := &lint.HeaderLevel{Context: sc.contextName(), Label: sc.label, Pos: sc.pos, Parent: l.headerLevel(sc.parent),
		Inherit: &inheritOn, Incomplete: sc.unreadInclude}
	if l.opts.Target.Nginx.AtLeast(1, 29, 3) {
		if ns, at := sc.lookup("add_header_inherit"); len(ns) > 0 && len(ns[0].Args) == 1 {
			in := lint.Setting[string]{Value: strings.ToLower(ns[0].Args[0].Value), Origin: l.origin(ns[0], at)}
			in.ArgsPos = l.argsPos(ns[0])
			h.Inherit = &in
		}
	}
	for _, n := range sc.dirs["add_header"] {
		if len(n.Args) >= 2 {
			h.Written = append(h.Written, l.directive(n, sc))
		}
	}
	var outer []lint.Directive
	if h.Parent != nil {
		outer = h.Parent.Effective
	}
	switch h.Inherit.Value {
	case "off":
		h.Effective = h.Written
	case "merge":
		h.Effective = append(append([]lint.Directive(nil), h.Written...), outer...)
	default:
		h.Effective = h.Written
		if len(h.Written) == 0 {
			h.Effective = outer
		}
	}
	sc.hdr = h
	return h
}
