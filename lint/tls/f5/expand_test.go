package f5

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tlslint/tlslint/lint/i18n"
	"github.com/tlslint/tlslint/lint/tls"
)

func rowStrings(e *Expansion) []string {
	out := make([]string, len(e.Rows))
	for i, r := range e.Rows {
		out[i] = r.String()
	}
	return out
}

// TestGrammar: operators, separators, AND, directives, unknown words and
// syntax errors, on strings of the shape real configurations use.
func TestGrammar(t *testing.T) {
	for _, tc := range []struct {
		name      string
		s         string
		v         Version
		want      []string // rows (suite/protocol) or, with suites, suite names
		suites    bool
		protocols tls.VersionSet
		excluded  tls.VersionSet
		unknown   []string
		err       error
	}{
		{name: "separators colon comma blank", s: "ECDHE-RSA-AES128-GCM-SHA256,AES128-GCM-SHA256 AES256-GCM-SHA384", v: v141,
			want: []string{"ECDHE-RSA-AES128-GCM-SHA256", "AES128-GCM-SHA256", "AES256-GCM-SHA384"}, suites: true},
		{name: "names keep the order written", s: "AES256-SHA:AES128-SHA", v: v141,
			want: []string{"AES256-SHA/SSL3", "AES256-SHA/TLS1", "AES256-SHA/TLS1.1", "AES256-SHA/TLS1.2", "AES256-SHA/DTLS1",
				"AES128-SHA/SSL3", "AES128-SHA/TLS1", "AES128-SHA/TLS1.1", "AES128-SHA/TLS1.2", "AES128-SHA/DTLS1"},
			protocols: tls.Range(tls.SSLv3, tls.TLS12)},
		{name: "AND of key exchange, cipher and MAC (F5 Ansible docs example)", s: "!SSLv3:!SSLv2:ECDHE+AES-GCM+SHA256:ECDHE-RSA-AES128-CBC-SHA", v: v141,
			want:     []string{"ECDHE-RSA-AES128-GCM-SHA256/TLS1.2", "ECDHE-RSA-AES128-CBC-SHA/TLS1", "ECDHE-RSA-AES128-CBC-SHA/TLS1.1", "ECDHE-RSA-AES128-CBC-SHA/TLS1.2", "ECDHE-RSA-AES128-CBC-SHA/DTLS1"},
			excluded: tls.Versions(tls.SSLv3), protocols: tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12)},
		{name: "protocol AND key exchange selects rows", s: "TLSv1_2+ECDHE+AES", v: v121,
			want: []string{"ECDHE-RSA-AES256-GCM-SHA384/TLS1.2", "ECDHE-RSA-AES256-SHA384/TLS1.2", "ECDHE-RSA-AES256-CBC-SHA/TLS1.2",
				"ECDHE-RSA-AES128-GCM-SHA256/TLS1.2", "ECDHE-RSA-AES128-SHA256/TLS1.2", "ECDHE-RSA-AES128-CBC-SHA/TLS1.2"},
			protocols: tls.Versions(tls.TLS12)},
		{name: "! is permanent", s: "!RC4:RSA+RC4:RSA+AES128-SHA", v: v121,
			want: []string{"AES128-SHA"}, suites: true},
		{name: "- can be re-added", s: "AES128-SHA:-AES128-SHA:AES256-SHA:AES128-SHA", v: v141,
			want: []string{"AES256-SHA", "AES128-SHA"}, suites: true},
		{name: "+ moves to the end", s: "AES128-SHA:AES256-GCM-SHA384:AES128-GCM-SHA256:+AES-GCM+SHA384", v: v141,
			want: []string{"AES128-SHA", "AES128-GCM-SHA256", "AES256-GCM-SHA384"}, suites: true},
		{name: "+ on a protocol splits a suite's rows", s: "AES128-SHA:+TLSv1", v: v141,
			want: []string{"AES128-SHA/SSL3", "AES128-SHA/TLS1.1", "AES128-SHA/TLS1.2", "AES128-SHA/DTLS1", "AES128-SHA/TLS1"}},
		{name: "!TLSv1 removes the version", s: "!TLSv1:!TLSv1_1:DEFAULT", v: v171,
			protocols: tls.Versions(tls.TLS12), excluded: tls.Versions(tls.TLS10, tls.TLS11)},
		{name: "-TLSv1 is not an exclusion", s: "DEFAULT:-TLSv1", v: v171,
			protocols: tls.Versions(tls.TLS11, tls.TLS12)},
		{name: "!TLSv1 inside an AND removes some rows only", s: "DEFAULT:!TLSv1+RSA", v: v171,
			protocols: tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12)},
		{name: "@STRENGTH sorts by BITS, stable", s: "AES128-GCM-SHA256:DES-CBC3-SHA:AES256-SHA:@STRENGTH", v: v121,
			want: []string{"AES256-SHA", "DES-CBC3-SHA", "AES128-GCM-SHA256"}, suites: true},
		{name: "@speed is case-insensitive", s: "DES-CBC3-SHA:AES256-SHA:AES128-GCM-SHA256:RC4-SHA:@speed", v: v121,
			want: []string{"AES128-GCM-SHA256", "AES256-SHA", "RC4-SHA", "DES-CBC3-SHA"}, suites: true},
		{name: "OpenSSL spelling is unknown to tmm", s: "ECDHE-RSA-AES128-SHA:AES128-SHA", v: v141,
			want: []string{"AES128-SHA"}, suites: true, unknown: []string{"ECDHE-RSA-AES128-SHA"}},
		{name: "an unknown word voids its item only", s: "ECDHE+AESCCM:AES128-SHA", v: v141,
			want: []string{"AES128-SHA"}, suites: true, unknown: []string{"AESCCM"}},
		{name: "unknown directive", s: "AES128-SHA:@SECLEVEL=2", v: v141,
			want: []string{"AES128-SHA"}, suites: true, unknown: []string{"@SECLEVEL=2"}},
		{name: "TLS 1.3 name before 14.0", s: "TLS13-AES128-GCM-SHA256:AES128-SHA", v: v121,
			want: []string{"AES128-SHA"}, suites: true, unknown: []string{"TLS13-AES128-GCM-SHA256"}},
		{name: "TLS 1.3 keyword before 14.0", s: "!TLSv1_3:AES128-SHA", v: v121,
			want: []string{"AES128-SHA"}, suites: true, unknown: []string{"TLSv1_3"}},
		{name: "dotted protocol is not a keyword", s: "!TLSv1.1:AES128-SHA", v: v171,
			want: []string{"AES128-SHA"}, suites: true, unknown: []string{"TLSv1.1"}},
		{name: "empty items are skipped", s: "::AES128-SHA,, ", v: v141, want: []string{"AES128-SHA"}, suites: true},
		{name: "operator alone", s: "DEFAULT:!", v: v141, err: ErrSyntax},
		{name: "dangling plus", s: "RSA+", v: v141, err: ErrSyntax},
		{name: "double plus", s: "RSA++AES", v: v141, err: ErrSyntax},
		{name: "at alone", s: "DEFAULT:@", v: v141, err: ErrSyntax},
		{name: "empty string", s: "", v: v141, err: ErrNoCiphers},
		{name: "everything excluded", s: "DEFAULT:!ALL", v: v141, err: ErrNoCiphers},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := Expand(tc.s, tc.v)
			if tc.err != nil {
				if !errors.Is(e.Err, tc.err) {
					t.Fatalf("err = %v, want %v", e.Err, tc.err)
				}
				if len(e.Rows)+len(e.Suites) != 0 || !e.Protocols.Empty() {
					t.Errorf("an error result has rows %v", rowStrings(e))
				}
				return
			}
			if e.Err != nil {
				t.Fatal(e.Err)
			}
			if tc.want != nil {
				got := rowStrings(e)
				if tc.suites {
					got = names(e)
				}
				if !slices.Equal(got, tc.want) {
					t.Errorf("got  %v\nwant %v", got, tc.want)
				}
			}
			if tc.protocols != 0 && e.Protocols != tc.protocols {
				t.Errorf("Protocols %s, want %s", e.Protocols, tc.protocols)
			}
			if e.Excluded != tc.excluded {
				t.Errorf("Excluded %s, want %s", e.Excluded, tc.excluded)
			}
			if !slices.Equal(e.Unknown, tc.unknown) {
				t.Errorf("Unknown %q, want %q", e.Unknown, tc.unknown)
			}
			if len(tc.unknown) > 0 && !hasAssumption(e, idUnknown) {
				t.Errorf("Assumed %q lacks %s", e.Assumed, idUnknown)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	e := Expand("DEFAULT:RSA+", v141)
	var ce *CipherStringError
	if !errors.As(e.Err, &ce) {
		t.Fatalf("err %v is not a *CipherStringError", e.Err)
	}
	want := `BIG-IP cipher string "DEFAULT:RSA+": item "RSA+": '+' without a keyword on both sides: syntax error`
	if e.Err.Error() != want {
		t.Errorf("message %q\nwant    %q", e.Err, want)
	}
	if got := Expand("NONE", v141).Err.Error(); got != `BIG-IP cipher string "NONE": no cipher suites left` {
		t.Errorf("message %q", got)
	}
	// the message renders Error in English and translates around the
	// strings and items in Japanese
	for _, err := range []error{e.Err, Expand("NONE", v141).Err, Expand("DEFAULT:!", v141).Err, Expand("DEFAULT:@", v141).Err,
		ExpandGroup(Group{Name: "/Common/g", Ordering: "fastest"}, v141).Err, ExpandGroup(Group{Name: "/Common/g"}, v141).Err} {
		var ce *CipherStringError
		if !errors.As(err, &ce) {
			t.Fatalf("err %v is not a *CipherStringError", err)
		}
		if got := ce.Msg().String(); got != err.Error() {
			t.Errorf("Msg %q\nError %q", got, err.Error())
		}
		if ja := ce.Msg().In(i18n.Japanese); !strings.Contains(ja, "BIG-IP の暗号") || strings.Contains(ja, "syntax error") || strings.Contains(ja, "expected") {
			t.Errorf("in Japanese: %q", ja)
		}
	}
	if ja := ce.Msg().In(i18n.Japanese); ja != `BIG-IP の暗号文字列 "DEFAULT:RSA+": 項目 "RSA+": 両側にキーワードのない '+': 構文エラー` {
		t.Errorf("in Japanese: %q", ja)
	}
}

// TestBuiltinProfileStrings: the cipher strings of the built-in profiles
// expand without unknown words on every release that has them.
func TestBuiltinProfileStrings(t *testing.T) {
	for _, tc := range []struct {
		s        string
		from, to Version
	}{
		{"DEFAULT", Oldest, Newest},
		{"ALL:!DH:!ADH:!EDH:@SPEED", Version{13, 0}, Newest},
		{"!SSLv2:ALL:!DH:!ADH:!EDH:@SPEED", Oldest, Version{12, 1}},
		{"ecdhe:rsa:!sslv3:!rc4:!exp:!des", Version{11, 4}, Newest},
		{"DHE-RSA-AES256-GCM-SHA384", Version{11, 4}, Newest},
		{"!EXPORT:!DH:RSA+RC4:RSA+AES:RSA+DES:RSA+3DES:ECDHE+AES:ECDHE+3DES:@SPEED", Version{11, 4}, Newest},
		{"!SSLv2:!EXPORT:!DH:RSA+RC4:RSA+AES:RSA+DES:RSA+3DES:ECDHE+AES:ECDHE+3DES:@SPEED", Version{11, 4}, Version{12, 1}},
	} {
		for v := tc.from; !tc.to.Less(v); v = nextVersion(v) {
			e := Expand(tc.s, v)
			if e.Err != nil || len(e.Unknown) > 0 {
				t.Errorf("%s@%s: err %v, unknown %q", tc.s, v, e.Err, e.Unknown)
			}
		}
	}
	// clientssl-secure: no SSL3, RC4, EXPORT or single-DES rows, 3DES kept.
	e := Expand("ecdhe:rsa:!sslv3:!rc4:!exp:!des", v171)
	for _, r := range e.Rows {
		if r.Protocol == SSL3 || r.Suite.Cipher == "RC4" || isExport(r) || r.Suite.Cipher == "DES" && r.Suite.Bits < 168 {
			t.Errorf("clientssl-secure has %s", r)
		}
	}
	if !slices.Contains(names(e), "DES-CBC3-SHA") {
		t.Error("clientssl-secure lost 3DES; `!des` is single DES only")
	}
}

// releases of BIG-IP this package distinguishes, for walking version ranges.
var releases = []Version{{11, 0}, {11, 1}, {11, 2}, {11, 3}, {11, 4}, {11, 5}, {11, 6}, {12, 0}, {12, 1}, {13, 0}, {13, 1},
	{14, 0}, {14, 1}, {15, 0}, {15, 1}, {16, 0}, {16, 1}, {17, 0}, {17, 1}, {17, 5}}

func nextVersion(v Version) Version {
	for _, r := range releases {
		if v.Less(r) {
			return r
		}
	}
	return Version{v.Major + 100, 0}
}

// TestCorpusStrings expands the cipher strings of the real BIG-IP
// configurations in ../shared/corpus/bigip (profiles' ciphers, rules'
// cipher) on the releases they target: they must not produce unknown
// words or errors.
func TestCorpusStrings(t *testing.T) {
	strs := corpusCipherStrings(t)
	if len(strs) == 0 {
		t.Fatal("corpus present but no cipher string found in it")
	}
	for _, s := range strs {
		for _, v := range []Version{{15, 1}, {16, 1}, {17, 1}} {
			e := Expand(s, v)
			if e.Err != nil || len(e.Unknown) > 0 {
				t.Errorf("%q@%s: err %v, unknown %q", s, v, e.Err, e.Unknown)
			}
		}
	}
}

func TestMemoAndConcurrency(t *testing.T) {
	const s = "ECDHE:RSA:ECDHE_ECDSA:!SSLV3:!RC4:!EXP:!DES:!3DES:memo-test"
	var wg sync.WaitGroup
	res := make([]*Expansion, 16)
	for i := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i] = Expand(s, Version{16, 1})
		}()
	}
	wg.Wait()
	for _, e := range res[1:] {
		if e != res[0] {
			t.Fatal("concurrent Expand returned different results for one (string, release)")
		}
	}
	if Expand(s, Version{16, 1}) != res[0] {
		t.Error("Expand is not memoized")
	}
}

func TestUsable(t *testing.T) {
	e := Expand("!TLSv1:ECDHE", v121)
	if got := e.Usable(tls.TLS10); got != nil {
		t.Errorf("Usable(TLS 1.0) = %v after !TLSv1", got)
	}
	var got []string
	for _, s := range e.Usable(tls.TLS11) {
		got = append(got, NameOf(s))
	}
	want := []string{"ECDHE-RSA-AES256-CBC-SHA", "ECDHE-RSA-DES-CBC3-SHA", "ECDHE-RSA-AES128-CBC-SHA"}
	if !slices.Equal(got, want) {
		t.Errorf("Usable(TLS 1.1) = %v, want %v", got, want)
	}
	if got := Expand("DEFAULT", v171).Usable(tls.TLS13); got != nil {
		t.Errorf("a plain string offers TLS 1.3: %v", got)
	}
}

// TestOptions: a device's own tmm output overrides the modeled tables.
func TestOptions(t *testing.T) {
	native, err := ParseTmm(`
       ID  SUITE                            BITS PROT    CIPHER              MAC     KEYX
 0: 49199  ECDHE-RSA-AES128-GCM-SHA256      128  TLS1.2  AES-GCM             SHA256  ECDHE_RSA
 1: 49171  ECDHE-RSA-AES128-CBC-SHA         128  TLS1.2  AES                 SHA     ECDHE_RSA
 2:   156  AES128-GCM-SHA256                128  TLS1.2  AES-GCM             SHA256  RSA
 3:    47  AES128-SHA                       128  TLS1.1  AES                 SHA     RSA
 4:    47  AES128-SHA                       128  TLS1.2  AES                 SHA     RSA
 5:  4865  TLS13-AES128-GCM-SHA256          128  TLS1.3  AES-GCM             NULL    *
`)
	if err != nil {
		t.Fatal(err)
	}
	e := ExpandWith("RSA:ECDHE", v171, Options{Native: native})
	if got, want := rowStrings(e), []string{"AES128-GCM-SHA256/TLS1.2", "AES128-SHA/TLS1.1", "AES128-SHA/TLS1.2", "ECDHE-RSA-AES128-GCM-SHA256/TLS1.2", "ECDHE-RSA-AES128-CBC-SHA/TLS1.2"}; !slices.Equal(got, want) {
		t.Errorf("device NATIVE: got %v, want %v", got, want)
	}
	if hasAssumption(e, idSuites) {
		t.Errorf("device rows reported as modeled: %q", e.Assumed)
	}
	// DEFAULT keeps the built-in list restricted to the device's rows.
	if got := rowStrings(ExpandWith("DEFAULT", v171, Options{Native: native})); len(got) != 6 || got[0] != "ECDHE-RSA-AES128-GCM-SHA256/TLS1.2" {
		t.Errorf("DEFAULT on device rows: %v", got)
	}
	def := native[2:5]
	e = ExpandWith("DEFAULT:!TLSv1_1", v171, Options{Default: def})
	if got, want := rowStrings(e), []string{"AES128-GCM-SHA256/TLS1.2", "AES128-SHA/TLS1.2"}; !slices.Equal(got, want) {
		t.Errorf("device DEFAULT: got %v, want %v", got, want)
	}
	if hasAssumption(e, idDefault) {
		t.Errorf("device DEFAULT reported as assumed: %q", e.Assumed)
	}
	e = ExpandWith("HIGH:!RSA", v171, Options{Keywords: map[string]string{"high": "AES-GCM:CHACHA20"}})
	if e.Err != nil || hasAssumption(e, idStrength) {
		t.Fatalf("redefined HIGH: err %v, assumed %q", e.Err, e.Assumed)
	}
	for _, s := range e.F5 {
		if s.Cipher != "AES-GCM" && s.Cipher != "CHACHA20-POLY1305" || s.KeyX == "RSA" {
			t.Errorf("redefined HIGH:!RSA has %s", s.Name)
		}
	}
	e = ExpandWith("LOOP", v171, Options{Keywords: map[string]string{"LOOP": "AES:LOOP"}})
	if !errors.Is(e.Err, ErrSyntax) {
		t.Errorf("self-referencing keyword: err %v, want ErrSyntax", e.Err)
	}
}

func TestClamp(t *testing.T) {
	for _, tc := range []struct {
		in, want Version
		note     bool
	}{
		{Version{}, DefaultVersion, false},
		{Version{10, 2}, Oldest, true},
		{Version{21, 0}, Newest, true},
		{Version{15, 1}, Version{15, 1}, false},
	} {
		e := Expand("DEFAULT", tc.in)
		if e.Version != tc.want {
			t.Errorf("%s: expanded for %s, want %s", tc.in, e.Version, tc.want)
		}
		if hasAssumption(e, idClamp) != tc.note {
			t.Errorf("%s: Assumed %q", tc.in, e.Assumed)
		}
	}
}

func ExampleExpand() {
	e := Expand("ecdhe:rsa:!sslv3:!rc4:!exp:!des", Version{12, 1})
	fmt.Println(len(e.Rows), "rows,", len(e.Suites), "suites,", e.Protocols, "excluded:", e.Excluded)
	fmt.Println(e.Rows[0], e.F5[0].TLS.IANA)
	// Output:
	// 35 rows, 16 suites, TLSv1 TLSv1.1 TLSv1.2 excluded: SSLv3
	// ECDHE-RSA-AES256-GCM-SHA384/TLS1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
}

func TestSuggestInMessages(t *testing.T) {
	for _, w := range Expand("ECDHE-RSA-AES256-SHA:TLS_AES_128_GCM_SHA256:DEFAULT", v171).Unknown {
		if Suggest(w) == "" {
			t.Errorf("no suggestion for %s", w)
		}
	}
	if got := Suggest("ECDHE-RSA-AES256-SHA"); got != "ECDHE-RSA-AES256-CBC-SHA" {
		t.Errorf("Suggest = %q", got)
	}
	if got := Suggest("TLSv1.2"); got != "TLSv1_2" {
		t.Errorf("Suggest(TLSv1.2) = %q", got)
	}
	if got := Suggest("AES128-SHA"); got != "" {
		t.Errorf("Suggest of an F5 name = %q, want empty", got)
	}
	if !strings.HasPrefix(Expand("ECDHE", v171).Assumed[0], idSuites+" ") {
		t.Error("a 17.1 expansion of suites no 17.x capture lists must say they are modeled")
	}
}
