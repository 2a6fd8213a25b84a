package as3

import (
	"testing"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

const httpsDecl = `{
  "class": "ADC",
  "schemaVersion": "3.56.0",
  "Shop": {
    "class": "Tenant",
    "Web": {
      "class": "Application",
      "site": {
        "class": "Service_HTTPS",
        "virtualAddresses": ["10.1.10.10", ["10.1.10.11", "192.0.2.0/24"]],
        "pool": "web_pool",
        "serverTLS": "site_tls"
      },
      "web_pool": {
        "class": "Pool",
        "members": [{"servicePort": 8443, "serverAddresses": ["10.1.20.11", "10.1.20.12%2"]}]
      },
      "site_tls": {
        "class": "TLS_Server",
        "certificates": [{"certificate": "site_cert"}]
      },
      "site_cert": {
        "class": "Certificate",
        "certificate": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        "privateKey": {"bigip": "/Common/site.key"},
        "chainCA": {"bigip": "/Common/ca-chain.crt"}
      }
    }
  }
}`

func TestServiceHTTPS(t *testing.T) {
	m := loadJSON(t, httpsDecl, nil)
	noDiags(t, m)
	l := listener(t, m, "/Shop/Web/site")
	if l.Product != lint.AS3 || l.Kind != "service" || !l.HTTPProfile || l.Incomplete {
		t.Errorf("listener %s: product %s context %s http %v incomplete %v", l.Subject, l.Product, l.Kind, l.HTTPProfile, l.Incomplete)
	}
	if got, want := at(l.Pos), lc(t, httpsDecl, `"site": {`); got != want {
		t.Errorf("listener at %s, want %s", got, want)
	}
	if got := binds(l); got != "10.1.10.10:443 ssl, 10.1.10.11:443 ssl" {
		t.Errorf("binds %s", got)
	}
	b := l.Binds[1]
	if at(b.Pos) != lc(t, httpsDecl, `"10.1.10.11"`) || at(b.SSLPos) != lc(t, httpsDecl, `"serverTLS"`) || b.PortPos.IsValid() {
		t.Errorf("bind positions: at %s ssl %s port %s", at(b.Pos), at(b.SSLPos), at(b.PortPos))
	}
	if text(m, b.SSLPos) != `"serverTLS": "site_tls"` {
		t.Errorf("SSLPos covers %q", text(m, b.SSLPos))
	}
	if l.Profile != "/Shop/Web/site_tls" || at(l.ProfilePos) != lc(t, httpsDecl, `"serverTLS"`) {
		t.Errorf("profile %s at %s", l.Profile, at(l.ProfilePos))
	}
	p := l.Policy
	if p.Product != lint.BigIP || p.Protocols.Value != tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12) || !p.Protocols.Default ||
		p.Protocols.Context != "/Shop/Web/site_tls" {
		t.Errorf("policy %s protocols %s (%s)", p.Product, p.Protocols.Value, origin(p.Protocols.Origin))
	}
	if p.Ciphers.Value != "DEFAULT" || !p.Ciphers.Default || p.CipherGroup.Value != nil {
		t.Errorf("ciphers %q (%s) group %v", p.Ciphers.Value, origin(p.Ciphers.Origin), p.CipherGroup.Value)
	}
	if !l.SNIDefault.Value || !l.SNIDefault.Default || l.SNIRequire.Value {
		t.Errorf("sni-default %v (%s) sni-require %v", l.SNIDefault.Value, origin(l.SNIDefault.Origin), l.SNIRequire.Value)
	}
	if len(l.Certs) != 1 {
		t.Fatalf("%d certs", len(l.Certs))
	}
	c := l.Certs[0]
	if c.Cert.Value != "data:-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" || c.CertPath != "" ||
		at(c.Cert.Pos) != lc(t, httpsDecl, `"certificate": "-----`) || c.Cert.Context != "/Shop/Web/site_cert" {
		t.Errorf("cert %q path %q at %s (%s)", c.Cert.Value, c.CertPath, at(c.Cert.Pos), c.Cert.Context)
	}
	if c.Key.Value != "/Common/site.key" || c.Chain.Value != "/Common/ca-chain.crt" || at(c.Key.Pos) != lc(t, httpsDecl, `"privateKey"`) {
		t.Errorf("key %q at %s, chain %q", c.Key.Value, at(c.Key.Pos), c.Chain.Value)
	}

	// redirect80 defaults to true: a plain HTTP listener on port 80.
	r := listener(t, m, "/Shop/Web/site-Redirect-")
	if binds(r) != "10.1.10.10:80, 10.1.10.11:80" || !r.HTTPProfile || r.TLS() || len(r.Upstreams) != 0 || r.Policy != nil {
		t.Errorf("redirect listener: binds %s http %v upstreams %d", binds(r), r.HTTPProfile, len(r.Upstreams))
	}

	u := upstream(t, m, "/Shop/Web/site > pool /Shop/Web/web_pool")
	if u.Product != lint.AS3 || u.Kind != "pool" || u.TLS || u.Scheme != "http" || u.Policy != nil || u.From != l || u.Unknown != "" {
		t.Errorf("upstream: product %s kind %s tls %v scheme %s from %v", u.Product, u.Kind, u.TLS, u.Scheme, u.From)
	}
	if got := targets(u); got != "10.1.20.11:8443 ip, 10.1.20.12%2:8443 ip" {
		t.Errorf("targets %s", got)
	}
	if at(u.Pos) != lc(t, httpsDecl, `"pool": "web_pool"`) || text(m, u.ArgPos) != `"web_pool"` || u.Host != "web_pool" ||
		u.Group != "/Shop/Web/web_pool" || at(u.GroupPos) != lc(t, httpsDecl, `"web_pool": {`) {
		t.Errorf("upstream positions: at %s arg %q host %s group %s at %s", at(u.Pos), text(m, u.ArgPos), u.Host, u.Group, at(u.GroupPos))
	}
	e := u.Targets[0]
	if at(e.Pos) != lc(t, httpsDecl, `"10.1.20.11"`) || text(m, e.PortPos) != "8443" {
		t.Errorf("endpoint at %s port %q", at(e.Pos), text(m, e.PortPos))
	}
	if len(l.Upstreams) != 1 || l.Upstreams[0] != u {
		t.Errorf("listener upstreams %v", l.Upstreams)
	}

	// Sockets: the HTTPS virtual is TLS, the redirect is plain.
	for _, s := range m.Sockets {
		if s.TLS != (s.Port == 443) {
			t.Errorf("socket %s TLS %v", s.Key(), s.TLS)
		}
	}
	if len(m.Sockets) != 4 {
		t.Errorf("%d sockets, want 4", len(m.Sockets))
	}
}

// svcDecl wraps application items in a tenant "T" and application "A".
func svcDecl(items string) string {
	return `{"class": "ADC", "schemaVersion": "3.56.0",
 "T": {"class": "Tenant",
  "A": {"class": "Application",
` + items + `
  }
 }
}`
}

func TestServiceKinds(t *testing.T) {
	tests := []struct {
		name, items string
		check       func(t *testing.T, m *lint.Model, js string)
	}{
		{"http default port 80, no redirect", `"s": {"class": "Service_HTTP", "virtualAddresses": ["10.0.0.1"]}`,
			func(t *testing.T, m *lint.Model, js string) {
				l := listener(t, m, "/T/A/s")
				if binds(l) != "10.0.0.1:80" || !l.HTTPProfile || l.Policy != nil || len(m.Listeners) != 1 {
					t.Errorf("binds %s http %v listeners %d", binds(l), l.HTTPProfile, len(m.Listeners))
				}
			}},
		{"https written port", `"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "virtualPort": 8443, "redirect80": false,
   "serverTLS": {"bigip": "/Common/clientssl"}}`,
			func(t *testing.T, m *lint.Model, js string) {
				l := listener(t, m, "/T/A/s")
				if binds(l) != "10.0.0.1:8443 ssl" || text(m, l.Binds[0].PortPos) != "8443" || len(m.Listeners) != 1 {
					t.Errorf("binds %s port text %q listeners %d", binds(l), text(m, l.Binds[0].PortPos), len(m.Listeners))
				}
			}},
		{"https on port 80 has no redirect", `"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "virtualPort": 80,
   "serverTLS": {"bigip": "/Common/clientssl"}}`,
			func(t *testing.T, m *lint.Model, js string) {
				if len(m.Listeners) != 1 || binds(m.Listeners[0]) != "10.0.0.1:80 ssl" {
					t.Errorf("listeners %d", len(m.Listeners))
				}
			}},
		{"redirect80 written true", `"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "redirect80": true,
   "serverTLS": {"bigip": "/Common/clientssl"}}`,
			func(t *testing.T, m *lint.Model, js string) {
				r := listener(t, m, "/T/A/s-Redirect-")
				if at(r.Pos) != lc(t, js, `"redirect80"`) {
					t.Errorf("redirect at %s", at(r.Pos))
				}
			}},
		{"tcp terminating TLS has no HTTP profile", `"s": {"class": "Service_TCP", "virtualAddresses": ["10.0.0.1"], "virtualPort": 636,
   "serverTLS": {"bigip": "/Common/clientssl"}, "pool": "p", "clientTLS": {"bigip": "/Common/serverssl"}},
   "p": {"class": "Pool", "members": [{"servicePort": 636, "serverAddresses": ["10.0.1.1"]}]}`,
			func(t *testing.T, m *lint.Model, js string) {
				l := listener(t, m, "/T/A/s")
				if l.HTTPProfile || binds(l) != "10.0.0.1:636 ssl" || len(m.Listeners) != 1 {
					t.Errorf("http %v binds %s listeners %d", l.HTTPProfile, binds(l), len(m.Listeners))
				}
				u := upstream(t, m, "/T/A/s > pool /T/A/p")
				if !u.TLS || u.Scheme != "tls" {
					t.Errorf("tls %v scheme %s", u.TLS, u.Scheme)
				}
			}},
		{"L4 forwards, plain pool", `"s": {"class": "Service_L4", "virtualAddresses": ["10.0.0.1"], "virtualPort": 443, "pool": "p"},
   "p": {"class": "Pool", "members": [{"servicePort": 443, "serverAddresses": ["10.0.1.1"]}]}`,
			func(t *testing.T, m *lint.Model, js string) {
				l := listener(t, m, "/T/A/s")
				u := upstream(t, m, "/T/A/s > pool /T/A/p")
				if l.HTTPProfile || l.TLS() || u.TLS || u.Scheme != "tcp" {
					t.Errorf("http %v tls %v upstream tls %v scheme %s", l.HTTPProfile, l.TLS(), u.TLS, u.Scheme)
				}
			}},
		{"generic without port listens on any port", `"s": {"class": "Service_Generic", "virtualAddresses": ["0.0.0.0"]}`,
			func(t *testing.T, m *lint.Model, js string) {
				if got := binds(listener(t, m, "/T/A/s")); got != "*" {
					t.Errorf("binds %q", got)
				}
			}},
		{"internal virtual has no destination", `"s": {"class": "Service_TCP", "virtualType": "internal", "pool": "p"},
   "p": {"class": "Pool", "members": [{"servicePort": 80, "serverAddresses": ["10.0.1.1"]}]}`,
			func(t *testing.T, m *lint.Model, js string) {
				if l := listener(t, m, "/T/A/s"); len(l.Binds) != 0 || len(l.Upstreams) != 1 {
					t.Errorf("binds %s upstreams %d", binds(l), len(l.Upstreams))
				}
			}},
		{"address forms", `"s": {"class": "Service_HTTP", "virtualAddresses": ["::", "2001:db8::10", {"use": "va"}, {"bigip": "/Common/10.9.9.9"}], "virtualPort": 8080},
   "va": {"class": "Service_Address", "virtualAddress": "10.0.0.7"}`,
			func(t *testing.T, m *lint.Model, js string) {
				if got := binds(listener(t, m, "/T/A/s")); got != "[::]:8080, [2001:db8::10]:8080, 10.0.0.7:8080, 10.9.9.9:8080" {
					t.Errorf("binds %s", got)
				}
			}},
		{"address list and port list", `"s": {"class": "Service_TCP", "virtualAddresses": {"use": "addrs"}, "virtualPort": {"use": "ports"}},
   "addrs": {"class": "Net_Address_List", "addresses": ["10.0.0.1", "10.0.0.2"]},
   "ports": {"class": "Firewall_Port_List", "ports": [443, "8443", "9000-9010"]}`,
			func(t *testing.T, m *lint.Model, js string) {
				got := binds(listener(t, m, "/T/A/s"))
				if got != "10.0.0.1:443, 10.0.0.1:8443, 10.0.0.2:443, 10.0.0.2:8443" {
					t.Errorf("binds %s", got)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js := svcDecl(tt.items)
			m := loadJSON(t, js, nil)
			noDiags(t, m)
			tt.check(t, m, js)
		})
	}
}

func TestPoolMembers(t *testing.T) {
	js := svcDecl(`"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "redirect80": false,
   "serverTLS": {"bigip": "/Common/clientssl"}, "pool": {"use": "p"}, "clientTLS": {"bigip": "/Common/serverssl"}},
   "p": {"class": "Pool", "members": [
     {"servicePort": 443, "servers": [{"address": "10.0.1.1", "name": "n1"}]},
     {"servicePort": 443, "addressDiscovery": "fqdn", "hostname": "api.example.net"},
     {"servicePort": 8443, "bigip": "/Common/node7"},
     {"servicePort": 443, "addressDiscovery": "aws", "region": "us-west-1", "tagKey": "k", "tagValue": "v", "addressRealm": "private"}
   ]}`)
	m := loadJSON(t, js, nil)
	noDiags(t, m)
	u := upstream(t, m, "/T/A/s > pool /T/A/p")
	if got := targets(u); got != "10.0.1.1:443 ip, api.example.net:443, :8443, :443" {
		t.Errorf("targets %s", got)
	}
	if at(u.Targets[1].Pos) != lc(t, js, `"api.example.net"`) || at(u.Targets[2].Pos) != lc(t, js, `"bigip": "/Common/node7"`) ||
		at(u.Targets[3].Pos) != lc(t, js, `"addressDiscovery": "aws"`) {
		t.Errorf("member positions %s %s %s", at(u.Targets[1].Pos), at(u.Targets[2].Pos), at(u.Targets[3].Pos))
	}
	if text(m, u.ArgPos) != `{"use": "p"}` || u.Host != "p" || text(m, u.HostPos) != `"p"` {
		t.Errorf("arg %q host %s at %q", text(m, u.ArgPos), u.Host, text(m, u.HostPos))
	}
}

func TestPoolReferences(t *testing.T) {
	tests := []struct {
		name, items, subject, unknown, diag string
	}{
		{"bigip pool", `"s": {"class": "Service_HTTP", "virtualAddresses": ["10.0.0.1"], "pool": {"bigip": "/Common/legacy_pool"}}`,
			"/T/A/s > pool /Common/legacy_pool", "pool /Common/legacy_pool is defined on the BIG-IP, outside the declaration", ""},
		{"unresolved pool", `"s": {"class": "Service_HTTP", "virtualAddresses": ["10.0.0.1"], "pool": "missing_pool"}`,
			"/T/A/s > pool missing_pool", `pool "missing_pool" does not resolve in the declaration`,
			`pool "missing_pool" does not resolve: no /T/A/missing_pool in the declaration (expected a Pool)`},
		{"pool of another application", `"s": {"class": "Service_HTTP", "virtualAddresses": ["10.0.0.1"], "pool": "/T/Other/p"}`,
			"/T/A/s > pool /T/Other/p", `pool "/T/Other/p" does not resolve in the declaration`,
			"AS3 pointers may only name objects of the same Application or a Shared one"},
		{"pointer to a non-pool", `"s": {"class": "Service_HTTP", "virtualAddresses": ["10.0.0.1"], "pool": "s"}`,
			"/T/A/s > pool s", `pool "s" does not resolve in the declaration`,
			`pool "s" points to a Service_HTTP at /T/A/s: expected a Pool`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js := svcDecl(tt.items)
			m := loadJSON(t, js, nil)
			u := upstream(t, m, tt.subject)
			if u.Unknown != tt.unknown || len(u.Targets) != 0 {
				t.Errorf("unknown %q, want %q; targets %s", u.Unknown, tt.unknown, targets(u))
			}
			if tt.diag == "" {
				noDiags(t, m)
				return
			}
			wantDiag(t, m, "TL002", lc(t, js, `"pool"`), tt.diag)
			if len(m.Findings) != 1 {
				t.Errorf("findings: %v", diags(m))
			}
		})
	}
}
