package rules

import (
	"fmt"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL108", Name: "upstream-no-shared-cipher", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "the proxy and its upstream share a protocol version but no cipher suite (or TLS 1.3 suite) for it",
		Why: "The backend answers with \"no shared cipher\" / a handshake failure alert and every request fails " +
			"with 502: SSL bridging where the two sides were hardened differently.",
		Example: "proxy_ssl_ciphers AES256-SHA;\nproxy_pass https://127.0.0.1:9443;   # that server: ssl_ciphers ECDHE+AESGCM; ssl_protocols TLSv1.2;",
		Fix:     "Offer a suite the backend accepts (tlslint ciphers 'STRING' shows both expansions).",
	}, Check: checkTL108})
}

func checkTL108(p *lint.Pass) {
	t := p.Target.OpenSSL
	allowed := t.Protocols()
	for _, u := range p.Model.Upstreams {
		if !u.TLS || u.Unknown != "" || u.Policy == nil {
			continue
		}
		v := view(p, u.Policy, u.Policy.Protocols.Value, nil)
		if v == nil || v.err != nil {
			continue
		}
		offered := u.Policy.Protocols.Value
		if u.Product != lint.Nginx {
			offered = v.versions // BIG-IP: what the ciphers leave of the options
		}
		for _, pr := range peersOf(p, u) {
			common := offered.Intersect(pr.versions).Intersect(allowed)
			if common.Empty() {
				continue // TL107's
			}
			if shared(v, pr, common, t) {
				continue
			}
			dir := settingName(u.Product, u.Prefix, "ciphers")
			f := lint.Finding{Pos: settingAt(u.Policy.Ciphers.Origin, upstreamAt(u)), Subject: u.Subject,
				Message: fmt.Sprintf("%s%s shares no cipher suite with %s for %s: every request to it fails with \"no shared cipher\"",
					dir, byDefault(u.Policy.Ciphers.Origin), pr.name, common)}
			f.Related = append(f.Related, lint.Related{Pos: pr.suitesAt, Message: "the upstream's suites are set here"})
			if f.Pos != u.Pos {
				f.Related = append(f.Related, appliesAt(u.Pos, u.Subject))
			}
			p.Report(f)
		}
	}
}

// shared reports whether some common version has a suite both sides accept.
// An unknown side (nil list) accepts anything.
func shared(v *policyView, pr peer, common tls.VersionSet, t tls.OpenSSL) bool {
	for _, ver := range common.List() {
		if ver == tls.TLS13 {
			if pr.tls13 == nil || intersects(v.tls13, pr.tls13) {
				return true
			}
			continue
		}
		if pr.list == nil {
			return true
		}
		for _, s := range v.list {
			if !s.Versions().Has(ver) {
				continue
			}
			if ok, _ := t.SecurityAllows(s); !ok {
				continue
			}
			for _, q := range pr.list {
				if q == s {
					return true
				}
			}
		}
	}
	return false
}

func intersects(a, b []*tls.Suite) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
