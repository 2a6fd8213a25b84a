package tls

import (
	"strings"
	"sync"
)

// This file holds OpenSSL's model of a cipher suite (the SSL_CIPHER fields
// that cipher-string expansion looks at) and the per-generation facts of the
// expansion: which suites exist, the alias table, the DEFAULT list and the
// grammar details. Sources: ssl/ssl_ciph.c, ssl/s3_lib.c and ssl/ssl_local.h
// (ssl_locl.h before 3.0) of OpenSSL 1.0.2u, 1.1.1w, 3.0.8, 3.2.0, 3.4.1 and
// 3.6.0.

// Algorithm bits. OpenSSL numbers them differently in each generation; the
// values here are our own, one space for all generations, so that an alias
// table is just a list of masks.
const (
	kRSA uint32 = 1 << iota
	kDHr        // 1.0.2: fixed DH, RSA-signed certificate
	kDHd        // 1.0.2: fixed DH, DSS-signed certificate
	kDHE
	kKRB5 // 1.0.2
	kECDHr
	kECDHe
	kECDHE
	kPSK
	kRSAPSK
	kECDHEPSK
	kDHEPSK
	kSRP
	kANY // TLS 1.3
)

// kPSKAll is OpenSSL's SSL_PSK: every key exchange that uses a pre-shared key.
const kPSKAll = kPSK | kRSAPSK | kECDHEPSK | kDHEPSK

const (
	aRSA uint32 = 1 << iota
	aDSS
	aNULL
	aDH   // 1.0.2
	aECDH // 1.0.2
	aKRB5 // 1.0.2
	aECDSA
	aPSK
	aSRP
	aANY
)

const (
	eDES uint32 = 1 << iota
	e3DES
	eRC4
	eRC2
	eIDEA
	eNULL
	eAES128
	eAES256
	eCAMELLIA128
	eCAMELLIA256
	eSEED
	eAES128GCM
	eAES256GCM
	eAES128CCM
	eAES256CCM
	eAES128CCM8
	eAES256CCM8
	eCHACHA20POLY1305
	eARIA128GCM
	eARIA256GCM
)

const (
	eAESGCM   = eAES128GCM | eAES256GCM
	eAESCCM   = eAES128CCM | eAES256CCM | eAES128CCM8 | eAES256CCM8
	eAES      = eAES128 | eAES256 | eAESGCM | eAESCCM
	eCAMELLIA = eCAMELLIA128 | eCAMELLIA256
	eARIAGCM  = eARIA128GCM | eARIA256GCM
	// eCBC is 3.0's SSL_CBC (ssl/ssl_local.h).
	eCBC = eDES | e3DES | eRC2 | eIDEA | eAES128 | eAES256 | eCAMELLIA128 | eCAMELLIA256 | eSEED
)

const (
	mMD5 uint32 = 1 << iota
	mSHA1
	mSHA256
	mSHA384
	mAEAD
)

// osslCipher is one suite as a given OpenSSL generation sees it.
type osslCipher struct {
	suite                *Suite
	name                 string // OpenSSL's name in this generation
	id                   uint32 // catalogue code; the collection order is by it
	mkey, auth, enc, mac uint32
	min, max             Version
	ssl                  uint32 // 1.0.2's algorithm_ssl: 1 SSLv2, 2 SSLv3/TLSv1, 4 TLSv1.2
	strength             strength
	bits                 int // strength_bits
}

// osslAlgorithms derives OpenSSL's algorithm masks from the catalogue's
// columns. The mapping was checked against the ssl3_ciphers tables of every
// generation in openssl_suites.go: all of them agree.
func osslAlgorithms(s *Suite) (mkey, auth, enc, mac uint32, ok bool) {
	switch s.kxBase() {
	case "RSA":
		mkey = kRSA
	case "DH":
		mkey = kDHE
	case "DH/RSA":
		mkey = kDHr
	case "DH/DSS":
		mkey = kDHd
	case "ECDH":
		mkey = kECDHE
	case "ECDH/RSA":
		mkey = kECDHr
	case "ECDH/ECDSA":
		mkey = kECDHe
	case "PSK":
		mkey = kPSK
	case "RSAPSK":
		mkey = kRSAPSK
	case "DHEPSK":
		mkey = kDHEPSK
	case "ECDHEPSK":
		mkey = kECDHEPSK
	case "SRP":
		mkey = kSRP
	case "KRB5":
		mkey = kKRB5
	case "any":
		mkey = kANY
	default:
		return 0, 0, 0, 0, false
	}
	switch s.Au {
	case "RSA":
		auth = aRSA
	case "DSS":
		auth = aDSS
	case "None":
		auth = aNULL
	case "ECDSA":
		auth = aECDSA
	case "PSK":
		auth = aPSK
	case "SRP":
		auth = aSRP
	case "DH":
		auth = aDH
	case "ECDH":
		auth = aECDH
	case "KRB5":
		auth = aKRB5
	case "any":
		auth = aANY
	default:
		return 0, 0, 0, 0, false
	}
	e, bits := s.encBase(), s.Enc
	switch {
	case e == "DES":
		enc = eDES
	case e == "3DES":
		enc = e3DES
	case e == "RC4":
		enc = eRC4
	case e == "RC2":
		enc = eRC2
	case e == "IDEA":
		enc = eIDEA
	case e == "None":
		enc = eNULL
	case e == "SEED":
		enc = eSEED
	case e == "CHACHA20/POLY1305":
		enc = eCHACHA20POLY1305
	case bits == "AES(128)":
		enc = eAES128
	case bits == "AES(256)":
		enc = eAES256
	case bits == "AESGCM(128)":
		enc = eAES128GCM
	case bits == "AESGCM(256)":
		enc = eAES256GCM
	case bits == "AESCCM(128)":
		enc = eAES128CCM
	case bits == "AESCCM(256)":
		enc = eAES256CCM
	case bits == "AESCCM8(128)":
		enc = eAES128CCM8
	case bits == "AESCCM8(256)":
		enc = eAES256CCM8
	case bits == "Camellia(128)":
		enc = eCAMELLIA128
	case bits == "Camellia(256)":
		enc = eCAMELLIA256
	case bits == "ARIAGCM(128)":
		enc = eARIA128GCM
	case bits == "ARIAGCM(256)":
		enc = eARIA256GCM
	default:
		return 0, 0, 0, 0, false
	}
	switch s.Mac {
	case "MD5":
		mac = mMD5
	case "SHA1":
		mac = mSHA1
	case "SHA256":
		mac = mSHA256
	case "SHA384":
		mac = mSHA384
	case "AEAD":
		mac = mAEAD
	default:
		return 0, 0, 0, 0, false
	}
	return mkey, auth, enc, mac, true
}

// alias is one entry of OpenSSL's cipher_aliases[] (ssl/ssl_ciph.c).
type alias struct {
	name                 string
	mkey, auth, enc, mac uint32
	min                  Version // 1.1.0+: selects suites whose min_tls equals it
	ssl                  uint32  // 1.0.2: algorithm_ssl bits
	strength             strength
}

// all selects every bit of a dimension ("~SSL_eNULL" and friends).
const all = ^uint32(0)

// aliases110 is cipher_aliases[] of 1.1.1 and 3.x. The GOST aliases (kGOST,
// aGOST*, GOST89, GOST94, GOST89MAC, GOST12, kGOST18 and
// GOST2012-GOST8912-GOST8912) are left out: OpenSSL drops an alias whose
// algorithms are all disabled (ssl_cipher_collect_aliases), and without a
// GOST engine or provider they are, so those names match nothing.
var aliases110 = []alias{
	{name: "ALL", enc: all &^ eNULL},
	{name: "COMPLEMENTOFALL", enc: eNULL},
	{name: "COMPLEMENTOFDEFAULT", strength: sNotDefault},
	{name: "kRSA", mkey: kRSA},
	{name: "kEDH", mkey: kDHE},
	{name: "kDHE", mkey: kDHE},
	{name: "DH", mkey: kDHE},
	{name: "kEECDH", mkey: kECDHE},
	{name: "kECDHE", mkey: kECDHE},
	{name: "ECDH", mkey: kECDHE},
	{name: "kPSK", mkey: kPSK},
	{name: "kRSAPSK", mkey: kRSAPSK},
	{name: "kECDHEPSK", mkey: kECDHEPSK},
	{name: "kDHEPSK", mkey: kDHEPSK},
	{name: "kSRP", mkey: kSRP},
	{name: "aRSA", auth: aRSA},
	{name: "aDSS", auth: aDSS},
	{name: "DSS", auth: aDSS},
	{name: "aNULL", auth: aNULL},
	{name: "aECDSA", auth: aECDSA},
	{name: "ECDSA", auth: aECDSA},
	{name: "aPSK", auth: aPSK},
	{name: "aSRP", auth: aSRP},
	{name: "EDH", mkey: kDHE, auth: all &^ aNULL},
	{name: "DHE", mkey: kDHE, auth: all &^ aNULL},
	{name: "EECDH", mkey: kECDHE, auth: all &^ aNULL},
	{name: "ECDHE", mkey: kECDHE, auth: all &^ aNULL},
	{name: "NULL", enc: eNULL},
	{name: "RSA", mkey: kRSA, auth: aRSA},
	{name: "ADH", mkey: kDHE, auth: aNULL},
	{name: "AECDH", mkey: kECDHE, auth: aNULL},
	{name: "PSK", mkey: kPSKAll},
	{name: "SRP", mkey: kSRP},
	{name: "3DES", enc: e3DES},
	{name: "RC4", enc: eRC4},
	{name: "RC2", enc: eRC2},
	{name: "IDEA", enc: eIDEA},
	{name: "SEED", enc: eSEED},
	{name: "eNULL", enc: eNULL},
	{name: "AES128", enc: eAES128 | eAES128GCM | eAES128CCM | eAES128CCM8},
	{name: "AES256", enc: eAES256 | eAES256GCM | eAES256CCM | eAES256CCM8},
	{name: "AES", enc: eAES},
	{name: "AESGCM", enc: eAESGCM},
	{name: "AESCCM", enc: eAESCCM},
	{name: "AESCCM8", enc: eAES128CCM8 | eAES256CCM8},
	{name: "CAMELLIA128", enc: eCAMELLIA128},
	{name: "CAMELLIA256", enc: eCAMELLIA256},
	{name: "CAMELLIA", enc: eCAMELLIA},
	{name: "CHACHA20", enc: eCHACHA20POLY1305},
	{name: "ARIA", enc: eARIAGCM},
	{name: "ARIAGCM", enc: eARIAGCM},
	{name: "ARIA128", enc: eARIA128GCM},
	{name: "ARIA256", enc: eARIA256GCM},
	{name: "CBC", enc: eCBC}, // 3.0+ only, removed from aliases111 below
	{name: "MD5", mac: mMD5},
	{name: "SHA1", mac: mSHA1},
	{name: "SHA", mac: mSHA1},
	{name: "SHA256", mac: mSHA256},
	{name: "SHA384", mac: mSHA384},
	{name: "SSLv3", min: SSLv3},
	{name: "TLSv1", min: TLS10},
	{name: "TLSv1.0", min: TLS10},
	{name: "TLSv1.2", min: TLS12},
	{name: "LOW", strength: sLow},
	{name: "MEDIUM", strength: sMedium},
	{name: "HIGH", strength: sHigh},
	{name: "FIPS", enc: all &^ eNULL, strength: sFIPS},
	// Backward-compatible names for the DHE 3DES suites (a "HIGH|FIPS"
	// strength that, since 3DES became MEDIUM, still matches through FIPS).
	{name: "EDH-DSS-DES-CBC3-SHA", mkey: kDHE, auth: aDSS, enc: e3DES, mac: mSHA1, strength: sHigh | sFIPS},
	{name: "EDH-RSA-DES-CBC3-SHA", mkey: kDHE, auth: aRSA, enc: e3DES, mac: mSHA1, strength: sHigh | sFIPS},
}

// aliases102 is cipher_aliases[] of 1.0.2 (without the GOST ones, see aliases110).
var aliases102 = []alias{
	{name: "ALL", enc: all &^ eNULL},
	{name: "COMPLEMENTOFALL", enc: eNULL},
	{name: "COMPLEMENTOFDEFAULT", strength: sNotDefault},
	{name: "kRSA", mkey: kRSA},
	{name: "kDHr", mkey: kDHr},
	{name: "kDHd", mkey: kDHd},
	{name: "kDH", mkey: kDHr | kDHd},
	{name: "kEDH", mkey: kDHE},
	{name: "kDHE", mkey: kDHE},
	{name: "DH", mkey: kDHr | kDHd | kDHE},
	{name: "kKRB5", mkey: kKRB5},
	{name: "kECDHr", mkey: kECDHr},
	{name: "kECDHe", mkey: kECDHe},
	{name: "kECDH", mkey: kECDHr | kECDHe},
	{name: "kEECDH", mkey: kECDHE},
	{name: "kECDHE", mkey: kECDHE},
	{name: "ECDH", mkey: kECDHr | kECDHe | kECDHE},
	{name: "kPSK", mkey: kPSK},
	{name: "kSRP", mkey: kSRP},
	{name: "aRSA", auth: aRSA},
	{name: "aDSS", auth: aDSS},
	{name: "DSS", auth: aDSS},
	{name: "aKRB5", auth: aKRB5},
	{name: "aNULL", auth: aNULL},
	{name: "aDH", auth: aDH},
	{name: "aECDH", auth: aECDH},
	{name: "aECDSA", auth: aECDSA},
	{name: "ECDSA", auth: aECDSA},
	{name: "aPSK", auth: aPSK},
	{name: "aSRP", auth: aSRP},
	{name: "EDH", mkey: kDHE, auth: all &^ aNULL},
	{name: "DHE", mkey: kDHE, auth: all &^ aNULL},
	{name: "EECDH", mkey: kECDHE, auth: all &^ aNULL},
	{name: "ECDHE", mkey: kECDHE, auth: all &^ aNULL},
	{name: "NULL", enc: eNULL},
	{name: "KRB5", mkey: kKRB5, auth: aKRB5},
	{name: "RSA", mkey: kRSA, auth: aRSA},
	{name: "ADH", mkey: kDHE, auth: aNULL},
	{name: "AECDH", mkey: kECDHE, auth: aNULL},
	{name: "PSK", mkey: kPSK, auth: aPSK},
	{name: "SRP", mkey: kSRP},
	{name: "DES", enc: eDES},
	{name: "3DES", enc: e3DES},
	{name: "RC4", enc: eRC4},
	{name: "RC2", enc: eRC2},
	{name: "IDEA", enc: eIDEA},
	{name: "SEED", enc: eSEED},
	{name: "eNULL", enc: eNULL},
	{name: "AES128", enc: eAES128 | eAES128GCM},
	{name: "AES256", enc: eAES256 | eAES256GCM},
	{name: "AES", enc: eAES128 | eAES256 | eAESGCM},
	{name: "AESGCM", enc: eAESGCM},
	{name: "CAMELLIA128", enc: eCAMELLIA128},
	{name: "CAMELLIA256", enc: eCAMELLIA256},
	{name: "CAMELLIA", enc: eCAMELLIA},
	{name: "MD5", mac: mMD5},
	{name: "SHA1", mac: mSHA1},
	{name: "SHA", mac: mSHA1},
	{name: "SHA256", mac: mSHA256},
	{name: "SHA384", mac: mSHA384},
	{name: "SSLv2", ssl: ssl2Bit},
	{name: "SSLv3", ssl: ssl3Bit},
	{name: "TLSv1", ssl: ssl3Bit}, // SSL_TLSV1 is SSL_SSLV3 in 1.0.2
	{name: "TLSv1.2", ssl: tls12Bit},
	{name: "EXP", strength: sExport},
	{name: "EXPORT", strength: sExport},
	{name: "EXPORT40", strength: sExp40},
	{name: "EXPORT56", strength: sExp56},
	{name: "LOW", strength: sLow},
	{name: "MEDIUM", strength: sMedium},
	{name: "HIGH", strength: sHigh},
	{name: "FIPS", enc: all &^ eNULL, strength: sFIPS},
	{name: "EXP-DHE-DSS-DES-CBC-SHA", mkey: kDHE, auth: aDSS, enc: eDES, mac: mSHA1, ssl: ssl3Bit, strength: sExport | sExp40},
	{name: "DHE-DSS-DES-CBC-SHA", mkey: kDHE, auth: aDSS, enc: eDES, mac: mSHA1, ssl: ssl3Bit, strength: sNotExp | sLow},
	{name: "DHE-DSS-DES-CBC3-SHA", mkey: kDHE, auth: aDSS, enc: e3DES, mac: mSHA1, ssl: ssl3Bit, strength: sNotExp | sHigh | sFIPS},
	{name: "EXP-DHE-RSA-DES-CBC-SHA", mkey: kDHE, auth: aRSA, enc: eDES, mac: mSHA1, ssl: ssl3Bit, strength: sExport | sExp40},
	{name: "DHE-RSA-DES-CBC-SHA", mkey: kDHE, auth: aRSA, enc: eDES, mac: mSHA1, ssl: ssl3Bit, strength: sNotExp | sLow},
	{name: "DHE-RSA-DES-CBC3-SHA", mkey: kDHE, auth: aRSA, enc: e3DES, mac: mSHA1, ssl: ssl3Bit, strength: sNotExp | sHigh | sFIPS},
}

// 1.0.2's algorithm_ssl bits (ssl/ssl_locl.h: SSL_SSLV2, SSL_SSLV3 = SSL_TLSV1, SSL_TLSV1_2).
const (
	ssl2Bit  uint32 = 1
	ssl3Bit  uint32 = 2
	tls12Bit uint32 = 4
)

// genModel is everything expansion needs to know about one generation.
type genModel struct {
	gen osslGen
	// ciphers in the order ssl_cipher_collect_ciphers() collects them:
	// descending id (1.1.1+ sorts its tables by id in ssl_sort_cipher_list
	// and ssl3_get_cipher walks them backwards; 1.0.2's table is already in
	// id order), then, in 1.0.2, the SSLv2 suites (ssl23_get_cipher).
	ciphers []*osslCipher
	tls13   []*osslCipher // tls13_ciphers[], by id
	byID    map[uint32]*osslCipher
	aliases []alias
	// defaultList is what "DEFAULT" at the start of a cipher string stands
	// for (SSL_DEFAULT_CIPHER_LIST, OSSL_default_cipher_list()).
	defaultList string
	// nameEquals: '=' is a name character (1.1.0+, for "@SECLEVEL=n").
	// nameUnderscore: '_' is one and IANA names select suites (3.2+).
	nameEquals, nameUnderscore bool
	secLevel                   bool // "@SECLEVEL=n" exists (1.1.0+)
	matchByID                  bool // an explicit suite selects only itself (1.1.0+; 1.0.2 matches by its algorithms)
	// forBuild is the build this model is for (openssl_build.go); the
	// generation's model (models()) has every suite and alias some build
	// has, a build's model only what that build has.
	forBuild OpenSSLBuild
	// aliasEmpty: aliases of the build that select no suite of it on
	// their own ("3DES" on 3.x without enable-weak-ssl-ciphers).
	aliasEmpty map[string]bool
}

func genOf(o OpenSSL) osslGen {
	switch {
	case o.Major == 1 && o.Minor == 0:
		return g102
	case o.Major == 1:
		return g111
	case o.Major == 3 && o.Minor <= 1:
		return g30
	case o.Major == 3 && o.Minor <= 3:
		return g32
	}
	return g34
}

var models = sync.OnceValue(func() *[numGens]*genModel {
	var ms [numGens]*genModel
	for g := osslGen(0); g < numGens; g++ {
		m := &genModel{gen: g, byID: map[uint32]*osslCipher{}}
		if g == g102 {
			m.aliases = aliases102
			m.defaultList = "ALL:!EXPORT:!LOW:!aNULL:!eNULL:!SSLv2"
		} else {
			m.aliases = aliases110
			if g == g111 {
				m.aliases = withoutAlias(aliases110, "CBC")
			}
			m.defaultList = "ALL:!COMPLEMENTOFDEFAULT:!eNULL"
			m.nameEquals, m.secLevel, m.matchByID = true, true, true
			m.nameUnderscore = g >= g32
		}
		ms[g] = m
	}
	for i := range osslRows {
		r := &osslRows[i]
		s := SuiteByCode(r.code)
		if s == nil {
			continue // cannot happen: TestOpenSSLTablesMatchCatalogue
		}
		mkey, auth, enc, mac, ok := osslAlgorithms(s)
		if !ok {
			continue // cannot happen: TestOpenSSLTablesMatchCatalogue
		}
		for g := r.from; g <= r.to; g++ {
			c := &osslCipher{suite: s, name: r.name, id: r.code, mkey: mkey, auth: auth, enc: enc, mac: mac,
				min: r.min, max: r.max, strength: r.strength, bits: r.bits}
			if c.name == "" {
				c.name = s.Name
			}
			if g == g102 && c.min == TLS10 {
				// 1.0.2's SSL_TLSV1 is SSL_SSLV3: it only tells SSLv2,
				// SSLv3-or-TLS and TLS 1.2 suites apart, so these are
				// negotiable from SSLv3 on (ECDHE still needs the
				// client's curves extension, the handshake's business).
				c.min = SSLv3
			}
			switch c.min {
			case SSLv2:
				c.ssl = ssl2Bit
			case TLS12:
				c.ssl = tls12Bit
			default:
				c.ssl = ssl3Bit
			}
			m := ms[g]
			m.byID[c.id] = c
			if c.min == TLS13 {
				m.tls13 = append(m.tls13, c)
			} else {
				m.ciphers = append(m.ciphers, c)
			}
		}
	}
	for _, m := range ms {
		sortCollection(m.ciphers)
	}
	return &ms
})

// sortCollection orders ciphers as ssl_cipher_collect_ciphers meets them:
// SSLv3/TLS suites by descending code, then SSLv2 suites (three-byte codes,
// 1.0.2 only) by descending code.
func sortCollection(cs []*osslCipher) {
	less := func(a, b *osslCipher) bool {
		a2, b2 := a.min == SSLv2, b.min == SSLv2
		if a2 != b2 {
			return !a2
		}
		return a.id > b.id
	}
	// insertion sort keeps this dependency-free and the lists are short
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && less(cs[j], cs[j-1]); j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

func withoutAlias(as []alias, name string) []alias {
	out := make([]alias, 0, len(as))
	for _, a := range as {
		if a.name != name {
			out = append(out, a)
		}
	}
	return out
}

// modelFor returns the model of the target's build.
func modelFor(o OpenSSL) *genModel { return buildModel(genOf(o), o.Build) }

// Knows reports whether the target's OpenSSL generation has the suite at
// all (in some build configuration), and under which name; Offers says
// whether the target's build has it.
func (o OpenSSL) Knows(s *Suite) (name string, ok bool) {
	if s == nil {
		return "", false
	}
	c := models()[genOf(o)].byID[s.Code]
	if c == nil {
		return "", false
	}
	return c.name, true
}

// osslName returns the name the generation prints for the suite.
func (m *genModel) osslName(s *Suite) string {
	if c := m.byID[s.Code]; c != nil {
		return c.name
	}
	return s.DisplayName()
}

// hasNameChar reports whether ch may be part of a cipher or alias name in
// ssl_cipher_process_rulestr.
func (m *genModel) isNameChar(ch byte) bool {
	switch {
	case ch >= 'A' && ch <= 'Z', ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9', ch == '-', ch == '.':
		return true
	case ch == '=':
		return m.nameEquals
	case ch == '_':
		return m.nameUnderscore
	}
	return false
}

// isItemSep is ssl_ciph.c's ITEM_SEP.
func isItemSep(ch byte) bool { return ch == ':' || ch == ' ' || ch == ';' || ch == ',' }

// cString cuts s at the first NUL, as C sees a string.
func cString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}
