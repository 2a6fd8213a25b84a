package bigip

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// BIG-IP's built-in objects: what a configuration may reference without
// defining it. A UCS or config directory carries the device's own
// profile_base.conf, whose definitions are used as they are; bigip.conf
// alone, an SCF or `tmsh list` output does not, so the facts below stand in
// for it.
//
// Sources:
//   - [pb151]: the profile_base.conf of a BIG-IP 15.1.8.2 device,
//     github.com/f5devcentral/f5-corkscrew
//     tests/archive_generator/archive1/config/profile_base.conf @
//     772493959bf3ef5a357ff0f4b5eec23b0cd7ebbf (the tree's bigip.conf says
//     "#TMSH-VERSION: 15.1.8.2");
//   - [rest1412]: the built-in SSL profiles, cipher rules and groups of a
//     14.1.2.1 device as its REST API lists them, github.com/
//     CiscoTestAutomation/genieparser src/genie/libs/parser/bigip/tests/
//     test_get_ltm_profileclient_ssl.py, test_get_ltm_profileserver_ssl.py,
//     test_get_ltm_cipherrule.py, test_get_ltm_ciphergroup.py @
//     a1e5cbf7999344d66199a22a2f9643d7daa8104d;
//   - [grf5]: the 11.x/12.x built-in cipher strings listed in
//     github.com/grf5/f5_ssl_cipher_report README @
//     7da001ba4e9b53f3e858cce7e723ecd7cc5f8650;
//   - [list1412]: `tmsh list` output of a custom client-ssl profile on
//     14.1.2, which prints the attributes profile_base.conf leaves implicit
//     (cipher-group none, server-name none, sni-default false, sni-require
//     false, ocsp-stapling disabled), github.com/f5devcentral/
//     f5-automation-config-converter test/engines/as3Converter/
//     service_https/service_https9.conf.
//
// Where the sources disagree across versions, a line carries the versions
// it applies to and --bigip-version (Target.BigIP) selects.

// builtinLine is one attribute of a built-in profile, as tmsh writes it,
// for the versions [since, until) (zero values: unbounded).
type builtinLine struct {
	since, until lint.ProductVersion
	text         string
}

// builtinSSL is a built-in client-ssl or server-ssl profile, limited to the
// attributes tlslint reads.
type builtinSSL struct {
	name   string // in /Common
	typ    string // "client-ssl" or "server-ssl"
	parent string // defaults-from, in /Common; "" for the root of the type
	since  lint.ProductVersion
	lines  []builtinLine
}

var (
	v13 = lint.ProductVersion{Major: 13}
	v14 = lint.ProductVersion{Major: 14}
	v15 = lint.ProductVersion{Major: 15}
)

// always is a line that holds for every version.
func always(text string) builtinLine { return builtinLine{text: text} }

const defaultCertKeyChain = `cert-key-chain {
    default {
        cert /Common/default.crt
        chain none
        key /Common/default.key
    }
}`

// The root profiles carry every attribute the model reads, so that a chain
// ending in them always finds a value. `options`: the no-tlsv1.3 flag exists
// from 14.0 (F5's AS3 emits it only for TMOS >= 14.0:
// github.com/F5Networks/f5-appsvcs-extension src/lib/map_as3.js
// updateTlsOptions @ b44d5a039cb95df31cc94408329c27dbd17d47bf) and is in
// the default options of [rest1412] and [pb151]. A recent device (version
// not stated) adds no-dtlsv1.2, which concerns DTLS only
// (shared/data/f5/unknown-16.x-17.x__builtin_cipher_rules_groups.tmconf).
var rootLines = []builtinLine{
	always("ca-file none"),
	always("cipher-group none"),
	always("ciphers DEFAULT"),
	always("mode enabled"),
	{until: v14, text: "options { dont-insert-empty-fragments }"},
	{since: v14, text: "options { dont-insert-empty-fragments no-tlsv1.3 }"},
	always("peer-cert-mode ignore"),
	always("server-name none"),
}

var builtinSSLProfiles = []builtinSSL{
	{name: "clientssl", typ: "client-ssl", lines: append([]builtinLine{
		always(defaultCertKeyChain),
		always("ocsp-stapling disabled"),
		always("sni-default false"),
		always("sni-require false"),
	}, rootLines...)},
	// [grf5] lists "!SSLv2:ALL:!DH:!ADH:!EDH:@SPEED" on 11.x/12.x,
	// [rest1412] and [pb151] "ALL:!DH:!ADH:!EDH:@SPEED"; the release that
	// dropped "!SSLv2:" is not known: 13.0 is assumed.
	{name: "clientssl-insecure-compatible", typ: "client-ssl", parent: "clientssl", lines: []builtinLine{
		{until: v13, text: "ciphers !SSLv2:ALL:!DH:!ADH:!EDH:@SPEED"},
		{since: v13, text: "ciphers ALL:!DH:!ADH:!EDH:@SPEED"},
	}},
	{name: "clientssl-secure", typ: "client-ssl", parent: "clientssl", lines: []builtinLine{
		always("ciphers ecdhe:rsa:!sslv3:!rc4:!exp:!des"),
		always("options { no-ssl }"),
	}},
	{name: "crypto-server-default-clientssl", typ: "client-ssl", parent: "clientssl", lines: []builtinLine{
		always("ciphers DHE-RSA-AES256-GCM-SHA384"),
	}},
	{name: "splitsession-default-clientssl", typ: "client-ssl", parent: "clientssl"},
	{name: "wom-default-clientssl", typ: "client-ssl", parent: "clientssl"},
	// clientssl-quic, serverssl-secure and the cloud profiles are in
	// [pb151] and not in [rest1412]: the release that added them is not
	// established; 15.0 is assumed so that no 15.x configuration gets a
	// false "not built in".
	{name: "clientssl-quic", typ: "client-ssl", parent: "clientssl", since: v15, lines: []builtinLine{
		always("cipher-group /Common/f5-quic"),
		always("ciphers none"),
		always("options { dont-insert-empty-fragments no-ssl no-dtls no-tlsv1.1 no-tlsv1.2 no-tlsv1 }"),
	}},

	{name: "serverssl", typ: "server-ssl", lines: append([]builtinLine{
		always("authenticate-name none"),
		always("cert none"),
		always("chain none"),
		always("key none"),
	}, rootLines...)},
	{name: "apm-default-serverssl", typ: "server-ssl", parent: "serverssl", lines: []builtinLine{
		always("ca-file /Common/ca-bundle.crt"),
		always("peer-cert-mode require"),
	}},
	{name: "serverssl-insecure-compatible", typ: "server-ssl", parent: "serverssl", lines: []builtinLine{
		{until: v13, text: "ciphers !SSLv2:!EXPORT:!DH:RSA+RC4:RSA+AES:RSA+DES:RSA+3DES:ECDHE+AES:ECDHE+3DES:@SPEED"},
		{since: v13, text: "ciphers !EXPORT:!DH:RSA+RC4:RSA+AES:RSA+DES:RSA+3DES:ECDHE+AES:ECDHE+3DES:@SPEED"},
	}},
	{name: "crypto-client-default-serverssl", typ: "server-ssl", parent: "serverssl", lines: []builtinLine{
		always("ciphers DHE-RSA-AES256-GCM-SHA384"),
	}},
	{name: "pcoip-default-serverssl", typ: "server-ssl", parent: "serverssl", lines: []builtinLine{
		always("server-name pcoip-default-sni"),
	}},
	{name: "splitsession-default-serverssl", typ: "server-ssl", parent: "serverssl", lines: []builtinLine{
		always("cert /Common/default.crt"),
		always("key /Common/default.key"),
	}},
	// "mode disabled": the profile does no SSL at all.
	{name: "wom-default-serverssl", typ: "server-ssl", parent: "serverssl", lines: []builtinLine{
		always("cert /Common/default.crt"),
		always("key /Common/default.key"),
		always("mode disabled"),
	}},
	{name: "serverssl-secure", typ: "server-ssl", parent: "serverssl", since: v15, lines: []builtinLine{
		always("cipher-group /Common/f5-secure"),
		always("ciphers none"),
		always("options { no-ssl }"),
	}},
	{name: "cloud-service-default-ssl", typ: "server-ssl", parent: "serverssl-secure", since: v15, lines: []builtinLine{
		always("authenticate-name *.idservice.net"),
		always("ca-file /Common/ca-bundle.crt"),
		always("peer-cert-mode require"),
	}},
	{name: "f5aas-default-ssl", typ: "server-ssl", parent: "serverssl-secure", since: v15, lines: []builtinLine{
		always("authenticate-name *.f5aas.com"),
		always("ca-file /Common/ca-bundle.crt"),
		always("peer-cert-mode require"),
	}},
	{name: "shape-api-ssl", typ: "server-ssl", parent: "serverssl", since: v15, lines: []builtinLine{
		always("server-name bf.shpapi.com"),
	}},
}

// rootProfile is the profile a client-ssl or server-ssl profile inherits
// from when its text names none (an excerpt that left defaults-from out):
// BIG-IP itself creates every profile with defaults-from set, to these by
// default.
var rootProfile = map[string]string{
	"client-ssl": "/Common/clientssl",
	"server-ssl": "/Common/serverssl",
}

// builtinSource renders the built-in SSL profiles that exist on version v as
// tmsh text, which the loader parses like any other input.
func builtinSource(v lint.ProductVersion) []byte {
	var b strings.Builder
	for _, p := range builtinSSLProfiles {
		if !inRange(v, p.since, lint.ProductVersion{}) {
			continue
		}
		b.WriteString("ltm profile " + p.typ + " /Common/" + p.name + " {\n")
		if p.parent != "" {
			b.WriteString("    defaults-from /Common/" + p.parent + "\n")
		}
		for _, l := range p.lines {
			if !inRange(v, l.since, l.until) {
				continue
			}
			for _, line := range strings.Split(l.text, "\n") {
				b.WriteString("    " + line + "\n")
			}
		}
		b.WriteString("}\n")
	}
	return []byte(b.String())
}

// inRange reports whether v is in [since, until); zero bounds are open.
func inRange(v, since, until lint.ProductVersion) bool {
	zero := lint.ProductVersion{}
	if since != zero && !v.AtLeast(since.Major, since.Minor, since.Patch) {
		return false
	}
	if until != zero && v.AtLeast(until.Major, until.Minor, until.Patch) {
		return false
	}
	return true
}

// builtinProfileTypes are the other built-in profiles, by name (in /Common),
// with their type: what a virtual server may list in profiles { } without
// the configuration defining it. From [pb151] (profile_base.conf and
// low_profile_base.conf), plus the APM profiles BIG-IP attaches with an
// access policy (rba, websso, ppp, antifraud: defined in APM's own base
// configuration, not in profile_base.conf; seen as `/Common/rba { }` in the
// profiles of APM virtual servers in public tmsh configurations).
var builtinProfileTypes = map[string]string{
	"access-logonpage-protection-connector": "connector",
	"access-logonpage-protection-service":   "service",
	"analytics":                             "analytics",
	"antifraud":                             "apm",
	"apm-enduser-if-cache":                  "web-acceleration",
	"apm-forwarding-client-tcp":             "tcp",
	"apm-forwarding-fastL4":                 "fastl4",
	"apm-forwarding-server-tcp":             "tcp",
	"certificateauthority":                  "certificate-authority",
	"classification":                        "classification",
	"classification_apm_swg":                "classification",
	"classification_pem":                    "classification",
	"clientldap":                            "client-ldap",
	"connector":                             "connector",
	"dhcpv4":                                "dhcpv4",
	"dhcpv4_fwd":                            "dhcpv4",
	"dhcpv6":                                "dhcpv6",
	"dhcpv6_fwd":                            "dhcpv6",
	"diameter":                              "diameter",
	"dns":                                   "dns",
	"dns-acceleration":                      "dns-acceleration",
	"f5-tcp-lan":                            "tcp",
	"f5-tcp-mobile":                         "tcp",
	"f5-tcp-progressive":                    "tcp",
	"f5-tcp-wan":                            "tcp",
	"fastL4":                                "fastl4",
	"fasthttp":                              "fasthttp",
	"fix":                                   "fix",
	"ftp":                                   "ftp",
	"full-acceleration":                     "fastl4",
	"gtp":                                   "gtp",
	"html":                                  "html",
	"http":                                  "http",
	"http-explicit":                         "http",
	"http-proxy-connect":                    "http-proxy-connect",
	"http-transparent":                      "http",
	"http2":                                 "http2",
	"http3":                                 "http3",
	"httpcompression":                       "http-compression",
	"httprouter":                            "httprouter",
	"icap":                                  "icap",
	"ilx":                                   "ilx",
	"imap":                                  "imap",
	"ipother":                               "ipother",
	"ipsecalg":                              "ipsecalg",
	"mapt":                                  "map-t",
	"mptcp-mobile-optimized":                "tcp",
	"mqtt":                                  "mqtt",
	"nat-stats":                             "nat-stats",
	"netflow":                               "netflow",
	"oneconnect":                            "one-connect",
	"optimized-acceleration":                "web-acceleration",
	"optimized-caching":                     "web-acceleration",
	"pcp":                                   "pcp",
	"pop3":                                  "pop3",
	"ppp":                                   "apm",
	"pptp":                                  "pptp",
	"qoe":                                   "qoe",
	"quic":                                  "quic",
	"radiusLB":                              "radius",
	"radiusLB-subscriber-aware":             "radius",
	"rba":                                   "apm",
	"request-log":                           "request-log",
	"requestadapt":                          "request-adapt",
	"responseadapt":                         "response-adapt",
	"rewrite":                               "rewrite",
	"rewrite-portal":                        "rewrite",
	"rewrite-uri-translation":               "rewrite",
	"rtsp":                                  "rtsp",
	"sctp":                                  "sctp",
	"security-fastL4":                       "fastl4",
	"serverldap":                            "server-ldap",
	"service":                               "service",
	"sip":                                   "sip",
	"smtps":                                 "smtps",
	"socks":                                 "socks",
	"splitsession-default-tcp":              "tcp",
	"splitsessionclient":                    "splitsessionclient",
	"splitsessionserver":                    "splitsessionserver",
	"stats":                                 "statistics",
	"stream":                                "stream",
	"tcp":                                   "tcp",
	"tcp-analytics":                         "tcp-analytics",
	"tcp-lan-optimized":                     "tcp",
	"tcp-legacy":                            "tcp",
	"tcp-mobile-optimized":                  "tcp",
	"tcp-wan-optimized":                     "tcp",
	"tftp":                                  "tftp",
	"traffic-acceleration":                  "traffic-acceleration",
	"udp":                                   "udp",
	"udp_decrement_ttl":                     "udp",
	"udp_gtm_dns":                           "udp",
	"udp_preserve_ttl":                      "udp",
	"wan-optimized-compression":             "http-compression",
	"webacceleration":                       "web-acceleration",
	"websecurity":                           "web-security",
	"websocket":                             "websocket",
	"wom-tcp-lan-optimized":                 "tcp",
	"wom-tcp-wan-optimized":                 "tcp",
	"xml":                                   "xml",
}

// builtinFiles are the `sys file ssl-cert` and `ssl-key` objects every
// device has, with the system-path [pb151] gives them.
var builtinFiles = map[string]string{
	"/Common/default.crt":      "/config/ssl/ssl.crt/default.crt",
	"/Common/default.key":      "/config/ssl/ssl.key/default.key",
	"/Common/ca-bundle.crt":    "/config/ssl/ssl.crt/ca-bundle.crt",
	"/Common/f5-ca-bundle.crt": "/config/ssl/ssl.crt/f5-ca-bundle.crt",
	"/Common/f5-irule.crt":     "/config/ssl/ssl.crt/f5-irule.crt",
}

// builtinRule reports whether an iRule name is one of BIG-IP's own: they are
// named /Common/_sys_… ([pb151] defines _sys_https_redirect, _sys_auth_*,
// _sys_APM_*; other modules add their own).
func builtinRule(full string) bool { return strings.HasPrefix(full, "/Common/_sys_") }

// builtinCipherName reports whether a cipher rule or group name is reserved
// for BIG-IP's pre-built ones: "Never include the prefix f5- in a cipher
// rule name. This prefix is reserved for pre-built cipher rules only."
// (BIG-IP 15.0 SSL administration manual, "Common elements for ciphers",
// techdocs.f5.com/en-us/bigip-15-0-0/big-ip-system-ssl-administration/
// common-elements-for-ciphers.html).
func builtinCipherName(full string) bool { return strings.HasPrefix(full, "/Common/f5-") }

// builtinCipherRules are the cipher strings of the pre-built cipher rules
// (and so of the pre-built groups, each of which allows the rule of its own
// name), used only to tell which protocol versions a group can offer; the
// model records built-in groups by name and lint/tls/f5 expands them.
// From [rest1412] and a recent device's base configuration
// (shared/data/f5/unknown-16.x-17.x__builtin_cipher_rules_groups.tmconf);
// only f5-secure differs (TLSV1_3 appended on the recent one), which does
// not change the protocol switches read here.
var builtinCipherRules = map[string]string{
	"/Common/f5-default": "DEFAULT",
	"/Common/f5-aes":     "AES-GCM:AES",
	"/Common/f5-ecc":     "ECDHE:ECDHE_ECDSA",
	"/Common/f5-secure":  "ECDHE:RSA:ECDHE_ECDSA:!SSLV3:!RC4:!EXP:!DES:!3DES",
	"/Common/f5-hw_keys": "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-CBC-SHA:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES256-SHA256" +
		":DHE-RSA-AES256-SHA:ECDH-RSA-AES256-GCM-SHA384:ECDH-RSA-AES256-SHA384:ECDH-RSA-AES256-SHA:AES256-GCM-SHA384" +
		":AES256-SHA256:AES256-SHA:ECDHE-RSA-DES-CBC3-SHA:DHE-RSA-DES-CBC3-SHA:ECDH-RSA-DES-CBC3-SHA" +
		":DES-CBC3-SHA:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES128-CBC-SHA:DHE-RSA-AES128-GCM-SHA256" +
		":DHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA:ECDH-RSA-AES128-GCM-SHA256:ECDH-RSA-AES128-SHA256:ECDH-RSA-AES128-SHA" +
		":AES128-GCM-SHA256:AES128-SHA256:AES128-SHA:RC4-SHA:RC4-MD5" +
		":DHE-RSA-DES-CBC-SHA:DHE-RSA-CAMELLIA256-SHA:CAMELLIA256-SHA:DHE-RSA-CAMELLIA128-SHA:!TLSv1" +
		":!TLSv1_1:!SSLv3:!DTLSv1",
	"/Common/f5-quic":    "TLS13-AES128-GCM-SHA256:TLS13-AES256-GCM-SHA384",
	"/Common/f5-fips":    "fips",
	"/Common/f5-cc-stip": "CC_STIP",
}
