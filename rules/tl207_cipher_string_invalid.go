package rules

import (
	"errors"
	"fmt"
	"github.com/tlslint/tlslint/lint/offer"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL207", Name: "cipher-string-invalid", Severity: lint.Error,
		Formats:      []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		SeverityNote: "warning for names that match no suite next to valid ones",
		Summary:      "the cipher string cannot be used on the target: nothing remains after expansion, a syntax error or stray characters (typographic quotes), or a wrong argument count",
		Why: "nginx refuses to start: \"SSL_CTX_set_cipher_list(...) failed (SSL: ... no cipher match)\". A string " +
			"made only of suites the target lacks (RC4 on OpenSSL 3 builds) expands to nothing. Names that match " +
			"no suite are ignored silently by OpenSSL: a typo (ECDHE-RSA-AES128-GCM-SHA265) quietly drops the " +
			"suite the author wanted. Typographic quotes pasted from a document become part of the first and last names.",
		Example:    "ssl_ciphers “ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384”;",
		Fix:        "Write the suites separated by ':' in plain ASCII quotes or none; check a string with `tlslint ciphers 'STRING'`.",
		References: []string{"https://docs.openssl.org/3.0/man1/openssl-ciphers/"},
	}, Check: checkTL207})
}

var typographic = "“”„‘’‚«»′″"

func checkTL207(p *lint.Pass) {
	book := offer.Of(p)
	mg := newMerger(p)
	// once per policy as written: blocks with identical policies share one
	// *TLSPolicy, told apart by their owner
	type written struct {
		pol   *lint.TLSPolicy
		owner int32
	}
	seen := map[written]bool{}
	judge := func(o *offer.Offer, owner int32, at lint.Pos, subject, dir string) {
		if o == nil || seen[written{o.Policy, owner}] {
			return
		}
		pol := o.Policy
		seen[written{pol, owner}] = true
		if pol.Product != lint.Nginx {
			judgeF5(p, mg, o, at, subject)
			return
		}
		rel := lint.Related{}
		pos := pol.Ciphers.Origin.WrittenAt(at)
		if pos != at {
			rel = appliesAt(at, subject)
		}
		exp := o.Expansion
		refused := pol.Ciphers.Refused()
		var stray lint.Msg
		if strings.ContainsAny(pol.Ciphers.Value, typographic) {
			stray = lint.Msgf(" (it contains typographic quotes, probably pasted from a document: use plain quotes or none)")
		}
		o3 := p.Target.OpenSSL
		build := lint.Msgf("OpenSSL %d.%d's default build", o3.Major, o3.Minor)
		if o3.Build != 0 {
			build = lint.Msgf("OpenSSL %d.%d built with %s", o3.Major, o3.Minor, o3.Build)
		}
		switch {
		case !refused.IsZero():
			mg.add(lint.Finding{Pos: pos, Subject: subject, Msg: lint.Msgf("%s; nginx refuses to start", refused)}, rel)
		case exp.Err != nil:
			var lacks lint.Msg
			if errors.Is(exp.Err, tls.ErrNoCipherMatch) && len(exp.Absent) > 0 {
				lacks = lint.Msgf(" (%s has none of %s)", build, quoteList(exp.Absent))
			}
			mg.add(lint.Finding{Pos: pos, Subject: subject, Msg: lint.Msgf("%s %q cannot be used with OpenSSL %s: %v%s%s; nginx refuses to start (\"SSL_CTX_set_cipher_list() failed\")",
				dir, pol.Ciphers.Value, p.Target.OpenSSL, exp.Err, lacks, stray)}, rel)
		case len(exp.Unknown) > 0:
			mg.add(lint.Finding{Severity: lint.Warning, Pos: pos, Subject: subject, Msg: lint.Msgf("%s names %s, which match no suite on OpenSSL %s: OpenSSL ignores them silently%s",
				dir, quoteList(exp.Unknown), p.Target.OpenSSL, stray)}, rel)
		case len(exp.Absent) > 0:
			// real suites the build lacks (RC4, 3DES, SEED on OpenSSL 3):
			// harmless here, offered by a build that has them
			mg.add(lint.Finding{Severity: lint.Info, Pos: pos, Subject: subject, Msg: lint.Msgf("%s names %s, which %s lacks: they select nothing here, but a build that has them (enable-weak-ssl-ciphers, the legacy provider) would offer them",
				dir, quoteList(exp.Absent), build)}, rel)
		}
		if !pol.TLS13.Default {
			if err := o.TLS13Err; err != nil {
				mg.add(lint.Finding{Pos: pol.TLS13.Pos, Subject: subject, Msg: lint.Msgf("Ciphersuites %q cannot be used with OpenSSL %s: %v; nginx refuses to start",
					pol.TLS13.Value, p.Target.OpenSSL, err)}, rel)
			} else if bad := o.TLS13Unknown; len(bad) > 0 {
				mg.add(lint.Finding{Severity: lint.Warning, Pos: pol.TLS13.Pos, Subject: subject, Msg: lint.Msgf("Ciphersuites names %s, which match no TLS 1.3 suite on OpenSSL %s: OpenSSL ignores them silently",
					quoteList(bad), p.Target.OpenSSL)}, rel)
			}
		}
	}
	for _, l := range p.Model.Listeners {
		if l.Policy != nil && (l.TLS() || l.Policy.Ciphers.Set()) {
			judge(book.Listener(l), l.PolicyOwner, l.TLSAt(), l.Subject, "ssl_ciphers")
		}
	}
	for _, u := range p.Model.Upstreams {
		if u.Policy != nil && (u.TLS || u.Policy.Ciphers.Set()) {
			judge(book.Upstream(u), u.PolicyOwner, u.Pos, u.Subject, u.Spell(lint.KnobCiphers))
		}
	}
	for _, o := range p.Model.Orphans(lint.KnobCiphers) {
		judge(book.Written(o.Directive), 0, o.Pos, o.Subject, o.Name)
	}
	mg.flush()
}

// judgeF5 reports BIG-IP/AS3 cipher strings and groups tmm cannot use.
func judgeF5(p *lint.Pass, mg *merger, o *offer.Offer, at lint.Pos, subject string) {
	pol := o.Policy
	origin, what := pol.Ciphers.Origin, fmt.Sprintf("ciphers %q", pol.Ciphers.Value)
	if g := pol.CipherGroup.Value; g != nil {
		origin, what = pol.CipherGroup.Origin, "cipher group "+g.Name
	}
	pos := origin.WrittenAt(at)
	rel := lint.Related{}
	if pos != at {
		rel = appliesAt(at, subject)
	}
	switch {
	case o.CipherErr != nil:
		f := lint.Finding{Pos: pos, Subject: subject, Msg: lint.Msgf("%s cannot be used on BIG-IP %s: %v; the profile is rejected or no handshake succeeds", what, p.Target.BigIP, o.CipherErr),
			Related: chainRelated(origin)}
		mg.add(f, rel)
	case len(o.Unknown) > 0:
		f := lint.Finding{Severity: lint.Warning, Pos: pos, Subject: subject, Msg: lint.Msgf("%s names %s, which BIG-IP %s does not know: the item selects nothing", what, quoteList(o.Unknown), p.Target.BigIP),
			Related: chainRelated(origin)}
		mg.add(f, rel)
	}
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
