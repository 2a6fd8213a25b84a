// Package drift compares what two environments of one service offer
// (tlslint drift): it matches their listeners and upstream connections,
// renders each side's normalized view from the offer book (offer.Fact, the
// same answers the rules read) and reports TL401 where the views differ and
// TL402 where an object exists on one side only.
//
// Matching (DESIGN.md, RULES.md TL401):
//   - listeners by port and server names after hostname_map; a BIG-IP or
//     AS3 listener's names are its client-ssl server-name and its
//     certificates' SANs (and an nginx server without literal names is
//     named by its certificates too), so a tier that moved between products
//     still matches; when both sides are BIG-IP (or both AS3), by object
//     path (the virtual) and client-ssl profile first;
//   - upstreams of matched listeners by location (nginx) or default pool
//     (BIG-IP), then by target host:port after hostname_map, then the one
//     left on each side; upstreams of unmatched listeners are covered by
//     the listener's TL402.
package drift

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/offer"
)

// Env is one loaded environment.
type Env struct {
	Name  string
	Model *lint.Model
	Book  *offer.Book
	// HostnameMap rewrites this environment's host names to the
	// reference's (lower-case keys; a key starting with "." rewrites a
	// suffix).
	HostnameMap map[string]string
}

// Diff is the unified diff of one differing object's normalized views.
type Diff struct {
	Subject string
	Unified string
}

// Result is a comparison's outcome: findings on the reference's objects
// (TL402 for what the compared environment lacks) and on the compared
// one's (TL401, TL402), and the diffs in the order of the TL401 findings.
type Result struct {
	Ref, Cmp []lint.Finding
	Diffs    []Diff
}

// Unified renders a unified diff of two views labelled with the
// environment names ("--- prod", "+++ staging"). The CLI passes
// report.UnifiedDiff; drift does not import report.
type Unified func(oldName, newName string, a, b []byte) string

// Compare compares cmp with the reference ref.
func Compare(ref, cmp *Env, unified Unified) *Result {
	c := &comparison{ref: ref, cmp: cmp, unified: unified, rn: offer.NewNames(ref.HostnameMap), cn: offer.NewNames(cmp.HostnameMap), res: &Result{}}
	pairs, onlyRef, onlyCmp := c.matchListeners()
	for _, l := range onlyRef {
		c.missing(true, l.Subject, l.Pos, "listener")
	}
	for _, l := range onlyCmp {
		c.missing(false, l.Subject, l.Pos, "listener")
	}
	// upstreams outside any listener (a lone location fragment)
	var ra, ca []*lint.Upstream
	for _, u := range ref.Model.Upstreams {
		if u.From == nil {
			ra = append(ra, u)
		}
	}
	for _, u := range cmp.Model.Upstreams {
		if u.From == nil {
			ca = append(ca, u)
		}
	}
	// Rendering the views is the work: each listener pair (with its
	// upstreams) on every core, the findings then in the pairs' order.
	steps := make([][]step, len(pairs)+1)
	lint.Parallel(len(steps), 0, func(i int) {
		if i == len(pairs) {
			steps[i] = c.upstreams(ra, ca)
		} else {
			p := pairs[i]
			steps[i] = append([]step{{refSubject: p.a.Subject, subject: p.b.Subject, pos: p.b.TLSAt(), refPos: p.a.TLSAt(), peers: "clients",
				a: ref.Book.ListenerFacts(p.a, c.rn), b: cmp.Book.ListenerFacts(p.b, c.cn)}}, c.upstreams(p.a.Upstreams, p.b.Upstreams)...)
		}
		for k := range steps[i] {
			if st := &steps[i][k]; !st.missing && !sameLines(st.a, st.b) {
				st.ta, st.tb = offer.FactsText(st.a), offer.FactsText(st.b)
			}
		}
	})
	for _, ss := range steps {
		for _, st := range ss {
			if st.missing {
				c.missing(st.inRef, st.subject, st.pos, "upstream")
				continue
			}
			c.compare(st)
		}
	}
	return c.res
}

// sameLines reports whether two views render the same text, without
// rendering it (most objects do not drift).
func sameLines(a, b []offer.Fact) bool {
	i, j, x, y := 0, 0, 0, 0 // fact and line indices
	for {
		for i < len(a) && x >= len(a[i].Lines) {
			i, x = i+1, 0
		}
		for j < len(b) && y >= len(b[j].Lines) {
			j, y = j+1, 0
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i].Lines[x] != b[j].Lines[y] {
			return false
		}
		x, y = x+1, y+1
	}
}

// step is one finding-to-be of a pair: a comparison of two rendered views,
// or an upstream on one side only.
type step struct {
	missing, inRef      bool
	refSubject, subject string
	pos, refPos         lint.Pos
	peers               string // "clients" of a listener, "backends" of an upstream
	a, b                []offer.Fact
	ta, tb              string // their text
}

type comparison struct {
	ref, cmp *Env
	rn, cn   *offer.Names
	unified  Unified
	res      *Result
}

type pair[T any] struct{ a, b T }

// missing reports a TL402 on the side that has the object.
func (c *comparison) missing(inRef bool, subject string, pos lint.Pos, what string) {
	have, lack := c.ref.Name, c.cmp.Name
	if !inRef {
		have, lack = lack, have
	}
	f := lint.Finding{Rule: MissingRule, Pos: pos, Subject: subject,
		Msg: lint.Msgf("%s exists in %s but not in %s: what it offers is not tested there (if %s names it differently, map the names with hostname_map)", subject, have, lack, lack)}
	if what == "upstream" {
		f.Msg = lint.Msgf("the upstream connection %s exists in %s but not in %s: what it offers is not tested there", subject, have, lack)
	}
	f.Fill()
	if inRef {
		c.res.Ref = append(c.res.Ref, f)
	} else {
		c.res.Cmp = append(c.res.Cmp, f)
	}
}

// compare reports a TL401 when two views differ.
func (c *comparison) compare(st step) {
	refSubject, subject, objPos, a, b, refObjPos := st.refSubject, st.subject, st.pos, st.a, st.b, st.refPos
	ta, tb := st.ta, st.tb
	if ta == tb {
		return
	}
	ka, kb := byKey(a), byKey(b)
	var keys []string
	seen := map[string]bool{}
	for _, fs := range [][]offer.Fact{b, a} {
		for _, f := range fs {
			if seen[f.Key] {
				continue
			}
			seen[f.Key] = true
			if offer.FactsText(ka[f.Key]) != offer.FactsText(kb[f.Key]) {
				keys = append(keys, f.Key)
			}
		}
	}
	keys = dropImplied(keys, ka, kb)
	pos := objPos
	var related []lint.Related
	var why []lint.Msg
	for i, k := range keys {
		p := firstPos(kb[k])
		if i == 0 && p.IsValid() {
			pos = p
		} else if i > 0 && p.IsValid() {
			related = append(related, lint.Related{Pos: p, Msg: lint.Msgf("%s: %s set here", c.cmp.Name, k)})
		}
		rp := firstPos(ka[k])
		ref := c.ref.Name
		if refSubject != subject {
			ref += " (" + refSubject + ")"
		}
		msg := lint.Msgf("%s: %s set here", ref, k)
		switch {
		case len(ka[k]) == 0:
			rp, msg = refObjPos, lint.Msgf("%s: no %s here", ref, k)
		case !rp.IsValid():
			rp, msg = refObjPos, lint.Msgf("%s: %s by default here", ref, k)
		}
		related = append(related, lint.Related{Pos: rp, Msg: msg})
		why = append(why, c.explain(k, ka[k], kb[k], peersMsg(st.peers)))
	}
	unified := c.unified(c.ref.Name, c.cmp.Name, []byte(ta), []byte(tb))
	f := lint.Finding{Rule: DriftRule, Pos: pos, Subject: subject, Related: related,
		Msg:    lint.Msgf("%s offers other TLS than %s (%s): %s", c.cmp.Name, c.ref.Name, strings.Join(keys, ", "), why),
		Detail: unified}
	f.Fill()
	c.res.Cmp = append(c.res.Cmp, f)
	c.res.Diffs = append(c.res.Diffs, Diff{Subject: subject, Unified: unified})
}

// peersMsg names the peers of a step's object in a message.
func peersMsg(peers string) lint.Msg {
	if peers == "clients" {
		return lint.Msgf("clients")
	}
	return lint.Msgf("backends")
}

// dropImplied leaves out the suites of a version only one side
// negotiates when the protocols differ: the protocols say it, the diff
// shows the suites.
func dropImplied(keys []string, a, b map[string][]offer.Fact) []string {
	protocols := false
	for _, k := range keys {
		protocols = protocols || k == "protocols"
	}
	if !protocols {
		return keys
	}
	var out []string
	for _, k := range keys {
		if strings.HasSuffix(k, " suites") && (len(a[k]) == 0 || len(b[k]) == 0) {
			continue
		}
		out = append(out, k)
	}
	return out
}

func byKey(fs []offer.Fact) map[string][]offer.Fact {
	m := map[string][]offer.Fact{}
	for _, f := range fs {
		m[f.Key] = append(m[f.Key], f)
	}
	return m
}

func firstPos(fs []offer.Fact) lint.Pos {
	for _, f := range fs {
		if f.Pos.IsValid() {
			return f.Pos
		}
	}
	return lint.Pos{}
}
