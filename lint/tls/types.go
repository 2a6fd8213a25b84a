// Package tls holds tlslint's TLS knowledge: protocol versions, the cipher
// suite catalogue, OpenSSL cipher-string expansion, named groups and the
// product defaults that depend on a target version. It imports nothing from
// the rest of tlslint, so parsers, the model and rules can all use it.
package tls

import (
	"strings"
)

// Version is a protocol version, ordered from oldest to newest.
type Version uint8

// Protocol versions. The zero value means "none".
const (
	SSLv2 Version = iota + 1
	SSLv3
	TLS10
	TLS11
	TLS12
	TLS13
)

// AllVersions lists every version, oldest first.
var AllVersions = []Version{SSLv2, SSLv3, TLS10, TLS11, TLS12, TLS13}

// String returns the spelling nginx and OpenSSL use ("TLSv1.2").
func (v Version) String() string {
	switch v {
	case SSLv2:
		return "SSLv2"
	case SSLv3:
		return "SSLv3"
	case TLS10:
		return "TLSv1"
	case TLS11:
		return "TLSv1.1"
	case TLS12:
		return "TLSv1.2"
	case TLS13:
		return "TLSv1.3"
	}
	return "none"
}

// Wire returns the version's code point as sent on the wire (0x0303 for TLS 1.2).
func (v Version) Wire() uint16 {
	switch v {
	case SSLv2:
		return 0x0002
	case SSLv3:
		return 0x0300
	case TLS10:
		return 0x0301
	case TLS11:
		return 0x0302
	case TLS12:
		return 0x0303
	case TLS13:
		return 0x0304
	}
	return 0
}

// VersionFromWire maps a wire code point (0x0301) to a Version.
func VersionFromWire(w uint16) (Version, bool) {
	for _, v := range AllVersions {
		if v.Wire() == w {
			return v, true
		}
	}
	return 0, false
}

// ParseVersion accepts the spellings found in nginx (`TLSv1.2`), OpenSSL
// (`TLSv1_2`, `TLSv1.0`) and BIG-IP option names (`tlsv1.2`), case-insensitively.
func ParseVersion(s string) (Version, bool) {
	switch strings.ToLower(strings.ReplaceAll(s, "_", ".")) {
	case "sslv2":
		return SSLv2, true
	case "sslv3":
		return SSLv3, true
	case "tlsv1", "tlsv1.0", "tls1", "tls1.0":
		return TLS10, true
	case "tlsv1.1", "tls1.1":
		return TLS11, true
	case "tlsv1.2", "tls1.2":
		return TLS12, true
	case "tlsv1.3", "tls1.3":
		return TLS13, true
	}
	return 0, false
}

// VersionSet is a set of protocol versions.
type VersionSet uint8

// Versions builds a set.
func Versions(vs ...Version) VersionSet {
	var s VersionSet
	for _, v := range vs {
		s = s.With(v)
	}
	return s
}

// Has reports whether v is in the set.
func (s VersionSet) Has(v Version) bool { return v != 0 && s&(1<<v) != 0 }

// With returns the set plus v.
func (s VersionSet) With(v Version) VersionSet {
	if v == 0 {
		return s
	}
	return s | 1<<v
}

// Without returns the set minus v.
func (s VersionSet) Without(v Version) VersionSet { return s &^ (1 << v) }

// Intersect returns the versions in both sets.
func (s VersionSet) Intersect(o VersionSet) VersionSet { return s & o }

// Empty reports whether the set has no version.
func (s VersionSet) Empty() bool { return s == 0 }

// List returns the versions in the set, oldest first.
func (s VersionSet) List() []Version {
	var out []Version
	for _, v := range AllVersions {
		if s.Has(v) {
			out = append(out, v)
		}
	}
	return out
}

// Min returns the oldest version in the set (0 if empty).
func (s VersionSet) Min() Version {
	for _, v := range AllVersions {
		if s.Has(v) {
			return v
		}
	}
	return 0
}

// Max returns the newest version in the set (0 if empty).
func (s VersionSet) Max() Version {
	var m Version
	for _, v := range AllVersions {
		if s.Has(v) {
			m = v
		}
	}
	return m
}

// Range returns the versions from lo to hi inclusive.
func Range(lo, hi Version) VersionSet {
	var s VersionSet
	for v := lo; v <= hi && v != 0; v++ {
		s = s.With(v)
	}
	return s
}

// String lists the versions space-separated, nginx style ("TLSv1.2 TLSv1.3").
func (s VersionSet) String() string {
	if s.Empty() {
		return "(none)"
	}
	var b strings.Builder
	for i, v := range s.List() {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(v.String())
	}
	return b.String()
}
