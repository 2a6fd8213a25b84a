package nginx

import (
	"encoding/asn1"
	"encoding/pem"
	"math/big"

	"github.com/tlslint/tlslint/lint/files"
)

// dhBits reads an ssl_dhparam file (PEM "DH PARAMETERS" or "X9.42 DH
// PARAMETERS", as `openssl dhparam` / `openssl genpkey -genparam` write)
// and returns the prime's size in bits; 0 when the file cannot be read or
// parsed (the certificate rules report unreadable files). Cached per path.
func (l *Loader) dhBits(path string) int {
	if path == "" {
		return 0
	}
	if b, ok := l.dh[path]; ok {
		return b
	}
	bits := 0
	if data, err := files.Read(path, files.DHParam); err == nil {
		bits = parseDHBits(data)
	}
	l.dh[path] = bits
	return bits
}

func parseDHBits(data []byte) int {
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return 0
		}
		if block.Type != "DH PARAMETERS" && block.Type != "X9.42 DH PARAMETERS" {
			continue
		}
		// PKCS #3 DHParameter ::= SEQUENCE { prime INTEGER, base INTEGER, ... };
		// X9.42 DomainParameters ::= SEQUENCE { p INTEGER, g INTEGER, q INTEGER, ... }
		var params struct {
			P    *big.Int
			G    *big.Int
			Rest asn1.RawValue `asn1:"optional"`
		}
		if _, err := asn1.Unmarshal(block.Bytes, &params); err != nil || params.P == nil {
			return 0
		}
		return params.P.BitLen()
	}
}
