package certs

import (
	"testing"

	"github.com/tlslint/tlslint/lint/certs/certtest"
)

func TestCovers(t *testing.T) {
	pki := certtest.New(t)
	multi := certtest.Issue(t, pki.Intermediate, certtest.Spec{Name: "multi", CN: "example.org",
		DNS: []string{"example.org", "*.example.org", "API.Example.Org.", "*.eu.example.org"}})
	tests := []struct {
		cert *certtest.Cert
		name string
		want bool
	}{
		// Literal names against DNS SANs.
		{pki.Leaf, "www.example.com", true},
		{pki.Leaf, "example.com", true},
		{pki.Leaf, "WWW.Example.COM", true},
		{pki.Leaf, "www.example.com.", true},
		{pki.Leaf, "api.example.com", false},
		{pki.Leaf, "example.net", false},
		{pki.WrongName, "www.example.com", false},
		// Wildcard SANs match exactly one left-most label (RFC 6125 §6.4.3).
		{pki.Wildcard, "www.example.com", true},
		{pki.Wildcard, "api.example.com", true},
		{pki.Wildcard, "example.com", true}, // its own SAN
		{pki.Wildcard, "a.b.example.com", false},
		{pki.Wildcard, "example.net", false},
		{multi, "x.eu.example.org", true},
		{multi, "x.us.example.org", false},
		{multi, "api.example.org", true}, // SAN with capitals and a trailing dot
		// Wildcard and dot-prefixed server names.
		{pki.Wildcard, "*.example.com", true},
		{pki.Leaf, "*.example.com", false},
		{pki.Wildcard, ".example.com", true}, // example.com and *.example.com
		{pki.Leaf, ".example.com", false},    // no *.example.com SAN
		{multi, ".example.org", true},
		// IP literals against IP SANs only.
		{pki.IP, "192.0.2.10", true},
		{pki.IP, "2001:db8::10", true},
		{pki.IP, "[2001:db8::10]", true},
		{pki.IP, "2001:0db8:0000::0010", true},
		{pki.IP, "192.0.2.11", false},
		{pki.Leaf, "192.0.2.10", false},
		// The CN alone does not count.
		{pki.CNOnly, "www.example.com", false},
		// Names that cannot be compared are reported as not covered.
		{pki.Wildcard, "~^(www|api)\\.example\\.com$", false},
		{pki.Leaf, "_", false},
		{pki.Leaf, "", false},
		{pki.Leaf, "www.example.*", false},
		{pki.Leaf, "$host", false},
	}
	for _, tt := range tests {
		if got := Covers(tt.cert.Cert, tt.name); got != tt.want {
			t.Errorf("Covers(%s %v, %q) = %v, want %v", tt.cert.Name, SANs(tt.cert.Cert), tt.name, got, tt.want)
		}
		// Cert.Covers answers from its index of the SANs: the same verdicts
		c := &Cert{Certificate: tt.cert.Cert}
		if got := c.Covers(tt.name); got != tt.want {
			t.Errorf("Cert.Covers(%s %v, %q) = %v, want %v", tt.cert.Name, SANs(tt.cert.Cert), tt.name, got, tt.want)
		}
	}
	c := &Cert{Certificate: pki.Leaf.Cert}
	if !c.Covers("example.com") {
		t.Error("Cert.Covers")
	}
}

func TestNameComparable(t *testing.T) {
	tests := map[string]bool{
		"www.example.com":      true,
		"*.example.com":        true,
		".example.com":         true,
		"localhost":            true,
		"192.0.2.1":            true,
		"[::1]":                true,
		"":                     false,
		"_":                    false,
		"*":                    false,
		"~^www\\d+\\.example$": false,
		"www.example.*":        false,
		"$hostname":            false,
		"www.*.example.com":    false,
		"*.*.example.com":      false,
	}
	for name, want := range tests {
		if got := NameComparable(name); got != want {
			t.Errorf("NameComparable(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestCoveredByCommonName(t *testing.T) {
	pki := certtest.New(t)
	if !CoveredByCommonName(pki.CNOnly.Cert, "www.example.com") || CoveredByCommonName(pki.CNOnly.Cert, "api.example.com") {
		t.Error("CN-only certificate")
	}
	// With any DNS SAN the CN is never consulted, even by legacy clients.
	if CoveredByCommonName(pki.WrongName.Cert, "other.example.net") {
		t.Error("certificate with SANs")
	}
}
