package rules

import (
	"github.com/tlslint/tlslint/lint/offer"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL204", Name: "legacy-protocol-enabled", Severity: lint.Warning,
		Formats:      []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		SeverityNote: "error for SSLv2 and SSLv3",
		Summary:      "SSLv2, SSLv3, TLSv1 or TLSv1.1 is enabled on the listener or the upstream side, explicitly or through the target's default",
		Why: "SSLv2 and SSLv3 are broken (DROWN, POODLE). TLS 1.0 and 1.1 are deprecated (RFC 8996): no SHA-2 " +
			"handshake signatures, CBC-only suites, and no current browser offers them. nginx's own default " +
			"enables TLSv1 TLSv1.1 before 1.27.3 (TLSv1 TLSv1.1 TLSv1.2 before 1.23.4, plus TLSv1.3 from 1.23.4). " +
			"With OpenSSL 3 at security level 1 or more these versions cannot be negotiated anyway: the line " +
			"is dead weight there and a trap on builds that still allow them.",
		Example: "ssl_protocols TLSv1 TLSv1.1 TLSv1.2;",
		Fix:     "ssl_protocols TLSv1.2 TLSv1.3; (proxy_ssl_protocols likewise for upstreams).",
		References: []string{"https://www.rfc-editor.org/rfc/rfc8996", "https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols",
			"https://ssl-config.mozilla.org/"},
	}, Check: checkTL204})
}

var legacy = []tls.Version{tls.SSLv2, tls.SSLv3, tls.TLS10, tls.TLS11}

func checkTL204(p *lint.Pass) {
	book := offer.Of(p)
	mg := newMerger(p)
	for _, l := range p.Model.Listeners {
		if !l.MeansTLS() || l.Policy == nil || (l.Incomplete && !l.Policy.Protocols.Set()) {
			continue
		}
		o := book.Listener(l)
		at, subject, also := l.TLSAt(), l.Subject, lint.Related{}
		if !o.Configured.Set() { // one finding per socket for nginx's default
			a := socketAnchor(p.Model, l, func(x *lint.Listener) bool { return !x.Policy.Protocols.Set() })
			if a != l {
				at, subject, also = a.TLSAt(), a.Subject, appliesAt(l.TLSAt(), l.Subject)
			}
		}
		legacyFinding(p, mg, o, *o.Configured, l.Spell(lint.KnobProtocols), at, subject, lint.Msgf("clients"), also)
	}
	for _, u := range p.Model.Upstreams {
		if !u.TLS || u.Policy == nil || (u.Incomplete && !u.Policy.Protocols.Set()) {
			continue
		}
		o := book.Upstream(u)
		legacyFinding(p, mg, o, *o.Configured, u.Spell(lint.KnobProtocols), u.At(), u.Subject, lint.Msgf("the backend"), lint.Related{})
	}
	for _, o := range p.Model.Orphans(lint.KnobProtocols) {
		peer := lint.Msgf("clients")
		if o.Upstream {
			peer = lint.Msgf("backends")
		}
		legacyFinding(p, mg, book.Written(o.Directive), o.Protocols(), o.Name, o.Pos, o.Subject, peer, lint.Related{})
	}
	mg.flush()
}

// legacyFinding reports legacy versions in s, enabled at at for subject;
// also is where the same default takes effect too (another server of the
// socket), for findings about a default.
func legacyFinding(p *lint.Pass, mg *merger, of *offer.Offer, s lint.Setting[tls.VersionSet], dir string, at lint.Pos, subject string, peer lint.Msg, also lint.Related) {
	prod := of.Product
	var old []string
	sev := lint.Warning
	for _, v := range legacy {
		if s.Value.Has(v) {
			old = append(old, v.String())
			if v <= tls.SSLv3 {
				sev = lint.Error
			}
		}
	}
	if len(old) == 0 {
		return
	}
	what := lint.Msgf("%s", old[0])
	if len(old) == 2 {
		what = lint.Msgf("%s and %s", old[0], old[1])
	} else if len(old) > 2 {
		what = lint.Msgf("%s and %s", strings.Join(old[:len(old)-1], ", "), old[len(old)-1])
	}
	var msg lint.Msg
	if s.Set() {
		msg = lint.Msgf("%s enables %s: deprecated protocols that %s can be downgraded to", dir, what, peer)
	} else {
		verb := "is"
		if len(old) > 1 {
			verb = "are"
		}
		def := lint.Msgf("nginx %s's %s is %q", p.Target.Nginx, dir, s.Value.String())
		switch prod {
		case lint.BigIP:
			def = lint.Msgf("the profile's options lack no-tlsv1/no-tlsv1.1, so BIG-IP %s allows %s", p.Target.BigIP, s.Value.String())
		case lint.AS3:
			def = lint.Msgf("AS3's schema defaults for the TLS profile allow %s", s.Value.String())
		}
		msg = lint.Msgf("%s %s enabled by default (%s): deprecated protocols that %s can be downgraded to",
			what, verb, def, peer)
		if p.Model.Source(at.File) != nil && p.Model.Source(at.File).Fragment {
			msg = lint.Join(msg, fragmentNote(p.Model, at))
		}
	}
	if sev == lint.Error {
		msg = lint.Join(msg, lint.Msgf("; SSLv2/SSLv3 are broken (DROWN, POODLE)"))
	}
	var negotiable []string
	for _, v := range legacy {
		if s.Value.Has(v) && of.Enabled.Has(v) {
			negotiable = append(negotiable, v.String())
		}
	}
	if o := p.Target.OpenSSL; prod == lint.Nginx && len(negotiable) == 0 && sev != lint.Error {
		msg = lint.Join(msg, lint.Msgf("; OpenSSL %d.%d at security level %d cannot negotiate them, so the setting is dead weight here and a trap on older builds", o.Major, o.Minor, of.VersionLevel))
	} else if prod == lint.Nginx && of.VersionLevel < p.Target.OpenSSL.SecLevel {
		msg = lint.Join(msg, lint.Msgf("; \"@SECLEVEL=%d\" in the cipher string lowers OpenSSL's security level, so %s really negotiate", of.VersionLevel, strings.Join(negotiable, " and ")))
	}
	f := lint.Finding{Severity: sev, Subject: subject, Msg: msg}
	rel := lint.Related{}
	if s.Set() {
		f.Pos = s.Pos
		rel = appliesAt(at, subject)
		if s.ArgsPos.IsValid() {
			keep := s.Value
			for _, v := range legacy {
				keep = keep.Without(v)
			}
			if keep.Empty() {
				keep = tls.Versions(tls.TLS12, tls.TLS13)
			}
			if e, ok := replace(p.Model, s.ArgsPos, keep.String()); ok {
				f.Fixes = []lint.Fix{{Msg: lint.Msgf("allow only %s", keep.String()), Safety: lint.Unsafe, Edits: []lint.Edit{e}}}
			}
		}
	} else {
		f.Pos = at
		rel = also
	}
	f.Related = append(f.Related, chainRelated(s.Origin)...)
	mg.add(f, rel)
}
