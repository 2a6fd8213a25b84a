package as3

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

// serverTLS is a TLS_Server (or a BIG-IP client-ssl profile named with
// {"bigip": …}) as the virtual servers that use it see it: AS3 turns a
// TLS_Server into one client-ssl profile per certificate entry, so each
// entry becomes one Listener.
type serverTLS struct {
	path       string
	policy     *lint.TLSPolicy
	entries    []certEntry
	incomplete bool
	written    []lint.Directive
}

// certEntry is one generated client-ssl profile.
type certEntry struct {
	profile    string
	certs      []lint.CertPair
	names      []lint.Name
	sniDefault lint.Setting[bool]
	sniRequire lint.Setting[bool]
}

// clientTLS is a TLS_Client (or a BIG-IP server-ssl profile): the TLS a
// virtual server originates towards its pool.
type clientTLS struct {
	path       string
	policy     *lint.TLSPolicy
	sni        lint.Setting[bool]
	sniName    lint.Setting[string]
	verify     lint.Setting[bool]
	certs      []lint.CertPair
	incomplete bool
	written    []lint.Directive
}

// BIG-IP built-in profiles whose settings tlslint knows, from the
// profile_base.conf of BIG-IP 15.1.8.2 (shared/corpus/bigip/
// f5devcentral__f5-corkscrew/archive1/config/profile_base.conf), unchanged
// in these fields from 13.1 to 17.1:
//
//	ltm profile client-ssl clientssl { ciphers DEFAULT  options { dont-insert-empty-fragments no-tlsv1.3 }
//	    cert /Common/default.crt  key /Common/default.key … }
//	ltm profile server-ssl serverssl { ca-file none  ciphers DEFAULT  options { dont-insert-empty-fragments no-tlsv1.3 }
//	    peer-cert-mode ignore … }  (server-name none: the tmsh default)
//
// Without no-tlsv1/no-tlsv1.1 both allow TLS 1.0 to 1.2. SSLv3 is not
// counted: the DEFAULT cipher string has excluded it since BIG-IP 11.5.0
// (F5 K15022, "SSLv3 protocol is disabled in the DEFAULT SSL ciphers").
const (
	builtinClientSSL = "/Common/clientssl"
	builtinServerSSL = "/Common/serverssl"
	builtinCiphers   = "DEFAULT"
	// genericCABundle is what a TLS_Client's trustCA "generic" (its schema
	// default) becomes: map_as3.js TLS_Client sets ca-file
	// /Common/ca-bundle.crt.
	genericCABundle = "/Common/ca-bundle.crt"
)

var builtinProtocols = tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12)

// basePolicy is the policy of the built-in client-ssl / server-ssl
// profile every profile derives from, all of it marked as defaults.
func basePolicy(ctx string) *lint.TLSPolicy {
	return &lint.TLSPolicy{
		Product:   lint.BigIP,
		Protocols: defaulted(builtinProtocols, ctx),
		Ciphers:   defaulted(builtinCiphers, ctx),
		Groups:    defaulted("", ctx),
		TLS13:     defaulted("", ctx),
		Trusted:   defaulted("", ctx),
	}
}

// bigipServer is a client-ssl profile on the BIG-IP: /Common/clientssl is
// known, any other profile is not (its settings may differ from the
// defaults shown, so the listener is Incomplete).
func (l *loader) bigipServer(path string) *serverTLS {
	if st, ok := l.servers["bigip:"+path]; ok {
		return st
	}
	st := &serverTLS{path: path, policy: basePolicy(path), incomplete: path != builtinClientSSL}
	e := certEntry{profile: path, sniDefault: defaulted(false, path), sniRequire: defaulted(false, path)}
	if path == builtinClientSSL {
		e.certs = []lint.CertPair{{
			Cert: defaulted("/Common/default.crt", path),
			Key:  defaulted("/Common/default.key", path),
		}}
	}
	st.entries = []certEntry{e}
	l.servers["bigip:"+path] = st
	return st
}

// bigipClient is a server-ssl profile on the BIG-IP, like bigipServer.
func (l *loader) bigipClient(path string) *clientTLS {
	if ct, ok := l.clients["bigip:"+path]; ok {
		return ct
	}
	ct := &clientTLS{path: path, policy: basePolicy(path), incomplete: path != builtinServerSSL,
		sni: defaulted(false, path), sniName: defaulted("", path), verify: defaulted(false, path)}
	l.clients["bigip:"+path] = ct
	return ct
}

// serverTLSFor resolves a service's serverTLS reference written at m.
func (l *loader) serverTLSFor(sc scope, m *Member, r ref) *serverTLS {
	if r.BigIP != "" {
		return l.bigipServer(r.BigIP)
	}
	t, ok := l.lookup(sc, m, r, "TLS_Server")
	if !ok || t.Outside {
		// Unknown: still a TLS listener, whose settings tlslint cannot see.
		p := r.Use
		if t.Outside {
			p = t.Path
		}
		return &serverTLS{path: p, policy: basePolicy(builtinClientSSL), incomplete: true,
			entries: []certEntry{{profile: p, sniDefault: defaulted(false, p), sniRequire: defaulted(false, p)}}}
	}
	if st, ok := l.servers[t.Path]; ok {
		return st
	}
	st := l.buildServer(l.itemScope(sc, t), t)
	l.servers[t.Path] = st
	return st
}

func (l *loader) buildServer(sc scope, t target) *serverTLS {
	obj, ctx := t.Member.Val, t.Path
	st := &serverTLS{path: ctx, policy: l.policy(sc, obj, ctx), written: l.writtenProps(obj, ctx)}
	p := st.policy
	// TLS_Server.staplerOCSPEnabled, schema default false.
	p.Stapling = defaulted(false, ctx)
	if m, v, ok := l.boolProp(obj, "staplerOCSPEnabled"); ok {
		p.Stapling = written(l, v, m, ctx)
	}
	// TLS_Server.authenticationTrustCA (client certificates); map_as3.js
	// TLS_Server: none when absent.
	if m, r, ok := l.refProp(obj, "authenticationTrustCA"); ok {
		p.Trusted = l.caSetting(sc.sub("authenticationTrustCA"), m, r, ctx)
	}
	// TLS_Server.requireSNI, schema default false.
	requireSNI := defaulted(false, ctx)
	if m, v, ok := l.boolProp(obj, "requireSNI"); ok {
		requireSNI = written(l, v, m, ctx)
	}
	// TLS_Server.hybrid (schema default false) puts every certificate in
	// one client-ssl profile; namingScheme (default "numbered") names the
	// profiles AS3 generates: the TLS_Server's name for the first
	// certificate, "<name>-<index>-" for the others, or the certificates'
	// names (map_as3.js TLS_Server).
	_, hybrid, _ := l.boolProp(obj, "hybrid")
	_, naming, _ := l.stringProp(obj, "namingScheme")
	cm := obj.Get("certificates")
	if cm == nil || cm.Val.Kind != Array || len(cm.Val.Elems) == 0 {
		pos := l.headPos(t.Member)
		if cm != nil {
			pos = l.propPos(cm)
		}
		l.invalid(pos, "TLS_Server %s has no certificates: expected \"certificates\": [{\"certificate\": \"<Certificate>\"}, …] (AS3 requires at least one)", ctx)
		st.incomplete = true
		st.entries = []certEntry{{profile: ctx, sniDefault: defaulted(true, ctx), sniRequire: requireSNI}}
		return st
	}
	type entry struct {
		obj  *Value
		cert *Member
		sni  *Member // sniDefault, when written
	}
	var es []entry
	explicitDefault := false
	for i, ev := range cm.Val.Elems {
		if ev.Kind != Object {
			l.invalid(l.valPos(ev), "certificates[%d] is %s: expected {\"certificate\": \"<Certificate>\"}", i, ev.Kind)
			continue
		}
		e := entry{obj: ev, cert: ev.Get("certificate")}
		if m, v, ok := l.boolProp(ev, "sniDefault"); ok {
			e.sni = m
			explicitDefault = explicitDefault || v
		}
		es = append(es, e)
	}
	base := ctx[strings.LastIndex(ctx, "/")+1:]
	dir := ctx[:len(ctx)-len(base)]
	var hyb certEntry
	for i, e := range es {
		var cp lint.CertPair
		haveCert := false
		if e.cert == nil || e.cert.Val.Kind != String || e.cert.Val.Str == "" {
			l.invalid(l.valPos(e.obj), "certificates[%d] has no \"certificate\": expected an AS3 pointer to a Certificate", i)
		} else {
			cp, haveCert = l.certificate(sc.sub("certificates", strconv.Itoa(i), "certificate"), e.cert, e.cert.Val.Str)
		}
		var names []lint.Name
		if m, v, ok := l.stringProp(e.obj, "matchToSNI"); ok && v != "" {
			names = append(names, lint.Name{Value: v, Pos: l.valPos(m.Val)})
		}
		if hybrid {
			if haveCert {
				hyb.certs = append(hyb.certs, cp)
			}
			if len(hyb.names) == 0 {
				hyb.names = names
			}
			continue
		}
		ce := certEntry{names: names}
		switch {
		case naming == "certificate" && e.cert != nil && e.cert.Val.Kind == String:
			ce.profile = dir + e.cert.Val.Str[strings.LastIndex(e.cert.Val.Str, "/")+1:]
		case i == 0:
			ce.profile = ctx
		default:
			ce.profile = ctx + "-" + strconv.Itoa(i) + "-"
		}
		if haveCert {
			ce.certs = []lint.CertPair{cp}
		}
		// sniDefault: the schema default is false, but AS3 makes the first
		// certificate the SNI default unless the declaration sets
		// sniDefault on one of them (map_as3.js TLS_Server, "For backward
		// compatibility … set first certificate as sniDefault").
		switch {
		case e.sni != nil:
			ce.sniDefault = written(l, e.sni.Val.Bool, e.sni, ctx)
		case i == 0:
			ce.sniDefault = defaulted(!explicitDefault, ctx)
		default:
			ce.sniDefault = defaulted(false, ctx)
		}
		// AS3 keeps requireSNI only on the SNI-default profile (map_as3.js:
		// "if (tlsItem.requireSNI && !tlsItem.sniDefault) requireSNI = false").
		ce.sniRequire = requireSNI
		if !ce.sniDefault.Value {
			ce.sniRequire = defaulted(false, ctx)
		}
		st.entries = append(st.entries, ce)
	}
	if hybrid {
		// map_as3.js TLS_Server, hybrid: one profile, 'sni-default' true.
		hyb.profile = ctx
		hyb.sniDefault = defaulted(true, ctx)
		hyb.sniRequire = requireSNI
		st.entries = []certEntry{hyb}
	}
	if len(st.entries) == 0 {
		st.incomplete = true
		st.entries = []certEntry{{profile: ctx, sniDefault: defaulted(true, ctx), sniRequire: requireSNI}}
	}
	return st
}

// clientTLSFor resolves a service's clientTLS reference written at m.
func (l *loader) clientTLSFor(sc scope, m *Member, r ref) *clientTLS {
	if r.BigIP != "" {
		return l.bigipClient(r.BigIP)
	}
	t, ok := l.lookup(sc, m, r, "TLS_Client")
	if !ok || t.Outside {
		p := r.Use
		if t.Outside {
			p = t.Path
		}
		ct := *l.bigipClient(builtinServerSSL)
		ct.path, ct.incomplete = p, true
		return &ct
	}
	if ct, ok := l.clients[t.Path]; ok {
		return ct
	}
	ct := l.buildClient(l.itemScope(sc, t), t)
	l.clients[t.Path] = ct
	return ct
}

func (l *loader) buildClient(sc scope, t target) *clientTLS {
	obj, ctx := t.Member.Val, t.Path
	ct := &clientTLS{path: ctx, policy: l.policy(sc, obj, ctx), written: l.writtenProps(obj, ctx)}
	// TLS_Client.sendSNI (the server-name AS3 writes), schema default
	// "none": no SNI.
	ct.sni, ct.sniName = defaulted(false, ctx), defaulted("", ctx)
	if m, v, ok := l.stringProp(obj, "sendSNI"); ok {
		if v == "none" || v == "" {
			ct.sni, ct.sniName = written(l, false, m, ctx), written(l, "", m, ctx)
		} else {
			ct.sni, ct.sniName = written(l, true, m, ctx), written(l, v, m, ctx)
		}
	}
	// TLS_Client.validateCertificate (peer-cert-mode require/ignore),
	// schema default false. With ignoreUntrusted (schema default false)
	// the BIG-IP accepts an untrusted certificate anyway
	// (untrusted-cert-response-control ignore): not a verification.
	ct.verify = defaulted(false, ctx)
	if m, v, ok := l.boolProp(obj, "validateCertificate"); ok {
		ct.verify = written(l, v, m, ctx)
		if iu, ign, ok := l.boolProp(obj, "ignoreUntrusted"); ok && v && ign {
			ct.verify = written(l, false, iu, ctx)
		}
	}
	// TLS_Client.trustCA, schema default "generic" (/Common/ca-bundle.crt
	// per map_as3.js); "none" is no CA file.
	ct.policy.Trusted = defaulted(genericCABundle, ctx)
	if m := obj.Get("trustCA"); m != nil {
		if m.Val.Kind == String && (m.Val.Str == "generic" || m.Val.Str == "none") {
			v := genericCABundle
			if m.Val.Str == "none" {
				v = ""
			}
			ct.policy.Trusted = lint.Written(v, l.propPos(m), ctx)
		} else if r, ok := parseRef(m.Val); ok {
			ct.policy.Trusted = l.caSetting(sc.sub("trustCA"), m, r, ctx)
		} else {
			l.invalid(l.propPos(m), "\"trustCA\" is %s: expected \"generic\", \"none\" or a pointer to a CA_Bundle", describeValue(m.Val))
		}
	}
	if m, v, ok := l.stringProp(obj, "clientCertificate"); ok && v != "" {
		if cp, ok := l.certificate(sc.sub("clientCertificate"), m, v); ok {
			ct.certs = []lint.CertPair{cp}
		}
	}
	return ct
}

// policy reads the protocol and cipher settings TLS_Server and TLS_Client
// share. The policy follows BIG-IP semantics (F5 cipher strings and
// groups), so its Product is lint.BigIP.
func (l *loader) policy(sc scope, obj *Value, ctx string) *lint.TLSPolicy {
	p := basePolicy(ctx)
	p.Protocols = l.protocols(obj, ctx)
	cm, ciphers, hasCiphers := l.stringProp(obj, "ciphers")
	gm, gr, hasGroup := l.refProp(obj, "cipherGroup")
	switch {
	case hasGroup:
		// AS3 writes "ciphers none" beside the cipher-group (map_as3.js),
		// as tmsh shows any profile that uses a cipher group.
		p.CipherGroup = lint.Written(l.cipherGroup(sc.sub("cipherGroup"), gm, gr), l.propPos(gm), ctx)
		p.Ciphers = lint.Written("none", l.propPos(gm), ctx)
		if hasCiphers {
			l.invalid(l.propPos(cm), "\"ciphers\" and \"cipherGroup\" are both set: AS3 accepts only one of them")
		}
	case hasCiphers:
		p.Ciphers = written(l, ciphers, cm, ctx)
	default:
		// Schema (TLS_Server / TLS_Client allOf): ciphers defaults to
		// "DEFAULT" when neither ciphers nor cipherGroup is given.
		p.Ciphers = defaulted("DEFAULT", ctx)
	}
	return p
}

// protocolFlags are the protocol switches of TLS_Server and TLS_Client
// with their AS3 3.56 schema defaults (as3-schema-3.56.0.json,
// definitions TLS_Server/TLS_Client properties tls1_0Enabled …). AS3 turns
// each false into a no-tlsv1… option (map_as3.js updateTlsOptions).
var protocolFlags = []struct {
	key string
	v   tls.Version
	def bool
}{
	// ssl3Enabled defaults to true, but an absent no-sslv3 option does not
	// enable SSLv3: BIG-IP's DEFAULT cipher string has excluded it since
	// 11.5.0 (F5 K15022). Only a declaration that writes true asks for it.
	{"ssl3Enabled", tls.SSLv3, false},
	{"tls1_0Enabled", tls.TLS10, true},
	{"tls1_1Enabled", tls.TLS11, true},
	{"tls1_2Enabled", tls.TLS12, true},
	{"tls1_3Enabled", tls.TLS13, false},
}

// protocols computes the enabled versions. The setting's origin is that of
// the oldest enabled version, the one legacy-protocol findings are about:
// the flag that enables it when written (tls1_0Enabled: true), a default
// otherwise, even when flags for newer versions are written.
func (l *loader) protocols(obj *Value, ctx string) lint.Setting[tls.VersionSet] {
	var set tls.VersionSet
	at := map[tls.Version]*Member{}
	var first *Member
	for _, f := range protocolFlags {
		m, v, ok := l.boolProp(obj, f.key)
		on := f.def
		if ok {
			on = v
			at[f.v] = m
			if first == nil || m.KeyOff < first.KeyOff {
				first = m
			}
		}
		if f.v == tls.TLS13 && !l.target.BigIP.AtLeast(14, 0, 0) {
			// TMOS before 14.0 has no TLS 1.3; AS3 writes no-tlsv1.3 only
			// from 14.0 (map_as3.js updateTlsOptions).
			on = false
		}
		if on {
			set = set.With(f.v)
		}
	}
	if m := at[set.Min()]; m != nil && !set.Empty() {
		return lint.Written(set, l.propPos(m), ctx)
	}
	if set.Empty() && first != nil {
		return lint.Written(set, l.propPos(first), ctx)
	}
	return defaulted(set, ctx)
}

// cipherGroup resolves a cipherGroup reference: a Cipher_Group of the
// declaration with its rules, or a BIG-IP group (/Common/f5-secure) known
// by name only.
func (l *loader) cipherGroup(sc scope, m *Member, r ref) *lint.CipherGroup {
	if r.BigIP != "" {
		return &lint.CipherGroup{Name: r.BigIP, Pos: l.valPos(r.Text)}
	}
	t, ok := l.lookup(sc, m, r, "Cipher_Group")
	if !ok || t.Outside {
		return &lint.CipherGroup{Name: r.Use, Pos: l.valPos(r.Text)}
	}
	if g, ok := l.groups[t.Path]; ok {
		return g
	}
	obj := t.Member.Val
	isc := l.itemScope(sc, t)
	// Cipher_Group.order, schema default "default".
	g := &lint.CipherGroup{Name: t.Path, Pos: l.headPos(t.Member), Ordering: "default"}
	l.groups[t.Path] = g
	if _, v, ok := l.stringProp(obj, "order"); ok {
		g.Ordering = v
	}
	// Cipher_Group.allowCipherRules, schema default [{"bigip": "/Common/f5-default"}].
	if obj.Get("allowCipherRules") == nil {
		g.Allow = []lint.CipherRule{{Name: "/Common/f5-default", Pos: g.Pos}}
	}
	for _, list := range []struct {
		key string
		out *[]lint.CipherRule
	}{{"allowCipherRules", &g.Allow}, {"excludeCipherRules", &g.Exclude}, {"requireCipherRules", &g.Require}} {
		lm := obj.Get(list.key)
		if lm == nil {
			continue
		}
		if lm.Val.Kind != Array {
			l.invalid(l.propPos(lm), "%q is %s: expected an array of cipher rule references", list.key, lm.Val.Kind)
			continue
		}
		for i, e := range lm.Val.Elems {
			rr, ok := parseRef(e)
			if !ok {
				l.invalid(l.valPos(e), "%s[%d] is %s: expected {\"use\": \"<Cipher_Rule>\"} or {\"bigip\": \"/Common/<rule>\"}", list.key, i, describeValue(e))
				continue
			}
			if rule, ok := l.cipherRule(isc.sub(list.key, strconv.Itoa(i)), lm, rr); ok {
				*list.out = append(*list.out, rule)
			}
		}
	}
	return g
}

// cipherRule resolves a rule reference: a Cipher_Rule whose cipherSuites,
// namedGroups and signatureAlgorithms become the F5 strings of an `ltm
// cipher rule` (joined with ':', as AS3 writes them), or a BIG-IP rule
// known by name only (Cipher empty: unknown).
func (l *loader) cipherRule(sc scope, m *Member, r ref) (lint.CipherRule, bool) {
	if r.BigIP != "" {
		return lint.CipherRule{Name: r.BigIP, Pos: l.valPos(r.Text)}, true
	}
	t, ok := l.lookup(sc, m, r, "Cipher_Rule")
	if !ok {
		return lint.CipherRule{}, false
	}
	if t.Outside {
		return lint.CipherRule{Name: t.Path, Pos: l.valPos(r.Text)}, true
	}
	if rule, ok := l.rules[t.Path]; ok {
		return rule, true
	}
	obj := t.Member.Val
	rule := lint.CipherRule{Name: t.Path, Pos: l.headPos(t.Member),
		Cipher:   l.joinStrings(obj, "cipherSuites"),
		DHGroups: l.joinStrings(obj, "namedGroups"),
		SigAlgs:  l.joinStrings(obj, "signatureAlgorithms"),
	}
	l.rules[t.Path] = rule
	return rule, true
}

func (l *loader) joinStrings(obj *Value, key string) string {
	m := obj.Get(key)
	if m == nil {
		return ""
	}
	if m.Val.Kind != Array {
		l.invalid(l.propPos(m), "%q is %s: expected an array of strings", key, m.Val.Kind)
		return ""
	}
	parts := make([]string, 0, len(m.Val.Elems))
	for _, e := range m.Val.Elems {
		if e.Kind != String {
			l.invalid(l.valPos(e), "%s holds %s: expected a string", key, e.Kind)
			continue
		}
		parts = append(parts, e.Str)
	}
	return strings.Join(parts, ":")
}

// certificate resolves a pointer to a Certificate into the pair it serves.
// The values are what the BIG-IP would load: "data:<PEM>" for PEM written
// in the declaration (the form nginx and lint/certs use for inline
// certificates), a URL AS3 fetches, or the path of a BIG-IP file object
// ("/Common/default.crt"). None is a file tlslint can read from disk, so
// the *Path fields stay empty.
func (l *loader) certificate(sc scope, m *Member, ptr string) (lint.CertPair, bool) {
	t, ok := l.lookup(sc, m, ref{Use: ptr, Text: m.Val}, "Certificate")
	if !ok {
		return lint.CertPair{}, false
	}
	if t.Outside {
		return lint.CertPair{Cert: lint.Written(t.Path, l.propPos(m), t.Path)}, true
	}
	if cp, ok := l.certs[t.Path]; ok {
		return cp, true
	}
	obj, ctx := t.Member.Val, t.Path
	isc := l.itemScope(sc, t)
	var cp lint.CertPair
	cp.Cert = l.f5Setting(isc, obj, "certificate", ctx)
	cp.Key = l.f5Setting(isc, obj, "privateKey", ctx)
	cp.Chain = l.f5Setting(isc, obj, "chainCA", ctx)
	if obj.Get("certificate") == nil {
		if pm := obj.Get("pkcs12"); pm != nil {
			// A PKCS#12 bundle holds the certificate and the key; tlslint
			// does not read PKCS#12, so both are known by position only.
			cp.Cert = lint.Written("", l.propPos(pm), ctx)
			cp.Key = cp.Cert
		}
	}
	l.certs[t.Path] = cp
	return cp, true
}

// f5Setting reads a Certificate property holding an F5 string or a
// reference (see f5String).
func (l *loader) f5Setting(sc scope, obj *Value, key, ctx string) lint.Setting[string] {
	m := obj.Get(key)
	if m == nil {
		return lint.Setting[string]{}
	}
	return lint.Written(l.f5String(sc.sub(key), m, m.Val, 0), l.propPos(m), ctx)
}

// f5String reads a value of AS3's F5_String family (schema
// Pointer_System_All_Or_F5_String, Pointer_CA_Bundle): a string holding
// the content, {"text": …}, {"base64": …}, {"url": …} (a string or
// {"url": …}), {"bigip": "/Common/x.crt"}, {"copyFrom": pointer} or, for
// chain CAs, {"use": "<CA_Bundle>"}. Content becomes "data:<content>".
func (l *loader) f5String(sc scope, m *Member, v *Value, depth int) string {
	switch v.Kind {
	case String:
		if v.Str == "" {
			return ""
		}
		return "data:" + v.Str
	case Object:
		if x := v.Val("text"); x != nil && x.Kind == String {
			return "data:" + x.Str
		}
		if x := v.Val("base64"); x != nil && x.Kind == String {
			b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(x.Str), ""))
			if err != nil {
				l.invalid(l.valPos(x), "invalid base64 in %q: %v", m.Key, err)
				return ""
			}
			return "data:" + string(b)
		}
		if x := v.Val("url"); x != nil {
			if x.Kind == String {
				return x.Str
			}
			if u := x.Val("url"); u != nil && u.Kind == String {
				return u.Str
			}
		}
		if x := v.Val("bigip"); x != nil && x.Kind == String {
			return x.Str
		}
		if x := v.Val("copyFrom"); x != nil && x.Kind == String && depth < 4 {
			t, err := l.d.resolve(sc, x.Str)
			if err != nil {
				l.unresolved(l.propPos(m), "copyFrom %q does not resolve: %v", x.Str, err)
				return ""
			}
			if t.Outside {
				return ""
			}
			return l.f5String(l.itemScope(sc, t), t.Member, t.Member.Val, depth+1)
		}
		if x := v.Val("use"); x != nil && x.Kind == String {
			t, ok := l.lookup(sc, m, ref{Use: x.Str, Text: x}, "CA_Bundle")
			if !ok || t.Outside {
				return ""
			}
			if bm := t.Member.Val.Get("bundle"); bm != nil && depth < 4 {
				return l.f5String(l.itemScope(sc, t).sub("bundle"), bm, bm.Val, depth+1)
			}
			return ""
		}
	}
	l.invalid(l.propPos(m), "%q is %s: expected PEM text, {\"base64\": …}, {\"url\": …} or {\"bigip\": \"/Common/<file>\"}", m.Key, describeValue(v))
	return ""
}

// caSetting reads a CA reference: {"bigip": "/Common/ca-bundle.crt"} or a
// pointer to a CA_Bundle of the declaration.
func (l *loader) caSetting(sc scope, m *Member, r ref, ctx string) lint.Setting[string] {
	if r.BigIP != "" {
		return lint.Written(r.BigIP, l.propPos(m), ctx)
	}
	t, ok := l.lookup(sc, m, r, "CA_Bundle")
	if !ok || t.Outside {
		return lint.Written(r.Use, l.propPos(m), ctx)
	}
	v := ""
	if bm := t.Member.Val.Get("bundle"); bm != nil {
		v = l.f5String(l.itemScope(sc, t).sub("bundle"), bm, bm.Val, 1)
	}
	return lint.Written(v, l.propPos(m), ctx)
}

// writtenProps lists the properties written in a TLS object as
// directives, for rules that care about what was written where.
func (l *loader) writtenProps(obj *Value, ctx string) []lint.Directive {
	var out []lint.Directive
	for _, m := range obj.Effective() {
		switch m.Key {
		case "class", "label", "remark":
			continue
		}
		arg := m.Val.Str
		if m.Val.Kind != String {
			arg = string(l.src.Data[m.Val.Off:m.Val.End])
		}
		out = append(out, lint.Directive{Name: m.Key, Args: []string{arg}, ArgPos: []lint.Pos{l.valPos(m.Val)},
			Pos: l.propPos(m), Context: ctx})
	}
	return out
}
