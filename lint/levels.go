package lint

import "strings"

// HeaderLevel is one nginx configuration level (http, server, location, if
// in location) with the add_header directives written there and the ones
// in force there after nginx's inheritance (ngx_http_headers_filter_module.c:
// a level inherits the outer add_header list only when it has none of its
// own; add_header_inherit, nginx 1.29.3, changes that to merge or off).
// The loader computes Effective; TL214 compares a level with its parent.
type HeaderLevel struct {
	Context string // "http", "server", "location", "if"
	Label   string // "location /api/", "if", "server"
	Pos     Pos    // the block's opening text; the first directive for a fragment's top
	Parent  *HeaderLevel
	Written []Directive // add_header written in this block itself
	// Inherit is add_header_inherit in force here ("on", "off", "merge");
	// the default "on" when unset or the target nginx predates 1.29.3.
	// Never nil. A pointer, as levels where it is unset (nearly all) share
	// one default: inline it was 152 of a level's 288 bytes, and a model
	// has a level per server and location. Replace it; never change it.
	Inherit *Setting[string]
	// Effective is the add_header list that applies to responses served
	// from this level.
	Effective []Directive
	// Incomplete: an include in this block could not be read, so it may
	// hold add_header directives tlslint did not see.
	Incomplete bool
}

// Header returns the effective add_header for a field name (case-insensitive).
func (h *HeaderLevel) Header(name string) (Directive, bool) {
	for _, d := range h.Effective {
		if len(d.Args) > 0 && strings.EqualFold(d.Args[0], name) {
			return d, true
		}
	}
	return Directive{}, false
}

// ListenParam is a parameter of an nginx listen directive as written
// (ssl, http2, spdy, default_server, backlog=511, ...).
type ListenParam struct {
	Value string
	Pos   Pos
}
