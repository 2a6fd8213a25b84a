package clients

import (
	"strings"

	"github.com/tlslint/tlslint/lint/i18n"
	"github.com/tlslint/tlslint/lint/tls"
)

// library is what the server's TLS library forbids, derived from the target
// OpenSSL and its security level. The zero target (BIG-IP, or no target
// known) forbids nothing: tlslint does not guess a library's limits.
//
// Facts, from OpenSSL's ssl/ssl_cert.c ssl_security_default_callback (1.1.0,
// 1.1.1, 3.x) unless noted:
//   - level n requires minBits[n] bits of security from everything it checks
//     (80, 112, 128, 192, 256 for levels 1-5); level 0 allows anything but DH
//     parameters under 1024 bits (1.1.0+).
//   - suites: strength below the level, anonymous (aNULL), MD5 MAC, SHA-1 MAC
//     above 160 bits, non-forward-secret from level 3; 1.1.x also refuses RC4
//     from level 2 (3.x has no RC4 in its default provider at all).
//   - versions, 1.1.x: SSLv3 refused from level 2, TLS 1.0 from 3, TLS 1.1
//     from 4. 3.x: SSLv3, TLS 1.0 and TLS 1.1 need level 0 (CHANGES.md for
//     3.0: their MD5/SHA-1 handshake signatures fall below level 1; later
//     3.x releases state it in the callback itself).
//   - certificates and DH parameters are checked when the server loads them:
//     a key or a signature hash below the level is refused ("ee key too
//     small", "ca md too weak", "dh key too small"), so nginx does not start.
//     3.x rates SHA-1 signatures at 63 bits and MD5 at 39
//     (crypto/x509/x509_set.c x509_sig_info_init), so a SHA-1-signed
//     certificate already fails at level 1 (checked against OpenSSL 3.0.19:
//     SSL_CTX_use_certificate "ca md too weak" at level 1, accepted at 0);
//     1.1.x rates them at half the digest size (80 and 64 bits).
//   - signature algorithms in the handshake: 3.x rates SHA-1 at 64 bits and
//     MD5 at 39 (ssl/t1_lib.c sigalg_security_bits), 1.1.x at half the
//     digest size.
type library struct {
	o       tls.OpenSSL
	known   bool
	level   int
	minBits int
}

var levelBits = [...]int{0, 80, 112, 128, 192, 256}

func libraryFor(o tls.OpenSSL) library {
	l := library{o: o, known: !o.IsZero()}
	if !l.known || !o.AtLeast(1, 1, 0) { // 1.0.2 has no security levels
		return l
	}
	l.level = min(max(o.SecLevel, 0), 5)
	l.minBits = levelBits[l.level]
	return l
}

func (l library) v3() bool { return l.known && l.o.Major >= 3 }

// name is how reasons refer to the target: "OpenSSL 3.0 at security level 2".
func (l library) name() i18n.Msg {
	if !l.known {
		return i18n.Msgf("the server's TLS library")
	}
	if !l.o.AtLeast(1, 1, 0) {
		return i18n.Msgf("%s", "OpenSSL "+l.o.String())
	}
	v, _, _ := strings.Cut(l.o.String(), "@")
	return i18n.Msgf("OpenSSL %s at security level %d", v, l.level)
}

// versionRefusal says why the target cannot negotiate v, as a message
// whose last argument, the version(s), is still missing (the caller
// appends it), so that versions refused for the same reason read as one
// sentence; the zero Msg when v is fine. Its Format tells the reasons
// apart (the library's name is the same for every version).
func (l library) versionRefusal(v tls.Version) i18n.Msg {
	if !l.known {
		return i18n.Msg{}
	}
	switch {
	case v == tls.SSLv2:
		// Removed from default builds in 1.0.2g (DROWN, CVE-2016-0800) and from the code in 1.1.0.
		return i18n.Msgf("OpenSSL has no %s since 1.0.2g")
	case v == tls.SSLv3 && l.o.AtLeast(1, 1, 0):
		// 1.1.0 CHANGES: SSLv3 is disabled at build time unless configured with enable-ssl3.
		return i18n.Msgf("OpenSSL 1.1.0 and later are built without %s")
	case v == tls.TLS13 && !l.o.AtLeast(1, 1, 1):
		return i18n.Msgf("%s needs OpenSSL 1.1.1")
	case l.level == 0:
		return i18n.Msg{}
	case l.v3() && v < tls.TLS12:
		return i18n.Msgf("%s forbids %s (OpenSSL 3 allows TLS below 1.2 only at security level 0)", l.name())
	case !l.v3() && (v == tls.SSLv3 && l.level >= 2 || v == tls.TLS10 && l.level >= 3 || v == tls.TLS11 && l.level >= 4):
		return i18n.Msgf("%s forbids %s", l.name())
	}
	return i18n.Msg{}
}

// cipherRefusal says why the security level refuses suite s ("56-bit
// strength, below …"), or the zero Msg.
func (l library) cipherRefusal(s *tls.Suite) i18n.Msg {
	if l.level == 0 {
		return i18n.Msg{}
	}
	enc, _, _ := strings.Cut(s.Enc, "(")
	switch {
	case s.Bits < l.minBits:
		return i18n.Msgf("%d-bit strength, below the %d bits the level requires", s.Bits, l.minBits)
	case s.Au == "None":
		return i18n.Msgf("anonymous")
	case s.Mac == "MD5":
		return i18n.Msgf("%s", "MD5 MAC")
	case s.Mac == "SHA1" && l.minBits > 160:
		return i18n.Msgf("SHA-1 MAC, refused from level 4")
	case !l.v3() && enc == "RC4" && l.level >= 2:
		return i18n.Msgf("RC4, refused by OpenSSL 1.1 from level 2")
	case l.level >= 3 && !s.TLS13() && !s.ForwardSecret():
		return i18n.Msgf("not forward secret, refused from level 3")
	}
	return i18n.Msg{}
}

// groupAllowed reports whether the security level lets g be negotiated
// (tls_group_allowed, SSL_SECOP_CURVE_SHARED with the group's security bits).
func (l library) groupAllowed(g *tls.Group) bool {
	return l.level == 0 || g.SecBits >= l.minBits
}

// sigAlgAllowed reports whether the level lets the handshake be signed with s.
func (l library) sigAlgAllowed(s SigAlg) bool {
	if l.level == 0 {
		return true
	}
	info, ok := sigAlgs[s]
	if !ok {
		return false
	}
	return l.hashBits(info.hash, info.key) >= l.minBits
}

// hashBits is the security OpenSSL credits a signature hash with (see the
// type comment for SHA-1 and MD5 in 3.x).
func (l library) hashBits(hash string, key KeyType) int {
	switch hash {
	case "md5":
		if l.v3() {
			return 39
		}
		return 64
	case "sha1":
		if l.v3() {
			return 64
		}
		return 80
	case "sha224":
		return 112
	case "sha256":
		return 128
	case "sha384":
		return 192
	case "sha512":
		return 256
	case "":
		if key == KeyEd448 {
			return 224
		}
		return 128 // Ed25519
	}
	return 0
}

// configRefusal says why the target refuses to load the server's
// certificates or DH parameters, or "": nginx then fails to start.
func (l library) configRefusal(certs []Cert, dhBits int) i18n.Msg {
	if !l.known || !l.o.AtLeast(1, 1, 0) {
		return i18n.Msg{}
	}
	if dhBits > 0 {
		sec := ffcSecurityBits(dhBits)
		if l.level == 0 && sec < 80 {
			return i18n.Msgf("%s refuses %d-bit DH parameters, under 1024 bits even at level 0 (\"dh key too small\"); the server does not start", l.name(), dhBits)
		}
		if sec < l.minBits {
			return i18n.Msgf("%s refuses %d-bit DH parameters (\"dh key too small\"; the level needs %d bits of security); the server does not start", l.name(), dhBits, l.minBits)
		}
	}
	if l.level == 0 {
		return i18n.Msg{}
	}
	for _, c := range certs {
		if sec := c.securityBits(); sec < l.minBits {
			return i18n.Msgf("%s refuses the %s certificate (\"ee key too small\"; the level needs %d bits of security); the server does not start", l.name(), c.Msg(), l.minBits)
		}
		if sec := l.hashBits(c.Sig.hash(), c.Key); sec < l.minBits {
			return i18n.Msgf("%s refuses a certificate signed with %s (\"ca md too weak\"); the server does not start", l.name(), c.Sig)
		}
	}
	return i18n.Msg{}
}

// rfc4492Fallback reports whether the server picks its own group for a TLS
// ≤ 1.2 client that sends no supported_groups extension. RFC 4492 §4 lets it
// choose any curve, and OpenSSL up to 1.1.0 does (ssl/t1_lib.c
// tls1_shared_curve: "If the client didn't send the elliptic_curves extension
// all of them are allowed"). OpenSSL 1.1.1 rewrote the group code without
// that fallback: such a client gets no ECDHE suite (checked against OpenSSL
// 3.0.19: handshake_failure for a ClientHello with only ECDHE suites and no
// supported_groups). An unknown library is given the RFC's behaviour.
func (l library) rfc4492Fallback() bool {
	return !l.known || !l.o.AtLeast(1, 1, 1)
}

// ffcSecurityBits rates an RSA, DSA or DH modulus the way OpenSSL's
// BN_security_bits does (crypto/bn/bn_lib.c, NIST SP 800-57 part 1 table 2).
func ffcSecurityBits(bits int) int {
	switch {
	case bits >= 15360:
		return 256
	case bits >= 7680:
		return 192
	case bits >= 3072:
		return 128
	case bits >= 2048:
		return 112
	case bits >= 1024:
		return 80
	}
	return 0
}
