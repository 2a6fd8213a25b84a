package rules

import (
	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/clients"
)

// certFacts returns the key type, size and signature hash of the
// certificates a listener serves, when their files were read. With none
// (files absent or not loaded), the simulation assumes an RSA 2048-bit
// certificate and says so (RULES.md TL205).
func certFacts(p *lint.Pass, l *lint.Listener) []clients.Cert {
	var out []clients.Cert
	for _, c := range l.Certs {
		if c.Info == nil {
			continue
		}
		out = append(out, clients.Cert{Key: keyType(c.Info.KeyType), Bits: c.Info.KeyBits, Sig: sigHash(c.Info.SigHash)})
	}
	return out
}

func keyType(s string) clients.KeyType {
	switch s {
	case "RSA":
		return clients.KeyRSA
	case "ECDSA":
		return clients.KeyECDSA
	case "DSA":
		return clients.KeyDSA
	case "Ed25519":
		return clients.KeyEd25519
	case "Ed448":
		return clients.KeyEd448
	}
	return clients.KeyRSA
}

func sigHash(s string) clients.SigHash {
	switch s {
	case "SHA-1":
		return clients.SigSHA1
	case "MD5":
		return clients.SigMD5
	case "SHA-384":
		return clients.SigSHA384
	case "SHA-512":
		return clients.SigSHA512
	}
	return clients.SigSHA256
}
