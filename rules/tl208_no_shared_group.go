package rules

import (
	"github.com/tlslint/tlslint/lint/offer"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/clients"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL208", Name: "no-shared-group", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "the configured groups (ssl_ecdh_curve, BIG-IP dh-groups) share none with a declared client, or contain a group the target library rejects",
		Why: "ECDHE and TLS 1.3 need a group both sides support: a client with none of the server's groups fails " +
			"with \"bad key share\" or a handshake failure alert. A group name the target OpenSSL does not know " +
			"stops nginx from starting (\"SSL_CTX_set1_curves_list() failed\"). Spellings are equivalent: " +
			"prime256v1 = secp256r1 = P-256.",
		Example:    "ssl_ecdh_curve X448;   # no browser offers X448",
		Fix:        "Offer the common groups: ssl_ecdh_curve X25519:prime256v1:secp384r1; (or leave it at auto).",
		References: []string{"https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_ecdh_curve", "https://www.rfc-editor.org/rfc/rfc8446#section-4.2.7"},
	}, Check: checkTL208})
}

func checkTL208(p *lint.Pass) {
	book := offer.Of(p)
	pop := book.Population()
	mg := newMerger(p)
	for _, l := range p.Model.Listeners {
		if !l.TLS() || l.Policy == nil || l.Kind == lint.KindMail {
			continue
		}
		o := book.Listener(l)
		at := l.Policy.Groups.WrittenAt(l.TLSAt())
		rel := lint.Related{}
		if at != l.TLSAt() {
			rel = appliesAt(l.TLSAt(), l.Subject)
		}
		if o.GroupErr != nil || len(o.BadGroups) > 0 {
			what := strings.Join(o.BadGroups, ", ")
			if o.GroupErr != nil {
				what = o.GroupErr.Error()
			}
			msg := lint.Msgf("ssl_ecdh_curve %q: OpenSSL %s rejects %s: nginx refuses to start (\"SSL_CTX_set1_curves_list() failed\")",
				l.Policy.Groups.Value, p.Target.OpenSSL, what)
			if l.Product != lint.Nginx {
				msg = lint.Msgf("dh-groups %q: BIG-IP %s rejects %s", l.Policy.Groups.Value, p.Target.BigIP, what)
			}
			mg.add(lint.Finding{Pos: at, Subject: l.Subject, Msg: msg}, rel)
			continue
		}
		if !l.ClientsServed() || o.CipherErr != nil || o.GroupsFrom != l {
			continue // the default server's groups apply: its clients are judged there
		}
		res := book.Simulate(o)
		var failing []*clients.Client
		var reason lint.Msg
		for i, r := range res {
			if !r.OK && r.Cause == clients.CauseGroup && !r.Startup {
				failing = append(failing, pop[i])
				if reason.IsZero() {
					reason = r.ReasonMsg
				}
			}
		}
		if len(failing) == 0 {
			continue
		}
		mg.add(lint.Finding{Pos: at, Subject: l.Subject, DetailMsg: clientTable(pop, res),
			Msg: lint.Msgf("%d clients of %s share no group with %s %q%s and fail the handshake: %s — e.g. %s: %s",
				len(failing), populationName(p.Target), l.Spell(lint.KnobGroups), l.Policy.Groups.Value, byDefault(l.Policy.Groups.Origin), clientNames(failing), failing[0].Name, reason)}, rel)
	}
	mg.flush()
}
