package rules

import (
	"cmp"
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
	// Every directive written in a server or a location, once for each
	// upstream it applies to (an inherited one is copied into each), by
	// pointer into the model; sorted by position to bring one directive's
	// uses together. A map by position of copies of the directives
	// allocated 37 MB on a 20,000-server tree (60,000 uses), up to 22 MB
	// of it live at the run's peak while other rules ran; this, 2.3 MB.
	type use struct {
		d   *lint.Directive
		u   *lint.Upstream
		seq int // the order of the walk: a directive's first use places it
	}
	n := 0
	for _, u := range p.Model.Upstreams {
		n += len(u.Written)
	}
	uses := make([]use, 0, n) // at most: sized once
	for _, u := range p.Model.Upstreams {
		if u.Unknown != "" {
			continue
		}
		for i := range u.Written {
			d := &u.Written[i]
			if d.Context == "http" || d.Context == "stream" || d.Name == "proxy_ssl" {
				continue
			}
			uses = append(uses, use{d: d, u: u, seq: len(uses)})
		}
	}
	slices.SortFunc(uses, func(a, b use) int {
		return cmp.Or(a.d.Pos.Compare(b.d.Pos), cmp.Compare(a.seq, b.seq))
	})
	// the directives that apply to plain upstreams only, each as its uses
	// (the first plain upstream first), in the order the walk met them
	var ignored [][]use
	for i := 0; i < len(uses); {
		j, tls := i+1, uses[i].u.TLS
		for ; j < len(uses) && uses[j].d.Pos == uses[i].d.Pos; j++ {
			tls = tls || uses[j].u.TLS
		}
		if !tls {
			ignored = append(ignored, uses[i:j])
		}
		i = j
	}
	slices.SortFunc(ignored, func(a, b []use) int { return cmp.Compare(a[0].seq, b[0].seq) })
	// one finding per plain proxy: at the first ignored directive, the
	// others (and the other plain proxies they apply to) as related
	type group struct {
		u   *lint.Upstream
		ds  []*lint.Directive
		and []*lint.Upstream
	}
	byOwner := map[*lint.Upstream]*group{}
	var owners []*lint.Upstream
	for _, x := range ignored {
		u := x[0].u
		g := byOwner[u]
		if g == nil {
			g = &group{u: u}
			byOwner[u] = g
			owners = append(owners, u)
		}
		g.ds = append(g.ds, x[0].d)
		for _, pu := range x[1:] {
			if !slices.Contains(g.and, pu.u) {
				g.and = append(g.and, pu.u)
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
