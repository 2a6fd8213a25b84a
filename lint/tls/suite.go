package tls

// Suite is one cipher suite of the catalogue. The string fields use the
// spellings `openssl ciphers -v` prints, so the `ciphers` command and the
// differential test can print and compare them directly.
type Suite struct {
	Code   uint32  // IANA code point (0xC02F); SSLv2 suites use their three-byte code
	Name   string  // OpenSSL name ("ECDHE-RSA-AES128-GCM-SHA256"; TLS 1.3: "TLS_AES_128_GCM_SHA256")
	IANA   string  // IANA/RFC name ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
	Proto  Version // protocol column of `openssl ciphers -v` (SSLv3 for suites usable from SSLv3 on)
	Kx     string  // key exchange: "RSA", "DH", "ECDH", "PSK", "ECDHEPSK", "any", ...
	Au     string  // authentication: "RSA", "ECDSA", "DSS", "None", "PSK", "any", ...
	Enc    string  // encryption with bits: "AESGCM(128)", "3DES(168)", "RC4(128)", "None(0)"
	Mac    string  // "AEAD", "SHA1", "SHA256", "SHA384", "MD5"
	Bits   int     // symmetric strength in bits (0 for NULL)
	Export bool    // an EXPORT suite
}

// TLS13 reports whether s is a TLS 1.3 suite (set with Ciphersuites, not with the cipher list).
func (s *Suite) TLS13() bool { return s.Proto == TLS13 }
