package tls

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tlslint/tlslint/lint/i18n"
)

// mustTarget parses "VERSION[@LEVEL][/BUILD]", e.g. "3.0@1/weak-ciphers,legacy-provider".
func mustTarget(t testing.TB, s string) OpenSSL {
	t.Helper()
	v, b, _ := strings.Cut(s, "/")
	o, err := ParseOpenSSL(v)
	if err != nil {
		t.Fatalf("ParseOpenSSL(%q): %v", v, err)
	}
	if o.Build, err = ParseOpenSSLBuild(b); err != nil {
		t.Fatal(err)
	}
	return o
}

func suiteNames(ss []*Suite) []string {
	out := []string{}
	for _, s := range ss {
		out = append(out, s.DisplayName())
	}
	return out
}

func TestOpenSSLTablesMatchCatalogue(t *testing.T) {
	for i, r := range osslRows {
		s := SuiteByCode(r.code)
		if s == nil {
			t.Errorf("osslRows[%d]: code %#x is not in the catalogue", i, r.code)
			continue
		}
		if _, _, _, _, ok := osslAlgorithms(s); !ok {
			t.Errorf("osslRows[%d] %s: Kx=%s Au=%s Enc=%s Mac=%s has no OpenSSL algorithm bits", i, s.Name, s.Kx, s.Au, s.Enc, s.Mac)
		}
		if r.from > r.to || r.to >= numGens {
			t.Errorf("osslRows[%d] %s: bad generation range %d..%d", i, s.Name, r.from, r.to)
		}
	}
	for g, m := range models() {
		names := map[string]bool{}
		for _, c := range m.ciphers {
			if c.min == SSLv2 {
				continue // 1.0.2's SSLv2 RC4-MD5 shares the name, as in OpenSSL
			}
			if names[c.name] {
				t.Errorf("generation %d: two suites named %s", g, c.name)
			}
			names[c.name] = true
		}
	}
	// Without GOST (4 suites in 1.1.1, 7 in 3.x); 1.0.2 adds 4 SSLv2 suites.
	counts := map[osslGen][2]int{g102: {150 + 4, 0}, g111: {184, 5}, g30: {184, 5}, g32: {184, 5}, g34: {184, 7}}
	for g, want := range counts {
		m := models()[g]
		if got := [2]int{len(m.ciphers), len(m.tls13)}; got != want {
			t.Errorf("generation %d has %v suites (cipher list, TLS 1.3), want %v", g, got, want)
		}
	}
}

func TestParseOpenSSL(t *testing.T) {
	tests := []struct {
		in      string
		want    OpenSSL
		wantErr string
	}{
		{"", OpenSSL{3, 0, 0, 2, 0}, ""},
		{"3.0", OpenSSL{3, 0, 0, 2, 0}, ""},
		{"3.0@1", OpenSSL{3, 0, 0, 1, 0}, ""},
		{"3.0.13", OpenSSL{3, 0, 0, 2, 0}, ""},
		{"3.0.13@0", OpenSSL{3, 0, 0, 0, 0}, ""},
		{"3.5", OpenSSL{3, 5, 0, 2, 0}, ""},
		{"3.6@3", OpenSSL{3, 6, 0, 3, 0}, ""},
		{"1.1.1", OpenSSL{1, 1, 1, 1, 0}, ""},
		{"1.1.1w@2", OpenSSL{1, 1, 1, 2, 0}, ""},
		{"1.0.2", OpenSSL{1, 0, 2, 0, 0}, ""},
		{"1.0.2u", OpenSSL{1, 0, 2, 0, 0}, ""},
		{" 3.2 ", OpenSSL{3, 2, 0, 2, 0}, ""},
		{"1.0.2@1", OpenSSL{}, "no security levels"},
		{"1.1", OpenSSL{}, "series patch number"},
		{"1.1.0", OpenSSL{}, "not one tlslint knows"},
		{"0.9.8", OpenSSL{}, "not one tlslint knows"},
		{"3.7", OpenSSL{}, "not one tlslint knows"},
		{"4.0", OpenSSL{}, "not one tlslint knows"},
		{"3", OpenSSL{}, "MAJOR.MINOR"},
		{"3.0@6", OpenSSL{}, "not 0..5"},
		{"3.0@x", OpenSSL{}, "not 0..5"},
		{"x.0", OpenSSL{}, "bad major"},
		{"3.0.1abc", OpenSSL{}, "bad patch"},
	}
	for _, tt := range tests {
		got, err := ParseOpenSSL(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseOpenSSL(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseOpenSSL(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
		if back, err := ParseOpenSSL(got.String()); err != nil || back != got {
			t.Errorf("ParseOpenSSL(%q.String() = %q) = %+v, %v", tt.in, got.String(), back, err)
		}
	}
}

// TestExpandGenerations pins behaviour that differs between generations and
// that the machine's OpenSSL 3.0 cannot show: every expectation follows from
// that generation's ssl/ssl_ciph.c and ssl/s3_lib.c.
func TestExpandGenerations(t *testing.T) {
	aes3 := suiteNames(Expand("AES", mustTarget(t, "3.0")).List)
	tests := []struct {
		target, str string
		want        []string // the cipher-list part; nil when wantErr
		prefix      bool     // want is a prefix of the list
		wantErr     error
		unknown     []string
		absent      []string
	}{
		// 1.0.2: its ALL starts with ECDHE AES256, SRP, then the fixed and
		// ephemeral DH suites interleaved (no TLS 1.2 bump yet).
		{target: "1.0.2", str: "ALL", prefix: true, want: []string{
			"ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-SHA384",
			"ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES256-SHA", "ECDHE-ECDSA-AES256-SHA",
			"SRP-DSS-AES-256-CBC-SHA", "SRP-RSA-AES-256-CBC-SHA", "SRP-AES-256-CBC-SHA",
			"DH-DSS-AES256-GCM-SHA384", "DHE-DSS-AES256-GCM-SHA384", "DH-RSA-AES256-GCM-SHA384", "DHE-RSA-AES256-GCM-SHA384"}},
		{target: "1.0.2/ssl2", str: "SSLv2", want: []string{"IDEA-CBC-MD5", "RC2-CBC-MD5", "RC4-MD5", "DES-CBC3-MD5"}},
		// The default 1.0.2 build (1.0.2g+) has no SSLv2, EXPORT, LOW or
		// KRB5 suite: the aliases stay (KRB5's go) and match nothing.
		{target: "1.0.2", str: "SSLv2", wantErr: ErrNoCipherMatch, absent: []string{"SSLv2"}},
		{target: "1.0.2", str: "EXPORT:LOW:DES:KRB5:kKRB5:RC4-MD5", want: []string{"RC4-MD5"}, absent: []string{"EXPORT", "LOW", "DES", "KRB5", "kKRB5"}},
		// 1.0.2 matches an explicit name by its algorithms: the SSLv2
		// RC4-MD5 comes along.
		{target: "1.0.2/ssl2", str: "RC4-MD5", want: []string{"RC4-MD5", "RC4-MD5"}},
		{target: "1.0.2/weak-ciphers", str: "EXPORT40+RSA", want: []string{"EXP-DES-CBC-SHA", "EXP-RC2-CBC-MD5", "EXP-RC4-MD5"}},
		{target: "1.0.2/weak-ciphers", str: "LOW+kRSA", want: []string{"DES-CBC-SHA"}},
		// 3DES, RC4, IDEA and SEED are in the default 1.0.2 build.
		{target: "1.0.2", str: "3DES+kRSA:RC4+kRSA:IDEA:SEED+kRSA", want: []string{"DES-CBC3-SHA", "RC4-SHA", "RC4-MD5", "IDEA-CBC-SHA", "SEED-SHA"}},
		{target: "1.0.2", str: "DEFAULT:@SECLEVEL=1", wantErr: ErrInvalidCommand},
		{target: "1.0.2", str: "AESCCM:CHACHA20", wantErr: ErrNoCipherMatch, absent: []string{"AESCCM", "CHACHA20"}},
		{target: "1.0.2", str: "EDH-RSA-DES-CBC3-SHA", want: []string{"DHE-RSA-DES-CBC3-SHA"}},
		{target: "1.0.2", str: "kDH+AESGCM", want: []string{"DH-DSS-AES256-GCM-SHA384", "DH-RSA-AES256-GCM-SHA384", "DH-DSS-AES128-GCM-SHA256", "DH-RSA-AES128-GCM-SHA256"}},
		// 1.1.1 has no CBC alias (3.0 added it).
		{target: "1.1.1", str: "CBC", wantErr: ErrNoCipherMatch, absent: []string{"CBC"}},
		// 1.1.1's default build: no 3DES, no RC4 (weak ciphers), but the
		// aliases are there; IDEA and SEED are built in.
		{target: "1.1.1", str: "3DES:RC4:IDEA:SEED+kRSA", want: []string{"IDEA-CBC-SHA", "SEED-SHA"}, absent: []string{"3DES", "RC4"}},
		{target: "1.1.1/weak-ciphers", str: "3DES+kRSA:RC4+kRSA", want: []string{"DES-CBC3-SHA", "RC4-SHA", "RC4-MD5"}},
		{target: "1.1.1", str: "AES:!3DES\u201d", wantErr: ErrInvalidCommand},
		{target: "1.1.1", str: "AES:!RC4\u201d", wantErr: ErrInvalidCommand},
		{target: "3.0", str: "CBC+kRSA+AES256", want: []string{"AES256-SHA256", "AES256-SHA"}},
		// 3.0's default build: no RC4, 3DES, SEED, IDEA; the RC4, SEED,
		// IDEA and RC2 aliases are gone too (their ciphers are in the
		// legacy provider), 3DES's stays.
		{target: "3.0", str: "RC4+kRSA", wantErr: ErrNoCipherMatch, absent: []string{"RC4"}},
		{target: "3.0", str: "3DES+kRSA", wantErr: ErrNoCipherMatch, absent: []string{"3DES"}},
		{target: "3.0", str: "SEED:IDEA:RC2:DES-CBC3-SHA:RC4-SHA:SEED-SHA:AES128-SHA", want: []string{"AES128-SHA"}, absent: []string{"SEED", "IDEA", "RC2", "DES-CBC3-SHA", "RC4-SHA", "SEED-SHA"}},
		{target: "3.0", str: "AES:!RC4\u201d:!SEED\u201d", want: aes3},
		{target: "3.0", str: "AES:!3DES\u201d", wantErr: ErrInvalidCommand},
		{target: "3.0", str: "AES:RC4\u201d", want: aes3, absent: []string{"RC4"}},
		// Builds: weak ciphers bring 3DES; RC4 also needs the legacy
		// provider, which alone brings SEED and IDEA.
		{target: "3.0/weak-ciphers", str: "3DES+kRSA", want: []string{"DES-CBC3-SHA"}},
		{target: "3.0/weak-ciphers", str: "RC4+kRSA", wantErr: ErrNoCipherMatch, absent: []string{"RC4"}},
		{target: "3.0/weak-ciphers,legacy-provider", str: "RC4+kRSA", want: []string{"RC4-SHA", "RC4-MD5"}},
		{target: "3.0/legacy-provider", str: "RC4+kRSA:SEED+kRSA:IDEA", want: []string{"SEED-SHA", "IDEA-CBC-SHA"}, absent: []string{"RC4"}},
		{target: "3.0/legacy-provider,no-idea", str: "SEED+kRSA:IDEA:AES:!IDEA\u201d", want: append([]string{"SEED-SHA"}, aes3...), absent: []string{"IDEA"}},
		{target: "3.0", str: "DES", wantErr: ErrNoCipherMatch, absent: []string{"DES"}},
		// Exclusions of what is not there are neither absent nor unknown;
		// a typo is unknown.
		{target: "3.0", str: "AES:!EXPORT:!DES:!RC4:-3DES:!kECDH+SEED:ECDHE-RSA-AES128-GCM-SHA265", want: aes3, unknown: []string{"ECDHE-RSA-AES128-GCM-SHA265"}, absent: []string{}},
		// 3.0 cuts names at '_' and skips the rest; 3.2 accepts IANA names.
		{target: "3.0", str: "TLS_RSA_WITH_AES_128_CBC_SHA", wantErr: ErrNoCipherMatch, absent: []string{"TLS_RSA_WITH_AES_128_CBC_SHA"}},
		{target: "3.2", str: "TLS_RSA_WITH_RC4_128_SHA:AES128-SHA", want: []string{"AES128-SHA"}, absent: []string{"TLS_RSA_WITH_RC4_128_SHA"}},
		{target: "3.0", str: "TLS_AES_128_GCM_SHA256:AES128-SHA", want: []string{"AES128-SHA"}, unknown: []string{"TLS_AES_128_GCM_SHA256"}},
		{target: "3.2", str: "TLS_RSA_WITH_AES_128_CBC_SHA:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", want: []string{"AES128-SHA", "ECDHE-RSA-AES128-GCM-SHA256"}},
		{target: "3.0", str: "AES_128", wantErr: ErrInvalidCommand},
		// 3.2 moved CCM8 to MEDIUM.
		{target: "3.0", str: "HIGH+AESCCM8+kRSA", want: []string{"AES256-CCM8", "AES128-CCM8"}},
		{target: "3.2", str: "HIGH+AESCCM8", wantErr: ErrNoCipherMatch},
		{target: "3.2", str: "MEDIUM+AESCCM8+kRSA", want: []string{"AES256-CCM8", "AES128-CCM8"}},
		// 3.4 dropped FIPS from 3DES, so the EDH-*-DES-CBC3-SHA aliases
		// (HIGH|FIPS) no longer match anything.
		{target: "3.0/weak-ciphers", str: "EDH-RSA-DES-CBC3-SHA", want: []string{"DHE-RSA-DES-CBC3-SHA"}},
		{target: "3.4/weak-ciphers", str: "EDH-RSA-DES-CBC3-SHA", wantErr: ErrNoCipherMatch},
		// The string's own security level.
		{target: "3.0", str: "ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0", want: []string{"ECDHE-RSA-AES128-GCM-SHA256"}},
		{target: "3.0", str: "HIGH:@SECLEVEL=6", wantErr: ErrInvalidCommand},
		// Suite B replaces the whole string.
		{target: "3.0", str: "SUITEB128:RC4", want: []string{"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384"}},
		// DEFAULT only counts at the very start.
		{target: "3.0", str: "AES128-SHA:DEFAULT", want: []string{"AES128-SHA"}, unknown: []string{"DEFAULT"}},
	}
	for _, tt := range tests {
		e := Expand(tt.str, mustTarget(t, tt.target))
		if tt.wantErr != nil {
			if !errors.Is(e.Err, tt.wantErr) || len(e.Suites) != 0 {
				t.Errorf("%s %q: err = %v with %d suites, want %v", tt.target, tt.str, e.Err, len(e.Suites), tt.wantErr)
			}
		} else {
			got := suiteNames(e.List)
			if tt.prefix && len(got) > len(tt.want) {
				got = got[:len(tt.want)]
			}
			if e.Err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s %q = %v (err %v), want %v", tt.target, tt.str, got, e.Err, tt.want)
			}
		}
		if tt.unknown != nil && !reflect.DeepEqual(e.Unknown, tt.unknown) {
			t.Errorf("%s %q: unknown = %v, want %v", tt.target, tt.str, e.Unknown, tt.unknown)
		}
		if tt.absent != nil && !(len(tt.absent) == 0 && len(e.Absent) == 0) && !reflect.DeepEqual(e.Absent, tt.absent) {
			t.Errorf("%s %q: absent = %v, want %v", tt.target, tt.str, e.Absent, tt.absent)
		}
	}
}

func TestExpandTLS13AndSecLevel(t *testing.T) {
	e := Expand("ECDHE+AESGCM:@SECLEVEL=1", mustTarget(t, "3.0@2"))
	if e.SecLevel != 1 {
		t.Errorf("SecLevel = %d, want 1 from the string", e.SecLevel)
	}
	if got := suiteNames(e.TLS13); !reflect.DeepEqual(got, strings.Split(DefaultTLS13, ":")) {
		t.Errorf("TLS13 = %v, want the default Ciphersuites", got)
	}
	if len(e.Suites) != len(e.TLS13)+len(e.List) || e.Suites[0] != e.TLS13[0] || e.Suites[len(e.TLS13)] != e.List[0] {
		t.Errorf("Suites is not TLS13 followed by List")
	}
	if e102 := Expand("HIGH", mustTarget(t, "1.0.2")); e102.TLS13 != nil {
		t.Errorf("1.0.2 has TLS 1.3 suites: %v", suiteNames(e102.TLS13))
	}
	cs, err := ParseCiphersuitesFor("TLS_AES_128_GCM_SHA256", mustTarget(t, "3.0"))
	if err != nil {
		t.Fatal(err)
	}
	w := ExpandWith("ECDHE+AESGCM", mustTarget(t, "3.0"), ExpandOptions{Ciphersuites: cs})
	if got := suiteNames(w.TLS13); !reflect.DeepEqual(got, []string{"TLS_AES_128_GCM_SHA256"}) {
		t.Errorf("TLS13 with Ciphersuites = %v", got)
	}
	none := ExpandWith("ECDHE+AESGCM", mustTarget(t, "3.0"), ExpandOptions{Ciphersuites: []*Suite{}})
	if len(none.TLS13) != 0 || len(none.List) == 0 {
		t.Errorf("empty Ciphersuites: TLS13 %v, List %d", suiteNames(none.TLS13), len(none.List))
	}
}

func TestUsable(t *testing.T) {
	const mozIntermediate = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384"
	tests := []struct {
		target, str string
		v           Version
		want        []string
	}{
		{"3.0@2", "AES128-SHA:ECDHE-RSA-AES128-SHA", TLS12, []string{"AES128-SHA", "ECDHE-RSA-AES128-SHA"}},
		// OpenSSL 3 cannot do TLS 1.0 from level 1 on; it can at level 0.
		{"3.0@1", "AES128-SHA:ECDHE-RSA-AES128-SHA", TLS10, nil},
		{"3.0@0", "AES128-SHA:ECDHE-RSA-AES128-SHA", TLS10, []string{"AES128-SHA", "ECDHE-RSA-AES128-SHA"}},
		{"3.0", "AES128-SHA:@SECLEVEL=0", TLS11, []string{"AES128-SHA"}},
		// 1.1.1 keeps TLS 1.0 until level 3.
		{"1.1.1@2", "AES128-SHA", TLS10, []string{"AES128-SHA"}},
		{"1.1.1@3", "AES128-SHA:ECDHE-RSA-AES128-SHA", TLS10, nil},
		{"1.1.1@3", "AES128-SHA:ECDHE-RSA-AES128-SHA", TLS11, []string{"ECDHE-RSA-AES128-SHA"}},
		// TLS 1.2-only suites stay out of older versions.
		{"3.0@0", mozIntermediate, TLS11, nil},
		{"3.0@2", mozIntermediate, TLS12, strings.Split(mozIntermediate, ":")},
		// Level 3: forward secrecy only; level 4: no SHA-1 MAC, 192 bits.
		{"3.0@3", "AES256-GCM-SHA384:ECDHE-RSA-AES128-SHA:DHE-RSA-AES256-GCM-SHA384", TLS12, []string{"ECDHE-RSA-AES128-SHA", "DHE-RSA-AES256-GCM-SHA384"}},
		{"3.0@4", "ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384", TLS12, []string{"ECDHE-RSA-AES256-GCM-SHA384"}},
		// Level 1 refuses anonymous and MD5; level 2 refuses RC4 in 3.0
		// (an explicit rule) and in 3.2 (80 bits); level 0 takes all.
		{"3.0@1/weak-ciphers,legacy-provider", "ADH-AES128-SHA:RC4-MD5:RC4-SHA:AES128-SHA", TLS12, []string{"RC4-SHA", "AES128-SHA"}},
		{"3.0@2/weak-ciphers,legacy-provider", "RC4-SHA:AES128-SHA", TLS12, []string{"AES128-SHA"}},
		{"3.2@1/weak-ciphers,legacy-provider", "RC4-SHA:AES128-SHA", TLS12, []string{"RC4-SHA", "AES128-SHA"}},
		{"3.2@2/weak-ciphers,legacy-provider", "RC4-SHA:AES128-SHA", TLS12, []string{"AES128-SHA"}},
		{"3.0@0/weak-ciphers,legacy-provider", "ADH-AES128-SHA:RC4-MD5", TLS12, []string{"ADH-AES128-SHA", "RC4-MD5"}},
		// 3DES is 112 bits: fine at 2, gone at 3 (and not forward secret).
		{"3.0@2/weak-ciphers", "DES-CBC3-SHA", TLS12, []string{"DES-CBC3-SHA"}},
		{"3.0@3/weak-ciphers", "DES-CBC3-SHA:ECDHE-RSA-DES-CBC3-SHA", TLS12, nil},
		// 3.2: CCM8 is 64 bits, below level 1.
		{"3.2@1", "AES128-CCM8:AES128-CCM", TLS12, []string{"AES128-CCM"}},
		// IDEA stops at TLS 1.1.
		{"3.0@0/legacy-provider", "IDEA-CBC-SHA", TLS12, nil},
		{"3.0@0/legacy-provider", "IDEA-CBC-SHA", TLS11, []string{"IDEA-CBC-SHA"}},
		// TLS 1.3 uses the Ciphersuites part.
		{"3.0@2", "AES128-SHA", TLS13, strings.Split(DefaultTLS13, ":")},
		{"1.0.2", "HIGH", TLS13, nil},
		// 1.0.2: SSLv2 and SSLv3, EXPORT only up to TLS 1.0, no levels.
		{"1.0.2/weak-ciphers,ssl2", "EXPORT40+RSA:RC4-MD5", SSLv2, []string{"RC4-MD5"}},
		{"1.0.2/weak-ciphers", "EXP-RC4-MD5:RC4-MD5", TLS10, []string{"EXP-RC4-MD5", "RC4-MD5"}},
		{"1.0.2/weak-ciphers", "EXP-RC4-MD5:RC4-MD5", TLS11, []string{"RC4-MD5"}},
		{"1.0.2", "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA", SSLv3, []string{"AES128-SHA"}},
		{"3.0@2", "FOO", TLS12, nil},
	}
	for _, tt := range tests {
		target := mustTarget(t, tt.target)
		got := Expand(tt.str, target).Usable(target, tt.v)
		if names := suiteNames(got); !(len(names) == 0 && len(tt.want) == 0) && !reflect.DeepEqual(names, tt.want) {
			t.Errorf("%s %q at %v = %v, want %v", tt.target, tt.str, tt.v, names, tt.want)
		}
	}
}

func TestProtocols(t *testing.T) {
	tests := map[string]VersionSet{
		"1.0.2":      Range(SSLv3, TLS12),
		"1.0.2/ssl2": Range(SSLv2, TLS12),
		"1.1.1@0":    Range(TLS10, TLS13),
		"1.1.1@2":    Range(TLS10, TLS13),
		"1.1.1@3":    Range(TLS11, TLS13),
		"1.1.1@4":    Range(TLS12, TLS13),
		"3.0@0":      Range(TLS10, TLS13),
		"3.0@1":      Range(TLS12, TLS13),
		"3.5@5":      Range(TLS12, TLS13),
	}
	for in, want := range tests {
		if got := mustTarget(t, in).Protocols(); got != want {
			t.Errorf("%s Protocols() = %v, want %v", in, got, want)
		}
	}
}

func TestSecurityAllows(t *testing.T) {
	ok, why := mustTarget(t, "3.0@2").SecurityAllows(SuiteByName("RC4-SHA"))
	if ok || !strings.Contains(why, "RC4") {
		t.Errorf("RC4-SHA at 3.0@2: %v %q", ok, why)
	}
	ok, why = mustTarget(t, "3.0@2").SecurityAllows(SuiteByName("DH-RSA-AES128-SHA"))
	if ok || why != "OpenSSL 3.0 has no DH-RSA-AES128-SHA in any build" {
		t.Errorf("DH-RSA-AES128-SHA at 3.0: %v %q", ok, why)
	}
	if ok, _ := mustTarget(t, "3.0@2").SecurityAllows(SuiteByName("ECDHE-RSA-AES128-GCM-SHA256")); !ok {
		t.Error("ECDHE-RSA-AES128-GCM-SHA256 refused at 3.0@2")
	}
}

func TestParseCiphersuites(t *testing.T) {
	tests := []struct {
		target, in string
		want       []string
		wantErr    bool
	}{
		{"3.0", DefaultTLS13, strings.Split(DefaultTLS13, ":"), false},
		{"3.0", " TLS_AES_128_GCM_SHA256 :: TLS_AES_128_CCM_SHA256 ", []string{"TLS_AES_128_GCM_SHA256", "TLS_AES_128_CCM_SHA256"}, false},
		{"3.0", "", []string{}, false},
		{"3.0", "FOO:TLS_AES_128_GCM_SHA256", []string{"TLS_AES_128_GCM_SHA256"}, false},
		{"3.0", "tls_aes_128_gcm_sha256", nil, true}, // case-sensitive
		{"3.0", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", []string{"ECDHE-RSA-AES128-GCM-SHA256"}, false},
		{"3.0", "TLS_SHA256_SHA256", nil, true}, // integrity-only suites arrive in 3.4
		{"3.5", "TLS_SHA256_SHA256", []string{"TLS_SHA256_SHA256"}, false},
		{"1.0.2", "TLS_AES_128_GCM_SHA256", nil, true},
	}
	for _, tt := range tests {
		got, err := ParseCiphersuitesFor(tt.in, mustTarget(t, tt.target))
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseCiphersuitesFor(%q, %s) error = %v, want error %v", tt.in, tt.target, err, tt.wantErr)
			continue
		}
		if err == nil && !reflect.DeepEqual(suiteNames(got), tt.want) {
			t.Errorf("ParseCiphersuitesFor(%q, %s) = %v, want %v", tt.in, tt.target, suiteNames(got), tt.want)
		}
	}
	if got, err := ParseCiphersuites("TLS_SHA384_SHA384"); err != nil || len(got) != 1 {
		t.Errorf("ParseCiphersuites for the newest OpenSSL = %v, %v", suiteNames(got), err)
	}
}

func TestFormatV(t *testing.T) {
	// Lines as OpenSSL 3.0.19's `openssl ciphers -v` prints them.
	want := "TLS_AES_128_GCM_SHA256         TLSv1.3 Kx=any      Au=any   Enc=AESGCM(128)            Mac=AEAD\n" +
		"ECDHE-ECDSA-CHACHA20-POLY1305  TLSv1.2 Kx=ECDH     Au=ECDSA Enc=CHACHA20/POLY1305(256) Mac=AEAD\n" +
		"ECDHE-RSA-AES256-SHA           TLSv1   Kx=ECDH     Au=RSA   Enc=AES(256)               Mac=SHA1\n" +
		"SRP-DSS-AES-256-CBC-SHA        SSLv3   Kx=SRP      Au=DSS   Enc=AES(256)               Mac=SHA1\n" +
		"ECDHE-PSK-NULL-SHA384          TLSv1   Kx=ECDHEPSK Au=PSK   Enc=None                   Mac=SHA384\n"
	var ss []*Suite
	for _, n := range []string{"TLS_AES_128_GCM_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-AES256-SHA", "SRP-DSS-AES-256-CBC-SHA", "ECDHE-PSK-NULL-SHA384"} {
		ss = append(ss, SuiteByName(n))
	}
	if got := FormatV(ss); got != want {
		t.Errorf("FormatV:\n%s\nwant:\n%s", got, want)
	}
	// 1.0.2 names, columns, the SSLv3 protocol of TLS 1.0 suites and " export".
	old := FormatVFor([]*Suite{SuiteByName("DHE-RSA-DES-CBC3-SHA"), SuiteByName("ECDHE-RSA-AES256-SHA"), SuiteByName("EXP-RC4-MD5")}, mustTarget(t, "1.0.2"))
	wantOld := "EDH-RSA-DES-CBC3-SHA    SSLv3 Kx=DH       Au=RSA  Enc=3DES(168) Mac=SHA1\n" +
		"ECDHE-RSA-AES256-SHA    SSLv3 Kx=ECDH     Au=RSA  Enc=AES(256)  Mac=SHA1\n" +
		"EXP-RC4-MD5             SSLv3 Kx=RSA(512) Au=RSA  Enc=RC4(40)   Mac=MD5  export\n"
	if old != wantOld {
		t.Errorf("FormatVFor 1.0.2:\n%s\nwant:\n%s", old, wantOld)
	}
}

func TestExpandMemoizedAndConcurrent(t *testing.T) {
	target := mustTarget(t, "3.0@2")
	first := Expand("ECDHE+AESGCM:!aNULL", target)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if e := Expand("ECDHE+AESGCM:!aNULL", target); e != first {
				t.Error("Expand returned a different *Expansion for the same (string, target)")
			}
		}()
	}
	wg.Wait()
	if other := Expand("ECDHE+AESGCM:!aNULL", mustTarget(t, "3.0@1")); other == first || other.SecLevel != 1 {
		t.Error("the security level is part of the memo key")
	}
}

// TestCipherStringErrorMsg: the error as a message reads as Error in
// English; in Japanese the sentence is translated and OpenSSL's reason
// stays verbatim.
func TestCipherStringErrorMsg(t *testing.T) {
	for s, reason := range map[string]string{"NOSUCHCIPHER": "no cipher match", "HIGH:@FOO": "invalid command"} {
		var ce *CipherStringError
		e := Expand(s, mustTarget(t, "3.0"))
		if !errors.As(e.Err, &ce) {
			t.Fatalf("%s: err %v is not a *CipherStringError", s, e.Err)
		}
		if got := ce.Msg().String(); got != ce.Error() {
			t.Errorf("Msg %q, Error %q", got, ce.Error())
		}
		if want := "暗号文字列 " + strconv.Quote(s) + ": " + reason; ce.Msg().In(i18n.Japanese) != want {
			t.Errorf("in Japanese: %q, want %q", ce.Msg().In(i18n.Japanese), want)
		}
	}
}
