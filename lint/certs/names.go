package certs

import (
	"crypto/x509"
	"net"
	"strings"
)

// NameComparable reports whether a server name can be compared with a
// certificate (TL305): a literal host name, a leading wildcard
// ("*.example.com"), nginx's ".example.com" (the domain and its
// subdomains), or an IP address. Regular expressions ("~…"), the catch-all
// "_" and "", nginx's trailing wildcard ("www.example.*": any TLD, not
// knowable) and names with variables are not.
func NameComparable(name string) bool {
	n := strings.TrimSpace(name)
	switch {
	case n == "" || n == "_" || n == "*" || n == ".":
		return false
	case strings.HasPrefix(n, "~"), strings.ContainsAny(n, "$ \t"):
		return false
	case strings.HasSuffix(n, ".*"):
		return false
	}
	if _, ok := parseIP(n); ok {
		return true
	}
	host := strings.TrimPrefix(strings.TrimPrefix(n, "*."), ".")
	return host != "" && !strings.Contains(host, "*")
}

// Covers reports whether the certificate's subjectAltNames cover a server
// name: DNS names for host names (RFC 6125 §6.4: case-insensitive, a
// trailing dot ignored, a wildcard only as the whole left-most label,
// matching exactly one label), IP address SANs for IP literals. The subject
// CN is not consulted: RFC 9525 §6.3 dropped that fallback and browsers
// (Chrome 58+) and Go (1.15+) ignore it; see CoveredByCommonName.
//
// A wildcard server name "*.example.com" is covered only by the same
// wildcard SAN (no set of single names covers every subdomain), and
// ".example.com" needs both "example.com" and "*.example.com". Names that
// are not NameComparable are reported as not covered: check NameComparable
// first.
func Covers(c *x509.Certificate, name string) bool {
	return coveredBy(c.DNSNames, c.IPAddresses, name)
}

// Covers is Covers(c.Certificate, name). Host names are looked up in an
// index of the DNS SANs built on first use: TL305 asks for every server
// name of every listener, and a certificate with 400 SANs served by
// 20,000 servers made the scan of its SANs 6% of a lint.
func (c *Cert) Covers(name string) bool {
	idx := c.names.Load()
	if idx == nil {
		idx = newNameIndex(c.DNSNames)
		c.names.Store(idx) // racing builders store equal indexes
	}
	if n, ok := plainHost(name); ok {
		return idx.covers(n)
	}
	return Covers(c.Certificate, name)
}

// nameIndex holds a certificate's DNS SANs as matchSAN reads them: exact
// names, and the suffixes of wildcards ("*.example.com": "example.com").
type nameIndex struct {
	exact map[string]bool
	wild  map[string]bool
}

func newNameIndex(dns []string) *nameIndex {
	idx := &nameIndex{exact: map[string]bool{}, wild: map[string]bool{}}
	for _, san := range dns {
		san = strings.ToLower(strings.TrimSuffix(san, "."))
		if !strings.HasPrefix(san, "*.") {
			idx.exact[san] = true
			continue
		}
		if suffix := san[1:]; suffix != "." && !strings.Contains(suffix, "*") {
			idx.wild[suffix[1:]] = true
		}
	}
	return idx
}

// covers is coveredBy's loop over the SANs for a plain host name.
func (idx *nameIndex) covers(n string) bool {
	if idx.exact[n] {
		return true
	}
	label, rest, ok := strings.Cut(n, ".")
	return ok && label != "" && idx.wild[rest]
}

// plainHost returns the name as coveredBy compares it when it is a
// comparable host name that is neither an IP address nor a wildcard or
// dot-prefixed name (those take coveredBy's other paths).
func plainHost(name string) (string, bool) {
	if !NameComparable(name) {
		return "", false
	}
	n := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), "."))
	if strings.HasPrefix(n, "*.") || strings.HasPrefix(n, ".") {
		return "", false
	}
	if _, ok := parseIP(n); ok {
		return "", false
	}
	return n, true
}

// CoveredByCommonName reports whether a name that Covers rejects would be
// matched by the subject CN under the legacy fallback (only applied when a
// certificate has no DNS SAN at all). Messages use it to explain "the name
// is only in the CN, which clients ignore".
func CoveredByCommonName(c *x509.Certificate, name string) bool {
	if len(c.DNSNames) > 0 || c.Subject.CommonName == "" {
		return false
	}
	return coveredBy([]string{c.Subject.CommonName}, nil, name)
}

func coveredBy(dns []string, ips []net.IP, name string) bool {
	if !NameComparable(name) {
		return false
	}
	n := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), "."))
	if ip, ok := parseIP(n); ok {
		for _, sanIP := range ips {
			if sanIP.Equal(ip) {
				return true
			}
		}
		return false
	}
	switch {
	case strings.HasPrefix(n, "*."):
		return hasExactSAN(dns, n)
	case strings.HasPrefix(n, "."):
		return coveredBy(dns, ips, n[1:]) && hasExactSAN(dns, "*"+n)
	}
	for _, san := range dns {
		if matchSAN(strings.ToLower(strings.TrimSuffix(san, ".")), n) {
			return true
		}
	}
	return false
}

func hasExactSAN(dns []string, pattern string) bool {
	for _, san := range dns {
		if strings.EqualFold(strings.TrimSuffix(san, "."), pattern) {
			return true
		}
	}
	return false
}

// matchSAN matches a lower-case DNS SAN against a lower-case host name
// (RFC 6125 §6.4.3): "*" may only be the whole left-most label and matches
// exactly one non-empty label. Like crypto/x509 (and unlike browsers, which
// consult the public suffix list) it does not refuse "*.com": a missed
// finding is better than a false one.
func matchSAN(san, host string) bool {
	if !strings.HasPrefix(san, "*.") {
		return san == host
	}
	suffix := san[1:] // ".example.com"
	if suffix == "." || strings.Contains(suffix, "*") {
		return false
	}
	label, rest, ok := strings.Cut(host, ".")
	return ok && label != "" && "."+rest == suffix
}

// parseIP accepts IPv4 and IPv6 literals, the latter also in brackets.
func parseIP(s string) (net.IP, bool) {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	ip := net.ParseIP(s)
	return ip, ip != nil
}
