package f5

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tlslint/tlslint/lint/i18n"
	"github.com/tlslint/tlslint/lint/tls"
)

// Row is one line of `tmm --clientciphers`: a suite and a protocol it is
// offered for.
type Row struct {
	Suite    *Suite
	Protocol Protocol
}

// String renders the row as `tmsh show ltm cipher group` does
// ("ECDHE-RSA-AES128-GCM-SHA256/TLS1.2").
func (r Row) String() string {
	if r.Suite == nil {
		return "?/" + r.Protocol.String()
	}
	return r.Suite.Name + "/" + r.Protocol.String()
}

// Errors of expansion.
var (
	// ErrSyntax: an operator or '+' with nothing after it, a keyword
	// defined in terms of itself (Options.Keywords).
	ErrSyntax = errors.New("syntax error")
	// ErrNoCiphers: nothing is left; every handshake fails. (Whether BIG-IP
	// also refuses to load such a profile is not documented.)
	ErrNoCiphers = errors.New("no cipher suites left")
)

// CipherStringError is a cipher string that cannot be used.
type CipherStringError struct {
	String string // the cipher string, or the cipher group's name when Group
	Group  bool
	Item   string // the offending item, "" when the whole string or group is at fault
	Reason string // what is wrong with Item or the group, "" for ErrNoCiphers
	Err    error  // ErrSyntax or ErrNoCiphers
}

func (e *CipherStringError) Error() string {
	what := "BIG-IP cipher string"
	if e.Group {
		what = "BIG-IP cipher group"
	}
	switch {
	case e.Item != "":
		return fmt.Sprintf("%s %q: item %q: %s: %v", what, e.String, e.Item, e.Reason, e.Err)
	case e.Reason != "":
		return fmt.Sprintf("%s %q: %s: %v", what, e.String, e.Reason, e.Err)
	}
	return fmt.Sprintf("%s %q: %v", what, e.String, e.Err)
}

// Msg is Error as a message, for --lang. A reason from a nested rule's
// error stays in English.
func (e *CipherStringError) Msg() i18n.Msg {
	reason, err := reasonMsg(e.Reason), errMsg(e.Err)
	switch {
	case e.Item != "" && e.Group:
		return i18n.Msgf("BIG-IP cipher group %q: item %q: %s: %s", e.String, e.Item, reason, err)
	case e.Item != "":
		return i18n.Msgf("BIG-IP cipher string %q: item %q: %s: %s", e.String, e.Item, reason, err)
	case e.Reason != "" && e.Group:
		return i18n.Msgf("BIG-IP cipher group %q: %s: %s", e.String, reason, err)
	case e.Reason != "":
		return i18n.Msgf("BIG-IP cipher string %q: %s: %s", e.String, reason, err)
	case e.Group:
		return i18n.Msgf("BIG-IP cipher group %q: %s", e.String, err)
	}
	return i18n.Msgf("BIG-IP cipher string %q: %s", e.String, err)
}

// reasonMsg is a CipherStringError's Reason as a message.
func reasonMsg(r string) i18n.Msg {
	switch r {
	case "operator without a keyword":
		return i18n.Msgf("operator without a keyword")
	case "'+' without a keyword on both sides":
		return i18n.Msgf("'+' without a keyword on both sides")
	case "keyword defined in terms of itself (Options.Keywords)":
		return i18n.Msgf("keyword defined in terms of itself (Options.Keywords)")
	case "DEFAULT defined in terms of itself":
		return i18n.Msgf("DEFAULT defined in terms of itself")
	case "'@' without a directive":
		return i18n.Msgf("'@' without a directive")
	case "cipher group allows no cipher rule":
		return i18n.Msgf("cipher group allows no cipher rule")
	}
	const expected = ": expected default, speed, strength, fips or hardware"
	if q, ok := strings.CutPrefix(r, "ordering "); ok && strings.HasSuffix(q, expected) {
		return i18n.Msgf("ordering %s: expected default, speed, strength, fips or hardware", strings.TrimSuffix(q, expected))
	}
	return i18n.Msgf("%s", r)
}

// errMsg is ErrSyntax or ErrNoCiphers as a message.
func errMsg(err error) i18n.Msg {
	switch err {
	case ErrSyntax:
		return i18n.Msgf("syntax error")
	case ErrNoCiphers:
		return i18n.Msgf("no cipher suites left")
	case nil:
		return i18n.Msgf("%s", "<nil>")
	}
	return i18n.Msgf("%s", err.Error())
}

func (e *CipherStringError) Unwrap() error { return e.Err }

// Expansion is a cipher string (or cipher group) expanded for one BIG-IP
// release. Expansions are shared by everyone who expands the same string for
// the same release; callers must not modify them.
type Expansion struct {
	String  string  // the cipher string as given (a group's name for ExpandGroup)
	Version Version // the release it was expanded for, after clamping (A17)
	// Rows are what `tmm --clientciphers STRING` prints, in order: one row
	// per (suite, protocol). TLS 1.3 rows are listed like tmm lists them.
	Rows []Row
	// Suites are the distinct catalogue suites of Rows in order of first
	// appearance; F5 is BIG-IP's view of the same suites (names, columns).
	Suites []*tls.Suite
	F5     []*Suite
	TLS13  []*tls.Suite // the TLS 1.3 suites among Suites
	// Protocols are the TLS versions a profile using this can negotiate as
	// far as the ciphers go: those with at least one row. A `!TLSv1`-style
	// exclusion removes the version, not only suites. A plain cipher string
	// never enables TLS 1.3: BIG-IP needs a cipher group for it (A21), so
	// only ExpandGroup puts TLS 1.3 here. Intersect with OptionsProtocols for
	// the profile's `options`.
	Protocols tls.VersionSet
	// Excluded are the versions a bare `!SSLv3`, `!TLSv1`, `!TLSv1_1`, ...
	// item removes for good (plain strings; for a group, Protocols tells).
	Excluded tls.VersionSet
	// Unknown lists the words tmm would not know on this release: typos,
	// OpenSSL spellings (see Suggest), "@" directives, names of suites the
	// release does not have yet. The item they are in selects nothing (A19).
	Unknown []string
	// Err is a *CipherStringError wrapping ErrSyntax or ErrNoCiphers; Rows
	// and Suites are then empty.
	Err error
	// Assumed names the assumptions ("A6 ...", see docs/bigip-ciphers.md)
	// this result depends on: keywords F5 does not define, releases and
	// suites no capture shows. Empty means every fact used was observed.
	Assumed []string
	// DHGroups are the DH groups (dh-groups of the allowed rules) of a
	// cipher group; DHGroupsErr says what is wrong with a rule's dh-groups.
	// Both are unset for plain cipher strings.
	DHGroups    []*tls.Group
	DHGroupsErr error
}

// Usable returns the suites the expansion offers at TLS version v, in
// preference order (the order of their v rows); nil when v is not in
// Protocols.
func (e *Expansion) Usable(v tls.Version) []*tls.Suite {
	if e == nil || !e.Protocols.Has(v) {
		return nil
	}
	var out []*tls.Suite
	for _, r := range e.Rows {
		if pv, ok := r.Protocol.TLS(); ok && pv == v && r.Suite.TLS != nil && !slices.Contains(out, r.Suite.TLS) {
			out = append(out, r.Suite.TLS)
		}
	}
	return out
}

// Options overrides what this package assumes about a release with facts
// from the device itself.
type Options struct {
	// Native replaces the release's suite table: the rows
	// `tmm --clientciphers NATIVE` prints on the device (see ParseTmm), in
	// its order. Keywords then select from these rows by their columns, and
	// no suite is reported as modeled (A2).
	Native []Row
	// Default replaces DEFAULT: the rows `tmm --clientciphers DEFAULT`
	// prints on the device.
	Default []Row
	// Keywords defines or redefines keywords (any case) as cipher strings,
	// e.g. {"HIGH": "AES:CAMELLIA:3DES"}; a definition may use other
	// keywords but not itself.
	Keywords map[string]string
}

type memoKey struct {
	s string
	v Version
}

var (
	memo      sync.Map // memoKey or groupKey → *Expansion
	memoCount atomic.Int64
)

// memoMax bounds the memo: a configuration has a handful of distinct cipher
// strings; a fuzzer has millions.
const memoMax = 1 << 14

func remember(key any, e *Expansion) *Expansion {
	if memoCount.Load() >= memoMax {
		return e
	}
	if old, loaded := memo.LoadOrStore(key, e); loaded {
		return old.(*Expansion)
	}
	memoCount.Add(1)
	return e
}

// Expand expands a BIG-IP cipher string (a profile's `ciphers`, a cipher
// rule's `cipher`) as tmm on release v would. The zero Version means
// DefaultVersion. Results are memoized per (string, release) and safe for
// concurrent use.
func Expand(cipherString string, v Version) *Expansion {
	key := memoKey{cipherString, v}
	if e, ok := memo.Load(key); ok {
		return e.(*Expansion)
	}
	u := universeFor(v)
	return remember(key, u.expand(cipherString, false))
}

// ExpandWith is Expand with facts from the device (Options); it is not
// memoized.
func ExpandWith(cipherString string, v Version, o Options) *Expansion {
	u := universeFor(v)
	if len(o.Native) > 0 || len(o.Default) > 0 || len(o.Keywords) > 0 {
		u = u.with(o)
	}
	return u.expand(cipherString, false)
}

// universe is every row release v has, in native order, with what DEFAULT is.
type universe struct {
	v        Version
	rows     []Row
	idx      map[rowKey]int
	names    map[string][]int // upper-case F5 name → its rows
	compat   []bool
	defRows  []int  // DEFAULT as rows, or
	defStr   string // DEFAULT as a cipher string over the universe
	def      defaultDef
	keywords map[string]string // Options.Keywords, upper-case keys
	device   bool              // rows come from the device (Options.Native)
	clamp    string            // the A17 note, if v was clamped
}

type rowKey struct {
	name string // upper-case F5 name
	p    Protocol
}

func keyOf(r Row) rowKey { return rowKey{strings.ToUpper(r.Suite.Name), r.Protocol} }

var universes sync.Map // Version → *universe

func universeFor(v Version) *universe {
	if u, ok := universes.Load(v); ok {
		return u.(*universe)
	}
	nv, clamp := normalize(v)
	u := &universe{v: nv, clamp: clamp, idx: map[rowKey]int{}, names: map[string][]int{}}
	suites := Suites(nv)
	if nv.Less(Version{13, 0}) {
		suites = append(suites, suiteDB().compat...)
	}
	for _, s := range suites {
		for _, p := range rowsAt(s, nv) {
			u.add(Row{s, p})
		}
	}
	u.setDefault(defaultFor(nv))
	actual, _ := universes.LoadOrStore(v, u)
	return actual.(*universe)
}

func (u *universe) add(r Row) int {
	if i, ok := u.idx[keyOf(r)]; ok {
		return i
	}
	k := keyOf(r)
	u.idx[k] = len(u.rows)
	u.names[k.name] = append(u.names[k.name], len(u.rows))
	u.rows = append(u.rows, r)
	u.compat = append(u.compat, r.Suite.Compat)
	return len(u.rows) - 1
}

func (u *universe) setDefault(d defaultDef) {
	u.def = d
	if d.str != "" {
		u.defStr = d.str
		return
	}
	db := suiteDB()
	for _, n := range d.list {
		s := db.byName[n]
		if s == nil || u.v.Less(s.since) {
			continue
		}
		// DEFAULT has no SSL3 rows from 12.1 on (12.1+ and 14.1 captures).
		for _, p := range rowsAt(s, u.v) {
			if p == SSL3 {
				continue
			}
			if i, ok := u.idx[rowKey{n, p}]; ok {
				u.defRows = append(u.defRows, i)
			}
		}
	}
}

// with returns a copy of u with the device's facts.
func (u *universe) with(o Options) *universe {
	w := &universe{v: u.v, clamp: u.clamp, def: u.def, defStr: u.defStr, idx: map[rowKey]int{}, names: map[string][]int{}}
	if len(o.Native) > 0 {
		w.device = true
		for _, r := range o.Native {
			if r.Suite != nil {
				w.add(r)
			}
		}
	} else {
		for _, r := range u.rows {
			w.add(r)
		}
	}
	switch {
	case len(o.Default) > 0:
		w.defStr = ""
		w.def = defaultDef{source: "Options.Default"}
		for _, r := range o.Default {
			if r.Suite != nil {
				w.defRows = append(w.defRows, w.add(r))
			}
		}
	case len(o.Native) > 0 && u.defStr == "":
		// Keep the built-in DEFAULT list, restricted to the device's rows.
		for _, i := range u.defRows {
			if j, ok := w.idx[keyOf(u.rows[i])]; ok {
				w.defRows = append(w.defRows, j)
			}
		}
	default:
		w.defRows = u.defRows
	}
	if len(o.Keywords) > 0 {
		w.keywords = map[string]string{}
		for k, d := range o.Keywords {
			w.keywords[strings.ToUpper(strings.TrimSpace(k))] = d
		}
	}
	return w
}

// expand runs a cipher string and packages the result.
func (u *universe) expand(s string, group bool) *Expansion {
	en := &engine{u: u}
	en.notes.addRaw(u.clamp)
	list, excluded, err := en.run(s, 0)
	return u.finish(s, list, excluded, en.notes, en.unknown, group, err)
}

func (u *universe) finish(s string, list []int, excluded tls.VersionSet, n notes, unknown []string, group bool, err error) *Expansion {
	e := &Expansion{String: s, Version: u.v, Excluded: excluded, Unknown: unknown}
	if err == nil && len(list) == 0 {
		err = &CipherStringError{String: s, Group: group, Err: ErrNoCiphers}
	}
	if err != nil {
		e.Err = err
		e.Assumed = n.list()
		return e
	}
	e.Rows = make([]Row, len(list))
	seen := make(map[*Suite]bool, len(list))
	var modeled []string
	for i, ix := range list {
		r := u.rows[ix]
		e.Rows[i] = r
		if tv, ok := r.Protocol.TLS(); ok && (group || tv != tls.TLS13) {
			e.Protocols = e.Protocols.With(tv)
		}
		if seen[r.Suite] || r.Suite.TLS == nil {
			continue
		}
		seen[r.Suite] = true
		e.Suites = append(e.Suites, r.Suite.TLS)
		e.F5 = append(e.F5, r.Suite)
		if r.Suite.KeyX == "*" {
			e.TLS13 = append(e.TLS13, r.Suite.TLS)
		}
		if !u.device && !r.Suite.Compat && !r.Suite.ObservedAt(u.v) {
			modeled = append(modeled, r.Suite.Name)
		}
	}
	if len(modeled) > 0 {
		shown := modeled
		more := ""
		if len(shown) > 6 {
			shown, more = shown[:6], fmt.Sprintf(" and %d more", len(modeled)-6)
		}
		n.add(idSuites, "%d of %d suites are in no capture of BIG-IP %s; their presence and rows are modeled: %s%s",
			len(modeled), len(e.F5), u.v, strings.Join(shown, ", "), more)
	}
	if !group && len(e.TLS13) > 0 {
		n.add(idGroupTLS13, "tmm lists TLS 1.3 rows, but a profile negotiates TLS 1.3 only through a cipher group (terraform-provider-bigip #727, f5-ansible #2039; K10251520 not read), so Protocols leaves TLS 1.3 out")
	}
	e.Assumed = n.list()
	return e
}

// engine runs the grammar over a universe.
type engine struct {
	u       *universe
	notes   notes
	unknown []string
	stack   []string // keywords of Options.Keywords being expanded
	defList []int    // DEFAULT's rows once computed
	defDone bool
}

// maxDepth bounds nested keyword definitions (Options.Keywords).
const maxDepth = 16

func isSep(c byte) bool {
	return c == ':' || c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// run applies the cipher string: items separated by ':', ',' or blanks;
// an item is an optional operator ('!' removes for good, '-' removes, '+'
// moves to the end) and keywords or suite names joined by '+' (all must
// match), or an @ directive. This is the grammar F5 documents (keywords.md
// §1 of the data) and, like OpenSSL's, adds rows not yet listed at the end,
// never re-adding what '!' removed.
func (en *engine) run(s string, depth int) ([]int, tls.VersionSet, error) {
	u := en.u
	n := len(u.rows)
	var list []int
	in := make([]bool, n)
	killed := make([]bool, n)
	var excluded tls.VersionSet
	for i := 0; i < len(s); {
		for i < len(s) && isSep(s[i]) {
			i++
		}
		j := i
		for j < len(s) && !isSep(s[j]) {
			j++
		}
		item := s[i:j]
		i = j
		if item == "" {
			continue
		}
		if item[0] == '@' {
			if err := en.directive(s, item, list); err != nil {
				return nil, 0, err
			}
			continue
		}
		op := byte(0)
		body := item
		if c := item[0]; c == '!' || c == '-' || c == '+' {
			op, body = c, item[1:]
		}
		if body == "" {
			return nil, 0, &CipherStringError{String: s, Item: item, Reason: "operator without a keyword", Err: ErrSyntax}
		}
		words := strings.Split(body, "+")
		terms := make([]term, 0, len(words))
		unknown := false
		for _, w := range words {
			if w == "" {
				return nil, 0, &CipherStringError{String: s, Item: item, Reason: "'+' without a keyword on both sides", Err: ErrSyntax}
			}
			t, ok, err := en.resolve(s, w, depth)
			if err != nil {
				return nil, 0, err
			}
			if !ok {
				unknown = true
				continue
			}
			terms = append(terms, t)
		}
		if unknown {
			en.notes.add(idUnknown, "words tmm does not know are skipped with the item they are in; whether tmm rejects the string instead is not documented")
			continue
		}
		if op == '!' && len(terms) == 1 && terms[0].proto != 0 {
			if tv, ok := terms[0].proto.TLS(); ok {
				excluded = excluded.With(tv)
			}
		}
		compatOK := false
		var order []int
		for _, t := range terms {
			compatOK = compatOK || t.compat
			if order == nil && t.order != nil {
				order = t.order
			}
		}
		match := func(ix int) bool {
			for _, t := range terms {
				if !t.match(ix) {
					return false
				}
			}
			return true
		}
		switch op {
		case 0:
			add := func(ix int) {
				if !in[ix] && !killed[ix] && (compatOK || !u.compat[ix]) && match(ix) {
					in[ix] = true
					list = append(list, ix)
				}
			}
			if order != nil {
				for _, ix := range order {
					add(ix)
				}
			} else {
				before := len(list)
				for ix := range n {
					add(ix)
				}
				if !u.device && orderModeled(u, list[before:]) {
					en.notes.add(idOrder, "the order inside one keyword is observed for one key exchange at a time; across key exchanges (ECDHE_RSA, ECDHE_ECDSA, EDH, static ECDH, RSA at equal BITS) and for CHACHA20 and TLS 1.3 suites it is modeled")
				}
			}
		case '!', '-':
			list = slices.DeleteFunc(list, func(ix int) bool {
				if match(ix) {
					in[ix] = false
					return true
				}
				return false
			})
			if op == '!' {
				for ix := range n {
					if match(ix) {
						killed[ix] = true
					}
				}
			}
		case '+':
			var keep, moved []int
			for _, ix := range list {
				if match(ix) {
					moved = append(moved, ix)
				} else {
					keep = append(keep, ix)
				}
			}
			list = append(keep, moved...)
		}
	}
	return list, excluded, nil
}

// orderModeled reports whether rows added in native order mix what no
// capture orders (A4): several key exchanges, or CHACHA20 or TLS 1.3 rows
// among others.
func orderModeled(u *universe, added []int) bool {
	if len(added) < 2 {
		return false
	}
	first := u.rows[added[0]].Suite
	for _, ix := range added[1:] {
		s := u.rows[ix].Suite
		if s.KeyX != first.KeyX || (s.Cipher == "CHACHA20-POLY1305") != (first.Cipher == "CHACHA20-POLY1305") {
			return true
		}
	}
	return false
}

// term is one keyword or suite name of an item, resolved.
type term struct {
	match  func(ix int) bool
	order  []int // the order it selects in (DEFAULT, a defined keyword); nil: native order
	compat bool  // it may add COMPAT rows (ALL, COMPAT, a COMPAT suite's name)
	proto  Protocol
}

func setOf(n int, rows []int) []bool {
	set := make([]bool, n)
	for _, ix := range rows {
		set[ix] = true
	}
	return set
}

func (en *engine) resolve(s, word string, depth int) (term, bool, error) {
	u := en.u
	up := strings.ToUpper(word)
	if def, ok := u.keywords[up]; ok {
		if slices.Contains(en.stack, up) || depth >= maxDepth {
			return term{}, false, &CipherStringError{String: s, Item: word, Reason: "keyword defined in terms of itself (Options.Keywords)", Err: ErrSyntax}
		}
		en.stack = append(en.stack, up)
		list, _, err := en.run(def, depth+1)
		en.stack = en.stack[:len(en.stack)-1]
		if err != nil {
			return term{}, false, err
		}
		set := setOf(len(u.rows), list)
		return term{match: func(ix int) bool { return set[ix] }, order: list, compat: true}, true, nil
	}
	if k, ok := keywords[up]; ok && !u.v.Less(k.since) {
		if k.id != "" {
			en.notes.add(k.id, "%s", k.note)
		}
		switch k.kind {
		case kwDefault:
			list, err := en.defaultRows(s, depth)
			if err != nil {
				return term{}, false, err
			}
			set := setOf(len(u.rows), list)
			return term{match: func(ix int) bool { return set[ix] }, order: list, compat: true}, true, nil
		case kwNative:
			return term{match: func(ix int) bool { return !u.compat[ix] }}, true, nil
		case kwAll:
			// Like OpenSSL's ALL, not the NULL-cipher suites (COMPAT has some).
			return term{match: func(ix int) bool { return u.rows[ix].Suite.Cipher != "NULL" }, compat: true}, true, nil
		case kwCompat:
			return term{match: func(ix int) bool { return u.compat[ix] }, compat: true}, true, nil
		}
		return term{match: func(ix int) bool { return k.match(u.rows[ix]) }, proto: k.proto}, true, nil
	}
	if rows := u.names[up]; len(rows) > 0 {
		r := u.rows[rows[0]]
		if r.Suite.Name != word {
			en.notes.add(idNames, "suite names are taken case-insensitively like keywords (%s)", word)
		}
		set := setOf(len(u.rows), rows)
		return term{match: func(ix int) bool { return set[ix] }, compat: r.Suite.Compat}, true, nil
	}
	if !slices.Contains(en.unknown, word) {
		en.unknown = append(en.unknown, word)
	}
	return term{}, false, nil
}

func (en *engine) defaultRows(s string, depth int) ([]int, error) {
	u := en.u
	if u.def.assumed != "" {
		en.notes.add(idDefault, "DEFAULT on BIG-IP %s: %s", u.v, u.def.assumed)
	}
	if en.defDone {
		return en.defList, nil
	}
	if u.defStr == "" {
		en.defList, en.defDone = u.defRows, true
		return en.defList, nil
	}
	if depth >= maxDepth {
		return nil, &CipherStringError{String: s, Item: "DEFAULT", Reason: "DEFAULT defined in terms of itself", Err: ErrSyntax}
	}
	list, _, err := en.run(u.defStr, depth+1)
	if err != nil {
		return nil, err
	}
	en.defList, en.defDone = list, true
	return list, nil
}

func (en *engine) directive(s, item string, list []int) error {
	name := strings.ToUpper(item[1:])
	if name == "" {
		return &CipherStringError{String: s, Item: item, Reason: "'@' without a directive", Err: ErrSyntax}
	}
	d, ok := directives[name]
	if !ok {
		if !slices.Contains(en.unknown, item) {
			en.unknown = append(en.unknown, item)
		}
		en.notes.add(idUnknown, "words tmm does not know are skipped with the item they are in; whether tmm rejects the string instead is not documented")
		return nil
	}
	if d.id != "" {
		en.notes.add(d.id, "%s", d.note)
	}
	if name == "FIPS" {
		en.notes.add(idFIPS, "%s", noteFIPS)
	}
	sortRows(en.u, list, name)
	return nil
}

// sortRows reorders list in place by an @ directive (stable).
func sortRows(u *universe, list []int, directive string) {
	var key func(ix int) int
	switch directive {
	case "STRENGTH":
		key = func(ix int) int { return -u.rows[ix].Suite.Bits }
	case "SPEED":
		key = func(ix int) int { return speedRank(u.rows[ix].Suite) }
	case "FIPS":
		key = func(ix int) int {
			if fipsApproved(u.rows[ix]) {
				return 0
			}
			return 1
		}
	case "HARDWARE":
		key = func(ix int) int {
			if u.compat[ix] {
				return 1
			}
			return 0
		}
	default:
		return
	}
	slices.SortStableFunc(list, func(a, b int) int { return key(a) - key(b) })
}
