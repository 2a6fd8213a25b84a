package offer

import (
	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
)

// Served is one certificate bundle as the configuration serves it, with
// every listener that serves it: the TL3xx rules report once per bundle,
// however many servers share it.
type Served struct {
	Pair   lint.CertPair
	Bundle *certs.Bundle
	Report *certs.Report
	Err    error
	Users  []*lint.Listener
	At     []lint.Pos // the ssl_certificate (cert-key-chain) of each user
}

// Served lists the served bundles in order of first appearance; nil when
// certificate files are not read.
func (b *Book) Served() []*Served {
	if b.m.Certs == nil {
		return nil
	}
	b.servedOnce.Do(func() {
		by := map[string]*Served{}
		for _, l := range b.m.Listeners {
			if !l.TLS() || l.RejectHandshake.Value {
				continue
			}
			for _, cp := range l.Certs {
				if cp.CertPath == "" {
					continue
				}
				key := cp.CertPath + "\x00" + cp.KeyPath + "\x00" + cp.ChainPth
				s := by[key]
				if s == nil {
					s = &Served{Pair: cp}
					s.Report, s.Bundle, s.Err = b.m.Certs.ServedPair(cp)
					by[key] = s
					b.served = append(b.served, s)
				}
				s.Users = append(s.Users, l)
				s.At = append(s.At, cp.Cert.WrittenAt(l.TLSAt()))
			}
		}
	})
	return b.served
}
