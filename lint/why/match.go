package why

import (
	"net"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// index is the model seen from the log: findings by the object they are
// about, sockets by address, upstreams by target.
type index struct {
	m         *lint.Model
	findings  []lint.Finding
	byObject  map[any][]int // *lint.Listener / *lint.Upstream → finding indexes
	byLine    map[fileLine][]int
	listeners map[string][]*lint.Listener // by subject
}

type fileLine struct {
	file string
	line int
}

func newIndex(m *lint.Model, fs []lint.Finding) *index {
	x := &index{m: m, findings: fs, byObject: map[any][]int{}, byLine: map[fileLine][]int{},
		listeners: map[string][]*lint.Listener{}}
	ups := map[string][]*lint.Upstream{}
	for _, u := range m.Upstreams {
		ups[u.Subject] = append(ups[u.Subject], u)
	}
	for _, l := range m.Listeners {
		x.listeners[l.Subject] = append(x.listeners[l.Subject], l)
	}
	blocks := map[*lint.Listener][2]int{}
	for _, l := range m.Listeners {
		blocks[l] = blockRange(m, l)
	}
	for i, f := range fs {
		if f.Suppressed != nil {
			continue
		}
		if f.Pos.IsValid() {
			k := fileLine{f.Pos.File, int(f.Pos.Line)}
			x.byLine[k] = append(x.byLine[k], i)
		}
		if us := ups[f.Subject]; len(us) > 0 {
			for _, u := range pickUpstreams(us, f) {
				x.byObject[u] = append(x.byObject[u], i)
			}
			continue
		}
		ls := x.listeners[f.Subject]
		if len(ls) > 1 {
			// one subject, several listeners (two servers with one name on
			// different sockets, BIG-IP profiles of one virtual): the one
			// whose block holds the finding, else all of them.
			var in []*lint.Listener
			for _, l := range ls {
				r := blocks[l]
				if f.Pos.File == l.Pos.File && int(f.Pos.Offset) >= r[0] && int(f.Pos.Offset) < r[1] {
					in = append(in, l)
				}
			}
			if len(in) > 0 {
				ls = in
			}
		}
		for _, l := range ls {
			x.byObject[l] = append(x.byObject[l], i)
		}
	}
	return x
}

// pickUpstreams narrows upstreams sharing a subject (several proxy_pass in
// one location's if blocks) to those at the finding's line, else all.
func pickUpstreams(us []*lint.Upstream, f lint.Finding) []*lint.Upstream {
	if len(us) == 1 {
		return us
	}
	var at []*lint.Upstream
	for _, u := range us {
		if u.Pos.File == f.Pos.File && u.Pos.Line == f.Pos.Line {
			at = append(at, u)
		}
	}
	if len(at) > 0 {
		return at
	}
	return us
}

// blockRange is the byte range of an nginx server block from its header to
// the matching brace (quotes and comments skipped); for other products the
// object's own range.
func blockRange(m *lint.Model, l *lint.Listener) [2]int {
	r := [2]int{int(l.Pos.Offset), int(l.Pos.End)}
	src := m.Source(l.Pos.File)
	if src == nil || l.Product != lint.Nginx {
		return r
	}
	d := src.Data
	depth := 0
	for i := int(l.Pos.Offset); i < len(d); i++ {
		switch d[i] {
		case '#':
			for i < len(d) && d[i] != '\n' {
				i++
			}
		case '"', '\'':
			q := d[i]
			for i++; i < len(d) && d[i] != q; i++ {
				if d[i] == '\\' {
					i++
				}
			}
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return [2]int{int(l.Pos.Offset), i + 1}
			}
		}
	}
	return [2]int{int(l.Pos.Offset), len(d)}
}

// target is what an event was matched to.
type target struct {
	upstreams []*lint.Upstream
	listeners []*lint.Listener // the listener the line is about, or the backend at an upstream's address
	subject   string           // the object the diagnosis names
}

// splitHostPort splits "10.0.0.1:443" / "[::1]:443"; port 0 when absent.
func splitHostPort(s string) (string, int) {
	h, p, err := net.SplitHostPort(s)
	if err != nil {
		return strings.ToLower(strings.Trim(s, "[]")), 0
	}
	n, _ := strconv.Atoi(p)
	return strings.ToLower(h), n
}

func wildcard(addr string) bool {
	switch strings.Trim(addr, "[]") {
	case "", "*", "0.0.0.0", "::", "any", "any6":
		return true
	}
	return false
}

// socketsAt are the TCP sockets a connection to host:port reaches: the
// socket bound to that address, else a wildcard socket on the port (the
// kernel hands the connection to the specific one first). A wildcard in
// the log (nginx's "server: 0.0.0.0:443") matches wildcard sockets.
func (x *index) socketsAt(host string, port int) []*lint.Socket {
	var exact, wild []*lint.Socket
	for _, s := range x.m.Sockets {
		if s.Network != "tcp" || s.Port != port {
			continue
		}
		a := strings.ToLower(strings.Trim(s.Addr, "[]"))
		switch {
		case a == host && !wildcard(a):
			exact = append(exact, s)
		case wildcard(a):
			wild = append(wild, s)
		}
	}
	if len(exact) > 0 && !wildcard(host) {
		return exact
	}
	return wild
}

// listenersAt are the listeners bound to the sockets at host:port, the
// socket's default first.
func (x *index) listenersAt(host string, port int) []*lint.Listener {
	var out []*lint.Listener
	seen := map[*lint.Listener]bool{}
	add := func(l *lint.Listener) {
		if l != nil && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	for _, s := range x.socketsAt(host, port) {
		if s.Default != nil {
			add(s.Default.Listener)
		}
		for _, b := range s.Binds {
			add(b.Listener)
		}
	}
	return out
}

// upstreamsTo are the upstreams with a target at host:port (a target port
// 0 takes the port of the virtual it belongs to: BIG-IP members without a
// port).
func (x *index) upstreamsTo(host string, port int) []*lint.Upstream {
	var out []*lint.Upstream
	for _, u := range x.m.Upstreams {
		for _, t := range u.Targets {
			tp := t.Port
			if tp == 0 && u.From != nil && len(u.From.Binds) > 0 {
				tp = u.From.Binds[0].Port
			}
			if strings.EqualFold(strings.Trim(t.Host, "[]"), host) && tp == port {
				out = append(out, u)
				break
			}
		}
	}
	return out
}

// serves reports whether a listener serves the name.
func serves(l *lint.Listener, name string) bool {
	for _, n := range l.Names {
		if strings.EqualFold(n.Value, name) {
			return true
		}
	}
	return false
}

// locationOf is the location path of an nginx upstream's subject
// ("server a:443 > location /legacy/" → "/legacy/").
func locationOf(subject string) (string, bool) {
	i := strings.LastIndex(subject, "> location ")
	if i < 0 {
		return "", false
	}
	loc := strings.TrimSpace(subject[i+len("> location "):])
	loc = strings.TrimPrefix(loc, "^~ ")
	loc = strings.TrimPrefix(loc, "= ")
	return loc, true
}

// byLocation keeps the upstreams whose location is the longest prefix of
// the request path (nginx's prefix match; regex locations are not tried).
func byLocation(us []*lint.Upstream, path string) []*lint.Upstream {
	if path == "" || len(us) < 2 {
		return us
	}
	best, bestLen := []*lint.Upstream(nil), -1
	for _, u := range us {
		loc, ok := locationOf(u.Subject)
		if !ok || !strings.HasPrefix(path, loc) {
			continue
		}
		switch {
		case len(loc) > bestLen:
			best, bestLen = []*lint.Upstream{u}, len(loc)
		case len(loc) == bestLen:
			best = append(best, u)
		}
	}
	if best == nil {
		return us
	}
	return best
}

// match finds the model objects an event is about.
func (x *index) match(ev *Event) target {
	host, port := splitHostPort(ev.Peer)
	switch {
	case ev.Product == "bigip":
		return x.matchBigIP(ev, host, port)
	case ev.Side == SideUpstream:
		return x.matchUpstream(ev, host, port)
	case ev.Side == SideClient:
		return x.matchListener(ev, host, port)
	}
	return target{}
}

func (x *index) fromServer(us []*lint.Upstream, server string) []*lint.Upstream {
	if server == "" {
		return us
	}
	var out []*lint.Upstream
	for _, u := range us {
		if u.From != nil && serves(u.From, server) {
			out = append(out, u)
		}
	}
	if len(out) == 0 {
		return us
	}
	return out
}

// matchUpstream: the upstream by address:port (through groups: their
// members are the targets), narrowed by the server name and the request's
// location; when the log has an address the config names by host name,
// by server + request URI → location. The backend at that address, when
// the model holds it, is matched too (its certificate, its plain port).
func (x *index) matchUpstream(ev *Event, host string, port int) target {
	var t target
	us := x.upstreamsTo(host, port)
	if len(us) == 0 && ev.Server != "" {
		var cand []*lint.Upstream
		for _, u := range x.m.Upstreams {
			if u.Product == lint.Nginx && u.TLS && u.From != nil && serves(u.From, ev.Server) {
				cand = append(cand, u)
			}
		}
		if ev.Request != "" && len(cand) > 1 {
			cand = byLocation(cand, ev.Request)
		}
		if len(cand) == 1 {
			us = cand
		}
	} else {
		us = byLocation(x.fromServer(us, ev.Server), ev.Request)
	}
	t.upstreams = us
	if len(us) > 0 {
		t.subject = us[0].Subject
	}
	backends := x.listenersAt(host, port)
	// the backend listener the name selects (SNI), else the socket's default
	name := ev.Detail
	if name == "" || name == "verify" {
		for _, u := range us {
			if u.SNI.Value && u.SNIName.Value != "" {
				name = u.SNIName.Value
			}
		}
	}
	if name != "" && name != "verify" {
		for _, l := range backends {
			if serves(l, name) {
				backends = append([]*lint.Listener{l}, without(backends, l)...)
				break
			}
		}
	}
	t.listeners = backends
	if t.subject == "" && len(backends) > 0 {
		t.subject = backends[0].Subject
	}
	return t
}

func without(ls []*lint.Listener, l *lint.Listener) []*lint.Listener {
	var out []*lint.Listener
	for _, o := range ls {
		if o != l {
			out = append(out, o)
		}
	}
	return out
}

// matchListener: the listeners on the socket at the listening address
// nginx logs, or the servers of that name; and the upstreams in the model
// that connect to that socket (the client may be this config's own proxy).
func (x *index) matchListener(ev *Event, host string, port int) target {
	var t target
	if port != 0 {
		t.listeners = x.listenersAt(host, port)
	}
	if len(t.listeners) == 0 && ev.Server != "" {
		for _, l := range x.m.Listeners {
			if serves(l, ev.Server) && l.TLS() {
				t.listeners = append(t.listeners, l)
			}
		}
	}
	if port != 0 {
		t.upstreams = x.upstreamsTo(host, port)
		if wildcard(host) {
			for _, l := range t.listeners {
				for _, b := range l.Binds {
					if b.Port == port {
						t.upstreams = append(t.upstreams, x.upstreamsTo(b.Addr, port)...)
					}
				}
			}
		}
	}
	if len(t.listeners) > 0 {
		t.subject = t.listeners[0].Subject
	} else if len(t.upstreams) > 0 {
		t.subject = t.upstreams[0].Subject
	}
	return t
}

// matchBigIP: 01260013's destination is a virtual (the client side
// failed) or a pool member (the server side failed).
func (x *index) matchBigIP(ev *Event, host string, port int) target {
	var t target
	var exact, wild []*lint.Listener
	for _, l := range x.m.Listeners {
		for _, b := range l.Binds {
			if b.Port != port {
				continue
			}
			if strings.EqualFold(strings.Trim(b.Addr, "[]"), host) {
				exact = append(exact, l)
				break
			}
			if wildcard(b.Addr) {
				wild = append(wild, l)
				break
			}
		}
	}
	// a virtual at that very address, else a pool member there, else a
	// wildcard virtual on the port
	us := x.upstreamsTo(host, port)
	switch {
	case len(exact) > 0:
		t.listeners = exact
	case len(us) > 0:
		ev.Side = SideUpstream
		t.upstreams = us
		t.subject = us[0].Subject
		return t
	default:
		t.listeners = wild
	}
	ev.Side = SideClient
	if len(t.listeners) > 0 {
		t.subject = t.listeners[0].Subject
		t.upstreams = us
	}
	return t
}

// startup finds the findings at the file:line nginx names (the path as
// nginx saw it, matched to the loaded file with the longest common path
// suffix), or those of the listener whose block starts there.
func (x *index) startup(ev *Event) []int {
	if ev.File == "" {
		return nil
	}
	name := x.sourceFor(ev.File)
	if name == "" {
		return nil
	}
	if is := x.byLine[fileLine{name, ev.FileLine}]; len(is) > 0 {
		return is
	}
	var out []int
	// nginx names the block's first line ("server {") for errors found
	// when the block ends: the errors on the listener that starts there
	for _, l := range x.m.Listeners {
		if l.Pos.File == name && int(l.Pos.Line) == ev.FileLine {
			for _, i := range x.byObject[l] {
				if x.findings[i].Severity == lint.Error {
					out = append(out, i)
				}
			}
		}
	}
	return out
}

func (x *index) sourceFor(path string) string {
	want := strings.Split(filepath.ToSlash(path), "/")
	best, bestN, tie := "", 0, false
	for _, n := range x.m.SourceNames() {
		s := x.m.Sources[n]
		p := s.Path
		if p == "" {
			p = s.Name
		}
		if p == path {
			return n
		}
		have := strings.Split(filepath.ToSlash(p), "/")
		k := 0
		for k < len(want) && k < len(have) && want[len(want)-1-k] == have[len(have)-1-k] {
			k++
		}
		switch {
		case k > bestN:
			best, bestN, tie = n, k, false
		case k == bestN && k > 0:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}
