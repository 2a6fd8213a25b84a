package rules

import (
	"github.com/tlslint/tlslint/lint/certs"
	"github.com/tlslint/tlslint/lint/offer"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL209", Name: "weak-dh-params", Severity: lint.Error,
		Formats:      []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		SeverityNote: "error at OpenSSL security level 2 or more (nginx refuses to start: \"dh key too small\"), warning below",
		Summary:      "DHE suites are enabled with DH parameters under 2048 bits",
		Why: "DH groups under 2048 bits are within reach of precomputation attacks (Logjam, weakdh.org). OpenSSL " +
			"3 at security level 2 refuses to load them at all: nginx fails to start with \"SSL_CTX_set0_tmp_dh_pkey() " +
			"failed (... dh key too small)\". Without ssl_dhparam nginx offers no DHE suites, which is not a finding.",
		Example:    "ssl_dhparam /etc/nginx/dhparam-1024.pem;",
		Fix:        "Use the RFC 7919 ffdhe2048 group (openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048), or drop DHE suites and ssl_dhparam.",
		References: []string{"https://weakdh.org/", "https://www.rfc-editor.org/rfc/rfc7919"},
	}, Check: checkTL209})
}

func checkTL209(p *lint.Pass) {
	mg := newMerger(p)
	for _, l := range p.Model.Listeners {
		pol := l.Policy
		if !l.TLS() || pol == nil || pol.Product != lint.Nginx || pol.DHParam.Value == "" || pol.DHBits == 0 || pol.DHBits >= 2048 {
			continue
		}
		o := offer.Of(p).Listener(l)
		dhe := len(o.DHESuites())
		sev := lint.Warning
		msg := lint.Msgf("ssl_dhparam %q has %d-bit parameters: the %d DHE suites enabled use a group within reach of precomputation attacks (Logjam)", pol.DHParam.Value, pol.DHBits, dhe)
		// nginx sets ssl_ciphers before ssl_dhparam: an "@SECLEVEL=n" there
		// decides (SSL_CTX_set0_tmp_dh_pkey checks the group against it)
		if level := certs.LevelOf(p.Target.OpenSSL.WithSecLevel(o.DHLevel)); !level.Accepts(certs.DHSecurityBits(pol.DHBits, level.Legacy)) {
			sev = lint.Error
			msg = lint.Msgf("ssl_dhparam %q has %d-bit parameters: OpenSSL %d.%d at security level %d refuses them, nginx does not start (\"dh key too small\")", pol.DHParam.Value, pol.DHBits, p.Target.OpenSSL.Major, p.Target.OpenSSL.Minor, o.DHLevel)
		} else if dhe == 0 {
			continue
		} else if o.DHLevel < p.Target.OpenSSL.SecLevel {
			msg = lint.Join(msg, lint.Msgf("; nginx starts only because \"@SECLEVEL=%d\" in ssl_ciphers lowers OpenSSL's security level", o.DHLevel))
		}
		f := lint.Finding{Severity: sev, Pos: pol.DHParam.Origin.WrittenAt(l.TLSAt()), Subject: l.Subject, Msg: msg}
		mg.add(f, appliesAt(l.TLSAt(), l.Subject))
	}
	mg.flush()
}
