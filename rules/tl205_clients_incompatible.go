package rules

import (
	"github.com/tlslint/tlslint/lint/offer"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/clients"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL205", Name: "clients-incompatible", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "a client of the declared population cannot complete a handshake: no common protocol, no common suite, no SNI-less default, a certificate it cannot use",
		Why: "tlslint simulates the handshake of every client in the population (--clients, default " +
			"\"intermediate\": Mozilla's oldest intermediate clients mapped to SSL Labs profiles) against what " +
			"the listener really offers: the expanded cipher list, TLS 1.3 suites, groups, DH parameters and the " +
			"target OpenSSL's security level. A client that fails sees a handshake alert and nothing else. " +
			"Failures from groups alone are TL208's and from the certificate's key type TL310's. Without the " +
			"certificate files an RSA 2048-bit certificate is assumed. HTTP listeners only: stream and mail " +
			"listeners serve other kinds of clients.",
		Example:    "ssl_protocols TLSv1.3;   # Android 4.4.2, IE 11 and Java 8u161 of the intermediate population cannot connect",
		Fix:        "Enable what the failing clients need (the table shows each client's reason), or declare the population you really serve: --clients modern.",
		References: []string{"https://wiki.mozilla.org/Security/Server_Side_TLS", "https://ssl-config.mozilla.org/"},
	}, Check: checkTL205})
}

// owners: TL208 reports group failures, TL310 certificate key types, and
// a configuration the target refuses to load is TL209's/TL307's.
func ownedElsewhere(r clients.Result) bool {
	return r.Cause == clients.CauseGroup || r.Cause == clients.CauseCertType || r.Startup
}

func checkTL205(p *lint.Pass) {
	book := offer.Of(p)
	pop := book.Population()
	mg := newMerger(p)
	for _, l := range p.Model.Listeners {
		if !l.ClientsServed() {
			continue
		}
		o := book.Listener(l)
		if o.CipherErr != nil {
			continue // TL207 reports an unusable cipher string
		}
		res := book.Simulate(o)
		byCause := map[clients.Cause][]int{}
		var causes []clients.Cause
		for i, r := range res {
			if r.OK || ownedElsewhere(r) {
				continue
			}
			if _, ok := byCause[r.Cause]; !ok {
				causes = append(causes, r.Cause)
			}
			byCause[r.Cause] = append(byCause[r.Cause], i)
		}
		for _, cause := range causes {
			idx := byCause[cause]
			var failing []*clients.Client
			for _, i := range idx {
				failing = append(failing, pop[i])
			}
			at, what := causeAt(l, o, cause)
			reason := res[idx[0]].ReasonMsg
			msg := lint.Msgf("%d of %d clients of %s cannot connect (%s): %s — e.g. %s: %s",
				len(idx), len(pop), populationName(p.Target), causeName(cause), clientNames(failing), failing[0].Name, reason)
			if res[idx[0]].AssumedCert {
				msg = lint.Join(msg, lint.Msgf(" (no certificate file read: an RSA 2048-bit certificate is assumed)"))
			}
			f := lint.Finding{Pos: at, Subject: l.Subject, Msg: msg.Join(fragmentNote(p.Model, l.Pos)),
				DetailMsg: clientTable(pop, res), Related: chainRelated(l.Policy.Protocols.Origin)}
			rel := lint.Related{}
			if at != l.TLSAt() {
				rel = appliesAt(l.TLSAt(), l.Subject)
			}
			if !what.IsZero() {
				rel = lint.Related{Pos: l.TLSAt(), Msg: lint.Msgf("applies to %s: %s", l.Subject, what)}
			}
			mg.add(f, rel)
		}
	}
	mg.flush()
}

// causeAt is the directive that causes a failure, and a note on why there.
func causeAt(l *lint.Listener, o *offer.Offer, cause clients.Cause) (lint.Pos, lint.Msg) {
	lis := l.TLSAt()
	switch cause {
	case clients.CauseProtocol:
		var note lint.Msg
		if o.VersionsFrom != l {
			note = lint.Msgf("before nginx 1.29.2 the protocols of the socket's default server (%s) apply to every server on it", o.VersionsFrom.Subject)
		}
		return o.Versions.WrittenAt(lis), note
	case clients.CauseSuite:
		return l.Policy.Ciphers.WrittenAt(lis), lint.Msg{}
	case clients.CauseDH:
		return l.Policy.DHParam.WrittenAt(lis), lint.Msg{}
	case clients.CauseKeySize, clients.CauseSignature:
		if len(l.Certs) > 0 {
			return l.Certs[0].Cert.WrittenAt(lis), lint.Msg{}
		}
	case clients.CauseSNI:
		if o.RequiresSNI && o.RequiresSNIAt.IsValid() {
			return o.RequiresSNIAt, lint.Msgf("the socket's default server rejects handshakes without SNI (ssl_reject_handshake on)")
		}
		return lis, lint.Msgf("clients without SNI get no certificate here")
	}
	return lis, lint.Msg{}
}
