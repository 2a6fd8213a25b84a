package tls

import "strings"

// This file reimplements OpenSSL's cipher-list construction
// (ssl_create_cipher_list, ssl_cipher_process_rulestr, ssl_cipher_apply_rule
// and ssl_cipher_strength_sort in ssl/ssl_ciph.c) step by step, because the
// order OpenSSL ends up with depends on every detail: rules move suites
// within a doubly linked list, deleted suites keep their place for a later
// re-add, and "@STRENGTH" is a stable sort done by repeated moves.

// Rules of ssl_cipher_apply_rule.
type ruleOp uint8

const (
	opAdd ruleOp = iota + 1
	opKill
	opDel
	opOrd
	opSpecial
	opBump
)

const nilNode = -1

type listNode struct {
	c          *osslCipher
	active     bool
	prev, next int
}

// cipherList is OpenSSL's CIPHER_ORDER list: nodes in a slice, linked by index.
type cipherList struct {
	nodes      []listNode
	head, tail int
}

func newCipherList(cs []*osslCipher) *cipherList {
	l := &cipherList{nodes: make([]listNode, len(cs)), head: nilNode, tail: nilNode}
	for i, c := range cs {
		l.nodes[i] = listNode{c: c, prev: i - 1, next: i + 1}
	}
	if n := len(cs); n > 0 {
		l.nodes[n-1].next = nilNode
		l.head, l.tail = 0, n-1
	}
	return l
}

// appendTail is ll_append_tail.
func (l *cipherList) appendTail(cur int) {
	if cur == l.tail {
		return
	}
	n := &l.nodes[cur]
	if cur == l.head {
		l.head = n.next
	}
	if n.prev != nilNode {
		l.nodes[n.prev].next = n.next
	}
	if n.next != nilNode {
		l.nodes[n.next].prev = n.prev
	}
	l.nodes[l.tail].next = cur
	n.prev = l.tail
	n.next = nilNode
	l.tail = cur
}

// appendHead is ll_append_head.
func (l *cipherList) appendHead(cur int) {
	if cur == l.head {
		return
	}
	n := &l.nodes[cur]
	if cur == l.tail {
		l.tail = n.prev
	}
	if n.next != nilNode {
		l.nodes[n.next].prev = n.prev
	}
	if n.prev != nilNode {
		l.nodes[n.prev].next = n.next
	}
	l.nodes[l.head].prev = cur
	n.next = l.head
	n.prev = nilNode
	l.head = cur
}

// selector is the search pattern of one rule.
type selector struct {
	id                   uint32 // an explicit suite (1.1.0+ matches only it)
	mkey, auth, enc, mac uint32
	min                  Version
	ssl                  uint32
	strength             strength
	strengthBits         int // >= 0: select by strength_bits only (@STRENGTH)
}

func (m *genModel) matches(sel *selector, c *osslCipher) bool {
	if sel.strengthBits >= 0 {
		return sel.strengthBits == c.bits
	}
	if m.matchByID && sel.id != 0 && sel.id != c.id {
		return false
	}
	if sel.mkey != 0 && sel.mkey&c.mkey == 0 ||
		sel.auth != 0 && sel.auth&c.auth == 0 ||
		sel.enc != 0 && sel.enc&c.enc == 0 ||
		sel.mac != 0 && sel.mac&c.mac == 0 {
		return false
	}
	if sel.min != 0 && sel.min != c.min {
		return false
	}
	if sel.ssl != 0 && sel.ssl&c.ssl == 0 {
		return false
	}
	for _, mask := range [...]strength{sExpMask, sStrongMask, sDefaultMask} {
		if sel.strength&mask != 0 && sel.strength&mask&c.strength == 0 {
			return false
		}
	}
	return true
}

// apply is ssl_cipher_apply_rule.
func (m *genModel) apply(l *cipherList, sel selector, op ruleOp) {
	reverse := op == opDel || op == opBump
	next, last := l.head, l.tail
	if reverse {
		next, last = l.tail, l.head
	}
	cur := nilNode
	for cur != last {
		cur = next
		if cur == nilNode {
			break
		}
		n := &l.nodes[cur]
		if reverse {
			next = n.prev
		} else {
			next = n.next
		}
		if !m.matches(&sel, n.c) {
			continue
		}
		switch op {
		case opAdd:
			if !n.active {
				l.appendTail(cur)
				n.active = true
			}
		case opOrd:
			if n.active {
				l.appendTail(cur)
			}
		case opDel:
			if n.active {
				// The most recently deleted suites get the best
				// positions for a later re-add (the loop runs backwards).
				l.appendHead(cur)
				n.active = false
			}
		case opBump:
			if n.active {
				l.appendHead(cur)
			}
		case opKill:
			if l.head == cur {
				l.head = n.next
			} else {
				l.nodes[n.prev].next = n.next
			}
			if l.tail == cur {
				l.tail = n.prev
			}
			n.active = false
			if n.next != nilNode {
				l.nodes[n.next].prev = n.prev
			}
			if n.prev != nilNode {
				l.nodes[n.prev].next = n.next
			}
			n.next, n.prev = nilNode, nilNode
		}
	}
}

func sel(mkey, auth, enc, mac uint32) selector {
	return selector{mkey: mkey, auth: auth, enc: enc, mac: mac, strengthBits: -1}
}

// strengthSort is ssl_cipher_strength_sort: a stable sort of the active
// suites by descending strength_bits, done as "+" moves to the end.
func (m *genModel) strengthSort(l *cipherList) {
	maxBits := 0
	for i := l.head; i != nilNode; i = l.nodes[i].next {
		if n := &l.nodes[i]; n.active && n.c.bits > maxBits {
			maxBits = n.c.bits
		}
	}
	used := make([]int, maxBits+1)
	for i := l.head; i != nilNode; i = l.nodes[i].next {
		if n := &l.nodes[i]; n.active {
			used[n.c.bits]++
		}
	}
	for b := maxBits; b >= 0; b-- {
		if used[b] > 0 {
			m.apply(l, selector{strengthBits: b}, opOrd)
		}
	}
}

// initialOrder applies the preference rules ssl_create_cipher_list runs
// before the user's string, ending with every suite present but inactive.
func (m *genModel) initialOrder(l *cipherList) {
	if m.gen == g102 {
		m.apply(l, sel(kECDHE, 0, 0, 0), opAdd)
		m.apply(l, sel(kECDHE, 0, 0, 0), opDel)
		m.apply(l, sel(0, 0, eAES128|eAES256|eAESGCM, 0), opAdd)
		m.apply(l, sel(0, 0, 0, 0), opAdd)
		m.apply(l, sel(0, 0, 0, mMD5), opOrd)
		m.apply(l, sel(0, aNULL, 0, 0), opOrd)
		m.apply(l, sel(0, aECDH, 0, 0), opOrd)
		m.apply(l, sel(kRSA, 0, 0, 0), opOrd)
		m.apply(l, sel(kPSK, 0, 0, 0), opOrd)
		m.apply(l, sel(kKRB5, 0, 0, 0), opOrd)
		m.apply(l, sel(0, 0, eRC4, 0), opOrd)
		m.strengthSort(l)
		m.apply(l, sel(0, 0, 0, 0), opDel)
		return
	}
	// 1.1.0+: ECDHE first, ECDSA before RSA; AESGCM > CHACHA20 > AES;
	// MD5, anonymous, static RSA, PSK and RC4 last; then by strength;
	// then TLS 1.2 suites, AEAD, (EC)DHE, (EC)DHE+AEAD bumped to the top.
	m.apply(l, sel(kECDHE, aECDSA, 0, 0), opAdd)
	m.apply(l, sel(kECDHE, 0, 0, 0), opAdd)
	m.apply(l, sel(kECDHE, 0, 0, 0), opDel)
	m.apply(l, sel(0, 0, eAESGCM, 0), opAdd)
	m.apply(l, sel(0, 0, eCHACHA20POLY1305, 0), opAdd)
	m.apply(l, sel(0, 0, eAES^eAESGCM, 0), opAdd)
	m.apply(l, sel(0, 0, 0, 0), opAdd)
	m.apply(l, sel(0, 0, 0, mMD5), opOrd)
	m.apply(l, sel(0, aNULL, 0, 0), opOrd)
	m.apply(l, sel(kRSA, 0, 0, 0), opOrd)
	m.apply(l, sel(kPSK, 0, 0, 0), opOrd)
	m.apply(l, sel(0, 0, eRC4, 0), opOrd)
	m.strengthSort(l)
	tls12 := sel(0, 0, 0, 0)
	tls12.min = TLS12
	m.apply(l, tls12, opBump)
	m.apply(l, sel(0, 0, 0, mAEAD), opBump)
	m.apply(l, sel(kDHE|kECDHE, 0, 0, 0), opBump)
	m.apply(l, sel(kDHE|kECDHE, 0, 0, mAEAD), opBump)
	m.apply(l, sel(0, 0, 0, 0), opDel)
}

// caEntry is an entry of ca_list: a suite (in list order) or an alias.
type caEntry struct {
	name   string
	std    string // IANA name, 3.2+ matches it too
	cipher *osslCipher
	alias  *alias
}

// ruleError is what makes ssl_cipher_process_rulestr fail.
type ruleError struct {
	msg string
	at  int // byte offset in the cipher string of what OpenSSL could not deal with
}

func (e *ruleError) Error() string { return e.msg }

// processResult collects what processing a rule string learnt.
type processResult struct {
	secLevel   int // -1 unless "@SECLEVEL=n"
	secLevelAt int // offset of the '@' of the "@SECLEVEL=n" in force, -1 if none
	skipped    []SkippedName
}

// process is ssl_cipher_process_rulestr. It returns an error where OpenSSL
// returns 0 ("invalid command"). base is the offset of rule in the string
// the user wrote, and record says whether to record the names that select
// nothing (not for the built-in DEFAULT list).
func (m *genModel) process(rule string, base int, record bool, l *cipherList, ca []caEntry, res *processResult) error {
	at := func(i int) byte {
		if i < len(rule) {
			return rule[i]
		}
		return 0
	}
	p := 0
	var firstErr error
	for {
		ch := at(p)
		if ch == 0 {
			break
		}
		opAt := p
		var op ruleOp
		switch ch {
		case '-':
			op = opDel
			p++
		case '+':
			op = opOrd
			p++
		case '!':
			op = opKill
			p++
		case '@':
			op = opSpecial
			p++
		default:
			op = opAdd
		}
		if isItemSep(ch) {
			p++
			continue
		}
		s := selector{strengthBits: -1}
		found := false
		var word string
		for {
			start := p
			for m.isNameChar(at(p)) {
				p++
			}
			word = rule[start:p]
			if len(word) == 0 {
				// "We hit something we cannot deal with": an
				// operator without a name, or a character that is
				// neither a separator nor a name character.
				err := &ruleError{msg: "invalid command", at: base + p}
				if m.gen != g102 {
					return err
				}
				// 1.0.2 records the error and goes on; the list
				// is rejected at the end all the same.
				if firstErr == nil {
					firstErr = err
				}
				found = false
				p++
				break
			}
			if op == opSpecial {
				break
			}
			next := at(p)
			multi := next == '+'
			if multi {
				p++
			}
			s.id = 0 // cipher_id is reset for every part of a "+" chain
			e := lookupCA(ca, word, m.nameUnderscore)
			if record && (e == nil || e.alias != nil && m.aliasEmpty[e.alias.name]) {
				res.skipped = append(res.skipped, m.skippedName(rule, start, word, next, op, base))
			}
			if e == nil {
				found = false
				break
			}
			found = true
			if !combine(&s, e, m) {
				found = false
				break
			}
			if !multi {
				break
			}
		}
		switch {
		case op == opSpecial:
			ok := false
			switch {
			case word == "STRENGTH":
				m.strengthSort(l)
				ok = true
			case m.secLevel && len(word) == 10 && strings.HasPrefix(word, "SECLEVEL="):
				// 1.1.0+. 1.0.2u's ssl_cipher_process_rulestr knows only
				// "@STRENGTH" and raises SSL_R_INVALID_COMMAND for any
				// other command; its names cannot even contain '='.
				if lv := int(word[9]) - '0'; lv >= 0 && lv <= 5 {
					res.secLevel, res.secLevelAt = lv, base+opAt
					ok = true
				}
			}
			if !ok && len(word) > 0 && firstErr == nil {
				firstErr = &ruleError{msg: "invalid command", at: base + opAt}
				if m.gen != g102 {
					return firstErr
				}
			}
			for at(p) != 0 && !isItemSep(at(p)) {
				p++
			}
		case found:
			m.apply(l, s, op)
		default:
			for at(p) != 0 && !isItemSep(at(p)) {
				p++
			}
		}
		if at(p) == 0 {
			break
		}
	}
	return firstErr
}

// skippedName classifies a name that selects nothing on the build: a real
// name (some build of some generation knows it) or a typo. Before 3.2 a
// name stops at '_', so "TLS_RSA_WITH_RC4_128_SHA" reaches OpenSSL as
// "TLS": the whole IANA name is what the user wrote and what is judged.
func (m *genModel) skippedName(rule string, start int, word string, next byte, op ruleOp, base int) SkippedName {
	if next == '_' {
		end := start + len(word)
		for end < len(rule) && (m.isNameChar(rule[end]) || rule[end] == '_') {
			end++
		}
		word = rule[start:end]
	}
	return SkippedName{Name: word, Offset: base + start, Real: IsRealCipherName(word), Excluded: op == opKill || op == opDel}
}

// lookupCA finds the first ca_list entry with the name (or, 3.2+, the IANA name).
func lookupCA(ca []caEntry, word string, std bool) *caEntry {
	for i := range ca {
		if ca[i].name == word || std && ca[i].std != "" && ca[i].std == word {
			return &ca[i]
		}
	}
	return nil
}

// combine intersects the selector with a "+"-joined part, as the inner loop
// of ssl_cipher_process_rulestr does. It reports false when the intersection
// is empty (the rule is then ignored).
func combine(s *selector, e *caEntry, m *genModel) bool {
	var mkey, auth, enc, mac, ssl uint32
	var str strength
	var min Version
	if c := e.cipher; c != nil {
		mkey, auth, enc, mac, str = c.mkey, c.auth, c.enc, c.mac, c.strength
	} else {
		a := e.alias
		mkey, auth, enc, mac, str, min, ssl = a.mkey, a.auth, a.enc, a.mac, a.strength, a.min, a.ssl
	}
	for _, f := range [...]struct {
		sel *uint32
		v   uint32
	}{{&s.mkey, mkey}, {&s.auth, auth}, {&s.enc, enc}, {&s.mac, mac}} {
		if f.v == 0 {
			continue
		}
		if *f.sel != 0 {
			*f.sel &= f.v
			if *f.sel == 0 {
				return false
			}
		} else {
			*f.sel = f.v
		}
	}
	for _, mask := range [...]strength{sExpMask, sStrongMask} {
		if str&mask == 0 {
			continue
		}
		switch {
		case s.strength&mask != 0:
			s.strength &= str&mask | ^mask
			if s.strength&mask == 0 {
				return false
			}
		case m.gen == g102:
			s.strength |= str & mask
		default:
			// 1.1.0+ assigns here ("algo_strength = ... &
			// SSL_STRONG_MASK"), dropping a COMPLEMENTOFDEFAULT
			// seen earlier in the same "+" chain.
			s.strength = str & mask
		}
	}
	if str&sDefaultMask != 0 {
		if s.strength&sDefaultMask != 0 && m.gen != g102 {
			s.strength &= str&sDefaultMask | ^sDefaultMask
			if s.strength&sDefaultMask == 0 {
				return false
			}
		} else {
			s.strength |= str & sDefaultMask
		}
	}
	if e.cipher != nil {
		// An explicit suite: its protocol version is not part of the pattern.
		s.id = e.cipher.id
		return true
	}
	if min != 0 {
		if s.min != 0 && s.min != min {
			return false
		}
		s.min = min
	}
	if ssl != 0 {
		if s.ssl != 0 {
			s.ssl &= ssl
			if s.ssl == 0 {
				return false
			}
		} else {
			s.ssl = ssl
		}
	}
	return true
}

// suiteBRule is check_suiteb_cipher_list: a string starting with
// SUITEB128ONLY, SUITEB128C2, SUITEB128 or SUITEB192 is replaced as a whole
// by the Suite B suites (RFC 6460) and puts the connection in Suite B mode.
func suiteBRule(rule string) (replaced string, mode string) {
	switch {
	case strings.HasPrefix(rule, "SUITEB128ONLY"):
		return "ECDHE-ECDSA-AES128-GCM-SHA256", "SUITEB128ONLY"
	case strings.HasPrefix(rule, "SUITEB128C2"):
		return "ECDHE-ECDSA-AES256-GCM-SHA384", "SUITEB128C2"
	case strings.HasPrefix(rule, "SUITEB128"):
		return "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384", "SUITEB128"
	case strings.HasPrefix(rule, "SUITEB192"):
		return "ECDHE-ECDSA-AES256-GCM-SHA384", "SUITEB192"
	}
	return rule, ""
}

// build runs ssl_create_cipher_list for the rule string over the given
// suites (already in collection order).
func (m *genModel) build(rule string, ciphers []*osslCipher) (list []*osslCipher, res processResult, suiteB string, err error) {
	res.secLevel, res.secLevelAt = -1, -1
	rule, suiteB = suiteBRule(cString(rule))
	l := newCipherList(ciphers)
	m.initialOrder(l)
	ca := make([]caEntry, 0, len(ciphers)+len(m.aliases))
	for i := l.head; i != nilNode; i = l.nodes[i].next {
		c := l.nodes[i].c
		ca = append(ca, caEntry{name: c.name, std: c.suite.IANA, cipher: c})
	}
	for i := range m.aliases {
		ca = append(ca, caEntry{name: m.aliases[i].name, alias: &m.aliases[i]})
	}
	rest, base := rule, 0
	if strings.HasPrefix(rule, "DEFAULT") {
		if err := m.process(m.defaultList, 0, false, l, ca, &res); err != nil {
			return nil, res, suiteB, err
		}
		rest = rule[len("DEFAULT"):]
		base = len("DEFAULT")
		if strings.HasPrefix(rest, ":") {
			rest, base = rest[1:], base+1
		}
	}
	if rest != "" {
		if err := m.process(rest, base, suiteB == "", l, ca, &res); err != nil {
			return nil, res, suiteB, err
		}
	}
	for i := l.head; i != nilNode; i = l.nodes[i].next {
		if l.nodes[i].active {
			list = append(list, l.nodes[i].c)
		}
	}
	return list, res, suiteB, nil
}
