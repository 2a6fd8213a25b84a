package tls

import (
	"fmt"
	"strings"
)

// FormatV prints suites exactly as OpenSSL 3.x's `openssl ciphers -v` does:
// one line per suite in SSL_CIPHER_description's format
// "%-30s %-7s Kx=%-8s Au=%-5s Enc=%-22s Mac=%-4s\n" (ssl/ssl_ciph.c).
func FormatV(suites []*Suite) string {
	return FormatVFor(suites, DefaultOpenSSL)
}

// FormatVFor prints suites as the target's `openssl ciphers -v` does, with
// the target's suite names. 1.1.1 and 1.0.2 use narrower columns
// ("%-23s %s Kx=%-8s Au=%-4s Enc=%-9s Mac=%-4s"); 1.0.2 prints SSLv3 as
// the protocol of TLS 1.0 suites (its SSL_TLSV1 is SSL_SSLV3), the export
// key size in Kx and " export" after EXPORT suites.
func FormatVFor(suites []*Suite, t OpenSSL) string {
	m := models()[genOf(t)] // names, whatever the build
	var b strings.Builder
	for _, s := range suites {
		name := m.osslName(s)
		proto := s.Proto.String()
		enc := s.Enc
		kx := s.Kx
		switch m.gen {
		case g102:
			if s.Proto == TLS10 {
				proto = "SSLv3"
			}
			export := ""
			if s.Export {
				export = " export"
			}
			fmt.Fprintf(&b, "%-23s %s Kx=%-8s Au=%-4s Enc=%-9s Mac=%-4s%s\n", name, proto, kx, s.Au, enc, s.Mac, export)
		case g111:
			fmt.Fprintf(&b, "%-23s %s Kx=%-8s Au=%-4s Enc=%-9s Mac=%-4s\n", name, proto, kx, s.Au, enc, s.Mac)
		default:
			fmt.Fprintf(&b, "%-30s %-7s Kx=%-8s Au=%-5s Enc=%-22s Mac=%-4s\n", name, proto, kx, s.Au, enc, s.Mac)
		}
	}
	return b.String()
}
