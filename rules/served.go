package rules

import (
	"fmt"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
)

// served is one certificate bundle as the configuration serves it: one
// finding per bundle, however many servers share it, with the servers as
// related locations.
type served struct {
	cp     lint.CertPair
	bundle *certs.Bundle
	report *certs.Report
	err    error
	users  []*lint.Listener
	at     []lint.Pos // the ssl_certificate (cert-key-chain) of each user
}

// servedBundles lists the served bundles in order of first appearance
// (memoized for all TL3xx rules).
func servedBundles(p *lint.Pass) []*served {
	if p.Model.Certs == nil {
		return nil
	}
	return p.Memo("served", func() any {
		var out []*served
		by := map[string]*served{}
		for _, l := range p.Model.Listeners {
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
					s = &served{cp: cp}
					s.report, s.bundle, s.err = p.Model.Certs.ServedPair(cp)
					by[key] = s
					out = append(out, s)
				}
				s.users = append(s.users, l)
				s.at = append(s.at, settingAt(cp.Cert.Origin, listenerAt(l)))
			}
		}
		return out
	}).([]*served)
}

// finding builds a finding about a served bundle: at the first serving
// directive, the other servers as related locations.
func (s *served) finding(sev lint.Severity, msg string) lint.Finding {
	f := lint.Finding{Severity: sev, Pos: s.at[0], Subject: s.users[0].Subject, Message: msg}
	seen := map[lint.Pos]bool{s.at[0]: true}
	for i, l := range s.users[1:] {
		at := s.at[i+1]
		if seen[at] {
			f.Related = append(f.Related, lint.Related{Pos: listenerAt(l), Message: "also served by " + l.Subject})
			continue
		}
		seen[at] = true
		f.Related = append(f.Related, lint.Related{Pos: at, Message: "also served by " + l.Subject})
	}
	if len(s.at) > 0 && len(s.users) > 0 && s.at[0] != listenerAt(s.users[0]) && len(s.users) == 1 {
		f.Related = append(f.Related, appliesAt(listenerAt(s.users[0]), s.users[0].Subject))
	}
	return f
}

// describe names a certificate as messages do: subject, SANs, expiry.
func describe(c *certs.CertReport) string {
	sum := c.Summary()
	sans := strings.Join(sum.SANs, ", ")
	if len(sum.SANs) > 4 {
		sans = strings.Join(sum.SANs[:4], ", ") + fmt.Sprintf(" and %d more", len(sum.SANs)-4)
	}
	if sans == "" {
		sans = "no SANs"
	}
	return fmt.Sprintf("%q (SANs: %s; issuer %q; expires %s)", sum.Subject, sans, sum.Issuer, sum.NotAfter.UTC().Format("2006-01-02"))
}

// file names a bundle's file for messages.
// It is the path as the configuration writes it: the same on every machine.
func (s *served) file() string { return s.cp.Cert.Value }
