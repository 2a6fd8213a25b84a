package rules

import (
	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL215", Name: "listen-parameter-obsolete", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx},
		SeverityNote: "error for parameters the target refuses (`spdy` from 1.19.7: nginx refuses to start), " +
			"warning for ignored or deprecated ones (`spdy` from 1.9.5 to 1.19.6, `listen … http2` from 1.25.1)",
		Summary: "a `listen` parameter that the target nginx version no longer supports, does not support yet (quic before 1.25.0), or has deprecated",
		Why: "`spdy` was superseded by HTTP/2 in nginx 1.9.5 (ignored with a warning) and is refused as " +
			"\"invalid parameter\" from 1.19.7, so nginx does not start. `listen … http2` is deprecated from " +
			"1.25.1 in favour of the `http2 on;` directive; the two differ in scope: `listen … http2` enables " +
			"HTTP/2 on the whole address:port, `http2 on` only in the server that SNI selects.",
		Example: "server {\n    listen 443 ssl spdy;\n}",
		Fix: "Remove `spdy` (add `http2` for HTTP/2). For `listen … http2` on 1.25.1 or newer: remove `http2` " +
			"from the listen and add `http2 on;` to every server on that address:port (safe fix; unsafe in a lone " +
			"fragment, where other servers on the socket are not in view).",
		References: []string{
			"https://nginx.org/en/CHANGES (1.9.5: ngx_http_v2_module replaces ngx_http_spdy_module; 1.25.1: the http2 directive, listen … http2 deprecated)",
			"https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2",
		},
	}, Check: checkTL215})
}

func checkTL215(p *lint.Pass) {
	v := p.Target.Nginx
	seen := map[lint.Pos]bool{}
	for _, l := range p.Model.Listeners {
		if l.Product != lint.Nginx || l.Kind != lint.KindHTTP {
			continue
		}
		for _, b := range l.Binds {
			for i, prm := range b.Params {
				if seen[prm.Pos] {
					continue
				}
				var f lint.Finding
				switch {
				case prm.Value == "spdy" && v.AtLeast(1, 19, 7):
					// nginx 1.22.1 -t: [emerg] invalid parameter "spdy" in nginx.conf:7
					f = lint.Finding{Severity: lint.Error, Msg: lint.Msgf("listen parameter spdy was removed in nginx 1.19.7: nginx %s refuses to start (\"invalid parameter \\\"spdy\\\"\"); SPDY was superseded by HTTP/2 (listen … http2) in 1.9.5", v)}
				case prm.Value == "spdy" && v.AtLeast(1, 9, 5):
					f = lint.Finding{Severity: lint.Warning, Msg: lint.Msgf("listen parameter spdy is ignored with a warning since nginx 1.9.5 (SPDY was superseded by HTTP/2) and refused from 1.19.7: nginx %s serves no SPDY here, an upgrade will not start", v)}
				case prm.Value == "quic" && !v.AtLeast(1, 25, 0):
					// nginx 1.22.1 -t: [emerg] invalid parameter "quic"; HTTP/3
					// arrived in 1.25.0 (nginx.org CHANGES)
					f = lint.Finding{Severity: lint.Error, Msg: lint.Msgf("listen parameter quic (HTTP/3) exists from nginx 1.25.0: nginx %s refuses to start (\"invalid parameter \\\"quic\\\"\")", v)}
				case prm.Value == "http2" && v.AtLeast(1, 25, 1):
					f = lint.Finding{Severity: lint.Warning, Msg: lint.Msgf("listen … http2 is deprecated since nginx 1.25.1 (nginx %s warns: the \"listen ... http2\" directive is deprecated, use the \"http2\" directive instead); it enables HTTP/2 for every server on %s, while http2 on; applies to the server it is written in", v, lint.HostPort(b.Addr, b.Port))}
				default:
					continue
				}
				seen[prm.Pos] = true
				f.Pos, f.Subject = prm.Pos, l.Subject
				switch prm.Value {
				case "spdy":
					if e, ok := removeParam(p.Model, b, i); ok {
						f.Fixes = []lint.Fix{{Msg: lint.Msgf("remove spdy from the listen directive"), Safety: lint.Safe, Edits: []lint.Edit{e}}}
					}
				case "http2":
					if fix, ok := http2Fix(p.Model, b, i); ok {
						f.Fixes = []lint.Fix{fix}
					}
				}
				p.Report(f)
			}
		}
	}
}

// removeParam deletes a listen parameter with the blank before it.
func removeParam(m *lint.Model, b *lint.Bind, i int) (lint.Edit, bool) {
	prev := b.PortPos
	if i > 0 {
		prev = b.Params[i-1].Pos
	}
	prm := b.Params[i].Pos
	src := m.Source(prm.File)
	if src == nil || src.Path == "" || prev.File != prm.File || !prev.IsValid() || prev.End > prm.Offset {
		return lint.Edit{}, false
	}
	return lint.Edit{Pos: src.Pos(int(prev.End), int(prm.End))}, true
}

// http2Fix moves HTTP/2 from the listen to the servers: `listen … http2`
// enabled it for the whole address:port, so every server on the socket
// gets `http2 on;` (ngx_http_v2_module, 1.25.1: the directive applies to
// the server selected by SNI). A server that already writes http2 on
// needs nothing; one that writes http2 off (overridden by listen … http2
// until now) makes the fix unsafe, so none is offered.
func http2Fix(m *lint.Model, b *lint.Bind, i int) (lint.Fix, bool) {
	fix := lint.Fix{Msg: lint.Msgf("remove http2 from the listen directive and add http2 on; to every server on %s", lint.HostPort(b.Addr, b.Port)), Safety: lint.Safe}
	e, ok := removeParam(m, b, i)
	if !ok || b.Socket == nil {
		return fix, false
	}
	fix.Edits = append(fix.Edits, e)
	done := map[*lint.Listener]bool{}
	for _, sb := range b.Socket.Binds {
		l := sb.Listener
		if done[l] {
			continue
		}
		done[l] = true
		written := l.HTTP2.Set() && l.HTTP2.Context == "server"
		if sb.Implicit || (written && !l.HTTP2.Value) {
			return fix, false
		}
		if written {
			continue // already http2 on
		}
		ins, ok := insertLineBefore(m, sb.Pos, "http2 on;")
		if !ok {
			return fix, false
		}
		fix.Edits = append(fix.Edits, ins)
	}
	if src := m.Source(b.Pos.File); src != nil && src.Fragment {
		// servers on the same socket outside this file keep HTTP/2 only
		// if their own listen says http2 or they get http2 on; too
		fix.Safety = lint.Unsafe
		fix.Msg = fix.Msg.Join(lint.Msgf(" in view (a fragment: servers elsewhere on the socket need http2 on; too)"))
	}
	return fix, true
}
