// Package why explains TLS handshake failures found in logs by the
// configuration lines that cause them (`tlslint why`, CLI.md "Diagnosis").
//
// It reads nginx error logs and BIG-IP /var/log/ltm lines into events
// (parse.go), matches each event to the model objects it is about: an
// upstream, a listener's socket, a BIG-IP virtual or pool member (match.go),
// ranks the lint findings on those objects whose failure mode produces the
// event's reason (reasons.go), and groups identical causes (why.go).
package why

import (
	"net"
	"strconv"
	"strings"
)

// Sides of a connection an event is about.
const (
	SideClient   = "client"   // a client's handshake with a listener
	SideUpstream = "upstream" // the proxy's handshake with a backend
	SideStartup  = "startup"  // the process refused its configuration
)

// Event is one recognised log line (a BIG-IP 01260009/01260026 line and its
// 01260013 line make one event).
type Event struct {
	Line    int    // 1-based line number of the first line of the event
	Text    string // that line, as logged (capped)
	Product string // "nginx", "bigip"
	Side    string // SideClient, SideUpstream, SideStartup; "" = decided by matching (BIG-IP)
	Level   string // nginx: "info", "error", "crit", "emerg"
	// Reason is the failure as the library or the product words it: the
	// OpenSSL reason string ("wrong version number"), nginx's phrase
	// ("handshake rejected"), the X.509 verify error ("self-signed
	// certificate"), BIG-IP's 01260009 reason ("no shared ciphers").
	Reason   string
	Code     int    // the X.509 verify error number, the TLS alert number
	Detail   string // the name nginx verified ("does not match"), BIG-IP's function
	Peer     string // host:port the event is about: the backend, the listening address, the virtual or pool member
	Client   string // the client's address
	Server   string // nginx server: a server name (upstream side, request stage)
	Request  string // the request URI's path
	Host     string // the Host header
	File     string // start-up: the file nginx names
	FileLine int    // and its line
}

// parseNginx reads one nginx error-log line. Formats, from nginx 1.22's
// sources and the lines the real nginx 1.22.1 wrote here
// (fixtures/why/nginx/error.log):
//
//	YYYY/MM/DD HH:MM:SS [level] PID#TID: *CID MESSAGE, client: A, server: S, request: "R", upstream: "U", host: "H"
//
// src/core/ngx_log.c (ngx_log_error_core) writes the time, level, pid#tid and
// "*connection "; src/http/ngx_http_request.c (ngx_http_log_error) appends
// client, server, request, upstream, host. MESSAGE is one of:
//   - src/event/ngx_event_openssl.c ngx_ssl_connection_error →
//     ngx_ssl_error: `SSL_do_handshake() failed (SSL: error:CODE:LIB:FUNC:REASON[:DATA] …)`,
//     followed by " while SSL handshaking" (client side, server: = the
//     listening address, [info] for the handshake reasons nginx lists) or
//     " while SSL handshaking to upstream" (src/http/ngx_http_upstream.c,
//     [error], or [crit] for alerts nginx does not list, e.g. 112).
//     OpenSSL 3.0 leaves FUNC empty ("SSL routines::wrong version
//     number"); 1.1.1 names it ("SSL routines:ssl3_get_record:wrong version
//     number"); ssl/ssl_err.c holds the reason strings.
//   - ngx_event_openssl.c ngx_ssl_handshake: "peer closed connection in SSL handshake".
//   - ngx_http_upstream.c ngx_http_upstream_ssl_handshake:
//     `upstream SSL certificate verify error: (N:TEXT)` and
//     `upstream SSL certificate does not match "NAME"`.
//   - src/http/ngx_http_ssl_module.c (ssl_reject_handshake, 1.19.4):
//     "handshake rejected while SSL handshaking".
//   - src/http/ngx_http_request.c: "client sent plain HTTP request to HTTPS port".
//   - src/core/ngx_conf_file.c ngx_conf_log_error: `[emerg] MESSAGE in FILE:LINE`.
func parseNginx(line string) (Event, bool) {
	// most lines of a busy log are no handshake failure: skip them before
	// any splitting
	if !strings.Contains(line, "SSL") && !strings.Contains(line, "handshak") && !strings.Contains(line, "[emerg]") && !strings.Contains(line, "plain HTTP") {
		return Event{}, false
	}
	lb := strings.Index(line, " [")
	if lb < 0 || lb > 40 {
		return Event{}, false
	}
	rb := strings.IndexByte(line[lb:], ']')
	if rb < 0 {
		return Event{}, false
	}
	level := line[lb+2 : lb+rb]
	rest := line[lb+rb+1:]
	// " PID#TID: " then an optional "*CID "
	colon := strings.Index(rest, ": ")
	if colon < 0 || !strings.Contains(rest[:colon], "#") {
		return Event{}, false
	}
	msg := rest[colon+2:]
	if strings.HasPrefix(msg, "*") {
		if sp := strings.IndexByte(msg, ' '); sp > 0 {
			msg = msg[sp+1:]
		}
	}
	ev := Event{Product: "nginx", Level: level}
	if level == "emerg" {
		return parseEmerg(ev, msg)
	}
	msg, ctx := splitContext(msg)
	ev.Client, ev.Server = ctx["client"], ctx["server"]
	ev.Request, ev.Host = requestPath(ctx["request"]), ctx["host"]
	const whileHS, whileUp = " while SSL handshaking", " while SSL handshaking to upstream"
	switch {
	case strings.HasSuffix(msg, whileUp):
		ev.Side = SideUpstream
		msg = strings.TrimSuffix(msg, whileUp)
		ev.Peer = upstreamAddr(ctx["upstream"])
	case strings.HasSuffix(msg, whileHS):
		ev.Side = SideClient
		msg = strings.TrimSuffix(msg, whileHS)
		ev.Peer = ev.Server // the listening address (no request yet)
		ev.Server = ""
	case strings.HasPrefix(msg, "client sent plain HTTP request to HTTPS port"):
		// the request stage: server: is the server name, the Host header
		// may carry the address
		ev.Side, ev.Reason = SideClient, ReasonPlainHTTP
		if hostPortOK(ev.Host) {
			ev.Peer = ev.Host
		}
		return ev, true
	default:
		return Event{}, false
	}
	switch {
	case strings.HasPrefix(msg, "SSL_do_handshake() failed"):
		ev.Reason, ev.Code = sslReason(msg)
		if ev.Reason == "" {
			return Event{}, false
		}
	case strings.HasPrefix(msg, "peer closed connection in SSL handshake"):
		ev.Reason = ReasonPeerClosed
	case strings.HasPrefix(msg, "handshake rejected"):
		ev.Reason = ReasonRejected
	case strings.HasPrefix(msg, "upstream SSL certificate verify error: ("):
		inner := strings.TrimPrefix(msg, "upstream SSL certificate verify error: (")
		inner = strings.TrimSuffix(inner, ")")
		n, text, ok := strings.Cut(inner, ":")
		if !ok {
			return Event{}, false
		}
		ev.Code, _ = strconv.Atoi(n)
		ev.Reason = text
		ev.Detail = "verify"
	case strings.HasPrefix(msg, "upstream SSL certificate does not match \""):
		ev.Reason = ReasonNoMatch
		ev.Detail = strings.TrimSuffix(strings.TrimPrefix(msg, "upstream SSL certificate does not match \""), "\"")
	default:
		return Event{}, false
	}
	return ev, true
}

// parseEmerg reads `MESSAGE in FILE:LINE` (ngx_conf_log_error) and the
// start-up failures of OpenSSL calls that name no line
// (`SSL_CTX_use_PrivateKey("…") failed (SSL: … key values mismatch)`).
func parseEmerg(ev Event, msg string) (Event, bool) {
	ev.Side = SideStartup
	if i := strings.LastIndex(msg, " in "); i >= 0 {
		loc := msg[i+4:]
		if c := strings.LastIndexByte(loc, ':'); c > 0 {
			if n, err := strconv.Atoi(loc[c+1:]); err == nil && n > 0 {
				ev.File, ev.FileLine = loc[:c], n
				ev.Reason = msg[:i]
				return ev, true
			}
		}
	}
	// ngx_ssl_certificate (ngx_event_openssl.c) logs the file it could
	// not use in quotes: `cannot load certificate "/x.pem": BIO_new_file()
	// failed (SSL: …No such file or directory…)`,
	// `SSL_CTX_use_PrivateKey("/x.key") failed (SSL: …key values mismatch)`
	// (both captured from nginx 1.22 here)
	if strings.Contains(msg, "(SSL:") {
		if r, _ := sslReason(msg); r != "" {
			ev.Reason = r
			if q := strings.IndexByte(msg, '"'); q >= 0 {
				if e := strings.IndexByte(msg[q+1:], '"'); e > 0 {
					ev.Detail = msg[q+1 : q+1+e]
				}
			}
			return ev, true
		}
	}
	return Event{}, false
}

// splitContext cuts nginx's ", client: …, server: …" tail off a message.
// ngx_http_log_error appends the keys in a fixed order, so each is cut
// from the right: a request line (whatever a client sent, quotes and
// commas included) cannot fake the keys after it.
func splitContext(msg string) (string, map[string]string) {
	i := strings.Index(msg, ", client: ")
	if i < 0 {
		return msg, nil
	}
	head, tail := msg[:i], msg[i:]
	ctx := map[string]string{}
	for _, k := range []string{"referrer", "host", "upstream", "login", "subrequest", "request", "server", "client"} {
		j := strings.LastIndex(tail, ", "+k+": ")
		if j < 0 {
			continue
		}
		v := tail[j+len(k)+4:]
		if len(v) >= 2 && v[0] == '"' {
			// the request line may hold quotes: it ends at the last one;
			// other quoted values at the first (the stream module appends
			// unquoted "bytes from/to …" counters after upstream)
			end := strings.IndexByte(v[1:], '"') + 1
			if k == "request" {
				end = strings.LastIndexByte(v, '"')
			}
			if end > 0 {
				v = v[1:end]
			}
		}
		ctx[k] = v
		tail = tail[:j]
	}
	return head, ctx
}

// sslReason takes the first reason of ngx_ssl_error's "(SSL: error:…)"
// list: `error:CODE:LIB:FUNC:REASON[:DATA]` (ERR_error_string_n) where DATA
// is e.g. "SSL alert number 112".
func sslReason(msg string) (string, int) {
	i := strings.Index(msg, "(SSL: error:")
	if i < 0 {
		return "", 0
	}
	s := msg[i+len("(SSL: "):]
	if j := strings.Index(s, " error:"); j >= 0 { // several queued errors
		s = s[:j]
	}
	s = strings.TrimSuffix(s, ")")
	parts := strings.SplitN(s, ":", 6) // error, code, lib, func, reason, data
	if len(parts) < 5 {
		return "", 0
	}
	reason := parts[4]
	alert := 0
	if len(parts) == 6 {
		if n, ok := strings.CutPrefix(parts[5], "SSL alert number "); ok {
			alert, _ = strconv.Atoi(strings.TrimRight(n, ")"))
		}
	}
	return reason, alert
}

// requestPath is the path of `GET /legacy/report?x=1 HTTP/1.1`.
func requestPath(req string) string {
	_, rest, ok := strings.Cut(req, " ")
	if !ok {
		return ""
	}
	p, _, _ := strings.Cut(rest, " ")
	p, _, _ = strings.Cut(p, "?")
	if !strings.HasPrefix(p, "/") {
		return ""
	}
	return p
}

// upstreamAddr is the host:port of `https://127.42.0.2:80/legacy/report`
// (nginx logs the peer it connected to: an address, or a group name when
// the URL names no resolved peer).
func upstreamAddr(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		// the stream module logs the peer bare: upstream: "10.0.0.1:443"
		if hostPortOK(u) {
			return u
		}
		return ""
	}
	hp, _, _ := strings.Cut(rest, "/")
	if hostPortOK(hp) {
		return hp
	}
	switch scheme {
	case "https", "grpcs":
		return net.JoinHostPort(strings.Trim(hp, "[]"), "443")
	case "http", "grpc":
		return net.JoinHostPort(strings.Trim(hp, "[]"), "80")
	}
	return hp
}

func hostPortOK(s string) bool {
	_, p, err := net.SplitHostPort(s)
	if err != nil {
		return false
	}
	_, err = strconv.Atoi(p)
	return err == nil
}

// bigipPending is what one tmm has said about a connection whose 01260013
// line has not come yet.
type bigipPending struct {
	ev   Event
	open bool
}

// bigipParser pairs BIG-IP ltm lines per tmm instance. Formats (F5
// K15292 "Troubleshooting SSL/TLS handshake failures"; captures in public
// syslog test data and forum threads, cited in fixtures/why/bigip/ltm):
//
//	… warning tmm1[9244]: 01260009:4: Connection error: ssl_select_suite:8181: no shared ciphers (40)
//	… warning tmm1[9244]: 01260026:4: No shared ciphers between SSL peers 192.168.99.86.32963:192.168.20.230.636.
//	… warning tmm1[9244]: 01260013:4: SSL Handshake failed for TCP 192.168.99.86:32963 -> 192.168.20.230:636
//
// 01260009 names the reason (function:line: reason (alert)), 01260026 the
// peers (address.port), and 01260013, logged last, the connection
// client -> destination. A tmm handles a connection alone, so the
// lines of one tmm before its 01260013 line belong to that connection.
type bigipParser struct {
	pending map[string]*bigipPending
}

// parse reads one line; it returns the event completed by this line, if
// any. Lines of other message IDs are not BIG-IP TLS lines (ok false).
func (b *bigipParser) parse(line string, n int) (ev Event, done, ok bool) {
	i := strings.Index(line, ": 01260")
	if i < 0 {
		return Event{}, false, false
	}
	tmm := tmmName(line[:i])
	body := line[i+2:]
	id, rest, _ := strings.Cut(body, ":")
	_, msg, _ := strings.Cut(rest, ": ") // severity digit
	switch id {
	case "01260009", "01260026", "01260013":
	default:
		return Event{}, false, false
	}
	if b.pending == nil {
		b.pending = map[string]*bigipPending{}
	}
	p := b.pending[tmm]
	if p == nil || !p.open {
		p = &bigipPending{ev: Event{Product: "bigip", Line: n, Text: line}, open: true}
		b.pending[tmm] = p
	}
	switch id {
	case "01260009":
		// "Connection error: FUNC:LINE: REASON (ALERT)"
		m := strings.TrimPrefix(msg, "Connection error: ")
		fn, r, ok := strings.Cut(m, ": ")
		if !ok {
			return Event{}, false, false
		}
		code := 0
		if o := strings.LastIndex(r, " ("); o >= 0 && strings.HasSuffix(r, ")") {
			code, _ = strconv.Atoi(r[o+2 : len(r)-1])
			r = r[:o]
		}
		if p.ev.Reason != "" {
			// a second reason: the earlier connection's 01260013 line
			// never came (log level, rotation); it ends here, unmatched
			done := p.ev
			b.pending[tmm] = &bigipPending{ev: Event{Product: "bigip", Line: n, Text: line, Reason: r, Detail: fn, Code: code}, open: true}
			return done, true, true
		}
		p.ev.Reason, p.ev.Detail, p.ev.Code = r, fn, code
		return Event{}, false, true
	case "01260026":
		// "No shared ciphers between SSL peers A.B.C.D.P:E.F.G.H.Q."
		m := strings.TrimSuffix(strings.TrimPrefix(msg, "No shared ciphers between SSL peers "), ".")
		a, c, ok := strings.Cut(m, ":")
		if !ok {
			return Event{}, false, false
		}
		p.ev.Client, p.ev.Peer = dottedPort(a), dottedPort(c)
		if p.ev.Reason == "" {
			p.ev.Reason = "no shared ciphers"
		}
		return Event{}, false, true
	case "01260013":
		// "SSL Handshake failed for TCP A:P -> B:Q"
		m, ok := strings.CutPrefix(msg, "SSL Handshake failed for ")
		if !ok {
			return Event{}, false, false
		}
		if _, m2, ok := strings.Cut(m, " "); ok { // TCP, UDP
			m = m2
		}
		a, c, ok := strings.Cut(m, " -> ")
		if !ok {
			return Event{}, false, false
		}
		c, _, _ = strings.Cut(c, " ")
		p.ev.Client, p.ev.Peer = a, c
		if p.ev.Reason == "" {
			p.ev.Reason = ReasonBigIPHandshake
		}
		ev := p.ev
		delete(b.pending, tmm)
		return ev, true, true
	}
	return Event{}, false, false
}

// flush returns the connections whose 01260013 line never came (the log
// was cut), in line order.
func (b *bigipParser) flush() []Event {
	var out []Event
	for _, p := range b.pending {
		if p.open && p.ev.Reason != "" {
			out = append(out, p.ev)
		}
	}
	b.pending = nil
	sortEvents(out)
	return out
}

// tmmName is "tmm1" of "… warning tmm1[9244]".
func tmmName(prefix string) string {
	end := strings.LastIndexByte(prefix, '[')
	if end < 0 {
		return ""
	}
	start := strings.LastIndexByte(prefix[:end], ' ') + 1
	return prefix[start:end]
}

// dottedPort turns BIG-IP's "192.168.99.86.32962" into "192.168.99.86:32962".
func dottedPort(s string) string {
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return s
	}
	return net.JoinHostPort(s[:i], s[i+1:])
}

func sortEvents(evs []Event) {
	for i := 1; i < len(evs); i++ {
		for j := i; j > 0 && evs[j].Line < evs[j-1].Line; j-- {
			evs[j], evs[j-1] = evs[j-1], evs[j]
		}
	}
}
