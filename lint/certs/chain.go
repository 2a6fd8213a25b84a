package certs

import (
	"bytes"
	"crypto"
	"crypto/md5"
	"crypto/rsa"
	"crypto/x509"
)

// selfSigned follows OpenSSL's EXFLAG_SS (crypto/x509/v3_purp.c
// ossl_x509v3_cache_extensions): the subject equals the issuer, the
// authority key identifier (if any) matches the subject key identifier, and
// the signature algorithm fits the certificate's own key type. OpenSSL does
// not verify the signature for this flag, and neither does this.
func selfSigned(c *x509.Certificate) bool {
	if !bytes.Equal(c.RawSubject, c.RawIssuer) {
		return false
	}
	if len(c.AuthorityKeyId) > 0 && len(c.SubjectKeyId) > 0 && !bytes.Equal(c.AuthorityKeyId, c.SubjectKeyId) {
		return false
	}
	return sigFitsKey(c.SignatureAlgorithm, c.PublicKeyAlgorithm)
}

func sigFitsKey(sig x509.SignatureAlgorithm, key x509.PublicKeyAlgorithm) bool {
	switch sig {
	case x509.MD2WithRSA, x509.MD5WithRSA, x509.SHA1WithRSA, x509.SHA256WithRSA, x509.SHA384WithRSA, x509.SHA512WithRSA,
		x509.SHA256WithRSAPSS, x509.SHA384WithRSAPSS, x509.SHA512WithRSAPSS:
		return key == x509.RSA
	case x509.DSAWithSHA1, x509.DSAWithSHA256:
		return key == x509.DSA
	case x509.ECDSAWithSHA1, x509.ECDSAWithSHA256, x509.ECDSAWithSHA384, x509.ECDSAWithSHA512:
		return key == x509.ECDSA
	case x509.PureEd25519:
		return key == x509.Ed25519
	}
	// Unknown to crypto/x509 (Ed448, GOST, SM2): subject = issuer decides.
	return true
}

// issuedBy reports whether parent issued child: the issuer name matches the
// parent's subject, the key identifiers do not contradict each other, and
// the parent's key verifies the child's signature. Unlike crypto/x509's
// CheckSignatureFrom it accepts SHA-1 and MD5 signatures and non-CA
// parents, so that chain building answers "is this the issuer" and leaves
// "is the signature strong enough" to TL307.
func issuedBy(child, parent *x509.Certificate) bool {
	if !bytes.Equal(child.RawIssuer, parent.RawSubject) {
		return false
	}
	if len(child.AuthorityKeyId) > 0 && len(parent.SubjectKeyId) > 0 && !bytes.Equal(child.AuthorityKeyId, parent.SubjectKeyId) {
		return false
	}
	return checkSignature(parent, child) == nil
}

// checkSignature verifies child's signature with parent's key, allowing the
// weak digests crypto/x509 refuses for certificates.
func checkSignature(parent, child *x509.Certificate) error {
	if pub, ok := parent.PublicKey.(*rsa.PublicKey); ok && pub.N.BitLen() < 1024 {
		// crypto/rsa refuses keys under 1024 bits (go.dev/issue/68762);
		// the names and key identifiers matched, which is what OpenSSL's
		// chain builder looks at first (X509_check_issued).
		return nil
	}
	if child.SignatureAlgorithm == x509.MD5WithRSA {
		pub, ok := parent.PublicKey.(*rsa.PublicKey)
		if !ok {
			return x509.ErrUnsupportedAlgorithm
		}
		sum := md5.Sum(child.RawTBSCertificate)
		return rsa.VerifyPKCS1v15(pub, crypto.MD5, sum[:], child.Signature)
	}
	// CheckSignature (unlike CheckSignatureFrom) accepts SHA-1.
	return parent.CheckSignature(child.SignatureAlgorithm, child.RawTBSCertificate, child.Signature)
}
