package tls

import (
	"strings"

	"github.com/tlslint/tlslint/lint/i18n"
)

// Suite is one cipher suite of the catalogue. The string fields use the
// spellings `openssl ciphers -v` prints, so the `ciphers` command and the
// differential test can print and compare them directly.
type Suite struct {
	Code   uint32  // IANA code point (0xC02F); SSLv2 suites use their three-byte code
	Name   string  // OpenSSL name ("ECDHE-RSA-AES128-GCM-SHA256"; TLS 1.3: "TLS_AES_128_GCM_SHA256"); "" if OpenSSL never had one
	IANA   string  // IANA/RFC name ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
	Proto  Version // protocol column of `openssl ciphers -v` (SSLv3 for suites usable from SSLv3 on)
	Kx     string  // key exchange: "RSA", "DH", "ECDH", "PSK", "ECDHEPSK", "any", ...
	Au     string  // authentication: "RSA", "ECDSA", "DSS", "None", "PSK", "any", ...
	Enc    string  // encryption with bits: "AESGCM(128)", "3DES(168)", "RC4(128)", "None"
	Mac    string  // "AEAD", "SHA1", "SHA256", "SHA384", "MD5"
	Bits   int     // symmetric strength in bits (0 for NULL; 112 for 3DES)
	Export bool    // an EXPORT suite
}

// TLS13 reports whether s is a TLS 1.3 suite (set with Ciphersuites, not with the cipher list).
func (s *Suite) TLS13() bool { return s.Proto == TLS13 }

// DisplayName is the OpenSSL name, or the IANA name for suites OpenSSL never named.
func (s *Suite) DisplayName() string {
	if s.Name != "" {
		return s.Name
	}
	return s.IANA
}

// kxBase strips the export key size: "RSA(512)" → "RSA".
func (s *Suite) kxBase() string {
	kx, _, _ := strings.Cut(s.Kx, "(")
	return kx
}

// encBase strips the key size: "AESGCM(128)" → "AESGCM".
func (s *Suite) encBase() string {
	enc, _, _ := strings.Cut(s.Enc, "(")
	return enc
}

// ForwardSecret reports whether the key exchange is ephemeral, so that a
// later compromise of the server's key does not reveal past sessions:
// (EC)DHE, (EC)DHE-PSK, the CECPQ1 experiment, and every TLS 1.3 suite
// (RFC 8446 §2: key exchange is always (EC)DHE, or PSK with (EC)DHE in
// practice). Static RSA, fixed (EC)DH ("DH/RSA", "ECDH/ECDSA"), plain PSK,
// SRP, KRB5 and GOST key transport are not.
func (s *Suite) ForwardSecret() bool {
	switch s.kxBase() {
	case "DH", "ECDH", "DHEPSK", "ECDHEPSK", "CECPQ1", "any":
		return true
	}
	return false
}

// Broken reports whether the suite offers no real protection today, with the
// reason. The classes follow RFC 7465 (RC4), RFC 6176 (SSLv2), RFC 5246
// Appendix F.1.1.1 (anonymous suites are open to man-in-the-middle), RFC 4346
// A.5 (EXPORT), RFC 8996's rationale for weak primitives, and FREAK/Logjam.
func (s *Suite) Broken() (bool, string) {
	ok, why := s.BrokenMsg()
	return ok, why.String()
}

// BrokenMsg is Broken with the reason as a message, for --lang.
func (s *Suite) BrokenMsg() (bool, i18n.Msg) {
	enc := s.encBase()
	switch {
	case enc == "None":
		return true, i18n.Msgf("NULL encryption: traffic is sent in clear text")
	case s.Au == "None":
		return true, i18n.Msgf("anonymous key exchange: no server authentication, trivially intercepted")
	case s.Export:
		return true, i18n.Msgf("EXPORT-grade suite (40/56-bit keys, FREAK/Logjam)")
	case enc == "DES":
		return true, i18n.Msgf("single DES (56-bit key) is brute-forced in hours")
	case enc == "RC4":
		return true, i18n.Msgf("RC4 has exploitable keystream biases (RFC 7465 prohibits it)")
	case enc == "RC2":
		return true, i18n.Msgf("RC2 is a broken 1980s cipher")
	case s.Mac == "MD5":
		return true, i18n.Msgf("MD5 MAC")
	case s.Proto == SSLv2:
		return true, i18n.Msgf("SSLv2-only suite (RFC 6176)")
	}
	return false, i18n.Msg{}
}

// Weak reports whether the suite is deprecated by current guidance (Mozilla
// server-side TLS "intermediate", NIST SP 800-52r2) without being Broken,
// with the reason. A Broken suite may also report a weakness; callers check
// Broken first.
func (s *Suite) Weak() (bool, string) {
	ok, why := s.WeakMsg()
	return ok, why.String()
}

// WeakMsg is Weak with the reason as a message, for --lang.
func (s *Suite) WeakMsg() (bool, i18n.Msg) {
	enc := s.encBase()
	kx := s.kxBase()
	switch {
	case enc == "3DES":
		return true, i18n.Msgf("3DES has a 64-bit block (Sweet32, CVE-2016-2183)")
	case enc == "IDEA":
		return true, i18n.Msgf("IDEA has a 64-bit block and was removed from TLS 1.2 (RFC 5469)")
	case enc == "SEED":
		return true, i18n.Msgf("SEED is a legacy national cipher with no AEAD mode in TLS")
	case enc == "GOST" || strings.HasPrefix(s.Mac, "GOST"):
		return true, i18n.Msgf("GOST 28147 suites are legacy national suites (RFC 9189 replaces them)")
	case kx == "RSA" || kx == "RSAPSK":
		return true, i18n.Msgf("static RSA key exchange: no forward secrecy, ROBOT-style oracles")
	case strings.Contains(kx, "/"):
		return true, i18n.Msgf("fixed (EC)DH key exchange: no forward secrecy")
	case kx == "KRB5":
		return true, i18n.Msgf("Kerberos key exchange (RFC 2712) without forward secrecy")
	case s.Mac == "SHA1" || s.Mac == "M1":
		return true, i18n.Msgf("CBC mode with a SHA-1 MAC (Lucky13-style padding oracles, SHA-1)")
	}
	return false, i18n.Msg{}
}

// AEAD reports whether the suite uses authenticated encryption (GCM, CCM, ChaCha20-Poly1305).
func (s *Suite) AEAD() bool { return s.Mac == "AEAD" }

// MinVersion is the oldest protocol version in which the suite can be
// negotiated: the protocol column (TLS 1.3 suites only in 1.3, suites with
// SHA-256/384 PRFs or AEAD ciphers from TLS 1.2 per RFC 5246, ECC suites
// from TLS 1.0 per RFC 4492, the others from SSLv3).
func (s *Suite) MinVersion() Version { return s.Proto }

// MaxVersion is the newest protocol version in which the suite can be
// negotiated: TLS 1.3 suites only in 1.3 (RFC 8446 §B.4), SSLv2 suites only
// in SSLv2, EXPORT suites up to TLS 1.0 (RFC 4346 A.5 forbids them from TLS
// 1.1 on), single-DES and IDEA suites up to TLS 1.1 (RFC 5469; OpenSSL 1.1.0+
// gives IDEA-CBC-SHA max_tls TLS1_1_VERSION), everything else up to TLS 1.2
// (TLS 1.3 has its own suites).
func (s *Suite) MaxVersion() Version {
	switch enc := s.encBase(); {
	case s.Proto == TLS13:
		return TLS13
	case s.Proto == SSLv2:
		return SSLv2
	case s.Export:
		return TLS10
	case enc == "IDEA" || enc == "DES":
		return TLS11
	}
	return TLS12
}

// Versions is the set of versions from MinVersion to MaxVersion.
func (s *Suite) Versions() VersionSet { return Range(s.MinVersion(), s.MaxVersion()) }

// AuthKey is the kind of certificate key the suite needs: "RSA", "ECDSA"
// (any EC key, also for fixed-ECDH suites), "DSA", "DH" (fixed-DH suites need
// a DH certificate), "GOST", "" when no certificate is used (anonymous, PSK,
// SRP, Kerberos) and "any" for TLS 1.3, where the suite does not fix the
// certificate type (RFC 8446 §4.2.3).
func (s *Suite) AuthKey() string {
	switch s.Au {
	case "any":
		return "any"
	case "RSA":
		return "RSA"
	case "ECDSA", "ECDH":
		return "ECDSA"
	case "DSS":
		return "DSA"
	case "DH":
		return "DH"
	}
	if strings.HasPrefix(s.Au, "GOST") {
		return "GOST"
	}
	return ""
}
