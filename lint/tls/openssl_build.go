package tls

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// OpenSSLBuild is how the target's OpenSSL was built and configured beyond
// its version's default build. The zero value is the default build, which
// is what tlslint judges a configuration by.
//
// What the default build of each generation offers (sources: Configure's
// %disabled list, ssl/s3_lib.c, ssl/s2_lib.c, ssl/ssl_ciph.c and CHANGES of
// 1.0.2u, 1.1.1s and 3.0; each fact checked on this machine's Debian 3.0 with
// `openssl ciphers`, see TestBuildFactsOnMachine):
//
//   - 1.0.2 (1.0.2g and later): no SSLv2 suites ("ssl2" is in %disabled,
//     ssl2_ciphers[] is under OPENSSL_NO_SSL2), no EXPORT or LOW suites
//     (single DES, 40/56-bit: under OPENSSL_NO_WEAK_SSL_CIPHERS, CHANGES
//     for 1.0.2g), no KRB5 suites (Configure disables krb5 unless
//     --with-krb5-flavor is given; ssl_cipher_get_disabled then disables
//     kKRB5/aKRB5, so the KRB5 aliases are dropped too). RC4, 3DES, IDEA,
//     SEED, fixed-DH and ECDH suites are all there.
//   - 1.1.x: single DES and EXPORT are gone from the tables (CHANGES for
//     1.1.0: "Remove support for all 40 and 56 bit ciphers"); 3DES and RC4
//     suites are under OPENSSL_NO_WEAK_SSL_CIPHERS (CHANGES for 1.1.0:
//     "RC4 based libssl ciphersuites are now classed as weak",
//     "3DES cipher suites have been disabled by default ... just like
//     RC4"); "weak-ssl-ciphers" is in %disabled. IDEA and SEED are there.
//   - 3.x: as 1.1.x, and the ciphers are fetched from the loaded providers
//     per SSL_CTX (ssl_load_ciphers in 3.0's ssl/ssl_ciph.c): RC4, SEED,
//     IDEA, RC2 and single DES live in the legacy provider only, so without
//     it their suites are dropped (ssl_cipher_collect_ciphers) and so are
//     the aliases whose ciphers are all disabled (ssl_cipher_collect_aliases):
//     "RC4", "SEED", "IDEA" and "RC2" become unknown words. 3DES is in the
//     default provider: the "3DES" alias stays although no 3DES suite
//     exists, which is why `!3DES”` is a syntax error but `!RC4”` is not.
//
// GOST suites and aliases need an external engine or provider in every
// generation and are never modelled as present.
type OpenSSLBuild uint8

const (
	// BuildWeakCiphers is Configure's enable-weak-ssl-ciphers: 3DES and RC4
	// suites from 1.1.0 on (RC4 on 3.x also needs BuildLegacyProvider),
	// EXPORT and LOW suites on 1.0.2.
	BuildWeakCiphers OpenSSLBuild = 1 << iota
	// BuildLegacyProvider: the legacy provider is loaded (openssl.cnf
	// activates it), so 3.x can fetch RC4, SEED, IDEA, RC2 and DES. No
	// effect before 3.0, whose libcrypto has them built in.
	BuildLegacyProvider
	// BuildSSL2 is 1.0.2's enable-ssl2: the SSLv2 suites and protocol.
	BuildSSL2
	// BuildNoIDEA is Configure's no-idea, as Debian builds (`openssl list
	// -disabled` on this machine lists IDEA): no IDEA suite nor alias even
	// with the legacy provider.
	BuildNoIDEA
)

var buildNames = []struct {
	b     OpenSSLBuild
	name  string
	alias []string
}{
	{BuildWeakCiphers, "weak-ciphers", []string{"enable-weak-ssl-ciphers", "weak-ssl-ciphers"}},
	{BuildLegacyProvider, "legacy-provider", []string{"legacy"}},
	{BuildSSL2, "ssl2", []string{"enable-ssl2"}},
	{BuildNoIDEA, "no-idea", nil},
}

// ParseOpenSSLBuild parses the value of --openssl-build / openssl_build: a
// list of "weak-ciphers" (also "enable-weak-ssl-ciphers"), "legacy-provider",
// "ssl2" (1.0.2's enable-ssl2) and "no-idea", separated by commas or blanks.
// "" and "default" mean the version's default build.
func ParseOpenSSLBuild(s string) (OpenSSLBuild, error) {
	var b OpenSSLBuild
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || isCSpace(r) }) {
		if strings.EqualFold(f, "default") {
			continue
		}
		ok := false
		for _, n := range buildNames {
			if strings.EqualFold(f, n.name) || containsFold(n.alias, f) {
				b |= n.b
				ok = true
			}
		}
		if !ok {
			return 0, fmt.Errorf("OpenSSL build %q: unknown option %q: expected weak-ciphers, legacy-provider, ssl2 or no-idea", s, f)
		}
	}
	return b, nil
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// String lists the options in the form ParseOpenSSLBuild reads ("default"
// for the zero value).
func (b OpenSSLBuild) String() string {
	var out []string
	for _, n := range buildNames {
		if b&n.b != 0 {
			out = append(out, n.name)
		}
	}
	if len(out) == 0 {
		return "default"
	}
	return strings.Join(out, ",")
}

// disabledAlgorithms returns the algorithm bits the build cannot use at all
// (ssl_cipher_get_disabled in 1.0.2, ssl_load_ciphers from 1.1.0): suites
// using any of them are dropped, and so are aliases all of whose bits in
// one dimension are disabled.
func disabledAlgorithms(g osslGen, b OpenSSLBuild) (mkey, auth, enc uint32) {
	if g == g102 {
		mkey, auth = kKRB5, aKRB5 // no --with-krb5-flavor
	}
	if g >= g30 && b&BuildLegacyProvider == 0 {
		enc |= eDES | eRC4 | eRC2 | eIDEA | eSEED
	}
	if b&BuildNoIDEA != 0 {
		enc |= eIDEA
	}
	return mkey, auth, enc
}

// compiledIn reports whether the suite is in the build's tables at all
// (the #ifndef OPENSSL_NO_WEAK_SSL_CIPHERS / OPENSSL_NO_SSL2 blocks).
func compiledIn(g osslGen, b OpenSSLBuild, c *osslCipher) bool {
	if g == g102 {
		if c.min == SSLv2 && b&BuildSSL2 == 0 {
			return false
		}
		if c.strength&(sExport|sLow) != 0 && b&BuildWeakCiphers == 0 {
			return false
		}
		return true
	}
	return c.enc&(e3DES|eRC4) == 0 || b&BuildWeakCiphers != 0
}

type buildKey struct {
	g osslGen
	b OpenSSLBuild
}

var buildModels sync.Map // buildKey → *genModel

// buildModel derives the model of one build from its generation's model
// (which has every suite some build has).
func buildModel(g osslGen, b OpenSSLBuild) *genModel {
	key := buildKey{g, b}
	if m, ok := buildModels.Load(key); ok {
		return m.(*genModel)
	}
	base := models()[g]
	dm, da, de := disabledAlgorithms(g, b)
	m := *base
	m.forBuild = b
	m.byID = map[uint32]*osslCipher{}
	m.ciphers, m.tls13 = nil, nil
	keep := func(c *osslCipher) bool {
		return compiledIn(g, b, c) && c.mkey&dm == 0 && c.auth&da == 0 && c.enc&de == 0
	}
	for _, c := range base.ciphers {
		if keep(c) {
			m.ciphers = append(m.ciphers, c)
			m.byID[c.id] = c
		}
	}
	for _, c := range base.tls13 {
		m.tls13 = append(m.tls13, c)
		m.byID[c.id] = c
	}
	m.aliases = nil
	m.aliasEmpty = map[string]bool{}
	for _, a := range base.aliases {
		if a.mkey != 0 && a.mkey&^dm == 0 || a.auth != 0 && a.auth&^da == 0 || a.enc != 0 && a.enc&^de == 0 {
			continue // ssl_cipher_collect_aliases leaves it out: an unknown word
		}
		m.aliases = append(m.aliases, a)
		s := selector{strengthBits: -1}
		empty := !combine(&s, &caEntry{name: a.name, alias: &a}, &m)
		if !empty {
			empty = true
			for _, c := range m.ciphers {
				if m.matches(&s, c) {
					empty = false
					break
				}
			}
		}
		if empty {
			m.aliasEmpty[a.name] = true
		}
	}
	if v, loaded := buildModels.LoadOrStore(key, &m); loaded {
		return v.(*genModel)
	}
	return &m
}

// gostAliases are the GOST aliases of cipher_aliases[] (1.0.2 to 3.x), which
// never exist without a GOST engine or provider: real names, not typos.
var gostAliases = []string{"kGOST", "kGOST18", "aGOST94", "aGOST01", "aGOST12", "aGOST", "GOST89", "GOST94",
	"GOST89MAC", "GOST12", "GOST2012-GOST8912-GOST8912"}

// realNames is every name some OpenSSL generation's cipher list knows in
// some build: suite names, IANA names of those suites (3.2+ accepts them)
// and aliases. A name outside it is a typo; TLS 1.3 suite names are not in
// it because no cipher list (as opposed to Ciphersuites) accepts them.
var realNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	for _, a := range aliases102 {
		names[a.name] = true
	}
	for _, a := range aliases110 {
		names[a.name] = true
	}
	for _, n := range gostAliases {
		names[n] = true
	}
	for _, m := range models() {
		for _, c := range m.ciphers {
			names[c.name] = true
			if c.suite.IANA != "" {
				names[c.suite.IANA] = true
			}
		}
	}
	for _, s := range Catalogue() {
		if s.Kx == "GOST" || strings.HasPrefix(s.Enc, "GOST") || strings.HasPrefix(s.Enc, "MAGMA") || strings.HasPrefix(s.Enc, "KUZNYECHIK") {
			if s.Name != "" && !s.TLS13() {
				names[s.Name] = true
			}
		}
	}
	return names
})

// IsRealCipherName reports whether some OpenSSL generation, in some build,
// knows the name in a cipher string (a suite, the IANA name of one, or an
// alias); false means a typo or a name from elsewhere.
func IsRealCipherName(name string) bool { return realNames()[name] }

// Offers reports whether the target's build offers the suite in its cipher
// list or TLS 1.3 suites at all (before the security level), and if not
// why, for findings: "OpenSSL 3.0 has no RC4-SHA in its default build (it
// needs enable-weak-ssl-ciphers and the legacy provider)".
func (o OpenSSL) Offers(s *Suite) (bool, string) {
	if s == nil {
		return false, "no suite"
	}
	g := genOf(o)
	if buildModel(g, o.Build).byID[s.Code] != nil {
		return true, ""
	}
	base := models()[g].byID[s.Code]
	if base == nil {
		return false, fmt.Sprintf("OpenSSL %s has no %s in any build", o.version(), s.DisplayName())
	}
	var need []string
	full := o.Build &^ BuildNoIDEA
	for _, n := range []OpenSSLBuild{BuildWeakCiphers, BuildLegacyProvider, BuildSSL2} {
		if full&n == 0 && buildModel(g, full|n).byID[s.Code] != nil {
			need = append(need, buildOptionText(n))
		}
	}
	if len(need) == 0 && buildModel(g, full|BuildWeakCiphers|BuildLegacyProvider).byID[s.Code] != nil {
		// RC4 on 3.x needs both.
		need = []string{buildOptionText(BuildWeakCiphers), buildOptionText(BuildLegacyProvider)}
	}
	what := "its default build"
	if o.Build != 0 {
		what = "the build " + o.Build.String()
	}
	switch {
	case o.Build&BuildNoIDEA != 0 && base.enc&eIDEA != 0:
		return false, fmt.Sprintf("OpenSSL %s built with no-idea has no %s", o.version(), base.name)
	case len(need) > 0:
		return false, fmt.Sprintf("OpenSSL %s has no %s in %s (it needs %s)", o.version(), base.name, what, strings.Join(need, " and "))
	}
	return false, fmt.Sprintf("OpenSSL %s has no %s in %s", o.version(), base.name, what)
}

// version is the version without the level ("3.0", "1.1.1").
func (o OpenSSL) version() string {
	v, _, _ := strings.Cut(o.String(), "@")
	return v
}

func buildOptionText(b OpenSSLBuild) string {
	switch b {
	case BuildWeakCiphers:
		return "enable-weak-ssl-ciphers"
	case BuildLegacyProvider:
		return "the legacy provider"
	case BuildSSL2:
		return "enable-ssl2"
	}
	return b.String()
}

// BuildSuites returns the cipher-list suites (not TLS 1.3) the target's
// build has, in OpenSSL's collection order; for tests and `tlslint ciphers`.
func (o OpenSSL) BuildSuites() []*Suite {
	m := buildModel(genOf(o), o.Build)
	out := make([]*Suite, len(m.ciphers))
	for i, c := range m.ciphers {
		out[i] = c.suite
	}
	return out
}

// BuildAliases returns the alias names the target's build has (those
// ssl_cipher_collect_aliases keeps), sorted.
func (o OpenSSL) BuildAliases() []string {
	m := buildModel(genOf(o), o.Build)
	out := make([]string, 0, len(m.aliases))
	for _, a := range m.aliases {
		out = append(out, a.name)
	}
	sort.Strings(out)
	return out
}
