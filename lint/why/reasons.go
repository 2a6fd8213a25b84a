package why

import (
	"fmt"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// Reasons nginx and BIG-IP word themselves (OpenSSL's reasons are kept as
// OpenSSL spells them: ssl/ssl_err.c, the same text in 1.1.1 and 3.0).
const (
	ReasonPeerClosed     = "peer closed connection in SSL handshake"
	ReasonRejected       = "handshake rejected"
	ReasonNoMatch        = "upstream SSL certificate does not match"
	ReasonPlainHTTP      = "plain HTTP request sent to HTTPS port"
	ReasonBigIPHandshake = "SSL Handshake failed"
)

// cause is what a reason means and which rules describe a configuration
// that produces it, most specific first, per side of the connection.
type cause struct {
	client, upstream []string
	// hint for a line that no finding explains: %[1]s is the peer or
	// listening address, %[2]s the side's object ("the backend", "the
	// listener").
	hint lint.Msg
	// knob names the listener setting the reason is about, quoted in an
	// unexplained line's hint: lint.Msgf("protocols"), "ciphers", "groups".
	knob string
}

// causes maps a reason (or a substring of it, see lookup) to the rules
// whose failure mode produces it. Verified here with nginx 1.22.1 and
// OpenSSL 3.0 where fixtures/why/nginx/error.log shows the line; the rest
// from OpenSSL's state machines (ssl/statem) and F5's articles.
var causes = []struct {
	match string
	cause
}{
	// TLS towards a plain port: the server's reply is no TLS record.
	// OpenSSL ≥ 3.2 says "packet length too long" for an HTTP reply;
	// "unknown protocol" is 1.0.x's SSLv23 wording.
	{"wrong version number", cause{client: []string{"TL202", "TL201"}, upstream: []string{"TL101", "TL202"},
		hint: lint.Msgf("%[1]s does not speak TLS on that port: check what listens there, or the port the config names")}},
	{"packet length too long", cause{client: []string{"TL202"}, upstream: []string{"TL101", "TL202"},
		hint: lint.Msgf("%[1]s answered with something other than TLS: check what listens there")}},
	{"unknown protocol", cause{client: []string{"TL202", "TL201"}, upstream: []string{"TL101", "TL202"},
		hint: lint.Msgf("%[1]s does not speak TLS on that port")}},
	{"not SSL", cause{client: []string{"TL201", "TL102"}, upstream: []string{"TL101", "TL202"},
		hint: lint.Msgf("the peer of %[1]s sent no TLS: a plain client on a TLS virtual, or a plain pool member")}},
	// plain HTTP into a TLS port: OpenSSL SSL_R_HTTP_REQUEST, nginx's
	// http module answers it with 400 itself.
	{"http request", cause{client: []string{"TL201", "TL102"}, upstream: []string{"TL102"},
		hint: lint.Msgf("a client sent plain HTTP to %[1]s, a TLS port: a plain proxy or a health check outside this config, or a typo'd http:// URL")}},
	{ReasonPlainHTTP, cause{client: []string{"TL201", "TL102"},
		hint: lint.Msgf("a client sent plain HTTP to %[1]s, a TLS port: a plain proxy or a health check outside this config, or a typo'd http:// URL")}},
	// SNI
	{"unrecognized name", cause{client: []string{"TL103", "TL104", "TL205", "TL210"}, upstream: []string{"TL103", "TL104"},
		hint: lint.Msgf("%[1]s refuses the server name it was sent (or none): check proxy_ssl_server_name / proxy_ssl_name against the names it serves")}},
	{ReasonRejected, cause{client: []string{"TL103", "TL104", "TL205", "TL210"},
		hint: lint.Msgf("ssl_reject_handshake at %[1]s refused a client that sent no known server name: a client without SNI, or one asking for a name no server here serves")}},
	// versions
	{"unsupported protocol", cause{client: []string{"TL205", "TL204", "TL107"}, upstream: []string{"TL107", "TL204", "TL205"},
		hint: lint.Msgf("the two sides share no protocol version at %[1]s: a client older (or newer) than ssl_protocols allows"), knob: "protocols"}},
	{"alert protocol version", cause{client: []string{"TL205", "TL204", "TL107"}, upstream: []string{"TL107", "TL204", "TL205"},
		hint: lint.Msgf("the peer of %[1]s accepts none of the offered protocol versions: check its minimum version against proxy_ssl_protocols"), knob: "protocols"}},
	{"unsupported version", cause{client: []string{"TL205", "TL204", "TL107"}, upstream: []string{"TL107", "TL204", "TL205"},
		hint: lint.Msgf("the two sides share no protocol version at %[1]s"), knob: "protocols"}},
	{"version too low", cause{client: []string{"TL205", "TL204"}, upstream: []string{"TL107", "TL204"},
		hint: lint.Msgf("the peer of %[1]s offered only versions below the minimum allowed")}},
	{"no protocols available", cause{client: []string{"TL205", "TL204"}, upstream: []string{"TL107", "TL204"},
		hint: lint.Msgf("no protocol version is both enabled and allowed by the security level at %[1]s")}},
	{"inappropriate fallback", cause{client: []string{"TL205", "TL204"}, upstream: []string{"TL107"},
		hint: lint.Msgf("a client retried %[1]s with a lower version (TLS_FALLBACK_SCSV): its first attempt failed for another reason")}},
	{"TLS_FALLBACK_SCSV", cause{client: []string{"TL205", "TL204"}, upstream: []string{"TL107"},
		hint: lint.Msgf("a client retried %[1]s with a lower version (TLS_FALLBACK_SCSV): its first attempt failed for another reason")}},
	// suites and groups
	{"no shared cipher", cause{client: []string{"TL205", "TL310", "TL108"}, upstream: []string{"TL108", "TL310", "TL205"},
		hint: lint.Msgf("the two sides share no cipher suite at %[1]s: compare the peer's suites with the cipher string"), knob: "ciphers"}},
	{"no ciphers available", cause{client: []string{"TL207", "TL205"}, upstream: []string{"TL207", "TL108"},
		hint: lint.Msgf("nothing is left of the cipher string for the versions in use at %[1]s")}},
	{"alert handshake failure", cause{client: []string{"TL205", "TL208", "TL310"}, upstream: []string{"TL108", "TL107", "TL103", "TL208"},
		hint: lint.Msgf("the peer of %[1]s refused the handshake without saying why: compare versions, suites, groups and its SNI requirements")}},
	{"no suitable key share", cause{client: []string{"TL208", "TL205"}, upstream: []string{"TL208"},
		hint: lint.Msgf("the client's TLS 1.3 key shares and the groups allowed at %[1]s (ssl_ecdh_curve) have none in common"), knob: "groups"}},
	{"no shared group", cause{client: []string{"TL208", "TL205"}, upstream: []string{"TL208"},
		hint: lint.Msgf("no key-exchange group in common at %[1]s: check ssl_ecdh_curve / dh-groups"), knob: "groups"}},
	{"bad key share", cause{
		hint: lint.Msgf("a malformed TLS 1.3 key share from the client of %[1]s or a middlebox rewriting the ClientHello: not a server setting")}},
	{"no common signature algorithms", cause{client: []string{"TL310", "TL307", "TL205"}, upstream: []string{"TL310", "TL108"},
		hint: lint.Msgf("no signature algorithm fits both the certificate at %[1]s and the peer")}},
	{"dh key too small", cause{client: []string{"TL209"}, upstream: []string{"TL209"},
		hint: lint.Msgf("DH parameters under the peer's minimum at %[1]s")}},
	// certificates: what the other side said about ours
	{"alert unknown ca", cause{client: []string{"TL301", "TL309", "TL302"}, upstream: []string{"TL301", "TL309"},
		hint: lint.Msgf("the peer of %[1]s does not trust the certificate's issuer: a private CA its clients lack, or a missing intermediate")}},
	{"alert certificate expired", cause{client: []string{"TL303"}, upstream: []string{"TL303"},
		hint: lint.Msgf("the peer of %[1]s saw an expired certificate: check the deployed file, not only the config")}},
	{"alert bad certificate", cause{client: []string{"TL301", "TL305", "TL309", "TL302", "TL307"}, upstream: []string{"TL301", "TL309"},
		hint: lint.Msgf("the peer of %[1]s rejected a certificate: name, chain or key size")}},
	{"alert certificate unknown", cause{client: []string{"TL305", "TL301", "TL309", "TL303"}, upstream: []string{"TL305", "TL301", "TL309"},
		hint: lint.Msgf("the peer of %[1]s rejected the certificate (Java clients say this for a name mismatch too)")}},
	{"alert unsupported certificate", cause{client: []string{"TL310", "TL307"}, upstream: []string{"TL310"},
		hint: lint.Msgf("the peer of %[1]s cannot use the certificate's key type or signature")}},
	{"certificate verify failed", cause{client: []string{"TL301", "TL303", "TL305", "TL309"}, upstream: []string{"TL301", "TL303", "TL305", "TL309", "TL106"},
		hint: lint.Msgf("the certificate of %[1]s did not verify: check its chain, dates and names against the trusted CAs")}},
	{ReasonNoMatch, cause{upstream: []string{"TL305", "TL104", "TL103"},
		hint: lint.Msgf("the certificate of %[1]s does not cover the name nginx verifies (proxy_ssl_name, else the proxy_pass host)")}},
	{ReasonPeerClosed, cause{client: []string{"TL301", "TL309", "TL305", "TL303"}, upstream: []string{"TL107", "TL108", "TL103"},
		hint: lint.Msgf("the peer of %[1]s closed the connection mid-handshake without an alert: a client that rejected the certificate silently, a scanner, or a load-balancer health check")}},
	// start-up (nginx refuses the configuration)
	{"key values mismatch", cause{client: []string{"TL306"}, hint: lint.Msgf("the key does not belong to the certificate")}},
	{"No such file or directory", cause{client: []string{"TL308", "TL002"}, hint: lint.Msgf("nginx cannot read a file the config names: check the path on the host (and --map)")}},
	{"ee key too small", cause{client: []string{"TL307"}, hint: lint.Msgf("a certificate key under the security level's minimum")}},
	{"ca md too weak", cause{client: []string{"TL307"}, hint: lint.Msgf("a certificate signed with a digest the security level refuses")}},
	{"no cipher match", cause{client: []string{"TL207"}, hint: lint.Msgf("the cipher string matches no suite on this OpenSSL")}},
	{ReasonBigIPHandshake, cause{client: []string{"TL201", "TL202", "TL205", "TL204", "TL310", "TL208", "TL301", "TL303", "TL305"},
		upstream: []string{"TL101", "TL107", "TL108", "TL103", "TL104"},
		hint:     lint.Msgf("BIG-IP logged no reason for %[1]s: raise the log level of the SSL profiles (db key log.ssl.level) to see the 01260009 line")}},
}

// verifyRules ranks the rules for an X.509 verify error by its number
// (OpenSSL include/openssl/x509_vfy.h, X509_V_ERR_*), for nginx's
// "upstream SSL certificate verify error: (N:…)".
func verifyRules(code int) []string {
	switch code {
	case 18, 19: // DEPTH_ZERO_SELF_SIGNED_CERT, SELF_SIGNED_CERT_IN_CHAIN
		return []string{"TL309", "TL301"}
	case 9, 10: // CERT_NOT_YET_VALID, CERT_HAS_EXPIRED
		return []string{"TL303"}
	case 2, 20, 21: // UNABLE_TO_GET_ISSUER_CERT(_LOCALLY), UNABLE_TO_VERIFY_LEAF_SIGNATURE
		return []string{"TL301", "TL302", "TL309"}
	case 62: // HOSTNAME_MISMATCH
		return []string{"TL305", "TL104", "TL103"}
	}
	return []string{"TL301", "TL303", "TL305", "TL309", "TL302"}
}

// rulesFor returns the rules that can cause an event's reason, most
// specific first, the hint for when none of them explains it, and the
// listener setting the reason is about.
func rulesFor(ev *Event) ([]string, lint.Msg, string) {
	if ev.Detail == "verify" {
		return verifyRules(ev.Code), lint.Msgf("the certificate of %[1]s did not verify (%[2]s): check its chain, dates and names against proxy_ssl_trusted_certificate", ev.Reason), ""
	}
	r := strings.ToLower(ev.Reason)
	for _, c := range causes {
		if strings.Contains(r, strings.ToLower(c.match)) {
			if ev.Side == SideUpstream {
				return c.upstream, c.hint, c.knob
			}
			return c.client, c.hint, c.knob
		}
	}
	if ev.Side == SideStartup {
		return nil, lint.Msgf("nginx refused %[1]s, and the linted configuration has no finding there: is it the file nginx loaded?"), ""
	}
	return nil, lint.Msgf("tlslint knows no configuration cause for this reason at %[1]s: see the peer's own log"), ""
}

// hintFor words an unexplained event's hint: the cause's hint with the
// place (%[1]s) put before its own arguments.
func hintFor(ev *Event, hint lint.Msg) lint.Msg {
	var where any = ev.Peer
	if ev.Side == SideStartup && ev.File != "" {
		where = fmt.Sprintf("%s:%d", ev.File, ev.FileLine)
	}
	if where == "" {
		where = lint.Msgf("the peer")
	}
	if !strings.Contains(hint.Format, "%") {
		return hint // a hint that names no place (fmt would append %!(EXTRA …))
	}
	return lint.Msg{Format: hint.Format, Args: append([]any{where}, hint.Args...)}
}

// ReasonRules lists the reason → rules table (for documentation and
// tests): each reason text with its client-side and upstream-side rules.
func ReasonRules() [][3]string {
	var out [][3]string
	for _, c := range causes {
		out = append(out, [3]string{c.match, strings.Join(c.client, " "), strings.Join(c.upstream, " ")})
	}
	return out
}
