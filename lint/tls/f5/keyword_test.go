package f5

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint/tls"
)

func names(e *Expansion) []string {
	out := make([]string, len(e.F5))
	for i, s := range e.F5 {
		out[i] = s.Name
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func hasAssumption(e *Expansion, id string) bool {
	return slices.ContainsFunc(e.Assumed, func(a string) bool { return strings.HasPrefix(a, id+" ") })
}

var (
	v121 = Version{12, 1}
	v141 = Version{14, 1}
	v171 = Version{17, 1}
)

// TestKeywords: one case per keyword, with the suites it selects (as a set
// unless ordered) and whether the result rests on an assumption.
func TestKeywords(t *testing.T) {
	rsa12 := []string{"AES256-GCM-SHA384", "AES256-SHA256", "AES256-SHA", "DES-CBC3-SHA", "AES128-GCM-SHA256", "AES128-SHA256", "AES128-SHA",
		"RC4-SHA", "RC4-MD5", "DES-CBC-SHA", "EXP1024-DES-CBC-SHA", "EXP1024-RC4-SHA", "EXP-DES-CBC-SHA", "EXP-RC4-MD5", "CAMELLIA256-SHA", "CAMELLIA128-SHA"}
	ecdhe14 := []string{"ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-SHA384", "ECDHE-RSA-AES256-CBC-SHA", "ECDHE-RSA-DES-CBC3-SHA",
		"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-SHA256", "ECDHE-RSA-AES128-CBC-SHA"}
	ecdsa14 := []string{"ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-AES256-SHA384", "ECDHE-ECDSA-AES256-SHA",
		"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-SHA256", "ECDHE-ECDSA-AES128-SHA"}
	dhe14 := []string{"DHE-RSA-AES256-GCM-SHA384", "DHE-RSA-AES256-SHA256", "DHE-RSA-AES256-SHA", "DHE-RSA-DES-CBC3-SHA",
		"DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES128-SHA256", "DHE-RSA-AES128-SHA", "DHE-RSA-DES-CBC-SHA", "DHE-RSA-CAMELLIA256-SHA", "DHE-RSA-CAMELLIA128-SHA"}
	tls13 := []string{"TLS13-AES128-GCM-SHA256", "TLS13-AES256-GCM-SHA384"}
	for _, tc := range []struct {
		kw      string
		v       Version
		want    []string
		ordered bool
		assumed string // an assumption ID the result must name ("" = none from the keyword)
		err     error
	}{
		{"RSA", v121, rsa12, true, "", nil}, // capture !EDH:RSA
		{"rsa", v121, rsa12, true, "", nil}, // case-insensitive
		{"ECDHE", v141, ecdhe14, true, "", nil},
		{"ECDHE_RSA", v141, ecdhe14, true, idAlias, nil},
		{"ECDHE_ECDSA", v141, ecdsa14, true, "", nil},
		{"ecdhe_ecdsa", v141, ecdsa14, true, "", nil},
		{"DHE", v141, dhe14, true, "", nil},
		{"EDH", v141, dhe14, true, "", nil},
		{"DH", v141, dhe14, true, idAlias, nil},
		// COMPAT rows are added only by ALL, COMPAT or a COMPAT suite's name.
		{"ADH", v121, nil, false, idAlias, ErrNoCiphers},
		{"COMPAT+ADH", v121, []string{"ADH-AES256-GCM-SHA384", "ADH-AES256-SHA256", "ADH-AES256-SHA", "ADH-CAMELLIA256-SHA", "ADH-AES128-GCM-SHA256", "ADH-AES128-SHA256", "ADH-AES128-SHA", "ADH-SEED-SHA", "ADH-CAMELLIA128-SHA", "ADH-DES-CBC3-SHA", "ADH-RC4-MD5", "ADH-DES-CBC-SHA", "EXP-ADH-DES-CBC-SHA", "EXP-ADH-RC4-MD5"}, false, idAlias, nil},
		{"ADH", v141, nil, false, idAlias, ErrNoCiphers},
		{"ECDH", v141, []string{"ECDH-RSA-AES256-GCM-SHA384", "ECDH-RSA-AES256-SHA384", "ECDH-RSA-AES256-SHA", "ECDH-RSA-DES-CBC3-SHA", "ECDH-RSA-AES128-GCM-SHA256", "ECDH-RSA-AES128-SHA256", "ECDH-RSA-AES128-SHA"}, true, idAlias, nil},
		{"3DES", v141, []string{"ECDHE-RSA-DES-CBC3-SHA", "DHE-RSA-DES-CBC3-SHA", "ECDH-RSA-DES-CBC3-SHA", "DES-CBC3-SHA"}, true, "", nil},
		{"DES", v141, []string{"DHE-RSA-DES-CBC-SHA", "DES-CBC-SHA", "EXP1024-DES-CBC-SHA", "EXP-DES-CBC-SHA"}, true, "", nil},
		{"RC4", v121, []string{"RC4-SHA", "RC4-MD5", "EXP1024-RC4-SHA", "EXP-RC4-MD5"}, true, "", nil},
		{"EXP", v121, []string{"EXP1024-DES-CBC-SHA", "EXP1024-RC4-SHA", "EXP-DES-CBC-SHA", "EXP-RC4-MD5"}, true, "", nil},
		{"EXPORT", v121, []string{"EXP1024-DES-CBC-SHA", "EXP1024-RC4-SHA", "EXP-DES-CBC-SHA", "EXP-RC4-MD5"}, true, "", nil},
		{"EXPORT40", v121, []string{"EXP-DES-CBC-SHA", "EXP-RC4-MD5"}, true, idAlias, nil},
		{"MD5", v121, []string{"RC4-MD5", "EXP-RC4-MD5"}, true, "", nil},
		{"SHA384", v141, []string{"ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-AES256-SHA384", "DHE-RSA-AES256-GCM-SHA384", "ECDH-RSA-AES256-GCM-SHA384", "ECDH-RSA-AES256-SHA384", "AES256-GCM-SHA384"}, true, "", nil},
		{"AES-GCM", v141, append([]string{"ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384", "DHE-RSA-AES256-GCM-SHA384", "ECDH-RSA-AES256-GCM-SHA384", "AES256-GCM-SHA384",
			"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256", "DHE-RSA-AES128-GCM-SHA256", "ECDH-RSA-AES128-GCM-SHA256", "AES128-GCM-SHA256"}, tls13...), true, idAES, nil},
		{"CHACHA20", v171, []string{"ECDHE-RSA-CHACHA20-POLY1305-SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305-SHA256", "DHE-RSA-CHACHA20-POLY1305-SHA256", "TLS13-CHACHA20-POLY1305-SHA256"}, true, idAES, nil},
		{"CHACHA20", v141, nil, false, idUnknown, ErrNoCiphers}, // no CHACHA20 before 15.0 (A2): the word is unknown
		{"TLSv1_3", v141, tls13, true, "", nil},
		{"TLSV1_3", v171, append(slices.Clone(tls13), "TLS13-CHACHA20-POLY1305-SHA256"), true, "", nil},
		{"TLSv1_3", v121, nil, false, idUnknown, ErrNoCiphers},
		{"MEDIUM", v121, []string{"RC4-SHA", "RC4-MD5"}, true, idStrength, nil},
		{"LOW", v141, []string{"DHE-RSA-DES-CBC-SHA", "DES-CBC-SHA"}, true, idStrength, nil},
		{"SSLv2", v121, nil, false, idSSLv2, ErrNoCiphers},
		{"NONE", v171, nil, false, "", ErrNoCiphers},
		{"COMPAT", v141, nil, false, idCompat, ErrNoCiphers},
		{"CAMELLIA", v141, []string{"DHE-RSA-CAMELLIA256-SHA", "CAMELLIA256-SHA", "DHE-RSA-CAMELLIA128-SHA", "CAMELLIA128-SHA"}, true, idAlias, nil},
	} {
		t.Run(tc.kw+"@"+tc.v.String(), func(t *testing.T) {
			e := Expand(tc.kw, tc.v)
			if tc.err != nil {
				if !errors.Is(e.Err, tc.err) {
					t.Fatalf("err = %v, want %v", e.Err, tc.err)
				}
			} else if e.Err != nil {
				t.Fatal(e.Err)
			}
			got := names(e)
			if tc.ordered {
				if !slices.Equal(got, tc.want) {
					t.Errorf("got  %v\nwant %v", got, tc.want)
				}
			} else if tc.want != nil && !slices.Equal(sorted(got), sorted(tc.want)) {
				t.Errorf("got  %v\nwant %v", sorted(got), sorted(tc.want))
			}
			if tc.assumed != "" && !hasAssumption(e, tc.assumed) {
				t.Errorf("Assumed %q lacks %s", e.Assumed, tc.assumed)
			}
			if tc.assumed == "" {
				for _, id := range []string{idAES, idStrength, idCompat, idAlias, idDirective, idFIPS} {
					if hasAssumption(e, id) {
						t.Errorf("Assumed %q names %s for a keyword F5 or a capture defines", e.Assumed, id)
					}
				}
			}
		})
	}
}

// TestKeywordClasses checks keywords whose full lists are long by a
// property every selected row must have and a count.
func TestKeywordClasses(t *testing.T) {
	for _, tc := range []struct {
		kw   string
		v    Version
		each func(Row) bool
		rows int // expected number of rows; -1: not checked
	}{
		{"TLSv1", v141, func(r Row) bool { return r.Protocol == TLS1 }, -1},
		{"TLSv1_1", v141, func(r Row) bool { return r.Protocol == TLS11 }, -1},
		{"TLSv1_2", v171, func(r Row) bool { return r.Protocol == TLS12 }, -1},
		{"SSLv3", v121, func(r Row) bool { return r.Protocol == SSL3 }, 14}, // 10 RSA + 4 DHE-RSA CBC suites
		{"DTLSv1", v141, func(r Row) bool { return r.Protocol == DTLS1 }, -1},
		{"DTLSv1_2", v171, func(r Row) bool { return r.Protocol == DTLS12 }, -1},
		{"SHA1", v141, func(r Row) bool { return r.Suite.MAC == "SHA" }, -1},
		{"SHA", v141, func(r Row) bool { return r.Suite.MAC == "SHA" }, -1},
		{"SHA256", v171, func(r Row) bool { return r.Suite.MAC == "SHA256" && r.Suite.KeyX != "*" }, -1},
		{"AES", v171, func(r Row) bool { return r.Suite.Cipher == "AES" || r.Suite.Cipher == "AES-GCM" }, -1},
		{"AESGCM", v171, func(r Row) bool { return r.Suite.Cipher == "AES-GCM" }, -1},
		{"HIGH", v121, func(r Row) bool {
			return !r.Suite.TLS.Export && r.Suite.Cipher != "RC4" && (r.Suite.Cipher != "DES" || r.Suite.Bits == 168)
		}, -1},
		{"FIPS", v171, func(r Row) bool {
			return r.Suite.Cipher == "AES" || r.Suite.Cipher == "AES-GCM"
		}, -1},
		{"CC_STIP", v171, fipsApproved, -1},
		{"NATIVE", v121, func(r Row) bool { return !r.Suite.Compat }, -1},
		{"ALL", v141, func(r Row) bool { return !r.Suite.Compat }, -1},
		{"ALL", v121, func(r Row) bool { return r.Suite.Cipher != "NULL" }, -1},
	} {
		t.Run(tc.kw+"@"+tc.v.String(), func(t *testing.T) {
			e := Expand(tc.kw, tc.v)
			if e.Err != nil {
				t.Fatal(e.Err)
			}
			for _, r := range e.Rows {
				if !tc.each(r) {
					t.Errorf("row %s does not belong to %s", r, tc.kw)
				}
			}
			if tc.rows >= 0 && len(e.Rows) != tc.rows {
				t.Errorf("%d rows, want %d", len(e.Rows), tc.rows)
			}
		})
	}
	// NATIVE is Suites(v); ALL equals NATIVE from 13.0 and adds COMPAT before.
	for _, v := range []Version{{11, 6}, {12, 1}, {13, 0}, {14, 1}, {17, 1}} {
		native := Expand("NATIVE", v)
		var want []string
		for _, s := range Suites(v) {
			want = append(want, s.Name)
		}
		if !slices.Equal(names(native), want) {
			t.Errorf("NATIVE@%s = %v, want Suites() %v", v, names(native), want)
		}
		all := Expand("ALL", v)
		if v.AtLeast(13, 0) != (len(all.Rows) == len(native.Rows)) {
			t.Errorf("ALL@%s has %d rows, NATIVE %d", v, len(all.Rows), len(native.Rows))
		}
	}
	// HIGH, MEDIUM, LOW and EXPORT partition NATIVE.
	for _, v := range []Version{{12, 1}, {17, 1}} {
		n := len(Expand("NATIVE", v).Rows)
		sum := 0
		for _, k := range []string{"HIGH", "MEDIUM", "LOW", "EXPORT"} {
			sum += len(Expand(k, v).Rows)
		}
		if sum != n {
			t.Errorf("@%s: HIGH+MEDIUM+LOW+EXPORT = %d rows, NATIVE %d", v, sum, n)
		}
	}
}

// TestKeywordsNeverSelectTLS13ByKeyExchange: TLS 1.3 rows (KEYX "*", MAC
// NULL) are selected by TLSv1_3, cipher keywords and names, never by a key
// exchange or MAC keyword — F5 had to append TLSV1_3 to f5-secure
// (tls13.md).
func TestKeywordsNeverSelectTLS13ByKeyExchange(t *testing.T) {
	for _, kw := range []string{"RSA", "ECDHE", "ECDHE_ECDSA", "DHE", "SHA256", "SHA384", "SHA1", "ECDHE:RSA:ECDHE_ECDSA:!SSLV3:!RC4:!EXP:!DES:!3DES"} {
		if e := Expand(kw, v171); len(e.TLS13) != 0 {
			t.Errorf("%s selects TLS 1.3 suites %v", kw, e.TLS13)
		}
	}
	if e := Expand("ECDHE:RSA:ECDHE_ECDSA:!SSLV3:!RC4:!EXP:!DES:!3DES:TLSV1_3", v171); len(e.TLS13) != 3 {
		t.Errorf("f5-secure (recent) has TLS 1.3 suites %v, want the three", e.TLS13)
	}
}

func TestProtocolsOfKeywordsAreRows(t *testing.T) {
	e := Expand("TLSv1_3", v171)
	if !e.Protocols.Empty() {
		t.Errorf("TLSv1_3 as a profile's ciphers: Protocols %s, want none (TLS 1.3 needs a cipher group)", e.Protocols)
	}
	if !hasAssumption(e, idGroupTLS13) {
		t.Errorf("Assumed %q lacks %s", e.Assumed, idGroupTLS13)
	}
	if got := Expand("SSLv3", v121).Protocols; got != tls.Versions(tls.SSLv3) {
		t.Errorf("SSLv3: Protocols %s", got)
	}
}
