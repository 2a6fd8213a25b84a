package rules

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL213", Name: "listener-tls-settings-ignored", Severity: lint.Warning,
		Formats: []lint.Product{lint.Nginx},
		Summary: "ssl_* directives are written in a server that has no TLS listener (and no ssl on)",
		Why: "The author meant TLS: certificates and protocols are configured, but no listen carries `ssl`, " +
			"so the site is served in plain HTTP and the settings do nothing. Settings inherited from http do not count.",
		Example: "server {\n    listen 8443;\n    ssl_certificate cert.pem;\n    ssl_certificate_key key.pem;\n}",
		Fix:     "Add ssl to the listen directive (listen 8443 ssl;), or remove the ssl_* directives.",
	}, Check: checkTL213})
}

func checkTL213(p *lint.Pass) {
	for _, l := range p.Model.Listeners {
		if l.Product != lint.Nginx || l.Kind == lint.KindMail || l.TLS() || len(l.Binds) == 0 || l.Incomplete {
			continue
		}
		var names []string
		var first lint.Directive
		var rel []lint.Related
		for _, d := range l.Written {
			if d.Name == "ssl" {
				continue
			}
			if len(names) == 0 {
				first = d
			} else {
				rel = append(rel, lint.Related{Pos: d.Pos, Msg: lint.Msgf("%s also ignored", d.Name)})
			}
			names = append(names, d.Name)
		}
		if len(names) == 0 {
			continue
		}
		var ports []string
		for _, b := range l.Binds {
			ports = append(ports, lint.HostPort(b.Addr, b.Port))
		}
		p.Report(lint.Finding{Pos: first.Pos, Subject: l.Subject, Related: rel,
			Msg: lint.Msgf("%s is set but %s has no TLS listener (listens on %s without ssl): it is served without TLS and the TLS settings are ignored",
				strings.Join(uniq(names), ", "), l.Subject, strings.Join(ports, ", "))})
	}
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
