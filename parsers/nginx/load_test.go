package nginx

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/fixtures/shared"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

func tree(t *testing.T, files map[string]string) string { return shared.Tree(t, files) }

func load(t *testing.T, dir, root string, opts *Options) *lint.Model {
	t.Helper()
	if opts == nil {
		opts = &Options{}
	}
	opts.Display = func(abs string) string {
		rel, err := filepath.Rel(dir, abs)
		if err != nil {
			return abs
		}
		return filepath.ToSlash(rel)
	}
	m := lint.NewModel()
	if err := NewLoader(m, opts).LoadPath(filepath.Join(dir, root)); err != nil {
		t.Fatal(err)
	}
	m.BuildSockets()
	return m
}

func diags(m *lint.Model, rule string) []string {
	var out []string
	for _, f := range m.Findings {
		if f.Rule == rule {
			out = append(out, f.Pos.String()+": "+f.Message)
		}
	}
	return out
}

func TestInheritanceAndIncludes(t *testing.T) {
	dir := tree(t, map[string]string{
		"nginx.conf": `events {}
http {
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE+AESGCM;
    include conf.d/*.conf;
}
`,
		"conf.d/a.conf": `server {
    listen 443 ssl;
    server_name a.example.com;
    include snippets/tls.conf;
    location /api/ {
        proxy_ssl_protocols TLSv1.3;
        proxy_pass https://api.internal:8443/v1/;
    }
}
`,
		"conf.d/b.conf": `server {
    listen 8443 ssl;
    server_name b.example.com;
    ssl_protocols TLSv1.3;
    ssl_certificate b.pem;
    ssl_certificate_key b.key;
}
`,
		"conf.d/.hidden.conf": "this is not nginx syntax {",
		"snippets/tls.conf":   "ssl_certificate /etc/ssl/a.pem;\nssl_certificate_key /etc/ssl/a.key;\n",
	})
	m := load(t, dir, "nginx.conf", &Options{Maps: []Mapping{{From: "/etc/ssl", To: filepath.Join(dir, "certs")}}})
	if d := diags(m, "TL001"); len(d) > 0 {
		t.Fatalf("hidden file must not be included by the glob: %v", d)
	}
	if len(m.Listeners) != 2 {
		t.Fatalf("got %d listeners, want 2 (in glob order a, b)", len(m.Listeners))
	}
	a, b := m.Listeners[0], m.Listeners[1]
	if a.Subject != "server a.example.com:443" || b.Subject != "server b.example.com:8443" {
		t.Errorf("subjects %q, %q", a.Subject, b.Subject)
	}
	if got := a.Policy.Protocols; got.Value != tls.Versions(tls.TLS12, tls.TLS13) || got.Context != "http" || got.Pos.String() != "nginx.conf:3:5" {
		t.Errorf("a inherits ssl_protocols from http: %+v", got)
	}
	if got := b.Policy.Protocols; got.Value != tls.Versions(tls.TLS13) || got.Pos.String() != "conf.d/b.conf:4:5" {
		t.Errorf("b's own ssl_protocols replaces http's: %+v", got)
	}
	if a.Policy.Ciphers.Value != "ECDHE+AESGCM" || !b.Policy.Ciphers.Set() {
		t.Errorf("ciphers: %+v", a.Policy.Ciphers)
	}
	if len(a.Certs) != 1 || a.Certs[0].Cert.Pos.File != "snippets/tls.conf" || a.Certs[0].CertPath != filepath.Join(dir, "certs", "a.pem") {
		t.Errorf("certificate from include with --map: %+v", a.Certs)
	}
	if b.Certs[0].CertPath != filepath.Join(dir, "b.pem") {
		t.Errorf("relative certificate path resolves against the prefix: %q", b.Certs[0].CertPath)
	}
	if len(m.Upstreams) != 1 {
		t.Fatalf("upstreams: %d", len(m.Upstreams))
	}
	u := m.Upstreams[0]
	if !u.TLS || u.Targets[0].Host != "api.internal" || u.Targets[0].Port != 8443 || u.Subject != "server a.example.com:443 > location /api/" {
		t.Errorf("upstream: %+v", u)
	}
	if u.Targets[0].PortPos.String() != "conf.d/a.conf:7:41" || u.SchemePos.String() != "conf.d/a.conf:7:20" {
		t.Errorf("positions: port %s scheme %s", u.Targets[0].PortPos, u.SchemePos)
	}
	if u.Policy.Protocols.Value != tls.Versions(tls.TLS13) || u.Policy.Ciphers.Value != "DEFAULT" || !u.Policy.Ciphers.Default {
		t.Errorf("upstream policy: %+v %+v", u.Policy.Protocols, u.Policy.Ciphers)
	}
}

func TestIncludeCycleAndMissing(t *testing.T) {
	dir := tree(t, map[string]string{
		"nginx.conf": "events {}\nhttp { include a.conf; include missing.conf; include /etc/nginx/x/*.conf; }\n",
		"a.conf":     "include b.conf;\n",
		"b.conf":     "include a.conf;\n",
	})
	m := load(t, dir, "nginx.conf", nil)
	if d := diags(m, "TL001"); len(d) != 1 || !strings.Contains(d[0], "include cycle") {
		t.Errorf("cycle: %v", d)
	}
	d := diags(m, "TL002")
	if len(d) != 2 || !strings.Contains(d[0], "refuses to start") || !strings.Contains(d[1], "--map /etc/nginx/x=DIR") {
		t.Errorf("missing includes: %v", d)
	}
}

func TestListenParsing(t *testing.T) {
	dir := tree(t, map[string]string{"nginx.conf": `events {}
http {
    server { listen [::]:443 ssl default_server ipv6only=on; listen 127.0.0.1:8443 ssl proxy_protocol; listen 443 quic reuseport; listen unix:/run/a.sock; }
    server { server_name implicit; }
    server { listen 10.0.0.1; listen 80 bogus; }
}
`})
	m := load(t, dir, "nginx.conf", nil)
	l := m.Listeners[0]
	want := []struct {
		addr          string
		port          int
		ssl, quic, pp bool
		def           bool
	}{{"[::]", 443, true, false, false, true}, {"127.0.0.1", 8443, true, false, true, false}, {"*", 443, false, true, false, false}, {"unix:/run/a.sock", 0, false, false, false, false}}
	for i, w := range want {
		b := l.Binds[i]
		if b.Addr != w.addr || b.Port != w.port || b.SSL != w.ssl || b.QUIC != w.quic || b.ProxyProtocol != w.pp || b.Default != w.def {
			t.Errorf("bind %d: %+v", i, b)
		}
	}
	if b := m.Listeners[1].Binds[0]; !b.Implicit || b.Port != 80 || b.Addr != "*" {
		t.Errorf("no listen means *:80: %+v", b)
	}
	if b := m.Listeners[2].Binds[0]; b.Addr != "10.0.0.1" || b.Port != 80 {
		t.Errorf("address without port: %+v", b)
	}
	if d := diags(m, "TL001"); len(d) != 1 || !strings.Contains(d[0], `invalid parameter "bogus"`) {
		t.Errorf("bad listen parameter: %v", d)
	}
	var udp, tcp int
	for _, s := range m.Sockets {
		if s.Network == "udp" && s.TLS {
			udp++
		}
		if s.Network == "tcp" && s.Port == 443 {
			tcp++
		}
	}
	if udp != 1 || tcp != 1 {
		t.Errorf("quic is a separate UDP socket: udp=%d tcp443=%d", udp, tcp)
	}
}

func TestSocketTLSIsMerged(t *testing.T) {
	dir := tree(t, map[string]string{"nginx.conf": `events {}
http {
    server { listen 443; server_name a; }
    server { listen 443 ssl; server_name b; }
    server { listen 127.0.0.1:443; server_name c; }
}
`})
	m := load(t, dir, "nginx.conf", nil)
	if !m.Listeners[0].TLS() || !m.Listeners[1].TLS() {
		t.Error("one `listen 443 ssl` makes *:443 TLS for every server on it")
	}
	if m.Listeners[2].TLS() {
		t.Error("127.0.0.1:443 is its own socket")
	}
}

func TestFragments(t *testing.T) {
	cases := []struct {
		name, src string
		want      ctx
	}{
		{"servers.conf", "server { listen 443 ssl; location / { proxy_pass https://b; } }", cHTTP},
		{"body.conf", "listen 443 ssl;\nserver_name x;\nlocation / { return 200; }", cServer},
		{"loc.conf", "proxy_set_header Host $host;\nproxy_pass https://backend;", cLocation},
		{"main.conf", "user nginx;\nevents {}\nhttp {}", cMain},
		{"stream.conf", "server { listen 5000; proxy_pass db:5432; }", cStream},
	}
	for _, c := range cases {
		m := lint.NewModel()
		ld := NewLoader(m, &Options{})
		f := ld.parseData("/x/"+c.name, "", []byte(c.src))
		items := (&loader{Loader: ld}).flatten(f.stmts, nil)
		if got := detectContext(items); got != c.want {
			t.Errorf("%s: context %v, want %v", c.name, got, c.want)
		}
	}
	// a location-level fragment still yields its upstream, without TL001
	m := lint.NewModel()
	NewLoader(m, &Options{}).LoadData("/x/loc.conf", []byte("proxy_ssl_verify on;\nproxy_pass https://backend;\n"))
	if len(m.Upstreams) != 1 || !m.Upstreams[0].Verify.Value || len(diags(m, "TL001")) > 0 {
		t.Errorf("location fragment: %+v %v", m.Upstreams, m.Findings)
	}
}

func TestVariables(t *testing.T) {
	dir := tree(t, map[string]string{"nginx.conf": `events {}
http {
    map $host $dyn { default x; }
    server {
        listen 80;
        set $proto https;
        location /a/ { set $app nextcloud; set $port 443; proxy_pass $proto://$app:$port$request_uri; }
        location /b/ { proxy_pass $proto://$dyn:443; }
        location /c/ { set $app x; if ($arg_y) { set $app y; } proxy_pass http://$app; }
        location /d/ { set $app2 z; proxy_pass http://${app2}:8080/; }
    }
}
`})
	m := load(t, dir, "nginx.conf", nil)
	if len(m.Upstreams) != 4 {
		t.Fatalf("upstreams: %d", len(m.Upstreams))
	}
	a := m.Upstreams[0]
	if a.Unknown != "" || !a.TLS || a.Targets[0].Host != "nextcloud" || a.Targets[0].Port != 443 {
		t.Errorf("literal set variables resolve: %+v", a)
	}
	for _, u := range m.Upstreams[1:3] {
		if u.Unknown == "" {
			t.Errorf("%s: a map or conditional variable is unknown, got %+v", u.Subject, u.Targets)
		}
	}
	if d := m.Upstreams[3]; d.Unknown != "" || d.Targets[0].Port != 8080 {
		t.Errorf("${var} resolves: %+v", d)
	}
}

func TestDirectiveChecks(t *testing.T) {
	dir := tree(t, map[string]string{"nginx.conf": `events {}
http {
    ssl_protocols TLSv1.2 TLSv1.3
    ssl_ciphers HIGH;
    ssl_session_tickets maybe;
    proxy_ssl_conf_command Ciphersuites;
    server { listen 80; location / { ssl_stapling on; } }
}
`})
	m := load(t, dir, "nginx.conf", nil)
	got := strings.Join(diags(m, "TL001"), "\n")
	for _, w := range []string{
		`nginx.conf:3:34: expected ";" at the end of line 3: the "ssl_protocols" directive swallowed the next line's "ssl_ciphers"`,
		`nginx.conf:5:25: invalid value "maybe" in "ssl_session_tickets" directive, it must be "on" or "off"`,
		`nginx.conf:6:5: invalid number of arguments in "proxy_ssl_conf_command" directive: expected 2`,
		`nginx.conf:7:38: "ssl_stapling" directive is not allowed here (in location): nginx refuses to start`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
}

func TestSyntaxErrors(t *testing.T) {
	cases := map[string]string{
		"http {\n  server {\n    listen 80;\n":       "nginx.conf:2:10: unexpected end of file",
		"http { }\n}\n":                              `nginx.conf:2:1: unexpected "}": no block is open`,
		"http { listen 80 }\n":                       `nginx.conf:1:18: unexpected "}": expected ";" to end the "listen" directive`,
		"add_header X \"a\"b;\n":                     `nginx.conf:1:17: unexpected "b" after the closing quote`,
		"events {}\nhttp { ssl_ciphers \"HIGH;\n}\n": "nginx.conf:2:20: unexpected end of file: the string opened with \" is never closed",
		";\n": `nginx.conf:1:1: unexpected ";": expected a directive name`,
	}
	for src, want := range cases {
		dir := tree(t, map[string]string{"nginx.conf": src})
		m := load(t, dir, "nginx.conf", nil)
		got := strings.Join(diags(m, "TL001"), "\n")
		if !strings.HasPrefix(got, want) {
			t.Errorf("%q: got %q, want prefix %q", src, got, want)
		}
	}
	// in Japanese, nginx's own words stay and the explanation is translated
	dir := tree(t, map[string]string{"nginx.conf": "events {}\nhttp { ssl_ciphers \"HIGH;\n}\n"})
	var ja []string
	for _, f := range load(t, dir, "nginx.conf", nil).Findings {
		if f.Rule == "TL001" {
			ja = append(ja, f.Msg.In(lint.Japanese))
		}
	}
	if want := `unexpected end of file: " で始まる文字列が閉じられていません`; len(ja) == 0 || ja[0] != want {
		t.Errorf("in Japanese: %q, want %q", ja, want)
	}
}

func TestSuppressionComments(t *testing.T) {
	dir := tree(t, map[string]string{"nginx.conf": `# tlslint:ignore-file TL204 -- legacy kiosk, OPS-123
events {}
http {
    server {
        listen 80;
        # tlslint:ignore TL105,TL103 -- same host
        proxy_pass
            https://127.0.0.1:9443;
        # tlslint:ignore TL105
        location / {}
    }
}
`})
	m := load(t, dir, "nginx.conf", nil)
	if len(m.Suppressions) != 3 {
		t.Fatalf("suppressions: %d", len(m.Suppressions))
	}
	s0, s1, s2 := m.Suppressions[0], m.Suppressions[1], m.Suppressions[2]
	if !s0.FileWide || s0.Rules[0] != "TL204" || s0.Reason != "legacy kiosk, OPS-123" {
		t.Errorf("file-wide: %+v", s0)
	}
	if s1.From != 7 || s1.To != 8 || len(s1.Rules) != 2 || s1.Problem != "" {
		t.Errorf("covers the whole next statement: %+v", s1)
	}
	if s2.Problem == "" {
		t.Errorf("a suppression without a reason is malformed: %+v", s2)
	}
}

// TestGonginxCrossCheck: gonginx parses every file too; where it rejects
// what nginx accepts (a quoted string ending in an escaped backslash), the
// difference is recorded and nginx's rules win: no TL001.
func TestGonginxCrossCheck(t *testing.T) {
	dir := tree(t, map[string]string{
		"nginx.conf": "events {}\nhttp {\n    log_format x \"a\\\\\";\n    server { listen 80; }\n}\n",
		"plain.conf": "events {}\nhttp { server { listen 80; location / { return 200; } } }\n",
	})
	for _, c := range []struct {
		file    string
		differs bool
	}{{"nginx.conf", true}, {"plain.conf", false}} {
		m := lint.NewModel()
		ld := NewLoader(m, &Options{})
		if err := ld.LoadPath(filepath.Join(dir, c.file)); err != nil {
			t.Fatal(err)
		}
		st := ld.Stats()
		if got := len(st.GonginxDiffers) > 0; got != c.differs {
			t.Errorf("%s: gonginx differs = %v (%v), want %v", c.file, got, st.GonginxDiffers, c.differs)
		}
		if d := diags(m, "TL001"); len(d) > 0 {
			t.Errorf("%s: nginx accepts it, but TL001: %v", c.file, d)
		}
	}
}

func TestStreamUDPListen(t *testing.T) {
	dir := tree(t, map[string]string{"nginx.conf": "events {}\nstream {\n    server { listen 5353 udp; proxy_pass 10.0.0.53:53; }\n    server { listen 5353; proxy_pass 10.0.0.53:53; }\n}\n"})
	m := load(t, dir, "nginx.conf", nil)
	if b := m.Listeners[0].Binds[0]; b.Network != "udp" || b.Socket.Network != "udp" {
		t.Errorf("listen … udp: %+v", b)
	}
	if len(m.Sockets) != 2 {
		t.Errorf("udp and tcp on one port are two sockets, got %d", len(m.Sockets))
	}
}

// A conf.d fragment made of a top-level map{} and server{} blocks (Mastodon's
// dist/nginx.conf, the websocket idiom) panicked with "assignment to entry
// in nil map": the root scope was built without its cond map.
func TestTopLevelMapFragment(t *testing.T) {
	for _, src := range []string{
		"map $http_upgrade $connection_upgrade { default upgrade; '' close; }\nserver { listen 443 ssl; location / { proxy_pass http://app; } }\n",
		"map $a $b { default 1; }\nserver { listen 5000; proxy_pass 127.0.0.1:5001; }\n",
		"map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n",
	} {
		m := lint.NewModel()
		NewLoader(m, &Options{}).LoadData("/x/site.conf", []byte(src))
		m.BuildSockets()
		if len(m.Findings) > 0 {
			t.Errorf("%q: %v", src, m.Findings)
		}
		if strings.Contains(src, "server") && len(m.Listeners) != 1 {
			t.Errorf("%q: %d listeners, want 1", src, len(m.Listeners))
		}
	}
}

// Unix-socket targets nginx 1.22 accepts (nginx -t: "syntax is ok"):
// uwsgi_pass and grpc_pass take a bare unix: address, "unix:///run/app.sock"
// included (the path is "///run/app.sock"), proxy_pass the
// http://unix:/path:/uri form.
func TestUnixSocketTargets(t *testing.T) {
	dir := tree(t, map[string]string{"nginx.conf": `events {}
http {
    server {
        listen 8080;
        location /a { uwsgi_pass unix:///run/app.sock; }
        location /b { grpc_pass unix:/run/app.sock; }
        location /c { proxy_pass http://unix:/run/app.sock:/path; }
        location /d { grpc_pass UNIX:/run/app.sock; }
        location /e { uwsgi_pass suwsgi://unix:/run/app.sock; }
    }
}
`})
	m := load(t, dir, "nginx.conf", nil)
	if d := diags(m, "TL001"); len(d) > 0 {
		t.Fatalf("nginx accepts these: %v", d)
	}
	want := []struct {
		kind, target string
		tls          bool
	}{
		{"uwsgi_pass", "unix:///run/app.sock", false},
		{"grpc_pass", "unix:/run/app.sock", false},
		{"proxy_pass", "unix:/run/app.sock", false},
		{"grpc_pass", "unix:/run/app.sock", false},
		{"uwsgi_pass", "unix:/run/app.sock", true},
	}
	if len(m.Upstreams) != len(want) {
		t.Fatalf("%d upstreams, want %d", len(m.Upstreams), len(want))
	}
	for i, w := range want {
		u := m.Upstreams[i]
		if u.Kind != w.kind || u.TLS != w.tls || len(u.Targets) != 1 || !u.Targets[0].Unix || u.Targets[0].String() != w.target {
			t.Errorf("%d: %s tls=%v %+v, want %s %s tls=%v", i, u.Kind, u.TLS, u.Targets, w.kind, w.target, w.tls)
		}
	}
}

// ssl on beside starttls on|only in one mail block: nginx 1.22 -t fails with
// `"ssl" directive conflicts with "starttls"` (or the reverse wording when
// starttls comes first); across levels, or with either off, it starts.
func TestMailSSLStartTLSConflict(t *testing.T) {
	conf := func(mail, server string) string {
		return "events {}\nmail {\n    " + mail + "\n    server {\n        listen 993;\n        protocol imap;\n        " + server + "\n    }\n}\n"
	}
	cases := []struct {
		name, src, version, want string
	}{
		{"ssl first", conf("", "ssl on; starttls on;"), "1.22", `nginx.conf:7:17: "ssl" directive conflicts with "starttls" (at nginx.conf:7:9)`},
		{"starttls first", conf("", "starttls only; ssl on;"), "1.22", `nginx.conf:7:24: "starttls" directive conflicts with "ssl on" (at nginx.conf:7:9)`},
		{"mail level", conf("ssl on; starttls on;", ""), "1.22", `nginx.conf:3:13: "ssl" directive conflicts with "starttls"`},
		{"across levels", conf("ssl on;", "starttls on;"), "1.22", ""},
		{"starttls off", conf("", "ssl on; starttls off;"), "1.22", ""},
		{"ssl removed", conf("", "ssl on; starttls on;"), "1.25.1", ""},
	}
	for _, c := range cases {
		v, err := lint.ParseProductVersion(c.version)
		if err != nil {
			t.Fatal(err)
		}
		dir := tree(t, map[string]string{"nginx.conf": c.src})
		m := load(t, dir, "nginx.conf", &Options{Target: &lint.Target{Nginx: v}})
		got := strings.Join(diags(m, "TL001"), "\n")
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// Reproducible anywhere (hostpaths.go): an unmapped absolute path outside
// the linted tree is not read from this machine unless the tree is linted
// in place or --host-paths says so.
func TestHostPaths(t *testing.T) {
	conf := `events {}
http {
    include /etc/nginx/mime.types;
    server {
        listen 443 ssl;
        ssl_certificate /etc/ssl/certs/ssl-cert-snakeoil.pem;
        ssl_certificate_key %s;
    }
}
`
	t.Run("repository copy", func(t *testing.T) {
		dir := tree(t, map[string]string{".git/HEAD": "ref: refs/heads/main\n", "nginx/nginx.conf": strings.Replace(conf, "%s", "/etc/ssl/private/app.key", 1)})
		m := load(t, dir, "nginx/nginx.conf", nil)
		cp := m.Listeners[0].Certs[0]
		if cp.CertPath != "" || cp.KeyPath != "" {
			t.Errorf("host files must not be read: %q %q", cp.CertPath, cp.KeyPath)
		}
		want := `nginx/nginx.conf:3:5: include "/etc/nginx/mime.types" is not linted: it is outside the linted tree and not mapped, so tlslint does not read this machine's copy; map it: --map /etc/nginx=DIR`
		if got := strings.Join(diags(m, "TL002"), "\n"); !strings.Contains(got, want) {
			t.Errorf("TL002: got\n%s\nwant %q", got, want)
		}
		// the model says why the certificate is not read; TL308 reports it
		wantCert := `ssl_certificate "/etc/ssl/certs/ssl-cert-snakeoil.pem" is not checked: it is outside the linted tree and not mapped, so tlslint does not read this machine's copy; map it: --map /etc/ssl/certs=DIR`
		if !strings.HasPrefix(cp.Cert.Unavailable().String(), wantCert) {
			t.Errorf("certificate: unavailable %q, want %q", cp.Cert.Unavailable(), wantCert)
		}
		// in Japanese too, with the directive, the path and the --map verbatim
		wantJA := `ssl_certificate "/etc/ssl/certs/ssl-cert-snakeoil.pem" は検査しません: 検査対象のツリーの外にあり、マッピングもされていないため、tlslint はこのマシン上のファイルを読みません。--map /etc/ssl/certs=DIR でマッピングしてください`
		if got := cp.Cert.Unavailable().In(lint.Japanese); !strings.HasPrefix(got, wantJA) {
			t.Errorf("certificate, in Japanese: unavailable %q, want %q", got, wantJA)
		}
		for _, f := range m.Findings {
			if (f.Rule == "TL002" || f.Rule == "TL308") && f.Severity != lint.Info {
				t.Errorf("unavailable host paths are info: %v", f)
			}
		}
		// inside the checkout, an absolute path is part of the tree
		dir2 := tree(t, map[string]string{".git/HEAD": "x", "nginx/nginx.conf": "x"})
		inside2 := filepath.Join(dir2, "certs", "app.key")
		if err := os.WriteFile(filepath.Join(dir2, "nginx", "nginx.conf"), []byte(strings.Replace(conf, "%s", inside2, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := load(t, dir2, "nginx/nginx.conf", nil).Listeners[0].Certs[0].KeyPath; got != inside2 {
			t.Errorf("a path inside the checkout is read: %q", got)
		}
	})
	t.Run("--host-paths and --map", func(t *testing.T) {
		dir := tree(t, map[string]string{".git/HEAD": "x", "nginx.conf": strings.Replace(conf, "%s", "/etc/ssl/private/app.key", 1)})
		cp := load(t, dir, "nginx.conf", &Options{HostPaths: true}).Listeners[0].Certs[0]
		if cp.CertPath != "/etc/ssl/certs/ssl-cert-snakeoil.pem" {
			t.Errorf("--host-paths reads the host path: %q", cp.CertPath)
		}
		m := load(t, dir, "nginx.conf", &Options{Maps: []Mapping{{From: "/etc/ssl", To: filepath.Join(dir, "ssl")}}})
		if cp := m.Listeners[0].Certs[0]; cp.CertPath != filepath.Join(dir, "ssl/certs/ssl-cert-snakeoil.pem") {
			t.Errorf("--map applies: %q", cp.CertPath)
		}
		if len(diags(m, "TL308")) != 0 {
			t.Errorf("mapped paths are not reported by the loader: %v", diags(m, "TL308"))
		}
	})
	t.Run("in place", func(t *testing.T) {
		// outside any checkout, a path under the root's top directory is
		// the deployed tree's own (tlslint /etc/nginx/nginx.conf reading
		// /etc/ssl/...); the temporary directory stands in for /etc.
		dir := tree(t, map[string]string{"nginx.conf": "x"})
		if repoRoot(dir) != "" {
			t.Skip("the temporary directory is inside a repository")
		}
		other := t.TempDir()
		key := filepath.Join(other, "app.key")
		if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(strings.Replace(conf, "%s", key, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		cp := load(t, dir, "nginx.conf", nil).Listeners[0].Certs[0]
		if cp.KeyPath != key {
			t.Errorf("in place, %s is read: got %q", key, cp.KeyPath)
		}
		if topDir(key) == "/etc" || cp.CertPath != "" {
			t.Errorf("a path under another top directory is not read: %q", cp.CertPath)
		}
	})
}

// A lone fragment's relative includes resolve against the nearest
// directory above it holding nginx.conf (nginx's prefix); a glob that
// matches nothing is info, as nginx accepts it.
func TestFragmentPrefix(t *testing.T) {
	dir := tree(t, map[string]string{
		".git/HEAD":                     "x",
		"etc/nginx/nginx.conf":          "events {}\nhttp { include sites-enabled/*; }\n",
		"etc/nginx/snippets/ssl.conf":   "ssl_protocols TLSv1.2;\n",
		"etc/nginx/sites-enabled/app":   "server {\n    listen 443 ssl;\n    include snippets/ssl.conf;\n    include snippets/missing.conf;\n    include custom/*.conf;\n}\n",
		"etc/nginx/sites-enabled/other": "server { listen 80; }\n",
	})
	m := load(t, dir, "etc/nginx/sites-enabled/app", nil)
	if got := m.Listeners[0].Policy.Protocols; !got.Set() || got.Pos.File != "etc/nginx/snippets/ssl.conf" {
		t.Errorf("snippets/ssl.conf resolves against etc/nginx: %+v", got)
	}
	var got []string
	for _, f := range m.Findings {
		if f.Rule == "TL002" {
			got = append(got, fmt.Sprintf("%d %s", f.Pos.Line, f.Severity))
			if f.Severity != lint.Info {
				t.Errorf("a fragment's unresolved include is info: %s %s", f.Pos, f.Message)
			}
		}
	}
	if len(got) != 2 {
		t.Errorf("TL002 on lines 4 and 5 (missing file, empty glob), got %v", got)
	}
}

// TestWrittenSharesArgs: the upstreams' Written lists share the argument
// lists of a statement listed more than once (written in http or server, or
// in a snippet several locations include, from its second inclusion), and
// a location's own statement is built for its one list.
func TestWrittenSharesArgs(t *testing.T) {
	dir := tree(t, map[string]string{
		"nginx.conf": `events {}
http {
    proxy_ssl_protocols TLSv1.2 TLSv1.3;
    server {
        listen 80;
        location /a/ { include snippets/ssl.conf; proxy_pass https://a.internal; }
        location /b/ { include snippets/ssl.conf; proxy_pass https://b.internal; }
        location /c/ { include snippets/ssl.conf; proxy_pass https://c.internal; }
        location /d/ { proxy_ssl_name d.internal; proxy_pass https://d.internal; }
    }
}
`,
		"snippets/ssl.conf": "proxy_ssl_verify on;\n",
	})
	m := load(t, dir, "nginx.conf", nil)
	args := map[string][]*string{}
	for _, u := range m.Upstreams {
		for i, d := range u.Written {
			args[d.Name] = append(args[d.Name], &u.Written[i].Args[0])
		}
	}
	if ps := args["proxy_ssl_protocols"]; len(ps) != 4 || ps[0] != ps[1] || ps[0] != ps[3] {
		t.Errorf("http's proxy_ssl_protocols: %d lists, not one shared list", len(ps))
	}
	if vs := args["proxy_ssl_verify"]; len(vs) != 3 || vs[1] != vs[2] {
		t.Errorf("the snippet's proxy_ssl_verify: %d lists, the second and third not shared", len(vs))
	}
	if len(args["proxy_ssl_name"]) != 1 {
		t.Errorf("proxy_ssl_name: %d lists, want 1", len(args["proxy_ssl_name"]))
	}
}

// TestCrossCheckCompares: crossCheck reports the first statement whose name
// differs, or the two counts when they differ, walking nested blocks in
// gonginx's order (an http or upstream block's servers last).
func TestCrossCheckCompares(t *testing.T) {
	data := []byte("events {}\nhttp {\n    server { listen 80; location / { return 200; } }\n    access_log off;\n" +
		"    upstream u { server 10.0.0.1; server 10.0.0.2 backup; keepalive 8; }\n}\n")
	parse := func() []*Stmt {
		ss, _, err := parseFile(data)
		if err != nil {
			t.Fatal(err)
		}
		return ss
	}
	if got := crossCheck(data, parse()); got != "" {
		t.Errorf("the same file: %q", got)
	}
	renamed := parse()
	renamed[1].Block[0].Block[1].Block[0].Name = "rewrite" // http > server > location > return
	if got, want := crossCheck(data, renamed), `statement 11: gonginx read "return", nginx's rules "rewrite"`; got != want {
		t.Errorf("renamed:\n got %q\nwant %q", got, want)
	}
	dropped := parse()
	dropped[1].Block = append(dropped[1].Block[:1:1], dropped[1].Block[2]) // no access_log
	if got, want := crossCheck(data, dropped), "gonginx read 11 statements, nginx's rules 10"; got != want {
		t.Errorf("dropped:\n got %q\nwant %q", got, want)
	}
	extra := parse()
	extra = append(extra, &Stmt{Name: "worker_processes"})
	if got, want := crossCheck(data, extra), "gonginx read 11 statements, nginx's rules 12"; got != want {
		t.Errorf("extra:\n got %q\nwant %q", got, want)
	}
}

// TestIncludedTwice: the walk lets go of a file's statements after its
// first include; a second include of it reads it again, with the same
// servers, directives and positions, and its suppression comment is
// recorded once.
func TestIncludedTwice(t *testing.T) {
	site := "# tlslint:ignore TL204 legacy kiosk\n" +
		"server {\n    listen 443 ssl;\n    server_name a.example;\n    ssl_protocols TLSv1 TLSv1.2;\n" +
		"    location / { include snippets/proxy.conf; proxy_pass https://10.0.0.1; }\n}\n"
	dir := tree(t, map[string]string{
		"nginx.conf":          "events {}\nhttp {\n    include sites/*.conf;\n    include sites/a.conf;\n    server { listen 80; location / { include snippets/proxy.conf; proxy_pass https://10.0.0.2; } }\n}\n",
		"sites/a.conf":        site,
		"snippets/proxy.conf": "proxy_ssl_server_name on;\nproxy_ssl_protocols TLSv1.3;\n",
	})
	m := load(t, dir, "nginx.conf", nil)
	if len(m.Listeners) != 3 {
		t.Fatalf("listeners: %d, want 3 (a.conf twice, the server in nginx.conf)", len(m.Listeners))
	}
	a, b := m.Listeners[0], m.Listeners[1]
	if a.Pos != b.Pos || a.Policy.Protocols.Pos != b.Policy.Protocols.Pos || a.Policy.Protocols.Value != b.Policy.Protocols.Value {
		t.Errorf("the second include reads a.conf differently:\n%+v\n%+v", a.Policy.Protocols, b.Policy.Protocols)
	}
	if len(m.Upstreams) != 3 {
		t.Fatalf("upstreams: %d, want 3", len(m.Upstreams))
	}
	for _, u := range m.Upstreams {
		if !u.SNI.Value || !strings.HasSuffix(u.SNI.Pos.File, "proxy.conf") {
			t.Errorf("%s: proxy_ssl_server_name %+v, want on from snippets/proxy.conf", u.Subject, u.SNI)
		}
	}
	if len(m.Suppressions) != 1 {
		t.Errorf("suppressions: %d, want the one comment once", len(m.Suppressions))
	}
}
