package why

import (
	"testing"
)

// Real lines: those marked "capture" were written by nginx 1.22.1 with
// OpenSSL 3.0 here (fixtures/why/nginx/capture.sh → error.log); the others
// are quoted from the public threads named next to them.
func TestParseNginx(t *testing.T) {
	cases := []struct {
		name, line                          string
		side, reason, peer, server, request string
		code                                int
	}{
		{"capture: upstream wrong version number (OpenSSL 3.0 form)",
			`2026/12/06 03:17:28 [error] 3099#3099: *1 SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number) while SSL handshaking to upstream, client: 127.0.0.1, server: shop.example.test, request: "GET /legacy/report HTTP/1.1", upstream: "https://127.42.0.2:80/legacy/report", host: "shop.example.test"`,
			SideUpstream, "wrong version number", "127.42.0.2:80", "shop.example.test", "/legacy/report", 0},
		{"outroll/vesta#2010: upstream wrong version number (OpenSSL 1.1.1 form)",
			`2020/06/10 11:32:51 [error] 8164#8164: *4825 SSL_do_handshake() failed (SSL: error:1408F10B:SSL routines:ssl3_get_record:wrong version number) while SSL handshaking to upstream, client: 151.xxx.xxx.227, server: domain.fr, request: "GET / HTTP/2.0", upstream: "https://51.yyy.yyy.37:8443/", host: "domain.fr"`,
			SideUpstream, "wrong version number", "51.yyy.yyy.37:8443", "domain.fr", "/", 0},
		{"capture: [crit] alert 112 with its data",
			`2026/12/06 03:17:28 [crit] 3099#3099: *7 SSL_do_handshake() failed (SSL: error:0A000458:SSL routines::tlsv1 unrecognized name:SSL alert number 112) while SSL handshaking to upstream, client: 127.0.0.1, server: shop.example.test, request: "GET /app/orders HTTP/1.1", upstream: "https://127.42.0.3:443/app/orders", host: "shop.example.test"`,
			SideUpstream, "tlsv1 unrecognized name", "127.42.0.3:443", "shop.example.test", "/app/orders", 112},
		{"VirtuBox/ubuntu-nginx-web-server#11: client side, wildcard listening address (1.1.1)",
			`2018/06/24 22:41:22 [crit] 61481#61481: *1228609 SSL_do_handshake() failed (SSL: error:14209102:SSL routines:tls_early_post_process_client_hello:unsupported protocol) while SSL handshaking, client: 54.208.42.136, server: 0.0.0.0:443`,
			SideClient, "unsupported protocol", "0.0.0.0:443", "", "", 0},
		{"capture: client side no shared cipher",
			`2026/12/06 03:17:28 [info] 3099#3099: *18 SSL_do_handshake() failed (SSL: error:0A0000C1:SSL routines::no shared cipher) while SSL handshaking, client: 127.0.0.1, server: 127.42.0.6:443`,
			SideClient, "no shared cipher", "127.42.0.6:443", "", "", 0},
		{"alibaba/tengine#780: inappropriate fallback, no context after the message",
			`2016/08/09 10:00:00 [crit] 619#0: *39975386 SSL_do_handshake() failed (SSL: error:140A1175:SSL routines:SSL_BYTES_TO_CIPHER_LIST:inappropriate fallback) while SSL handshaking, client: 1.2.3.4, server: 0.0.0.0:443`,
			SideClient, "inappropriate fallback", "0.0.0.0:443", "", "", 0},
		{"capture: verify error",
			`2026/12/06 03:17:28 [error] 3099#3099: *10 upstream SSL certificate verify error: (18:self-signed certificate) while SSL handshaking to upstream, client: 127.0.0.1, server: shop.example.test, request: "GET /reports/daily HTTP/1.1", upstream: "https://127.42.0.4:443/reports/daily", host: "shop.example.test"`,
			SideUpstream, "self-signed certificate", "127.42.0.4:443", "shop.example.test", "/reports/daily", 18},
		{"capture: does not match",
			`2026/12/06 03:17:28 [error] 3099#3099: *13 upstream SSL certificate does not match "billing.internal" while SSL handshaking to upstream, client: 127.0.0.1, server: shop.example.test, request: "GET /billing/invoices HTTP/1.1", upstream: "https://127.42.0.3:443/billing/invoices", host: "shop.example.test"`,
			SideUpstream, ReasonNoMatch, "127.42.0.3:443", "shop.example.test", "/billing/invoices", 0},
		{"capture: ssl_reject_handshake",
			`2026/12/06 03:17:28 [info] 3099#3099: *9 handshake rejected while SSL handshaking, client: 127.0.0.1, server: 127.42.0.3:443`,
			SideClient, ReasonRejected, "127.42.0.3:443", "", "", 0},
		{"capture: peer closed",
			`2026/12/06 03:17:28 [info] 3099#3099: *22 peer closed connection in SSL handshake while SSL handshaking, client: 127.0.0.1, server: 127.42.0.1:443`,
			SideClient, ReasonPeerClosed, "127.42.0.1:443", "", "", 0},
		{"capture: plain HTTP to the TLS port (request stage: server is a name, the Host header has the address)",
			`2026/12/06 03:17:28 [info] 3099#3099: *20 client sent plain HTTP request to HTTPS port while reading client request headers, client: 127.0.0.1, server: shop.example.test, request: "GET / HTTP/1.1", host: "127.42.0.1:443"`,
			SideClient, ReasonPlainHTTP, "127.42.0.1:443", "shop.example.test", "/", 0},
		{"capture: start-up",
			`2026/12/06 03:17:31 [emerg] 3459#3459: no "ssl_certificate" is defined for the "listen ... ssl" directive in /tmp/why-capture/start/nginx.conf:69`,
			SideStartup, `no "ssl_certificate" is defined for the "listen ... ssl" directive`, "", "", "", 0},
		{"capture: a certificate file that is not there (no FILE:LINE)",
			`2026/12/06 03:25:26 [emerg] 24129#24129: cannot load certificate "/tmp/why-capture/e2/certs/nothere.pem": BIO_new_file() failed (SSL: error:80000002:system library::No such file or directory:calling fopen(/tmp/why-capture/e2/certs/nothere.pem, r) error:10000080:BIO routines::no such file)`,
			SideStartup, "No such file or directory", "", "", "", 0},
		{"capture: a key of another certificate",
			`2026/12/06 03:25:26 [emerg] 24131#24131: SSL_CTX_use_PrivateKey("/tmp/why-capture/e2/certs/app.key") failed (SSL: error:05800074:x509 certificate routines::key values mismatch)`,
			SideStartup, "key values mismatch", "", "", "", 0},
		{"a request line with quotes and commas inside",
			`2026/12/06 03:17:28 [error] 1#1: *2 SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number) while SSL handshaking to upstream, client: 10.0.0.9, server: a.test, request: "GET /x?a=", b", c HTTP/1.1", upstream: "https://10.0.2.10:80/x", host: "a.test"`,
			SideUpstream, "wrong version number", "10.0.2.10:80", "a.test", "/x", 0},
		{"capture (stream module, proxy_ssl on to a plain port): a bare upstream address, byte counters after it",
			`2026/12/06 03:22:32 [error] 10083#10083: *1 SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number) while SSL handshaking to upstream, client: 127.0.0.1, server: 127.42.1.1:5432, upstream: "127.42.1.2:80", bytes from/to client:0/0, bytes from/to upstream:0/0`,
			SideUpstream, "wrong version number", "127.42.1.2:80", "127.42.1.1:5432", "", 0},
		{"an upstream URL without a port",
			`2026/12/06 03:17:28 [error] 1#1: *2 SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number) while SSL handshaking to upstream, client: 10.0.0.9, server: a.test, request: "GET / HTTP/1.1", upstream: "https://backend.internal/", host: "a.test"`,
			SideUpstream, "wrong version number", "backend.internal:443", "a.test", "/", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev, ok := parseNginx(c.line)
			if !ok {
				t.Fatal("not recognised")
			}
			if ev.Side != c.side || ev.Reason != c.reason || ev.Peer != c.peer || ev.Server != c.server || ev.Request != c.request || ev.Code != c.code {
				t.Errorf("got side %q reason %q peer %q server %q request %q code %d", ev.Side, ev.Reason, ev.Peer, ev.Server, ev.Request, ev.Code)
			}
		})
	}
}

func TestParseNginxIgnores(t *testing.T) {
	for _, line := range []string{
		// capture: notices, keepalive, and the plain backend's view of a
		// TLS ClientHello (binary request line)
		`2026/12/06 03:17:27 [notice] 3097#3097: using the "epoll" event method`,
		`2026/12/06 03:17:28 [info] 3099#3099: *1 client 127.0.0.1 closed keepalive connection`,
		"2026/12/06 03:17:28 [info] 3099#3099: *3 client sent invalid method while reading client request line, client: 127.0.0.1, server: legacy.internal, request: \"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\"",
		// ordinary upstream trouble, not TLS
		`2026/12/06 03:20:00 [error] 3099#3099: *40 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.1, server: a.test, request: "GET / HTTP/1.1", upstream: "http://10.0.0.2:8080/", host: "a.test"`,
		`2026/12/06 03:20:00 [error] 3099#3099: *41 open() "/usr/share/nginx/html/favicon.ico" failed (2: No such file or directory), client: 10.0.0.1, server: a.test, request: "GET /favicon.ico HTTP/1.1", host: "a.test"`,
		// an SSL_read failure after the handshake
		`2026/12/06 03:20:00 [crit] 3099#3099: *42 SSL_read() failed (SSL: error:0A000126:SSL routines::unexpected eof while reading) while waiting for request, client: 10.0.0.1, server: 0.0.0.0:443`,
		"",
		"random text",
		"2026/12/06 03:20:00 [error",
	} {
		if ev, ok := parseNginx(line); ok {
			t.Errorf("recognised %q as %+v", line, ev)
		}
	}
}

// BIG-IP lines: the 01260009/01260026/01260013 sequence of one tmm is
// quoted from a public /var/log/ltm capture (an LDAPS virtual at :636,
// "no shared ciphers"); "ssl_passthru:5234: not SSL (40)" and
// "ssl_hs_rxhello:10026: unsupported version (40)" from public syslog
// parser test data (splunk-connect-for-syslog's F5 BIG-IP samples); the
// 01260013 form is also F5's (K15292, SSL Orchestrator troubleshooting).
func TestParseBigIP(t *testing.T) {
	lines := []string{
		`Feb  1 08:12:14 pua-bigip warning tmm[9244]: 01260009:4: Connection error: ssl_select_suite:8181: no shared ciphers (40)`,
		`Feb  1 08:12:14 pua-bigip warning tmm[9244]: 01260026:4: No shared ciphers between SSL peers 192.168.99.86.32962:192.168.20.230.636.`,
		`Feb  1 08:12:14 pua-bigip warning tmm1[9244]: 01260009:4: Connection error: ssl_hs_rxhello:10026: unsupported version (40)`,
		`Feb  1 08:12:14 pua-bigip warning tmm[9244]: 01260013:4: SSL Handshake failed for TCP 192.168.99.86:32962 -> 192.168.20.230:636`,
		`Jan 17 03:37:54 SV5-F5-5600-2 warning tmm[23068]: 01260013:4: SSL Handshake failed for TCP 10.160.23.133:50365 -> 10.156.1.150:443`,
		`Jan 17 04:03:37 SV5-F5-5600-2 warning tmm1[23068]: 01260009:4: Connection error: ssl_passthru:5234: not SSL (40)`,
		`Jan 17 04:03:37 SV5-F5-5600-2 warning tmm1[23068]: 01260013:4: SSL Handshake failed for TCP 10.1.1.1:50000 -> 10.156.1.150:80`,
		`Jan 17 03:38:00 SV5-F5-5600-2 err tmm[23068]: 01220001:3: TCL error: /Common/irule <HTTP_REQUEST> - ERR_NOT_SUPPORTED (line 8)`,
	}
	var b bigipParser
	var got []Event
	ignored := 0
	for i, l := range lines {
		ev, done, ok := b.parse(l, i+1)
		if !ok {
			ignored++
		}
		if done {
			got = append(got, ev)
		}
	}
	if ignored != 1 {
		t.Errorf("%d lines ignored, want 1 (the TCL error)", ignored)
	}
	want := []struct {
		line                 int
		reason, peer, client string
	}{
		{1, "no shared ciphers", "192.168.20.230:636", "192.168.99.86:32962"},
		{5, ReasonBigIPHandshake, "10.156.1.150:443", "10.160.23.133:50365"},
		// tmm1's first reason never got its 01260013 line: it ends when
		// tmm1 logs another reason
		{3, "unsupported version", "", ""},
		{6, "not SSL", "10.156.1.150:80", "10.1.1.1:50000"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.line || g.Reason != w.reason || g.Peer != w.peer || g.Client != w.client {
			t.Errorf("event %d: got line %d reason %q peer %q client %q, want %+v", i, g.Line, g.Reason, g.Peer, g.Client, w)
		}
	}
	if got[0].Code != 40 || got[0].Detail != "ssl_select_suite:8181" {
		t.Errorf("alert %d function %q", got[0].Code, got[0].Detail)
	}
}
