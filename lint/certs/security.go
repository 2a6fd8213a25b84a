package certs

import (
	"crypto/x509"
	"fmt"
	"math"

	"github.com/tlslint/tlslint/lint/i18n"
	"github.com/tlslint/tlslint/lint/tls"
)

// SecurityLevel is an OpenSSL security level (SSL_CTX_set_security_level)
// together with the library generation, which changes how keys and
// signatures are rated. nginx loads every served certificate through it:
// SSL_CTX_use_certificate for the first one, SSL_CTX_add0_chain_cert for the
// rest (ssl/ssl_cert.c ssl_security_cert), and refuses to start with "ee key
// too small", "ca key too small" or "ca md too weak" when one falls short.
type SecurityLevel struct {
	// Level is 0 to 5. Each level demands a minimum number of bits of
	// security (ssl/ssl_cert.c minbits_table): 1 = 80, 2 = 112, 3 = 128,
	// 4 = 192, 5 = 256; level 0 demands nothing.
	Level int
	// Legacy marks OpenSSL before 3.0. It rates SHA-1 signatures at 80 bits
	// (digest size × 4) and RSA/DSA keys by the step table of
	// BN_security_bits (1024 → 80, 2048 → 112, 3072 → 128, 7680 → 192,
	// 15360 → 256). OpenSSL 3.0 rates SHA-1 at 63 and MD5 at 39 bits
	// (crypto/x509/x509_set.c x509_sig_info_init), so SHA-1 certificates
	// already fail at level 1, and rates RSA/DSA with the NIST SP 800-56B
	// formula (crypto/rsa/rsa_lib.c ossl_ifc_ffc_compute_security_bits),
	// under which a 1963-bit modulus passes level 2 (checked against
	// OpenSSL 3.0.19: `openssl s_server` with DEFAULT@SECLEVEL=n accepts
	// RSA 920/1963/2671 bits at levels 1/2/3 and refuses one bit less).
	Legacy bool
}

// DefaultLevel is the default target: OpenSSL 3.0 at level 2, what Debian,
// Ubuntu and RHEL ship (CLI.md --openssl-version).
var DefaultLevel = SecurityLevel{Level: 2}

// weakFloor is what TL307 calls weak whatever the target: RSA/DSA under
// 2048 bits, EC under 224 bits, SHA-1 or MD5 signatures (RULES.md), that
// is, level 2 as OpenSSL 1.1.1 rates it.
var weakFloor = SecurityLevel{Level: 2, Legacy: true}

// LevelOf returns the security level of an OpenSSL target. OpenSSL 1.0.2
// has no security levels (tls.OpenSSL reports level 0).
func LevelOf(o tls.OpenSSL) SecurityLevel {
	return SecurityLevel{Level: o.SecLevel, Legacy: o.Major < 3}
}

// MinBits is the minimum security the level demands (0 at level 0).
func (s SecurityLevel) MinBits() int {
	table := [...]int{0, 80, 112, 128, 192, 256}
	return table[max(0, min(s.Level, 5))]
}

// MinRSABits is the RSA modulus size that meets the level at standard key
// sizes: 1024, 2048, 3072, 7680, 15360 (0 at level 0). Messages quote it.
func (s SecurityLevel) MinRSABits() int {
	table := [...]int{0, 1024, 2048, 3072, 7680, 15360}
	return table[max(0, min(s.Level, 5))]
}

// MinECBits is the elliptic-curve order size that meets the level: twice
// MinBits (P-224 for level 2, P-256 for 3, P-384 for 4, P-521 for 5).
func (s SecurityLevel) MinECBits() int { return 2 * s.MinBits() }

// Accepts reports whether a value rated bits (from KeySecurityBits or
// SignatureSecurityBits) passes the level. Unknown ratings (-1) pass: no
// finding without a fact.
func (s SecurityLevel) Accepts(bits int) bool { return bits < 0 || bits >= s.MinBits() }

func (s SecurityLevel) String() string {
	if s.Legacy {
		return fmt.Sprintf("security level %d (OpenSSL 1.x)", s.Level)
	}
	return fmt.Sprintf("security level %d", s.Level)
}

// KeySecurityBits rates a key as OpenSSL's EVP_PKEY_get_security_bits does:
// RSA and DSA by modulus size (see SecurityLevel.Legacy), EC keys by half
// the group order's size, Ed25519 128, Ed448 224. It returns -1 for unknown
// key types.
func KeySecurityBits(k KeyInfo, legacy bool) int {
	switch k.Type {
	case KeyRSA:
		if legacy {
			return stepSecurityBits(k.Bits)
		}
		return ifcSecurityBits(k.Bits)
	case KeyDSA:
		// DSA_security_bits → BN_security_bits(|p|, |q|) in every
		// generation; standard (L, N) pairs never lower the L rating.
		return stepSecurityBits(k.Bits)
	case KeyECDSA:
		return k.Bits / 2
	case KeyEd25519:
		return 128
	case KeyEd448:
		return 224
	}
	return -1
}

// stepSecurityBits is BN_security_bits(L, -1) (crypto/bn/bn_lib.c),
// NIST SP 800-57 Part 1 Table 2.
func stepSecurityBits(n int) int {
	switch {
	case n >= 15360:
		return 256
	case n >= 7680:
		return 192
	case n >= 3072:
		return 128
	case n >= 2048:
		return 112
	case n >= 1024:
		return 80
	}
	return 0
}

// ifcSecurityBits is the NIST SP 800-56B rev 2 Appendix D estimate that
// OpenSSL 3 uses for RSA (and DH):
//
//	E = (1.923·∛(n·ln2·ln²(n·ln2)) − 4.69) / ln2
//
// truncated and rounded to the nearest multiple of 8, with the canonical
// values of SP 800-56B and FIPS 140-2 IG 7.5 at standard sizes and the same
// caps (crypto/rsa/rsa_lib.c ossl_ifc_ffc_compute_security_bits). OpenSSL
// evaluates it in 18-bit fixed point; so does this, because at the level
// boundaries (919/920, 1962/1963, 2670/2671 bits) floating point lands on
// the other side.
func ifcSecurityBits(n int) int {
	switch n {
	case 2048:
		return 112
	case 3072:
		return 128
	case 4096:
		return 152
	case 6144:
		return 176
	case 7680:
		return 192
	case 8192:
		return 200
	case 15360:
		return 256
	}
	if n >= 687737 {
		return 1200
	}
	if n < 8 {
		return 0
	}
	capBits := 1200
	switch {
	case n <= 7680:
		capBits = 192
	case n <= 15360:
		capBits = 256
	}
	x := uint64(n) * fxLn2
	lx := fxLn(x)
	y := int((fxMul(fx1923, fxCbrt(fxMul(fxMul(x, lx), lx))) - fx469) / fxLn2)
	y = (y + 4) &^ 7
	return min(y, capBits)
}

// Fixed point with 18 fractional bits; the constants are the floor of
// 2^18 times the value, as in OpenSSL.
const fxScale = 1 << 18

var (
	fxLn2   = uint64(math.Floor(fxScale * math.Ln2))
	fxLog2E = uint64(math.Floor(fxScale * math.Log2E))
	fx1923  = uint64(math.Floor(fxScale * 1.923))
	fx469   = uint64(math.Floor(fxScale * 4.69))
)

func fxMul(a, b uint64) uint64 { return a * b / fxScale }

// fxCbrt is the cube root of a fixed-point value: the integer cube root of
// the raw value, rescaled by 2^(2·18/3).
func fxCbrt(x uint64) uint64 {
	r := uint64(math.Cbrt(float64(x)))
	for r > 0 && r*r*r > x {
		r--
	}
	for (r+1)*(r+1)*(r+1) <= x {
		r++
	}
	return r << 12
}

// fxLn is the natural logarithm of a fixed-point value above 1: its base-2
// logarithm bit by bit (by repeated squaring), divided by log2(e).
func fxLn(v uint64) uint64 {
	var r uint64
	for v >= 2*fxScale {
		v >>= 1
		r += fxScale
	}
	for i := uint64(fxScale / 2); i != 0; i /= 2 {
		v = fxMul(v, v)
		if v >= 2*fxScale {
			v >>= 1
			r += i
		}
	}
	return r * fxScale / fxLog2E
}

// SignatureSecurityBits rates a certificate signature algorithm as OpenSSL
// does (x509_sig_info_init): half the digest size, except SHA-1 (63, or 80
// before 3.0) and MD5 (39, or 64 before 3.0); Ed25519 128. MD2 is rated 0
// (no current build has it). It returns -1 for algorithms crypto/x509 does
// not know.
func SignatureSecurityBits(alg x509.SignatureAlgorithm, legacy bool) int {
	switch alg {
	case x509.MD2WithRSA:
		return 0
	case x509.MD5WithRSA:
		if legacy {
			return 64
		}
		return 39
	case x509.SHA1WithRSA, x509.DSAWithSHA1, x509.ECDSAWithSHA1:
		if legacy {
			return 80
		}
		return 63
	case x509.SHA256WithRSA, x509.DSAWithSHA256, x509.ECDSAWithSHA256, x509.SHA256WithRSAPSS, x509.PureEd25519:
		return 128
	case x509.SHA384WithRSA, x509.ECDSAWithSHA384, x509.SHA384WithRSAPSS:
		return 192
	case x509.SHA512WithRSA, x509.ECDSAWithSHA512, x509.SHA512WithRSAPSS:
		return 256
	}
	return -1
}

// WeaknessKind says what is weak.
type WeaknessKind int

// Weakness kinds.
const (
	WeakKey WeaknessKind = iota + 1
	WeakSignature
)

func (k WeaknessKind) String() string {
	switch k {
	case WeakKey:
		return "key"
	case WeakSignature:
		return "signature"
	}
	return "unknown"
}

// Weakness is a weak key or signature on a served certificate (TL307).
type Weakness struct {
	Kind   WeaknessKind
	Detail string // "RSA 1024-bit key", "SHA-1 signature (SHA1-RSA)"
	// DetailMsg is Detail as a message, for --lang.
	DetailMsg i18n.Msg
	// SecurityBits is the rating under the target library.
	SecurityBits int
	// Rejected: the target level refuses it, so nginx does not start (TL307
	// is an error); otherwise it is weak by TL307's floor (RSA/DSA < 2048,
	// EC < 224, SHA-1, MD5) but loads (a warning).
	Rejected bool
	// Reason is OpenSSL's error reason when Rejected: "ee key too small"
	// (the first certificate's key), "ca key too small" (the others'),
	// "ca md too weak" (any signature).
	Reason string
}

// Msg is String as a message, for --lang.
func (w Weakness) Msg() i18n.Msg {
	if w.Rejected {
		return i18n.Msgf("%s (%d bits of security; OpenSSL refuses it: %q)", w.DetailMsg, w.SecurityBits, w.Reason)
	}
	return i18n.Msgf("%s (%d bits of security)", w.DetailMsg, w.SecurityBits)
}

func (w Weakness) String() string {
	if w.Rejected {
		return fmt.Sprintf("%s (%d bits of security; OpenSSL refuses it: %q)", w.Detail, w.SecurityBits, w.Reason)
	}
	return fmt.Sprintf("%s (%d bits of security)", w.Detail, w.SecurityBits)
}

// Weaknesses lists what is weak about a certificate at position first (the
// first certificate of a served bundle, which OpenSSL checks as the
// end-entity) against target. A value is listed when it fails TL307's floor
// or the target; Rejected says whether the target refuses it. Self-signed
// certificates' signatures are not rated, as OpenSSL skips them
// (ssl_security_cert_sig, EXFLAG_SS).
func Weaknesses(c *x509.Certificate, first bool, target SecurityLevel) []Weakness {
	var out []Weakness
	ki := CertKeyInfo(c)
	if bits := KeySecurityBits(ki, target.Legacy); bits >= 0 {
		floor := KeySecurityBits(ki, weakFloor.Legacy)
		if !target.Accepts(bits) || !weakFloor.Accepts(floor) {
			w := Weakness{Kind: WeakKey, Detail: ki.String() + " key", DetailMsg: i18n.Msgf("%s key", ki.Msg()), SecurityBits: bits, Rejected: !target.Accepts(bits)}
			if w.Rejected {
				w.Reason = "ca key too small"
				if first {
					w.Reason = "ee key too small"
				}
			}
			out = append(out, w)
		}
	}
	if !selfSigned(c) {
		bits := SignatureSecurityBits(c.SignatureAlgorithm, target.Legacy)
		floor := SignatureSecurityBits(c.SignatureAlgorithm, weakFloor.Legacy)
		if bits >= 0 && (!target.Accepts(bits) || !weakFloor.Accepts(floor)) {
			w := Weakness{Kind: WeakSignature, Detail: sigDetail(c.SignatureAlgorithm), DetailMsg: sigDetailMsg(c.SignatureAlgorithm), SecurityBits: bits, Rejected: !target.Accepts(bits)}
			if w.Rejected {
				w.Reason = "ca md too weak"
			}
			out = append(out, w)
		}
	}
	return out
}

func sigDetail(alg x509.SignatureAlgorithm) string {
	switch alg {
	case x509.SHA1WithRSA, x509.DSAWithSHA1, x509.ECDSAWithSHA1:
		return "SHA-1 signature (" + alg.String() + ")"
	case x509.MD5WithRSA:
		return "MD5 signature (" + alg.String() + ")"
	case x509.MD2WithRSA:
		return "MD2 signature (" + alg.String() + ")"
	}
	return alg.String() + " signature"
}

// sigDetailMsg is sigDetail as a message.
func sigDetailMsg(alg x509.SignatureAlgorithm) i18n.Msg {
	switch alg {
	case x509.SHA1WithRSA, x509.DSAWithSHA1, x509.ECDSAWithSHA1:
		return i18n.Msgf("SHA-1 signature (%s)", alg.String())
	case x509.MD5WithRSA:
		return i18n.Msgf("MD5 signature (%s)", alg.String())
	case x509.MD2WithRSA:
		return i18n.Msgf("MD2 signature (%s)", alg.String())
	}
	return i18n.Msgf("%s signature", alg.String())
}

// DHSecurityBits rates finite-field DH parameters of n bits as OpenSSL
// does (DH_security_bits): OpenSSL 3 with the estimate it uses for RSA
// (ossl_ifc_ffc_compute_security_bits), 1.x with BN_security_bits. 1024
// bits rate 80, 2048 bits 112 in both.
func DHSecurityBits(n int, legacy bool) int {
	if n <= 0 {
		return -1
	}
	if legacy {
		return stepSecurityBits(n)
	}
	return ifcSecurityBits(n)
}
