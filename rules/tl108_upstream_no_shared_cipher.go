package rules

import (
	"github.com/tlslint/tlslint/lint/offer"

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
	book := offer.Of(p)
	for _, u := range p.Model.Upstreams {
		if !u.TLS || u.Unknown != "" || u.Policy == nil {
			continue
		}
		o := book.Upstream(u)
		if o.CipherErr != nil {
			continue
		}
		for _, pr := range book.Peers(u) {
			common := o.Enabled.Intersect(pr.Versions)
			if common.Empty() {
				continue // TL107's
			}
			if shared(o, pr, common) {
				continue
			}
			f := lint.Finding{Pos: u.Policy.Ciphers.WrittenAt(u.At()), Subject: u.Subject,
				Msg: lint.Msgf("%s%s shares no cipher suite with %s for %s: every request to it fails with \"no shared cipher\"",
					u.Spell(lint.KnobCiphers), byDefault(u.Policy.Ciphers.Origin), pr.Name, common)}
			f.Related = append(f.Related, lint.Related{Pos: pr.SuitesAt, Msg: lint.Msgf("the upstream's suites are set here")})
			if f.Pos != u.Pos {
				f.Related = append(f.Related, appliesAt(u.Pos, u.Subject))
			}
			p.Report(f)
		}
	}
}

// shared reports whether the proxy and the peer can agree on a suite for
// one of the common versions.
func shared(o *offer.Offer, pr offer.Peer, common tls.VersionSet) bool {
	for _, ver := range common.List() {
		if ver == tls.TLS13 {
			if pr.TLS13 == nil || intersects(o.TLS13, pr.TLS13) {
				return true
			}
			continue
		}
		if pr.Suites == nil || intersects(o.Usable(ver), pr.Suites) {
			return true
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
