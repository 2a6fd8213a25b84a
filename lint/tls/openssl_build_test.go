package tls

import (
	"errors"
	"os/exec"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestParseOpenSSLBuild(t *testing.T) {
	tests := []struct {
		in   string
		want OpenSSLBuild
		err  bool
	}{
		{"", 0, false},
		{"default", 0, false},
		{"weak-ciphers", BuildWeakCiphers, false},
		{"weak-ciphers,legacy-provider", BuildWeakCiphers | BuildLegacyProvider, false},
		{" legacy-provider , weak-ciphers ", BuildWeakCiphers | BuildLegacyProvider, false},
		{"enable-weak-ssl-ciphers legacy", BuildWeakCiphers | BuildLegacyProvider, false},
		{"ssl2,no-idea", BuildSSL2 | BuildNoIDEA, false},
		{"weak", 0, true},
		{"weak-ciphers,rc4", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseOpenSSLBuild(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseOpenSSLBuild(%q) = %v, %v; want %v (error %v)", tt.in, got, err, tt.want, tt.err)
		}
		if err == nil {
			if back, err := ParseOpenSSLBuild(got.String()); err != nil || back != got {
				t.Errorf("ParseOpenSSLBuild(%q) does not read back %q: %v, %v", got.String(), tt.in, back, err)
			}
		}
	}
}

// encs summarises a build's suites by encryption and other traits.
func buildTraits(o OpenSSL) map[string]bool {
	has := map[string]bool{}
	for _, s := range o.BuildSuites() {
		has[s.encBase()] = true
		if s.Export {
			has["EXPORT"] = true
		}
		if s.Proto == SSLv2 {
			has["SSLv2"] = true
		}
		if s.kxBase() == "KRB5" {
			has["KRB5"] = true
		}
		if s.Au == "None" {
			has["aNULL"] = true
		}
	}
	return has
}

// TestDefaultBuilds pins what each version's default build offers and
// what the build options add, from Configure's %disabled list and the
// #ifndef blocks of ssl/s3_lib.c and ssl/s2_lib.c (1.0.2u, 1.1.1s, 3.0) and
// the provider split of 3.0 (see openssl_build.go).
func TestDefaultBuilds(t *testing.T) {
	tests := []struct {
		target  string
		has     []string
		hasNot  []string
		aliases []string // present
		noAlias []string // dropped by ssl_cipher_collect_aliases or never in the table
	}{
		{"1.0.2", []string{"RC4", "3DES", "IDEA", "SEED", "AES", "aNULL"}, []string{"DES", "EXPORT", "SSLv2", "KRB5", "RC2"},
			[]string{"EXPORT", "LOW", "DES", "SSLv2", "RC2", "3DES"}, []string{"KRB5", "kKRB5", "aKRB5", "CBC", "AESCCM"}},
		{"1.0.2/weak-ciphers", []string{"DES", "EXPORT", "RC2"}, []string{"SSLv2", "KRB5"}, nil, nil},
		{"1.0.2/ssl2", []string{"SSLv2"}, []string{"EXPORT"}, nil, nil},
		{"1.0.2/no-idea", nil, []string{"IDEA"}, nil, []string{"IDEA"}},
		{"1.1.1", []string{"IDEA", "SEED", "Camellia", "aNULL"}, []string{"RC4", "3DES", "DES"},
			[]string{"RC4", "3DES", "IDEA", "SEED", "RC2"}, []string{"DES", "CBC", "EXPORT"}},
		{"1.1.1/weak-ciphers", []string{"RC4", "3DES"}, []string{"DES"}, nil, nil},
		{"1.1.1/legacy-provider", []string{"IDEA", "SEED"}, []string{"RC4", "3DES"}, nil, nil},
		{"3.0", []string{"AES", "Camellia", "ARIAGCM", "aNULL"}, []string{"RC4", "3DES", "DES", "IDEA", "SEED"},
			[]string{"3DES", "CBC", "EDH-RSA-DES-CBC3-SHA"}, []string{"RC4", "SEED", "IDEA", "RC2", "DES", "EXPORT"}},
		{"3.0/weak-ciphers", []string{"3DES"}, []string{"RC4", "SEED", "IDEA"}, nil, []string{"RC4"}},
		{"3.0/legacy-provider", []string{"SEED", "IDEA"}, []string{"RC4", "3DES"}, []string{"RC4", "SEED", "IDEA", "RC2"}, nil},
		{"3.0/weak-ciphers,legacy-provider", []string{"RC4", "3DES", "SEED", "IDEA"}, nil, nil, nil},
		{"3.0/legacy-provider,no-idea", []string{"SEED"}, []string{"IDEA"}, []string{"SEED"}, []string{"IDEA"}},
		{"3.4", nil, []string{"RC4", "3DES", "SEED"}, nil, []string{"RC4"}},
		{"3.6/weak-ciphers,legacy-provider", []string{"RC4", "3DES", "SEED"}, nil, nil, nil},
	}
	for _, tt := range tests {
		o := mustTarget(t, tt.target)
		has := buildTraits(o)
		for _, h := range tt.has {
			if !has[h] {
				t.Errorf("%s: no %s suite, want some", tt.target, h)
			}
		}
		for _, h := range tt.hasNot {
			if has[h] {
				t.Errorf("%s: has %s suites, want none", tt.target, h)
			}
		}
		aliases := o.BuildAliases()
		for _, a := range tt.aliases {
			if !slices.Contains(aliases, a) {
				t.Errorf("%s: no alias %s, want it", tt.target, a)
			}
		}
		for _, a := range tt.noAlias {
			if slices.Contains(aliases, a) {
				t.Errorf("%s: alias %s present, want it dropped", tt.target, a)
			}
		}
	}
	// The default build is what Expand uses.
	if e := Expand("RC4:3DES:SEED:IDEA:AES128-SHA", DefaultOpenSSL); !reflect.DeepEqual(suiteNames(e.List), []string{"AES128-SHA"}) {
		t.Errorf("default target offers %v", suiteNames(e.List))
	}
}

func TestOffers(t *testing.T) {
	tests := []struct {
		target, suite string
		ok            bool
		why           string
	}{
		{"3.0", "ECDHE-RSA-AES128-GCM-SHA256", true, ""},
		{"3.0", "TLS_AES_128_GCM_SHA256", true, ""},
		{"3.0", "RC4-SHA", false, "OpenSSL 3.0 has no RC4-SHA in its default build (it needs enable-weak-ssl-ciphers and the legacy provider)"},
		{"3.0", "DES-CBC3-SHA", false, "OpenSSL 3.0 has no DES-CBC3-SHA in its default build (it needs enable-weak-ssl-ciphers)"},
		{"3.0/weak-ciphers", "RC4-SHA", false, "OpenSSL 3.0 has no RC4-SHA in the build weak-ciphers (it needs the legacy provider)"},
		{"3.0", "SEED-SHA", false, "OpenSSL 3.0 has no SEED-SHA in its default build (it needs the legacy provider)"},
		{"3.0/legacy-provider,no-idea", "IDEA-CBC-SHA", false, "OpenSSL 3.0 built with no-idea has no IDEA-CBC-SHA"},
		{"3.0", "DES-CBC-SHA", false, "OpenSSL 3.0 has no DES-CBC-SHA in any build"},
		{"1.1.1", "SEED-SHA", true, ""},
		{"1.0.2", "DES-CBC-SHA", false, "OpenSSL 1.0.2 has no DES-CBC-SHA in its default build (it needs enable-weak-ssl-ciphers)"},
	}
	for _, tt := range tests {
		ok, why := mustTarget(t, tt.target).Offers(SuiteByName(tt.suite))
		if ok != tt.ok || why != tt.why {
			t.Errorf("%s Offers(%s) = %v, %q; want %v, %q", tt.target, tt.suite, ok, why, tt.ok, tt.why)
		}
	}
}

// TestSkippedNames pins how names that select nothing are sorted, with
// their offsets for findings and fixes.
func TestSkippedNames(t *testing.T) {
	s := "DEFAULT:RC4:!EXPORT:-3DES:ECDHE+SEED:ECDHE-RSA-AES128-GCM-SHA265:!aNUL:+IDEA"
	e := Expand(s, mustTarget(t, "3.0"))
	want := []SkippedName{
		{Name: "RC4", Offset: 8, Real: true},
		{Name: "EXPORT", Offset: 13, Real: true, Excluded: true},
		{Name: "3DES", Offset: 21, Real: true, Excluded: true},
		{Name: "SEED", Offset: 32, Real: true},
		{Name: "ECDHE-RSA-AES128-GCM-SHA265", Offset: 37, Real: false},
		{Name: "aNUL", Offset: 66, Real: false, Excluded: true},
		{Name: "IDEA", Offset: 72, Real: true},
	}
	if e.Err != nil || !reflect.DeepEqual(e.Skipped, want) {
		t.Errorf("Skipped = %+v (err %v)\nwant      %+v", e.Skipped, e.Err, want)
	}
	for _, n := range e.Skipped {
		if s[n.Offset:n.Offset+len(n.Name)] != n.Name {
			t.Errorf("offset %d of %q is wrong", n.Offset, n.Name)
		}
	}
	if !reflect.DeepEqual(e.Absent, []string{"RC4", "SEED", "IDEA"}) || !reflect.DeepEqual(e.Unknown, []string{"ECDHE-RSA-AES128-GCM-SHA265"}) {
		t.Errorf("Absent = %v, Unknown = %v", e.Absent, e.Unknown)
	}
	// Mozilla's "old" exclusions on OpenSSL 3: nothing to report.
	e = Expand("ECDHE+AESGCM:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!3DES:!MD5:!PSK:!KRB5:!SEED:!IDEA:!kECDH:!EDH-DSS-DES-CBC3-SHA", mustTarget(t, "3.0"))
	if len(e.Absent)+len(e.Unknown) != 0 || e.Err != nil {
		t.Errorf("exclusions reported: absent %v unknown %v err %v", e.Absent, e.Unknown, e.Err)
	}
	// The same names added: all real, absent on 3.0.
	e = Expand("ECDHE+AESGCM:EXPORT:DES:RC4:3DES:KRB5:SEED:IDEA:kECDH:EDH-DSS-DES-CBC3-SHA:GOST89", mustTarget(t, "3.0"))
	if want := []string{"EXPORT", "DES", "RC4", "3DES", "KRB5", "SEED", "IDEA", "kECDH", "EDH-DSS-DES-CBC3-SHA", "GOST89"}; !reflect.DeepEqual(e.Absent, want) || len(e.Unknown) != 0 {
		t.Errorf("absent %v unknown %v, want absent %v", e.Absent, e.Unknown, want)
	}
	// Only RC4 names: nothing remains, nginx refuses to start.
	e = Expand("RC4-SHA:RC4-MD5", mustTarget(t, "3.0"))
	if !errors.Is(e.Err, ErrNoCipherMatch) || !reflect.DeepEqual(e.Absent, []string{"RC4-SHA", "RC4-MD5"}) {
		t.Errorf("err %v absent %v", e.Err, e.Absent)
	}
}

func TestCipherStringErrorOffset(t *testing.T) {
	tests := []struct {
		target, s string
		at        int
	}{
		{"3.0", "AES:!3DES\u201d", 9},                     // the first byte of the quote after a known alias
		{"3.0", "\u201cECDHE+AESGCM:HIGH\u201d", 0},       // a leading quote
		{"3.0", "HIGH:@FOO", 5},                           // the '@' of an unknown command
		{"3.0", "DEFAULT:HIGH:!", 14},                     // an operator without a name (offset past DEFAULT:)
		{"1.0.2", "HIGH:@SECLEVEL=2", 5},                  // 1.0.2 has no @SECLEVEL
		{"1.1.1", "AES:!RC4\u201d:HIGH\u2019", 8},         // 1.1.1 has the RC4 alias: the quote after it fails
		{"3.0", "AES:RC4\u201d:HIGH\u2019", 15},           // RC4 is unknown on 3.0: skipped with its quote; HIGH's quote fails
		{"3.0", "ECDHE-RSA-AES128-GCM-SHA256 \u00a0", 28}, // a no-break space
	}
	for _, tt := range tests {
		e := Expand(tt.s, mustTarget(t, tt.target))
		var ce *CipherStringError
		if !errors.As(e.Err, &ce) || !errors.Is(e.Err, ErrInvalidCommand) {
			t.Errorf("%s %q: err %v, want invalid command", tt.target, tt.s, e.Err)
			continue
		}
		if ce.Offset != tt.at {
			t.Errorf("%s %q: offset %d, want %d", tt.target, tt.s, ce.Offset, tt.at)
		}
	}
	if e := Expand("RC4", mustTarget(t, "3.0")); !errors.Is(e.Err, ErrNoCipherMatch) || e.Err.(*CipherStringError).Offset != -1 {
		t.Errorf("RC4 on 3.0: %v", e.Err)
	}
}

func TestSecLevelInString(t *testing.T) {
	tests := []struct {
		target, s string
		level, at int
	}{
		{"3.0", "HIGH", 2, -1},
		{"3.0@1", "HIGH:!aNULL", 1, -1},
		{"3.0", "HIGH:@SECLEVEL=0", 0, 5},
		{"3.0", "@SECLEVEL=1:HIGH:@SECLEVEL=3", 3, 17}, // the last one wins
		{"3.0", "DEFAULT@SECLEVEL=1", 1, 7},
		{"3.0", "DEFAULT:@SECLEVEL=0", 0, 8},
		{"1.1.1", "ECDHE+AESGCM:@SECLEVEL=2", 2, 13},
	}
	for _, tt := range tests {
		e := Expand(tt.s, mustTarget(t, tt.target))
		if e.Err != nil || e.SecLevel != tt.level || e.SecLevelAt != tt.at {
			t.Errorf("%s %q: level %d at %d (err %v), want %d at %d", tt.target, tt.s, e.SecLevel, e.SecLevelAt, e.Err, tt.level, tt.at)
		}
	}
	// The string's level governs what can be negotiated: aNULL and RC4
	// come back at level 0 on a build that has RC4.
	o := mustTarget(t, "3.0@2/weak-ciphers,legacy-provider")
	e := Expand("RC4-SHA:ADH-AES128-SHA:AES128-SHA:@SECLEVEL=0", o)
	if got := suiteNames(e.Usable(o, TLS12)); !reflect.DeepEqual(got, []string{"RC4-SHA", "ADH-AES128-SHA", "AES128-SHA"}) {
		t.Errorf("usable at @SECLEVEL=0: %v", got)
	}
	if len(e.Usable(o, TLS10)) == 0 {
		t.Errorf("TLS 1.0 should be negotiable at @SECLEVEL=0")
	}
}

// TestBuildFactsOnMachine checks the build model against this machine's
// openssl: the suites `openssl ciphers -V ALL:COMPLEMENTOFALL:@SECLEVEL=0`
// lists are exactly the build's, and an alias exists exactly when
// `AES:!NAME”` is a syntax error (a known name followed by a stray byte)
// rather than skipped (an unknown word is skipped up to the next ':').
// Both for the default configuration and with the legacy provider loaded.
func TestBuildFactsOnMachine(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs openssl a few hundred times")
	}
	m := requireOpenSSL(t)
	builds := []struct {
		conf  string
		build OpenSSLBuild
	}{{"", 0}, {m.legacyConf, debianLegacy}}
	var names []string
	for _, a := range aliases110 {
		names = append(names, a.name)
	}
	for _, a := range aliases102 {
		names = append(names, a.name)
	}
	names = append(names, gostAliases...)
	sort.Strings(names)
	names = slices.Compact(names)
	for _, b := range builds {
		if b.build != 0 && b.conf == "" {
			continue
		}
		target := m.target.WithBuild(b.build)
		want := m.codes(t, b.conf, "ALL:COMPLEMENTOFALL:@SECLEVEL=0")
		got := map[uint32]bool{}
		for _, s := range append(target.BuildSuites(), DefaultCiphersuites(target)...) {
			got[s.Code] = true
		}
		if !reflect.DeepEqual(got, want) {
			for c := range got {
				if !want[c] {
					t.Errorf("build %s: we have %s, openssl does not", b.build, SuiteByCode(c).DisplayName())
				}
			}
			for c := range want {
				if !got[c] {
					t.Errorf("build %s: openssl has %#x, we do not", b.build, c)
				}
			}
		}
		aliases := target.BuildAliases()
		for _, n := range names {
			_, kind := m.run(b.conf, "AES:!"+n+"\u201d", nil)
			exists := kind == "invalid command"
			if exists != slices.Contains(aliases, n) {
				t.Errorf("build %s: alias %s exists on the machine: %v, in our model: %v", b.build, n, exists, !exists)
			}
		}
	}
	// The facts the build model rests on, as the brief states them.
	for _, tt := range []struct{ s, want string }{
		{"3DES", "no cipher match"}, {"RC4", "no cipher match"}, {"DES", "no cipher match"},
		{"SEED", "no cipher match"}, {"IDEA", "no cipher match"}, {"EXPORT", "no cipher match"},
		{"AES:!3DES\u201d", "invalid command"}, {"AES:RC4\u201d", ""}, {"AES:!RC4\u201d:!DES\u201d:!SEED\u201d", ""},
	} {
		if _, kind := m.run("", tt.s, nil); kind != tt.want {
			t.Errorf("openssl ciphers %q: %q, want %q", tt.s, kind, tt.want)
		}
	}
	if out, err := exec.Command(m.path, "list", "-disabled").Output(); err == nil && !strings.Contains(string(out), "IDEA") {
		t.Logf("this openssl is built with IDEA: the legacy comparison assumes Debian's no-idea")
	}
}

func TestNegotiable(t *testing.T) {
	s := "RC4-SHA:ADH-AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA:AES128-SHA"
	tests := []struct {
		target   string
		versions VersionSet
		want     []string
	}{
		// The default 3.0 build at level 2: no RC4 or 3DES at all, aNULL refused.
		{"3.0", Range(TLS12, TLS13), append(strings.Split(DefaultTLS13, ":"), "ECDHE-RSA-AES128-GCM-SHA256", "AES128-SHA")},
		{"3.0", Range(TLS10, TLS12), []string{"ECDHE-RSA-AES128-GCM-SHA256", "AES128-SHA"}},
		// A build with them, at level 1: RC4 and 3DES pass, aNULL does not.
		{"3.0@1/weak-ciphers,legacy-provider", Range(TLS12, TLS12), []string{"RC4-SHA", "ECDHE-RSA-AES128-GCM-SHA256", "DES-CBC3-SHA", "AES128-SHA"}},
		// TLS 1.1 only: nothing at level 1 on 3.x.
		{"3.0@1/weak-ciphers,legacy-provider", Range(TLS11, TLS11), nil},
	}
	for _, tt := range tests {
		o := mustTarget(t, tt.target)
		got := suiteNames(Expand(s, o).Negotiable(tt.versions))
		if !(len(got) == 0 && len(tt.want) == 0) && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %v: %v, want %v", tt.target, tt.versions, got, tt.want)
		}
	}
	if got := suiteNames(Expand(s+":@SECLEVEL=0", mustTarget(t, "3.0/weak-ciphers,legacy-provider")).Negotiable(Range(TLS10, TLS10))); !slices.Contains(got, "ADH-AES128-SHA") {
		t.Errorf("@SECLEVEL=0 in the string lets TLS 1.0 and aNULL through: %v", got)
	}
	if ok, why := mustTarget(t, "3.0").SecurityAllows(SuiteByName("RC4-SHA")); ok || !strings.Contains(why, "enable-weak-ssl-ciphers") {
		t.Errorf("SecurityAllows(RC4-SHA) on the default 3.0 build: %v %q", ok, why)
	}
}
