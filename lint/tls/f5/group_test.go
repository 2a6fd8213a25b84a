package f5

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint/tls"
)

func groupNames(gs []*tls.Group) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Name
	}
	return out
}

func TestBuiltins(t *testing.T) {
	ruleNames := func(v Version) []string {
		var out []string
		for _, r := range BuiltinRules(v) {
			out = append(out, strings.TrimPrefix(r.Name, "/Common/"))
		}
		return out
	}
	for _, tc := range []struct {
		v    Version
		want []string
	}{
		{Version{12, 1}, nil},
		{Version{13, 0}, []string{"f5-aes", "f5-default", "f5-ecc", "f5-hw_keys", "f5-secure"}},
		{Version{14, 1}, []string{"f5-aes", "f5-default", "f5-ecc", "f5-hw_keys", "f5-secure"}},
		{Version{15, 1}, []string{"f5-aes", "f5-default", "f5-ecc", "f5-hw_keys", "f5-quic", "f5-secure"}},
		{Version{17, 1}, []string{"f5-aes", "f5-cc-stip", "f5-default", "f5-ecc", "f5-fips", "f5-hw_keys", "f5-quic", "f5-secure"}},
	} {
		if got := ruleNames(tc.v); !slices.Equal(got, tc.want) {
			t.Errorf("BuiltinRules(%s) = %v, want %v", tc.v, got, tc.want)
		}
		if got := BuiltinGroups(tc.v); len(got) != len(tc.want) {
			t.Errorf("BuiltinGroups(%s) has %d groups, want %d", tc.v, len(got), len(tc.want))
		}
	}
	// Rule strings as the dumps show them.
	r, ok := LookupRule("f5-secure", Version{14, 1})
	if !ok || r.Cipher != "ECDHE:RSA:ECDHE_ECDSA:!SSLV3:!RC4:!EXP:!DES:!3DES" || r.DHGroups != "DEFAULT" {
		t.Errorf("f5-secure@14.1 = %+v", r)
	}
	r, ok = LookupRule("/Common/f5-secure", v171)
	if !ok || !strings.HasSuffix(r.Cipher, ":TLSV1_3") {
		t.Errorf("f5-secure@17.1 = %+v", r)
	}
	if _, ok := LookupRule("f5-quic", Version{15, 0}); ok {
		t.Error("f5-quic on 15.0")
	}
	if _, ok := LookupGroup("/Common/f5-ecc", Version{12, 1}); ok {
		t.Error("cipher groups before 13.0")
	}
	g, ok := LookupGroup("f5-ecc", Version{13, 0})
	if !ok || g.Name != "/Common/f5-ecc" || len(g.Allow) != 1 || g.Allow[0].Cipher != "ECDHE:ECDHE_ECDSA" || g.Allow[0].DHGroups != "" {
		t.Errorf("f5-ecc@13.0 = %+v", g)
	}
	if BuiltinRuleAssumption("f5-ecc", Version{14, 1}) != "" {
		t.Error("f5-ecc@14.1 is in the 14.1.2.1 dump, not assumed")
	}
	if a := BuiltinRuleAssumption("f5-secure", Version{13, 1}); !strings.HasPrefix(a, idBuiltins+" ") {
		t.Errorf("f5-secure@13.1: %q", a)
	}
	// Every built-in rule expands without unknown words on its releases.
	for _, v := range releases {
		for _, r := range BuiltinRules(v) {
			e := Expand(r.Cipher, v)
			if e.Err != nil || len(e.Unknown) > 0 {
				t.Errorf("%s@%s: err %v, unknown %q", r.Name, v, e.Err, e.Unknown)
			}
		}
	}
}

func mustGroup(t *testing.T, name string, v Version) Group {
	t.Helper()
	g, ok := LookupGroup(name, v)
	if !ok {
		t.Fatalf("no group %s on %s", name, v)
	}
	return g
}

func TestExpandBuiltinGroups(t *testing.T) {
	for _, tc := range []struct {
		group     string
		v         Version
		protocols tls.VersionSet
		tls13     int
		dh        []string
	}{
		// A group is the only way to TLS 1.3: f5-default's TLS 1.3 rows count.
		{"f5-default", v171, tls.Range(tls.TLS10, tls.TLS13), 2, []string{"secp256r1", "x25519", "secp384r1", "ffdhe2048", "ffdhe3072", "ffdhe4096"}},
		{"f5-default", v141, tls.Range(tls.TLS10, tls.TLS13), 2, []string{"secp256r1", "x25519", "secp384r1"}},
		{"f5-secure", v141, tls.Range(tls.TLS10, tls.TLS12), 0, nil},
		{"f5-secure", v171, tls.Range(tls.TLS10, tls.TLS13), 3, nil},
		{"f5-quic", v171, tls.Versions(tls.TLS13), 2, nil},
		// !TLSv1:!TLSv1_1:!SSLv3 in f5-hw_keys: TLS 1.2 only.
		{"f5-hw_keys", v171, tls.Versions(tls.TLS12), 0, nil},
		{"f5-aes", v171, tls.Range(tls.SSLv3, tls.TLS13), 2, nil},
		{"f5-fips", v171, tls.Range(tls.SSLv3, tls.TLS13), 2, []string{"secp256r1", "secp384r1", "ffdhe2048", "ffdhe3072", "ffdhe4096"}},
	} {
		t.Run(tc.group+"@"+tc.v.String(), func(t *testing.T) {
			e := ExpandGroup(mustGroup(t, tc.group, tc.v), tc.v)
			if e.Err != nil {
				t.Fatal(e.Err)
			}
			if e.Protocols != tc.protocols {
				t.Errorf("Protocols %s, want %s", e.Protocols, tc.protocols)
			}
			if len(e.TLS13) != tc.tls13 {
				t.Errorf("TLS 1.3 suites %d, want %d", len(e.TLS13), tc.tls13)
			}
			if tc.dh != nil && !slices.Equal(groupNames(e.DHGroups), tc.dh) {
				t.Errorf("DH groups %v, want %v", groupNames(e.DHGroups), tc.dh)
			}
			if e.DHGroupsErr != nil {
				t.Error(e.DHGroupsErr)
			}
			if !hasAssumption(e, idGroupAlgo) || hasAssumption(e, idGroupTLS13) {
				t.Errorf("Assumed %q", e.Assumed)
			}
			if ExpandGroup(mustGroup(t, tc.group, tc.v), tc.v) != e {
				t.Error("ExpandGroup is not memoized")
			}
		})
	}
	// A group built from f5-default keeps DEFAULT's order.
	plain := Expand("DEFAULT", v171)
	grp := ExpandGroup(mustGroup(t, "f5-default", v171), v171)
	if !slices.Equal(rowStrings(plain), rowStrings(grp)) {
		t.Error("f5-default group rows differ from DEFAULT's")
	}
}

// TestExpandCustomGroup uses the shape of the AS3 converter's cipher-group
// fixture (customCipherGroup_1, TMSH-VERSION 15.0.1): allow f5-default and
// f5-secure, exclude RSA, require ECDHE:ECDHE_ECDSA, ordering strength.
func TestExpandCustomGroup(t *testing.T) {
	v := Version{15, 0}
	def, _ := LookupRule("f5-default", v)
	sec, _ := LookupRule("f5-secure", v)
	g := Group{
		Name:     "/AS3_Tenant/AS3_Application/customCipherGroup_1",
		Allow:    []Rule{def, sec},
		Exclude:  []Rule{{Name: "/AS3_Tenant/AS3_Application/customCipherRule1", Cipher: "RSA"}},
		Require:  []Rule{{Name: "/AS3_Tenant/AS3_Application/customCipherRule2", Cipher: "ECDHE:ECDHE_ECDSA"}},
		Ordering: "strength",
	}
	e := ExpandGroup(g, v)
	if e.Err != nil {
		t.Fatal(e.Err)
	}
	prev := 1 << 30
	for _, r := range e.Rows {
		if r.Suite.KeyX != "ECDHE_RSA" && r.Suite.KeyX != "ECDHE_ECDSA" {
			t.Errorf("%s survived exclude RSA / require ECDHE:ECDHE_ECDSA", r)
		}
		if r.Suite.Bits > prev {
			t.Errorf("%s out of strength order", r)
		}
		prev = r.Suite.Bits
	}
	// f5-secure adds ECDHE-RSA-DES-CBC3-SHA? No: it excludes 3DES; DEFAULT has none.
	if slices.Contains(names(e), "ECDHE-RSA-DES-CBC3-SHA") {
		t.Error("3DES in a group of f5-default and f5-secure")
	}
	if len(e.TLS13) != 0 || e.Protocols.Has(tls.TLS13) {
		t.Error("TLS 1.3 rows survived require ECDHE:ECDHE_ECDSA")
	}
	if !hasAssumption(e, idDirective) && !hasAssumption(e, idGroupAlgo) {
		t.Errorf("Assumed %q", e.Assumed)
	}
}

func TestExpandGroupErrors(t *testing.T) {
	def, _ := LookupRule("f5-default", v171)
	for _, tc := range []struct {
		name string
		g    Group
		err  error
		msg  string
	}{
		{"no allow", Group{Name: "g"}, ErrSyntax, `BIG-IP cipher group "g": cipher group allows no cipher rule: syntax error`},
		{"bad ordering", Group{Name: "g", Allow: []Rule{def}, Ordering: "fastest"}, ErrSyntax, `ordering "fastest"`},
		{"rule syntax", Group{Name: "g", Allow: []Rule{{Name: "r", Cipher: "RSA+"}}}, ErrSyntax, "rule r"},
		{"nothing left", Group{Name: "g", Allow: []Rule{def}, Exclude: []Rule{{Name: "x", Cipher: "ALL"}}}, ErrNoCiphers, `BIG-IP cipher group "g": no cipher suites left`},
	} {
		e := ExpandGroup(tc.g, v171)
		if !errors.Is(e.Err, tc.err) || !strings.Contains(e.Err.Error(), tc.msg) {
			t.Errorf("%s: err %v, want %v containing %q", tc.name, e.Err, tc.err, tc.msg)
		}
		if len(e.Rows) != 0 {
			t.Errorf("%s: rows on error", tc.name)
		}
	}
	// A bad dh-groups value does not void the ciphers; it is reported apart.
	e := ExpandGroup(Group{Name: "g", Allow: []Rule{{Name: "r", Cipher: "ECDHE", DHGroups: "P256:BRAINPOOL"}}}, v171)
	if e.Err != nil || e.DHGroupsErr == nil || !strings.Contains(e.DHGroupsErr.Error(), "BRAINPOOL") {
		t.Errorf("err %v, DHGroupsErr %v", e.Err, e.DHGroupsErr)
	}
	if !slices.Equal(groupNames(e.DHGroups), []string{"secp256r1"}) {
		t.Errorf("DH groups %v", groupNames(e.DHGroups))
	}
}

func TestGroupOrderings(t *testing.T) {
	r := Rule{Name: "r", Cipher: "AES128-GCM-SHA256:DES-CBC3-SHA:AES256-SHA:RC4-SHA"}
	for _, tc := range []struct {
		ordering string
		want     []string
	}{
		{"", []string{"AES128-GCM-SHA256", "DES-CBC3-SHA", "AES256-SHA", "RC4-SHA"}},
		{"default", []string{"AES128-GCM-SHA256", "DES-CBC3-SHA", "AES256-SHA", "RC4-SHA"}},
		{"strength", []string{"AES256-SHA", "DES-CBC3-SHA", "AES128-GCM-SHA256", "RC4-SHA"}},
		{"speed", []string{"AES128-GCM-SHA256", "AES256-SHA", "RC4-SHA", "DES-CBC3-SHA"}},
		{"fips", []string{"AES128-GCM-SHA256", "AES256-SHA", "DES-CBC3-SHA", "RC4-SHA"}},
		{"Hardware", []string{"AES128-GCM-SHA256", "DES-CBC3-SHA", "AES256-SHA", "RC4-SHA"}},
	} {
		e := ExpandGroup(Group{Name: "g", Allow: []Rule{r}, Ordering: tc.ordering}, v121)
		if e.Err != nil {
			t.Fatal(e.Err)
		}
		if got := names(e); !slices.Equal(got, tc.want) {
			t.Errorf("ordering %q: %v, want %v", tc.ordering, got, tc.want)
		}
	}
}

func ExampleExpandGroup() {
	g, _ := LookupGroup("/Common/f5-secure", Version{17, 1})
	e := ExpandGroup(g, Version{17, 1})
	fmt.Println(g.Allow[0].Cipher)
	fmt.Println(e.Protocols, len(e.TLS13), "TLS 1.3 suites")
	fmt.Println(Expand(g.Allow[0].Cipher, Version{17, 1}).Protocols, "as a profile's ciphers")
	// Output:
	// ECDHE:RSA:ECDHE_ECDSA:!SSLV3:!RC4:!EXP:!DES:!3DES:TLSV1_3
	// TLSv1 TLSv1.1 TLSv1.2 TLSv1.3 3 TLS 1.3 suites
	// TLSv1 TLSv1.1 TLSv1.2 as a profile's ciphers
}
