package rules

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL101", Name: "upstream-tls-to-plain-port", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "TLS is originated towards a port that speaks plain HTTP (port 80, or an address:port a listener in the model serves without TLS)",
		Why: "The backend answers the ClientHello with plain HTTP, so every request fails: nginx logs " +
			"\"SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number)\" and returns 502; " +
			"BIG-IP logs \"SSL handshake failed for TCP x:80 -> x:443\".",
		Example:    "location /legacy/ {\n    proxy_pass https://backend.internal:80;\n}",
		Fix:        "Use the backend's TLS port (usually 443), or speak plain HTTP to it (http://) if it has no TLS.",
		References: []string{"https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass"},
	}, Check: checkTL101})
}

func checkTL101(p *lint.Pass) {
	mg := newMerger(p)
	for _, u := range p.Model.Upstreams {
		if !u.TLS || u.Unknown != "" {
			continue
		}
		// targets written at one place (an AS3 servicePort shared by several
		// addresses) are one cause: one finding naming them all
		type group struct {
			targets []lint.Endpoint
			why     lint.Msg
		}
		groups := map[lint.Pos]*group{}
		var order []lint.Pos
		for _, t := range u.Targets {
			if t.Unix {
				continue
			}
			plain, why := plainPort(p.Model, t)
			if !plain {
				continue
			}
			g := groups[t.PortPos]
			if g == nil {
				g = &group{why: why}
				groups[t.PortPos] = g
				order = append(order, t.PortPos)
			}
			g.targets = append(g.targets, t)
		}
		for _, at := range order {
			g := groups[at]
			t := g.targets[0]
			names := make([]string, len(g.targets))
			for i, x := range g.targets {
				names[i] = x.String()
			}
			f := lint.Finding{Pos: t.PortPos, Subject: u.Subject,
				Msg: lint.Msgf("%s opens TLS to %s, %s: every request fails with \"wrong version number\"", u.Kind, strings.Join(names, ", "), g.why)}
			if !t.PortPos.IsValid() || t.PortImplicit {
				f.Pos = u.Pos
			}
			if u.Product == lint.Nginx && u.Group == "" && !t.PortImplicit && t.Port == 80 && t.PortPos != u.ArgPos {
				if e, ok := replace(p.Model, t.PortPos, "443"); ok {
					f.Fixes = []lint.Fix{{Msg: lint.Msgf("use port 443"), Safety: lint.Safe, Edits: []lint.Edit{e}}}
				}
			}
			rel := lint.Related{}
			if f.Pos != u.Pos {
				rel = lint.Related{Pos: u.Pos, Msg: lint.Msgf("%s here (%s)", u.Kind, u.Subject)}
			}
			mg.add(f, rel)
		}
	}
	mg.flush()
}

// plainPort decides whether an endpoint speaks plain HTTP: a listener in
// the model serves it without TLS, or it is port 80 and no listener in the
// model serves TLS there.
func plainPort(m *lint.Model, t lint.Endpoint) (bool, lint.Msg) {
	switch served, who := m.Serves(t); served {
	case lint.ServedPlain:
		return true, lint.Msgf("which %s serves without TLS", who)
	case lint.ServedUnknown:
		if t.Port == 80 {
			return true, lint.Msgf("a plain-HTTP port")
		}
	}
	return false, lint.Msg{}
}
