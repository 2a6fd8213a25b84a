package f5

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tlslint/tlslint/lint/tls"
)

// Rule is an `ltm cipher rule`: a cipher string with the DH groups and
// signature algorithms it allows (both attributes exist from 14.0; "" means
// the release's default).
type Rule struct {
	Name     string // "/Common/f5-default"
	Cipher   string // F5 cipher string
	DHGroups string // "DEFAULT", "P256:P384:FFDHE2048", ""
	SigAlgs  string // "DEFAULT", ""
}

// Group is an `ltm cipher group`: rules to allow, to exclude and to
// restrict to, and an ordering ("default", "speed", "strength", "fips",
// "hardware"; "" is "default").
type Group struct {
	Name     string
	Allow    []Rule
	Exclude  []Rule
	Require  []Rule
	Ordering string
}

// Orderings of a cipher group and the @ directive each stands for.
var orderings = map[string]string{"": "", "default": "", "speed": "SPEED", "strength": "STRENGTH", "fips": "FIPS", "hardware": "HARDWARE"}

// ExpandGroup expands a cipher group for release v. F5 documents the parts
// (allow, exclude, require, ordering) but not how tmm combines them (A14);
// this follows the GUI's wording: the rows of the allowed rules, each
// expanded on its own, in rule order without repeats; minus the rows of
// every excluded rule; restricted to the rows of each required rule in
// turn; then sorted per ordering. A profile with a cipher group can
// negotiate TLS 1.3 (Expansion.Protocols includes it when TLS 1.3 rows are
// left). DHGroups is the union of the allowed rules' dh-groups. Results are
// memoized; Err is set for a rule with a syntax error, a group with no
// allowed rule, an unknown ordering, or nothing left.
func ExpandGroup(g Group, v Version) *Expansion {
	key := groupKey(g, v)
	if e, ok := memo.Load(key); ok {
		return e.(*Expansion)
	}
	return remember(key, expandGroup(g, v))
}

func groupKey(g Group, v Version) string {
	var b strings.Builder
	fmt.Fprintf(&b, "group\x00%s\x00%s\x00%d.%d", g.Name, g.Ordering, v.Major, v.Minor)
	for i, rs := range [][]Rule{g.Allow, g.Exclude, g.Require} {
		for _, r := range rs {
			fmt.Fprintf(&b, "\x00%d\x01%s\x01%s\x01%s\x01%s", i, r.Name, r.Cipher, r.DHGroups, r.SigAlgs)
		}
	}
	return b.String()
}

func expandGroup(g Group, v Version) *Expansion {
	u := universeFor(v)
	var n notes
	n.addRaw(u.clamp)
	n.add(idGroupAlgo, "cipher group: allowed rules' rows in order, minus excluded rules' rows, restricted to each required rule's rows (F5 documents no algorithm)")
	var unknown []string
	fail := func(reason string, err error) *Expansion {
		return u.finish(g.Name, nil, 0, n, unknown, true, &CipherStringError{String: g.Name, Group: true, Reason: reason, Err: err})
	}
	dir, ok := orderings[strings.ToLower(strings.TrimSpace(g.Ordering))]
	if !ok {
		return fail(fmt.Sprintf("ordering %q: expected default, speed, strength, fips or hardware", g.Ordering), ErrSyntax)
	}
	if len(g.Allow) == 0 {
		return fail("cipher group allows no cipher rule", ErrSyntax)
	}
	rowsOf := func(r Rule) ([]int, error) {
		if b, ok := LookupRule(r.Name, v); ok && b == r {
			n.addRaw(BuiltinRuleAssumption(r.Name, v))
		}
		e := Expand(r.Cipher, v)
		for _, a := range e.Assumed {
			// A group does enable TLS 1.3: the rule's A21 note does not apply.
			if !strings.HasPrefix(a, idGroupTLS13+" ") {
				n.addRaw(a)
			}
		}
		for _, w := range e.Unknown {
			if !slices.Contains(unknown, w) {
				unknown = append(unknown, w)
			}
		}
		if e.Err != nil {
			if errors.Is(e.Err, ErrNoCiphers) {
				return nil, nil
			}
			return nil, fmt.Errorf("rule %s: %w", r.Name, e.Err)
		}
		out := make([]int, 0, len(e.Rows))
		for _, row := range e.Rows {
			out = append(out, u.idx[keyOf(row)])
		}
		return out, nil
	}
	in := make([]bool, len(u.rows))
	var list []int
	for _, r := range g.Allow {
		rows, err := rowsOf(r)
		if err != nil {
			return fail(err.Error(), ErrSyntax)
		}
		for _, ix := range rows {
			if !in[ix] {
				in[ix] = true
				list = append(list, ix)
			}
		}
	}
	for _, r := range g.Exclude {
		rows, err := rowsOf(r)
		if err != nil {
			return fail(err.Error(), ErrSyntax)
		}
		set := setOf(len(u.rows), rows)
		list = slices.DeleteFunc(list, func(ix int) bool { return set[ix] })
	}
	for _, r := range g.Require {
		rows, err := rowsOf(r)
		if err != nil {
			return fail(err.Error(), ErrSyntax)
		}
		set := setOf(len(u.rows), rows)
		list = slices.DeleteFunc(list, func(ix int) bool { return !set[ix] })
	}
	if dir != "" {
		if d := directives[dir]; d.id != "" {
			n.add(d.id, "%s", d.note)
		}
		sortRows(u, list, dir)
	}
	var dhGroups []*tls.Group
	var dhErrs []error
	for _, r := range g.Allow {
		gs, bad, err := DHGroups(r.DHGroups, v)
		if err != nil {
			dhErrs = append(dhErrs, fmt.Errorf("rule %s: %w", r.Name, err))
		}
		if len(bad) > 0 {
			dhErrs = append(dhErrs, fmt.Errorf("rule %s: dh-groups %q: unknown group(s) %s", r.Name, r.DHGroups, strings.Join(bad, ", ")))
		}
		for _, grp := range gs {
			if !slices.Contains(dhGroups, grp) {
				dhGroups = append(dhGroups, grp)
			}
		}
	}
	n.add(idDHGroups, "%s", dhGroupsNote)
	e := u.finish(g.Name, list, 0, n, unknown, true, nil)
	if e.Err == nil {
		e.DHGroups, e.DHGroupsErr = dhGroups, errors.Join(dhErrs...)
	}
	return e
}

// builtinRule is a built-in rule and the releases it has that content on.
type builtinRule struct {
	from, to Version
	rule     Rule
	source   string
	assumed  string
}

const (
	dump141    = "14.1.2.1 REST dump (genieparser test fixtures, 14.1.2.1__builtin_cipher_rules_groups.rest.txt)"
	dumpRecent = "recent base config (tmconfpy example/test.tmconf, unknown-16.x-17.x__builtin_cipher_rules_groups.tmconf)"
	hwKeys     = "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-CBC-SHA:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA:ECDH-RSA-AES256-GCM-SHA384:ECDH-RSA-AES256-SHA384:ECDH-RSA-AES256-SHA:AES256-GCM-SHA384:AES256-SHA256:AES256-SHA:ECDHE-RSA-DES-CBC3-SHA:DHE-RSA-DES-CBC3-SHA:ECDH-RSA-DES-CBC3-SHA:DES-CBC3-SHA:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES128-CBC-SHA:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA:ECDH-RSA-AES128-GCM-SHA256:ECDH-RSA-AES128-SHA256:ECDH-RSA-AES128-SHA:AES128-GCM-SHA256:AES128-SHA256:AES128-SHA:RC4-SHA:RC4-MD5:DHE-RSA-DES-CBC-SHA:DHE-RSA-CAMELLIA256-SHA:CAMELLIA256-SHA:DHE-RSA-CAMELLIA128-SHA:!TLSv1:!TLSv1_1:!SSLv3:!DTLSv1"
)

// builtinRules are the pre-built rules per release. Cipher rules and groups
// exist from 13.0 (techdocs "Overview: Using a pre-built cipher string",
// 13.0.0–13.1.5, which lists f5-default, f5-aes, f5-ecc, f5-hw_keys and
// f5-secure and gives f5-ecc as ECDHE:ECDHE_ECDSA); dh-groups and
// signature-algorithms from 14.0 (AS3 properties.json minVersion 14.0).
// When a rule changed between the 14.1.2.1 dump and the recent one is not
// known (A15): f5-quic is placed at 15.1 (15.1.8.2's clientssl-quic uses the
// f5-quic group), the f5-secure with TLSV1_3 and f5-fips / f5-cc-stip at 16.1.
var builtinRules = []builtinRule{
	{Version{13, 0}, Version{13, 1}, Rule{"/Common/f5-aes", "AES-GCM:AES", "", ""}, dump141, "13.x content assumed equal to 14.1.2.1's"},
	{Version{13, 0}, Version{13, 1}, Rule{"/Common/f5-default", "DEFAULT", "", ""}, "techdocs 13.0 (group list); third-party ronutz.com (content)", ""},
	{Version{13, 0}, Version{13, 1}, Rule{"/Common/f5-ecc", "ECDHE:ECDHE_ECDSA", "", ""}, "techdocs 13.0.0 Overview: Using a pre-built cipher string", ""},
	{Version{13, 0}, Version{13, 1}, Rule{"/Common/f5-hw_keys", hwKeys, "", ""}, dump141, "13.x content assumed equal to 14.1.2.1's"},
	{Version{13, 0}, Version{13, 1}, Rule{"/Common/f5-secure", "ECDHE:RSA:!SSLV3:!RC4:!EXP:!DES", "", ""}, "third-party ronutz.com", "13.x f5-secure from a third-party page without device output"},

	{Version{14, 0}, Newest, Rule{"/Common/f5-aes", "AES-GCM:AES", "DEFAULT", "DEFAULT"}, dump141 + "; unchanged in " + dumpRecent, ""},
	{Version{14, 0}, Newest, Rule{"/Common/f5-default", "DEFAULT", "DEFAULT", "DEFAULT"}, dump141 + "; unchanged in " + dumpRecent, ""},
	{Version{14, 0}, Newest, Rule{"/Common/f5-ecc", "ECDHE:ECDHE_ECDSA", "DEFAULT", "DEFAULT"}, dump141 + "; unchanged in " + dumpRecent, ""},
	{Version{14, 0}, Newest, Rule{"/Common/f5-hw_keys", hwKeys, "DEFAULT", "DEFAULT"}, dump141 + "; unchanged in " + dumpRecent, ""},
	{Version{14, 0}, Version{16, 0}, Rule{"/Common/f5-secure", "ECDHE:RSA:ECDHE_ECDSA:!SSLV3:!RC4:!EXP:!DES:!3DES", "DEFAULT", "DEFAULT"}, dump141, "kept until 16.0 (the release that added TLSV1_3 is not known)"},
	{Version{16, 1}, Newest, Rule{"/Common/f5-secure", "ECDHE:RSA:ECDHE_ECDSA:!SSLV3:!RC4:!EXP:!DES:!3DES:TLSV1_3", "DEFAULT", "DEFAULT"}, dumpRecent, "placed at 16.1 (the recent dump's version is not stated)"},
	{Version{15, 1}, Newest, Rule{"/Common/f5-quic", "TLS13-AES128-GCM-SHA256:TLS13-AES256-GCM-SHA384", "DEFAULT", "DEFAULT"}, dumpRecent, "placed at 15.1 (clientssl-quic of 15.1.8.2 uses the f5-quic group)"},
	{Version{16, 1}, Newest, Rule{"/Common/f5-fips", "fips", "P256:P384:FFDHE2048:FFDHE3072:FFDHE4096", "DEFAULT"}, dumpRecent, "placed at 16.1 (the recent dump's version is not stated)"},
	{Version{16, 1}, Newest, Rule{"/Common/f5-cc-stip", "CC_STIP", "P256:P384:FFDHE2048:FFDHE3072:FFDHE4096", "DEFAULT"}, dumpRecent, "placed at 16.1 (the recent dump's version is not stated)"},
}

// BuiltinRules returns the pre-built cipher rules of release v (none before
// 13.0), sorted by name.
func BuiltinRules(v Version) []Rule {
	v, _ = normalize(v)
	var out []Rule
	for _, b := range builtinRules {
		if within(v, b.from, b.to) {
			out = append(out, b.rule)
		}
	}
	slices.SortFunc(out, func(a, b Rule) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// BuiltinGroups returns the pre-built cipher groups of release v: each
// /Common/f5-X allows the rule /Common/f5-X, ordering default (both dumps).
func BuiltinGroups(v Version) []Group {
	var out []Group
	for _, r := range BuiltinRules(v) {
		out = append(out, Group{Name: r.Name, Allow: []Rule{r}, Ordering: "default"})
	}
	return out
}

// LookupRule finds a pre-built rule of release v by name ("f5-secure" or
// "/Common/f5-secure").
func LookupRule(name string, v Version) (Rule, bool) {
	full := commonName(name)
	for _, r := range BuiltinRules(v) {
		if r.Name == full {
			return r, true
		}
	}
	return Rule{}, false
}

// LookupGroup finds a pre-built group of release v by name.
func LookupGroup(name string, v Version) (Group, bool) {
	r, ok := LookupRule(name, v)
	if !ok {
		return Group{}, false
	}
	return Group{Name: r.Name, Allow: []Rule{r}, Ordering: "default"}, true
}

// BuiltinRuleAssumption says what is assumed about a pre-built rule's
// content on release v ("" when a dump of that release shows it, or when
// there is no such rule).
func BuiltinRuleAssumption(name string, v Version) string {
	v, _ = normalize(v)
	full := commonName(name)
	for _, b := range builtinRules {
		if b.rule.Name == full && within(v, b.from, b.to) {
			if b.assumed == "" {
				return ""
			}
			return idBuiltins + " " + full + ": " + b.assumed + "; source: " + b.source
		}
	}
	return ""
}

func commonName(name string) string {
	name = strings.TrimSpace(name)
	if !strings.HasPrefix(name, "/") {
		return "/Common/" + name
	}
	return name
}
