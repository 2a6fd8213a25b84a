package bigip

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

// policy builds the effective TLS policy of a client-ssl or server-ssl
// profile. Virtual servers that share a profile share its policy.
func (b *builder) policy(p *profile) *lint.TLSPolicy {
	if pol, ok := b.policies[p]; ok {
		return pol
	}
	pol := &lint.TLSPolicy{Product: lint.BigIP}
	b.policies[p] = pol

	pol.Ciphers = b.str(p, "ciphers", "DEFAULT")
	if pol.Ciphers.Value == "" {
		pol.Ciphers.Value = "DEFAULT"
	}
	pol.CipherGroup = b.cipherGroupSetting(p)

	opts, of := b.list(p, "options")
	optOrigin := b.origin(of)
	// The options block mixes protocol switches with other flags, so a fix
	// that rewrites its text as a protocol list (TL204's nginx-style
	// rewrite) would corrupt it: no ArgsPos.
	optOrigin.ArgsPos = lint.Pos{}
	pol.Protocols = lint.Setting[tls.VersionSet]{Value: b.protocols(opts, pol), Origin: optOrigin}
	pol.PreferServer = lint.Setting[bool]{Value: hasWord(opts, "cipher-server-preference"), Origin: optOrigin}

	// TLS 1.3 suites come from the cipher group's rules (lint/tls/f5 expands
	// them); BIG-IP has no separate TLS 1.3 suite list.
	pol.TLS13 = lint.Default("")
	pol.Groups = b.dhGroups(pol.CipherGroup)
	// BIG-IP has no DH parameter file: DHE uses the groups of the cipher
	// rules (dh-groups, FFDHE2048 and up).
	pol.DHParam = lint.Default("")
	pol.Stapling = b.flag(p, "ocsp-stapling", "enabled")
	pol.StapleVerify = lint.Default(false)
	pol.Trusted = b.fileAttr(p, "ca-file", kindCert)
	if v := pol.Trusted.Value; v != "" {
		pol.TrustedPath = b.filePath(v, kindCert, pol.Trusted.ArgsPos)
	}
	return pol
}

func hasWord(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// optionVersions are the protocol switches of a profile's options (F5
// tmsh reference, ltm profile client-ssl / server-ssl "options"): no-ssl
// turns off SSLv2 and SSLv3, no-dtls* concern DTLS only.
var optionVersions = map[string][]tls.Version{
	"no-ssl":     {tls.SSLv2, tls.SSLv3},
	"no-sslv2":   {tls.SSLv2},
	"no-sslv3":   {tls.SSLv3},
	"no-tlsv1":   {tls.TLS10},
	"no-tlsv1.1": {tls.TLS11},
	"no-tlsv1.2": {tls.TLS12},
	"no-tlsv1.3": {tls.TLS13},
}

// protocols computes the protocol versions a profile enables: the versions
// its protocol switches leave on. Like nginx's ssl_protocols it does not
// ask whether a suite exists for each version; lint/tls/f5 expands the
// suites. The switches are:
//
//   - TLS 1.0, 1.1 and 1.2 are on unless options say no-tlsv1… or the
//     cipher string excludes them (!TLSv1, !TLSv1_1, !TLSv1_2: F5's
//     protocol keywords; shared/data/f5/keywords.md §2);
//   - TLS 1.3 needs BIG-IP 14.0 or later and a cipher group: "when
//     attempting to configure an SSL profile that supports TLSv1.3, a Cipher
//     Group must be set" (shared/data/f5/tls13.md, "Cipher group
//     required"); then no-tlsv1.3 or !TLSv1_3 turns it off;
//   - SSLv3 is governed by the cipher string: F5 took it out of DEFAULT in
//     11.5 ("SSLv3 protocol is disabled in the DEFAULT SSL ciphers",
//     SOL15022, as quoted in DevCentral's "Deploying TLS securely"), so it
//     is on only when the string can select an SSL 3.0 suite and neither
//     options (no-ssl, no-sslv3) nor !SSLv3 turn it off;
//   - SSLv2: TMM's native SSL stack, the only one profiles use since 11.x
//     unless the string says COMPAT (SOL13171), never implemented it.
func (b *builder) protocols(opts []string, pol *lint.TLSPolicy) tls.VersionSet {
	set := tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12)
	var scan cipherScan
	if g := pol.CipherGroup.Value; g != nil {
		scan = b.groupScan(g)
		if b.version.AtLeast(14, 0, 0) {
			set = set.With(tls.TLS13)
		}
	} else {
		scan = scanCiphers(pol.Ciphers.Value, b.version)
	}
	if scan.sslv3 {
		set = set.With(tls.SSLv3)
	}
	for _, o := range opts {
		for _, v := range optionVersions[strings.ToLower(o)] {
			set = set.Without(v)
		}
	}
	for _, v := range scan.excluded.List() {
		set = set.Without(v)
	}
	if !scan.only.Empty() {
		set = set.Intersect(scan.only)
	}
	return set
}

// cipherScan is what a cipher string says about protocol versions.
type cipherScan struct {
	excluded tls.VersionSet // versions the string turns off (!TLSv1, -TLSv1_1)
	// only, when not empty: every suite-selecting token of the string is
	// tied to these versions (TLSv1_2, TLS13-AES128-GCM-SHA256, …).
	only  tls.VersionSet
	sslv3 bool // some token can select an SSL 3.0 suite
}

// F5's protocol keywords, as in the built-in rules (!TLSv1:!TLSv1_1:!SSLv3
// in f5-hw_keys, TLSV1_3 in f5-secure): shared/data/f5/keywords.md §2.
func protocolKeyword(w string) (tls.Version, bool) {
	switch strings.ToUpper(w) {
	case "SSLV2":
		return tls.SSLv2, true
	case "SSLV3":
		return tls.SSLv3, true
	case "TLSV1", "TLSV1_0":
		return tls.TLS10, true
	case "TLSV1_1":
		return tls.TLS11, true
	case "TLSV1_2":
		return tls.TLS12, true
	case "TLSV1_3":
		return tls.TLS13, true
	}
	return 0, false
}

// scanCiphers reads the protocol switches of an F5 cipher string: tokens
// separated by ':', ',' or spaces; '!' removes for good, '-' removes until
// a later token adds back, '+' moves (adds nothing), '@' orders; inside a
// token '+' combines keywords (shared/data/f5/keywords.md §1).
func scanCiphers(s string, v lint.ProductVersion) cipherScan {
	var out cipherScan
	var removed tls.VersionSet
	allTied := true
	positive := false
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == ',' || r == ' ' }) {
		switch tok[0] {
		case '@', '+':
			continue
		case '!':
			if ver, ok := protocolKeyword(tok[1:]); ok {
				out.excluded = out.excluded.With(ver)
			}
			continue
		case '-':
			if ver, ok := protocolKeyword(tok[1:]); ok {
				removed = removed.With(ver)
			}
			continue
		}
		if strings.EqualFold(tok, "none") {
			continue
		}
		positive = true
		tied, vers := tokenVersions(tok)
		if tied {
			out.only |= vers
			for _, ver := range vers.List() {
				removed = removed.Without(ver)
			}
		} else {
			allTied = false
		}
		if selectsSSLv3(tok, v) {
			out.sslv3 = true
		}
	}
	out.excluded |= removed
	if !positive || !allTied {
		out.only = 0
	}
	return out
}

// tokenVersions reports whether a token is tied to protocol versions (a
// protocol keyword, or a TLS 1.3 suite name, possibly combined with other
// keywords by '+'), and which.
func tokenVersions(tok string) (bool, tls.VersionSet) {
	tied := false
	set := tls.Range(tls.SSLv2, tls.TLS13)
	for _, c := range strings.Split(tok, "+") {
		if ver, ok := protocolKeyword(c); ok {
			tied = true
			set = set.Intersect(tls.Versions(ver))
		} else if strings.HasPrefix(strings.ToUpper(c), "TLS13-") {
			tied = true
			set = set.Intersect(tls.Versions(tls.TLS13))
		}
	}
	if !tied {
		return false, 0
	}
	return true, set
}

// tlsOnlyMarkers are parts of keywords and suite names whose suites do not
// exist in SSL 3.0: elliptic-curve key exchange and authentication (RFC
// 4492 defines them for TLS only), AEAD and SHA-2 MACs (TLS 1.2, RFC 5246,
// 5288), TLS 1.3 suites; and CAMELLIA, which tmm lists without SSL3 rows
// (shared/data/f5/keywords.md §3). fips and CC_STIP profiles exclude SSL 3.0
// by definition.
var tlsOnlyMarkers = []string{"ECDH", "ECDSA", "GCM", "CCM", "CHACHA", "POLY1305", "SHA256", "SHA384",
	"TLS13", "CAMELLIA", "ARIA", "FIPS", "CC_STIP"}

// selectsSSLv3 reports whether a suite-selecting token can select a suite
// usable with SSL 3.0.
func selectsSSLv3(tok string, v lint.ProductVersion) bool {
	for _, c := range strings.Split(tok, "+") {
		u := strings.ToUpper(c)
		if ver, ok := protocolKeyword(u); ok {
			if ver != tls.SSLv3 {
				return false
			}
			continue
		}
		if u == "DEFAULT" {
			// SOL15022: no SSL 3.0 in DEFAULT from 11.5
			if v.AtLeast(11, 5, 0) {
				return false
			}
			continue
		}
		for _, m := range tlsOnlyMarkers {
			if strings.Contains(u, m) {
				return false
			}
		}
	}
	return true
}

// groupRef is a resolved `ltm cipher group`, shared by the profiles that
// name it.
type groupRef struct {
	group *lint.CipherGroup
	// rules' cipher strings by rule name, including the built-in ones the
	// model leaves empty, for the protocol switches.
	strings map[string]string
	// dhPos: where each rule writes dh-groups.
	dhPos      map[string]lint.Pos
	incomplete bool
}

// cipherGroupSetting resolves a profile's cipher-group attribute.
func (b *builder) cipherGroupSetting(p *profile) lint.Setting[*lint.CipherGroup] {
	f, ok := b.attr(p, "cipher-group")
	s := lint.Setting[*lint.CipherGroup]{Origin: b.origin(f)}
	if !ok {
		return s
	}
	v := f.prop.Value()
	if v == "" || v == "none" {
		return s
	}
	at := f.owner.fi.pos(f.prop.Values[0].Pos)
	s.ArgsPos = at
	g := b.cipherGroup(v, f.owner.obj, at)
	if g.incomplete {
		p.incomplete = true
	}
	s.Value = g.group
	return s
}

// cipherGroup resolves a group reference written in from, at position at.
func (b *builder) cipherGroup(ref string, from *Object, at lint.Pos) *groupRef {
	obj, full := b.find("ltm cipher group", ref, from)
	if c := commonName(ref); obj == nil && builtinCipherName(c) {
		full = c
	}
	if g := b.groups[full]; g != nil {
		return g
	}
	g := &groupRef{group: &lint.CipherGroup{Name: full}, strings: map[string]string{}, dhPos: map[string]lint.Pos{}}
	b.groups[full] = g
	if obj == nil {
		if builtinCipherName(full) {
			// a pre-built group allows the pre-built rule of its name
			// (shared/data/f5/builtin_cipher_rules_groups.md §2); the model
			// records the name, lint/tls/f5 knows the content
			g.strings[full] = builtinCipherRules[full]
			return g
		}
		b.unresolved(at, "ltm cipher group", "cipher group %s is neither defined in the input nor one of BIG-IP's pre-built groups (/Common/f5-…)", full)
		g.incomplete = true
		return g
	}
	fi := b.fileOf(obj)
	g.group.Pos = b.headerPos(obj)
	g.group.Ordering = "default"
	if v, ok := obj.Value("ordering"); ok {
		g.group.Ordering = v
	}
	for _, part := range []struct {
		key string
		dst *[]lint.CipherRule
	}{{"allow", &g.group.Allow}, {"exclude", &g.group.Exclude}, {"require", &g.group.Require}} {
		pr := obj.Prop(part.key)
		if pr == nil || pr.Block == nil {
			continue
		}
		for _, v := range pr.Block.List() {
			if v.Text == "none" {
				continue
			}
			r := b.cipherRule(v.Text, obj, fi.pos(v.Pos), g)
			*part.dst = append(*part.dst, r)
		}
	}
	return g
}

// cipherRule resolves a rule named in a group.
func (b *builder) cipherRule(ref string, from *Object, at lint.Pos, g *groupRef) lint.CipherRule {
	obj, full := b.find("ltm cipher rule", ref, from)
	r := lint.CipherRule{Name: full}
	if obj == nil {
		if c := commonName(ref); builtinCipherName(c) {
			r.Name = c
			g.strings[c] = builtinCipherRules[c]
			return r
		}
		b.unresolved(at, "ltm cipher rule", "cipher rule %s is neither defined in the input nor one of BIG-IP's pre-built rules (/Common/f5-…)", full)
		g.incomplete = true
		return r
	}
	r.Pos = b.headerPos(obj)
	r.Cipher, _ = obj.Value("cipher")
	r.DHGroups, _ = obj.Value("dh-groups")
	if pr := obj.Prop("dh-groups"); pr != nil {
		g.dhPos[full] = b.fileOf(obj).pos(pr.Pos)
	}
	r.SigAlgs, _ = obj.Value("signature-algorithms")
	// "DEFAULT" is the version's default, which the model writes "".
	if strings.EqualFold(r.DHGroups, "DEFAULT") {
		r.DHGroups = ""
	}
	if strings.EqualFold(r.SigAlgs, "DEFAULT") {
		r.SigAlgs = ""
	}
	g.strings[full] = r.Cipher
	return r
}

// groupScan reads the protocol switches of a cipher group. How TMM combines
// a group's rules is not documented (shared/data/f5/
// builtin_cipher_rules_groups.md §1); the reading that follows from the
// names: the suites of the allow rules, restricted to those of every
// require rule, minus those of the exclude rules. So a version is off when
// every allow rule, or any require rule, excludes it, or an exclude rule
// selects exactly that version.
func (b *builder) groupScan(g *lint.CipherGroup) cipherScan {
	ref := b.groups[g.Name]
	str := func(r lint.CipherRule) string {
		if ref == nil {
			return r.Cipher
		}
		return ref.strings[r.Name]
	}
	allow := g.Allow
	if len(allow) == 0 && ref != nil && ref.strings[g.Name] != "" {
		// a pre-built group known by name: its rule of the same name
		allow = []lint.CipherRule{{Name: g.Name}}
	}
	var out cipherScan
	if len(allow) == 0 {
		return out
	}
	excludedByAll := tls.Range(tls.SSLv2, tls.TLS13)
	allTied := true
	for _, r := range allow {
		s := scanCiphers(str(r), b.version)
		excludedByAll = excludedByAll.Intersect(s.excluded)
		out.sslv3 = out.sslv3 || s.sslv3
		if s.only.Empty() {
			allTied = false
		}
		out.only |= s.only
	}
	out.excluded = excludedByAll
	if !allTied {
		out.only = 0
	}
	for _, r := range g.Require {
		s := scanCiphers(str(r), b.version)
		out.excluded |= s.excluded
		if !s.sslv3 {
			out.sslv3 = false
		}
		if !s.only.Empty() {
			if out.only.Empty() {
				out.only = s.only
			} else {
				out.only = out.only.Intersect(s.only)
			}
		}
	}
	for _, r := range g.Exclude {
		for _, tok := range strings.FieldsFunc(str(r), func(r rune) bool { return r == ':' || r == ',' || r == ' ' }) {
			if ver, ok := protocolKeyword(tok); ok {
				out.excluded = out.excluded.With(ver)
				if ver == tls.SSLv3 {
					out.sslv3 = false
				}
			}
		}
	}
	return out
}

// dhGroups is the profile's key-exchange groups: the dh-groups of its
// cipher group's rules (BIG-IP 14.0+; "" = the version's default). When
// several rules name groups, the union in rule order is taken: each allow
// rule contributes its suites with its groups.
func (b *builder) dhGroups(cg lint.Setting[*lint.CipherGroup]) lint.Setting[string] {
	g := cg.Value
	if g == nil {
		return lint.Default("")
	}
	var names []string
	seen := map[string]bool{}
	var at lint.Pos
	ctx := ""
	for _, r := range append(append([]lint.CipherRule{}, g.Allow...), g.Require...) {
		if r.DHGroups == "" {
			continue
		}
		if ctx == "" {
			ctx = r.Name
			if ref := b.groups[g.Name]; ref != nil {
				at = ref.dhPos[r.Name]
			}
		}
		for _, n := range strings.Split(r.DHGroups, ":") {
			if n != "" && !seen[strings.ToUpper(n)] {
				seen[strings.ToUpper(n)] = true
				names = append(names, n)
			}
		}
	}
	if len(names) == 0 {
		return lint.Default("")
	}
	return lint.Setting[string]{Value: strings.Join(names, ":"), Origin: lint.Origin{Pos: at, Context: ctx}}
}
