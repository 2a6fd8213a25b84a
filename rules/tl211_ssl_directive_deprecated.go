package rules

import (
	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL211", Name: "ssl-directive-deprecated", Severity: lint.Error,
		Formats:      []lint.Product{lint.Nginx},
		SeverityNote: "error when the target nginx is 1.25.1 or newer (the directive is gone: nginx refuses to start), warning before",
		Summary:      "`ssl on;` is used",
		Why: "The ssl directive was deprecated in nginx 1.15.0 and removed in 1.25.1: newer nginx refuses to " +
			"start with \"unknown directive ssl\". Before that, it applied TLS to every listen of the server, " +
			"including ones meant to be plain.",
		Example:    "server {\n    listen 443;\n    ssl on;\n}",
		Fix:        "Drop `ssl on;` and add `ssl` to the listen directives it applied to (listen 443 ssl;).",
		References: []string{"https://nginx.org/en/CHANGES (1.25.1: the ssl directive was removed)"},
	}, Check: checkTL211})
}

func checkTL211(p *lint.Pass) {
	seen := map[lint.Pos]bool{}
	for _, l := range p.Model.Listeners {
		if l.Product != lint.Nginx || !l.SSLOn.Set() || seen[l.SSLOn.Pos] {
			continue
		}
		seen[l.SSLOn.Pos] = true
		sev := lint.Warning
		msg := lint.Msgf("ssl on is deprecated since nginx 1.15.0 and removed in 1.25.1: the target nginx %s still accepts it, an upgrade will not start", p.Target.Nginx.String())
		if !l.SSLOn.Value {
			msg = lint.Msgf("ssl off: the ssl directive is deprecated since nginx 1.15.0 and removed in 1.25.1: the target nginx %s still accepts it, an upgrade will not start", p.Target.Nginx.String())
		}
		if p.Target.Nginx.AtLeast(1, 25, 1) {
			sev = lint.Error
			msg = lint.Msgf("ssl on was removed in nginx 1.25.1: nginx %s refuses to start (\"unknown directive ssl\")", p.Target.Nginx.String())
			if !l.SSLOn.Value {
				msg = lint.Msgf("ssl off: the ssl directive was removed in nginx 1.25.1: nginx %s refuses to start (\"unknown directive ssl\")", p.Target.Nginx.String())
			}
		}
		f := lint.Finding{Severity: sev, Pos: l.SSLOn.Pos, Subject: l.Subject, Msg: msg}
		if l.SSLOn.Context == "server" && l.SSLOn.Value {
			if fix, ok := sslOnFix(p.Model, l); ok {
				f.Fixes = []lint.Fix{fix}
			}
		}
		p.Report(f)
	}
}

// sslOnFix drops `ssl on;` and adds ssl to every listen of the server.
func sslOnFix(m *lint.Model, l *lint.Listener) (lint.Fix, bool) {
	fix := lint.Fix{Msg: lint.Msgf("remove ssl on and add ssl to the server's listen directives"), Safety: lint.Safe}
	del, ok := deleteStatement(m, l.SSLOn.Pos)
	if !ok {
		return fix, false
	}
	fix.Edits = append(fix.Edits, del)
	for _, b := range l.Binds {
		if b.Implicit {
			return fix, false
		}
		if b.SSLPos != l.SSLOn.Pos {
			continue // already has ssl
		}
		end := argEnd(m, b)
		src := m.Source(b.Pos.File)
		if end < 0 || src == nil {
			return fix, false
		}
		fix.Edits = append(fix.Edits, lint.Edit{Pos: src.Pos(end, end), NewText: " ssl"})
	}
	return fix, true // listens that already say ssl need nothing more
}
