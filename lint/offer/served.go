package offer

import (
	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
)

// Served is one certificate bundle as the configuration serves it, with
// every listener that serves it: the TL3xx rules report once per bundle,
// however many servers share it.
type Served struct {
	// Pair is the first user's pair, in the model (never written through:
	// a copy inline was 472 of a Served's 576 bytes, on each of a
	// 10,000-virtual bigip.conf's bundles).
	Pair   *lint.CertPair
	Bundle *certs.Bundle
	Report *certs.Report
	Err    error
	Users  []*lint.Listener
	At     []lint.Pos // the ssl_certificate (cert-key-chain) of each user
	// Proxies present the bundle as a client certificate to their upstream
	// (proxy_ssl_certificate); At holds their positions after the users'.
	Proxies []*lint.Upstream
}

// Subjects names who serves or presents the bundle, in the order of At.
func (s *Served) Subjects() []string {
	var out []string
	for _, l := range s.Users {
		out = append(out, l.Subject)
	}
	for _, u := range s.Proxies {
		out = append(out, u.Subject)
	}
	return out
}

// Served lists the served bundles in order of first appearance; nil when
// certificate files are not read.
func (b *Book) Served() []*Served {
	if b.m.Certs == nil {
		return nil
	}
	b.servedOnce.Do(func() {
		b.served, b.presented = b.collect()
	})
	return b.served
}

// Presented lists the client certificate bundles proxies present to their
// upstreams (proxy_ssl_certificate and its grpc_/uwsgi_ forms).
func (b *Book) Presented() []*Served {
	if b.m.Certs == nil {
		return nil
	}
	b.Served()
	return b.presented
}

func (b *Book) collect() (served, presented []*Served) {
	// bundles groups certificate pairs by their files, in order of first use
	type bundles struct {
		by   map[string]*Served
		list []*Served
	}
	get := func(bs *bundles, cp *lint.CertPair) *Served {
		key := cp.CertPath + "\x00" + cp.KeyPath + "\x00" + cp.ChainPth
		s := bs.by[key]
		if s == nil {
			s = &Served{Pair: cp}
			s.Report, s.Bundle, s.Err = b.m.Certs.ServedPair(*cp)
			bs.by[key] = s
			bs.list = append(bs.list, s)
		}
		return s
	}
	srv, cli := &bundles{by: map[string]*Served{}}, &bundles{by: map[string]*Served{}}
	for _, l := range b.m.Listeners {
		if !l.TLS() || l.RejectHandshake.Value {
			continue
		}
		for i := range l.Certs {
			if cp := &l.Certs[i]; cp.CertPath != "" {
				s := get(srv, cp)
				s.Users = append(s.Users, l)
				s.At = append(s.At, cp.Cert.WrittenAt(l.TLSAt()))
			}
		}
	}
	for _, u := range b.m.Upstreams {
		if !u.TLS {
			continue
		}
		for i := range u.ClientCerts {
			if cp := &u.ClientCerts[i]; cp.CertPath != "" {
				s := get(cli, cp)
				s.Proxies = append(s.Proxies, u)
				s.At = append(s.At, cp.Cert.WrittenAt(u.At()))
			}
		}
	}
	return srv.list, cli.list
}
