package why_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/driver"
	"github.com/tlslint/tlslint/lint/why"
)

func fixture(t testing.TB, parts ...string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(append([]string{"..", "..", "fixtures", "why"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// lintFixture lints a why fixture as the real programs ran it: nginx 1.22,
// the fixture's own root CA, a fixed clock.
func lintFixture(t testing.TB, path string, clients ...string) *driver.Result {
	t.Helper()
	tg := lint.DefaultTarget()
	if len(clients) > 0 {
		tg.Clients = clients
	}
	tg.Now = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	var err error
	if tg.Nginx, err = lint.ParseProductVersion("1.22"); err != nil {
		t.Fatal(err)
	}
	o := &driver.Options{Target: tg, NoSystemRoots: true, Cwd: filepath.Dir(path)}
	if root := fixture(t, "nginx", "certs", "root.pem"); strings.Contains(path, "/nginx/") {
		o.Roots = []string{root}
	}
	res, err := driver.Lint([]string{path}, o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func diagnose(t testing.TB, res *driver.Result, log string) *why.Result {
	t.Helper()
	fh, err := os.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	d := why.New(res.Model, res.Findings)
	if err := d.Read(filepath.Base(log), fh); err != nil {
		t.Fatal(err)
	}
	return d.Result()
}

// expect is one diagnosis the log must produce: its reason, count, and the
// rule that explains it first ("" = unexplained).
type expect struct {
	reason string
	count  int
	first  string
}

func check(t *testing.T, r *why.Result, want []expect) {
	t.Helper()
	used := map[*why.Diagnosis]bool{}
	for _, w := range want {
		var d *why.Diagnosis
		for _, g := range r.Diagnoses {
			if strings.Contains(g.Reason, w.reason) && !used[g] {
				d = g
				used[g] = true
				break
			}
		}
		if d == nil {
			t.Errorf("no diagnosis for %q", w.reason)
			continue
		}
		first := ""
		if len(d.ExplainedBy) > 0 {
			first = d.ExplainedBy[0].Rule
		}
		if d.Count != w.count || first != w.first {
			t.Errorf("%q: %d lines, first %q; want %d, %q (hint %q)", w.reason, d.Count, first, w.count, w.first, d.Hint)
		}
		if (first == "") != (d.Verdict == why.Unexplained) {
			t.Errorf("%q: verdict %s with %d explaining findings", w.reason, d.Verdict, len(d.ExplainedBy))
		}
		if d.Hint == "" {
			t.Errorf("%q: no hint", w.reason)
		}
	}
	if len(r.Diagnoses) != len(want) {
		for _, d := range r.Diagnoses {
			t.Logf("diagnosis: %q %s (%d)", d.Reason, d.Subject, d.Count)
		}
		t.Errorf("%d diagnoses, want %d", len(r.Diagnoses), len(want))
	}
}

// The log nginx 1.22.1 wrote when capture.sh provoked each failure on the
// fixture's own nginx.conf.
func TestNginxCapture(t *testing.T) {
	res := lintFixture(t, fixture(t, "nginx", "nginx.conf"))
	r := diagnose(t, res, fixture(t, "nginx", "error.log"))
	check(t, r, []expect{
		{"wrong version number", 2, "TL101"},
		{"tlsv1 unrecognized name", 1, "TL103"},
		{"handshake rejected", 1, "TL103"}, // the backend's side of the same request
		{"unsupported protocol", 2, "TL205"},
		{"no shared cipher", 1, "TL310"},
		{"(18:self-signed certificate)", 1, "TL309"},
		{`does not match "billing.internal"`, 1, "TL305"},
		{"tlsv1 alert unknown ca", 1, "TL309"},
		// the intermediate population has no TLS 1.3 client, so TL208
		// judges none (TestKeyShareModernClients)
		{"no suitable key share", 1, ""},
		{ReasonPlainHTTPText, 1, ""}, // curl http:// by hand: nothing in the config
		{"peer closed connection", 1, ""},
	})
	if r.Lines != 34 || r.Ignored != 21 {
		t.Errorf("%d lines, %d ignored; want 34, 21", r.Lines, r.Ignored)
	}
	for _, d := range r.Diagnoses {
		if strings.Contains(d.Reason, "wrong version number") && (d.Subject != "server shop.example.test:443 > location /legacy/" || d.Peer != "127.42.0.2:80") {
			t.Errorf("wrong version number matched %q at %q", d.Subject, d.Peer)
		}
		if d.Reason == "no suitable key share" && !strings.Contains(d.Hint, `"X448"`) {
			t.Errorf("the hint does not quote the groups: %q", d.Hint)
		}
	}
	// most frequent first
	if r.Diagnoses[0].Count < r.Diagnoses[len(r.Diagnoses)-1].Count {
		t.Error("not sorted by count")
	}
}

const ReasonPlainHTTPText = why.ReasonPlainHTTP

// nginx -t on the same tree without the report backend's certificate.
func TestNginxStartup(t *testing.T) {
	res := lintFixture(t, fixture(t, "nginx-start", "nginx.conf"))
	r := diagnose(t, res, fixture(t, "nginx-start", "error.log"))
	check(t, r, []expect{{`no "ssl_certificate" is defined`, 1, "TL203"}})
	if f := r.Diagnoses[0].ExplainedBy[0]; f.Pos.Line != 70 {
		t.Errorf("TL203 at line %d, want the listen directive at 70", f.Pos.Line)
	}
}

func TestBigIP(t *testing.T) {
	res := lintFixture(t, fixture(t, "bigip", "bigip.conf"))
	r := diagnose(t, res, fixture(t, "bigip", "ltm"))
	check(t, r, []expect{
		{why.ReasonBigIPHandshake, 3, "TL101"}, // server side: pool members at :80
		{"unsupported version", 2, "TL205"},    // vs_api is TLS 1.3 only
		{"not SSL", 1, "TL201"},                // client-ssl on the kiosk's :80
		{"no shared ciphers", 1, ""},           // an old client: nothing in the config
		{why.ReasonBigIPHandshake, 1, ""},      // an address the config does not know
	})
	// the unknown address is a second "SSL Handshake failed" diagnosis
	n := 0
	for _, d := range r.Diagnoses {
		if d.Reason == why.ReasonBigIPHandshake {
			n++
			if d.Peer == "10.9.9.9:443" && (d.Verdict != why.Unexplained || !strings.Contains(d.Hint, "nothing in the linted config")) {
				t.Errorf("10.9.9.9: %s %q", d.Verdict, d.Hint)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d SSL Handshake failed diagnoses, want 2", n)
	}
}

// mixedLog writes n lines: the captured TLS failures among the non-TLS
// noise a busy error log holds, with varying connection numbers.
func mixedLog(t testing.TB, n int) string {
	t.Helper()
	capture, err := os.ReadFile(fixture(t, "nginx", "error.log"))
	if err != nil {
		t.Fatal(err)
	}
	tls := strings.Split(strings.TrimSpace(string(capture)), "\n")
	noise := []string{
		`2026/12/06 04:00:00 [error] 3099#3099: *%d open() "/usr/share/nginx/html/favicon.ico" failed (2: No such file or directory), client: 10.0.0.%d, server: shop.example.test, request: "GET /favicon.ico HTTP/1.1", host: "shop.example.test"`,
		`2026/12/06 04:00:00 [error] 3099#3099: *%d upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.%d, server: shop.example.test, request: "GET /app/slow HTTP/1.1", upstream: "https://127.42.0.3:443/app/slow", host: "shop.example.test"`,
		`2026/12/06 04:00:00 [warn] 3099#3099: *%d an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/1/00/0000000001 while reading upstream, client: 10.0.0.%d, server: shop.example.test`,
		`2026/12/06 04:00:00 [info] 3099#3099: *%d client 10.0.0.%d closed keepalive connection`,
		`2026/12/06 04:00:00 [error] 3099#3099: *%d limiting requests, excess: 20.560 by zone "api", client: 10.0.0.%d, server: api.example.test, request: "POST /v1/orders HTTP/1.1", host: "api.example.test"`,
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i%4 == 0 {
			b.WriteString(tls[(i/4)%len(tls)])
		} else {
			fmt.Fprintf(&b, noise[i%len(noise)], 1000+i, i%250)
		}
		b.WriteByte('\n')
	}
	p := filepath.Join(t.TempDir(), "mixed.log")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMixedLog(t *testing.T) {
	res := lintFixture(t, fixture(t, "nginx", "nginx.conf"))
	log := mixedLog(t, 7000)
	r := diagnose(t, res, log)
	if r.Lines != 7000 {
		t.Errorf("%d lines, want 7000", r.Lines)
	}
	counted := 0
	for _, d := range r.Diagnoses {
		counted += d.Count
	}
	if counted+r.Ignored != r.Lines {
		t.Errorf("%d in diagnoses + %d ignored != %d lines", counted, r.Ignored, r.Lines)
	}
	// the same causes as the capture alone, only more often
	alone := diagnose(t, res, fixture(t, "nginx", "error.log"))
	if len(r.Diagnoses) != len(alone.Diagnoses) {
		t.Errorf("%d diagnoses in the mixed log, %d in the capture", len(r.Diagnoses), len(alone.Diagnoses))
	}
	if r.Diagnoses[0].Reason != "wrong version number" && r.Diagnoses[0].Reason != "unsupported protocol" {
		t.Errorf("most frequent: %q", r.Diagnoses[0].Reason)
	}
}

// A line longer than MaxLine is cut, not held whole; the lines after it
// still count.
func TestLongLine(t *testing.T) {
	res := lintFixture(t, fixture(t, "nginx", "nginx.conf"))
	d := why.New(res.Model, res.Findings)
	long := `2026/12/06 03:17:28 [info] 3099#3099: *16 SSL_do_handshake() failed (SSL: error:0A000102:SSL routines::unsupported protocol) while SSL handshaking, client: 127.0.0.1, server: 127.42.0.1:443` +
		strings.Repeat("x", 3*why.MaxLine) + "\n"
	in := long + strings.Repeat("noise\n", 3) + "the last line, without a newline"
	if err := d.Read("big.log", bufio.NewReader(strings.NewReader(in))); err != nil {
		t.Fatal(err)
	}
	r := d.Result()
	if r.Lines != 5 || r.Ignored != 4 {
		t.Errorf("%d lines, %d ignored; want 5, 4", r.Lines, r.Ignored)
	}
	for _, g := range r.Diagnoses {
		if len(g.Text) > why.MaxLine {
			t.Errorf("kept %d bytes of a line", len(g.Text))
		}
	}
}

// BenchmarkWhy measures the diagnosis alone (the lint is done once):
// thousands of lines of a mixed error log.
func BenchmarkWhy(b *testing.B) {
	res := lintFixture(b, fixture(b, "nginx", "nginx.conf"))
	log := mixedLog(b, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fh, err := os.Open(log)
		if err != nil {
			b.Fatal(err)
		}
		d := why.New(res.Model, res.Findings)
		if err := d.Read("mixed.log", fh); err != nil {
			b.Fatal(err)
		}
		fh.Close()
		if r := d.Result(); r.Lines != 10000 {
			b.Fatal(r.Lines)
		}
	}
}

// nginx logs the address it resolved a host name to: the upstream is then
// found by the server name and the request's location; a listener on the
// wildcard address is found from nginx's "server: 0.0.0.0:443".
func TestResolvedNamesAndWildcards(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "nginx.conf")
	src := `events {}
http {
    server {
        listen 443 ssl;
        server_name app.test;
        ssl_certificate     /etc/ssl/app.pem;
        ssl_certificate_key /etc/ssl/app.key;
        ssl_protocols TLSv1.3;
        location /api/ {
            proxy_pass https://api.internal:80;
        }
        location / {
            proxy_pass https://web.internal;
        }
    }
}
`
	if err := os.WriteFile(conf, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res := lintFixture(t, conf)
	d := why.New(res.Model, res.Findings)
	d.Line("error.log", 1, `2026/12/06 03:17:28 [error] 1#1: *1 SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number) while SSL handshaking to upstream, client: 10.0.0.9, server: app.test, request: "GET /api/v1/orders HTTP/1.1", upstream: "https://10.0.5.5:80/api/v1/orders", host: "app.test"`)
	d.Line("error.log", 2, `2018/06/24 22:41:22 [crit] 61481#61481: *1228609 SSL_do_handshake() failed (SSL: error:14209102:SSL routines:tls_early_post_process_client_hello:unsupported protocol) while SSL handshaking, client: 54.208.42.136, server: 0.0.0.0:443`)
	r := d.Result()
	if len(r.Diagnoses) != 2 {
		t.Fatalf("%d diagnoses", len(r.Diagnoses))
	}
	for _, g := range r.Diagnoses {
		first := ""
		if len(g.ExplainedBy) > 0 {
			first = g.ExplainedBy[0].Rule
		}
		switch g.Reason {
		case "wrong version number":
			if g.Subject != "server app.test:443 > location /api/" || first != "TL101" {
				t.Errorf("resolved name: %q, first %q", g.Subject, first)
			}
		case "unsupported protocol":
			if g.Subject != "server app.test:443" || first != "TL205" {
				t.Errorf("wildcard: %q, first %q", g.Subject, first)
			}
		default:
			t.Errorf("reason %q", g.Reason)
		}
	}
}

// Lines about ever new addresses do not grow the diagnoses without bound:
// past MaxGroups, new objects join one diagnosis per reason.
func TestGroupCap(t *testing.T) {
	res := lintFixture(t, fixture(t, "nginx", "nginx.conf"))
	d := why.New(res.Model, res.Findings)
	n := why.MaxGroups + 500
	for i := 0; i < n; i++ {
		d.Line("scan.log", i+1, fmt.Sprintf(`2026/12/06 03:17:28 [info] 1#1: *%d SSL_do_handshake() failed (SSL: error:0A000102:SSL routines::unsupported protocol) while SSL handshaking, client: 10.9.0.1, server: 10.%d.%d.%d:443`, i, i>>16&255, i>>8&255, i&255))
	}
	r := d.Result()
	if len(r.Diagnoses) != why.MaxGroups+1 {
		t.Errorf("%d diagnoses, want %d", len(r.Diagnoses), why.MaxGroups+1)
	}
	if o := r.Diagnoses[0]; o.Count != 500 || o.Verdict != why.Unexplained || o.Peer != "" || len(o.ExplainedBy) != 0 {
		t.Errorf("the overflow diagnosis: %d lines, %s, peer %q", o.Count, o.Verdict, o.Peer)
	}
}

// openssl s_client -tls1_3 -groups P-256:X25519 against ssl_ecdh_curve
// X448 fails with "no suitable key share" (no fallback to TLS 1.2): with a
// population of TLS 1.3 clients, TL208 explains the line.
func TestKeyShareModernClients(t *testing.T) {
	res := lintFixture(t, fixture(t, "nginx", "nginx.conf"), "modern")
	r := diagnose(t, res, fixture(t, "nginx", "error.log"))
	for _, d := range r.Diagnoses {
		if d.Reason == "no suitable key share" {
			if len(d.ExplainedBy) == 0 || d.ExplainedBy[0].Rule != "TL208" || d.ExplainedBy[0].Pos.Line != 95 {
				t.Errorf("not explained by TL208 at line 95: %+v", d.ExplainedBy)
			}
			return
		}
	}
	t.Error("no diagnosis for no suitable key share")
}

// Start-up failures that name a file, not a line (captured from nginx -t
// 1.22 here): the finding about that file explains them.
func TestStartupFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "certs"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"shop.pem", "shop.key", "app.key"} {
		data, err := os.ReadFile(fixture(t, "nginx", "certs", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "certs", f), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	src := `events {}
http {
    server {
        listen 127.42.2.1:443 ssl;
        server_name x.test;
        ssl_certificate     certs/shop.pem;
        ssl_certificate_key certs/app.key;
    }
    server {
        listen 127.42.2.2:443 ssl;
        server_name y.test;
        ssl_certificate     certs/nothere.pem;
        ssl_certificate_key certs/shop.key;
    }
}
`
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res := lintFixture(t, conf)
	d := why.New(res.Model, res.Findings)
	d.Line("error.log", 1, `2026/12/06 03:25:26 [emerg] 24131#24131: SSL_CTX_use_PrivateKey("/tmp/why-capture/e2/certs/app.key") failed (SSL: error:05800074:x509 certificate routines::key values mismatch)`)
	d.Line("error.log", 2, `2026/12/06 03:25:26 [emerg] 24129#24129: cannot load certificate "/tmp/why-capture/e2/certs/nothere.pem": BIO_new_file() failed (SSL: error:80000002:system library::No such file or directory:calling fopen(/tmp/why-capture/e2/certs/nothere.pem, r) error:10000080:BIO routines::no such file)`)
	r := d.Result()
	want := map[string]string{"key values mismatch": "TL306", "No such file or directory": "TL308"}
	for _, g := range r.Diagnoses {
		if len(g.ExplainedBy) == 0 || g.ExplainedBy[0].Rule != want[g.Reason] {
			t.Errorf("%q: explained by %+v, want %s first", g.Reason, g.ExplainedBy, want[g.Reason])
		}
		if g.Reason == "No such file or directory" && (len(g.ExplainedBy) != 1 || !strings.Contains(g.ExplainedBy[0].Message, "nothere.pem")) {
			t.Errorf("the missing file's finding: %+v", g.ExplainedBy)
		}
		delete(want, g.Reason)
	}
	if len(want) > 0 {
		t.Errorf("no diagnosis for %v", want)
	}
}
