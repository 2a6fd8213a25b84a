package certs

import (
	"crypto"
	//lint:ignore SA1019 DSA certificates still exist in old PKIs; only their size is read.
	"crypto/dsa"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"fmt"

	"github.com/tlslint/tlslint/lint/i18n"
)

// KeyType is the kind of public key in a certificate or private key.
type KeyType int

// Key types.
const (
	KeyUnknown KeyType = iota
	KeyRSA             // rsaEncryption (RFC 8017)
	KeyECDSA           // id-ecPublicKey on a named curve (RFC 5480)
	KeyEd25519         // RFC 8410
	KeyEd448           // RFC 8410; crypto/x509 cannot use it, only its type is known
	KeyDSA
)

func (t KeyType) String() string {
	switch t {
	case KeyRSA:
		return "RSA"
	case KeyECDSA:
		return "ECDSA"
	case KeyEd25519:
		return "Ed25519"
	case KeyEd448:
		return "Ed448"
	case KeyDSA:
		return "DSA"
	}
	return "unknown"
}

// KeyInfo is a key's type and size: what TL307 and TL310 need.
type KeyInfo struct {
	Type KeyType
	// Bits is the RSA or DSA modulus size, the ECDSA curve's order size
	// (224, 256, 384, 521), 256 for Ed25519 and 456 for Ed448.
	Bits  int
	Curve string // "P-256", … for ECDSA; empty otherwise
}

// String renders "RSA 2048-bit", "ECDSA P-256", "Ed25519".
func (k KeyInfo) String() string {
	switch k.Type {
	case KeyECDSA:
		if k.Curve != "" {
			return "ECDSA " + k.Curve
		}
	case KeyEd25519, KeyEd448:
		return k.Type.String()
	case KeyUnknown:
		return "unknown key type"
	}
	return fmt.Sprintf("%s %d-bit", k.Type, k.Bits)
}

// Msg is String in a message: the unit and "unknown key type" translate.
func (k KeyInfo) Msg() i18n.Msg {
	switch k.Type {
	case KeyECDSA:
		if k.Curve != "" {
			return i18n.Msgf("%s", "ECDSA "+k.Curve)
		}
	case KeyEd25519, KeyEd448:
		return i18n.Msgf("%s", k.Type.String())
	case KeyUnknown:
		return i18n.Msgf("unknown key type")
	}
	return i18n.Msgf("%s %d-bit", k.Type.String(), k.Bits)
}

// KeyInfoOf describes a public key as parsed by crypto/x509.
func KeyInfoOf(pub crypto.PublicKey) KeyInfo {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return KeyInfo{Type: KeyRSA, Bits: k.N.BitLen()}
	case *ecdsa.PublicKey:
		p := k.Curve.Params()
		return KeyInfo{Type: KeyECDSA, Bits: p.N.BitLen(), Curve: p.Name}
	case ed25519.PublicKey:
		return KeyInfo{Type: KeyEd25519, Bits: 256}
	case *dsa.PublicKey:
		return KeyInfo{Type: KeyDSA, Bits: k.P.BitLen()}
	}
	return KeyInfo{}
}

// oidEd448 is id-Ed448 (RFC 8410 §3).
var oidEd448 = asn1.ObjectIdentifier{1, 3, 101, 113}

// CertKeyInfo is KeyInfoOf for a certificate, also naming Ed448 keys, which
// crypto/x509 leaves unparsed.
func CertKeyInfo(c *x509.Certificate) KeyInfo {
	if c.PublicKeyAlgorithm != x509.UnknownPublicKeyAlgorithm {
		return KeyInfoOf(c.PublicKey)
	}
	var spki struct {
		Algorithm struct {
			Algorithm asn1.ObjectIdentifier
		}
	}
	if _, err := asn1.UnmarshalWithParams(c.RawSubjectPublicKeyInfo, &spki, ""); err == nil && spki.Algorithm.Algorithm.Equal(oidEd448) {
		return KeyInfo{Type: KeyEd448, Bits: 456}
	}
	return KeyInfo{}
}
