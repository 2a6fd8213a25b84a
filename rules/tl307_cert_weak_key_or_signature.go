package rules

import (
	"github.com/tlslint/tlslint/lint/certs"
	"github.com/tlslint/tlslint/lint/offer"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL307", Name: "cert-weak-key-or-signature", Severity: lint.Error,
		Formats:      []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		SeverityNote: "error when the target OpenSSL's security level refuses it (nginx does not start: \"ee key too small\", \"ca md too weak\"), warning below",
		Summary:      "a served certificate has an RSA/DSA key under 2048 bits, an EC key under 224 bits, or a SHA-1/MD5 signature (the trust anchor's own signature does not count)",
		Why: "Weak keys can be factored and SHA-1 signatures forged (SHAttered). OpenSSL 3 at security level 2 " +
			"(the default on Debian, Ubuntu and RHEL) refuses to load them: nginx fails with \"ee key too small\" " +
			"or \"ca md too weak\"; OpenSSL 3 rates SHA-1 below level 1 already.",
		Example: "ssl_certificate legacy-rsa1024.pem;",
		Fix:     "Reissue with RSA 2048+ or ECDSA P-256 and a SHA-256 signature; replace old intermediates with the CA's current ones.",
	}, Check: checkTL307})
}

func checkTL307(p *lint.Pass) {
	book := offer.Of(p)
	for _, s := range book.Served() {
		// each server checks its certificate at its own start-up level
		// (@SECLEVEL in its ssl_ciphers): judge the bundle once per level
		byLevel := map[int]*offer.Served{}
		var levels []int
		for i, l := range s.Users {
			lvl := book.Listener(l).CertLevel
			if l.Product != lint.Nginx {
				lvl = -1 // BIG-IP's tmm is not OpenSSL: no security level refuses it
			}
			g := byLevel[lvl]
			if g == nil {
				g = &offer.Served{Pair: s.Pair, Bundle: s.Bundle, Report: s.Report, Err: s.Err}
				byLevel[lvl] = g
				levels = append(levels, lvl)
			}
			g.Users = append(g.Users, l)
			g.At = append(g.At, s.At[i])
		}
		for _, lvl := range levels {
			judgeWeak(p, byLevel[lvl], lvl, lint.Msgf("nginx does not start"))
		}
	}
	for _, s := range book.Presented() {
		judgeWeak(p, s, book.Upstream(s.Proxies[0]).CertLevel, lint.Msgf("nginx does not start"))
	}
}

// judgeWeak reports the weak certificates of a bundle checked at an OpenSSL
// security level (-1: none, BIG-IP).
func judgeWeak(p *lint.Pass, s *offer.Served, level int, refusal lint.Msg) {
	if s.Report == nil {
		return
	}
	target := certs.LevelOf(p.Target.OpenSSL.WithSecLevel(max(level, 0)))
	for i, c := range s.Report.Certs {
		ws := certs.Weaknesses(c.Certificate, i == 0, target)
		if len(ws) == 0 {
			continue
		}
		sev := lint.Warning
		var what lint.Msg
		for _, w := range ws {
			if w.Rejected {
				sev = lint.Error
			}
			wm := w.Msg()
			if what.IsZero() {
				what = wm
			} else {
				what = lint.Msgf("%s and %s", what, wm)
			}
		}
		msg := lint.Msgf("the %s %s in %s has %s", roleName(c.Role), describe(c), s.Pair.Cert.Value, what)
		switch {
		case sev == lint.Error:
			msg = lint.Join(msg, lint.Msgf(": OpenSSL %d.%d at security level %d refuses it and %s", p.Target.OpenSSL.Major, p.Target.OpenSSL.Minor, level, refusal))
		case level >= 0 && level < p.Target.OpenSSL.SecLevel:
			msg = lint.Join(msg, lint.Msgf("; nginx loads it only because \"@SECLEVEL=%d\" in ssl_ciphers lowers OpenSSL's security level", level))
		}
		p.Report(servedFinding(s, sev, msg))
	}
}
