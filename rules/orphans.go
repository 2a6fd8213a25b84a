package rules

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

// orphan is a protocol or cipher directive written at the top of http,
// stream or mail that no TLS server or TLS upstream in view inherits (the
// servers live in files not linted, or come later). What it enables, it
// enables for every server that will inherit it: rules judge it as written.
type orphan struct {
	d        lint.Directive
	upstream bool   // proxy_/grpc_/uwsgi_ form
	prefix   string // "", "proxy", "grpc", "uwsgi"
	subject  string
}

func orphans(p *lint.Pass, kind string) []orphan {
	covered := map[lint.Pos]bool{}
	for _, l := range p.Model.Listeners {
		if l.Policy != nil && l.TLS() {
			covered[l.Policy.Protocols.Pos] = true
			covered[l.Policy.Ciphers.Pos] = true
		}
	}
	for _, u := range p.Model.Upstreams {
		if u.Policy != nil {
			covered[u.Policy.Protocols.Pos] = true
			covered[u.Policy.Ciphers.Pos] = true
		}
	}
	var out []orphan
	for _, d := range p.Model.Written {
		if covered[d.Pos] || (d.Context != "http" && d.Context != "stream" && d.Context != "mail") {
			continue
		}
		prefix, rest, _ := strings.Cut(d.Name, "_ssl_")
		if prefix == "ssl" || !strings.Contains(d.Name, "_ssl_") {
			prefix, rest = "", strings.TrimPrefix(d.Name, "ssl_")
		}
		if rest != kind {
			continue
		}
		o := orphan{d: d, upstream: prefix != "", prefix: prefix, subject: "every server in " + d.Context + " that inherits it (none in view)"}
		if o.upstream {
			o.subject = "every " + prefix + "_pass in " + d.Context + " that inherits it (none in view)"
		}
		out = append(out, o)
	}
	return out
}

// protocolsOf reads a written ssl_protocols directive.
func protocolsOf(d lint.Directive) lint.Setting[tls.VersionSet] {
	var set tls.VersionSet
	for _, a := range d.Args {
		if v, ok := tls.ParseVersion(a); ok {
			set = set.With(v)
		}
	}
	s := lint.Setting[tls.VersionSet]{Value: set, Origin: lint.Origin{Pos: d.Pos, Context: d.Context}}
	if len(d.ArgPos) > 0 {
		first, last := d.ArgPos[0], d.ArgPos[len(d.ArgPos)-1]
		s.ArgsPos = lint.Pos{File: first.File, Offset: first.Offset, End: last.End, Line: first.Line, Col: first.Col, EndLine: last.EndLine, EndCol: last.EndCol}
	}
	return s
}

// ciphersPolicy is the policy an orphan cipher directive stands for: the
// string as written, the rest nginx's defaults (no ssl_dhparam: no DHE).
func ciphersPolicy(p *lint.Pass, d lint.Directive) *lint.TLSPolicy {
	if len(d.Args) == 0 {
		return nil
	}
	s := lint.Setting[string]{Value: d.Args[0], Origin: lint.Origin{Pos: d.Pos, Context: d.Context}}
	if len(d.ArgPos) > 0 {
		s.ArgsPos = d.ArgPos[0]
	}
	return &lint.TLSPolicy{Product: lint.Nginx, Ciphers: s, TLS13: lint.Default(tls.DefaultTLS13),
		Protocols: lint.Default(p.Target.NginxDefaultProtocols()), Groups: lint.Default("auto")}
}
