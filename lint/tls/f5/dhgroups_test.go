package f5

import (
	"slices"
	"strings"
	"testing"
)

func TestDHGroups(t *testing.T) {
	for _, tc := range []struct {
		s       string
		v       Version
		want    []string
		unknown []string
		err     string // substring; "" = no error
	}{
		{"", v141, []string{"secp256r1", "x25519", "secp384r1"}, nil, ""},
		{"DEFAULT", v171, []string{"secp256r1", "x25519", "secp384r1", "ffdhe2048", "ffdhe3072", "ffdhe4096"}, nil, ""},
		{"default", Version{16, 0}, []string{"secp256r1", "x25519", "secp384r1"}, nil, ""},
		// f5-fips / f5-cc-stip (recent dump).
		{"P256:P384:FFDHE2048:FFDHE3072:FFDHE4096", v171, []string{"secp256r1", "secp384r1", "ffdhe2048", "ffdhe3072", "ffdhe4096"}, nil, ""},
		// AS3 converter fixture (cipher_rule.conf, 15.0.1).
		{"P256:P384", Version{15, 0}, []string{"secp256r1", "secp384r1"}, nil, ""},
		{"x25519 : p521", v171, []string{"x25519", "secp521r1"}, nil, ""},
		{"X25519:DEFAULT", v141, []string{"x25519", "secp256r1", "secp384r1"}, nil, ""},
		{"X25519MLKEM768:X25519", Version{17, 5}, []string{"X25519MLKEM768", "x25519"}, nil, ""},
		{"X25519MLKEM768:X25519", v171, []string{"x25519"}, []string{"X25519MLKEM768"}, ""},
		{"P256:secp384r1", v171, []string{"secp256r1"}, []string{"secp384r1"}, ""},
		{"P256::P384", v171, nil, nil, "empty group name"},
		{"BRAINPOOL", v171, nil, []string{"BRAINPOOL"}, "no group BIG-IP 17.1 knows"},
		{"P256", Version{13, 1}, []string{"secp256r1", "secp384r1"}, nil, "from BIG-IP 14.0"},
		{"DEFAULT", Version{13, 1}, []string{"secp256r1", "secp384r1"}, nil, ""},
	} {
		gs, unknown, err := DHGroups(tc.s, tc.v)
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%q@%s: err %v, want %q", tc.s, tc.v, err, tc.err)
		}
		if !slices.Equal(groupNames(gs), tc.want) && !(len(gs) == 0 && tc.want == nil) {
			t.Errorf("%q@%s: %v, want %v", tc.s, tc.v, groupNames(gs), tc.want)
		}
		if !slices.Equal(unknown, tc.unknown) {
			t.Errorf("%q@%s: unknown %q, want %q", tc.s, tc.v, unknown, tc.unknown)
		}
	}
}

func TestDefaultDHGroupsAreCatalogueGroups(t *testing.T) {
	for _, v := range releases {
		for _, g := range DefaultDHGroups(v) {
			if g == nil {
				t.Fatalf("DefaultDHGroups(%s) has a group the catalogue lacks", v)
			}
		}
	}
	for _, d := range dhGroupNames {
		if dhGroup(d.name) == nil {
			t.Errorf("%s → %s is not in the catalogue of package tls", d.name, d.group)
		}
	}
}
