package drift

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/offer"
)

// explain says what differs in one aspect and what it breaks, naming the
// environments ("staging accepts TLSv1.2, production only TLSv1.3: clients
// that pass staging fail in production").
func (c *comparison) explain(key string, a, b []offer.Fact, peers lint.Msg) lint.Msg {
	R, C := c.ref.Name, c.cmp.Name
	va, vb := values(a), values(b)
	onlyA, onlyB := minus(va, vb), minus(vb, va)
	switch {
	case key == "tls":
		return lint.Msgf("%s speaks %s here, %s %s: every client of one fails in the other", R, tlsWord(va), C, tlsWord(vb))
	case key == "protocols":
		sa, sb := strings.Join(va, " "), strings.Join(vb, " ")
		switch {
		case len(onlyA) > 0 && len(onlyB) == 0:
			return lint.Msgf("%s accepts %s, %s only %s: %s that pass %s fail in %s", R, sa, C, sb, peers, R, C)
		case len(onlyB) > 0 && len(onlyA) == 0:
			return lint.Msgf("%s accepts %s, %s only %s: %s that pass %s fail in %s", C, sb, R, sa, peers, C, R)
		}
		return lint.Msgf("%s accepts %s, %s %s: %s limited to %s fail in %s, those limited to %s in %s",
			R, sa, C, sb, peers, strings.Join(onlyA, " "), C, strings.Join(onlyB, " "), R)
	case strings.HasSuffix(key, " suites"), key == "groups":
		groups := key == "groups"
		v := strings.TrimSuffix(key, " suites")
		negotiates := func(x, y string) lint.Msg {
			if groups {
				return lint.Msgf("%s negotiates key exchange and %s does not", x, y)
			}
			return lint.Msgf("%s negotiates %s and %s does not", x, v, y)
		}
		switch {
		case len(a) == 0:
			return negotiates(C, R)
		case len(b) == 0:
			return negotiates(R, C)
		case len(onlyA) == 0 && len(onlyB) == 0:
			if groups {
				return lint.Msgf("the same key exchange groups in another order: the same client may negotiate a different one")
			}
			return lint.Msgf("the same %s suites in another order: the same client may negotiate a different one", v)
		}
		var parts []lint.Msg
		if len(onlyA) > 0 {
			parts = append(parts, lint.Msgf("%s lacks %s: %s that only have them pass %s and fail in %s", C, list(onlyA), peers, R, C))
		}
		if len(onlyB) > 0 {
			parts = append(parts, lint.Msgf("%s adds %s that %s does not offer", C, list(onlyB), R))
		}
		what := parts[0]
		if len(parts) == 2 {
			what = lint.Msgf("%s, and %s", parts[0], parts[1])
		}
		if groups {
			return lint.Msgf("key exchange groups: %s", what)
		}
		return lint.Msgf("%s suites: %s", v, what)
	case strings.HasSuffix(key, "certificate"):
		switch {
		case len(a) == 0:
			return lint.Msgf("%s serves %s that %s does not", C, articled(key), R)
		case len(b) == 0:
			return lint.Msgf("%s serves %s that %s does not: clients that need it fail in %s", R, articled(key), C, C)
		}
		return c.explainCert(key, onlyA, onlyB)
	case key == "suite preference":
		return lint.Msgf("%s picks suites by %s, %s by %s: the same client may negotiate a different suite", R, strings.Join(va, " "), C, strings.Join(vb, " "))
	case key == "sni":
		return lint.Msgf("SNI: %s %s, %s %s", R, orNone(va), C, orNone(vb))
	case key == "verify":
		on := func(vs []string) bool { return len(vs) > 0 && vs[0] == "on" }
		switch {
		case on(va) && !on(vb):
			return lint.Msgf("%s verifies the backend's certificate, %s does not: a backend certificate %s refuses passes in %s", R, C, R, C)
		case on(vb) && !on(va):
			return lint.Msgf("%s verifies the backend's certificate, %s does not: a backend certificate %s accepts fails in %s", C, R, R, C)
		}
		return lint.Msgf("%s and %s trust other certification authorities for the backend: a certificate accepted in one is refused in the other", R, C)
	case key == "scheme":
		return lint.Msgf("%s connects with %s, %s with %s", R, orNone(va), C, orNone(vb))
	case key == "targets":
		return lint.Msgf("%s connects to %s, %s to %s", R, orNone(va), C, orNone(vb))
	case key == "proxy protocol":
		who := C
		if len(a) > 0 {
			who = R
		}
		return lint.Msgf("only %s uses the PROXY protocol here: peers that do not speak it fail there", who)
	case key == "dhe":
		return lint.Msgf("DHE parameters: %s %s, %s %s", R, orNone(va), C, orNone(vb))
	}
	return lint.Msgf("%s: %s %s, %s %s", key, R, orNone(va), C, orNone(vb))
}

// explainCert names what differs in a certificate.
func (c *comparison) explainCert(key string, onlyA, onlyB []string) lint.Msg {
	R, C := c.ref.Name, c.cmp.Name
	field := func(vals []string, name string) (string, bool) {
		for _, v := range vals {
			if rest, ok := strings.CutPrefix(v, name+": "); ok {
				return rest, true
			}
		}
		return "", false
	}
	var parts []lint.Msg
	if ia, ok := field(onlyA, "issuer"); ok {
		ib, _ := field(onlyB, "issuer")
		parts = append(parts, lint.Msgf("issued by %s in %s and by %s in %s: clients that trust only one issuer fail in the other", ia, R, ib, C))
	}
	if na, ok := field(onlyA, "names"); ok {
		nb, _ := field(onlyB, "names")
		miss := minus(strings.Fields(na), strings.Fields(nb))
		if len(miss) > 0 {
			parts = append(parts, lint.Msgf("%s's certificate lacks %s: clients of those names fail hostname verification in %s", C, list(miss), C))
		}
		if extra := minus(strings.Fields(nb), strings.Fields(na)); len(extra) > 0 {
			parts = append(parts, lint.Msgf("%s's certificate adds %s", C, list(extra)))
		}
	}
	if ch, ok := field(onlyB, "chain"); ok && strings.HasPrefix(ch, "incomplete") {
		parts = append(parts, lint.Msgf("%s serves an incomplete chain: clients that do not fetch intermediates fail in %s", C, C))
	} else if ch, ok := field(onlyA, "chain"); ok && strings.HasPrefix(ch, "incomplete") {
		parts = append(parts, lint.Msgf("%s serves an incomplete chain, %s a complete one", R, C))
	}
	if s, ok := field(onlyB, "signature"); ok {
		parts = append(parts, lint.Msgf("signed with %s in %s", s, C))
	}
	if _, ok := field(onlyB, "validity"); ok {
		parts = append(parts, lint.Msgf("%s's certificate is expired or not yet valid: every client fails in %s", C, C))
	} else if _, ok := field(onlyA, "validity"); ok {
		parts = append(parts, lint.Msgf("%s's certificate is expired or not yet valid", R))
	}
	for _, v := range onlyA {
		if ka, ok := strings.CutPrefix(v, "certificate "); ok {
			kb := ""
			for _, w := range onlyB {
				if k, ok := strings.CutPrefix(w, "certificate "); ok {
					kb = k
				}
			}
			ka, kb = strings.TrimSuffix(ka, ":"), strings.TrimSuffix(kb, ":")
			if kb == "" {
				parts = append(parts, lint.Msgf("the key is %s in %s", ka, R))
				continue
			}
			parts = append(parts, lint.Msgf("the key is %s in %s and %s in %s: clients that support only one of the key types fail where the other is served", ka, R, kb, C))
		}
	}
	if len(parts) == 0 {
		return lint.Msgf("%s differs", key)
	}
	return lint.Msgf("%s: %s", key, parts)
}

// values are a fact's values: the text after "key: " on its first line, or
// the lines after a header line ending in ':' (suites, certificate fields),
// trimmed.
func values(fs []offer.Fact) []string {
	var out []string
	for _, f := range fs {
		for i, l := range f.Lines {
			l = strings.TrimSpace(l)
			if i == 0 {
				if strings.HasSuffix(l, ":") {
					if strings.HasPrefix(l, "certificate") {
						out = append(out, l)
					}
					continue
				}
				if _, v, ok := strings.Cut(l, ": "); ok {
					if f.Key == "protocols" || f.Key == "groups" {
						out = append(out, strings.Fields(v)...)
					} else {
						out = append(out, v)
					}
					continue
				}
			}
			out = append(out, l)
		}
	}
	return out
}

func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, s := range b {
		in[s] = true
	}
	var out []string
	for _, s := range a {
		if !in[s] {
			out = append(out, s)
		}
	}
	return out
}

func list(ss []string) lint.Msg {
	if len(ss) > 4 {
		return lint.Msgf("%s and %d more", strings.Join(ss[:4], ", "), len(ss)-4)
	}
	return lint.Msgf("%s", strings.Join(ss, ", "))
}

// articled is a certificate key with its English article ("an RSA
// certificate"); other languages name it without one.
func articled(s string) lint.Msg {
	an := s != "" && strings.ContainsRune("AEIOUaeiou", rune(s[0])) || strings.HasPrefix(s, "RSA")
	switch t, typed := strings.CutSuffix(s, " certificate"); {
	case s == "certificate":
		return lint.Msgf("a certificate")
	case s == "client certificate":
		return lint.Msgf("a client certificate")
	case typed && an:
		return lint.Msgf("an %s certificate", t)
	case typed:
		return lint.Msgf("a %s certificate", t)
	case an:
		return lint.Msgf("an %s", s)
	}
	return lint.Msgf("a %s", s)
}

func orNone(vs []string) lint.Msg {
	if len(vs) == 0 {
		return lint.Msgf("none")
	}
	return lint.Msgf("%s", strings.Join(vs, " "))
}

func tlsWord(vs []string) lint.Msg {
	if len(vs) == 1 && vs[0] == "on" {
		return lint.Msgf("%s", "TLS")
	}
	return lint.Msgf("plain TCP")
}
