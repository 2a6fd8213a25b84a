package nginx

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// scope is one configuration level (http, server, location, if, ...) with
// the directives written directly in it.
type scope struct {
	parent *scope
	kind   ctx
	label  string // "location /api/", "if ($x)"
	dirs   map[string][]node
	vars   map[string]varVal
	// cond marks variables also set inside an if{} below this scope: their
	// value at a later statement is not statically certain.
	cond map[string]bool
	// unresolved: an include here that may hold TLS or proxy settings
	// could not be read, so directives that seem absent may be set there.
	unresolved bool
	// unreadInclude: any include here could not be read (add_header may
	// be in it).
	unreadInclude bool
	pos           lint.Pos // the block's opening text
	hdr           *lint.HeaderLevel
	memo          ownerMemo // as the owner of policies (loader.policy)
}

// incomplete reports whether this scope or an enclosing one has an
// include tlslint could not read.
func (sc *scope) incomplete() bool {
	for s := sc; s != nil; s = s.parent {
		if s.unresolved {
			return true
		}
	}
	return false
}

type varVal struct {
	value   string
	certain bool
}

func (l *loader) newScope(parent *scope, kind ctx, label string) *scope {
	return &scope{parent: parent, kind: kind, label: label, dirs: map[string][]node{}, vars: map[string]varVal{}, cond: map[string]bool{}}
}

// lookup returns the nearest written occurrences of a directive, walking up
// to the given top context (nginx inheritance: a lower level replaces).
func (sc *scope) lookup(name string) ([]node, *scope) {
	for s := sc; s != nil; s = s.parent {
		if ns := s.dirs[name]; len(ns) > 0 {
			return ns, s
		}
	}
	return nil, nil
}

// contextName names a scope kind for Origin.Context.
func (sc *scope) contextName() string {
	switch sc.kind {
	case cLocation:
		return "location"
	case cSIf, cLIf:
		return "if"
	}
	return sc.kind.String()
}

// collect records the directives written at this level, checks the ones we
// model, and notes `set` variables.
func (l *loader) collect(sc *scope, items []node) {
	seen := map[string]node{}
	for _, n := range items {
		if n.Unresolved {
			sc.unreadInclude = true
			if n.MayHoldTLS {
				sc.unresolved = true
			}
			continue
		}
		if n.HasBlock {
			if n.Name == "if" {
				markCond(sc, n.Block)
			}
			if n.Name == "map" && len(n.Args) >= 2 {
				sc.cond[strings.TrimPrefix(n.Args[1].Value, "$")] = true
			}
			continue
		}
		if swallowed(l, n) {
			continue
		}
		sp, modelled := lookupSpec(n.Name)
		if modelled && !l.check(sc, n, sp) {
			continue
		}
		if modelled && !sp.multi {
			if prev, dup := seen[n.Name]; dup && prev.Stmt != n.Stmt {
				l.parseError(n.Stmt, "%q directive is duplicate (first at %s): nginx refuses to start", n.Name, prev.File.pos(prev.Off, prev.End))
				continue
			}
			seen[n.Name] = n
		}
		sc.dirs[n.Name] = append(sc.dirs[n.Name], n)
		if modelled && isPolicyDirective(n.Name) {
			l.recordWritten(n, sc)
		}
		if n.Name == "set" && len(n.Args) == 2 {
			name := strings.TrimPrefix(n.Args[0].Value, "$")
			val := n.Args[1].Value
			sc.vars[name] = varVal{value: val, certain: !strings.Contains(val, "$")}
		}
	}
}

// isPolicyDirective: the directives Model.Written records.
func isPolicyDirective(name string) bool {
	switch strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(name, "proxy_"), "grpc_"), "uwsgi_") {
	case "ssl_protocols", "ssl_ciphers":
		return true
	}
	return false
}

// recordWritten records a policy directive once (an included file walked from
// several places is recorded at its first context).
func (l *loader) recordWritten(n node, sc *scope) {
	p := l.pos(n)
	if l.seenWritten[p] {
		return
	}
	l.seenWritten[p] = true
	l.model.Written = append(l.model.Written, l.directive(n, sc))
}

// markCond marks variables set anywhere inside an if{} body.
func markCond(sc *scope, body []*Stmt) {
	for _, st := range body {
		if st.Name == "set" && len(st.Args) == 2 {
			sc.cond[strings.TrimPrefix(st.Args[0].Value, "$")] = true
		}
		if st.HasBlock {
			markCond(sc, st.Block)
		}
	}
}

// swallowed detects a missing ';' that made the next line's directive an
// argument: `ssl_protocols TLSv1.2` NL `ssl_ciphers HIGH;`.
func swallowed(l *loader, n node) bool {
	src := n.File.src
	prevEnd := n.NameOff + int32(len(n.Name))
	prevLine, _ := src.LineCol(int(prevEnd))
	for i, a := range n.Args {
		line, _ := src.LineCol(int(a.Off))
		if line > prevLine && !a.Quoted && knownDirective(a.Value) {
			// only when its own arguments follow on that line
			if i+1 < len(n.Args) {
				nl, _ := src.LineCol(int(n.Args[i+1].Off))
				if nl != line {
					prevEnd, prevLine = a.End, line
					continue
				}
			}
			l.parseErrorAt(n.File, prevEnd, prevEnd, "expected \";\" at the end of line %d: the %q directive swallowed the next line's %q", prevLine, n.Name, a.Value)
			return true
		}
		prevEnd, prevLine = a.End, line
	}
	return false
}

// check applies nginx's own context, argument-count and value checks to a
// directive we model; false means nginx would refuse it (TL001 reported).
func (l *loader) check(sc *scope, n node, sp spec) bool {
	if sp.where&sc.kind == 0 && !(l.fragment && sc.parent == nil) {
		l.parseError(n.Stmt, "%q directive is not allowed here (in %s): nginx refuses to start", n.Name, sc.contextName())
		return false
	}
	if len(n.Args) < sp.min || (sp.max >= 0 && len(n.Args) > sp.max) {
		if strings.HasSuffix(n.Name, "ssl_ciphers") && len(n.Args) > 0 {
			// kept with its refusal (ciphersRefusal): RULES.md puts a cipher
			// string's argument count under TL207, and no rule may judge the
			// default in its place
			return true
		}
		l.parseError(n.Stmt, "invalid number of arguments in %q directive: expected %s", n.Name, argCount(sp))
		return false
	}
	if sp.flag {
		v := strings.ToLower(n.Args[0].Value)
		if v != "on" && v != "off" {
			a := n.Args[0]
			l.parseErrorAt(n.File, a.Off, a.End, "invalid value %q in %q directive, it must be \"on\" or \"off\"", a.Value, n.Name)
			return false
		}
	}
	if len(sp.values) > 0 {
		for _, a := range n.Args {
			ok := false
			for _, v := range sp.values {
				if strings.EqualFold(v, a.Value) {
					ok = true
				}
			}
			if !ok {
				l.parseErrorAt(n.File, a.Off, a.End, "invalid value %q in %q directive: expected one of %s", a.Value, n.Name, strings.Join(sp.values, ", "))
				return false
			}
		}
	}
	return true
}

func argCount(sp spec) string {
	switch {
	case sp.flag:
		return "on or off"
	case sp.max < 0:
		return fmt.Sprintf("at least %d", sp.min)
	case sp.min == sp.max:
		return fmt.Sprintf("%d", sp.min)
	}
	return fmt.Sprintf("%d to %d", sp.min, sp.max)
}

// walkMain handles the main context of nginx.conf.
func (l *loader) walkMain(sc *scope, items []node) {
	l.collect(sc, items)
	for _, n := range items {
		if !n.HasBlock {
			continue
		}
		body := l.flatten(n.Block, n.chain)
		switch n.Name {
		case "http":
			hsc := l.newScope(nil, cHTTP, "http")
			hsc.pos = n.File.pos(n.Off, n.Open+1)
			l.walkHTTP(hsc, body)
		case "stream":
			l.walkStream(l.newScope(nil, cStream, "stream"), body)
		case "mail":
			l.walkMail(l.newScope(nil, cMail, "mail"), body)
		}
	}
}

// walkHTTP handles an http block (or a fragment made of server blocks).
func (l *loader) walkHTTP(sc *scope, items []node) {
	sc.kind = cHTTP
	l.collect(sc, items)
	l.collectGroups(cHTTP, items)
	for i, n := range items {
		if n.Name == "server" && n.HasBlock {
			l.httpServer(sc, n)
		}
		// the model holds what it needs of the server: let its statements
		// go (with the file's, once spliced: flatten), so that the syntax
		// trees of a large tree are not all live until the walk ends
		items[i] = node{}
	}
}

// walkServerFragment handles a file that is a server body.
func (l *loader) walkServerFragment(sc *scope, items []node) {
	top := l.newScope(nil, cHTTP, "http")
	l.serverBody(top, nil, items)
}

// walkLocationFragment handles bare location-level directives.
func (l *loader) walkLocationFragment(sc *scope, items []node) {
	top := l.newScope(nil, cHTTP, "http")
	srv := l.newScope(top, cServer, "server")
	loc := l.newScope(srv, cLocation, "")
	l.locationBody(loc, nil, items, "")
}

// collectGroups records upstream{} groups of an http or stream block.
func (l *loader) collectGroups(kind ctx, items []node) {
	for _, n := range items {
		if n.Name != "upstream" || !n.HasBlock || len(n.Args) != 1 {
			continue
		}
		g := &group{name: n.Args[0].Value, pos: n.File.pos(n.Off, n.Open)}
		for _, m := range l.flatten(n.Block, n.chain) {
			if m.Name != "server" || len(m.Args) == 0 {
				continue
			}
			a := m.Args[0]
			ep, err := parseHostPort(a.Value, defaultGroupPort(kind), kind == cStream)
			if err != nil {
				l.parseErrorAt(m.File, a.Off, a.End, "%s in upstream %q", err, g.name)
				continue
			}
			setEndpointPos(&ep, m.File, a)
			g.members = append(g.members, ep)
		}
		l.groups[kind][g.name] = g
	}
}

func defaultGroupPort(kind ctx) int {
	if kind == cStream {
		return 0
	}
	return 80
}

// httpServer builds a listener from an http server{} block.
func (l *loader) httpServer(parent *scope, n node) {
	items := l.flatten(n.Block, n.chain)
	l.serverBody(parent, &n, items)
}

// serverBody builds the listener of a server (n is nil for a fragment that
// is only a server body) and walks its locations.
func (l *loader) serverBody(parent *scope, n *node, items []node) {
	sc := l.newScope(parent, cServer, "server")
	if n != nil {
		sc.pos = n.File.pos(n.Off, n.Open+1)
	} else if len(items) > 0 {
		sc.pos = l.pos(items[0])
	}
	l.collect(sc, items)
	var lis *lint.Listener
	if n != nil || len(sc.dirs["listen"]) > 0 {
		lis = l.listener(sc, n, items, "http")
	} else if first := firstTLSDirective(items); first != nil {
		// A snippet of ssl_* directives (ssl-params.conf) linted alone: it
		// is meant for TLS servers. Judge what it writes for an assumed
		// server that includes it; what it leaves out is unknown.
		lis = l.listener(sc, nil, items, "http")
		at := l.pos(*first)
		lis.Pos = at
		lis.Binds = []*lint.Bind{{Listener: lis, Pos: at, Addr: "*", Port: 443, SSL: true, Implicit: true}}
		lis.Incomplete = true
		lis.Subject = "servers that include " + filepath.Base(first.File.src.Name)
	}
	subject := "server"
	if lis != nil {
		subject = lis.Subject
		lis.HeaderLevels = append(lis.HeaderLevels, l.headerLevel(sc))
	}
	for _, c := range items {
		if !c.HasBlock {
			continue
		}
		switch c.Name {
		case "location":
			l.location(sc, lis, c, subject)
		case "if":
			isc := l.newScope(sc, cSIf, "if "+joinArgs(c.Args))
			isc.pos = c.File.pos(c.Off, c.Open+1)
			l.locationBody(isc, lis, l.flatten(c.Block, c.chain), subject)
		}
	}
	// pass directives written directly in a server-level fragment
	if n == nil {
		l.passes(sc, lis, items, subject)
	}
}

// location walks a location block and its nested locations and ifs.
func (l *loader) location(parent *scope, lis *lint.Listener, n node, subject string) {
	label := "location " + joinArgs(n.Args)
	sc := l.newScope(parent, cLocation, label)
	sc.pos = n.File.pos(n.Off, n.Open+1)
	l.locationBody(sc, lis, l.flatten(n.Block, n.chain), subject+" > "+label)
}

func (l *loader) locationBody(sc *scope, lis *lint.Listener, items []node, subject string) {
	if sc.kind == cSIf || sc.kind == cLIf {
		if sc.parent != nil && sc.parent.kind != cServer {
			sc.kind = cLIf
		}
	}
	l.collect(sc, items)
	if lis != nil && lis.Kind == lint.KindHTTP {
		lis.HeaderLevels = append(lis.HeaderLevels, l.headerLevel(sc))
	}
	l.passes(sc, lis, items, subject)
	for _, c := range items {
		if !c.HasBlock {
			continue
		}
		switch c.Name {
		case "location":
			l.location(sc, lis, c, subject)
		case "if", "limit_except":
			isc := l.newScope(sc, cLIf, strings.TrimSpace(c.Name+" "+joinArgs(c.Args)))
			isc.pos = c.File.pos(c.Off, c.Open+1)
			l.locationBody(isc, lis, l.flatten(c.Block, c.chain), subject)
		}
	}
}

// passes creates upstreams for proxy_pass / grpc_pass / uwsgi_pass here.
func (l *loader) passes(sc *scope, lis *lint.Listener, items []node, subject string) {
	for _, c := range items {
		if c.HasBlock || len(c.Args) != 1 {
			continue
		}
		switch c.Name {
		case "proxy_pass":
			l.upstream(sc, lis, c, "proxy_pass", "proxy", subject, cHTTP)
		case "grpc_pass":
			l.upstream(sc, lis, c, "grpc_pass", "grpc", subject, cHTTP)
		case "uwsgi_pass":
			l.upstream(sc, lis, c, "uwsgi_pass", "uwsgi", subject, cHTTP)
		}
	}
}

// walkStream handles a stream block.
func (l *loader) walkStream(sc *scope, items []node) {
	sc.kind = cStream
	l.collect(sc, items)
	l.collectGroups(cStream, items)
	for _, n := range items {
		if n.Name == "server" && n.HasBlock {
			body := l.flatten(n.Block, n.chain)
			ssc := l.newScope(sc, cStreamServer, "server")
			l.collect(ssc, body)
			lis := l.listener(ssc, &n, body, "stream")
			for _, c := range body {
				if c.Name == "proxy_pass" && !c.HasBlock && len(c.Args) == 1 {
					l.upstream(ssc, lis, c, "stream proxy_pass", "proxy", lis.Subject, cStream)
				}
			}
		}
	}
}

// walkMail handles a mail block.
func (l *loader) walkMail(sc *scope, items []node) {
	l.collect(sc, items)
	l.checkStartTLS(items)
	for _, n := range items {
		if n.Name == "server" && n.HasBlock {
			body := l.flatten(n.Block, n.chain)
			msc := l.newScope(sc, cMailServer, "server")
			l.collect(msc, body)
			l.checkStartTLS(body)
			l.listener(msc, &n, body, "mail")
		}
	}
}

// firstTLSDirective returns the first server-side ssl_* directive.
func firstTLSDirective(items []node) *node {
	for i := range items {
		if !items[i].HasBlock && isListenerTLS(items[i].Name) {
			return &items[i]
		}
	}
	return nil
}

func joinArgs(args []Arg) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = a.Value
	}
	return strings.Join(parts, " ")
}

// checkStartTLS reports `ssl on` beside `starttls on|only` in one mail
// block: nginx refuses to start, at the second of the two
// (ngx_mail_ssl_module.c, ngx_mail_ssl_enable / ngx_mail_ssl_starttls).
// nginx 1.22 -t, the error on the second directive's line:
//
//	ssl on; starttls on;  → [emerg] "ssl" directive conflicts with "starttls"
//	starttls on; ssl on;  → [emerg] "starttls" directive conflicts with "ssl on"
//
// ssl on in mail{} with starttls on in a server{} is accepted (each level
// has its own settings), and so is either one set to off. The ssl
// directive is gone from 1.25.1 (TL211 reports it there).
func (l *loader) checkStartTLS(items []node) {
	if l.opts.Target.Nginx.AtLeast(1, 25, 1) {
		return
	}
	var first *node // the first of ssl on / starttls on|only, in nginx's reading order
	for i := range items {
		n := &items[i]
		if n.HasBlock || len(n.Args) != 1 {
			continue
		}
		v := strings.ToLower(n.Args[0].Value)
		on := (n.Name == "ssl" && v == "on") || (n.Name == "starttls" && v != "off")
		if !on {
			continue
		}
		if first == nil {
			first = n
			continue
		}
		if first.Name == n.Name {
			continue
		}
		// nginx's wording, logged at the second directive
		msg := `"ssl" directive conflicts with "starttls"`
		if n.Name == "ssl" {
			msg = `"starttls" directive conflicts with "ssl on"`
		}
		l.parseError(n.Stmt, "%s (at %s): nginx refuses to start; use listen … ssl for implicit TLS, or starttls alone", msg, l.pos(*first))
		return
	}
}
