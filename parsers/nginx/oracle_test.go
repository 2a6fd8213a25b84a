package nginx

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

// TestNginxOracle compares what the loader rejects (TL001) with what the
// real nginx on the machine rejects (`nginx -t`), on configurations that
// need no certificate files. Skipped when nginx is not installed.
func TestNginxOracle(t *testing.T) {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		t.Skip("nginx not installed (apt-get install nginx): the oracle test is skipped")
	}
	cases := []struct {
		name, http string
	}{
		{"valid", `ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers "HIGH:!aNULL"; server { listen 8080; location / { return 200 "a\\"; } }`},
		{"escaped quote", `log_format x 'a\'b' "c\"d"; server { listen 8080; add_header X "y z" always; }`},
		{"brace variable", `server { listen 8080; location / { return 200 "${host}x"; } }`},
		{"regex location", `server { listen 8080; location ~ ^/(a|b)\{2\}$ { return 204; } }`},
		{"missing semicolon", "ssl_protocols TLSv1.2 TLSv1.3\n    ssl_ciphers HIGH;"},
		{"bad protocol", `ssl_protocols TLSv1.2 TLSv1.4;`},
		{"bad flag", `ssl_prefer_server_ciphers yes;`},
		{"duplicate", `ssl_ciphers HIGH; ssl_ciphers MEDIUM;`},
		{"not allowed in location", `server { listen 8080; location / { ssl_ciphers HIGH; } }`},
		{"arguments", `ssl_ciphers HIGH !aNULL;`},
		{"unexpected brace", `server { listen 8080; } }`},
		{"quote then word", `add_header X "a"b;`},
		{"verify without trust is not a syntax error", `server { listen 8080; location / { proxy_pass https://127.0.0.1:9; } }`},
		{"conf command", `ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256;`},
		{"bad listen parameter", `server { listen 8080 sll; }`},
		{"unix socket targets", `server { listen 8080; location /a { uwsgi_pass unix:///run/app.sock; } location /b { grpc_pass unix:/run/app.sock; } location /c { proxy_pass http://unix:/run/app.sock:/path; } location /d { grpc_pass UNIX:/run/app.sock; } }`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			conf := "pid " + filepath.Join(dir, "nginx.pid") + ";\nevents {}\nhttp {\n    access_log off;\n    " + c.http + "\n}\n"
			path := filepath.Join(dir, "nginx.conf")
			if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(bin, "-t", "-q", "-p", dir, "-c", path, "-e", "stderr").CombinedOutput()
			nginxOK := err == nil
			m := lint.NewModel()
			if err := NewLoader(m, &Options{}).LoadPath(path); err != nil {
				t.Fatal(err)
			}
			var ours []string
			for _, f := range m.Findings {
				if f.Rule == lint.ParseErrorRule {
					ours = append(ours, f.Message)
				}
			}
			// refusals the model carries for a rule to judge (ssl_ciphers'
			// argument count is TL207's)
			for _, d := range m.Written {
				if !d.Refused().IsZero() {
					ours = append(ours, d.Refused().String())
				}
			}
			if nginxOK != (len(ours) == 0) {
				t.Errorf("nginx -t ok=%v (%s), tlslint errors: %v", nginxOK, strings.TrimSpace(string(out)), ours)
			}
		})
	}
}

// emergRE takes the message of an nginx -t [emerg] line.
var emergRE = regexp.MustCompile(`\[emerg\] \d+#\d+: (.*) in \S+:\d+`)

// TestNginxOracleMail: ssl on beside starttls in one mail block, against the
// installed nginx (mail is a dynamic module on Debian; the check applies to
// targets before 1.25.1, so the loader targets the installed version).
func TestNginxOracleMail(t *testing.T) {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		t.Skip("nginx not installed: the oracle test is skipped")
	}
	const mod = "/usr/lib/nginx/modules/ngx_mail_module.so"
	if _, err := os.Stat(mod); err != nil {
		t.Skip("no dynamic mail module at " + mod)
	}
	vout, _ := exec.Command(bin, "-v").CombinedOutput()
	_, ver, ok := strings.Cut(strings.TrimSpace(string(vout)), "nginx/")
	v, err := lint.ParseProductVersion(strings.Fields(ver + " ")[0])
	if !ok || err != nil {
		t.Skipf("cannot read the nginx version from %q", vout)
	}
	for _, body := range []string{"ssl on; starttls on;", "starttls only; ssl on;", "ssl on; starttls off;", "starttls on;"} {
		t.Run(body, func(t *testing.T) {
			dir := t.TempDir()
			conf := "load_module " + mod + ";\npid " + filepath.Join(dir, "nginx.pid") + ";\nevents {}\nmail {\n    auth_http 127.0.0.1:9/auth;\n    server {\n        listen 127.0.0.2:9993;\n        protocol imap;\n        " + body + "\n    }\n}\n"
			path := filepath.Join(dir, "nginx.conf")
			if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(bin, "-t", "-q", "-p", dir, "-c", path, "-e", "stderr").CombinedOutput()
			// nginx -t also fails without certificates when TLS is on, so
			// compare only the conflict message.
			nginxConflict := err != nil && strings.Contains(string(out), "conflicts with")
			m := lint.NewModel()
			if err := NewLoader(m, &Options{Target: &lint.Target{Nginx: v}}).LoadPath(path); err != nil {
				t.Fatal(err)
			}
			var ours []string
			for _, f := range m.Findings {
				if f.Rule == "TL001" {
					ours = append(ours, f.Message)
				}
			}
			if nginxConflict != (len(ours) > 0) {
				t.Errorf("nginx -t conflict=%v (%s), tlslint: %v", nginxConflict, strings.TrimSpace(string(out)), ours)
			}
			if m := emergRE.FindStringSubmatch(string(out)); nginxConflict && m != nil {
				for _, o := range ours {
					if !strings.HasPrefix(o, m[1]) {
						t.Errorf("message differs from nginx's: %q vs %q", o, m[1])
					}
				}
			}
		})
	}
}
