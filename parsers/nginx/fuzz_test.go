package nginx

import (
	"testing"

	"github.com/tlslint/tlslint/lint"
)

// FuzzLoad feeds arbitrary bytes to the scanner, the gonginx cross-check
// and the model builder: no panic, no hang, positions inside the file.
func FuzzLoad(f *testing.F) {
	seeds := []string{
		"events {}\nhttp { server { listen 443 ssl; ssl_protocols TLSv1.2; location / { proxy_pass https://b:80; } } }\n",
		"server { listen 80; set $p https; proxy_pass $p://x:443; }",
		"stream { upstream u { server a:1; } server { listen 5 ssl; proxy_ssl on; proxy_pass u; } }",
		"log_format x \"a\\\\\";\nlocation ~ ^/(a)\\{2\\}$ { return 200 \"${host}\"; }",
		"content_by_lua_block { local s = \"}\" -- }\n [[ } ]] }",
		"server {",
		"}",
		"a \"b",
		"include",
		"listen [::1]:443 ssl default_server proxy_protocol;",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m := lint.NewModel()
		ld := NewLoader(m, &Options{})
		ld.LoadData("/nonexistent/fuzz.conf", data)
		m.BuildSockets()
		for _, d := range m.Findings {
			if d.Pos.Offset < 0 || int(d.Pos.End) > len(data) || d.Pos.Offset > d.Pos.End {
				t.Fatalf("finding position %+v outside the %d-byte input", d.Pos, len(data))
			}
		}
	})
}
