package f5

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tlslint/tlslint/lint/tls"
)

// dhGroupNames are the names BIG-IP's `dh-groups` attribute takes (cipher
// rules, from 14.0) and the catalogue group each means. F5's spellings are
// seen in the built-in rules f5-fips / f5-cc-stip
// (P256:P384:FFDHE2048:FFDHE3072:FFDHE4096) and in `tmsh show ltm cipher
// group` output (P256:X25519:P384, builtin_cipher_rules_groups.md §4). P521
// and the hybrid X25519MLKEM768 (17.5.1 per a third-party summary of F5's
// K000136126; minor versions cannot tell 17.5.0 from 17.5.1) are assumed
// (A16).
var dhGroupNames = []struct {
	name, group string
	since       Version
}{
	{"P256", "secp256r1", Version{14, 0}},
	{"P384", "secp384r1", Version{14, 0}},
	{"P521", "secp521r1", Version{14, 0}},
	{"X25519", "x25519", Version{14, 0}},
	{"FFDHE2048", "ffdhe2048", Version{14, 0}},
	{"FFDHE3072", "ffdhe3072", Version{14, 0}},
	{"FFDHE4096", "ffdhe4096", Version{14, 0}},
	{"X25519MLKEM768", "X25519MLKEM768", Version{17, 5}},
}

const dhGroupsNote = "dh-groups: names (P256, P384, P521, X25519, FFDHE2048/3072/4096, X25519MLKEM768 from 17.5) and DEFAULT per release (before 14.0 P256:P384; 14.0–16.0 P256:X25519:P384 as a 14+ device shows it; from 16.1 plus FFDHE2048:FFDHE3072:FFDHE4096 per a third-party summary of K000136126) are assumed"

func dhGroup(name string) *tls.Group {
	for _, d := range dhGroupNames {
		if d.name == name {
			return tls.GroupByName(d.group)
		}
	}
	return nil
}

// DefaultDHGroups returns the groups `dh-groups DEFAULT` stands for on
// release v, in preference order (A16): before 14.0, when rules had no
// dh-groups, P-256 and P-384; from 14.0 P256:X25519:P384 (`tmsh show ltm
// cipher group /Common/f5-default` on a 14+ device); from 16.1 also
// FFDHE2048:FFDHE3072:FFDHE4096 for TLS 1.3 (third-party summary of F5's
// K000136126, which covers 16.1.x–21.x).
func DefaultDHGroups(v Version) []*tls.Group {
	v, _ = normalize(v)
	names := []string{"P256", "P384"}
	switch {
	case v.AtLeast(16, 1):
		names = []string{"P256", "X25519", "P384", "FFDHE2048", "FFDHE3072", "FFDHE4096"}
	case v.AtLeast(14, 0):
		names = []string{"P256", "X25519", "P384"}
	}
	out := make([]*tls.Group, 0, len(names))
	for _, n := range names {
		out = append(out, dhGroup(n))
	}
	return out
}

// DHGroups parses a cipher rule's `dh-groups` value for release v: names
// separated by ':' (case-insensitive), DEFAULT standing for
// DefaultDHGroups(v) wherever it appears, duplicates dropped. "" (attribute
// not set) is DEFAULT. Names the release does not know come back in unknown
// and are skipped; err is set when the value is malformed (an empty name),
// names nothing known, or sets dh-groups before 14.0, which did not have the
// attribute (AS3 properties.json: minVersion 14.0).
func DHGroups(s string, v Version) (groups []*tls.Group, unknown []string, err error) {
	v, _ = normalize(v)
	t := strings.TrimSpace(s)
	if t == "" || strings.EqualFold(t, "DEFAULT") {
		return DefaultDHGroups(v), nil, nil
	}
	if v.Less(Version{14, 0}) {
		return DefaultDHGroups(v), nil, fmt.Errorf("dh-groups %q: cipher rules have dh-groups from BIG-IP 14.0 (target %s)", s, v)
	}
	for _, elem := range strings.Split(t, ":") {
		name := strings.ToUpper(strings.TrimSpace(elem))
		switch {
		case name == "":
			return nil, unknown, fmt.Errorf("dh-groups %q: empty group name (expected names separated by ':', e.g. P256:X25519:P384)", s)
		case name == "DEFAULT":
			for _, g := range DefaultDHGroups(v) {
				if !slices.Contains(groups, g) {
					groups = append(groups, g)
				}
			}
			continue
		}
		var g *tls.Group
		for _, d := range dhGroupNames {
			if d.name == name && v.AtLeast(d.since.Major, d.since.Minor) {
				g = tls.GroupByName(d.group)
			}
		}
		if g == nil {
			unknown = append(unknown, strings.TrimSpace(elem))
			continue
		}
		if !slices.Contains(groups, g) {
			groups = append(groups, g)
		}
	}
	if len(groups) == 0 {
		return nil, unknown, fmt.Errorf("dh-groups %q: no group BIG-IP %s knows (expected P256, P384, P521, X25519, FFDHE2048, FFDHE3072, FFDHE4096 or DEFAULT)", s, v)
	}
	return groups, unknown, nil
}
