package f5

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is a BIG-IP (TMOS) release, major.minor: 11.0 to 17.5. Patch
// releases are not distinguished: every fact this package knows changes at a
// minor release, except DEFAULT inside 11.2 (see defaultFor).
type Version struct{ Major, Minor int }

// DefaultVersion is the target when none is given (CLI.md: BIG-IP 17.1).
var DefaultVersion = Version{17, 1}

// Oldest and Newest bound the releases this package has facts for. Versions
// outside are clamped (A17): no data covers BIG-IP 10.x, and F5
// went from 17.5 to 21.0, whose changes are not in the data.
var (
	Oldest = Version{11, 0}
	Newest = Version{17, 5}
)

// ParseVersion reads "17.1", "17.1.0", "17.1.0.1" or "v15.1.8.2" (parts
// after the minor are ignored).
func ParseVersion(s string) (Version, error) {
	t := strings.TrimPrefix(strings.TrimSpace(s), "v")
	parts := strings.Split(t, ".")
	if len(parts) < 2 {
		return Version{}, fmt.Errorf("BIG-IP version %q: want MAJOR.MINOR[.PATCH...], e.g. 17.1 or 15.1.8.2", s)
	}
	var v Version
	var err error
	if v.Major, err = strconv.Atoi(parts[0]); err != nil || v.Major < 0 {
		return Version{}, fmt.Errorf("BIG-IP version %q: bad major version %q", s, parts[0])
	}
	if v.Minor, err = strconv.Atoi(parts[1]); err != nil || v.Minor < 0 {
		return Version{}, fmt.Errorf("BIG-IP version %q: bad minor version %q", s, parts[1])
	}
	for _, p := range parts[2:] {
		if _, err := strconv.Atoi(p); err != nil {
			return Version{}, fmt.Errorf("BIG-IP version %q: bad part %q", s, p)
		}
	}
	return v, nil
}

// String renders "17.1".
func (v Version) String() string { return fmt.Sprintf("%d.%d", v.Major, v.Minor) }

// AtLeast reports whether v is major.minor or newer.
func (v Version) AtLeast(major, minor int) bool {
	if v.Major != major {
		return v.Major > major
	}
	return v.Minor >= minor
}

// Less reports whether v is older than o.
func (v Version) Less(o Version) bool { return !v.AtLeast(o.Major, o.Minor) }

// IsZero reports whether v is the zero value (no version given).
func (v Version) IsZero() bool { return v == Version{} }

// normalize maps the zero Version to DefaultVersion and clamps versions
// outside Oldest..Newest, saying so.
func normalize(v Version) (Version, string) {
	switch {
	case v.IsZero():
		return DefaultVersion, ""
	case v.Less(Oldest):
		return Oldest, fmt.Sprintf("%s BIG-IP %s is older than the data (%s); treated as %s", idClamp, v, Oldest, Oldest)
	case Newest.Less(v):
		return Newest, fmt.Sprintf("%s BIG-IP %s is newer than the data (%s); treated as %s", idClamp, v, Newest, Newest)
	}
	return v, ""
}

func within(v, from, to Version) bool { return v.AtLeast(from.Major, from.Minor) && !to.Less(v) }
