package f5

import "strings"

// A keyword selects rows (suite, protocol) of the release's table. Keywords
// match tmm's columns (A6): a cipher keyword matches CIPHER, a key-exchange
// keyword KEYX, a MAC keyword MAC, a protocol keyword PROT. That is why
// `!TLSv1` removes TLS1 rows only, `!des` keeps 3DES (BITS 168) and `RSA`
// does not select ECDHE_RSA (captures in ../shared/data/f5).
type keyword struct {
	match func(r Row) bool
	kind  kwKind
	proto Protocol // protocol keywords: the protocol (for Expansion.Excluded)
	// since is the first release that knows the keyword (zero: all); before
	// it the word is unknown (A19). The releases are those of the feature the
	// keyword names: TLS 1.3 (14.0), CHACHA20 (15.0), DTLS 1.2 (16.0),
	// ECDHE_ECDSA (11.5), the FIPS and CC/STIP rules (16.1); all assumed (A2).
	since Version
	// id and note name the assumption the keyword's meaning rests on ("" for
	// meanings an F5 source or a capture shows).
	id, note string
}

type kwKind uint8

const (
	kwMatch   kwKind = iota // match decides
	kwDefault               // the release's DEFAULT list, in its order
	kwNative                // every native suite
	kwAll                   // NATIVE, plus COMPAT before 13.0
	kwCompat                // the COMPAT stack (before 13.0)
)

func cipherIs(names ...string) func(Row) bool {
	return func(r Row) bool {
		for _, n := range names {
			if r.Suite.Cipher == n {
				return true
			}
		}
		return false
	}
}

func keyxIs(names ...string) func(Row) bool {
	return func(r Row) bool {
		for _, n := range names {
			if r.Suite.KeyX == n {
				return true
			}
		}
		return false
	}
}

func macIs(m string) func(Row) bool { return func(r Row) bool { return r.Suite.MAC == m } }

func protoIs(p Protocol) keyword {
	return keyword{match: func(r Row) bool { return r.Protocol == p }, proto: p}
}

func isExport(r Row) bool {
	if r.Suite.TLS != nil {
		return r.Suite.TLS.Export
	}
	return strings.HasPrefix(r.Suite.Name, "EXP")
}

func isTripleDES(r Row) bool { return r.Suite.Cipher == "DES" && r.Suite.Bits >= 112 }

func isAES(r Row) bool { return r.Suite.Cipher == "AES" || r.Suite.Cipher == "AES-GCM" }

// strength classes of OpenSSL 1.0.x's ssl/s3_lib.c (A7): HIGH is AES,
// CAMELLIA, 3DES (1.0.x still called 3DES high), CHACHA20 and TLS 1.3;
// MEDIUM is 128-bit RC4 (and SEED, IDEA of the COMPAT stack); LOW single
// DES. EXPORT suites are in none of them.
func strength(r Row) string {
	if isExport(r) {
		return "EXPORT"
	}
	switch r.Suite.Cipher {
	case "AES", "AES-GCM", "AES-CCM", "CAMELLIA", "CHACHA20-POLY1305":
		return "HIGH"
	case "DES":
		if isTripleDES(r) {
			return "HIGH"
		}
		return "LOW"
	case "RC4", "SEED", "IDEA", "RC2":
		return "MEDIUM"
	}
	return ""
}

// fipsApproved is the assumed meaning of the `fips` keyword and @FIPS (A11):
// AES suites whose key exchange and MAC FIPS 140 approves (RSA, ECDHE, DHE,
// static ECDH; SHA-1/SHA-2 HMAC), and the TLS 1.3 AES-GCM suites. 3DES is
// left out (NIST withdrew it for TLS after 2023, SP 800-131A r2), as are
// CAMELLIA, CHACHA20, RC4, DES and MD5. The built-in rule f5-fips pairs it
// with dh-groups P256:P384:FFDHE2048:FFDHE3072:FFDHE4096 (no X25519), which
// fits.
func fipsApproved(r Row) bool {
	if !isAES(r) || r.Suite.Compat {
		return false
	}
	switch r.Suite.KeyX {
	case "*", "RSA", "ECDHE_RSA", "ECDHE_ECDSA", "EDH/RSA", "ECDH_RSA", "ECDH_ECDSA":
	default:
		return false
	}
	switch r.Suite.MAC {
	case "SHA", "SHA256", "SHA384", "NULL":
		return true
	}
	return false
}

const (
	noteHighMedLow = "HIGH, MEDIUM, LOW: no F5 definition found; OpenSSL 1.0.x classes assumed (HIGH: AES, CAMELLIA, 3DES, CHACHA20, TLS 1.3; MEDIUM: RC4; LOW: single DES; EXPORT in none)"
	noteAES        = "AES and AES-GCM match tmm's CIPHER column: AES includes AES-GCM, and both select the TLS 1.3 AES-GCM suites (tmm prints CIPHER AES-GCM for them)"
	noteChaCha     = "CHACHA20 matches the CIPHER column, TLS 1.3 CHACHA20 included"
	noteALL        = "ALL: no F5 definition found; assumed to be NATIVE, plus the COMPAT stack (without NULL ciphers, as OpenSSL's ALL) before 13.0"
	noteCompat     = "COMPAT: before 13.0 the OpenSSL 1.0.2 suites the NATIVE stack lacks; from 13.0 removed and matching nothing (third-party: ronutz.com)"
	noteFIPS       = "FIPS and CC_STIP: no F5 definition found; assumed to be AES suites with RSA/ECDHE/DHE/static-ECDH key exchange and SHA MACs, plus TLS 1.3 AES-GCM"
	noteSSLv2      = "SSLv2 matches nothing: tmm lists no SSLv2 rows in any capture"
)

func alias(note string) string {
	return note + ": no F5 source; OpenSSL's meaning assumed"
}

// keywords maps upper-case keyword names to their meaning. Sources: F5
// sol13171 (NATIVE, COMPAT, DEFAULT, MD5, EXPORT, DES, DHE, EDH), built-in
// profiles and rules (ALL, ADH, DH, EDH, RSA, ECDHE, ECDHE_ECDSA, AES-GCM,
// AES, 3DES, RC4, EXP, SSLv2, SSLv3, TLSv1, TLSv1_1, TLSv1_3, DTLSv1, fips,
// CC_STIP), the F5 Ansible module's docs (SHA256, SHA384), the captures
// (ECDHE = ECDHE_RSA only, RSA = RSA key exchange only, DES = single DES,
// EXP), and the project brief (TLSv1_2, AESGCM, CHACHA20, HIGH, MEDIUM, LOW,
// SHA1). The rest are OpenSSL spellings kept with OpenSSL's meaning (A9).
var keywords = map[string]keyword{
	// Meta keywords.
	"DEFAULT": {kind: kwDefault},
	"NATIVE":  {kind: kwNative},
	"ALL":     {kind: kwAll, id: idCompat, note: noteALL},
	"COMPAT":  {kind: kwCompat, id: idCompat, note: noteCompat},
	"NONE":    {match: func(Row) bool { return false }},

	// Protocols: rows, not suites.
	"SSLV2":    {match: func(Row) bool { return false }, id: idSSLv2, note: noteSSLv2},
	"SSLV3":    protoIs(SSL3),
	"TLSV1":    protoIs(TLS1),
	"TLSV1_1":  protoIs(TLS11),
	"TLSV1_2":  protoIs(TLS12),
	"TLSV1_3":  since(protoIs(TLS13), Version{14, 0}),
	"DTLSV1":   protoIs(DTLS1),
	"DTLSV1_2": since(withNote(protoIs(DTLS12), idAlias, alias("DTLSv1_2 (DTLS1.2 rows)")), Version{16, 0}),

	// Key exchange.
	"RSA":         {match: keyxIs("RSA")},
	"ECDHE":       {match: keyxIs("ECDHE_RSA")},
	"ECDHE_RSA":   {match: keyxIs("ECDHE_RSA"), id: idAlias, note: "ECDHE_RSA: no F5 source; taken as ECDHE (ECDHE_RSA key exchange)"},
	"ECDHE_ECDSA": {match: keyxIs("ECDHE_ECDSA"), since: Version{11, 5}},
	"DHE":         {match: keyxIs("EDH/RSA", "EDH/DSS")},
	"EDH":         {match: keyxIs("EDH/RSA", "EDH/DSS")},
	"DH":          {match: keyxIs("EDH/RSA", "EDH/DSS", "ADH", "DH_RSA", "DH_DSS"), id: idAlias, note: alias("DH (ephemeral, anonymous and static DH)")},
	"ADH":         {match: keyxIs("ADH"), id: idAlias, note: alias("ADH (anonymous DH; only the COMPAT stack has such suites)")},
	"ECDH":        {match: keyxIs("ECDH_RSA", "ECDH_ECDSA"), id: idAlias, note: "ECDH: no F5 source; assumed to be static ECDH (ECDH_RSA, ECDH_ECDSA), ECDHE being its own keyword"},
	"ECDH_RSA":    {match: keyxIs("ECDH_RSA"), id: idAlias, note: alias("ECDH_RSA")},
	"ECDH_ECDSA":  {match: keyxIs("ECDH_ECDSA"), id: idAlias, note: alias("ECDH_ECDSA")},
	"KRSA":        {match: keyxIs("RSA"), id: idAlias, note: alias("kRSA")},
	"ARSA":        {match: keyxIs("RSA", "ECDHE_RSA", "EDH/RSA", "ECDH_RSA"), id: idAlias, note: alias("aRSA")},
	"KEDH":        {match: keyxIs("EDH/RSA", "EDH/DSS", "ADH"), id: idAlias, note: alias("kEDH")},
	"KDHE":        {match: keyxIs("EDH/RSA", "EDH/DSS", "ADH"), id: idAlias, note: alias("kDHE")},
	"EECDH":       {match: keyxIs("ECDHE_RSA", "ECDHE_ECDSA", "AECDH"), id: idAlias, note: alias("EECDH")},
	"KEECDH":      {match: keyxIs("ECDHE_RSA", "ECDHE_ECDSA", "AECDH"), id: idAlias, note: alias("kEECDH")},
	"KECDHE":      {match: keyxIs("ECDHE_RSA", "ECDHE_ECDSA", "AECDH"), id: idAlias, note: alias("kECDHE")},
	"ECDSA":       {match: keyxIs("ECDHE_ECDSA", "ECDH_ECDSA"), id: idAlias, note: alias("ECDSA")},
	"AECDSA":      {match: keyxIs("ECDHE_ECDSA", "ECDH_ECDSA"), id: idAlias, note: alias("aECDSA")},
	"ANULL":       {match: keyxIs("ADH", "AECDH"), id: idAlias, note: alias("aNULL")},

	// Ciphers.
	"AES":         {match: isAES, id: idAES, note: noteAES},
	"AES-GCM":     {match: cipherIs("AES-GCM"), id: idAES, note: noteAES},
	"AESGCM":      {match: cipherIs("AES-GCM"), id: idAES, note: noteAES},
	"AES128":      {match: func(r Row) bool { return isAES(r) && r.Suite.Bits == 128 }, id: idAlias, note: alias("AES128")},
	"AES256":      {match: func(r Row) bool { return isAES(r) && r.Suite.Bits == 256 }, id: idAlias, note: alias("AES256")},
	"CHACHA20":    {match: cipherIs("CHACHA20-POLY1305"), id: idAES, note: noteChaCha, since: Version{15, 0}},
	"CAMELLIA":    {match: cipherIs("CAMELLIA"), id: idAlias, note: alias("CAMELLIA")},
	"CAMELLIA128": {match: func(r Row) bool { return r.Suite.Cipher == "CAMELLIA" && r.Suite.Bits == 128 }, id: idAlias, note: alias("CAMELLIA128")},
	"CAMELLIA256": {match: func(r Row) bool { return r.Suite.Cipher == "CAMELLIA" && r.Suite.Bits == 256 }, id: idAlias, note: alias("CAMELLIA256")},
	"3DES":        {match: isTripleDES},
	"DES":         {match: func(r Row) bool { return r.Suite.Cipher == "DES" && !isTripleDES(r) }},
	"RC4":         {match: cipherIs("RC4")},
	"EXP":         {match: isExport},
	"EXPORT":      {match: isExport},
	"EXPORT40":    {match: func(r Row) bool { return isExport(r) && r.Suite.Bits == 40 }, id: idAlias, note: alias("EXPORT40")},
	"EXPORT56":    {match: func(r Row) bool { return isExport(r) && r.Suite.Bits == 56 }, id: idAlias, note: alias("EXPORT56")},
	"NULL":        {match: cipherIs("NULL"), id: idAlias, note: alias("NULL")},
	"ENULL":       {match: cipherIs("NULL"), id: idAlias, note: alias("eNULL")},

	// MACs (tmm's MAC column: GCM suites show their PRF hash, TLS 1.3 NULL).
	"MD5":    {match: macIs("MD5")},
	"SHA1":   {match: macIs("SHA")},
	"SHA":    {match: macIs("SHA"), id: idAlias, note: alias("SHA (SHA-1 MAC)")},
	"SHA256": {match: macIs("SHA256")},
	"SHA384": {match: macIs("SHA384")},

	// Strength classes.
	"HIGH":   {match: func(r Row) bool { return strength(r) == "HIGH" }, id: idStrength, note: noteHighMedLow},
	"MEDIUM": {match: func(r Row) bool { return strength(r) == "MEDIUM" }, id: idStrength, note: noteHighMedLow},
	"LOW":    {match: func(r Row) bool { return strength(r) == "LOW" }, id: idStrength, note: noteHighMedLow},

	// Compliance sets of the built-in rules f5-fips and f5-cc-stip.
	"FIPS":    {match: fipsApproved, id: idFIPS, note: noteFIPS, since: Version{16, 1}},
	"CC_STIP": {match: fipsApproved, id: idFIPS, note: noteFIPS, since: Version{16, 1}},
}

func since(k keyword, v Version) keyword {
	k.since = v
	return k
}

func withNote(k keyword, id, note string) keyword {
	k.id, k.note = id, note
	return k
}

// directives are the @ commands: @STRENGTH sorts by BITS, strongest first
// (stable, like OpenSSL's); @SPEED "orders the cipher preference by speed"
// (F5 sol13171; the speed model is A10); @FIPS and @HARDWARE correspond to
// the cipher-group orderings "fips" and "hardware" (A10).
var directives = map[string]struct{ id, note string }{
	"STRENGTH": {},
	"SPEED":    {idDirective, "@SPEED: F5 gives no order; assumed by bulk cipher: AES-GCM, AES-CBC, CHACHA20, RC4, CAMELLIA, DES, 3DES, 128-bit keys before 256-bit"},
	"FIPS":     {idDirective, "@FIPS: no F5 definition; assumed to move the FIPS-approved suites (see FIPS) first, keeping order otherwise"},
	"HARDWARE": {idDirective, "@HARDWARE: no F5 definition; every NATIVE suite is eligible for hardware acceleration (techdocs 14.1), so native suites go before COMPAT ones and the order is otherwise kept"},
}

var speedBase = map[string]int{"AES-GCM": 0, "AES": 2, "CHACHA20-POLY1305": 4, "RC4": 6, "CAMELLIA": 8}

// speedRank is the assumed @SPEED order (A10): bulk ciphers with hardware or
// AES-NI support first, then software ones; shorter keys before longer ones.
func speedRank(s *Suite) int {
	base, ok := speedBase[s.Cipher]
	switch {
	case s.Cipher == "DES" && s.Bits >= 112:
		return 12
	case s.Cipher == "DES":
		return 10
	case !ok:
		return 14
	case s.Bits > 128:
		return base + 1
	}
	return base
}
