package nginx

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// schemes of the *_pass directives: TLS or not, and the default port.
var schemes = map[string]struct {
	tls  bool
	port int
}{
	"http": {false, 80}, "https": {true, 443},
	"grpc": {false, 80}, "grpcs": {true, 443},
	"uwsgi": {false, 0}, "suwsgi": {true, 0},
}

// upstream builds the Upstream of a proxy_pass / grpc_pass / uwsgi_pass.
func (l *loader) upstream(sc *scope, lis *lint.Listener, n node, kind, prefix, subject string, top ctx) {
	a := n.Args[0]
	u := &lint.Upstream{Product: lint.Nginx, Kind: kind, Prefix: prefix, Subject: subject, Pos: l.pos(n),
		ArgPos: l.argPos(n, 0), From: lis}
	raw := a.Value
	resolved, unknown := l.resolveVars(sc, raw)
	// offset mapping is exact only when nothing was substituted
	exact := resolved == raw

	scheme, rest := "", resolved
	// grpc_pass and uwsgi_pass take a bare address: "unix:///run/app.sock"
	// is the socket path "///run/app.sock", not a URL with scheme "unix"
	// (ngx_http_uwsgi_module.c strips only uwsgi:// and suwsgi://, then
	// ngx_parse_url matches "unix:" case-insensitively; nginx 1.22 -t
	// accepts uwsgi_pass unix:///run/app.sock).
	if i := strings.Index(resolved, "://"); i >= 0 && !hasFoldPrefix(resolved, "unix:") {
		scheme, rest = strings.ToLower(resolved[:i]), resolved[i+3:]
	}
	switch kind {
	case "proxy_pass":
		if scheme == "" && unknown == "" {
			l.parseErrorAt(n.File, a.Off, a.End, "invalid URL prefix in %q: proxy_pass needs http:// or https://", raw)
			return
		}
	case "grpc_pass":
		if scheme == "" {
			scheme = "grpc"
		}
	case "uwsgi_pass":
		if scheme == "" {
			scheme = "uwsgi"
		}
	}
	if kind == "stream proxy_pass" {
		on := l.flagSetting(sc, "proxy_ssl", false)
		u.TLS = on.Value
		u.Scheme = "tcp"
		if on.Value {
			u.Scheme = "tls"
		}
		u.SchemePos = on.Pos
	} else if s, ok := schemes[scheme]; ok {
		u.TLS, u.Scheme = s.tls, scheme
		if exact {
			u.SchemePos = n.File.src.Pos(int(a.Off)+boolInt(a.Quoted), int(a.Off)+boolInt(a.Quoted)+len(scheme))
		} else {
			u.SchemePos = u.ArgPos
		}
	} else if unknown == "" {
		l.parseErrorAt(n.File, a.Off, a.End, "invalid URL prefix %q in %q", scheme, kind)
		return
	}
	hostport := rest
	if kind != "stream proxy_pass" && !hasFoldPrefix(hostport, "unix:") {
		if i := strings.IndexAny(hostport, "/?$"); i >= 0 {
			hostport = hostport[:i]
		}
	} else if hasFoldPrefix(hostport, "unix:") && kind == "proxy_pass" {
		// proxy_pass http://unix:/tmp/app.sock:/uri; only proxy_pass has a
		// URI part (ngx_parse_unix_domain_url cuts at ':' when uri_part is
		// set): for grpc_pass and uwsgi_pass the rest is all socket path.
		if i := strings.Index(hostport[5:], ":"); i >= 0 {
			hostport = hostport[:5+i]
		}
	}
	u.Host = hostport
	if unknown != "" {
		u.Unknown = unknown
	} else {
		l.resolveTargets(u, n, a, hostport, scheme, top, exact)
	}
	u.Policy, u.PolicyOwner = l.policy(sc, prefix)
	u.SNI = l.flagSetting(sc, prefix+"_ssl_server_name", false)
	u.SNIName = l.stringSetting(sc, prefix+"_ssl_name", "")
	u.Verify = l.flagSetting(sc, prefix+"_ssl_verify", false)
	u.ClientCerts = l.certPairs(sc, prefix+"_ssl_certificate", prefix+"_ssl_certificate_key")
	if top == cStream {
		u.ProxyProtocol = l.flagSetting(sc, "proxy_protocol", false)
	}
	u.Written = l.upstreamWritten(sc, prefix)
	u.Incomplete = sc.incomplete()
	l.model.Upstreams = append(l.model.Upstreams, u)
	if lis != nil {
		lis.Upstreams = append(lis.Upstreams, u)
	}
}

// hasFoldPrefix is strings.HasPrefix ignoring ASCII case (ngx_strncasecmp).
func hasFoldPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// resolveTargets fills the endpoints: an upstream group, or a literal host.
func (l *loader) resolveTargets(u *lint.Upstream, n node, a Arg, hostport, scheme string, top ctx, exact bool) {
	if g, ok := l.groups[top][hostport]; ok {
		u.Group = g.name
		u.GroupPos = g.pos
		u.Targets = append(u.Targets, g.members...)
		return
	}
	defPort := 0
	if s, ok := schemes[scheme]; ok {
		defPort = s.port
	}
	ep, err := parseHostPort(hostport, defPort, top == cStream)
	if err != nil {
		if !l.fragment || top == cStream {
			l.parseErrorAt(n.File, a.Off, a.End, "%s", err)
		}
		// in a fragment the group may be defined outside the file
		u.Unknown = fmt.Sprintf("%q is not a host:port and no upstream group of that name is in view", hostport)
		return
	}
	if l.fragment && !ep.IP && ep.PortImplicit && !strings.Contains(ep.Host, ".") && ep.Host != "localhost" {
		// a bare name in a fragment is most likely an upstream{} group
		// defined outside the file: its members are unknown
		u.Group = ep.Host
		u.Unknown = fmt.Sprintf("%q is probably an upstream group defined outside this file", ep.Host)
		return
	}
	if exact {
		off := int(a.Off) + boolInt(a.Quoted)
		if i := strings.Index(a.Value, "://"); i >= 0 {
			off += i + 3
		}
		ep.Pos = n.File.src.Pos(off, off+len(hostport))
		ep.PortPos = ep.Pos
		if !ep.PortImplicit && !ep.Unix {
			if i := strings.LastIndex(hostport, ":"); i >= 0 {
				ep.PortPos = n.File.src.Pos(off+i+1, off+len(hostport))
			}
		}
	} else {
		ep.Pos, ep.PortPos = u.ArgPos, u.ArgPos
	}
	u.HostPos = ep.Pos
	u.Targets = append(u.Targets, ep)
}

// resolveVars substitutes variables whose value is statically certain (a
// literal `set` in this or an enclosing scope, not also set inside an
// if{}). Anything else makes the target unknown.
func (l *loader) resolveVars(sc *scope, s string) (string, string) {
	if !strings.Contains(s, "$") {
		return s, ""
	}
	// Only the scheme://host:port part matters; variables in the URI do not.
	head := s
	if i := strings.Index(s, "://"); i >= 0 {
		if j := strings.IndexAny(s[i+3:], "/?"); j >= 0 {
			head = s[:i+3+j]
		}
	}
	var b strings.Builder
	for i := 0; i < len(head); i++ {
		if head[i] != '$' {
			b.WriteByte(head[i])
			continue
		}
		start := i
		j := i + 1
		var name string
		if j < len(head) && head[j] == '{' {
			k := strings.IndexByte(head[j:], '}')
			if k < 0 {
				return s, "unterminated ${ in " + s
			}
			name = head[j+1 : j+k]
			i = j + k
		} else {
			for j < len(head) && (isIdent(head[j])) {
				j++
			}
			name = head[i+1 : j]
			i = j - 1
		}
		if uriVars[name] {
			// $request_uri and friends start the path: the host part is complete
			return b.String() + head[start:] + s[len(head):], ""
		}
		v, ok := lookupVar(sc, name)
		if !ok {
			return s, fmt.Sprintf("the target depends on $%s, which is not set to a literal value in view", name)
		}
		b.WriteString(v)
	}
	return b.String() + s[len(head):], ""
}

// uriVars are nginx variables that hold the request path or query, which
// follow the host part of a URL.
var uriVars = map[string]bool{"request_uri": true, "uri": true, "document_uri": true, "is_args": true, "args": true, "query_string": true}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func lookupVar(sc *scope, name string) (string, bool) {
	for s := sc; s != nil; s = s.parent {
		if s.cond[name] {
			return "", false
		}
		if v, ok := s.vars[name]; ok {
			return v.value, v.certain
		}
	}
	return "", false
}

// upstreamWritten lists the <prefix>_ssl_* directives in effect at a scope,
// each with the context it was written in.
func (l *loader) upstreamWritten(sc *scope, prefix string) []lint.Directive {
	owner := sc.owner(prefix)
	memo := l.memo(owner)
	if ds, ok := memo.written[prefix]; ok {
		return ds
	}
	ds := l.collectWritten(sc, prefix, owner)
	if memo.written == nil {
		memo.written = map[string][]lint.Directive{}
	}
	memo.written[prefix] = ds
	return ds
}

func (l *loader) collectWritten(sc *scope, prefix string, owner *scope) []lint.Directive {
	// gathered in the loader's buffer, kept at exact length: lists grown
	// by append held 2.5 MB of spare room on a 20,000-server tree (its
	// 20,000 lists of three directives had room for four)
	out := l.writtenBuf[:0]
	defer func() { l.writtenBuf = out[:0] }()
	fam := prefix + "_ssl"
	seen := map[string]bool{}
	for s := sc; s != nil; s = s.parent {
		for name, ns := range s.dirs {
			if seen[name] || !strings.HasPrefix(name, fam) {
				continue
			}
			rest := strings.TrimPrefix(name, prefix+"_")
			if _, ok := upstreamSSL[rest]; !ok && name != "proxy_ssl" {
				continue
			}
			seen[name] = true // the nearest scope that writes it wins
			for _, n := range ns {
				// the owner's own statements are listed once, in its
				// memoized list, unless their file is spliced in again
				// (a snippet other blocks include too)
				out = append(out, l.inheritedDirective(n, s, s != owner || n.File.splices > 1))
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	list := slices.Clone(out)
	clear(out) // the buffer keeps no argument lists alive
	lint.SortDirectives(list)
	return list
}
