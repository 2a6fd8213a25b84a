package clients

import (
	"encoding/binary"
	"fmt"

	"github.com/tlslint/tlslint/lint/i18n"
	"github.com/tlslint/tlslint/lint/tls"
)

// Server is what the server side of a handshake permits: the effective
// policy of a listener (or of a proxy towards its upstream), with defaults
// already resolved by the caller.
type Server struct {
	Versions tls.VersionSet // enabled protocol versions (ssl_protocols)
	// Suites are the TLS ≤ 1.2 suites in the server's order, already expanded
	// from the cipher string for the target (TLS 1.3 suites here are ignored).
	Suites []*tls.Suite
	// TLS13Suites are the TLS 1.3 suites in the server's order.
	TLS13Suites []*tls.Suite
	// Groups are the groups the server accepts, in its order (ssl_ecdh_curve
	// or the target's default list; the caller resolves defaults). Empty
	// means none: no ECDHE and no TLS 1.3.
	Groups []*tls.Group
	// DHBits is the size of the DH parameters for DHE suites; 0 means no
	// DHE, as nginx without ssl_dhparam.
	DHBits int
	// PreferServer: the server's order decides the suite and group
	// (ssl_prefer_server_ciphers on); otherwise the client's does.
	PreferServer bool
	// Certs are the certificates the server can serve (nginx allows one per
	// key type). None: the simulation assumes one RSA 2048-bit certificate
	// signed with SHA-256 and says so in the Result.
	Certs []Cert
	// OpenSSL is the target library and security level; the zero value
	// models no library limit (BIG-IP, or unknown).
	OpenSSL tls.OpenSSL
	// RequireSNI: clients that send no server_name cannot connect (no usable
	// default server for SNI-less clients, e.g. ssl_reject_handshake).
	RequireSNI bool
}

// KeyType is the kind of public key in a certificate.
type KeyType uint8

// Key types.
const (
	KeyRSA KeyType = iota + 1 // rsaEncryption
	KeyECDSA
	KeyDSA
	KeyEd25519
	KeyEd448
)

func (k KeyType) String() string {
	switch k {
	case KeyRSA:
		return "RSA"
	case KeyECDSA:
		return "ECDSA"
	case KeyDSA:
		return "DSA"
	case KeyEd25519:
		return "Ed25519"
	case KeyEd448:
		return "Ed448"
	}
	return "unknown"
}

// SigHash is the hash of a certificate signature. The zero value is SHA-256.
type SigHash uint8

// Signature hashes.
const (
	SigSHA256 SigHash = iota // SHA-256, or any SHA-2 hash when the exact one does not matter
	SigSHA384
	SigSHA512
	SigSHA1
	SigMD5
)

func (h SigHash) String() string {
	switch h {
	case SigSHA256:
		return "SHA-256"
	case SigSHA384:
		return "SHA-384"
	case SigSHA512:
		return "SHA-512"
	case SigSHA1:
		return "SHA-1"
	case SigMD5:
		return "MD5"
	}
	return "unknown"
}

func (h SigHash) hash() string {
	switch h {
	case SigSHA384:
		return "sha384"
	case SigSHA512:
		return "sha512"
	case SigSHA1:
		return "sha1"
	case SigMD5:
		return "md5"
	}
	return "sha256"
}

// legacy reports a hash that clients requiring SHA-2 refuse.
func (h SigHash) legacy() bool { return h == SigSHA1 || h == SigMD5 }

// Cert is a certificate the server can present.
type Cert struct {
	Key KeyType
	// Bits is the RSA or DSA modulus size, or the ECDSA curve size (256 for
	// P-256, 384, 521); ignored for Ed25519 and Ed448.
	Bits int
	// Sig is the weakest signature hash on the served chain, the trust
	// anchor's own self-signature excepted (OpenSSL does not check it either).
	Sig SigHash
}

// assumedCert is the certificate assumed when the caller knows none.
var assumedCert = Cert{Key: KeyRSA, Bits: 2048, Sig: SigSHA256}

// String renders the key as lint/certs does: "RSA 2048-bit", "ECDSA P-256", "Ed25519".
func (c Cert) String() string {
	switch c.Key {
	case KeyEd25519, KeyEd448:
		return c.Key.String()
	case KeyECDSA:
		if n, ok := nistNames[c.curve()]; ok {
			return "ECDSA " + n // as lint/certs names keys: "ECDSA P-256"
		}
	}
	return fmt.Sprintf("%s %d-bit", c.Key, c.Bits)
}

// Msg is String in a message ("RSA 2048-bit" has its unit translated).
func (c Cert) Msg() i18n.Msg {
	switch c.Key {
	case KeyEd25519, KeyEd448:
		return i18n.Msgf("%s", c.Key.String())
	case KeyECDSA:
		if n, ok := nistNames[c.curve()]; ok {
			return i18n.Msgf("%s", "ECDSA "+n)
		}
	}
	return i18n.Msgf("%s %d-bit", c.Key.String(), c.Bits)
}

var nistNames = map[uint16]string{0x0013: "P-192", 0x0015: "P-224", 0x0017: "P-256", 0x0018: "P-384", 0x0019: "P-521"}

// curve is the named group of an ECDSA key, from its size (NIST curves, the
// ones certificates use); 0 if unknown.
func (c Cert) curve() uint16 {
	if c.Key != KeyECDSA {
		return 0
	}
	switch c.Bits {
	case 192:
		return 0x0013
	case 224:
		return 0x0015
	case 256:
		return 0x0017
	case 384:
		return 0x0018
	case 521:
		return 0x0019
	}
	return 0
}

// securityBits rates the key as OpenSSL does (EVP_PKEY_get_security_bits):
// RSA/DSA by modulus (BN_security_bits), EC by half the order size.
func (c Cert) securityBits() int {
	switch c.Key {
	case KeyRSA, KeyDSA:
		return ffcSecurityBits(c.Bits)
	case KeyECDSA:
		return min(c.Bits/2, 256)
	case KeyEd25519:
		return 128
	case KeyEd448:
		return 224
	}
	return 0
}

// Key returns a compact encoding of everything the simulation reads from s,
// for memoizing: two Servers with the same Key simulate identically. It is
// an opaque binary string, not for display.
func (s *Server) Key() string {
	b := make([]byte, 0, 16+4*len(s.Suites)+4*len(s.TLS13Suites)+2*len(s.Groups)+4*len(s.Certs))
	var flags byte
	if s.PreferServer {
		flags |= 1
	}
	if s.RequireSNI {
		flags |= 2
	}
	b = append(b, byte(s.Versions), flags,
		byte(s.OpenSSL.Major), byte(s.OpenSSL.Minor), byte(s.OpenSSL.Patch), byte(s.OpenSSL.SecLevel))
	b = binary.AppendUvarint(b, uint64(s.DHBits))
	// nil entries, which the simulation ignores, are left out.
	for _, list := range [][]*tls.Suite{s.Suites, s.TLS13Suites} {
		list = dropNil(list)
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, su := range list {
			b = binary.AppendUvarint(b, uint64(su.Code))
		}
	}
	gs := dropNil(s.Groups)
	b = binary.AppendUvarint(b, uint64(len(gs)))
	for _, g := range gs {
		b = binary.AppendUvarint(b, uint64(g.ID))
	}
	b = binary.AppendUvarint(b, uint64(len(s.Certs)))
	for _, c := range s.Certs {
		b = append(b, byte(c.Key), byte(c.Sig))
		b = binary.AppendUvarint(b, uint64(c.Bits))
	}
	return string(b)
}
