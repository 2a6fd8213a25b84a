package bigip

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

// loadText loads tmsh text as standard input named bigip.conf, for target
// version v ("" = the default).
func loadText(t *testing.T, src, v string) *lint.Model {
	t.Helper()
	opts := &Options{}
	if v != "" {
		pv, err := lint.ParseProductVersion(v)
		if err != nil {
			t.Fatal(err)
		}
		opts.Target = &lint.Target{BigIP: pv}
	}
	m := lint.NewModel()
	if err := LoadModelBytes(m, "bigip.conf", []byte(src), opts); err != nil {
		t.Fatal(err)
	}
	return m
}

// text returns the source text a position spans, "" for an invalid one.
func text(m *lint.Model, p lint.Pos) string {
	if !p.IsValid() {
		return ""
	}
	s := m.Source(p.File)
	if s == nil {
		return "?" + p.File
	}
	return string(s.Data[p.Offset:p.End])
}

func texts(m *lint.Model, ps []lint.Pos) []string {
	var out []string
	for _, p := range ps {
		out = append(out, text(m, p))
	}
	return out
}

// findings renders the model's loader findings as "TL002 3:9 message".
func findings(m *lint.Model) []string {
	var out []string
	for _, f := range m.Findings {
		out = append(out, fmt.Sprintf("%s %d:%d %s", f.Rule, f.Pos.Line, f.Pos.Col, f.Message))
	}
	sort.Strings(out)
	return out
}

func listener(t *testing.T, m *lint.Model, subject, profile string) *lint.Listener {
	t.Helper()
	for _, l := range m.Listeners {
		if l.Subject == subject && l.Profile == profile {
			return l
		}
	}
	t.Fatalf("no listener %s with profile %q; findings: %q", subject, profile, findings(m))
	return nil
}

func upstream(t *testing.T, m *lint.Model, subject string) *lint.Upstream {
	t.Helper()
	for _, u := range m.Upstreams {
		if u.Subject == subject {
			return u
		}
	}
	t.Fatalf("no upstream %s; findings: %q", subject, findings(m))
	return nil
}

func noFindings(t *testing.T, m *lint.Model) {
	t.Helper()
	if len(m.Findings) != 0 {
		t.Errorf("unexpected findings: %q", findings(m))
	}
}

func eq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func eqs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

const vsHeader = `ltm virtual /Common/vs {
    destination /Common/192.0.2.10:443
    ip-protocol tcp
    pool /Common/p
    profiles {
        /Common/app_clientssl {
            context clientside
        }
        /Common/http { }
        /Common/tcp { }
    }
}
ltm pool /Common/p {
    members {
        /Common/10.0.0.1:443 {
            address 10.0.0.1
        }
    }
}
`

func TestListenerFromBuiltinClientSSL(t *testing.T) {
	// Only bigip.conf: the built-in clientssl comes from the table.
	m := loadText(t, vsHeader+`ltm profile client-ssl /Common/app_clientssl {
    defaults-from /Common/clientssl
    server-name app.example.com
}
`, "17.1")
	noFindings(t, m)
	l := listener(t, m, "/Common/vs", "/Common/app_clientssl")
	eq(t, "product", l.Product, lint.BigIP)
	eq(t, "context", l.Kind, "virtual")
	eq(t, "pos", text(m, l.Pos), "ltm virtual /Common/vs {")
	eq(t, "profile pos", text(m, l.ProfilePos), "/Common/app_clientssl")
	eq(t, "http", l.HTTPProfile, true)
	eq(t, "incomplete", l.Incomplete, false)
	if len(l.Binds) != 1 {
		t.Fatalf("binds = %d", len(l.Binds))
	}
	b := l.Binds[0]
	eq(t, "addr", b.Addr, "192.0.2.10")
	eq(t, "port", b.Port, 443)
	eq(t, "port text", text(m, b.PortPos), "443")
	eq(t, "bind pos", text(m, b.Pos), "destination /Common/192.0.2.10:443")
	eq(t, "ssl", b.SSL, true)
	eq(t, "ssl pos", text(m, b.SSLPos), "/Common/app_clientssl")
	if len(l.Names) != 1 || l.Names[0].Value != "app.example.com" || text(m, l.Names[0].Pos) != "app.example.com" {
		t.Errorf("names = %+v", l.Names)
	}
	p := l.Policy
	eq(t, "protocols", p.Protocols.Value, tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12))
	eq(t, "protocols default", p.Protocols.Default, true)
	eq(t, "protocols set", p.Protocols.Set(), false)
	eq(t, "protocols context", p.Protocols.Context, "/Common/clientssl")
	eqs(t, "protocols chain", texts(m, p.Protocols.Chain()), []string{"defaults-from /Common/clientssl"})
	eq(t, "ciphers", p.Ciphers.Value, "DEFAULT")
	eq(t, "ciphers default", p.Ciphers.Default, true)
	eq(t, "group", p.CipherGroup.Value == nil, true)
	eq(t, "sni-default", l.SNIDefault.Value, false)
	eq(t, "sni-default default", l.SNIDefault.Default, true)
	// The built-in clientssl's default.crt: a certificate is always there.
	if len(l.Certs) != 1 {
		t.Fatalf("certs = %+v", l.Certs)
	}
	c := l.Certs[0]
	eq(t, "cert", c.Cert.Value, "/Common/default.crt")
	eq(t, "key", c.Key.Value, "/Common/default.key")
	eq(t, "chain", c.Chain.Value, "")
	eq(t, "cert default", c.Cert.Default, true)
	eq(t, "cert path (stdin)", c.CertPath, "")
}

func TestDefaultsFromChain(t *testing.T) {
	// TLSv1 comes from the grandparent's options, through two
	// defaults-from links; the ciphers from the parent.
	m := loadText(t, vsHeader+`ltm profile client-ssl /Common/base {
    defaults-from /Common/clientssl
    options { dont-insert-empty-fragments }
}
ltm profile client-ssl /Common/mid {
    ciphers DEFAULT:!RC4
    defaults-from /Common/base
}
ltm profile client-ssl /Common/app_clientssl {
    cert-key-chain {
        app {
            cert /Common/app.crt
            key /Common/app.key
        }
    }
    defaults-from /Common/mid
}
sys file ssl-cert /Common/app.crt {
    cache-path /config/filestore/files_d/Common_d/certificate_d/:Common:app.crt_1_1
}
sys file ssl-key /Common/app.key {
    cache-path /config/filestore/files_d/Common_d/certificate_key_d/:Common:app.key_2_1
}
`, "17.1")
	noFindings(t, m)
	l := listener(t, m, "/Common/vs", "/Common/app_clientssl")
	p := l.Policy
	eq(t, "protocols", p.Protocols.Value, tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12))
	eq(t, "protocols set", p.Protocols.Set(), true)
	eq(t, "protocols pos", text(m, p.Protocols.Pos), "options { dont-insert-empty-fragments }")
	eq(t, "protocols context", p.Protocols.Context, "/Common/base")
	eqs(t, "protocols chain", texts(m, p.Protocols.Chain()), []string{"defaults-from /Common/mid", "defaults-from /Common/base"})
	eq(t, "protocols args (no rewrite of options)", p.Protocols.ArgsPos.IsValid(), false)
	eq(t, "ciphers", p.Ciphers.Value, "DEFAULT:!RC4")
	eq(t, "ciphers args", text(m, p.Ciphers.ArgsPos), "DEFAULT:!RC4")
	eqs(t, "ciphers chain", texts(m, p.Ciphers.Chain()), []string{"defaults-from /Common/mid"})
	if len(l.Certs) != 1 {
		t.Fatalf("certs = %+v", l.Certs)
	}
	c := l.Certs[0]
	eq(t, "cert", c.Cert.Value, "/Common/app.crt")
	eq(t, "cert pos", text(m, c.Cert.Pos), "cert /Common/app.crt")
	eq(t, "cert args", text(m, c.Cert.ArgsPos), "/Common/app.crt")
	eq(t, "cert default", c.Cert.Default, false)
	eq(t, "key", c.Key.Value, "/Common/app.key")
	eq(t, "chain none", c.Chain.Value, "")
}

func TestProtocols(t *testing.T) {
	tests := []struct {
		name, version, attrs string
		want                 tls.VersionSet
		group                bool
	}{
		{"built-in default", "17.1", "", tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12), false},
		{"options", "17.1", "options { no-tlsv1 no-tlsv1.1 }", tls.Versions(tls.TLS12), false},
		{"options on one line each", "17.1", "options {\n        no-tlsv1\n        no-tlsv1.1\n    }", tls.Versions(tls.TLS12), false},
		{"options none", "17.1", "options none", tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12), false},
		{"cipher string exclusions", "17.1", "ciphers DEFAULT:!TLSv1:!TLSv1_1", tls.Versions(tls.TLS12), false},
		{"minus removes until added back", "17.1", "ciphers -TLSv1:DEFAULT:TLSv1", tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12), false},
		{"protocol keywords only", "17.1", "ciphers TLSv1_2:TLSv1_1", tls.Versions(tls.TLS11, tls.TLS12), false},
		{"RSA key exchange selects SSLv3 suites", "17.1", "ciphers RSA:!RC4", tls.Versions(tls.SSLv3, tls.TLS10, tls.TLS11, tls.TLS12), false},
		{"no-ssl turns SSLv3 off", "17.1", "ciphers RSA\n    options { no-ssl }", tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12), false},
		{"!SSLv3", "17.1", "ciphers RSA:!SSLv3", tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12), false},
		{"EC and AEAD suites have no SSLv3", "17.1", "ciphers ECDHE+AES-GCM:ECDHE_ECDSA+AES-GCM", tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12), false},
		{"DEFAULT before 11.5 had SSLv3", "11.4", "", tls.Versions(tls.SSLv3, tls.TLS10, tls.TLS11, tls.TLS12), false},
		{"cipher group enables TLS 1.3 on 17.1", "17.1", "cipher-group /Common/f5-default\n    ciphers none\n    options { no-tlsv1 no-tlsv1.1 }", tls.Versions(tls.TLS12, tls.TLS13), true},
		{"no TLS 1.3 before 14.0", "13.1", "cipher-group /Common/f5-default\n    ciphers none\n    options { no-tlsv1 no-tlsv1.1 }", tls.Versions(tls.TLS12), true},
		{"no-tlsv1.3 with a group", "17.1", "cipher-group /Common/f5-default\n    ciphers none\n    options { no-tlsv1.3 no-tlsv1 }", tls.Versions(tls.TLS11, tls.TLS12), true},
		{"no TLS 1.3 without a group", "17.1", "options { no-tlsv1 no-tlsv1.1 }", tls.Versions(tls.TLS12), false},
		{"built-in f5-hw_keys excludes TLS 1.0 and 1.1", "17.1", "cipher-group /Common/f5-hw_keys\n    ciphers none\n    options none", tls.Versions(tls.TLS12, tls.TLS13), true},
		{"built-in f5-quic is TLS 1.3 only", "17.1", "cipher-group /Common/f5-quic\n    ciphers none\n    options none", tls.Versions(tls.TLS13), true},
		{"inherits clientssl-secure", "17.1", "defaults-from /Common/clientssl-secure", tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12), false},
		{"inherits clientssl-insecure-compatible (ALL: SSLv3)", "17.1", "defaults-from /Common/clientssl-insecure-compatible", tls.Versions(tls.SSLv3, tls.TLS10, tls.TLS11, tls.TLS12), false},
		{"inherits clientssl-quic", "17.1", "defaults-from /Common/clientssl-quic", tls.Versions(tls.TLS13), true},
		{"cipher-server-preference is no protocol", "17.1", "options { cipher-server-preference no-tlsv1 }", tls.Versions(tls.TLS11, tls.TLS12), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			attrs := tc.attrs
			if !strings.Contains(attrs, "defaults-from") {
				attrs = "defaults-from /Common/clientssl\n    " + attrs
			}
			m := loadText(t, vsHeader+"ltm profile client-ssl /Common/app_clientssl {\n    "+attrs+"\n}\n", tc.version)
			noFindings(t, m)
			p := listener(t, m, "/Common/vs", "/Common/app_clientssl").Policy
			eq(t, "protocols", p.Protocols.Value, tc.want)
			eq(t, "group", p.CipherGroup.Value != nil, tc.group)
		})
	}
}

func TestCipherGroup(t *testing.T) {
	m := loadText(t, vsHeader+`ltm cipher group /Common/g {
    allow {
        /Common/r1 { }
        /Common/f5-secure { }
    }
    exclude {
        /Common/no-tls1 { }
    }
    ordering strength
    require {
        /Common/r2 { }
    }
}
ltm cipher rule /Common/r1 {
    cipher ECDHE:ECDHE_ECDSA:TLSV1_3
    dh-groups X25519:P256
    signature-algorithms DEFAULT
}
ltm cipher rule /Common/r2 {
    cipher ECDHE_ECDSA:TLSV1_3
    dh-groups DEFAULT
}
ltm cipher rule /Common/no-tls1 {
    cipher TLSv1
}
ltm profile client-ssl /Common/app_clientssl {
    cipher-group /Common/g
    ciphers none
    defaults-from /Common/clientssl
    options { dont-insert-empty-fragments }
}
`, "17.1")
	noFindings(t, m)
	p := listener(t, m, "/Common/vs", "/Common/app_clientssl").Policy
	g := p.CipherGroup.Value
	if g == nil {
		t.Fatal("no cipher group")
	}
	eq(t, "group", g.Name, "/Common/g")
	eq(t, "group pos", text(m, g.Pos), "ltm cipher group /Common/g {")
	eq(t, "group setting pos", text(m, p.CipherGroup.Pos), "cipher-group /Common/g")
	eq(t, "ordering", g.Ordering, "strength")
	var allow []string
	for _, r := range g.Allow {
		allow = append(allow, r.Name+"="+r.Cipher+"/"+r.DHGroups)
	}
	// the pre-built rule is recorded by name: lint/tls/f5 knows its content
	eqs(t, "allow", allow, []string{"/Common/r1=ECDHE:ECDHE_ECDSA:TLSV1_3/X25519:P256", "/Common/f5-secure=/"})
	eq(t, "require", len(g.Require) == 1 && g.Require[0].Name == "/Common/r2" && g.Require[0].DHGroups == "", true)
	eq(t, "exclude", len(g.Exclude) == 1 && g.Exclude[0].Cipher == "TLSv1", true)
	eq(t, "rule pos", text(m, g.Allow[0].Pos), "ltm cipher rule /Common/r1 {")
	// the exclude rule removes TLS 1.0; the group adds TLS 1.3
	eq(t, "protocols", p.Protocols.Value, tls.Versions(tls.TLS11, tls.TLS12, tls.TLS13))
	eq(t, "groups", p.Groups.Value, "X25519:P256")
	eq(t, "groups pos", text(m, p.Groups.Pos), "dh-groups X25519:P256")
	eq(t, "groups context", p.Groups.Context, "/Common/r1")
}

func TestUpstream(t *testing.T) {
	src := `ltm virtual /Common/vs {
    destination /Common/192.0.2.10:443
    pool /Common/p
    profiles {
        /Common/app_clientssl {
            context clientside
        }
        /Common/app_serverssl {
            context serverside
        }
        /Common/http { }
    }
    serverssl-use-sni disabled
}
ltm node /Common/api.example.com {
    fqdn {
        address-family ipv4
        autopopulate enabled
        name api.example.com
    }
}
ltm node /Common/web2 {
    address 10.0.0.2%3
}
ltm pool /Common/p {
    members {
        /Common/10.0.0.1:https {
            address 10.0.0.1
        }
        /Common/web2:8443 { }
        /Common/api.example.com:443 {
            fqdn {
                autopopulate enabled
                name api.example.com
            }
        }
        /Common/2001:db8::5.443 {
            address 2001:db8::5
        }
        /Common/10.0.0.9:0 {
            address 10.0.0.9
        }
    }
}
ltm profile client-ssl /Common/app_clientssl {
    defaults-from /Common/clientssl
}
ltm profile server-ssl /Common/app_serverssl {
    ca-file /Common/ca-bundle.crt
    cert /Common/client.crt
    defaults-from /Common/serverssl
    key /Common/client.key
    peer-cert-mode require
    server-name none
}
sys file ssl-cert /Common/client.crt {
    cache-path /config/filestore/files_d/Common_d/certificate_d/:Common:client.crt_1_1
}
sys file ssl-key /Common/client.key {
    cache-path /config/filestore/files_d/Common_d/certificate_key_d/:Common:client.key_1_1
}
`
	m := loadText(t, src, "")
	noFindings(t, m)
	u := upstream(t, m, "/Common/vs > pool /Common/p")
	eq(t, "product", u.Product, lint.BigIP)
	eq(t, "kind", u.Kind, "pool")
	eq(t, "prefix", u.Prefix, "")
	eq(t, "pos", text(m, u.Pos), "pool /Common/p")
	eq(t, "arg", text(m, u.ArgPos), "/Common/p")
	eq(t, "group", u.Group, "/Common/p")
	eq(t, "group pos", text(m, u.GroupPos), "ltm pool /Common/p {")
	eq(t, "tls", u.TLS, true)
	eq(t, "scheme", u.Scheme, "https")
	eq(t, "scheme pos", text(m, u.SchemePos), "/Common/app_serverssl")
	eq(t, "from", u.From == listener(t, m, "/Common/vs", "/Common/app_clientssl"), true)
	eq(t, "listener upstreams", len(u.From.Upstreams), 1)
	var targets []string
	for _, e := range u.Targets {
		targets = append(targets, fmt.Sprintf("%s ip=%v implicit=%v port=%q pos=%q", e, e.IP, e.PortImplicit, text(m, e.PortPos), text(m, e.Pos)))
	}
	eqs(t, "targets", targets, []string{
		`10.0.0.1:443 ip=true implicit=false port="https" pos="/Common/10.0.0.1:https"`,
		`10.0.0.2%3:8443 ip=true implicit=false port="8443" pos="/Common/web2:8443"`,
		`api.example.com:443 ip=false implicit=false port="443" pos="/Common/api.example.com:443"`,
		`[2001:db8::5]:443 ip=true implicit=false port="443" pos="/Common/2001:db8::5.443"`,
		`10.0.0.9:443 ip=true implicit=true port="0" pos="/Common/10.0.0.9:0"`,
	})
	// server-name none written in the profile: no SNI, and the finding can
	// point at that line
	eq(t, "sni", u.SNI.Value, false)
	eq(t, "sni pos", text(m, u.SNI.Pos), "server-name none")
	eq(t, "verify", u.Verify.Value, true)
	eq(t, "verify pos", text(m, u.Verify.Pos), "peer-cert-mode require")
	eq(t, "trusted", u.Policy.Trusted.Value, "/Common/ca-bundle.crt")
	eq(t, "trusted args", text(m, u.Policy.Trusted.ArgsPos), "/Common/ca-bundle.crt")
	if len(u.ClientCerts) != 1 || u.ClientCerts[0].Cert.Value != "/Common/client.crt" || u.ClientCerts[0].Key.Value != "/Common/client.key" {
		t.Errorf("client certs = %+v", u.ClientCerts)
	}
	eq(t, "proxy protocol", u.ProxyProtocol.Value, false)
}

func TestUpstreamSNIAndModes(t *testing.T) {
	base := `ltm virtual /Common/vs {
    destination /Common/192.0.2.10:80
    pool /Common/p
    profiles {
        %s
        /Common/tcp { }
    }
    %s
}
ltm pool /Common/p {
    members {
        /Common/10.0.0.1:443 {
            address 10.0.0.1
        }
    }
}
ltm profile server-ssl /Common/named {
    defaults-from /Common/serverssl
    server-name backend.example.com
}
`
	tests := []struct {
		name, profiles, extra string
		tls, sni              bool
		sniName, scheme       string
		verify                bool
		verifyDefault         bool
	}{
		{"no server-ssl", "", "", false, false, "", "tcp", false, true},
		{"server-name", "/Common/named { context serverside }", "", true, true, "backend.example.com", "tls", false, true},
		{"serverssl-use-sni", "/Common/serverssl { context serverside }", "serverssl-use-sni enabled", true, true, "", "tls", false, true},
		{"built-in serverssl, nothing", "/Common/serverssl { context serverside }", "serverssl-use-sni disabled", true, false, "", "tls", false, true},
		{"apm-default-serverssl verifies", "/Common/apm-default-serverssl { context serverside }", "", true, false, "", "tls", true, true},
		{"mode disabled: no TLS", "/Common/wom-default-serverssl { context serverside }", "", false, false, "", "tcp", false, true},
		{"client-side context is not the server side", "/Common/named { context clientside }", "", false, false, "", "tcp", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			profiles := strings.ReplaceAll(tc.profiles, "{ context serverside }", "{\n            context serverside\n        }")
			profiles = strings.ReplaceAll(profiles, "{ context clientside }", "{\n            context clientside\n        }")
			m := loadText(t, fmt.Sprintf(base, profiles, tc.extra), "17.1")
			noFindings(t, m)
			u := upstream(t, m, "/Common/vs > pool /Common/p")
			eq(t, "tls", u.TLS, tc.tls)
			eq(t, "scheme", u.Scheme, tc.scheme)
			eq(t, "sni", u.SNI.Value, tc.sni)
			eq(t, "sni name", u.SNIName.Value, tc.sniName)
			eq(t, "verify", u.Verify.Value, tc.verify)
			eq(t, "verify default", u.Verify.Default, tc.verifyDefault)
			eq(t, "policy", u.Policy != nil, tc.tls)
			if tc.extra == "serverssl-use-sni enabled" {
				eq(t, "sni pos", text(m, u.SNI.Pos), "serverssl-use-sni enabled")
			}
		})
	}
}

func TestTmshList(t *testing.T) {
	// `tmsh list` output: relative names in /Common, ports as service
	// names, runtime fields.
	src := `ltm node web1 {
    address 10.0.3.201
    session monitor-enabled
    state up
}
ltm pool app_pool {
    members {
        web1:webcache {
            address 10.0.3.201
            session monitor-enabled
            state up
        }
    }
    monitor http
}
ltm profile client-ssl app_clientssl {
    app-service none
    cert-key-chain {
        app {
            cert app.crt
            key app.key
        }
    }
    defaults-from clientssl
    options { dont-insert-empty-fragments no-tlsv1 no-tlsv1.1 }
}
ltm virtual app_vs {
    creation-time 2025-07-17:08:41:44
    destination 10.0.2.50:https
    ip-protocol tcp
    mask 255.255.255.255
    pool app_pool
    profiles {
        app_clientssl {
            context clientside
        }
        http { }
        tcp { }
    }
    serverssl-use-sni disabled
    source 0.0.0.0/0
    vs-index 22
}
sys file ssl-cert app.crt {
    cache-path /config/filestore/files_d/Common_d/certificate_d/:Common:app.crt_5_1
}
sys file ssl-key app.key {
    cache-path /config/filestore/files_d/Common_d/certificate_key_d/:Common:app.key_6_1
}
`
	m := loadText(t, src, "")
	noFindings(t, m)
	l := listener(t, m, "/Common/app_vs", "/Common/app_clientssl")
	eq(t, "port", l.Binds[0].Port, 443)
	eq(t, "port text", text(m, l.Binds[0].PortPos), "https")
	eq(t, "addr", l.Binds[0].Addr, "10.0.2.50")
	eq(t, "protocols", l.Policy.Protocols.Value, tls.Versions(tls.TLS12))
	eq(t, "cert", l.Certs[0].Cert.Value, "/Common/app.crt")
	u := upstream(t, m, "/Common/app_vs > pool /Common/app_pool")
	eq(t, "host as written", u.Host, "app_pool")
	eq(t, "member", u.Targets[0].String(), "10.0.3.201:8080")
	eq(t, "member port text", text(m, u.Targets[0].PortPos), "webcache")
	eq(t, "plain", u.TLS, false)
	eq(t, "source name", m.Source("bigip.conf") != nil, true)
	eq(t, "stdin is not writable", m.Source("bigip.conf").Path, "")
}

func TestVirtualVariants(t *testing.T) {
	tests := []struct {
		name, src string
		check     func(t *testing.T, m *lint.Model)
	}{
		{"several client-ssl profiles share one address", `ltm virtual /Common/vs {
    destination /Common/192.0.2.10:443
    profiles {
        /Common/a_clientssl {
            context clientside
        }
        /Common/b_clientssl {
            context clientside
        }
        /Common/http { }
    }
}
ltm profile client-ssl /Common/a_clientssl {
    defaults-from /Common/clientssl
    server-name a.example.com
    sni-default true
}
ltm profile client-ssl /Common/b_clientssl {
    defaults-from /Common/clientssl
    server-name b.example.com
}
`, func(t *testing.T, m *lint.Model) {
			a := listener(t, m, "/Common/vs", "/Common/a_clientssl")
			b := listener(t, m, "/Common/vs", "/Common/b_clientssl")
			eq(t, "listeners", len(m.Listeners), 2)
			eq(t, "a default", a.Binds[0].Default, true)
			eq(t, "a default pos", text(m, a.Binds[0].DefaultPos), "sni-default true")
			eq(t, "b default", b.Binds[0].Default, false)
			eq(t, "a sni-default", a.SNIDefault.Value && a.SNIDefault.Set(), true)
			m.BuildSockets()
			eq(t, "one socket", len(m.Sockets), 1)
			eq(t, "socket default", m.Sockets[0].Default == a.Binds[0], true)
			eq(t, "socket tls", m.Sockets[0].TLS, true)
		}},
		{"no client-ssl: one plain listener", `ltm virtual /Common/vs {
    destination /Common/192.0.2.10:443
    profiles {
        /Common/fastL4 { }
    }
}
`, func(t *testing.T, m *lint.Model) {
			l := listener(t, m, "/Common/vs", "")
			eq(t, "tls", l.TLS(), false)
			eq(t, "http", l.HTTPProfile, false)
			eq(t, "policy", l.Policy == nil, true)
		}},
		{"route domain and IPv6", `ltm virtual /Common/v4 {
    destination /Common/10.1.20.30%2:443
}
ltm virtual /Common/v6 {
    destination /Common/2001:db8::10.443
}
ltm virtual /Common/rd0 {
    destination /Common/10.1.20.31%0:8443
}
ltm virtual /Common/any {
    destination /Common/0.0.0.0:any
    ip-forward
}
`, func(t *testing.T, m *lint.Model) {
			eq(t, "rd", listener(t, m, "/Common/v4", "").Binds[0].Addr, "10.1.20.30%2")
			eq(t, "v6", listener(t, m, "/Common/v6", "").Binds[0].Addr, "2001:db8::10")
			eq(t, "v6 port", text(m, listener(t, m, "/Common/v6", "").Binds[0].PortPos), "443")
			eq(t, "rd0", listener(t, m, "/Common/rd0", "").Binds[0].Addr, "10.1.20.31")
			eq(t, "any port", listener(t, m, "/Common/any", "").Binds[0].Port, 0)
		}},
		{"virtual-address by name", `ltm virtual /Common/vs {
    destination /Common/vip_app:443
}
ltm virtual-address /Common/vip_app {
    address 203.0.113.7
}
`, func(t *testing.T, m *lint.Model) {
			eq(t, "addr", listener(t, m, "/Common/vs", "").Binds[0].Addr, "203.0.113.7")
		}},
		{"traffic-matching-criteria", `ltm traffic-matching-criteria /Common/tmc {
    destination-address-inline 10.1.1.9
    destination-port-inline https
    protocol tcp
    source-address-inline 0.0.0.0
}
ltm virtual /Common/vs {
    profiles {
        /Common/http { }
    }
    traffic-matching-criteria /Common/tmc
}
`, func(t *testing.T, m *lint.Model) {
			b := listener(t, m, "/Common/vs", "").Binds[0]
			eq(t, "addr", b.Addr, "10.1.1.9")
			eq(t, "port", b.Port, 443)
			eq(t, "port text", text(m, b.PortPos), "https")
			eq(t, "bind pos", text(m, b.Pos), "traffic-matching-criteria /Common/tmc")
		}},
		{"udp and QUIC", `ltm virtual /Common/dns {
    destination /Common/192.0.2.53:53
    ip-protocol udp
    profiles {
        /Common/udp_gtm_dns { }
    }
}
ltm virtual /Common/h3 {
    destination /Common/192.0.2.10:443
    ip-protocol udp
    profiles {
        /Common/clientssl-quic {
            context clientside
        }
        /Common/http { }
        /Common/http3 { }
        /Common/quic { }
        /Common/udp { }
    }
}
`, func(t *testing.T, m *lint.Model) {
			dns := listener(t, m, "/Common/dns", "")
			eq(t, "udp network", dns.Binds[0].Network, "udp")
			h3 := listener(t, m, "/Common/h3", "/Common/clientssl-quic")
			eq(t, "quic context", h3.Kind, "virtual")
			eq(t, "quic", h3.Binds[0].QUIC, true)
			eq(t, "quic protocols", h3.Policy.Protocols.Value, tls.Versions(tls.TLS13))
			m.BuildSockets()
			for _, s := range m.Sockets {
				if s.Port == 443 && s.Network != "udp" {
					t.Errorf("QUIC socket network = %s", s.Network)
				}
			}
		}},
		{"legacy cert and key attributes", `ltm virtual /Common/vs {
    destination /Common/192.0.2.10:443
    profiles {
        /Common/old_clientssl {
            context clientside
        }
    }
}
ltm profile client-ssl /Common/old_clientssl {
    cert /Common/old.crt
    defaults-from /Common/clientssl
    key /Common/old.key
}
sys file ssl-cert /Common/old.crt {
    cache-path /config/filestore/files_d/Common_d/certificate_d/:Common:old.crt_1_1
}
sys file ssl-key /Common/old.key {
    cache-path /config/filestore/files_d/Common_d/certificate_key_d/:Common:old.key_1_1
}
`, func(t *testing.T, m *lint.Model) {
			l := listener(t, m, "/Common/vs", "/Common/old_clientssl")
			eq(t, "certs", len(l.Certs), 1)
			eq(t, "cert", l.Certs[0].Cert.Value, "/Common/old.crt")
			eq(t, "key", l.Certs[0].Key.Value, "/Common/old.key")
		}},
		{"cert-key-chain none", `ltm virtual /Common/vs {
    destination /Common/192.0.2.10:443
    profiles {
        /Common/bare_clientssl {
            context clientside
        }
    }
}
ltm profile client-ssl /Common/bare_clientssl {
    cert-key-chain none
    defaults-from /Common/clientssl
}
`, func(t *testing.T, m *lint.Model) {
			eq(t, "certs", len(listener(t, m, "/Common/vs", "/Common/bare_clientssl").Certs), 0)
		}},
		{"partition folder and /Common fallback", `ltm virtual /Tenant/app/vs {
    destination /Tenant/192.0.2.10:443
    profiles {
        /Tenant/app/tls {
            context clientside
        }
    }
}
ltm profile client-ssl /Tenant/app/tls {
    defaults-from /Common/clientssl-secure
    options { no-tlsv1 no-tlsv1.1 }
}
`, func(t *testing.T, m *lint.Model) {
			l := listener(t, m, "/Tenant/app/vs", "/Tenant/app/tls")
			eq(t, "ciphers", l.Policy.Ciphers.Value, "ecdhe:rsa:!sslv3:!rc4:!exp:!des")
			eq(t, "ciphers default", l.Policy.Ciphers.Default, true)
			eq(t, "protocols", l.Policy.Protocols.Value, tls.Versions(tls.TLS12))
		}},
		{"client-ssl mode disabled", `ltm virtual /Common/vs {
    destination /Common/192.0.2.10:443
    profiles {
        /Common/off_clientssl {
            context clientside
        }
        /Common/http { }
    }
}
ltm profile client-ssl /Common/off_clientssl {
    defaults-from /Common/clientssl
    mode disabled
}
`, func(t *testing.T, m *lint.Model) {
			l := listener(t, m, "/Common/vs", "/Common/off_clientssl")
			eq(t, "tls", l.TLS(), false)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := loadText(t, tc.src, "17.1")
			noFindings(t, m)
			tc.check(t, m)
		})
	}
}

func TestProxyProtocolIRules(t *testing.T) {
	src := `ltm rule /Common/pp_send {
when CLIENT_ACCEPTED {
    set proxyheader "PROXY TCP[IP::version] [IP::remote_addr] [IP::local_addr] [TCP::remote_port] [TCP::local_port]\r\n"
}
when SERVER_CONNECTED {
    TCP::respond $proxyheader
}
}
ltm rule /Common/pp_receive {
when CLIENT_ACCEPTED {
    TCP::collect
}
when CLIENT_DATA {
    if {[TCP::payload 0 5] eq "PROXY"} {
        set proxy_string_length [expr {[string first "\r" [TCP::payload]] + 2}]
        TCP::payload replace 0 $proxy_string_length ""
    }
    TCP::release
}
}
ltm rule /Common/pp_comment {
when SERVER_CONNECTED {
    # TCP::respond "PROXY TCP4 …" was removed in 2021
    log local0. "connected"
}
}
ltm virtual /Common/front {
    destination /Common/192.0.2.10:443
    pool /Common/p
    rules {
        /Common/pp_send
    }
}
ltm virtual /Common/back {
    destination /Common/192.0.2.20:443
    pool /Common/p
    rules {
        /Common/pp_receive
    }
}
ltm virtual /Common/neither {
    destination /Common/192.0.2.30:443
    pool /Common/p
    rules {
        /Common/pp_comment
        /Common/_sys_https_redirect
    }
}
ltm pool /Common/p { }
`
	m := loadText(t, src, "")
	noFindings(t, m)
	front := upstream(t, m, "/Common/front > pool /Common/p")
	eq(t, "front sends", front.ProxyProtocol.Value, true)
	eq(t, "front sends pos", text(m, front.ProxyProtocol.Pos), "/Common/pp_send")
	eq(t, "front sends context", front.ProxyProtocol.Context, "/Common/pp_send")
	eq(t, "front expects", listener(t, m, "/Common/front", "").Binds[0].ProxyProtocol, false)
	back := listener(t, m, "/Common/back", "").Binds[0]
	eq(t, "back expects", back.ProxyProtocol, true)
	eq(t, "back expects pos", text(m, back.PPPos), "/Common/pp_receive")
	eq(t, "back sends", upstream(t, m, "/Common/back > pool /Common/p").ProxyProtocol.Value, false)
	eq(t, "comment only", upstream(t, m, "/Common/neither > pool /Common/p").ProxyProtocol.Value, false)
}

func TestUnresolvedReferences(t *testing.T) {
	src := `ltm virtual /Common/vs {
    destination /Common/192.0.2.10:443
    pool /Common/missing_pool
    profiles {
        /Common/app_clientssl {
            context clientside
        }
        /Common/mystery { }
    }
    rules {
        /Common/missing_rule
        /Common/_sys_https_redirect
    }
}
ltm virtual /Common/asm {
    destination /Common/192.0.2.11:443
    profiles {
        /Common/ASM_policy_1 { }
        /Common/http { }
        /Common/websecurity { }
    }
}
ltm profile client-ssl /Common/app_clientssl {
    cert-key-chain {
        app {
            cert /Common/missing.crt
            key /Common/missing.key
        }
    }
    cipher-group /Common/missing_group
    defaults-from /Common/clientssl
}
ltm profile client-ssl /Common/orphan {
    defaults-from /Common/gone
}
ltm profile client-ssl /Common/loop_a {
    defaults-from /Common/loop_b
}
ltm profile client-ssl /Common/loop_b {
    defaults-from /Common/loop_a
}
ltm profile client-ssl /Common/wrong_type {
    defaults-from /Common/serverssl
}
ltm virtual /Common/vs2 {
    destination /Common/192.0.2.12:443
    profiles {
        /Common/orphan {
            context clientside
        }
        /Common/loop_a {
            context clientside
        }
        /Common/wrong_type {
            context clientside
        }
    }
}
ltm pool /Common/other_pool { }
ltm rule /Common/other_rule { }
ltm cipher group /Common/other_group { }
sys file ssl-cert /Common/other.crt { }
sys file ssl-key /Common/other.key { }
`
	m := loadText(t, src, "17.1")
	eqs(t, "findings", findings(m), []string{
		"TL001 40:19 defaults-from /Common/loop_a makes a loop: /Common/loop_b inherits from itself; BIG-IP does not load such a profile",
		"TL001 43:19 defaults-from /Common/serverssl names a server-ssl profile: a client-ssl profile can only inherit from a client-ssl profile",
		"TL002 11:9 iRule /Common/missing_rule on /Common/vs is not defined in the input",
		"TL002 26:18 certificate /Common/missing.crt (sys file ssl-cert) is not defined in the input",
		"TL002 27:17 key /Common/missing.key (sys file ssl-key) is not defined in the input",
		"TL002 30:18 cipher group /Common/missing_group is neither defined in the input nor one of BIG-IP's pre-built groups (/Common/f5-…)",
		"TL002 34:19 client-ssl profile /Common/orphan inherits (defaults-from) from /Common/gone, which is neither defined in the input nor built into BIG-IP 17.1",
		"TL002 3:10 pool /Common/missing_pool of /Common/vs is not defined in the input",
		"TL002 8:9 profile /Common/mystery on /Common/vs is neither defined in the input nor built into BIG-IP 17.1",
	})
	l := listener(t, m, "/Common/vs", "/Common/app_clientssl")
	eq(t, "incomplete", l.Incomplete, true)
	u := upstream(t, m, "/Common/vs > pool /Common/missing_pool")
	eq(t, "unknown", u.Unknown, "pool /Common/missing_pool is not defined in the input")
	eq(t, "upstream incomplete", u.Incomplete, true)
	eq(t, "asm policy is no finding", listener(t, m, "/Common/asm", "").Incomplete, false)
	for _, p := range []string{"/Common/orphan", "/Common/loop_a", "/Common/wrong_type"} {
		eq(t, p+" incomplete", listener(t, m, "/Common/vs2", p).Incomplete, true)
	}
}

func TestVersionSelectsBuiltins(t *testing.T) {
	src := vsHeader + `ltm profile client-ssl /Common/app_clientssl {
    defaults-from /Common/clientssl-quic
}
`
	// clientssl-quic is in the 15.1 profile_base.conf, not in 14.1.2.1
	m := loadText(t, src, "14.1")
	eqs(t, "14.1", findings(m), []string{
		"TL002 21:19 client-ssl profile /Common/app_clientssl inherits (defaults-from) from /Common/clientssl-quic, which is neither defined in the input nor built into BIG-IP 14.1",
	})
	noFindings(t, loadText(t, src, "15.1"))

	// the built-in insecure-compatible cipher string per version
	src = vsHeader + `ltm profile client-ssl /Common/app_clientssl {
    defaults-from /Common/clientssl-insecure-compatible
}
`
	for v, want := range map[string]string{"12.1": "!SSLv2:ALL:!DH:!ADH:!EDH:@SPEED", "17.1": "ALL:!DH:!ADH:!EDH:@SPEED"} {
		m := loadText(t, src, v)
		eq(t, v, listener(t, m, "/Common/vs", "/Common/app_clientssl").Policy.Ciphers.Value, want)
	}
}

func TestSyntaxErrorsKeepTheRest(t *testing.T) {
	src := `ltm virtual /Common/broken {
    destination /Common/192.0.2.10:443
    profiles {
        /Common/http { }
}
ltm virtual /Common/ok {
    destination /Common/192.0.2.11:nosuchservice
}
ltm virtual /Common/fine {
    destination /Common/192.0.2.12:80
}
`
	m := loadText(t, src, "")
	got := findings(m)
	if len(got) < 2 {
		t.Fatalf("findings = %q", got)
	}
	want := `TL001 7:17 destination "/Common/192.0.2.11:nosuchservice": unknown port or service name "nosuchservice"`
	found := false
	for _, f := range got {
		if f == want {
			found = true
		}
		if !strings.HasPrefix(f, "TL001 ") {
			t.Errorf("not a TL001: %s", f)
		}
	}
	if !found {
		t.Errorf("findings = %q, want %q among them", got, want)
	}
	for _, f := range m.Findings {
		if !f.Pos.IsValid() {
			t.Errorf("finding without a position: %+v", f)
		}
	}
	eq(t, "fine loads", listener(t, m, "/Common/fine", "").Binds[0].Port, 80)
}

func TestSuppressions(t *testing.T) {
	src := `# tlslint:ignore-file TL204 -- kiosks, tracked in OPS-123
# tlslint:ignore TL202 -- passthrough to the legacy appliance
ltm virtual /Common/vs {
    destination /Common/192.0.2.10:443
    profiles {
        /Common/http { }
    }
}
ltm virtual /Common/vs2 {
    # tlslint:ignore TL105
    pool /Common/p
}
`
	m := loadText(t, src, "")
	if len(m.Suppressions) != 3 {
		t.Fatalf("suppressions = %d", len(m.Suppressions))
	}
	fw, obj, prop := m.Suppressions[0], m.Suppressions[1], m.Suppressions[2]
	eq(t, "file-wide", fw.FileWide, true)
	eq(t, "file-wide reason", fw.Reason, "kiosks, tracked in OPS-123")
	eq(t, "object rules", strings.Join(obj.Rules, ","), "TL202")
	eq(t, "object covers the whole object", fmt.Sprint(obj.From, "-", obj.To), "3-8")
	eq(t, "file", obj.File, "bigip.conf")
	eq(t, "property", fmt.Sprint(prop.From, "-", prop.To), "11-11")
	eq(t, "missing reason", prop.Problem, "missing reason: write `-- why` after the rule IDs")
}

func TestRelativeNamesInAPartition(t *testing.T) {
	// An SCF switches partitions; relative names resolve in the partition,
	// then in /Common, where the built-ins are.
	src := `cli admin-partitions {
    update-partition Prod
}
ltm cipher group api_group {
    allow {
        f5-secure { }
    }
}
ltm profile client-ssl api_clientssl {
    cert-key-chain {
        default {
            cert default.crt
            key default.key
        }
    }
    cipher-group api_group
    ciphers none
    defaults-from clientssl
}
ltm profile server-ssl api_serverssl {
    ca-file ca-bundle.crt
    defaults-from serverssl-secure
    peer-cert-mode require
}
ltm pool api_pool {
    members {
        10.0.0.5:https {
            address 10.0.0.5
        }
    }
}
ltm virtual api_vs {
    destination 192.0.2.80:https
    pool api_pool
    profiles {
        api_clientssl {
            context clientside
        }
        api_serverssl {
            context serverside
        }
        http { }
        f5-tcp-progressive { }
    }
    rules {
        _sys_https_redirect
    }
}
`
	m := loadText(t, src, "17.1")
	noFindings(t, m)
	l := listener(t, m, "/Prod/api_vs", "/Prod/api_clientssl")
	eq(t, "http", l.HTTPProfile, true)
	eq(t, "cert", l.Certs[0].Cert.Value, "/Common/default.crt")
	g := l.Policy.CipherGroup.Value
	eq(t, "group", g.Name, "/Prod/api_group")
	eq(t, "allowed rule", g.Allow[0].Name, "/Common/f5-secure")
	// clientssl's options say no-tlsv1.3
	eq(t, "protocols", l.Policy.Protocols.Value, tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12))
	u := upstream(t, m, "/Prod/api_vs > pool /Prod/api_pool")
	// serverssl-secure: options { no-ssl }, a cipher group: TLS 1.3 on
	eq(t, "server protocols", u.Policy.Protocols.Value, tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12, tls.TLS13))
	eq(t, "trusted", u.Policy.Trusted.Value, "/Common/ca-bundle.crt")
	eq(t, "server group", u.Policy.CipherGroup.Value.Name, "/Common/f5-secure")
	eq(t, "verify", u.Verify.Value, true)
}

// TestPartialExport: an input that holds no objects of a kind at all (tmsh
// list ltm carries no sys file objects) is a partial export: references to
// that kind are info, saying why, not warnings.
func TestPartialExport(t *testing.T) {
	src := `ltm profile client-ssl /Common/app_ssl {
    cert-key-chain {
        app {
            cert /Common/app.crt
            key /Common/app.key
        }
    }
    defaults-from /Common/clientssl
}
ltm virtual /Common/vs {
    destination /Common/192.0.2.10:443
    profiles {
        /Common/app_ssl {
            context clientside
        }
    }
}
`
	m := loadText(t, src, "17.1")
	var got []string
	for _, f := range m.Findings {
		got = append(got, fmt.Sprintf("%s %v %s", f.Rule, f.Severity, f.Message))
	}
	eqs(t, "findings", got, []string{
		"TL002 info certificate /Common/app.crt (sys file ssl-cert) is not defined in the input (the input holds no sys file ssl-cert objects at all: a partial export, such as tmsh list ltm without sys file)",
		"TL002 info key /Common/app.key (sys file ssl-key) is not defined in the input (the input holds no sys file ssl-key objects at all: a partial export, such as tmsh list ltm without sys file)",
	})
}
