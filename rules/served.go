package rules

import (
	"github.com/tlslint/tlslint/lint/offer"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
)

// servedFinding builds a finding about a served bundle: at the first
// serving directive, the other servers as related locations.
func servedFinding(s *offer.Served, sev lint.Severity, msg lint.Msg) lint.Finding {
	f := lint.Finding{Severity: sev, Pos: s.At[0], Subject: s.Subjects()[0], Msg: msg}
	if len(s.Users) == 0 { // a client certificate: the proxies presenting it
		f.Related = related(len(s.Proxies) - 1)
		for i, u := range s.Proxies[1:] {
			f.Related = append(f.Related, lint.Related{Pos: s.At[i+1], Msg: lint.Msgf("also presented by %s", u.Subject)})
		}
		return f
	}
	applies := len(s.At) > 0 && len(s.Users) > 0 && s.At[0] != s.Users[0].TLSAt() && len(s.Users) == 1
	n := len(s.Users) - 1 // a user but the first, or the one's "applies to"
	if applies {
		n++
	}
	f.Related = related(n)
	seen := map[lint.Pos]bool{s.At[0]: true}
	for i, l := range s.Users[1:] {
		at := s.At[i+1]
		if seen[at] {
			f.Related = append(f.Related, lint.Related{Pos: l.TLSAt(), Msg: lint.Msgf("also served by %s", l.Subject)})
			continue
		}
		seen[at] = true
		f.Related = append(f.Related, lint.Related{Pos: at, Msg: lint.Msgf("also served by %s", l.Subject)})
	}
	if applies {
		f.Related = append(f.Related, appliesAt(s.Users[0].TLSAt(), s.Users[0].Subject))
	}
	return f
}

// related returns an empty list of n related locations, nil for none:
// sized once, where a bundle that 200 servers of a 20,000-server tree
// serve has 199, and growing the list allocated twice that.
func related(n int) []lint.Related {
	if n <= 0 {
		return nil
	}
	return make([]lint.Related, 0, n)
}

// describe names a certificate as messages do: subject, SANs, expiry.
func describe(c *certs.CertReport) lint.Msg {
	sum := c.Summary()
	sans := lint.Msgf("%s", strings.Join(sum.SANs, ", "))
	if len(sum.SANs) > 4 {
		sans = lint.Msgf("%s and %d more", strings.Join(sum.SANs[:4], ", "), len(sum.SANs)-4)
	}
	if len(sum.SANs) == 0 {
		sans = lint.Msgf("no SANs")
	}
	return lint.Msgf("%q (SANs: %s; issuer %q; expires %s)", sum.Subject, sans, sum.Issuer, sum.NotAfter.UTC().Format("2006-01-02"))
}

// roleName names a certificate's place in the chain for a message.
func roleName(r certs.Role) lint.Msg {
	switch r {
	case certs.RoleLeaf:
		return lint.Msgf("leaf")
	case certs.RoleIntermediate:
		return lint.Msgf("intermediate")
	case certs.RoleRoot:
		return lint.Msgf("root")
	case certs.RoleExtra:
		return lint.Msgf("extra")
	case certs.RoleDuplicate:
		return lint.Msgf("duplicate")
	}
	return lint.Msgf("%s", r.String())
}
