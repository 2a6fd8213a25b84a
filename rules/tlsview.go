package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/clients"
	"github.com/tlslint/tlslint/lint/tls"
	"github.com/tlslint/tlslint/lint/tls/f5"
)

// policyView is a TLS policy made concrete for the target: the suites and
// groups it really offers, ready for the handshake simulation. Computed
// once per (policy, versions, certificates) and shared by every rule.
type policyView struct {
	pol      *lint.TLSPolicy
	exp      *tls.Expansion // nginx: the OpenSSL expansion
	f5       *f5.Expansion  // BIG-IP/AS3: the F5 expansion (cipher string or cipher group)
	err      error          // the cipher string or group cannot be used
	unknown  []string       // names that match nothing
	list     []*tls.Suite   // TLS ≤ 1.2 suites offered, in order
	tls13    []*tls.Suite
	tls13Err error
	groups   []*tls.Group
	grpBad   []string
	grpErr   error
	versions tls.VersionSet
	server   *clients.Server
	noDH     bool // DHE suites dropped: nginx offers none without ssl_dhparam
}

// viewKey identifies a policy by value: the thousand locations of a tree
// that write the same proxy_ssl_* lines share one view (and so one
// expansion and one simulation per client).
type viewKey struct {
	ciphers, tls13, groups string
	tls13Default           bool
	dhparam                bool
	dhBits                 int
	preferServer           bool
	versions               tls.VersionSet
	certs                  string
}

// view returns the concrete view of a policy: OpenSSL's grammar for nginx,
// F5's for BIG-IP and AS3.
func view(p *lint.Pass, pol *lint.TLSPolicy, versions tls.VersionSet, certs []clients.Cert) *policyView {
	if pol == nil {
		return nil
	}
	if pol.Product != lint.Nginx {
		key := f5Key{pol: pol, versions: versions, certs: fmt.Sprint(certs)}
		return p.Memo(key, func() any { return buildF5View(p.Target, pol, versions, certs) }).(*policyView)
	}
	key := viewKey{ciphers: pol.Ciphers.Value, tls13: pol.TLS13.Value, tls13Default: pol.TLS13.Default, groups: pol.Groups.Value,
		dhparam: pol.DHParam.Value != "", dhBits: pol.DHBits, preferServer: pol.PreferServer.Value, versions: versions}
	if len(certs) > 0 {
		key.certs = fmt.Sprint(certs)
	}
	return p.Memo(key, func() any { return buildView(p.Target.OpenSSL, pol, versions, certs) }).(*policyView)
}

func buildView(t tls.OpenSSL, pol *lint.TLSPolicy, versions tls.VersionSet, certs []clients.Cert) *policyView {
	v := &policyView{pol: pol, versions: versions}
	v.exp = tls.Expand(pol.Ciphers.Value, t)
	v.err, v.unknown = v.exp.Err, v.exp.Unknown
	for _, s := range v.exp.List {
		if pol.DHParam.Value == "" && isDHE(s) {
			v.noDH = true
			continue
		}
		if pskOrSRP(s) {
			continue // nginx sets up no PSK or SRP callbacks: these are never negotiated
		}
		v.list = append(v.list, s)
	}
	if pol.TLS13.Default {
		v.tls13 = tls.DefaultCiphersuites(t)
	} else {
		v.tls13, v.tls13Err = tls.ParseCiphersuitesFor(pol.TLS13.Value, t)
	}
	groups := pol.Groups.Value
	if groups == "" {
		groups = "auto"
	}
	v.groups, v.grpBad, v.grpErr = tls.ParseGroups(groups, t)
	dh := 0
	if pol.DHParam.Value != "" {
		dh = pol.DHBits
		if dh == 0 {
			dh = 2048 // the file could not be read: assume a sound size
		}
	}
	v.server = &clients.Server{Versions: versions, Suites: v.list, TLS13Suites: v.tls13, Groups: v.groups,
		DHBits: dh, PreferServer: pol.PreferServer.Value, Certs: certs, OpenSSL: t}
	return v
}

type f5Key struct {
	pol      *lint.TLSPolicy
	versions tls.VersionSet
	certs    string
}

// f5Version is the target BIG-IP release for the f5 package.
func f5Version(t *lint.Target) f5.Version {
	v := t.BigIP
	if v == (lint.ProductVersion{}) {
		v = lint.DefaultBigIP
	}
	return f5.Version{Major: v.Major, Minor: v.Minor}
}

// buildF5View expands a BIG-IP/AS3 policy with F5's grammar: a cipher group
// (its rules resolved; built-in groups and rules from the f5 package) or
// the profile's cipher string. BIG-IP orders suites itself (server
// preference); tmm is not OpenSSL, so no library security level applies.
func buildF5View(t *lint.Target, pol *lint.TLSPolicy, versions tls.VersionSet, certs []clients.Cert) *policyView {
	ver := f5Version(t)
	v := &policyView{pol: pol}
	if g := pol.CipherGroup.Value; g != nil {
		fg := f5.Group{Name: g.Name, Ordering: g.Ordering}
		if len(g.Allow)+len(g.Exclude)+len(g.Require) == 0 {
			if bg, ok := f5.LookupGroup(g.Name, ver); ok {
				fg = bg
			}
		} else {
			conv := func(rs []lint.CipherRule) []f5.Rule {
				var out []f5.Rule
				for _, r := range rs {
					if r.Cipher == "" {
						if br, ok := f5.LookupRule(r.Name, ver); ok {
							out = append(out, br)
							continue
						}
					}
					out = append(out, f5.Rule{Name: r.Name, Cipher: r.Cipher, DHGroups: r.DHGroups, SigAlgs: r.SigAlgs})
				}
				return out
			}
			fg.Allow, fg.Exclude, fg.Require = conv(g.Allow), conv(g.Exclude), conv(g.Require)
		}
		v.f5 = f5.ExpandGroup(fg, ver)
	} else {
		v.f5 = f5.Expand(pol.Ciphers.Value, ver)
	}
	v.err, v.unknown = v.f5.Err, v.f5.Unknown
	v.versions = versions.Intersect(v.f5.Protocols)
	for _, s := range v.f5.Suites {
		if !s.TLS13() {
			v.list = append(v.list, s)
		}
	}
	v.tls13 = v.f5.TLS13
	switch {
	case pol.Groups.Value != "":
		v.groups, v.grpBad, v.grpErr = f5.DHGroups(pol.Groups.Value, ver)
	case len(v.f5.DHGroups) > 0:
		v.groups, v.grpErr = v.f5.DHGroups, v.f5.DHGroupsErr
	default:
		v.groups = f5.DefaultDHGroups(ver)
	}
	v.server = &clients.Server{Versions: v.versions, Suites: v.list, TLS13Suites: v.tls13, Groups: v.groups,
		DHBits: 2048, PreferServer: true, Certs: certs}
	return v
}

func pskOrSRP(s *tls.Suite) bool {
	return strings.Contains(s.Kx, "PSK") || s.Kx == "SRP" || s.Au == "PSK" || s.Au == "SRP"
}

func isDHE(s *tls.Suite) bool { return s.Kx == "DH" && s.Au != "None" || s.Kx == "DHEPSK" }

// effectiveProtocols is what a listener really allows: before nginx
// 1.29.2, OpenSSL fixes the versions before SNI selects a server, so the
// socket's default server's ssl_protocols apply to every server on it.
func effectiveProtocols(t *lint.Target, l *lint.Listener) (lint.Setting[tls.VersionSet], *lint.Listener) {
	if l.Product == lint.Nginx && !t.Nginx.AtLeast(1, 29, 2) {
		for _, b := range l.Binds {
			if b.Socket != nil && b.Socket.TLS && b.Socket.Default != nil && b.Socket.Default.Listener != l && !b.QUIC {
				d := b.Socket.Default.Listener
				if d.Policy != nil {
					return d.Policy.Protocols, d
				}
			}
		}
	}
	return l.Policy.Protocols, l
}

// population is the declared client population.
func population(p *lint.Pass) []*clients.Client {
	return p.Memo("population", func() any {
		cs, err := clients.Select(p.Target.Clients)
		if err != nil {
			cs, _ = clients.Select(nil)
		}
		return cs
	}).([]*clients.Client)
}

// populationName names the population for messages ("the intermediate population").
func populationName(p *lint.Pass) string {
	if len(p.Target.Clients) == 1 {
		if _, ok := clients.Preset(p.Target.Clients[0]); ok {
			return "the " + p.Target.Clients[0] + " population"
		}
	}
	if len(p.Target.Clients) == 0 {
		return "the " + clients.DefaultPreset + " population"
	}
	return "the declared clients"
}

// listenerCerts returns the certificates a listener serves, for the
// simulation; nil (an RSA 2048-bit certificate is assumed) until the
// certificate files are read.
func listenerCerts(p *lint.Pass, l *lint.Listener) []clients.Cert {
	return certFacts(p, l)
}

// tlsListener reports whether a listener's clients are the declared
// population: HTTP(S) listeners. Stream and mail listeners serve other
// clients (databases, mail agents) the browser profiles do not describe.
func tlsListener(l *lint.Listener) bool {
	return l.TLS() && (l.Context == "http" || l.Context == "virtual" || l.Context == "service") && l.Policy != nil && !l.RejectHandshake.Value
}

// listenerAt is where a listener's TLS is switched on: its first
// `listen … ssl`, else the listener itself.
func listenerAt(l *lint.Listener) lint.Pos {
	for _, b := range l.Binds {
		if b.SSL && b.SSLPos.IsValid() {
			return b.SSLPos
		}
	}
	if l.ProfilePos.IsValid() {
		return l.ProfilePos
	}
	return l.Pos
}

// settingAt is where a setting was written, or where its default takes effect.
func settingAt(o lint.Origin, fallback lint.Pos) lint.Pos {
	if o.Pos.IsValid() && !o.Default {
		return o.Pos
	}
	return fallback
}

// chainRelated lists a BIG-IP defaults-from chain as related locations.
func chainRelated(o lint.Origin) []lint.Related {
	var out []lint.Related
	for _, c := range o.Chain {
		out = append(out, lint.Related{Pos: c, Message: "inherited through defaults-from"})
	}
	return out
}

// suiteNames lists suites for messages, shortening long lists.
func suiteNames(ss []*tls.Suite, max int) string {
	var names []string
	for _, s := range ss {
		names = append(names, s.Name)
	}
	if len(names) > max {
		return strings.Join(names[:max], ", ") + fmt.Sprintf(" and %d more", len(names)-max)
	}
	return strings.Join(names, ", ")
}

// clientTable renders TL205's per-client table.
func clientTable(pop []*clients.Client, res []clients.Result) string {
	width := len("client")
	for _, c := range pop {
		width = max(width, len(c.Name))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s  %-6s  %s\n", width, "client", "result", "negotiated, or why it fails")
	for i, c := range pop {
		r := res[i]
		if r.OK {
			g := ""
			if r.Group != nil {
				g = " " + r.Group.Name
			}
			fmt.Fprintf(&b, "%-*s  %-6s  %s %s%s\n", width, c.Name, "ok", r.Version, r.Suite.Name, g)
		} else {
			fmt.Fprintf(&b, "%-*s  %-6s  %s\n", width, c.Name, "FAIL", r.Reason)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// clientNames joins client names for a message.
func clientNames(cs []*clients.Client) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	sort.Strings(names)
	if len(names) > 4 {
		return strings.Join(names[:4], ", ") + fmt.Sprintf(" and %d more", len(names)-4)
	}
	return strings.Join(names, ", ")
}
