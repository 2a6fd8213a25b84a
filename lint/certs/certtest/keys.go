package certtest

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"strings"
	"testing"
)

// KeyFormat is how KeyPEM encodes a private key.
type KeyFormat int

// Key formats.
const (
	// PKCS8: "PRIVATE KEY" (RFC 5208), any key type; what certbot writes.
	PKCS8 KeyFormat = iota
	// PKCS1: "RSA PRIVATE KEY" (RFC 8017), RSA keys only.
	PKCS1
	// SEC1: "EC PRIVATE KEY" (RFC 5915), ECDSA keys only; preceded by an
	// "EC PARAMETERS" block, as `openssl ecparam -genkey` writes it.
	SEC1
	// EncryptedPKCS1: "RSA PRIVATE KEY" (or "EC PRIVATE KEY") with
	// "Proc-Type: 4,ENCRYPTED" and "DEK-Info: AES-128-CBC,…" headers,
	// OpenSSL's legacy PEM encryption (`openssl rsa -aes128`).
	EncryptedPKCS1
	// EncryptedPKCS8: "ENCRYPTED PRIVATE KEY", PBES2 with PBKDF2-HMAC-SHA256
	// and AES-256-CBC (RFC 8018), as `openssl pkcs8 -topk8 -v2 aes256`.
	EncryptedPKCS8
)

// Passphrase is the passphrase of the encrypted formats.
const Passphrase = "certtest"

// KeyPEM encodes c's private key. Both encrypted formats decrypt with
// `openssl pkey -passin pass:certtest`.
func KeyPEM(t testing.TB, c *Cert, f KeyFormat) []byte {
	t.Helper()
	out, err := keyPEM(c, f)
	if err != nil {
		t.Fatalf("certtest: encode key of %q: %v", c.Name, err)
	}
	return out
}

func keyPEM(c *Cert, f KeyFormat) ([]byte, error) {
	switch f {
	case PKCS8:
		der, err := x509.MarshalPKCS8PrivateKey(c.Key)
		if err != nil {
			return nil, err
		}
		return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
	case PKCS1:
		k, ok := c.Key.(*rsa.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("PKCS#1 needs an RSA key")
		}
		return pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}), nil
	case SEC1:
		k, ok := c.Key.(*ecdsa.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("SEC1 needs an ECDSA key")
		}
		der, err := x509.MarshalECPrivateKey(k)
		if err != nil {
			return nil, err
		}
		params, err := curveOID(k)
		if err != nil {
			return nil, err
		}
		out := pem.EncodeToMemory(&pem.Block{Type: "EC PARAMETERS", Bytes: params})
		return append(out, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der})...), nil
	case EncryptedPKCS1:
		return legacyEncrypted(c)
	case EncryptedPKCS8:
		return pbes2Encrypted(c)
	}
	return nil, fmt.Errorf("unknown key format %d", f)
}

func curveOID(k *ecdsa.PrivateKey) ([]byte, error) {
	switch k.Curve.Params().Name {
	case "P-256":
		return asn1.Marshal(asn1.ObjectIdentifier{1, 2, 840, 10045, 3, 1, 7})
	case "P-384":
		return asn1.Marshal(asn1.ObjectIdentifier{1, 3, 132, 0, 34})
	}
	return nil, fmt.Errorf("no OID for curve %s", k.Curve.Params().Name)
}

// legacyEncrypted writes OpenSSL's traditional encrypted PEM: AES-128-CBC
// with the key from EVP_BytesToKey(MD5, passphrase, IV[:8], 1), which for a
// 16-byte key is MD5(passphrase ‖ salt) (crypto/evp/evp_key.c).
func legacyEncrypted(c *Cert) ([]byte, error) {
	var der []byte
	var typ string
	switch k := c.Key.(type) {
	case *rsa.PrivateKey:
		der, typ = x509.MarshalPKCS1PrivateKey(k), "RSA PRIVATE KEY"
	case *ecdsa.PrivateKey:
		var err error
		if der, err = x509.MarshalECPrivateKey(k); err != nil {
			return nil, err
		}
		typ = "EC PRIVATE KEY"
	default:
		return nil, fmt.Errorf("legacy PEM encryption needs an RSA or ECDSA key")
	}
	iv := make([]byte, aes.BlockSize)
	if _, err := rand.Read(iv); err != nil {
		return nil, err
	}
	key := md5.Sum(append([]byte(Passphrase), iv[:8]...))
	enc, err := cbcEncrypt(key[:], iv, der)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: typ, Headers: map[string]string{
		"Proc-Type": "4,ENCRYPTED",
		"DEK-Info":  "AES-128-CBC," + strings.ToUpper(hex.EncodeToString(iv)),
	}, Bytes: enc}), nil
}

// pbes2Encrypted writes an RFC 5958 EncryptedPrivateKeyInfo with PBES2
// (RFC 8018 §6.2): PBKDF2-HMAC-SHA256, 2048 iterations, AES-256-CBC.
func pbes2Encrypted(c *Cert) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(c.Key)
	if err != nil {
		return nil, err
	}
	salt := make([]byte, 16)
	iv := make([]byte, aes.BlockSize)
	if _, err := rand.Read(salt); err != nil {
		return nil, err
	}
	if _, err := rand.Read(iv); err != nil {
		return nil, err
	}
	const iter = 2048
	key, err := pbkdf2.Key(sha256.New, Passphrase, salt, iter, 32)
	if err != nil {
		return nil, err
	}
	enc, err := cbcEncrypt(key, iv, der)
	if err != nil {
		return nil, err
	}
	type algID struct {
		Algorithm  asn1.ObjectIdentifier
		Parameters any `asn1:"optional"`
	}
	kdfParams := struct {
		Salt []byte
		Iter int
		PRF  pkix.AlgorithmIdentifier
	}{salt, iter, pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 9}, Parameters: asn1.NullRawValue}}
	pbes2Params := struct {
		KDF algID
		Enc algID
	}{
		KDF: algID{asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 12}, kdfParams},
		Enc: algID{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 42}, iv},
	}
	info := struct {
		Alg  algID
		Data []byte
	}{algID{asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}, pbes2Params}, enc}
	out, err := asn1.Marshal(info)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: out}), nil
}

// cbcEncrypt pads with PKCS#7 and encrypts with AES-CBC.
func cbcEncrypt(key, iv, plain []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	pad := aes.BlockSize - len(plain)%aes.BlockSize
	buf := make([]byte, len(plain)+pad)
	copy(buf, plain)
	for i := len(plain); i < len(buf); i++ {
		buf[i] = byte(pad)
	}
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(buf, buf)
	return buf, nil
}
