package lint

// ListenerKind is what a listener serves: it decides which clients connect
// (browsers for HTTP, mail agents, anything for stream) and which rules
// apply.
type ListenerKind string

// Listener kinds.
const (
	KindHTTP    ListenerKind = "http"    // nginx http server{}
	KindStream  ListenerKind = "stream"  // nginx stream server{}
	KindMail    ListenerKind = "mail"    // nginx mail server{}
	KindVirtual ListenerKind = "virtual" // BIG-IP virtual server
	KindService ListenerKind = "service" // AS3 Service_HTTPS / Service_HTTP / Service_TCP
)

// Web reports whether the listener serves web clients (HTTP(S)): the
// declared client population (browsers, HTTP libraries) connects there.
// Stream and mail listeners serve other clients (databases, mail agents)
// that the browser profiles do not describe.
func (k ListenerKind) Web() bool { return k == KindHTTP || k == KindVirtual || k == KindService }

// Passthrough reports whether plain traffic on a TLS port can be legitimate
// there: a stream (TCP) or mail socket carries whatever protocol it proxies.
func (k ListenerKind) Passthrough() bool { return k == KindStream || k == KindMail }

// TLSAt is where the listener's TLS is switched on: its first `listen … ssl`,
// else the client-ssl profile reference (BIG-IP, AS3), else the listener
// itself. Findings whose cause is a default point here.
func (l *Listener) TLSAt() Pos {
	for _, b := range l.Binds {
		if b.SSL && b.SSLPos.IsValid() {
			return b.SSLPos
		}
	}
	if l.ProfilePos.IsValid() {
		return l.ProfilePos
	}
	return l.Pos
}

// ClientsServed reports whether the declared client population connects to
// this listener: a web listener speaking TLS that completes handshakes
// (a server with ssl_reject_handshake on completes none).
func (l *Listener) ClientsServed() bool {
	return l.TLS() && l.Kind.Web() && l.Policy != nil && !l.RejectHandshake.Value
}

// At is where an upstream's defaults take effect: the proxy_pass for nginx,
// the server-ssl profile reference (AS3: clientTLS) for BIG-IP.
func (u *Upstream) At() Pos {
	if u.Product != Nginx && u.SchemePos.IsValid() {
		return u.SchemePos
	}
	return u.Pos
}

// WrittenAt is where a setting was written, or fallback (where its default
// takes effect) when nothing was written.
func (o Origin) WrittenAt(fallback Pos) Pos {
	if o.Pos.IsValid() && !o.Default {
		return o.Pos
	}
	return fallback
}
