package f5

import (
	"slices"
	"strings"
	"sync"

	"github.com/tlslint/tlslint/lint/tls"
)

// defaultDef is what DEFAULT means on a range of releases: either a cipher
// string over NATIVE (11.x, as F5 sol13171 publishes it) or an ordered list
// of suites (12.1 on, as the captures show it: AES128 before AES256 inside
// each key-exchange block, which no keyword order produces, so DEFAULT is a
// predefined list).
type defaultDef struct {
	from, to Version
	str      string   // a cipher string over the release's suites
	list     []string // F5 names, in DEFAULT's order
	source   string
	assumed  string // why this range's DEFAULT is (partly) assumed; "" if observed
}

// default14 is DEFAULT as `tmm --clientciphers DEFAULT` prints it on 14.1
// (likely-14.1.x__DEFAULT.txt, 60 rows), suite by suite.
var default14 = []string{
	"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-CBC-SHA", "ECDHE-RSA-AES128-SHA256",
	"ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-CBC-SHA", "ECDHE-RSA-AES256-SHA384",
	"AES128-GCM-SHA256", "AES128-SHA", "AES128-SHA256",
	"AES256-GCM-SHA384", "AES256-SHA", "AES256-SHA256",
	"CAMELLIA128-SHA", "CAMELLIA256-SHA",
	"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES128-SHA256",
	"ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-AES256-SHA", "ECDHE-ECDSA-AES256-SHA384",
	"DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES128-SHA", "DHE-RSA-AES128-SHA256",
	"DHE-RSA-AES256-GCM-SHA384", "DHE-RSA-AES256-SHA", "DHE-RSA-AES256-SHA256",
	"DHE-RSA-CAMELLIA128-SHA", "DHE-RSA-CAMELLIA256-SHA",
	"TLS13-AES128-GCM-SHA256", "TLS13-AES256-GCM-SHA384",
}

// default16 is DEFAULT from 16.0 as reconstructed (A5): the 14.1 list plus
// CHACHA20-POLY1305 at the end of the ECDHE_RSA, ECDHE_ECDSA and DHE-RSA AES
// blocks. With the rows of 16.0 (DTLS1.2 for every TLS1.2 suite, DTLS1 for
// ECDHE_ECDSA CBC, see rowsAt) this gives exactly the 96 rows of the
// 15.x–17.x capture, whose rows 0, 1, 94 and 95 match.
var default16 = func() []string {
	var out []string
	for _, n := range default14 {
		out = append(out, n)
		switch n {
		case "ECDHE-RSA-AES256-SHA384":
			out = append(out, "ECDHE-RSA-CHACHA20-POLY1305-SHA256")
		case "ECDHE-ECDSA-AES256-SHA384":
			out = append(out, "ECDHE-ECDSA-CHACHA20-POLY1305-SHA256")
		case "DHE-RSA-AES256-SHA256":
			out = append(out, "DHE-RSA-CHACHA20-POLY1305-SHA256")
		}
	}
	return out
}()

const (
	default110  = "NATIVE:!MD5:!EXPORT:!DES:@SPEED"
	default1121 = "NATIVE:!MD5:!EXPORT:!DES:!DHE:!EDH:@SPEED"
	sol13171    = "F5 sol13171 (support.f5.com/kb/en-us/solutions/public/13000/100/sol13171.html, 2013 revision)"
)

// defaults is DEFAULT per release range, oldest first, covering Oldest to
// Newest without gaps (TestDefaultTableCovers).
var defaults = []defaultDef{
	{from: Version{11, 0}, to: Version{11, 1}, str: default110, source: sol13171},
	{from: Version{11, 2}, to: Version{11, 3}, str: default1121, source: sol13171,
		assumed: "11.2.0 had the 11.0 DEFAULT (without !DHE:!EDH); minor versions cannot tell 11.2.0 from 11.2.1, so 11.2 takes the 11.2.1 one"},
	{from: Version{11, 4}, to: Version{12, 0}, str: default1121, source: sol13171 + " for 11.2.1–11.3.0",
		assumed: "K13156 (DEFAULT per release) is not available; the 11.2.1 definition is assumed to hold until 12.1"},
	{from: Version{12, 1}, to: Version{13, 1}, list: default14, source: "unknown-12.1+__DEFAULT__PARTIAL-first20.txt (rows 0–19) and the 14.1 list",
		assumed: "only the first 20 rows of a 12.1+ capture are known (same order as 14.1); the rest is assumed to be the 14.1 list without TLS 1.3"},
	{from: Version{14, 0}, to: Version{14, 0}, list: default14, source: "likely-14.1.x__DEFAULT.txt",
		assumed: "no 14.0 capture; the 14.1 DEFAULT is assumed"},
	{from: Version{14, 1}, to: Version{14, 1}, list: default14, source: "likely-14.1.x__DEFAULT.txt (60 rows, version inferred as 14.1.x, A1)"},
	{from: Version{15, 0}, to: Version{15, 1}, list: default14, source: "likely-14.1.x__DEFAULT.txt",
		assumed: "no 15.x capture; the 14.1 DEFAULT is assumed (CHACHA20 and DTLS 1.2 are placed at 16.0)"},
	{from: Version{16, 0}, to: Newest, list: default16, source: "unknown-15.x-17.x__DEFAULT__PARTIAL-rows-0-1-94-95.txt (rows 0, 1, 94, 95 of 96)",
		assumed: "only rows 0, 1, 94, 95 of 96 are known; rows 2–93 are reconstructed as the 14.1 list plus CHACHA20-POLY1305 with DTLS rows (see default16)"},
}

func defaultFor(v Version) defaultDef {
	for _, d := range defaults {
		if within(v, d.from, d.to) {
			return d
		}
	}
	return defaults[len(defaults)-1]
}

// DefaultOptions returns the `options` of the built-in clientssl and
// serverssl profiles of release v, which a profile inherits when it sets
// none: `dont-insert-empty-fragments no-tlsv1.3` on 14.1.2.1 (REST dump) and
// 15.1.8.2 (profile_base.conf in ../shared/corpus/bigip), plus
// `no-dtlsv1.2` on the recent dump (taken from 16.0, with DTLS 1.2).
// Before 14.0 there was no TLS 1.3 and only `dont-insert-empty-fragments`
// is assumed (A18).
func DefaultOptions(v Version) []string {
	v, _ = normalize(v)
	switch {
	case v.AtLeast(16, 0):
		return []string{"dont-insert-empty-fragments", "no-tlsv1.3", "no-dtlsv1.2"}
	case v.AtLeast(14, 0):
		return []string{"dont-insert-empty-fragments", "no-tlsv1.3"}
	}
	return []string{"dont-insert-empty-fragments"}
}

// OptionsProtocols returns the protocol versions an SSL profile's `options`
// leave enabled on release v: SSLv3 to TLS 1.2, and TLS 1.3 from 14.0,
// minus no-ssl (SSLv3), no-tlsv1, no-tlsv1.1, no-tlsv1.2, no-tlsv1.3. Other
// options are ignored. The cipher string can only narrow this further
// (Expansion.Protocols).
func OptionsProtocols(options []string, v Version) tls.VersionSet {
	v, _ = normalize(v)
	set := tls.Range(tls.SSLv3, tls.TLS12)
	if v.AtLeast(14, 0) {
		set = set.With(tls.TLS13)
	}
	for _, o := range options {
		switch strings.ToLower(strings.TrimSpace(o)) {
		case "no-ssl", "no-sslv3":
			set = set.Without(tls.SSLv3)
		case "no-tlsv1":
			set = set.Without(tls.TLS10)
		case "no-tlsv1.1":
			set = set.Without(tls.TLS11)
		case "no-tlsv1.2":
			set = set.Without(tls.TLS12)
		case "no-tlsv1.3":
			set = set.Without(tls.TLS13)
		}
	}
	return set
}

// DefaultProtocols returns the protocol versions a client-ssl or server-ssl
// profile negotiates on release v when it sets neither `options` nor
// `ciphers`: what the built-in options leave enabled (DefaultOptions) and
// DEFAULT has rows for. TLS 1.3 is off from 14.0 (no-tlsv1.3, and it needs a
// cipher group anyway), SSLv3 is off from 12.1 because DEFAULT has no SSL3
// rows (it was on in 11.x, whose DEFAULT was NATIVE minus a few classes).
// For a profile that sets `ciphers`, intersect OptionsProtocols with the
// expansion's Protocols instead.
func DefaultProtocols(v Version) tls.VersionSet {
	return OptionsProtocols(DefaultOptions(v), v).Intersect(Expand("DEFAULT", v).Protocols)
}

// DefaultFact is what one range of releases' built-in DEFAULT enables.
type DefaultFact struct {
	From, To   Version
	Definition string         // the cipher string DEFAULT stands for, or "list" when it is a predefined list
	Options    []string       // the built-in profiles' options (DefaultOptions)
	Protocols  tls.VersionSet // DefaultProtocols
	Suites     int            // distinct suites DEFAULT lists
	Rows       int            // rows `tmm --clientciphers DEFAULT` prints
	TLS13      []string       // TLS 1.3 suites DEFAULT lists (usable only through a cipher group)
	Source     string
	Assumed    string // what is assumed about this range ("" if observed)
}

// DefaultTable lists, per release range, what DEFAULT enables.
func DefaultTable() []DefaultFact { return slices.Clone(defaultTable()) }

var defaultTable = sync.OnceValue(func() []DefaultFact {
	var out []DefaultFact
	for _, d := range defaults {
		e := Expand("DEFAULT", d.from)
		f := DefaultFact{From: d.from, To: d.to, Definition: d.str, Options: DefaultOptions(d.from),
			Protocols: DefaultProtocols(d.from), Suites: len(e.Suites), Rows: len(e.Rows), Source: d.source, Assumed: d.assumed}
		if d.str == "" {
			f.Definition = "list"
		}
		for _, s := range e.F5 {
			if s.KeyX == "*" {
				f.TLS13 = append(f.TLS13, s.Name)
			}
		}
		out = append(out, f)
	}
	return out
})
