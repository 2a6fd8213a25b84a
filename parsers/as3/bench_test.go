package as3

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

// bigDeclaration builds a declaration of tenants × apps applications, each
// with an HTTPS service, its TLS_Server, certificate, TLS_Client and pool:
// the shape of a large AS3 estate. flat puts every object of a tenant in
// one application instead (thousands of items in one object).
func bigDeclaration(tenants, apps int, flat bool) []byte {
	var b strings.Builder
	b.WriteString(`{"class": "AS3", "declaration": {"class": "ADC", "schemaVersion": "3.56.0"`)
	for t := 0; t < tenants; t++ {
		fmt.Fprintf(&b, ",\n \"t%d\": {\"class\": \"Tenant\"", t)
		if flat {
			b.WriteString(",\n  \"app\": {\"class\": \"Application\"")
		}
		for a := 0; a < apps; a++ {
			if !flat {
				fmt.Fprintf(&b, ",\n  \"a%d\": {\"class\": \"Application\"", a)
			}
			fmt.Fprintf(&b, `,
   "s%[1]d": {"class": "Service_HTTPS", "virtualAddresses": ["10.%[2]d.%[3]d.%[4]d"], "serverTLS": "tls%[1]d", "clientTLS": "ctls%[1]d", "pool": "p%[1]d"},
   "tls%[1]d": {"class": "TLS_Server", "certificates": [{"certificate": "c%[1]d"}], "tls1_0Enabled": false, "tls1_1Enabled": false, "tls1_3Enabled": true},
   "c%[1]d": {"class": "Certificate", "certificate": {"bigip": "/Common/c%[1]d.crt"}, "privateKey": {"bigip": "/Common/c%[1]d.key"}},
   "ctls%[1]d": {"class": "TLS_Client", "sendSNI": "app%[1]d.internal.example", "validateCertificate": true},
   "p%[1]d": {"class": "Pool", "members": [{"servicePort": 443, "serverAddresses": ["10.200.%[3]d.%[4]d", "10.201.%[3]d.%[4]d"]}]}`,
				a, t%250, a/250, a%250+1)
			if !flat {
				b.WriteString("}")
			}
		}
		if flat {
			b.WriteString("}")
		}
		b.WriteString("}")
	}
	b.WriteString("}}")
	return []byte(b.String())
}

func TestBigDeclaration(t *testing.T) {
	for _, flat := range []bool{false, true} {
		data := bigDeclaration(2, 500, flat)
		m := lint.NewModel()
		if err := LoadModelBytes(m, "big.json", data, nil); err != nil {
			t.Fatal(err)
		}
		noDiags(t, m)
		// per service: one TLS listener, one redirect listener, one upstream
		if len(m.Listeners) != 2000 || len(m.Upstreams) != 1000 {
			t.Errorf("flat %v: %d listeners, %d upstreams", flat, len(m.Listeners), len(m.Upstreams))
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"2000-apps", bigDeclaration(4, 500, false)},
		{"2000-services-one-app", bigDeclaration(1, 2000, true)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.data)))
			for b.Loop() {
				m := lint.NewModel()
				if err := LoadModelBytes(m, "big.json", bc.data, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
