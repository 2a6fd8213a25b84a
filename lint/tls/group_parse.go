package tls

import (
	"errors"
	"fmt"
	"strings"
	"sync"
)

// Parsing of group lists (nginx `ssl_ecdh_curve`, OpenSSL `Groups`/`Curves`
// of SSL_CONF, SSL_CTX_set1_groups_list) per OpenSSL generation:
//
//   - 1.0.2 and 1.1.1 (tls1_set_curves_list / tls1_set_groups_list with
//     nid_cb in ssl/t1_lib.c): a ':' list of NIST names (P-256) or OpenSSL
//     object names (prime256v1, secp384r1, X25519), case-sensitive; an
//     unknown name, an empty element or a duplicate rejects the whole list.
//     "secp256r1" is not an object name there and is rejected.
//   - 3.0 to 3.2 (gid_cb): the TLS group names of the providers
//     (providers/common/capabilities.c: secp256r1, P-256, prime256v1,
//     x25519, X25519, ffdhe2048, ...), case-sensitive, same strictness.
//   - 3.3 and 3.4: a '?' prefix ignores an unknown group; duplicates are
//     ignored.
//   - 3.5+: the grammar of tls1_set_groups_list/tuple_cb/gid_cb: '/'
//     separates preference tuples, '*' marks a group to send a key share
//     for, '?' ignores an unknown group, '-' removes a group named earlier,
//     "DEFAULT" inserts the built-in list (whose unknown groups are ignored),
//     names are case-insensitive; X25519MLKEM768 and the other ML-KEM groups.

// GroupList is a parsed group list.
type GroupList struct {
	Groups []*Group // supported groups, in preference order
	// KeyShares are the groups a client built on this OpenSSL sends key
	// shares for in TLS 1.3: the '*'-marked ones (3.5+), or the first group.
	KeyShares []*Group
	// Tuples are the 3.5+ preference tuples (a server picks the client's
	// most preferred group within its first tuple that has a common group);
	// before 3.5 the whole list is one tuple.
	Tuples [][]*Group
	// Unknown lists names the target skipped ('?' prefix, or inside DEFAULT).
	Unknown []string
}

// ErrGroupList is wrapped by ParseGroups errors: OpenSSL rejects the list and
// nginx does not start (SSL_CTX_set1_curves_list failed).
var ErrGroupList = errors.New("group list rejected")

// ParseGroups parses the value of nginx's `ssl_ecdh_curve` for the target:
// "auto" (nginx's default since 1.11.0) is the target's default list; any
// other value goes to SSL_CTX_set1_curves_list. Names may use any spelling
// the target accepts (see above). unknown lists the names the target does
// not know; with err == nil they were skipped ('?'), otherwise the first one
// is why the list is rejected.
func ParseGroups(s string, t OpenSSL) (groups []*Group, unknown []string, err error) {
	gl, unknown, err := parseGroupList(s, t)
	if err != nil {
		return nil, unknown, err
	}
	return gl.Groups, gl.Unknown, nil
}

// ParseGroupList is ParseGroups with key shares and tuples.
func ParseGroupList(s string, t OpenSSL) (*GroupList, error) {
	gl, _, err := parseGroupList(s, t)
	return gl, err
}

func parseGroupList(s string, t OpenSSL) (*GroupList, []string, error) {
	s = cString(s)
	if strings.TrimFunc(s, isCSpace) == "auto" {
		return DefaultGroupList(t), nil, nil
	}
	if t.AtLeast(3, 5, 0) {
		return parseGroups35(s, t)
	}
	return parseGroupsFlat(s, t)
}

// DefaultGroups returns the groups a server on the target supports when no
// list is configured (nginx `ssl_ecdh_curve auto`), in preference order.
func DefaultGroups(t OpenSSL) []*Group { return DefaultGroupList(t).Groups }

// DefaultGroupList returns the target's default group list:
//   - 1.0.2: eccurves_auto of ssl/t1_lib.c (nginx enables ECDH auto): P-256,
//     P-521, brainpool512, brainpool384, P-384, brainpool256, secp256k1 and
//     the binary curves sect571r1..sect283r1.
//   - 1.1.1: X25519, P-256, X448, P-521, P-384 (eccurves_default).
//   - 3.0 to 3.4: the same, then ffdhe2048..ffdhe8192 (supported_groups_default;
//     its GOST entries need a GOST provider).
//   - 3.5+: TLS_DEFAULT_GROUP_LIST "?*X25519MLKEM768 / ?*X25519:?secp256r1 /
//     ?X448:?secp384r1:?secp521r1 / ?ffdhe2048:?ffdhe3072".
func DefaultGroupList(t OpenSSL) *GroupList {
	var ids []uint16
	switch {
	case t.Major == 1 && t.Minor == 0:
		ids = []uint16{23, 25, 28, 27, 24, 26, 22, 14, 13, 11, 12, 9, 10}
	case t.Major == 1:
		ids = []uint16{29, 23, 30, 25, 24}
	case !t.AtLeast(3, 5, 0):
		ids = []uint16{29, 23, 30, 25, 24, 0x100, 0x101, 0x102, 0x103, 0x104}
	default:
		// The built-in list always parses (TestDefaultGroups).
		if gl, _, err := parseGroups35(defaultGroupList35, t); err == nil {
			return gl
		}
		return &GroupList{}
	}
	gl := &GroupList{}
	for _, id := range ids {
		gl.Groups = append(gl.Groups, GroupByID(id))
	}
	gl.KeyShares = gl.Groups[:1]
	gl.Tuples = [][]*Group{gl.Groups}
	return gl
}

const defaultGroupList35 = "?*X25519MLKEM768 / ?*X25519:?secp256r1 / ?X448:?secp384r1:?secp521r1 / ?ffdhe2048:?ffdhe3072"

// groupNamesCache memoizes groupNames per (major, minor); the maps are read-only.
var groupNamesCache sync.Map

// groupNames returns the names the target accepts, mapped to IANA ids.
func groupNames(t OpenSSL) map[string]uint16 {
	key := [2]int{t.Major, t.Minor}
	if m, ok := groupNamesCache.Load(key); ok {
		return m.(map[string]uint16)
	}
	m := buildGroupNames(t)
	groupNamesCache.Store(key, m)
	return m
}

func buildGroupNames(t OpenSSL) map[string]uint16 {
	names := map[string]uint16{}
	if t.Major == 1 {
		// EC_curve_nist2nid, then OBJ_sn2nid/OBJ_ln2nid (short and long
		// names coincide for these curves), limited to the curves the
		// version can use in TLS (nid_list / tls1_ec_nid2curve_id).
		for n, id := range map[string]uint16{
			"B-163": 3, "B-233": 7, "B-283": 10, "B-409": 12, "B-571": 14,
			"K-163": 1, "K-233": 6, "K-283": 9, "K-409": 11, "K-571": 13,
			"P-192": 19, "P-224": 21, "P-256": 23, "P-384": 24, "P-521": 25,
			"sect163k1": 1, "sect163r1": 2, "sect163r2": 3, "sect193r1": 4, "sect193r2": 5,
			"sect233k1": 6, "sect233r1": 7, "sect239k1": 8, "sect283k1": 9, "sect283r1": 10,
			"sect409k1": 11, "sect409r1": 12, "sect571k1": 13, "sect571r1": 14,
			"secp160k1": 15, "secp160r1": 16, "secp160r2": 17, "secp192k1": 18, "prime192v1": 19,
			"secp224k1": 20, "secp224r1": 21, "secp256k1": 22, "prime256v1": 23, "secp384r1": 24, "secp521r1": 25,
			"brainpoolP256r1": 26, "brainpoolP384r1": 27, "brainpoolP512r1": 28,
		} {
			names[n] = id
		}
		if t.Minor >= 1 {
			names["X25519"], names["X448"] = 29, 30
		}
		return names
	}
	// providers/common/capabilities.c of 3.0: TLS name and internal name of
	// every group, plus the aliases it lists.
	for n, id := range map[string]uint16{
		"sect163k1": 1, "K-163": 1, "sect163r1": 2, "sect163r2": 3, "B-163": 3, "sect193r1": 4, "sect193r2": 5,
		"sect233k1": 6, "K-233": 6, "sect233r1": 7, "B-233": 7, "sect239k1": 8, "sect283k1": 9, "K-283": 9,
		"sect283r1": 10, "B-283": 10, "sect409k1": 11, "K-409": 11, "sect409r1": 12, "B-409": 12,
		"sect571k1": 13, "K-571": 13, "sect571r1": 14, "B-571": 14,
		"secp160k1": 15, "secp160r1": 16, "secp160r2": 17, "secp192k1": 18,
		"secp192r1": 19, "prime192v1": 19, "P-192": 19, "secp224k1": 20, "secp224r1": 21, "P-224": 21,
		"secp256k1": 22, "secp256r1": 23, "prime256v1": 23, "P-256": 23, "secp384r1": 24, "P-384": 24,
		"secp521r1": 25, "P-521": 25, "brainpoolP256r1": 26, "brainpoolP384r1": 27, "brainpoolP512r1": 28,
		"x25519": 29, "X25519": 29, "x448": 30, "X448": 30,
		"ffdhe2048": 0x100, "ffdhe3072": 0x101, "ffdhe4096": 0x102, "ffdhe6144": 0x103, "ffdhe8192": 0x104,
	} {
		names[n] = id
	}
	if t.AtLeast(3, 2, 0) {
		names["brainpoolP256r1tls13"], names["brainpoolP384r1tls13"], names["brainpoolP512r1tls13"] = 0x1F, 0x20, 0x21
	}
	if t.AtLeast(3, 5, 0) {
		for n, id := range map[string]uint16{"MLKEM512": 0x200, "MLKEM768": 0x201, "MLKEM1024": 0x202,
			"X25519MLKEM768": 0x11EC, "SecP256r1MLKEM768": 0x11EB, "SecP384r1MLKEM1024": 0x11ED} {
			names[n] = id
		}
	}
	return names
}

// parseGroupsFlat handles the ':' lists of 1.0.2 to 3.4.
func parseGroupsFlat(s string, t OpenSSL) (*GroupList, []string, error) {
	names := groupNames(t)
	optional := t.AtLeast(3, 3, 0) // '?' prefix, duplicates ignored
	maxLen := 63                   // GROUP_NAME_BUFFER_LENGTH - 1
	if t.Major == 1 {
		maxLen = 19 // char etmp[20] in nid_cb
	}
	gl := &GroupList{}
	var unknown []string
	seen := map[uint16]bool{}
	reject := func(format string, a ...any) (*GroupList, []string, error) {
		return nil, unknown, fmt.Errorf("groups %q: %s: %w", s, fmt.Sprintf(format, a...), ErrGroupList)
	}
	for _, elem := range strings.Split(s, ":") {
		name := strings.TrimFunc(elem, isCSpace)
		if name == "" {
			return reject("empty group name")
		}
		ignore := false
		if optional && name[0] == '?' {
			ignore, name = true, name[1:]
		}
		id, ok := names[name]
		if len(name) > maxLen {
			ok = false
		}
		if !ok {
			unknown = append(unknown, name)
			if ignore {
				gl.Unknown = append(gl.Unknown, name)
				continue
			}
			return reject("unknown group %q", name)
		}
		if seen[id] {
			if optional {
				continue
			}
			return reject("group %q listed twice", name)
		}
		seen[id] = true
		gl.Groups = append(gl.Groups, GroupByID(id))
	}
	if t.Major == 1 && len(gl.Groups) > 28 && t.Minor == 0 {
		return reject("more than 28 curves")
	}
	if len(gl.Groups) > 0 {
		gl.KeyShares = gl.Groups[:1]
		gl.Tuples = [][]*Group{gl.Groups}
	}
	return gl, unknown, nil
}

// groupParser35 holds the state of 3.5's gid_cb_st.
type groupParser35 struct {
	names          map[string]uint16 // lower-case name → id
	gids           []uint16
	tuples         []int // group count per tuple; the last is the open one
	keyShares      []uint16
	tupleMode      bool
	ignoreDefault  bool
	unknown        []string
	skipped        []string
	depth          int
	syntax, failed string
}

var defaultGroups35 = map[string]string{
	"default":         defaultGroupList35,
	"default_suite_b": "secp256r1:secp384r1",
}

var lowerGroupNamesCache sync.Map

// lowerGroupNames is groupNames with lower-case keys (3.5 compares names
// with OPENSSL_strcasecmp).
func lowerGroupNames(t OpenSSL) map[string]uint16 {
	key := [2]int{t.Major, t.Minor}
	if m, ok := lowerGroupNamesCache.Load(key); ok {
		return m.(map[string]uint16)
	}
	m := map[string]uint16{}
	for n, id := range groupNames(t) {
		m[strings.ToLower(n)] = id
	}
	lowerGroupNamesCache.Store(key, m)
	return m
}

func parseGroups35(s string, t OpenSSL) (*GroupList, []string, error) {
	p := &groupParser35{names: lowerGroupNames(t), tuples: []int{0}, tupleMode: true}
	gl := &GroupList{}
	s = strings.TrimLeftFunc(s, isCSpace)
	if s != "" {
		ret := confParseList(s, '/', p.tuple)
		switch {
		case ret < 0:
			return nil, p.unknown, fmt.Errorf("groups %q: syntax error (%s): %w", s, p.syntax, ErrGroupList)
		case ret == 0:
			return nil, p.unknown, fmt.Errorf("groups %q: %s: %w", s, p.failed, ErrGroupList)
		}
		// Drop tuples emptied by '-'.
		var counts []int
		for _, c := range p.tuples[:len(p.tuples)-1] { // the closed tuples
			if c > 0 {
				counts = append(counts, c)
			}
		}
		if len(p.keyShares) > 4 { // OPENSSL_CLIENT_MAX_KEY_SHARES
			return nil, p.unknown, fmt.Errorf("groups %q: more than 4 key shares requested: %w", s, ErrGroupList)
		}
		i := 0
		for _, c := range counts {
			var tuple []*Group
			for _, id := range p.gids[i : i+c] {
				tuple = append(tuple, GroupByID(id))
			}
			gl.Tuples = append(gl.Tuples, tuple)
			gl.Groups = append(gl.Groups, tuple...)
			i += c
		}
		for _, id := range p.keyShares {
			gl.KeyShares = append(gl.KeyShares, GroupByID(id))
		}
		if len(gl.KeyShares) == 0 && len(gl.Groups) > 0 {
			gl.KeyShares = gl.Groups[:1]
		}
	}
	gl.Unknown = p.skipped
	return gl, p.unknown, nil
}

// confParseList is CONF_parse_list(list, sep, nospc=1, cb): blanks around
// elements are dropped, an empty element is passed as "" (OpenSSL passes
// NULL), and the first result <= 0 stops the walk.
func confParseList(list string, sep byte, cb func(elem string) int) int {
	for {
		list = strings.TrimLeftFunc(list, isCSpace)
		i := strings.IndexByte(list, sep)
		elem := list
		if i >= 0 {
			elem = list[:i]
		}
		if ret := cb(strings.TrimRightFunc(elem, isCSpace)); ret <= 0 {
			return ret
		}
		if i < 0 {
			return 1
		}
		list = list[i+1:]
	}
}

// tuple is tuple_cb.
func (p *groupParser35) tuple(elem string) int {
	if elem == "" {
		p.failed = "empty tuple"
		return 0
	}
	ret := confParseList(elem, ':', p.group)
	if p.tuples[len(p.tuples)-1] > 0 && p.tupleMode {
		p.tuples = append(p.tuples, 0)
	}
	return ret
}

// group is gid_cb.
func (p *groupParser35) group(elem string) int {
	if elem == "" {
		p.failed = "empty group name"
		return 0
	}
	var ignore, keyShare, remove bool
	for len(elem) > 0 {
		c := elem[0]
		switch {
		case c == '/' || c == ':':
			p.syntax = "separator where a group name belongs"
			return -1
		case c == '*':
			if keyShare {
				p.syntax = "'*' twice"
				return -1
			}
			keyShare, elem = true, elem[1:]
			continue
		case c == '-':
			if remove {
				p.syntax = "'-' twice"
				return -1
			}
			remove, elem = true, elem[1:]
			continue
		case c == '?':
			if ignore {
				p.syntax = "'?' twice"
				return -1
			}
			ignore, elem = true, elem[1:]
			continue
		case c == 'D' || c == 'd':
			if list, ok := defaultGroups35[strings.ToLower(elem)]; ok {
				if ignore || remove {
					p.syntax = "'?' or '-' before " + elem
					return -1
				}
				if p.depth > 4 {
					p.failed = "DEFAULT nested too deep"
					return 0
				}
				if keyShare && list[0] != '*' {
					list = "*" + list
				}
				saveIgnore := p.ignoreDefault
				p.ignoreDefault, p.tupleMode = true, false
				p.depth++
				ret := confParseList(list, '/', p.tuple)
				p.depth--
				p.tupleMode, p.ignoreDefault = true, saveIgnore
				return ret
			}
		}
		break
	}
	if elem == "" {
		p.syntax = "prefix without a group name"
		return -1
	}
	if p.ignoreDefault {
		ignore = true
	}
	if len(elem) > 63 {
		p.syntax = "group name too long"
		return -1
	}
	id, ok := p.names[strings.ToLower(elem)]
	if !ok {
		// Unknown, or one of the GOST groups 3.5 recognises by name
		// (name2id_arr) but no default provider supports: the same to
		// gid_cb, which returns ignore_unknown for both.
		p.unknown = append(p.unknown, elem)
		if ignore {
			p.skipped = append(p.skipped, elem)
			return 1
		}
		p.failed = fmt.Sprintf("unknown group %q", elem)
		return 0
	}
	if remove {
		idx := -1
		for i, g := range p.gids {
			if g == id {
				idx = i
				break
			}
		}
		if idx >= 0 {
			p.gids = append(p.gids[:idx], p.gids[idx+1:]...)
			k, j := 0, 0
			closed := len(p.tuples) - 1
			for j = 0; j < closed; j++ {
				k += p.tuples[j]
				if k > idx {
					p.tuples[j]--
					break
				}
			}
			if k <= idx {
				p.tuples[closed]--
			}
			for i, g := range p.keyShares {
				if g == id {
					p.keyShares = append(p.keyShares[:i], p.keyShares[i+1:]...)
					break
				}
			}
		}
		return 1
	}
	for _, g := range p.gids {
		if g == id {
			return 1 // a duplicate anywhere in the list is ignored
		}
	}
	p.gids = append(p.gids, id)
	p.tuples[len(p.tuples)-1]++
	if keyShare {
		p.keyShares = append(p.keyShares, id)
	}
	return 1
}
