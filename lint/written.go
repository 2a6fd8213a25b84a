package lint

import (
	"strings"

	"github.com/tlslint/tlslint/lint/tls"
)

// NginxDefaultCiphers is nginx's built-in ssl_ciphers (ngx_http_ssl_module.c,
// NGX_DEFAULT_CIPHERS), used where a directive is judged without a server
// that would supply the rest of the policy.
const NginxDefaultCiphers = "HIGH:!aNULL:!MD5"

// Knob says which TLS setting a written protocol or cipher directive is
// (ssl_protocols, proxy_ssl_ciphers, …); "" for other directives.
func (d Directive) Knob() Knob {
	_, rest := d.split()
	switch rest {
	case "protocols":
		return KnobProtocols
	case "ciphers":
		return KnobCiphers
	}
	return ""
}

// Prefix is the upstream module prefix of a directive ("proxy" for
// proxy_ssl_ciphers), "" for the listener side.
func (d Directive) Prefix() string {
	p, _ := d.split()
	return p
}

func (d Directive) split() (prefix, rest string) {
	if p, r, ok := strings.Cut(d.Name, "_ssl_"); ok && p != "ssl" {
		return p, r
	}
	return "", strings.TrimPrefix(d.Name, "ssl_")
}

// Protocols reads a written ssl_protocols directive as a setting.
func (d Directive) Protocols() Setting[tls.VersionSet] {
	var set tls.VersionSet
	for _, a := range d.Args {
		if v, ok := tls.ParseVersion(a); ok {
			set = set.With(v)
		}
	}
	s := Setting[tls.VersionSet]{Value: set, Origin: Origin{Pos: d.Pos, Context: d.Context}}
	if len(d.ArgPos) > 0 {
		first, last := d.ArgPos[0], d.ArgPos[len(d.ArgPos)-1]
		s.ArgsPos = Pos{File: first.File, Offset: first.Offset, End: last.End, Line: first.Line, Col: first.Col, EndLine: last.EndLine, EndCol: last.EndCol}
	}
	return s
}

// Orphan is a protocol or cipher directive written at the top of http,
// stream or mail that no TLS server or TLS upstream in view inherits (the
// servers live in files not linted, or come later). What it enables, it
// enables for every server that will inherit it: rules judge it as written.
type Orphan struct {
	Directive
	Upstream bool   // the proxy_/grpc_/uwsgi_ form
	Subject  string // "every server in http that inherits it (none in view)"
}

// Orphans lists the orphan directives of one knob (protocols or ciphers).
func (m *Model) Orphans(k Knob) []Orphan {
	covered := map[Pos]bool{}
	for _, l := range m.Listeners {
		if l.Policy != nil && l.TLS() {
			covered[l.Policy.Protocols.Pos] = true
			covered[l.Policy.Ciphers.Pos] = true
		}
	}
	for _, u := range m.Upstreams {
		if u.Policy != nil {
			covered[u.Policy.Protocols.Pos] = true
			covered[u.Policy.Ciphers.Pos] = true
		}
	}
	var out []Orphan
	for _, d := range m.Written {
		if covered[d.Pos] || (d.Context != "http" && d.Context != "stream" && d.Context != "mail") || d.Knob() != k {
			continue
		}
		o := Orphan{Directive: d, Upstream: d.Prefix() != "", Subject: "every server in " + d.Context + " that inherits it (none in view)"}
		if o.Upstream {
			o.Subject = "every " + d.Prefix() + "_pass in " + d.Context + " that inherits it (none in view)"
		}
		out = append(out, o)
	}
	return out
}
