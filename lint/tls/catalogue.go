package tls

import (
	"strings"
	"sync"
)

//go:generate go run ./internal/gen -ciphers ../../../shared/data/testssl/cipher-mapping.txt -curves ../../../shared/data/testssl/curves-mapping.txt -out catalogue_gen.go

// The catalogue is generated from testssl.sh's etc/cipher-mapping.txt (see
// internal/gen for the source and the normalisation applied). The Suites are
// shared: callers must not modify them.

type suiteIndex struct {
	byName map[string]*Suite // OpenSSL and IANA names, upper case
	byCode map[uint32]*Suite
	all    []*Suite
}

var index = sync.OnceValue(func() *suiteIndex {
	ix := &suiteIndex{
		byName: make(map[string]*Suite, 2*len(catalogue)),
		byCode: make(map[uint32]*Suite, len(catalogue)),
		all:    make([]*Suite, 0, len(catalogue)),
	}
	// Two passes so that a name shared by an SSLv2 suite and an SSLv3/TLS
	// suite (RC4-MD5, DES-CBC3-SHA, NULL-MD5, ...) resolves to the latter:
	// that is the suite every OpenSSL since 1.1.0 means by the name.
	for pass := 0; pass < 2; pass++ {
		for i := range catalogue {
			s := &catalogue[i]
			if (s.Proto == SSLv2) != (pass == 1) {
				continue
			}
			for _, n := range []string{s.Name, s.IANA} {
				if n == "" {
					continue
				}
				if _, dup := ix.byName[strings.ToUpper(n)]; !dup {
					ix.byName[strings.ToUpper(n)] = s
				}
			}
		}
	}
	for old, cur := range legacyNames {
		if s, ok := ix.byName[strings.ToUpper(cur)]; ok {
			ix.byName[strings.ToUpper(old)] = s
		}
	}
	for i := range catalogue {
		s := &catalogue[i]
		ix.all = append(ix.all, s)
		if _, dup := ix.byCode[s.Code]; !dup {
			ix.byCode[s.Code] = s
		}
	}
	return ix
})

// Catalogue returns every known suite in a stable order (the order of the
// source table, strongest first roughly). The slice is the caller's; the
// Suites are shared and must not be modified.
func Catalogue() []*Suite {
	return append([]*Suite(nil), index().all...)
}

// SuiteByName finds a suite by its OpenSSL name ("ECDHE-RSA-AES128-GCM-SHA256")
// or its IANA name ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), ignoring case.
// OpenSSL 1.0.2's EDH-{DSS,RSA}-DES-CBC3-SHA find the renamed DHE-... suites.
// Where an SSLv2 suite shares an OpenSSL name with an SSLv3/TLS suite, the
// latter is returned. It returns nil for an unknown name.
func SuiteByName(openSSLOrIANAName string) *Suite {
	return index().byName[strings.ToUpper(strings.TrimSpace(openSSLOrIANAName))]
}

// SuiteByCode finds a suite by its IANA code point (0xC02F); SSLv2 suites
// have three-byte codes (0x0700C0). It returns nil for an unknown code.
func SuiteByCode(code uint32) *Suite {
	return index().byCode[code]
}
