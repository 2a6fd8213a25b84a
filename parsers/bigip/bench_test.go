package bigip

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

// BenchmarkParse parses a generated bigip.conf with 5,000 HTTPS virtual
// servers and their pools, nodes, profiles and certificate objects
// (GenerateBench: about 12 MB, 45,000 objects).
func BenchmarkParse(b *testing.B) {
	data := GenerateBench(5000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f := Parse("bigip.conf", data)
		if len(f.Errors) != 0 || len(f.Objects) != 45003 {
			b.Fatalf("%d errors, %d objects", len(f.Errors), len(f.Objects))
		}
	}
}

func TestGenerateBench(t *testing.T) {
	data := GenerateBench(3)
	if !bytes.Equal(data, GenerateBench(3)) {
		t.Fatal("GenerateBench is not deterministic")
	}
	f := parseOK(t, string(data))
	if len(f.Objects) != 3+3*9 {
		t.Fatalf("got %d objects, want %d", len(f.Objects), 3+3*9)
	}
	vs := findObj(t, f, "ltm virtual", "/Common/app00002_vs")
	d, err := ParseDestination(vs.Prop("destination").Value())
	if err != nil || d.Port != 443 || d.Address != "10.10.0.3" {
		t.Errorf("destination %+v, %v", d, err)
	}
	if v, _ := vs.Value("description"); v != `app 00002 "production"` {
		t.Errorf("description = %q", v)
	}
	if r := findObj(t, f, "ltm rule", "/Common/proxy_protocol_v1"); !strings.Contains(r.Raw.Text, "TCP::respond $proxyheader") {
		t.Errorf("iRule body = %q", r.Raw.Text)
	}
}

// pathological inputs: broken scripts, stray quotes, unclosed objects. Each
// must parse in time linear in its size; the benchmark shows it (compare
// ns/op across sizes).
var pathological = map[string]func(i int) string{
	"broken-irules":       func(i int) string { return fmt.Sprintf("ltm rule /Common/r%d {\nwhen X {\n# {\n}\n}\n", i) },
	"one-line-irules":     func(i int) string { return fmt.Sprintf("ltm rule r%d { when X { } }\n", i) },
	"unterminated-quotes": func(i int) string { return fmt.Sprintf("ltm pool /Common/p%d { description \"x }\n", i) },
	"unclosed-objects":    func(i int) string { return fmt.Sprintf("ltm virtual /Common/v%d {\n    profiles {\n", i) },
	"open-brackets":       func(i int) string { return fmt.Sprintf("ltm rule r%d {\nset a [[[[[\n}\n", i) },
}

func BenchmarkParsePathological(b *testing.B) {
	for name, gen := range pathological {
		for _, n := range []int{5000, 20000} {
			var buf bytes.Buffer
			for i := 0; i < n; i++ {
				buf.WriteString(gen(i))
			}
			data := buf.Bytes()
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					Parse("bigip.conf", data)
				}
			})
		}
	}
}

// BenchmarkLoadModel maps the 5,000-virtual bigip.conf into the model:
// parse, resolve every profile chain, pool and certificate object.
func BenchmarkLoadModel(b *testing.B) {
	data := GenerateBench(5000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		m := lint.NewModel()
		if err := LoadModelBytes(m, "bigip.conf", data, nil); err != nil {
			b.Fatal(err)
		}
		if len(m.Findings) != 0 || len(m.Listeners) != 5000 || len(m.Upstreams) != 5000 {
			b.Fatalf("%d findings, %d listeners, %d upstreams", len(m.Findings), len(m.Listeners), len(m.Upstreams))
		}
	}
}

func TestGenerateBenchModel(t *testing.T) {
	m := lint.NewModel()
	if err := LoadModelBytes(m, "bigip.conf", GenerateBench(3), nil); err != nil {
		t.Fatal(err)
	}
	noFindings(t, m)
	l := listener(t, m, "/Common/app00001_vs", "/Common/app00001_clientssl")
	eq(t, "protocols", l.Policy.Protocols.Value, tls.Versions(tls.TLS12))
	eq(t, "names", l.Names[0].Value, "app00001.example.com")
	u := upstream(t, m, "/Common/app00001_vs > pool /Common/app00001_pool")
	eq(t, "upstream", fmt.Sprintf("tls=%v verify=%v sni=%s %s", u.TLS, u.Verify.Value, u.SNIName.Value, targetsOf(u)), "tls=true verify=true sni=app00001.internal.example.com 172.16.0.2:8443 172.20.0.2:8443")
}

func targetsOf(u *lint.Upstream) string {
	var parts []string
	for _, e := range u.Targets {
		parts = append(parts, e.String())
	}
	return strings.Join(parts, " ")
}
