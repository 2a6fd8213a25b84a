package lint

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tlslint/tlslint/lint/tls"
)

// DefaultNginx is the newest nginx stable line tlslint knows; the default
// target (CLI.md). 1.28 was released as stable in April 2025.
var DefaultNginx = ProductVersion{1, 28, 0}

// DefaultBigIP is the default BIG-IP target (CLI.md).
var DefaultBigIP = ProductVersion{17, 1, 0}

// DefaultClients is the default client population (CLI.md --clients).
const DefaultClients = "intermediate"

// DefaultExpiryDays is TL304's default window (RULES.md, expiry_days).
const DefaultExpiryDays = 21

// DefaultTarget is the target when nothing is said: the newest nginx
// stable line, OpenSSL 3.0 at security level 2, BIG-IP 17.1, the
// intermediate population, a 21-day expiry window. Now is left zero: the
// caller sets the clock (--now, or the wall clock in the CLI only).
func DefaultTarget() *Target {
	return &Target{Nginx: DefaultNginx, OpenSSL: tls.DefaultOpenSSL, BigIP: DefaultBigIP,
		Clients: []string{DefaultClients}, ExpiryDays: DefaultExpiryDays}
}

// ProductVersion is a dotted version like 1.27.3 or 17.1.
type ProductVersion struct{ Major, Minor, Patch int }

// ParseProductVersion parses "1.27", "1.27.3", "17.1.0.1" (extra parts ignored).
func ParseProductVersion(s string) (ProductVersion, error) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) < 2 {
		return ProductVersion{}, fmt.Errorf("invalid version %q: expected MAJOR.MINOR[.PATCH]", s)
	}
	var v [3]int
	for i := 0; i < len(parts) && i < 3; i++ {
		n, err := strconv.Atoi(parts[i])
		if err != nil || n < 0 {
			return ProductVersion{}, fmt.Errorf("invalid version %q: expected MAJOR.MINOR[.PATCH]", s)
		}
		v[i] = n
	}
	return ProductVersion{v[0], v[1], v[2]}, nil
}

// AtLeast reports whether v >= major.minor.patch.
func (v ProductVersion) AtLeast(major, minor, patch int) bool {
	if v.Major != major {
		return v.Major > major
	}
	if v.Minor != minor {
		return v.Minor > minor
	}
	return v.Patch >= patch
}

// String renders the version.
func (v ProductVersion) String() string {
	if v.Patch == 0 {
		return fmt.Sprintf("%d.%d", v.Major, v.Minor)
	}
	return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
}

// Target is what the configuration will run on and be judged against.
type Target struct {
	Nginx      ProductVersion
	OpenSSL    tls.OpenSSL
	BigIP      ProductVersion
	Clients    []string  // preset name or client names (TL205/TL208/TL210)
	Now        time.Time // clock for certificate validity
	ExpiryDays int       // TL304 threshold
}

// NginxDefaultProtocols returns nginx's built-in ssl_protocols /
// proxy_ssl_protocols for the target (RULES.md TL204): TLSv1 TLSv1.1 TLSv1.2
// before 1.23.4, plus TLSv1.3 from 1.23.4, TLSv1.2 TLSv1.3 from 1.27.3.
func (t *Target) NginxDefaultProtocols() tls.VersionSet {
	switch {
	case t.Nginx.AtLeast(1, 27, 3):
		return tls.Versions(tls.TLS12, tls.TLS13)
	case t.Nginx.AtLeast(1, 23, 4):
		return tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12, tls.TLS13)
	default:
		return tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12)
	}
}
