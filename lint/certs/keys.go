package certs

import (
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
)

// Private keys are parsed with crypto/x509 only to derive the public key.
// The public key is copied out of the private key structure (rsa.PrivateKey
// and ecdsa.PrivateKey embed theirs, and a pointer to it would keep the
// whole private key reachable) and the private key is dropped on return.

type keyOutcome int

const (
	keyOK keyOutcome = iota
	keyUnsupported
	keyBroken
)

type keyResult struct {
	outcome keyOutcome
	// detail: for keyUnsupported, what the key is; for keyBroken, what was
	// expected. Never derived from the key bytes.
	detail string
}

// parsePrivateKey derives the public key from a DER private key. The label
// says which encoding to try first ("RSA PRIVATE KEY": PKCS#1, "EC PRIVATE
// KEY": SEC1, "PRIVATE KEY": PKCS#8); the others are tried next, since
// mislabelled blocks occur and OpenSSL 3's decoders accept them.
func parsePrivateKey(der []byte, label string) (*Key, keyResult) {
	type attempt struct {
		format KeyFormat
		parse  func([]byte) (any, error)
	}
	pkcs1 := attempt{KeyPKCS1, func(d []byte) (any, error) { return x509.ParsePKCS1PrivateKey(d) }}
	pkcs8 := attempt{KeyPKCS8, x509.ParsePKCS8PrivateKey}
	sec1 := attempt{KeySEC1, func(d []byte) (any, error) { return x509.ParseECPrivateKey(d) }}
	order := []attempt{pkcs8, pkcs1, sec1}
	expected := "a PKCS#8, PKCS#1 or SEC1 private key"
	switch label {
	case "RSA PRIVATE KEY":
		order = []attempt{pkcs1, pkcs8, sec1}
		expected = "a PKCS#1 RSA private key"
	case "EC PRIVATE KEY":
		order = []attempt{sec1, pkcs8, pkcs1}
		expected = "a SEC1 EC private key"
	case "PRIVATE KEY":
		expected = "a PKCS#8 private key"
	}
	for _, a := range order {
		priv, err := a.parse(der)
		if err != nil {
			continue
		}
		pub, ok := publicOf(priv)
		if !ok {
			return nil, keyResult{keyUnsupported, "private key of a type tlslint does not compare (" + privateKeyKind(priv) + ")"}
		}
		return &Key{Format: a.format, Public: pub, Info: KeyInfoOf(pub)}, keyResult{outcome: keyOK}
	}
	if what, ok := unsupportedKey(der); ok {
		return nil, keyResult{keyUnsupported, what}
	}
	return nil, keyResult{keyBroken, expected}
}

// publicOf copies the public half out of a private key.
func publicOf(priv any) (crypto.PublicKey, bool) {
	switch k := priv.(type) {
	case *rsa.PrivateKey:
		return &rsa.PublicKey{N: new(big.Int).Set(k.N), E: k.E}, true
	case *ecdsa.PrivateKey:
		raw, err := k.PublicKey.Bytes()
		if err != nil {
			return nil, false
		}
		pub, err := ecdsa.ParseUncompressedPublicKey(k.Curve, raw)
		if err != nil {
			return nil, false
		}
		return pub, true
	case ed25519.PrivateKey:
		return k.Public(), true // Public copies the 32 public bytes
	}
	return nil, false
}

func privateKeyKind(priv any) string {
	if _, ok := priv.(*ecdh.PrivateKey); ok {
		return "X25519 key-agreement key"
	}
	return fmt.Sprintf("%T", priv) // the type's name only
}

var (
	oidRSAPSS  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidDSA     = asn1.ObjectIdentifier{1, 2, 840, 10040, 4, 1}
	oidDH      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 3, 1}
	oidX25519  = asn1.ObjectIdentifier{1, 3, 101, 110}
	oidX448    = asn1.ObjectIdentifier{1, 3, 101, 111}
	oidECPub   = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidP224    = asn1.ObjectIdentifier{1, 3, 132, 0, 33}
	oidP256    = asn1.ObjectIdentifier{1, 2, 840, 10045, 3, 1, 7}
	oidP384    = asn1.ObjectIdentifier{1, 3, 132, 0, 34}
	oidP521    = asn1.ObjectIdentifier{1, 3, 132, 0, 35}
	knownCurve = []asn1.ObjectIdentifier{oidP224, oidP256, oidP384, oidP521}
)

// unsupportedKey recognizes well-formed keys crypto/x509 does not parse, so
// that they are noted rather than reported as broken: PKCS#8 keys of other
// algorithms and EC keys on curves other than the NIST ones (brainpool).
func unsupportedKey(der []byte) (string, bool) {
	var p8 struct {
		Version    int
		Algo       pkix.AlgorithmIdentifier
		PrivateKey []byte
	}
	if _, err := asn1.Unmarshal(der, &p8); err == nil {
		clear(p8.PrivateKey)
		oid := p8.Algo.Algorithm
		switch {
		case oid.Equal(oidEd448):
			return "Ed448 private key; tlslint does not compare Ed448 keys", true
		case oid.Equal(oidX25519), oid.Equal(oidX448), oid.Equal(oidDH):
			return "key-agreement private key (" + oid.String() + "), not a certificate key", true
		case oid.Equal(oidDSA):
			return "DSA private key; tlslint does not compare DSA keys", true
		case oid.Equal(oidRSAPSS):
			return "RSASSA-PSS private key; tlslint does not compare RSA-PSS keys", true
		case oid.Equal(oidECPub):
			var curve asn1.ObjectIdentifier
			if _, err := asn1.Unmarshal(p8.Algo.Parameters.FullBytes, &curve); err == nil && !isKnownCurve(curve) {
				return "EC private key on curve " + curve.String() + ", which tlslint cannot parse", true
			}
		}
		return "", false
	}
	var sec1 struct {
		Version    int
		PrivateKey []byte
		Curve      asn1.ObjectIdentifier `asn1:"optional,explicit,tag:0"`
		PublicKey  asn1.BitString        `asn1:"optional,explicit,tag:1"`
	}
	if _, err := asn1.Unmarshal(der, &sec1); err == nil {
		clear(sec1.PrivateKey)
		if sec1.Version == 1 && len(sec1.Curve) > 0 && !isKnownCurve(sec1.Curve) {
			return "EC private key on curve " + sec1.Curve.String() + ", which tlslint cannot parse", true
		}
	}
	return "", false
}

func isKnownCurve(oid asn1.ObjectIdentifier) bool {
	for _, c := range knownCurve {
		if c.Equal(oid) {
			return true
		}
	}
	return false
}
