package nginx

import (
	"os"
	"os/exec"
	"path/filepath"
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
				if f.Rule == "TL001" || f.Rule == "TL207" {
					ours = append(ours, f.Message)
				}
			}
			if nginxOK != (len(ours) == 0) {
				t.Errorf("nginx -t ok=%v (%s), tlslint errors: %v", nginxOK, strings.TrimSpace(string(out)), ours)
			}
		})
	}
}
