package rules

import (
	"github.com/tlslint/tlslint/lint/offer"
	"sort"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL206", Name: "weak-cipher-suite", Severity: lint.Warning,
		Formats:      []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		SeverityNote: "error for NULL, anonymous, EXPORT, DES, RC4, RC2 and MD5 suites",
		Summary:      "the expanded suite list contains broken or weak suites (3DES, static-RSA key exchange without forward secrecy, SHA-1 CBC)",
		Why: "tlslint expands the cipher string exactly as the target OpenSSL does and names the concrete " +
			"suites: broken ones (NULL encryption, anonymous key exchange, EXPORT, DES, RC4, MD5) give no " +
			"security at all; weak ones (3DES/Sweet32, static RSA without forward secrecy, CBC with SHA-1 " +
			"MACs) are the ones a downgrade or a recorded session exploits. Suites the string excludes (!RC4, " +
			"-RC4) never count; DHE suites count only with ssl_dhparam (nginx offers none without it). The " +
			"listener side is judged explicitly or by nginx's default (HIGH:!aNULL:!MD5); the upstream side only " +
			"when proxy_ssl_ciphers is written. Allow specific suites with rule \"TL206\" { allow = [\"AES128-SHA\"] }.",
		Example:    "ssl_ciphers HIGH:MEDIUM:!aNULL;   # includes DES-CBC3-SHA and AES128-SHA",
		Fix:        "Use Mozilla's intermediate list: ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;",
		References: []string{"https://ssl-config.mozilla.org/", "https://sweet32.info/", "https://www.rfc-editor.org/rfc/rfc7465"},
	}, Check: checkTL206, Options: func() any { return &tl206Options{} }})
}

type tl206Options struct {
	Allow []string `hcl:"allow,optional"`
}

func checkTL206(p *lint.Pass) {
	allowed := map[string]bool{}
	if o, ok := p.Options.(*tl206Options); ok && o != nil {
		for _, a := range o.Allow {
			if s := tls.SuiteByName(a); s != nil {
				allowed[s.Name] = true
			}
			allowed[a] = true
		}
	}
	book := offer.Of(p)
	mg := newMerger(p)
	type where struct {
		at      lint.Pos
		subject string
	}
	var anchor where // where a finding is reported: the endpoint, or the socket's first user of a default
	judge := func(o *offer.Offer, at lint.Pos, subject, dir string) {
		if o == nil || o.CipherErr != nil {
			return
		}
		pol := o.Policy
		var broken, weak []*tls.Suite
		reasons := map[string]lint.Msg{}
		for _, s := range o.NegotiableSuites() {
			if allowed[s.Name] {
				continue
			}
			if ok, why := s.BrokenMsg(); ok {
				broken = append(broken, s)
				reasons[why.String()] = why
			} else if ok, why := s.WeakMsg(); ok {
				weak = append(weak, s)
				reasons[why.String()] = why
			}
		}
		if len(broken)+len(weak) == 0 {
			return
		}
		sev := lint.Warning
		if len(broken) > 0 {
			sev = lint.Error
		}
		all := append(append([]*tls.Suite{}, broken...), weak...)
		var keys []string
		for r := range reasons {
			keys = append(keys, r)
		}
		sort.Strings(keys)
		why := make([]lint.Msg, len(keys)) // rendered "; "-separated
		for i, k := range keys {
			why[i] = reasons[k]
		}
		msg := lint.Msgf("%s%s offers %d weak or broken suites (%s): %s", dir, byDefault(pol.Ciphers.Origin), len(all), why, suiteNames(all, 6))
		if pol.Ciphers.Default && pol.CipherGroup.Value == nil {
			who := lint.Msgf("nginx's")
			if pol.Product != lint.Nginx {
				who = lint.Msgf("the built-in profile's")
			}
			msg = lint.Msgf("%s is not set, and %s default %q offers %d weak or broken suites (%s): %s", dir, who, pol.Ciphers.Value, len(all), why, suiteNames(all, 6))
		}
		if g := pol.CipherGroup.Value; g != nil {
			msg = lint.Msgf("cipher group %s offers %d weak or broken suites (%s): %s", g.Name, len(all), why, suiteNames(all, 6))
		}
		origin := pol.Ciphers.Origin
		if pol.CipherGroup.Value != nil {
			origin = pol.CipherGroup.Origin
		}
		f := lint.Finding{Severity: sev, Subject: anchor.subject, Msg: msg.Join(fragmentNote(p.Model, anchor.at)), Pos: origin.WrittenAt(anchor.at),
			Related: chainRelated(origin)}
		rel := lint.Related{}
		if f.Pos != at {
			rel = appliesAt(at, subject)
		}
		mg.add(f, rel)
	}
	defaultCiphers := func(l *lint.Listener) bool { return l.Policy.Ciphers.Default && l.Policy.CipherGroup.Value == nil }
	for _, l := range p.Model.Listeners {
		if l.MeansTLS() && l.Policy != nil && !l.RejectHandshake.Value && (!l.Incomplete || l.Policy.Ciphers.Set()) {
			anchor = where{l.TLSAt(), l.Subject}
			if defaultCiphers(l) { // one finding per socket for nginx's default list
				a := socketAnchor(p.Model, l, defaultCiphers)
				anchor = where{a.TLSAt(), a.Subject}
			}
			judge(book.Listener(l), l.TLSAt(), l.Subject, l.Spell(lint.KnobCiphers))
		}
	}
	for _, u := range p.Model.Upstreams {
		if u.TLS && u.Policy != nil && u.Policy.Ciphers.Set() {
			anchor = where{u.Pos, u.Subject}
			judge(book.Upstream(u), u.Pos, u.Subject, u.Spell(lint.KnobCiphers))
		}
	}
	for _, o := range p.Model.Orphans(lint.KnobCiphers) {
		anchor = where{o.Pos, o.Subject}
		judge(book.Written(o.Directive), o.Pos, o.Subject, o.Name)
	}
	mg.flush()
}
