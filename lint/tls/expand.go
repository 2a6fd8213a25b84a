package tls

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tlslint/tlslint/lint/i18n"
)

// Errors of cipher-string expansion, with OpenSSL's wording.
var (
	// ErrNoCipherMatch: nothing is left of the cipher list (TLS 1.3 suites
	// do not count); SSL_CTX_set_cipher_list fails and nginx refuses to start.
	ErrNoCipherMatch = errors.New("no cipher match")
	// ErrInvalidCommand: a syntax error (an operator without a name, a
	// character OpenSSL does not accept, an unknown "@" command).
	ErrInvalidCommand = errors.New("invalid command")
)

// Expansion is a cipher string expanded for one OpenSSL target, build
// included. It is shared by everyone who expands the same string for the
// same target and must not be modified.
type Expansion struct {
	String string  // the cipher string as given
	Target OpenSSL // the target (generation, security level, build) it was expanded for
	// Suites is what `openssl ciphers -v STRING` lists (without -s) on the
	// target's build: the TLS 1.3 suites first, then the cipher list in
	// OpenSSL's order, before the security level filters anything.
	Suites []*Suite
	TLS13  []*Suite // the TLS 1.3 part: the target's default Ciphersuites (nil before 1.1.1)
	List   []*Suite // the cipher-list part (TLS 1.2 and older)
	// Skipped lists, in order, every name in the string that selects
	// nothing on the target's build: names OpenSSL does not know there
	// (it skips them silently, up to the next separator) and aliases it
	// knows that match none of the build's suites ("3DES" on OpenSSL 3).
	Skipped []SkippedName
	// Absent and Unknown sort the Skipped names that are not exclusions
	// ("!EXPORT:!DES" excludes nothing on OpenSSL 3, harmlessly), each name
	// once: Absent are real suites or aliases that only this build lacks
	// ("RC4", "DES-CBC3-SHA", "SEED" on OpenSSL 3; harmless here, a trap on
	// other builds); Unknown are names no OpenSSL knows (typos such as
	// "ECDHE-RSA-AES128-GCM-SHA265", "DEFAULT" after the start, TLS 1.3
	// names in a cipher list).
	Absent  []string
	Unknown []string
	// Err is a *CipherStringError (ErrInvalidCommand or ErrNoCipherMatch);
	// Suites, TLS13 and List are then empty.
	Err error
	// SecLevel is the security level in force: the last "@SECLEVEL=n" in
	// the string, or the target's. SecLevelAt is the byte offset of that
	// "@SECLEVEL=n" in String, -1 when the string sets none. OpenSSL sets
	// the level of the SSL_CTX while it reads the string, so it governs the
	// handshake (protocol floor, suites, groups, signatures) and every
	// check made on the SSL_CTX after the string is set. nginx sets
	// ssl_ciphers before it loads certificates (since 1.21.2) and DH
	// parameters, so there the level also decides "ee key too small" and
	// "dh key too small" at start-up; `ssl_conf_command CipherString` is
	// applied after both (handshake only). Checked with nginx 1.22.1 and
	// OpenSSL 3.0: a 1024-bit RSA certificate and 1024-bit ssl_dhparam load
	// with `ssl_ciphers HIGH:@SECLEVEL=1` and fail with
	// `ssl_conf_command CipherString HIGH:@SECLEVEL=1`.
	SecLevel   int
	SecLevelAt int
	// SuiteB is "SUITEB128", "SUITEB128ONLY", "SUITEB128C2" or "SUITEB192"
	// when the string starts with it: OpenSSL then replaces the whole string
	// by the RFC 6460 suites and restricts curves and signatures.
	SuiteB string
}

// SkippedName is a name in a cipher string that selects nothing on the
// target's build.
type SkippedName struct {
	Name   string // as written: "RC4", "DES-CBC3-SHA", "TLS_RSA_WITH_RC4_128_SHA", "ECDHE-RSA-AES128-GCM-SHA265"
	Offset int    // byte offset of Name in Expansion.String
	// Real: some build of some OpenSSL generation knows the name (it is
	// absent from this build); false: no OpenSSL knows it, a typo.
	Real bool
	// Excluded: the name follows '!' or '-' (directly or in a '+' chain),
	// so it only fails to exclude something that is not there anyway.
	Excluded bool
}

// ExpandOptions adjusts ExpandWith.
type ExpandOptions struct {
	// Ciphersuites replaces the target's default TLS 1.3 suites when not nil
	// (a non-nil empty slice means none), as `Ciphersuites` of
	// ssl_conf_command does; see ParseCiphersuitesFor.
	Ciphersuites []*Suite
}

type expandKey struct {
	s string
	t OpenSSL
}

var (
	expandMemo      sync.Map // expandKey → *Expansion
	expandMemoCount atomic.Int64
)

// expandMemoMax bounds the memo: a real configuration has a handful of
// distinct cipher strings; a fuzzer has millions.
const expandMemoMax = 1 << 14

// Expand expands an OpenSSL cipher string (nginx `ssl_ciphers`,
// `proxy_ssl_ciphers`) exactly as the target's OpenSSL build would: the
// suites and aliases of t.Build (zero: the version's default build, so no
// RC4 or 3DES from 1.1.0 on, see OpenSSLBuild). Results are memoized per
// (string, target) and safe for concurrent use.
func Expand(cipherString string, t OpenSSL) *Expansion {
	key := expandKey{cipherString, t}
	if e, ok := expandMemo.Load(key); ok {
		return e.(*Expansion)
	}
	e := ExpandWith(cipherString, t, ExpandOptions{})
	if expandMemoCount.Load() < expandMemoMax {
		if _, loaded := expandMemo.LoadOrStore(key, e); !loaded {
			expandMemoCount.Add(1)
		}
	}
	return e
}

// ExpandWith is Expand with options; it is not memoized.
func ExpandWith(cipherString string, t OpenSSL, opt ExpandOptions) *Expansion {
	m := modelFor(t)
	e := &Expansion{String: cipherString, Target: t, SecLevel: t.SecLevel, SecLevelAt: -1}
	list, res, suiteB, err := m.build(cipherString, m.ciphers)
	e.Skipped, e.SuiteB = res.skipped, suiteB
	seen := map[string]bool{}
	for _, n := range res.skipped {
		if n.Excluded || seen[n.Name] {
			continue
		}
		seen[n.Name] = true
		if n.Real {
			e.Absent = append(e.Absent, n.Name)
		} else {
			e.Unknown = append(e.Unknown, n.Name)
		}
	}
	if res.secLevel >= 0 {
		e.SecLevel, e.SecLevelAt = res.secLevel, res.secLevelAt
	}
	if err != nil {
		at := -1
		if re, ok := err.(*ruleError); ok {
			at = re.at
		}
		e.Err = &CipherStringError{String: cipherString, Err: ErrInvalidCommand, Offset: at}
		return e
	}
	if len(list) == 0 {
		e.Err = &CipherStringError{String: cipherString, Err: ErrNoCipherMatch, Offset: -1}
		return e
	}
	var tls13 []*Suite
	if opt.Ciphersuites != nil {
		tls13 = opt.Ciphersuites
	} else {
		tls13 = DefaultCiphersuites(t)
	}
	e.TLS13 = append(e.TLS13, tls13...)
	for _, c := range list {
		e.List = append(e.List, c.suite)
	}
	e.Suites = append(append(make([]*Suite, 0, len(e.TLS13)+len(e.List)), e.TLS13...), e.List...)
	return e
}

// CipherStringError is an OpenSSL cipher string OpenSSL rejects.
type CipherStringError struct {
	String string
	Err    error // ErrInvalidCommand or ErrNoCipherMatch
	// Offset is, for ErrInvalidCommand, the byte offset in String of what
	// OpenSSL could not deal with: a stray byte (the first byte of a
	// typographic quote), an operator without a name, the '@' of an
	// unknown command. -1 for ErrNoCipherMatch.
	Offset int
}

func (e *CipherStringError) Error() string {
	return fmt.Sprintf("cipher string %q: %v", e.String, e.Err)
}

// Msg is Error as a message, for --lang: OpenSSL's reason ("no cipher
// match", "invalid command") stays as OpenSSL words it.
func (e *CipherStringError) Msg() i18n.Msg {
	return i18n.Msgf("cipher string %q: %v", e.String, e.Err)
}

func (e *CipherStringError) Unwrap() error { return e.Err }

// Usable returns the suites of the expansion that a server built on the
// target can actually negotiate at protocol version v, in preference
// order: the version must be one the target and the security level in force
// (e.SecLevel, which "@SECLEVEL=n" may have changed) allow, the suite must
// exist in v, and the security level must accept the suite
// (ssl_security_default_callback in ssl/ssl_cert.c). Only the generation of
// t matters; its SecLevel is replaced by e.SecLevel.
func (e *Expansion) Usable(t OpenSSL, v Version) []*Suite {
	if e == nil || e.Err != nil {
		return nil
	}
	t = t.WithSecLevel(e.SecLevel)
	if !t.Protocols().Has(v) {
		return nil
	}
	m := modelFor(t)
	var out []*Suite
	src := e.List
	if v == TLS13 {
		src = e.TLS13
	}
	for _, s := range src {
		c := m.byID[s.Code]
		if c == nil || v < c.min || v > c.max || v > s.MaxVersion() {
			continue
		}
		if ok, _ := m.securityAllows(c, e.SecLevel); ok {
			out = append(out, s)
		}
	}
	return out
}

// Negotiable returns the suites of the expansion a server on the
// expansion's target can negotiate at any of the versions (nginx's
// ssl_protocols; the target's Protocols at the security level in force
// apply on top): TLS 1.3 suites first, then the cipher list, each once, in
// preference order. It is Usable over versions, for rules that judge what
// is really offered.
func (e *Expansion) Negotiable(versions VersionSet) []*Suite {
	if e == nil || e.Err != nil {
		return nil
	}
	var out []*Suite
	seen := map[*Suite]bool{}
	for _, v := range []Version{TLS13, TLS12, TLS11, TLS10, SSLv3, SSLv2} {
		if !versions.Has(v) {
			continue
		}
		for _, s := range e.Usable(e.Target, v) {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	// Keep the expansion's order (the server's preference).
	order := map[*Suite]int{}
	for i, s := range e.Suites {
		if _, ok := order[s]; !ok {
			order[s] = i
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return order[out[i]] < order[out[j]] })
	return out
}

// minBits is minbits_table of ssl/ssl_cert.c: the security bits each level demands.
var minBits = [6]int{0, 80, 112, 128, 192, 256}

// securityAllows is the cipher part of ssl_security_default_callback
// (SSL_SECOP_CIPHER_SUPPORTED/SHARED/CHECK) with the reason a suite is refused.
func (m *genModel) securityAllows(c *osslCipher, level int) (bool, string) {
	if m.gen == g102 || level <= 0 {
		return true, ""
	}
	if level > 5 {
		level = 5
	}
	switch {
	case c.bits < minBits[level]:
		return false, fmt.Sprintf("%d-bit strength is below the %d bits of security level %d", c.bits, minBits[level], level)
	case c.auth&aNULL != 0:
		return false, "anonymous suites are refused from security level 1"
	case c.mac&mMD5 != 0:
		return false, "MD5 MACs are refused from security level 1"
	case minBits[level] > 160 && c.mac&mSHA1 != 0:
		return false, fmt.Sprintf("SHA-1 MACs are refused at security level %d", level)
	case (m.gen == g111 || m.gen == g30) && level >= 2 && c.enc == eRC4:
		return false, "RC4 is refused from security level 2"
	case level >= 3 && c.min != TLS13 && c.mkey&(kDHE|kECDHE|kDHEPSK|kECDHEPSK) == 0:
		return false, "security level 3 and above require forward secrecy"
	}
	return true, ""
}

// SecurityAllows reports whether the target's security level lets the
// suite be negotiated at all, and if not why (for findings).
func (o OpenSSL) SecurityAllows(s *Suite) (bool, string) {
	m := modelFor(o)
	c := m.byID[s.Code]
	if c == nil {
		_, why := o.Offers(s)
		return false, why
	}
	return m.securityAllows(c, o.SecLevel)
}

// Protocols returns the protocol versions a server on the target can
// negotiate at its security level:
//   - 1.0.2: SSLv3 to TLS 1.2, SSLv2 too with enable-ssl2 (BuildSSL2); it
//     has no security levels.
//   - 1.1.1: TLS 1.0 to 1.3 (SSLv3 is not in default builds since 1.1.0);
//     level 3 drops TLS 1.0, level 4 TLS 1.1 (SSL_SECOP_VERSION in
//     ssl/ssl_cert.c).
//   - 3.x: TLS 1.0 to 1.3 at level 0 only; from level 1 on only TLS 1.2 and
//     1.3. 3.0 and 3.1 get there because SHA-1 and MD5-SHA1 fall below 80
//     bits (OpenSSL 3.0 migration guide: SSL 3, TLS 1.0, TLS 1.1 and DTLS
//     1.0 only work at security level 0); checked with 3.0.19's s_server
//     and s_client, which fail a TLS 1.0 handshake at level 1 even with
//     static RSA. 3.2+ says so in SSL_SECOP_VERSION.
func (o OpenSSL) Protocols() VersionSet {
	switch genOf(o) {
	case g102:
		if o.Build&BuildSSL2 != 0 {
			return Range(SSLv2, TLS12)
		}
		return Range(SSLv3, TLS12)
	case g111:
		switch {
		case o.SecLevel >= 4:
			return Range(TLS12, TLS13)
		case o.SecLevel == 3:
			return Range(TLS11, TLS13)
		}
		return Range(TLS10, TLS13)
	}
	if o.SecLevel >= 1 {
		return Range(TLS12, TLS13)
	}
	return Range(TLS10, TLS13)
}

// DefaultTLS13 is OpenSSL's default TLS 1.3 Ciphersuites
// (TLS_DEFAULT_CIPHERSUITES in include/openssl/ssl.h, 1.1.1 to 3.6).
const DefaultTLS13 = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"

// DefaultCiphersuites returns the TLS 1.3 suites the target enables by
// default (nil for 1.0.2, which has no TLS 1.3).
func DefaultCiphersuites(t OpenSSL) []*Suite {
	if genOf(t) == g102 {
		return nil
	}
	var out []*Suite
	for _, n := range strings.Split(DefaultTLS13, ":") {
		out = append(out, SuiteByName(n))
	}
	return out
}

// ParseCiphersuites parses the value of OpenSSL's `Ciphersuites` setting
// (nginx: `ssl_conf_command Ciphersuites ...`) for the newest OpenSSL this
// package knows; see ParseCiphersuitesFor.
func ParseCiphersuites(s string) ([]*Suite, error) {
	return ParseCiphersuitesFor(s, OpenSSL{Major: 3, Minor: 6, SecLevel: 2})
}

// ParseCiphersuitesFor parses a `Ciphersuites` value as the target's
// SSL_CTX_set_ciphersuites does (set_ciphersuites and ciphersuite_cb in
// ssl/ssl_ciph.c): a ':'-separated list of IANA names, blanks around names
// ignored, unknown names skipped, an empty string allowed (no TLS 1.3
// suites), a non-empty string that names nothing rejected with "no cipher
// match". Like OpenSSL it also accepts the IANA name of a TLS 1.2 suite
// (ssl3_get_cipher_by_std_name searches every table; `openssl ciphers`
// then lists it first, and again in the cipher list if that has it). Names
// are case-sensitive.
func ParseCiphersuitesFor(s string, t OpenSSL) ([]*Suite, error) {
	suites, _, err := parseCiphersuites(s, t)
	return suites, err
}

func parseCiphersuites(s string, t OpenSSL) (suites []*Suite, unknown []string, err error) {
	if genOf(t) == g102 {
		return nil, nil, fmt.Errorf("ciphersuites %q: OpenSSL 1.0.2 has no TLS 1.3", s)
	}
	s = cString(s)
	if s == "" {
		return []*Suite{}, nil, nil
	}
	m := modelFor(t)
	for _, elem := range strings.Split(s, ":") {
		name := strings.TrimFunc(elem, isCSpace)
		if name == "" || len(name) > 79 {
			continue
		}
		su := SuiteByName(name)
		if su == nil || su.IANA != name || m.byID[su.Code] == nil {
			unknown = append(unknown, name)
			continue
		}
		suites = append(suites, su)
	}
	if len(suites) == 0 {
		return nil, unknown, fmt.Errorf("ciphersuites %q: %w", s, ErrNoCipherMatch)
	}
	return suites, unknown, nil
}

// isCSpace is C's isspace in the "C" locale.
func isCSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r'
}
