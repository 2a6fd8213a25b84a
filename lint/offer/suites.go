package offer

import (
	"errors"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/clients"
	"github.com/tlslint/tlslint/lint/tls"
	"github.com/tlslint/tlslint/lint/tls/f5"
)

// view is a policy's suites made concrete for the target: one per distinct
// policy value, so the thousand locations of a tree that write the same
// proxy_ssl_* lines share one expansion and one simulation per client.
type view struct {
	exp      *tls.Expansion
	f5       *f5.Expansion
	err      error
	unknown  []string
	list     []*tls.Suite
	tls13    []*tls.Suite
	tls13Err error
	tls13Bad []string
	noDH     bool
	// f5 only: the versions the cipher string or group leaves suites for,
	// and the groups it implies.
	f5Versions tls.VersionSet
	f5Groups   []*tls.Group
	f5GrpBad   []string
	f5GrpErr   error
}

// viewKey identifies a policy's suites by value. BIG-IP cipher groups are
// objects (their rules resolved by the loader): keyed by pointer.
type viewKey struct {
	product                lint.Product
	ciphers, tls13, groups string
	tls13Default           bool
	dhparam                bool
	group                  *lint.CipherGroup
	refused                string
}

func keyOf(pol *lint.TLSPolicy) viewKey {
	k := viewKey{product: pol.Product, ciphers: pol.Ciphers.Value, tls13: pol.TLS13.Value, tls13Default: pol.TLS13.Default,
		dhparam: pol.DHParam.Value != "", refused: pol.Ciphers.Refused().String()}
	if pol.Product != lint.Nginx {
		k.group, k.groups = pol.CipherGroup.Value, pol.Groups.Value
	}
	return k
}

func (b *Book) view(pol *lint.TLSPolicy) *view {
	return b.views.get(keyOf(pol), func() *view {
		if pol.Product == lint.Nginx {
			return nginxView(b.t.OpenSSL, pol)
		}
		return f5View(f5Version(b.t), pol)
	})
}

func nginxView(t tls.OpenSSL, pol *lint.TLSPolicy) *view {
	v := &view{}
	if pol.TLS13.Default {
		v.tls13 = tls.DefaultCiphersuites(t)
	} else {
		v.tls13, v.tls13Err = tls.ParseCiphersuitesFor(pol.TLS13.Value, t)
		for _, name := range strings.Split(pol.TLS13.Value, ":") {
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			if _, err := tls.ParseCiphersuitesFor(name, t); err != nil {
				v.tls13Bad = append(v.tls13Bad, name)
			}
		}
	}
	if why := pol.Ciphers.Refused(); !why.IsZero() {
		// nginx does not start: nothing is offered, and no default stands in
		v.err = errors.New(why.String())
		v.exp = &tls.Expansion{String: pol.Ciphers.Value, Target: t, Err: v.err, SecLevel: t.SecLevel, SecLevelAt: -1}
		return v
	}
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
	return v
}

// f5Version is the target BIG-IP release for the f5 package.
func f5Version(t *lint.Target) f5.Version {
	v := t.BigIP
	if v == (lint.ProductVersion{}) {
		v = lint.DefaultBigIP
	}
	return f5.Version{Major: v.Major, Minor: v.Minor}
}

// f5View expands a BIG-IP/AS3 policy with F5's grammar: a cipher group (its
// rules resolved; built-in groups and rules from the f5 package) or the
// profile's cipher string. BIG-IP orders suites itself (server preference);
// tmm is not OpenSSL, so no library security level applies.
func f5View(ver f5.Version, pol *lint.TLSPolicy) *view {
	v := &view{}
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
	v.f5Versions = v.f5.Protocols
	for _, s := range v.f5.Suites {
		if !s.TLS13() {
			v.list = append(v.list, s)
		}
	}
	v.tls13 = v.f5.TLS13
	switch {
	case pol.Groups.Value != "":
		v.f5Groups, v.f5GrpBad, v.f5GrpErr = f5.DHGroups(pol.Groups.Value, ver)
	case len(v.f5.DHGroups) > 0:
		v.f5Groups, v.f5GrpErr = v.f5.DHGroups, v.f5.DHGroupsErr
	default:
		v.f5Groups = f5.DefaultDHGroups(ver)
	}
	return v
}

// level is the security level the view's cipher string leaves in force:
// its last "@SECLEVEL=n", else the target's.
func (v *view) level(t tls.OpenSSL) int {
	if v.exp != nil && v.exp.Err == nil {
		return v.exp.SecLevel
	}
	return t.SecLevel
}

func pskOrSRP(s *tls.Suite) bool {
	return strings.Contains(s.Kx, "PSK") || s.Kx == "SRP" || s.Au == "PSK" || s.Au == "SRP"
}

func isDHE(s *tls.Suite) bool { return s.Kx == "DH" && s.Au != "None" || s.Kx == "DHEPSK" }

// nginxGroups parses an ssl_ecdh_curve value (nginx's default is "auto").
type groupsResult struct {
	groups []*tls.Group
	bad    []string
	err    error
}

func (b *Book) nginxGroups(value string) groupsResult {
	if value == "" {
		value = "auto"
	}
	return b.groups.get(value, func() groupsResult {
		g, bad, err := tls.ParseGroups(value, b.t.OpenSSL)
		return groupsResult{g, bad, err}
	})
}

// serverKey identifies a simulated server by value.
type serverKey struct {
	v            *view
	versions     tls.VersionSet
	groups       string
	dhBits       int
	preferServer bool
	certs        string
	requireSNI   bool
}

// server returns the simulation's view of an offer, shared by every offer
// of equal value.
func (b *Book) server(o *Offer, v *view, groupsKey string) *clients.Server {
	k := serverKey{v: v, versions: o.Versions.Value, groups: groupsKey, dhBits: o.DHBits, preferServer: o.PreferServer,
		requireSNI: o.RequiresSNI}
	if len(o.Certs) > 0 {
		// exact: the simulation judges the signature hash, which Cert's
		// String leaves out (a SHA-1 chain shared its SHA-256 twin's server)
		k.certs = certsKey(o.Certs)
	}
	return b.servers.get(k, func() *clients.Server {
		return &clients.Server{Versions: o.Versions.Value, Suites: o.Suites, TLS13Suites: o.TLS13, Groups: o.Groups,
			DHBits: o.DHBits, PreferServer: o.PreferServer, Certs: o.Certs, OpenSSL: o.library, RequireSNI: o.RequiresSNI}
	})
}

// Simulate runs every client of the population against the offer, once per
// distinct server value.
func (b *Book) Simulate(o *Offer) []clients.Result {
	if o == nil || o.Server == nil {
		return nil
	}
	return b.sims.get(o.Server, func() []clients.Result { return clients.SimulateAll(o.Server, b.Population()) })
}
