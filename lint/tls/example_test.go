package tls_test

import (
	"fmt"

	"github.com/tlslint/tlslint/lint/tls"
)

func ExampleExpand() {
	target, _ := tls.ParseOpenSSL("3.0@2")
	e := tls.Expand("ECDHE+AESGCM:!ECDSA", target)
	fmt.Print(tls.FormatV(e.Suites))
	fmt.Println(len(e.Usable(target, tls.TLS12)), "usable in TLS 1.2;", target.Protocols())
	// Output:
	// TLS_AES_256_GCM_SHA384         TLSv1.3 Kx=any      Au=any   Enc=AESGCM(256)            Mac=AEAD
	// TLS_CHACHA20_POLY1305_SHA256   TLSv1.3 Kx=any      Au=any   Enc=CHACHA20/POLY1305(256) Mac=AEAD
	// TLS_AES_128_GCM_SHA256         TLSv1.3 Kx=any      Au=any   Enc=AESGCM(128)            Mac=AEAD
	// ECDHE-RSA-AES256-GCM-SHA384    TLSv1.2 Kx=ECDH     Au=RSA   Enc=AESGCM(256)            Mac=AEAD
	// ECDHE-RSA-AES128-GCM-SHA256    TLSv1.2 Kx=ECDH     Au=RSA   Enc=AESGCM(128)            Mac=AEAD
	// 2 usable in TLS 1.2; TLSv1.2 TLSv1.3
}

func ExampleParseGroups() {
	groups, unknown, err := tls.ParseGroups("?*X25519MLKEM768:x25519/prime256v1:?brainpoolP999r1", tls.OpenSSL{Major: 3, Minor: 5, SecLevel: 2})
	for _, g := range groups {
		fmt.Print(g.Name, " ")
	}
	fmt.Println(unknown, err)
	// Output: X25519MLKEM768 x25519 secp256r1 [brainpoolP999r1] <nil>
}
