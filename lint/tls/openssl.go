package tls

import (
	"fmt"
	"strconv"
	"strings"
)

// OpenSSL is a target OpenSSL generation and the security level it runs at.
// Facts that differ between generations (the cipher table, what DEFAULT and
// HIGH contain, default groups, which protocol versions the security level
// lets through) are keyed on it. Patch releases within a 3.x series do not
// change those facts, so only 1.x keeps its series patch number (1.0.2,
// 1.1.1).
type OpenSSL struct {
	Major, Minor int
	Patch        int // 2 for 1.0.2, 1 for 1.1.1; always 0 for 3.x
	SecLevel     int // 0..5; 1.0.2 has no security levels and always reports 0
	// Build is what the target's OpenSSL was built and configured with
	// beyond its version's default build (zero: the default build, see
	// openssl_build.go). It decides which suites and aliases exist.
	Build OpenSSLBuild
}

// DefaultOpenSSL is the target when none is given: OpenSSL 3.0 at security
// level 2, what Debian, Ubuntu and RHEL ship (their openssl.cnf sets
// CipherString = DEFAULT:@SECLEVEL=2; upstream's built-in default is level 1
// until 3.2 and level 2 from 3.2, see OpenSSL's CHANGES.md for 3.2).
var DefaultOpenSSL = OpenSSL{Major: 3, Minor: 0, SecLevel: 2}

// knownOpenSSL lists the generations whose facts this package knows (from
// their sources, see openssl_suites.go). 1.1.0 is left out: its sources were
// not at hand, and it differs from 1.1.1 (no TLS 1.3).
var knownOpenSSL = []OpenSSL{
	{Major: 1, Minor: 0, Patch: 2},
	{Major: 1, Minor: 1, Patch: 1},
	{Major: 3, Minor: 0}, {Major: 3, Minor: 1}, {Major: 3, Minor: 2}, {Major: 3, Minor: 3},
	{Major: 3, Minor: 4}, {Major: 3, Minor: 5}, {Major: 3, Minor: 6},
}

// ParseOpenSSL parses a target such as "3.0", "3.0@1", "3.0.13", "1.1.1",
// "1.1.1w@2", "1.0.2" or "3.5". The part after "@" is the security level
// (0..5). Without it the level is the one the generation runs at out of
// the box on common distributions: 2 for 3.x (distribution openssl.cnf;
// upstream from 3.2), 1 for 1.1.x (upstream default, ssl/ssl_cert.c), 0 for
// 1.0.2, which has no security levels. An empty string is DefaultOpenSSL.
func ParseOpenSSL(s string) (OpenSSL, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return DefaultOpenSSL, nil
	}
	verPart, levelPart, hasLevel := strings.Cut(s, "@")
	parts := strings.Split(verPart, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return OpenSSL{}, fmt.Errorf("OpenSSL version %q: want MAJOR.MINOR[.PATCH][@LEVEL], e.g. 3.0@2 or 1.1.1", s)
	}
	var o OpenSSL
	var err error
	if o.Major, err = strconv.Atoi(parts[0]); err != nil {
		return OpenSSL{}, fmt.Errorf("OpenSSL version %q: bad major version %q", s, parts[0])
	}
	if o.Minor, err = strconv.Atoi(parts[1]); err != nil {
		return OpenSSL{}, fmt.Errorf("OpenSSL version %q: bad minor version %q", s, parts[1])
	}
	if len(parts) == 3 {
		// 1.1.1w: the letter is a bug-fix release of the 1.1.1 series.
		p := strings.TrimRight(parts[2], "abcdefghijklmnopqrstuvwxyz")
		n, err := strconv.Atoi(p)
		if err != nil || len(parts[2])-len(p) > 2 {
			return OpenSSL{}, fmt.Errorf("OpenSSL version %q: bad patch version %q", s, parts[2])
		}
		if o.Major == 1 {
			o.Patch = n
		}
	} else if o.Major == 1 {
		return OpenSSL{}, fmt.Errorf("OpenSSL version %q: 1.x needs the series patch number (1.0.2, 1.1.1)", s)
	}
	known := false
	for _, k := range knownOpenSSL {
		if k.Major == o.Major && k.Minor == o.Minor && k.Patch == o.Patch {
			known = true
		}
	}
	if !known {
		return OpenSSL{}, fmt.Errorf("OpenSSL version %q is not one tlslint knows (1.0.2, 1.1.1, 3.0 to 3.6)", s)
	}
	o.SecLevel = o.defaultSecLevel()
	if hasLevel {
		n, err := strconv.Atoi(levelPart)
		if err != nil || n < 0 || n > 5 {
			return OpenSSL{}, fmt.Errorf("OpenSSL version %q: security level %q is not 0..5", s, levelPart)
		}
		if o.Major == 1 && o.Minor == 0 && n != 0 {
			return OpenSSL{}, fmt.Errorf("OpenSSL version %q: 1.0.2 has no security levels (added in 1.1.0)", s)
		}
		o.SecLevel = n
	}
	return o, nil
}

func (o OpenSSL) defaultSecLevel() int {
	switch {
	case o.Major >= 3:
		return 2
	case o.Major == 1 && o.Minor == 1:
		return 1
	}
	return 0
}

// String renders the target in the form ParseOpenSSL reads ("3.0@2",
// "1.1.1@1"). The build is not part of it (see OpenSSLBuild.String): a
// message about the default build reads as before.
func (o OpenSSL) String() string {
	v := fmt.Sprintf("%d.%d", o.Major, o.Minor)
	if o.Major == 1 {
		v += fmt.Sprintf(".%d", o.Patch)
	}
	if o.Major == 1 && o.Minor == 0 {
		return v
	}
	return fmt.Sprintf("%s@%d", v, o.SecLevel)
}

// AtLeast reports whether the target is major.minor.patch or newer.
func (o OpenSSL) AtLeast(major, minor, patch int) bool {
	if o.Major != major {
		return o.Major > major
	}
	if o.Minor != minor {
		return o.Minor > minor
	}
	return o.Patch >= patch
}

// WithSecLevel returns the target at another security level.
func (o OpenSSL) WithSecLevel(level int) OpenSSL {
	o.SecLevel = level
	return o
}

// WithBuild returns the target with another build.
func (o OpenSSL) WithBuild(b OpenSSLBuild) OpenSSL {
	o.Build = b
	return o
}

// IsZero reports whether o is the zero value (no target given).
func (o OpenSSL) IsZero() bool { return o == OpenSSL{} }
