package f5

import (
	"slices"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint/tls"
)

// TestDerivedColumns: the columns derived from the catalogue of package tls
// equal what tmm printed for every observed suite, so the derivation can
// be trusted for the suites no capture shows.
func TestDerivedColumns(t *testing.T) {
	for _, d := range observedSuites {
		ts := tls.SuiteByCode(uint32(d.code))
		if ts == nil {
			t.Fatalf("%s: code %#04x not in the catalogue", d.name, d.code)
		}
		if got := deriveColumns(ts); got != *d.cols {
			t.Errorf("%s: derived %+v, tmm printed %+v", d.name, got, *d.cols)
		}
	}
}

// TestNames: F5 names ↔ catalogue suites, including the spellings that
// differ from OpenSSL (keywords.md §5).
func TestNames(t *testing.T) {
	for _, tc := range []struct{ f5, iana string }{
		{"ECDHE-RSA-AES128-CBC-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"},
		{"ECDHE-RSA-AES256-CBC-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"},
		{"ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"},
		{"AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"},
		{"DHE-RSA-AES256-GCM-SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"},
		{"DHE-RSA-DES-CBC3-SHA", "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"},
		{"DHE-RSA-DES-CBC-SHA", "TLS_DHE_RSA_WITH_DES_CBC_SHA"},
		{"ECDH-RSA-AES128-GCM-SHA256", "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256"},
		{"TLS13-AES128-GCM-SHA256", "TLS_AES_128_GCM_SHA256"},
		{"TLS13-AES256-GCM-SHA384", "TLS_AES_256_GCM_SHA384"},
		{"TLS13-CHACHA20-POLY1305-SHA256", "TLS_CHACHA20_POLY1305_SHA256"},
		{"ECDHE-RSA-CHACHA20-POLY1305-SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
		{"EXP1024-RC4-SHA", "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA"},
	} {
		s := SuiteByName(tc.f5)
		if s == nil || s.TLS == nil || s.TLS.IANA != tc.iana {
			t.Errorf("SuiteByName(%s) = %+v, want %s", tc.f5, s, tc.iana)
			continue
		}
		if got := NameOf(tls.SuiteByName(tc.iana)); got != tc.f5 {
			t.Errorf("NameOf(%s) = %q, want %s", tc.iana, got, tc.f5)
		}
		if SuiteByName(strings.ToLower(tc.f5)) != s {
			t.Errorf("%s: lower case not found", tc.f5)
		}
	}
	if NameOf(tls.SuiteByName("ECDHE-ECDSA-AES128-CCM")) != "" || NameOf(nil) != "" || SuiteByName("FOO") != nil {
		t.Error("suites BIG-IP does not have must have no F5 name")
	}
	// Every generated or assumed name resolves to a distinct catalogue suite.
	seen := map[uint16]string{}
	for _, list := range [][]dataSuite{observedSuites, namedSuites, assumedSuites} {
		for _, d := range list {
			if o, dup := seen[d.code]; dup {
				t.Errorf("%s and %s share code %#04x", d.name, o, d.code)
			}
			seen[d.code] = d.name
			if s := SuiteByName(d.name); s == nil || s.TLS == nil || s.TLS.Code != uint32(d.code) {
				t.Errorf("%s does not resolve to %#04x", d.name, d.code)
			}
		}
	}
}

func TestSuitesPerRelease(t *testing.T) {
	has := func(v Version, name string) bool {
		return slices.ContainsFunc(Suites(v), func(s *Suite) bool { return s.Name == name })
	}
	for _, tc := range []struct {
		name string
		from Version // first release with the suite; it stays until Newest
	}{
		{"AES128-SHA", Oldest},
		{"ECDHE-RSA-AES128-CBC-SHA", Version{11, 4}},
		{"ECDHE-ECDSA-AES128-SHA", Version{11, 5}},
		{"DHE-RSA-AES128-GCM-SHA256", Version{11, 4}},
		{"DHE-RSA-AES128-SHA256", Version{12, 0}},
		{"TLS13-AES128-GCM-SHA256", Version{14, 0}},
		{"TLS13-CHACHA20-POLY1305-SHA256", Version{15, 0}},
		{"ECDHE-ECDSA-CHACHA20-POLY1305-SHA256", Version{15, 0}},
	} {
		for _, v := range releases {
			want := !v.Less(tc.from)
			if got := has(v, tc.name); got != want {
				t.Errorf("%s on %s: %v, want %v", tc.name, v, got, want)
			}
		}
	}
	for _, s := range Suites(Newest) {
		if s.Compat {
			t.Errorf("COMPAT suite %s among the native ones", s.Name)
		}
	}
}

// TestRows checks the row model (A3) on suites with a distinctive shape.
func TestRows(t *testing.T) {
	str := func(ps []Protocol) string {
		var b []string
		for _, p := range ps {
			b = append(b, p.String())
		}
		return strings.Join(b, " ")
	}
	for _, tc := range []struct {
		name string
		v    Version
		want string
	}{
		{"AES128-SHA", Version{12, 1}, "SSL3 TLS1 TLS1.1 TLS1.2 DTLS1"},
		{"AES128-SHA", Version{17, 1}, "SSL3 TLS1 TLS1.1 TLS1.2 DTLS1 DTLS1.2"},
		{"DES-CBC-SHA", Version{12, 1}, "SSL3 TLS1 TLS1.1 DTLS1"},
		{"EXP1024-RC4-SHA", Version{12, 1}, "SSL3 TLS1"},
		{"EXP-DES-CBC-SHA", Version{12, 1}, "SSL3 TLS1 DTLS1"},
		{"RC4-SHA", Version{17, 1}, "SSL3 TLS1 TLS1.1 TLS1.2"},
		{"CAMELLIA256-SHA", Version{14, 1}, "TLS1 TLS1.1 TLS1.2"},
		{"ECDHE-RSA-AES128-CBC-SHA", Version{13, 1}, "TLS1 TLS1.1 TLS1.2"},
		{"ECDHE-RSA-AES128-CBC-SHA", Version{14, 0}, "TLS1 TLS1.1 TLS1.2 DTLS1"},
		{"ECDHE-ECDSA-AES128-SHA", Version{14, 1}, "TLS1 TLS1.1 TLS1.2"},
		{"ECDHE-ECDSA-AES128-SHA", Version{16, 0}, "TLS1 TLS1.1 TLS1.2 DTLS1 DTLS1.2"},
		{"ECDHE-RSA-AES128-GCM-SHA256", Version{15, 1}, "TLS1.2"},
		{"ECDHE-RSA-AES128-GCM-SHA256", Version{16, 0}, "TLS1.2 DTLS1.2"},
		{"DHE-RSA-AES128-SHA", Version{14, 1}, "SSL3 TLS1 TLS1.1 TLS1.2 DTLS1"},
		{"TLS13-AES256-GCM-SHA384", Version{17, 1}, "TLS1.3"},
	} {
		if got := str(rowsAt(SuiteByName(tc.name), tc.v)); got != tc.want {
			t.Errorf("%s@%s: %s, want %s", tc.name, tc.v, got, tc.want)
		}
	}
}

// TestNativeOrder: a single-key-exchange keyword comes out as the captures
// show (strongest first, AES-GCM, SHA-2, SHA-1, then 3DES/DES, RC4,
// CAMELLIA last), and the whole table is sorted by nativeCmp.
func TestNativeOrder(t *testing.T) {
	all := suiteDB().native
	if !slices.IsSortedFunc(all, nativeCmp) {
		t.Error("native table not in native order")
	}
	for i, s := range all {
		if s.KeyX == "*" && i < len(all)-3 {
			t.Errorf("TLS 1.3 suite %s before non-TLS 1.3 ones", s.Name)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Version
		err  bool
	}{
		{"17.1", Version{17, 1}, false},
		{"15.1.8.2", Version{15, 1}, false},
		{" v14.1.2.1 ", Version{14, 1}, false},
		{"17", Version{}, true},
		{"17.x", Version{}, true},
		{"17.1.a", Version{}, true},
		{"-1.0", Version{}, true},
	} {
		got, err := ParseVersion(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseVersion(%q) = %v, %v", tc.in, got, err)
		}
	}
	if !(Version{17, 1}).AtLeast(17, 0) || (Version{16, 9}).AtLeast(17, 0) || !(Version{11, 6}).Less(Version{12, 0}) {
		t.Error("comparisons")
	}
	if DefaultVersion.String() != "17.1" {
		t.Error(DefaultVersion)
	}
}
