package rules

import (
	"github.com/tlslint/tlslint/lint/offer"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL302", Name: "cert-chain-misordered", Severity: lint.Error,
		Formats:      []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		SeverityNote: "warning when only the intermediates are out of order",
		Summary:      "the served bundle is out of order: the leaf is not first, or intermediates do not follow their subjects",
		Why: "nginx serves the first certificate of the file as the leaf: when it is an intermediate, the key " +
			"no longer matches and nginx refuses to start (\"key values mismatch\"), or clients get the wrong " +
			"certificate. Intermediates out of order are tolerated by TLS 1.3 clients (RFC 8446) but not by older ones.",
		Example: "cat intermediate.pem cert.pem > bundle.pem   # wrong order",
		Fix:     "Concatenate leaf first, then each issuer: cat cert.pem intermediate.pem > bundle.pem",
	}, Check: checkTL302})
}

func checkTL302(p *lint.Pass) {
	for _, s := range offer.Of(p).Served() {
		r := s.Report
		if r == nil || r.Partial {
			continue
		}
		if !r.LeafFirst {
			p.Report(servedFinding(s, lint.Error, lint.Msgf("%s does not start with its leaf: nginx serves %q (certificate 1) as the leaf, and the end-entity certificate %s is number %d; the key no longer matches and nginx refuses to start (\"key values mismatch\")",
				s.Pair.Cert.Value, r.Leaf.Summary().Subject, describe(r.EndEntityCert()), r.EndEntity+1)))
			continue
		}
		if r.Misordered {
			var moves []lint.Msg
			for _, m := range r.Moves {
				moves = append(moves, lint.Msgf("certificate %d (%q) belongs at position %d", m.Index+1, r.Certs[m.Index].Summary().Subject, m.Want+1))
			}
			p.Report(servedFinding(s, lint.Warning, lint.Msgf("%s has its intermediates out of order (%s): TLS 1.3 clients cope, older ones fail to build the chain",
				s.Pair.Cert.Value, moves)))
		}
	}
}
