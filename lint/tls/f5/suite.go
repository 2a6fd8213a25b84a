package f5

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/tlslint/tlslint/lint/tls"
)

//go:generate go run ./internal/gen -data ../../../../shared/data/f5 -out suites_gen.go

// Protocol is the PROT column of tmm's cipher listing. tmm prints one row
// per (suite, protocol) pair, and cipher-string keywords such as !TLSv1 act
// on those rows, so the protocol is part of every expansion result.
type Protocol uint8

// Protocols in the order tmm prints a suite's rows (SSL3, TLS1, TLS1.1,
// TLS1.2, DTLS1 in the 11.x–14.x captures; where DTLS1.2 goes relative to
// DTLS1 is not observed, A3).
const (
	SSL3 Protocol = iota + 1
	TLS1
	TLS11
	TLS12
	DTLS1
	DTLS12
	TLS13
)

var protocolNames = [...]string{SSL3: "SSL3", TLS1: "TLS1", TLS11: "TLS1.1", TLS12: "TLS1.2", DTLS1: "DTLS1", DTLS12: "DTLS1.2", TLS13: "TLS1.3"}

// String is tmm's spelling ("TLS1", "TLS1.2", "DTLS1.2").
func (p Protocol) String() string {
	if int(p) < len(protocolNames) && protocolNames[p] != "" {
		return protocolNames[p]
	}
	return "none"
}

// TLS maps the protocol to a TLS version; DTLS rows have none.
func (p Protocol) TLS() (tls.Version, bool) {
	switch p {
	case SSL3:
		return tls.SSLv3, true
	case TLS1:
		return tls.TLS10, true
	case TLS11:
		return tls.TLS11, true
	case TLS12:
		return tls.TLS12, true
	case TLS13:
		return tls.TLS13, true
	}
	return 0, false
}

// ParseProtocol reads tmm's PROT column; `tmsh show ltm cipher group`
// prints TLS 1.0 as "TLS1.0" (builtin_cipher_rules_groups.md §4).
func ParseProtocol(s string) (Protocol, bool) {
	if s == "TLS1.0" {
		return TLS1, true
	}
	for p, n := range protocolNames {
		if n != "" && n == s {
			return Protocol(p), true
		}
	}
	return 0, false
}

// Suite is a cipher suite as BIG-IP names and describes it: the columns of
// `tmm --clientciphers` (BITS, CIPHER, MAC, KEYX) and the catalogue suite it
// is. Suites are shared; callers must not modify them.
type Suite struct {
	Name   string     // F5 name ("ECDHE-RSA-AES128-CBC-SHA", "TLS13-AES128-GCM-SHA256")
	Code   uint16     // IANA code point
	Bits   int        // tmm's BITS: 168 for 3DES, 64 for single DES
	Cipher string     // tmm's CIPHER: AES, AES-GCM, DES (single and triple), RC4, CAMELLIA, CHACHA20-POLY1305
	MAC    string     // tmm's MAC: SHA, SHA256, SHA384, MD5; NULL for TLS 1.3
	KeyX   string     // tmm's KEYX: RSA, ECDHE_RSA, ECDHE_ECDSA, EDH/RSA, ECDH_RSA, * (TLS 1.3)
	TLS    *tls.Suite // the catalogue suite (nil only for a parsed row with an unknown code)
	// Compat marks a suite of the OpenSSL-based COMPAT stack (before 13.0),
	// which the NATIVE stack does not implement.
	Compat bool
	// Observed reports whether some real tmm capture lists the suite (then
	// Columns were read, not derived); Source says where the name is from.
	Observed bool
	Source   string

	seen  []capture
	since Version // first release with the suite (A2 where not observed)
}

// ObservedAt reports whether a capture of a release that includes v lists the
// suite. Expansions note the suites whose presence at v is modeled (A2).
func (s *Suite) ObservedAt(v Version) bool {
	for _, c := range s.seen {
		if within(v, c.from, c.to) {
			return true
		}
	}
	return false
}

// dataSuite is one row of the generated tables (suites_gen.go) or of
// assumedSuites.
type dataSuite struct {
	name   string
	code   uint16
	cols   *columns // tmm's columns when a capture shows them
	seen   []capture
	source string
}

type columns struct {
	bits              int
	cipher, mac, keyx string
}

// capture is a tmm capture file and the releases it stands for (the
// generator's eraOf explains each range).
type capture struct {
	file     string
	from, to Version
}

// assumedSuites are suites no capture lists and no built-in rule names, but
// that BIG-IP is believed to have (A2). The names follow F5's pattern for
// CHACHA20 (suffix -SHA256) seen in a third-party BIG-IP data group
// (keywords.md §5 of the data).
var assumedSuites = []dataSuite{
	{name: "ECDHE-RSA-CHACHA20-POLY1305-SHA256", code: 0xCCA8, source: "name in a third-party BIG-IP data group (keywords.md §5); rows assumed"},
	{name: "ECDHE-ECDSA-CHACHA20-POLY1305-SHA256", code: 0xCCA9, source: "assumed by analogy with ECDHE-RSA-CHACHA20-POLY1305-SHA256"},
	{name: "DHE-RSA-CHACHA20-POLY1305-SHA256", code: 0xCCAA, source: "assumed by analogy with ECDHE-RSA-CHACHA20-POLY1305-SHA256"},
	{name: "TLS13-CHACHA20-POLY1305-SHA256", code: 0x1303, source: "name in a third-party BIG-IP data group (tls13.md); rows assumed"},
}

// sinceOf is the first release with a native suite. Only the 11.x/12.x
// captures (taken as 11.4+) and later ones show suites, so every earlier
// boundary is assumed (A2): ECDHE_RSA and static ECDH_RSA from 11.4 (the
// first ECDHE release), ECDHE_ECDSA from 11.5, DHE-RSA with AES-GCM from
// 11.4 (the 11.x/12.x built-in crypto-server-default-clientssl profile names
// DHE-RSA-AES256-GCM-SHA384), DHE-RSA with CBC SHA-256 from 12.0 (Mozilla's
// server-side TLS guide, 2016: "DHE-RSA-AES128-SHA256 & DHE-RSA-AES256-SHA256
// are not available in TMOS v11.6.x"), TLS 1.3 AES-GCM from 14.0 (AS3 rejects TLS 1.3 below
// 14.0, src/lib/postValidator.js), CHACHA20-POLY1305 from 15.0.
func sinceOf(s *Suite) Version {
	switch {
	case s.Cipher == "CHACHA20-POLY1305":
		return Version{15, 0}
	case s.KeyX == "*":
		return Version{14, 0}
	case s.KeyX == "ECDHE_RSA", s.KeyX == "ECDH_RSA":
		return Version{11, 4}
	case s.KeyX == "ECDHE_ECDSA":
		return Version{11, 5}
	case s.KeyX == "EDH/RSA" && s.TLS != nil && s.TLS.Proto == tls.TLS12 && s.Cipher == "AES-GCM":
		return Version{11, 4}
	case s.KeyX == "EDH/RSA" && s.TLS != nil && s.TLS.Proto == tls.TLS12:
		return Version{12, 0}
	}
	return Oldest
}

// deriveColumns computes tmm's columns for a catalogue suite. For every
// observed suite the result equals what tmm prints (TestDerivedColumns);
// the spellings for cipher and key exchange kinds no capture shows
// (CHACHA20-POLY1305, ECDH_RSA, EDH/DSS, ADH) are assumed (A3).
func deriveColumns(ts *tls.Suite) columns {
	enc, _, _ := strings.Cut(ts.Enc, "(")
	kx, _, _ := strings.Cut(ts.Kx, "(")
	c := columns{bits: ts.Bits}
	switch enc {
	case "AESGCM":
		c.cipher = "AES-GCM"
	case "AESCCM", "AESCCM8":
		c.cipher = "AES-CCM"
	case "Camellia":
		c.cipher = "CAMELLIA"
	case "3DES":
		c.cipher, c.bits = "DES", 168
	case "DES":
		c.cipher = "DES"
		if !ts.Export {
			c.bits = 64 // tmm counts the parity bits of single DES (DES-CBC-SHA: BITS 64)
		}
	case "CHACHA20/POLY1305":
		c.cipher = "CHACHA20-POLY1305"
	case "None":
		c.cipher = "NULL"
	default:
		c.cipher = strings.ToUpper(enc)
	}
	switch {
	case ts.Proto == tls.TLS13:
		c.mac = "NULL"
	case ts.Mac == "AEAD" && strings.HasSuffix(ts.IANA, "_SHA384"):
		c.mac = "SHA384"
	case ts.Mac == "AEAD":
		c.mac = "SHA256"
	case ts.Mac == "SHA1":
		c.mac = "SHA"
	default:
		c.mac = ts.Mac
	}
	switch {
	case ts.Proto == tls.TLS13:
		c.keyx = "*"
	case kx == "RSA":
		c.keyx = "RSA"
	case kx == "ECDH" && ts.Au == "RSA":
		c.keyx = "ECDHE_RSA"
	case kx == "ECDH" && ts.Au == "ECDSA":
		c.keyx = "ECDHE_ECDSA"
	case kx == "ECDH" && ts.Au == "None":
		c.keyx = "AECDH"
	case kx == "DH" && ts.Au == "None":
		c.keyx = "ADH"
	case kx == "DH":
		c.keyx = "EDH/" + ts.Au
	case kx == "ECDH/RSA":
		c.keyx = "ECDH_RSA"
	case kx == "ECDH/ECDSA":
		c.keyx = "ECDH_ECDSA"
	case kx == "DH/RSA":
		c.keyx = "DH_RSA"
	case kx == "DH/DSS":
		c.keyx = "DH_DSS"
	default:
		c.keyx = kx
	}
	return c
}

func newSuite(d dataSuite, observed bool) *Suite {
	ts := tls.SuiteByCode(uint32(d.code))
	s := &Suite{Name: d.name, Code: d.code, TLS: ts, Observed: observed, Source: d.source, seen: d.seen}
	cols := d.cols
	if cols == nil {
		c := deriveColumns(ts)
		cols = &c
	}
	s.Bits, s.Cipher, s.MAC, s.KeyX = cols.bits, cols.cipher, cols.mac, cols.keyx
	if observed && s.Source == "" {
		files := make([]string, 0, len(d.seen))
		for _, c := range d.seen {
			files = append(files, c.file)
		}
		s.Source = "tmm capture: " + strings.Join(files, ", ")
	}
	s.since = sinceOf(s)
	return s
}

// database is every suite BIG-IP is known or assumed to have, natively,
// plus the COMPAT stack's.
type database struct {
	native []*Suite // native order (nativeLess)
	compat []*Suite // OpenSSL 1.0.2 order
	byName map[string]*Suite
	byCode map[uint16]*Suite // native only
}

var suiteDB = sync.OnceValue(func() *database {
	db := &database{byName: map[string]*Suite{}, byCode: map[uint16]*Suite{}}
	add := func(d dataSuite, observed bool) {
		s := newSuite(d, observed)
		db.native = append(db.native, s)
		db.byName[strings.ToUpper(s.Name)] = s
		db.byCode[s.Code] = s
	}
	for _, d := range observedSuites {
		add(d, true)
	}
	for _, d := range namedSuites {
		add(d, false)
	}
	for _, d := range assumedSuites {
		add(d, false)
	}
	slices.SortStableFunc(db.native, nativeCmp)
	db.compat = compatSuites(db.byCode)
	for _, s := range db.compat {
		if _, dup := db.byName[strings.ToUpper(s.Name)]; !dup {
			db.byName[strings.ToUpper(s.Name)] = s
		}
	}
	return db
})

// compatSuites are the suites of the COMPAT stack, "based on the OpenSSL
// library" (F5 sol13171), that NATIVE lacks: OpenSSL 1.0.2's table (the
// generation BIG-IP 11.x/12.x shipped is assumed, A8) minus native codes and
// SSLv2-only suites, in OpenSSL's ALL:COMPLEMENTOFALL order, under OpenSSL's
// names.
func compatSuites(native map[uint16]*Suite) []*Suite {
	// Every suite of 1.0.2's tables: the COMPAT stack lists EXPORT and LOW
	// suites (sol13171), so the build is one with enable-weak-ssl-ciphers.
	ossl := tls.OpenSSL{Major: 1, Minor: 0, Patch: 2, Build: tls.BuildWeakCiphers | tls.BuildSSL2}
	e := tls.ExpandWith("ALL:COMPLEMENTOFALL", ossl, tls.ExpandOptions{})
	var out []*Suite
	for _, ts := range e.List {
		if ts.Proto == tls.SSLv2 || ts.Code > 0xFFFF {
			continue
		}
		if _, ok := native[uint16(ts.Code)]; ok {
			continue
		}
		name, _ := ossl.Knows(ts)
		c := deriveColumns(ts)
		out = append(out, &Suite{Name: name, Code: uint16(ts.Code), Bits: c.bits, Cipher: c.cipher, MAC: c.mac, KeyX: c.keyx,
			TLS: ts, Compat: true, Source: "COMPAT stack: OpenSSL 1.0.2 table (A8)", since: Oldest})
	}
	return out
}

// Ranks of the native order. tmm lists one keyword's suites strongest first
// by BITS, and within equal BITS AES-GCM before AES-CBC with SHA-2 before
// SHA-1, then 3DES/DES, then RC4 (SHA before MD5), CAMELLIA after everything
// else (captures !EDH:RSA and ECDHE:!RSA). Across key exchanges and for
// CHACHA20 and TLS 1.3 nothing is observed (A4): ECDHE_RSA, ECDHE_ECDSA,
// EDH, static ECDH, RSA, in OpenSSL's spirit; CHACHA20 after AES-GCM; TLS 1.3
// suites last, as in DEFAULT.
var (
	cipherRank = map[string]int{"AES-GCM": 0, "CHACHA20-POLY1305": 1, "AES": 2, "AES-CCM": 3, "CAMELLIA": 4, "DES": 5, "RC4": 6}
	macRank    = map[string]int{"SHA384": 0, "SHA256": 1, "SHA": 2, "MD5": 3}
	kxRank     = map[string]int{"ECDHE_RSA": 0, "ECDHE_ECDSA": 1, "EDH/RSA": 2, "ECDH_RSA": 3, "ECDH_ECDSA": 4, "RSA": 5}
	// tls13Rank orders TLS 1.3 suites as DEFAULT and f5-quic list them.
	tls13Rank = map[uint16]int{0x1301: 0, 0x1302: 1, 0x1303: 2}
)

func rankOf(m map[string]int, k string) int {
	if r, ok := m[k]; ok {
		return r
	}
	return len(m)
}

func nativeCmp(a, b *Suite) int {
	group := func(s *Suite) int {
		switch {
		case s.KeyX == "*":
			return 2
		case s.Cipher == "CAMELLIA":
			return 1
		}
		return 0
	}
	return cmp.Or(
		cmp.Compare(group(a), group(b)),
		cmp.Compare(tls13Rank[a.Code], tls13Rank[b.Code]),
		cmp.Compare(b.Bits, a.Bits),
		cmp.Compare(rankOf(kxRank, a.KeyX), rankOf(kxRank, b.KeyX)),
		cmp.Compare(rankOf(cipherRank, a.Cipher), rankOf(cipherRank, b.Cipher)),
		cmp.Compare(rankOf(macRank, a.MAC), rankOf(macRank, b.MAC)),
		cmp.Compare(a.Code, b.Code),
	)
}

// rowsAt returns the protocols tmm lists the suite for on release v (A3):
//   - TLS rows from the suite's first version (TLS 1.0 for ECC suites) to its
//     last (TLS 1.1 for single DES, TLS 1.0 for EXPORT), as observed;
//   - an SSL3 row for RSA and DHE-RSA suites that SSLv3 defines, except
//     CAMELLIA (observed for RSA; DHE-RSA assumed alike);
//   - a DTLS1 row for block-cipher suites with a TLS1 row except CAMELLIA:
//     RSA key exchange on every release (observed 11.x–14.1), ECDHE_RSA from
//     14.0 (absent in 11.x–13.x captures, present in 14.1; DHE-RSA and
//     static ECDH_RSA assumed alike), ECDHE_ECDSA from 16.0 (absent in 14.1;
//     assumed from 16.0 so that DEFAULT has the 96 rows of the 16.x/17.x
//     capture);
//   - a DTLS1.2 row, from 16.0, for every suite with a TLS1.2 row except RC4
//     (stream ciphers are not allowed in DTLS, RFC 6347 §4.1.2.2);
//   - COMPAT suites: their TLS range, no DTLS.
func rowsAt(s *Suite, v Version) []Protocol {
	if s.TLS == nil {
		return nil
	}
	if s.KeyX == "*" {
		return []Protocol{TLS13}
	}
	lo, hi := s.TLS.MinVersion(), s.TLS.MaxVersion()
	var out []Protocol
	if lo <= tls.SSLv3 && (s.Compat || (s.Cipher != "CAMELLIA" && (s.KeyX == "RSA" || s.KeyX == "EDH/RSA"))) {
		out = append(out, SSL3)
	}
	hasTLS1 := false
	for _, p := range []Protocol{TLS1, TLS11, TLS12} {
		tv, _ := p.TLS()
		if tv >= lo && tv <= hi {
			out = append(out, p)
			hasTLS1 = hasTLS1 || p == TLS1
		}
	}
	if s.Compat {
		return out
	}
	if hasTLS1 && s.Cipher != "RC4" && s.Cipher != "CAMELLIA" {
		dtls := false
		switch s.KeyX {
		case "RSA":
			dtls = true
		case "ECDHE_RSA", "EDH/RSA", "ECDH_RSA":
			dtls = v.AtLeast(14, 0)
		case "ECDHE_ECDSA":
			dtls = v.AtLeast(16, 0)
		}
		if dtls {
			out = append(out, DTLS1)
		}
	}
	if v.AtLeast(16, 0) && hi >= tls.TLS12 && lo <= tls.TLS12 && s.Cipher != "RC4" {
		out = append(out, DTLS12)
	}
	return out
}

// SuiteByName finds a suite by its F5 name, ignoring case (tmm's keywords
// are case-insensitive; for names it is assumed, A12). COMPAT suites go by
// their OpenSSL names. It returns nil for an unknown name.
func SuiteByName(name string) *Suite {
	return suiteDB().byName[strings.ToUpper(strings.TrimSpace(name))]
}

// NameOf returns BIG-IP's name for a catalogue suite, or "" when BIG-IP's
// native stack has no such suite.
func NameOf(s *tls.Suite) string {
	if s == nil || s.Code > 0xFFFF {
		return ""
	}
	if f := suiteDB().byCode[uint16(s.Code)]; f != nil {
		return f.Name
	}
	return ""
}

// Suites returns the native suites of release v (what NATIVE selects) in
// native order. The slice is the caller's; the Suites are shared.
func Suites(v Version) []*Suite {
	v, _ = normalize(v)
	var out []*Suite
	for _, s := range suiteDB().native {
		if v.AtLeast(s.since.Major, s.since.Minor) {
			out = append(out, s)
		}
	}
	return out
}

// Suggest returns what BIG-IP calls an unknown word of a cipher string: the
// F5 name of the suite an OpenSSL or IANA name means
// ("ECDHE-RSA-AES128-SHA" → "ECDHE-RSA-AES128-CBC-SHA") or the protocol
// keyword a dotted version means ("TLSv1.2" → "TLSv1_2"); "" if there is
// none or the word is already F5's.
func Suggest(name string) string {
	if SuiteByName(name) != nil {
		return ""
	}
	// "TLSv1.2" → "TLSv1_2": tmm's protocol keywords use '_' (f5-hw_keys).
	if v, ok := tls.ParseVersion(name); ok && strings.Contains(name, ".") {
		switch v {
		case tls.TLS10:
			return "TLSv1"
		case tls.TLS11, tls.TLS12, tls.TLS13:
			return strings.ReplaceAll(v.String(), ".", "_")
		}
	}
	return NameOf(tls.SuiteByName(name))
}
