package rules

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL214", Name: "hsts-header-dropped", Severity: lint.Warning,
		Formats: []lint.Product{lint.Nginx},
		Summary: "`Strict-Transport-Security` is added at an outer level (http/server) of a TLS site, and a nested " +
			"level (server/location/if) has its own `add_header`, so HSTS is silently missing for those URIs",
		Why: "nginx inherits add_header directives from the outer level only when a level has none of its own: " +
			"one `add_header Cache-Control …` in a location replaces the whole list, and responses from that " +
			"location carry no Strict-Transport-Security header. Browsers that first reach the site through such a " +
			"URI are not told to stay on HTTPS. nginx 1.29.3 adds `add_header_inherit on|off|merge`: `merge` " +
			"keeps the outer headers, `off` drops them even without a local add_header. Without `always`, the " +
			"header is also left off error responses (4xx, 5xx).",
		Example: "server {\n    listen 443 ssl;\n    add_header Strict-Transport-Security \"max-age=31536000\" always;\n" +
			"    location /static/ {\n        add_header Cache-Control \"public\";\n    }\n}",
		Fix: "Repeat the Strict-Transport-Security add_header in the nested level (safe fix; a shared " +
			"snippet included at every level keeps them in step), or, on nginx 1.29.3 or newer, write " +
			"`add_header_inherit merge;` at the outer level.",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header",
			"https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header_inherit",
			"RFC 6797 (HTTP Strict Transport Security)",
		},
	}, Check: checkTL214})
}

const hstsField = "Strict-Transport-Security"

func checkTL214(p *lint.Pass) {
	seen := map[lint.Pos]bool{}
	for _, l := range p.Model.Listeners {
		if l.Product != lint.Nginx || l.Kind != lint.KindHTTP || !l.TLS() {
			continue
		}
		for _, h := range l.HeaderLevels {
			if h.Parent == nil || h.Incomplete {
				continue
			}
			outer, ok := h.Parent.Header(hstsField)
			if !ok {
				continue
			}
			if _, ok := h.Header(hstsField); ok {
				continue
			}
			var at lint.Pos
			var why lint.Msg
			switch {
			case len(h.Written) > 0:
				at = h.Written[0].Pos
				why = lint.Msgf("%s has its own add_header (%s), so nginx does not inherit the outer add_header list", levelName(l, h), h.Written[0].Args[0])
			case h.Inherit.Value == "off" && h.Inherit.Set():
				at = h.Inherit.Pos
				why = lint.Msgf("add_header_inherit off (from %s) drops the outer add_header list in %s", h.Inherit.Context, levelName(l, h))
			default:
				continue
			}
			if seen[at] {
				continue
			}
			seen[at] = true
			msg := lint.Msgf("%s: the %s header added at %s (line %d) is not sent for responses from %s; clients reaching the site there are not told to stay on HTTPS",
				why, hstsField, outer.Context, outer.Pos.Line, levelName(l, h))
			if !hasAlways(outer) {
				msg = lint.Join(msg, lint.Msgf("; the outer header also lacks `always`, so it is not sent on error responses either"))
			}
			f := lint.Finding{Pos: at, Subject: l.Subject + levelSuffix(h), Msg: msg,
				Related: []lint.Related{{Pos: outer.Pos, Msg: lint.Msgf("%s added here", hstsField)}}}
			if len(h.Written) > 0 {
				if fix, ok := hstsFix(p.Model, outer, h.Written[0].Pos); ok {
					f.Fixes = []lint.Fix{fix}
				}
			}
			p.Report(f)
		}
	}
}

func hasAlways(d lint.Directive) bool {
	return len(d.Args) > 2 && strings.EqualFold(d.Args[len(d.Args)-1], "always")
}

// levelName names a level for the message: the server's subject, a
// location, an if with the location it is in.
func levelName(l *lint.Listener, h *lint.HeaderLevel) string {
	switch {
	case h.Context == "server":
		return l.Subject
	case h.Context == "if" && h.Parent != nil && h.Parent.Context == "location":
		return h.Label + " in " + h.Parent.Label
	}
	return h.Label
}

func levelSuffix(h *lint.HeaderLevel) string {
	if h.Context == "server" {
		return ""
	}
	return " > " + h.Label
}

// hstsFix copies the outer add_header line, as written, before the nested
// level's first add_header.
func hstsFix(m *lint.Model, outer lint.Directive, before lint.Pos) (lint.Fix, bool) {
	src := m.Source(outer.Pos.File)
	if src == nil || int(outer.Pos.End) > len(src.Data) || outer.Pos.Offset >= outer.Pos.End {
		return lint.Fix{}, false
	}
	text := string(src.Data[outer.Pos.Offset:outer.Pos.End])
	if strings.Contains(text, "\n") {
		return lint.Fix{}, false
	}
	e, ok := insertLineBefore(m, before, text)
	if !ok {
		return lint.Fix{}, false
	}
	return lint.Fix{Msg: lint.Msgf("repeat the %s add_header in this level", hstsField), Safety: lint.Safe, Edits: []lint.Edit{e}}, true
}
