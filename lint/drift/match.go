package drift

import (
	"sort"
	"strconv"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/offer"
)

// matchListeners pairs the reference's listeners with the compared
// environment's (see the package comment), returning the pairs in the
// reference's order and what is left on each side (TLS listeners only:
// a plain listener missing elsewhere is no TLS drift).
func (c *comparison) matchListeners() ([]pair[*lint.Listener], []*lint.Listener, []*lint.Listener) {
	A, B := c.ref.Model.Listeners, c.cmp.Model.Listeners
	usedA, usedB := make([]bool, len(A)), make([]bool, len(B))
	var pairs []pair[*lint.Listener]
	take := func(i, j int) {
		usedA[i], usedB[j] = true, true
		pairs = append(pairs, pair[*lint.Listener]{A[i], B[j]})
	}
	// 1. both BIG-IP (or both AS3): the virtual's path, then its profile
	if sameF5(A) && sameF5(B) && len(A) > 0 && len(B) > 0 && A[0].Product == B[0].Product {
		bySubject := map[string][]int{}
		for j, l := range B {
			bySubject[l.Subject] = append(bySubject[l.Subject], j)
		}
		for i, l := range A {
			js := bySubject[l.Subject]
			for _, j := range js {
				if !usedB[j] && (len(js) == 1 || B[j].Profile == l.Profile) {
					take(i, j)
					break
				}
			}
		}
	}
	// 2. port and names: most shared names first
	type cand struct{ i, j, score int }
	var cands []cand
	index := map[string][]int{}
	for j, l := range B {
		if usedB[j] {
			continue
		}
		for _, k := range c.keys(l, c.cn, c.cmp) {
			index[k] = append(index[k], j)
		}
	}
	for i, l := range A {
		if usedA[i] {
			continue
		}
		score := map[int]int{}
		for _, k := range c.keys(l, c.rn, c.ref) {
			for _, j := range index[k] {
				score[j]++
			}
		}
		for j, s := range score {
			cands = append(cands, cand{i, j, s})
		}
	}
	sort.Slice(cands, func(x, y int) bool {
		a, b := cands[x], cands[y]
		if a.score != b.score {
			return a.score > b.score
		}
		if a.i != b.i {
			return a.i < b.i
		}
		return a.j < b.j
	})
	for _, cd := range cands {
		if !usedA[cd.i] && !usedB[cd.j] {
			take(cd.i, cd.j)
		}
	}
	// 3. what is left with the same ports and no names on either side
	left := map[string][2][]int{}
	for i, l := range A {
		if !usedA[i] && len(c.names(l, c.rn, c.ref)) == 0 {
			k := portKey(l)
			e := left[k]
			e[0] = append(e[0], i)
			left[k] = e
		}
	}
	for j, l := range B {
		if !usedB[j] && len(c.names(l, c.cn, c.cmp)) == 0 {
			k := portKey(l)
			e := left[k]
			e[1] = append(e[1], j)
			left[k] = e
		}
	}
	for _, e := range left {
		if len(e[0]) == 1 && len(e[1]) == 1 {
			take(e[0][0], e[1][0])
		}
	}
	sort.SliceStable(pairs, func(x, y int) bool { return index0(A, pairs[x].a) < index0(A, pairs[y].a) })
	var onlyA, onlyB []*lint.Listener
	for i, l := range A {
		if !usedA[i] && l.TLS() {
			onlyA = append(onlyA, l)
		}
	}
	for j, l := range B {
		if !usedB[j] && l.TLS() {
			onlyB = append(onlyB, l)
		}
	}
	return pairs, onlyA, onlyB
}

func index0(ls []*lint.Listener, l *lint.Listener) int {
	for i, x := range ls {
		if x == l {
			return i
		}
	}
	return len(ls)
}

func sameF5(ls []*lint.Listener) bool {
	for _, l := range ls {
		if l.Product == lint.Nginx || l.Product != ls[0].Product {
			return false
		}
	}
	return true
}

// names are the host names a listener answers for, after the mapping: its
// literal server names, plus its certificates' SANs for BIG-IP and AS3
// (whose virtuals rarely name themselves) and for nginx servers without a
// literal name.
func (c *comparison) names(l *lint.Listener, nm *offer.Names, _ *Env) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = nm.Apply(s)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, n := range l.Names {
		if n.Literal() {
			add(n.Value)
		}
	}
	if l.Product != lint.Nginx || len(out) == 0 {
		for _, cp := range l.Certs {
			if cp.Info != nil {
				for _, s := range cp.Info.SANs {
					add(s)
				}
			}
		}
	}
	return out
}

// keys index a listener by port and name.
func (c *comparison) keys(l *lint.Listener, nm *offer.Names, e *Env) []string {
	var out []string
	names := c.names(l, nm, e)
	for _, p := range ports(l) {
		for _, n := range names {
			out = append(out, strconv.Itoa(p)+" "+n)
		}
	}
	return out
}

func ports(l *lint.Listener) []int {
	seen := map[int]bool{}
	var out []int
	for _, b := range l.Binds {
		if !seen[b.Port] {
			seen[b.Port] = true
			out = append(out, b.Port)
		}
	}
	sort.Ints(out)
	return out
}

func portKey(l *lint.Listener) string {
	var ps []string
	for _, p := range ports(l) {
		ps = append(ps, strconv.Itoa(p))
	}
	kind := "other"
	if l.Kind.Web() {
		kind = "web"
	}
	return kind + " " + strings.Join(ps, ",")
}

// upstreams matches the upstream connections of one listener pair and
// renders their views: the steps to report, in order.
func (c *comparison) upstreams(A, B []*lint.Upstream) []step {
	usedA, usedB := make([]bool, len(A)), make([]bool, len(B))
	var pairs []pair[*lint.Upstream]
	take := func(i, j int) {
		usedA[i], usedB[j] = true, true
		pairs = append(pairs, pair[*lint.Upstream]{A[i], B[j]})
	}
	// 1. the same place: location (nginx) or the default pool (BIG-IP)
	localB := map[string][]int{}
	for j, u := range B {
		localB[local(u)] = append(localB[local(u)], j)
	}
	for i, u := range A {
		for _, j := range localB[local(u)] {
			if !usedB[j] {
				take(i, j)
				break
			}
		}
	}
	// 2. the same targets after the mapping
	targets := func(u *lint.Upstream, nm *offer.Names) string {
		var ts []string
		for _, t := range u.Targets {
			h := nm.Apply(t.Host)
			ts = append(ts, lint.HostPort(h, t.Port))
		}
		sort.Strings(ts)
		return strings.Join(ts, " ")
	}
	for i, u := range A {
		if usedA[i] || len(u.Targets) == 0 {
			continue
		}
		ta := targets(u, c.rn)
		for j, v := range B {
			if !usedB[j] && targets(v, c.cn) == ta {
				take(i, j)
				break
			}
		}
	}
	// 3. one left on each side
	var la, lb []int
	for i := range A {
		if !usedA[i] {
			la = append(la, i)
		}
	}
	for j := range B {
		if !usedB[j] {
			lb = append(lb, j)
		}
	}
	if len(la) == 1 && len(lb) == 1 {
		take(la[0], lb[0])
	}
	var out []step
	for _, p := range pairs {
		out = append(out, step{refSubject: p.a.Subject, subject: p.b.Subject, pos: p.b.At(), refPos: p.a.At(), peers: "backends",
			a: c.ref.Book.UpstreamFacts(p.a, c.rn), b: c.cmp.Book.UpstreamFacts(p.b, c.cn)})
	}
	for i, u := range A {
		if !usedA[i] && u.TLS {
			out = append(out, step{missing: true, inRef: true, subject: u.Subject, pos: u.Pos})
		}
	}
	for j, u := range B {
		if !usedB[j] && u.TLS {
			out = append(out, step{missing: true, subject: u.Subject, pos: u.Pos})
		}
	}
	return out
}

// local names an upstream's place inside its listener: the location path
// and directive (nginx: "proxy_pass > location /api/"), or the virtual's
// default pool (BIG-IP, AS3: one per virtual).
func local(u *lint.Upstream) string {
	if u.Product != lint.Nginx {
		return "pool"
	}
	rest := u.Subject
	if u.From != nil {
		rest = strings.TrimPrefix(rest, u.From.Subject)
	}
	return u.Kind + rest
}
