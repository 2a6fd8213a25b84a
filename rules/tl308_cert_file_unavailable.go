package rules

import (
	"errors"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL308", Name: "cert-file-unavailable", Severity: lint.Info,
		Formats:      []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		SeverityNote: "error with --require-certs",
		Summary:      "a referenced certificate, key or CA file is missing or unreadable after path mapping",
		Why: "Common when secrets live outside the repository: the certificate rules (TL301-TL307, TL309, " +
			"TL310, TL212) cannot check that file. Paths with variables ($ssl_server_name) are resolved per " +
			"request and skipped; engine: and store: keys are not checkable offline.",
		Example: "ssl_certificate /etc/ssl/private/app.pem;   # not in the repository",
		Fix:     "Map the deployed path to the repository (--map /etc/ssl=deploy/ssl), or use --require-certs in the pipeline that has the secrets.",
	}, Check: checkTL308})
}

func checkTL308(p *lint.Pass) {
	if p.Model.Certs == nil {
		return
	}
	sev := lint.Info
	if p.Model.Certs.Require {
		sev = lint.Error
	}
	mg := newMerger(p)
	// one finding per file: the first place that names it, every other
	// place as a related location (the merger keeps a set of them past a
	// few: a file named by 10,000 virtual servers)
	first := map[string]int{} // file → its cause in mg
	report := func(f lint.Finding, file string) {
		i, ok := first[file]
		if !ok {
			first[file] = mg.add(f, lint.Related{})
			return
		}
		if f.Pos == mg.at(i).Pos {
			return
		}
		mg.relate(i, lint.Related{Pos: f.Pos, Msg: lint.Msgf("also named here (%s)", f.Subject)})
	}
	check := func(s lint.Setting[string], path string, what lint.Msg, subject string, at lint.Pos) {
		if s.Value == "" {
			return
		}
		pos := s.Origin.WrittenAt(at)
		if !s.Unavailable().IsZero() {
			// not read here (an unmapped path outside the tree): as a missing
			// file would be, but saying which --map to add
			report(lint.Finding{Severity: sev, Pos: pos, Subject: subject, Msg: s.Unavailable()}, s.Value)
			return
		}
		if strings.HasPrefix(s.Value, "engine:") || strings.HasPrefix(s.Value, "store:") {
			mg.add(lint.Finding{Severity: lint.Info, Pos: pos, Subject: subject,
				Msg: lint.Msgf("%s %q is held by an OpenSSL engine or store: it is not checkable offline, key checks are skipped", what, strings.SplitN(s.Value, ":", 3)[0]+":…")}, lint.Related{})
			return
		}
		if strings.Contains(s.Value, "$") {
			mg.add(lint.Finding{Severity: lint.Info, Pos: pos, Subject: subject,
				Msg: lint.Msgf("%s %s contains a variable: it is chosen per request and not checked", what, quoteValue(s.Value))}, lint.Related{})
			return
		}
		if path == "" {
			return
		}
		b, err := p.Model.Certs.Load(path)
		if err == nil && b != nil && b.Encrypted() && len(b.Keys) == 0 {
			mg.add(lint.Finding{Severity: lint.Info, Pos: pos, Subject: subject,
				Msg: lint.Msgf("%s %s is an encrypted private key: nginx needs ssl_password_file for it, and tlslint cannot compare it with its certificate (TL306 skipped)", what, quoteValue(s.Value))}, lint.Related{})
			return
		}
		if err != nil {
			why := lint.Msgf("%s", err.Error())
			var fe *certs.FileError
			if errors.As(err, &fe) {
				why = fe.Text()
				if fe.Path != "" && fe.Path != s.Value {
					why = lint.Msgf("%s at %s", why, fe.Path)
				}
			}
			msg := lint.Msgf("%s %s cannot be read (%s): its checks are skipped", what, quoteValue(s.Value), why)
			if !certs.IsUnavailable(err) {
				msg = lint.Msgf("%s %s cannot be parsed: %v", what, quoteValue(s.Value), err)
			}
			report(lint.Finding{Severity: sev, Pos: pos, Subject: subject, Msg: msg}, s.Value)
		}
	}
	for _, l := range p.Model.Listeners {
		for _, cp := range l.Certs {
			check(cp.Cert, cp.CertPath, lint.Msgf("certificate"), l.Subject, l.TLSAt())
			check(cp.Key, cp.KeyPath, lint.Msgf("key"), l.Subject, l.TLSAt())
			check(cp.Chain, cp.ChainPth, lint.Msgf("chain"), l.Subject, l.TLSAt())
		}
		if l.Policy != nil && l.TLS() {
			check(l.Policy.Trusted, l.Policy.TrustedPath, lint.Msgf("trusted CA file"), l.Subject, l.TLSAt())
			if !l.Policy.DHParam.Unavailable().IsZero() {
				check(l.Policy.DHParam, "", lint.Msgf("DH parameters"), l.Subject, l.TLSAt())
			}
		}
	}
	for _, u := range p.Model.Upstreams {
		for _, cp := range u.ClientCerts {
			check(cp.Cert, cp.CertPath, lint.Msgf("client certificate"), u.Subject, u.Pos)
			check(cp.Key, cp.KeyPath, lint.Msgf("client key"), u.Subject, u.Pos)
		}
		if u.Policy != nil && u.TLS {
			check(u.Policy.Trusted, u.Policy.TrustedPath, lint.Msgf("trusted CA file"), u.Subject, u.Pos)
		}
	}
	mg.flush()
}
