package offer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tlslint/tlslint/lint/tls"
)

// Text renders the offer in a stable, normalized form, one fact a line, so
// two offers can be compared with a line diff (tlslint drift): equal
// behaviour written differently renders the same (suites as the target
// expands them, versions as a set, groups by their canonical names), and
// nothing that differs by design (certificate serials, dates, positions)
// appears. Suites keep the server's order: it decides what is negotiated.
func (o *Offer) Text() string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	if o.CipherErr != nil {
		line("ciphers: unusable (%v)", o.CipherErr)
	}
	line("protocols: %s", versionsText(o.Versions.Value))
	for _, v := range o.Negotiable.List() {
		var names []string
		if v == tls.TLS13 {
			names = suiteList(o.TLS13)
		} else {
			names = suiteList(o.Usable(v))
		}
		line("%s suites:", v)
		for _, n := range names {
			line("  %s", n)
		}
	}
	if len(o.Groups) > 0 {
		var gs []string
		for _, g := range o.Groups {
			gs = append(gs, g.Name)
		}
		line("groups: %s", strings.Join(gs, " "))
	}
	if o.DHBits > 0 {
		line("dhe: %d-bit parameters", o.DHBits)
	}
	if o.Side == Listening {
		pref := "client"
		if o.PreferServer {
			pref = "server"
		}
		line("suite preference: %s", pref)
		var certs []string
		for _, c := range o.Certs {
			certs = append(certs, fmt.Sprintf("%s %d, signed with %s", c.Key, c.Bits, c.Sig))
		}
		sort.Strings(certs)
		for _, c := range certs {
			line("certificate: %s", c)
		}
		if o.RequiresSNI {
			line("sni: required (clients without SNI are rejected)")
		}
	}
	if o.Side == Connecting {
		switch {
		case o.SendsSNI && o.SNIName != "":
			line("sni: sends %s", o.SNIName)
		case o.SendsSNI:
			line("sni: sends the target's host name")
		default:
			line("sni: none")
		}
		if o.Verify {
			line("verify: on (trust %s)", o.Trusted)
		} else {
			line("verify: off")
		}
	}
	return b.String()
}

func versionsText(s tls.VersionSet) string {
	if s.Empty() {
		return "none"
	}
	return s.String()
}

func suiteList(ss []*tls.Suite) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Name
	}
	return out
}
