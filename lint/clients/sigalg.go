package clients

import "fmt"

// SigAlg is a TLS SignatureScheme code point (RFC 8446 §4.2.3; the TLS 1.2
// HashAlgorithm/SignatureAlgorithm pairs of RFC 5246 §7.4.1.4.1 share the
// encoding: high byte hash, low byte signature).
type SigAlg uint16

// sigAlgInfo is what the simulation needs to know about a signature scheme.
type sigAlgInfo struct {
	name  string
	key   KeyType
	hash  string // "sha1", "sha256", ...; "" for EdDSA
	curve uint16 // ECDSA in TLS 1.3: the group the scheme binds (0 = any curve, TLS 1.2 meaning)
	// tls13 reports whether TLS 1.3 allows the scheme for CertificateVerify
	// (RFC 8446 §4.2.3: no SHA-1, no SHA-224, no PKCS#1 v1.5, no DSA).
	tls13 bool
	// rsaPSSKey marks rsa_pss_pss_*: it needs an RSASSA-PSS key, which Cert
	// does not model (KeyRSA is an rsaEncryption key).
	rsaPSSKey bool
}

// sigAlgs lists the schemes found in the profiles' ClientHellos and in
// OpenSSL's default list (ssl/t1_lib.c tls12_sigalgs). Names follow RFC 8446
// and the IANA TLS SignatureScheme registry.
var sigAlgs = map[SigAlg]sigAlgInfo{
	0x0101: {name: "rsa_md5", key: KeyRSA, hash: "md5"},
	0x0201: {name: "rsa_pkcs1_sha1", key: KeyRSA, hash: "sha1"},
	0x0202: {name: "dsa_sha1", key: KeyDSA, hash: "sha1"},
	0x0203: {name: "ecdsa_sha1", key: KeyECDSA, hash: "sha1"},
	0x0301: {name: "rsa_pkcs1_sha224", key: KeyRSA, hash: "sha224"},
	0x0302: {name: "dsa_sha224", key: KeyDSA, hash: "sha224"},
	0x0303: {name: "ecdsa_sha224", key: KeyECDSA, hash: "sha224"},
	0x0401: {name: "rsa_pkcs1_sha256", key: KeyRSA, hash: "sha256"},
	0x0402: {name: "dsa_sha256", key: KeyDSA, hash: "sha256"},
	0x0403: {name: "ecdsa_secp256r1_sha256", key: KeyECDSA, hash: "sha256", curve: 0x0017, tls13: true},
	0x0501: {name: "rsa_pkcs1_sha384", key: KeyRSA, hash: "sha384"},
	0x0502: {name: "dsa_sha384", key: KeyDSA, hash: "sha384"},
	0x0503: {name: "ecdsa_secp384r1_sha384", key: KeyECDSA, hash: "sha384", curve: 0x0018, tls13: true},
	0x0601: {name: "rsa_pkcs1_sha512", key: KeyRSA, hash: "sha512"},
	0x0602: {name: "dsa_sha512", key: KeyDSA, hash: "sha512"},
	0x0603: {name: "ecdsa_secp521r1_sha512", key: KeyECDSA, hash: "sha512", curve: 0x0019, tls13: true},
	0x0804: {name: "rsa_pss_rsae_sha256", key: KeyRSA, hash: "sha256", tls13: true},
	0x0805: {name: "rsa_pss_rsae_sha384", key: KeyRSA, hash: "sha384", tls13: true},
	0x0806: {name: "rsa_pss_rsae_sha512", key: KeyRSA, hash: "sha512", tls13: true},
	0x0807: {name: "ed25519", key: KeyEd25519, tls13: true},
	0x0808: {name: "ed448", key: KeyEd448, tls13: true},
	0x0809: {name: "rsa_pss_pss_sha256", key: KeyRSA, hash: "sha256", tls13: true, rsaPSSKey: true},
	0x080A: {name: "rsa_pss_pss_sha384", key: KeyRSA, hash: "sha384", tls13: true, rsaPSSKey: true},
	0x080B: {name: "rsa_pss_pss_sha512", key: KeyRSA, hash: "sha512", tls13: true, rsaPSSKey: true},
	// RFC 8734: the brainpool schemes bind the certificate key's curve
	// (brainpoolP256r1 etc., the TLS 1.2 group code points 0x001A-0x001C).
	0x081A: {name: "ecdsa_brainpoolP256r1tls13_sha256", key: KeyECDSA, hash: "sha256", curve: 0x001A, tls13: true},
	0x081B: {name: "ecdsa_brainpoolP384r1tls13_sha384", key: KeyECDSA, hash: "sha384", curve: 0x001B, tls13: true},
	0x081C: {name: "ecdsa_brainpoolP512r1tls13_sha512", key: KeyECDSA, hash: "sha512", curve: 0x001C, tls13: true},
}

// serverSigAlgOrder is OpenSSL's default preference (ssl/t1_lib.c
// tls12_sigalgs, 1.1.1 to 3.x), used when the server's preference decides
// (SSL_OP_CIPHER_SERVER_PREFERENCE, tls1_set_shared_sigalgs).
var serverSigAlgOrder = []SigAlg{
	0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x081A, 0x081B, 0x081C,
	0x0809, 0x080A, 0x080B, 0x0804, 0x0805, 0x0806,
	0x0401, 0x0501, 0x0601, 0x0303, 0x0203, 0x0301, 0x0201,
	0x0302, 0x0202, 0x0402, 0x0502, 0x0602,
}

// String returns the RFC 8446 name, or the code point in hex.
func (s SigAlg) String() string {
	if info, ok := sigAlgs[s]; ok {
		return info.name
	}
	return fmt.Sprintf("0x%04X", uint16(s))
}

// tls12DefaultSigAlgs is what a TLS 1.2 peer assumes when the client sends no
// signature_algorithms: SHA-1 with the key's algorithm (RFC 5246 §7.4.1.4.1).
var tls12DefaultSigAlgs = []SigAlg{0x0201, 0x0203, 0x0202}
