package rules

import (
	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL102", Name: "upstream-plain-to-tls-port", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "plain HTTP is sent to port 443 (or an address:port a listener in the model serves with TLS)",
		Why: "The backend expects a TLS ClientHello and gets an HTTP request: nginx backends answer " +
			"\"400 The plain HTTP request was sent to HTTPS port\", others reset the connection. In stream, " +
			"proxy_pass to :443 without proxy_ssl is TLS passthrough and fine, unless the stream server itself terminates TLS.",
		Example: "location / {\n    proxy_pass http://api.internal:443;\n}",
		Fix:     "Use https:// (stream: proxy_ssl on;), or the backend's plain port.",
		References: []string{"https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass",
			"https://nginx.org/en/docs/stream/ngx_stream_proxy_module.html#proxy_ssl"},
	}, Check: checkTL102})
}

func checkTL102(p *lint.Pass) {
	mg := newMerger(p)
	for _, u := range p.Model.Upstreams {
		if u.TLS || u.Unknown != "" {
			continue
		}
		if u.From != nil && !u.From.TLS() && !u.From.HTTPProfile {
			continue // TLS passthrough (stream, a BIG-IP virtual without http profile): the client's TLS goes through untouched
		}
		for _, t := range u.Targets {
			if t.Unix {
				continue
			}
			tlsPort, why := tlsPort(p.Model, t)
			if !tlsPort {
				continue
			}
			f := lint.Finding{Pos: u.Pos, Subject: u.Subject,
				Msg: lint.Msgf("%s sends plain traffic to %s, %s: the backend expects TLS and every request fails (\"400 The plain HTTP request was sent to HTTPS port\")", u.Kind, t, why)}
			rel := lint.Related{}
			if u.Group != "" && t.Pos.IsValid() {
				rel = lint.Related{Pos: t.Pos, Msg: lint.Msgf("upstream member %s", t.String())}
			}
			if u.Product != lint.Nginx {
				f.Msg = lint.Msgf("%s terminates TLS but has no server-ssl profile, so the pool member %s, %s, gets plain traffic and every request fails", u.From.Subject, t, why)
				if !u.From.TLS() {
					f.Msg = lint.Msgf("%s sends plain HTTP (no server-ssl profile) to the pool member %s, %s: the backend expects TLS and every request fails", u.From.Subject, t, why)
				}
				if t.Pos.IsValid() {
					f.Pos = t.Pos
					rel = lint.Related{Pos: u.Pos, Msg: lint.Msgf("pool of %s", u.From.Subject)}
				}
			}
			switch {
			case u.Product != lint.Nginx:
				// BIG-IP/AS3: attaching a server-ssl profile is not a byte edit
			case u.Kind == "stream proxy_pass":
				if e, ok := insertLineBefore(p.Model, u.Pos, "proxy_ssl on;"); ok {
					f.Fixes = []lint.Fix{{Msg: lint.Msgf("originate TLS: proxy_ssl on"), Safety: lint.Safe, Edits: []lint.Edit{e}}}
				}
			case u.SchemePos.IsValid() && u.SchemePos != u.ArgPos:
				if e, ok := replace(p.Model, u.SchemePos, tlsScheme(u.Scheme)); ok {
					f.Fixes = []lint.Fix{{Msg: lint.Msgf("use %s://", tlsScheme(u.Scheme)), Safety: lint.Safe, Edits: []lint.Edit{e}}}
				}
			}
			mg.add(f, rel)
		}
	}
	mg.flush()
}

func tlsScheme(s string) string {
	switch s {
	case "grpc":
		return "grpcs"
	case "uwsgi":
		return "suwsgi"
	}
	return "https"
}

// tlsPort decides whether an endpoint expects TLS: a listener in the model
// serves it with TLS, or it is port 443 and no listener in the model serves
// it plain.
func tlsPort(m *lint.Model, t lint.Endpoint) (bool, lint.Msg) {
	switch served, who := m.Serves(t); served {
	case lint.ServedTLS:
		return true, lint.Msgf("where %s serves TLS", who)
	case lint.ServedUnknown:
		if t.Port == 443 {
			return true, lint.Msgf("the HTTPS port")
		}
	}
	return false, lint.Msg{}
}
