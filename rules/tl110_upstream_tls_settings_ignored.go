package rules

import (
	"slices"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL110", Name: "upstream-tls-settings-ignored", Severity: lint.Warning,
		Formats: []lint.Product{lint.Nginx},
		Summary: "proxy_ssl_* (grpc_ssl_*, uwsgi_ssl_*) settings apply only to plain upstreams (proxy_pass http://…)",
		Why: "The author configured verification, client certificates or protocols for a TLS backend, but " +
			"the proxy speaks plain HTTP: the settings do nothing and the traffic is unencrypted. Settings " +
			"inherited from http or stream into locations that are plain on purpose are not reported.",
		Example: "location /api/ {\n    proxy_ssl_verify on;\n    proxy_ssl_trusted_certificate /etc/ssl/ca.pem;\n    proxy_pass http://api.internal;\n}",
		Fix:     "Use https:// in the proxy_pass (or drop the unused proxy_ssl_* directives if plain HTTP is intended).",
	}, Check: checkTL110})
}

func checkTL110(p *lint.Pass) {
	type use struct {
		d     lint.Directive
		tls   int
		plain []*lint.Upstream
	}
	uses := map[lint.Pos]*use{}
	var order []lint.Pos
	for _, u := range p.Model.Upstreams {
		if u.Unknown != "" {
			continue
		}
		for _, d := range u.Written {
			if d.Context == "http" || d.Context == "stream" || d.Name == "proxy_ssl" {
				continue
			}
			x := uses[d.Pos]
			if x == nil {
				x = &use{d: d}
				uses[d.Pos] = x
				order = append(order, d.Pos)
			}
			if u.TLS {
				x.tls++
			} else {
				x.plain = append(x.plain, u)
			}
		}
	}
	// one finding per plain proxy: at the first ignored directive, the
	// others (and the other plain proxies they apply to) as related
	type group struct {
		u   *lint.Upstream
		ds  []lint.Directive
		and []*lint.Upstream
	}
	byOwner := map[*lint.Upstream]*group{}
	var owners []*lint.Upstream
	for _, pos := range order {
		x := uses[pos]
		if x.tls > 0 || len(x.plain) == 0 {
			continue
		}
		u := x.plain[0]
		g := byOwner[u]
		if g == nil {
			g = &group{u: u}
			byOwner[u] = g
			owners = append(owners, u)
		}
		g.ds = append(g.ds, x.d)
		for _, pu := range x.plain[1:] {
			if !slices.Contains(g.and, pu) {
				g.and = append(g.and, pu)
			}
		}
	}
	for _, u := range owners {
		g := byOwner[u]
		var names []string
		for _, d := range g.ds {
			if !slices.Contains(names, d.Name) {
				names = append(names, d.Name)
			}
		}
		verb := "has"
		if len(names) > 1 {
			verb = "have"
		}
		f := lint.Finding{Pos: g.ds[0].Pos, Subject: u.Subject,
			Msg: lint.Msgf("%s %s no effect: %s speaks plain %s to %s, so the traffic is unencrypted and these TLS settings are ignored",
				strings.Join(names, ", "), verb, u.Kind, u.Scheme, targetsText(u))}
		for _, d := range g.ds[1:] {
			f.Related = append(f.Related, lint.Related{Pos: d.Pos, Msg: lint.Msgf("%s is ignored too", d.Name)})
		}
		f.Related = append(f.Related, lint.Related{Pos: u.Pos, Msg: lint.Msgf("plain %s (%s)", u.Kind, u.Subject)})
		for _, pu := range g.and {
			f.Related = append(f.Related, lint.Related{Pos: pu.Pos, Msg: lint.Msgf("also plain: %s (%s)", pu.Kind, pu.Subject)})
		}
		p.Report(f)
	}
}
