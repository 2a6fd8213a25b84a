package as3

import (
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

// tlsServerDecl is an HTTPS service whose TLS_Server "tls" has the given
// extra properties.
func tlsServerDecl(props string) string {
	if props != "" {
		props = ",\n    " + props
	}
	return svcDecl(`"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "serverTLS": "tls", "redirect80": false},
   "tls": {"class": "TLS_Server",
    "certificates": [{"certificate": "c"}]` + props + `},
   "c": {"class": "Certificate", "certificate": {"bigip": "/Common/default.crt"}, "privateKey": {"bigip": "/Common/default.key"}}`)
}

func TestProtocols(t *testing.T) {
	v := tls.Versions
	tests := []struct {
		name, props string
		bigip       string // target BIG-IP version
		want        tls.VersionSet
		at          string // needle of the property the setting points at; "" = default
	}{
		{"schema defaults", ``, "", v(tls.TLS10, tls.TLS11, tls.TLS12), ""},
		{"TLS 1.0 written", `"tls1_0Enabled": true, "tls1_3Enabled": true`, "", v(tls.TLS10, tls.TLS11, tls.TLS12, tls.TLS13), `"tls1_0Enabled"`},
		{"legacy default, newer written", `"tls1_3Enabled": true, "tls1_1Enabled": false`, "", v(tls.TLS10, tls.TLS12, tls.TLS13), ""},
		{"modern", `"tls1_0Enabled": false, "tls1_1Enabled": false, "tls1_3Enabled": true`, "", v(tls.TLS12, tls.TLS13), ""},
		{"only 1.1 left", `"tls1_0Enabled": false, "tls1_1Enabled": true, "tls1_2Enabled": false`, "", v(tls.TLS11), `"tls1_1Enabled"`},
		{"SSLv3 asked for", `"ssl3Enabled": true`, "", v(tls.SSLv3, tls.TLS10, tls.TLS11, tls.TLS12), `"ssl3Enabled"`},
		{"SSLv3 default is off", `"ssl3Enabled": false, "sslEnabled": true`, "", v(tls.TLS10, tls.TLS11, tls.TLS12), ""},
		{"nothing enabled", `"tls1_2Enabled": false, "tls1_1Enabled": false, "tls1_0Enabled": false`, "", 0, `"tls1_2Enabled"`},
		{"no TLS 1.3 before TMOS 14.0", `"tls1_0Enabled": false, "tls1_3Enabled": true`, "13.1", v(tls.TLS11, tls.TLS12), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js := tlsServerDecl(tt.props)
			target := &lint.Target{BigIP: lint.DefaultBigIP}
			if tt.bigip != "" {
				var err error
				if target.BigIP, err = lint.ParseProductVersion(tt.bigip); err != nil {
					t.Fatal(err)
				}
			}
			m := loadJSON(t, js, target)
			noDiags(t, m)
			p := listener(t, m, "/T/A/s").Policy.Protocols
			if p.Value != tt.want {
				t.Errorf("protocols %s, want %s", p.Value, tt.want)
			}
			want := "default /T/A/tls"
			if tt.at != "" {
				want = lc(t, js, tt.at) + " /T/A/tls"
			}
			if got := origin(p.Origin); got != want {
				t.Errorf("origin %s, want %s", got, want)
			}
			if p.ArgsPos.IsValid() {
				t.Errorf("protocols have ArgsPos %s: no single JSON value holds them", at(p.ArgsPos))
			}
		})
	}
}

func TestCiphers(t *testing.T) {
	js := svcDecl(`"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "serverTLS": ["t1", "t2", "t3"], "redirect80": false},
   "t1": {"class": "TLS_Server", "certificates": [{"certificate": "c"}], "ciphers": "DEFAULT:!TLSv1:!3DES"},
   "t2": {"class": "TLS_Server", "certificates": [{"certificate": "c"}], "cipherGroup": {"use": "grp"}, "tls1_3Enabled": true},
   "t3": {"class": "TLS_Server", "certificates": [{"certificate": "c"}], "cipherGroup": {"bigip": "/Common/f5-secure"}},
   "grp": {"class": "Cipher_Group", "order": "strength",
     "excludeCipherRules": [{"use": "no_rsa"}],
     "requireCipherRules": [{"use": "/T/A/ecdhe"}, {"bigip": "/Common/f5-ecc"}]},
   "no_rsa": {"class": "Cipher_Rule", "cipherSuites": ["RSA"]},
   "ecdhe": {"class": "Cipher_Rule", "cipherSuites": ["ECDHE", "ECDHE_ECDSA", "!SSLV3"], "namedGroups": ["X25519", "P256"],
     "signatureAlgorithms": ["ECDSA-SHA256", "RSA-PSS-SHA256"]},
   "c": {"class": "Certificate", "certificate": {"bigip": "/Common/default.crt"}, "privateKey": {"bigip": "/Common/default.key"}}`)
	m := loadJSON(t, js, nil)
	noDiags(t, m)
	ls := listenersOf(m, "/T/A/s")
	if len(ls) != 3 {
		t.Fatalf("%d listeners", len(ls))
	}
	// t1: a cipher string; ArgsPos is the string's content.
	c := ls[0].Policy.Ciphers
	if c.Value != "DEFAULT:!TLSv1:!3DES" || origin(c.Origin) != lc(t, js, `"ciphers"`)+" /T/A/t1" || text(m, c.ArgsPos) != "DEFAULT:!TLSv1:!3DES" {
		t.Errorf("t1 ciphers %q at %s args %q", c.Value, origin(c.Origin), text(m, c.ArgsPos))
	}
	if ls[0].Profile != "/T/A/t1" || ls[1].Profile != "/T/A/t2" || ls[2].Profile != "/T/A/t3" {
		t.Errorf("profiles %s %s %s", ls[0].Profile, ls[1].Profile, ls[2].Profile)
	}
	// t2: a declared cipher group with its rules.
	p := ls[1].Policy
	g := p.CipherGroup.Value
	if g == nil {
		t.Fatal("t2: no cipher group")
	}
	if p.Ciphers.Value != "none" || at(p.Ciphers.Pos) != lc(t, js, `"cipherGroup": {"use"`) || at(p.CipherGroup.Pos) != at(p.Ciphers.Pos) {
		t.Errorf("t2 ciphers %q at %s, group at %s", p.Ciphers.Value, at(p.Ciphers.Pos), at(p.CipherGroup.Pos))
	}
	if g.Name != "/T/A/grp" || g.Ordering != "strength" || at(g.Pos) != lc(t, js, `"grp": {`) {
		t.Errorf("group %s ordering %s at %s", g.Name, g.Ordering, at(g.Pos))
	}
	// allowCipherRules defaults to [{"bigip": "/Common/f5-default"}].
	if len(g.Allow) != 1 || g.Allow[0].Name != "/Common/f5-default" || g.Allow[0].Cipher != "" {
		t.Errorf("allow %+v", g.Allow)
	}
	if len(g.Exclude) != 1 || g.Exclude[0].Name != "/T/A/no_rsa" || g.Exclude[0].Cipher != "RSA" || at(g.Exclude[0].Pos) != lc(t, js, `"no_rsa": {`) {
		t.Errorf("exclude %+v", g.Exclude)
	}
	if len(g.Require) != 2 {
		t.Fatalf("require %+v", g.Require)
	}
	r := g.Require[0]
	if r.Name != "/T/A/ecdhe" || r.Cipher != "ECDHE:ECDHE_ECDSA:!SSLV3" || r.DHGroups != "X25519:P256" || r.SigAlgs != "ECDSA-SHA256:RSA-PSS-SHA256" {
		t.Errorf("rule %+v", r)
	}
	if g.Require[1].Name != "/Common/f5-ecc" || g.Require[1].Cipher != "" {
		t.Errorf("bigip rule %+v", g.Require[1])
	}
	if !p.Protocols.Value.Has(tls.TLS13) {
		t.Errorf("t2 protocols %s", p.Protocols.Value)
	}
	// t3: a BIG-IP group, known by name.
	g3 := ls[2].Policy.CipherGroup.Value
	if g3 == nil || g3.Name != "/Common/f5-secure" || len(g3.Allow)+len(g3.Exclude)+len(g3.Require) != 0 || at(g3.Pos) != lc(t, js, `"/Common/f5-secure"`) {
		t.Errorf("t3 group %+v", g3)
	}
}

func TestCipherConflicts(t *testing.T) {
	js := tlsServerDecl(`"ciphers": "DEFAULT", "cipherGroup": {"use": "nope"}`)
	m := loadJSON(t, js, nil)
	wantDiag(t, m, "TL001", lc(t, js, `"ciphers"`), `"ciphers" and "cipherGroup" are both set`)
	wantDiag(t, m, "TL002", lc(t, js, `"cipherGroup"`), `cipherGroup "nope" does not resolve: no /T/A/nope in the declaration (expected a Cipher_Group)`)
}

const multiCertItems = `"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "serverTLS": "tls", "redirect80": false},
   "tls": {"class": "TLS_Server", "requireSNI": true, %s
    "certificates": [
      {"certificate": "rsa_cert", "matchToSNI": "www.example.com"},
      {"certificate": "ecdsa_cert", "sniDefault": true},
      {"certificate": "/T/A/api_cert", "matchToSNI": "api.example.com"}
    ]},
   "rsa_cert": {"class": "Certificate", "certificate": {"bigip": "/Common/www.crt"}, "privateKey": {"bigip": "/Common/www.key"}},
   "ecdsa_cert": {"class": "Certificate", "certificate": {"bigip": "/Common/www-ec.crt"}, "privateKey": {"bigip": "/Common/www-ec.key"}},
   "api_cert": {"class": "Certificate", "certificate": {"url": "https://vault.example.com/api.pem"}, "privateKey": {"url": {"url": "https://vault.example.com/api.key"}}}`

func TestMultipleCertificates(t *testing.T) {
	js := svcDecl(strings.Replace(multiCertItems, "%s", "", 1))
	m := loadJSON(t, js, nil)
	noDiags(t, m)
	ls := listenersOf(m, "/T/A/s")
	if len(ls) != 3 {
		t.Fatalf("%d listeners, want one per certificate", len(ls))
	}
	want := []struct {
		profile, cert, name string
		sniDefault          string // value and origin
		sniRequire          bool
	}{
		// The first certificate is not the SNI default because another sets sniDefault.
		{"/T/A/tls", "/Common/www.crt", "www.example.com", "false default /T/A/tls", false},
		{"/T/A/tls-1-", "/Common/www-ec.crt", "", "true " + lc(t, js, `"sniDefault"`) + " /T/A/tls", true},
		{"/T/A/tls-2-", "https://vault.example.com/api.pem", "api.example.com", "false default /T/A/tls", false},
	}
	for i, w := range want {
		l := ls[i]
		if l.Profile != w.profile || len(l.Certs) != 1 || l.Certs[0].Cert.Value != w.cert {
			t.Errorf("listener %d: profile %s certs %+v", i, l.Profile, l.Certs)
			continue
		}
		name := ""
		if len(l.Names) > 0 {
			name = l.Names[0].Value
			if at(l.Names[0].Pos) != lc(t, js, `"`+name+`"`) {
				t.Errorf("listener %d: name at %s", i, at(l.Names[0].Pos))
			}
		}
		if name != w.name {
			t.Errorf("listener %d: names %v, want %s", i, l.Names, w.name)
		}
		sd := "false"
		if l.SNIDefault.Value {
			sd = "true"
		}
		if got := sd + " " + origin(l.SNIDefault.Origin); got != w.sniDefault {
			t.Errorf("listener %d: sni-default %s, want %s", i, got, w.sniDefault)
		}
		if l.SNIRequire.Value != w.sniRequire {
			t.Errorf("listener %d: sni-require %v", i, l.SNIRequire.Value)
		}
		if l.Policy != ls[0].Policy {
			t.Errorf("listener %d: the profiles of one TLS_Server should share one policy", i)
		}
		if binds(l) != "10.0.0.1:443 ssl" {
			t.Errorf("listener %d: binds %s", i, binds(l))
		}
	}
	if ls[2].Certs[0].Key.Value != "https://vault.example.com/api.key" {
		t.Errorf("url key %q", ls[2].Certs[0].Key.Value)
	}
	if len(m.Sockets) != 1 || len(m.Sockets[0].Binds) != 3 || !m.Sockets[0].TLS {
		t.Errorf("sockets: %d", len(m.Sockets))
	}
}

func TestHybridAndNaming(t *testing.T) {
	t.Run("hybrid", func(t *testing.T) {
		m := loadJSON(t, svcDecl(strings.Replace(multiCertItems, "%s", `"hybrid": true,`, 1)), nil)
		noDiags(t, m)
		l := listener(t, m, "/T/A/s")
		if len(l.Certs) != 3 || l.Profile != "/T/A/tls" || !l.SNIDefault.Value || !l.SNIRequire.Value || len(l.Names) != 1 {
			t.Errorf("hybrid: profile %s certs %d sni-default %v sni-require %v names %v", l.Profile, len(l.Certs), l.SNIDefault.Value, l.SNIRequire.Value, l.Names)
		}
	})
	t.Run("namingScheme certificate", func(t *testing.T) {
		m := loadJSON(t, svcDecl(strings.Replace(multiCertItems, "%s", `"namingScheme": "certificate",`, 1)), nil)
		noDiags(t, m)
		var got []string
		for _, l := range listenersOf(m, "/T/A/s") {
			got = append(got, l.Profile)
		}
		if strings.Join(got, " ") != "/T/A/rsa_cert /T/A/ecdsa_cert /T/A/api_cert" {
			t.Errorf("profiles %v", got)
		}
	})
}

func TestServerTLSSettings(t *testing.T) {
	js := tlsServerDecl(`"staplerOCSPEnabled": true, "authenticationMode": "require", "authenticationTrustCA": {"bigip": "/Common/clients-ca.crt"}, "ldapStartTLS": "allow"`)
	m := loadJSON(t, js, nil)
	noDiags(t, m)
	l := listener(t, m, "/T/A/s")
	if !l.Policy.Stapling.Value || at(l.Policy.Stapling.Pos) != lc(t, js, `"staplerOCSPEnabled"`) {
		t.Errorf("stapling %v at %s", l.Policy.Stapling.Value, at(l.Policy.Stapling.Pos))
	}
	if l.Policy.Trusted.Value != "/Common/clients-ca.crt" || at(l.Policy.Trusted.Pos) != lc(t, js, `"authenticationTrustCA"`) {
		t.Errorf("trusted %q", l.Policy.Trusted.Value)
	}
	var names []string
	for _, d := range l.Written {
		names = append(names, d.Name)
		if d.Context != "/T/A/tls" || !d.Pos.IsValid() || len(d.ArgPos) != 1 {
			t.Errorf("directive %+v", d)
		}
	}
	if strings.Join(names, " ") != "certificates staplerOCSPEnabled authenticationMode authenticationTrustCA ldapStartTLS" {
		t.Errorf("written %v", names)
	}
}

func TestCertificateForms(t *testing.T) {
	js := svcDecl(`"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "serverTLS": "tls", "redirect80": false},
   "tls": {"class": "TLS_Server", "certificates": [{"certificate": "c1"}, {"certificate": "c2"}, {"certificate": "c3"}, {"certificate": "c4"}]},
   "c1": {"class": "Certificate", "certificate": {"base64": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"}, "privateKey": {"text": "KEY"}, "chainCA": {"use": "bundle"}},
   "c2": {"class": "Certificate", "pkcs12": {"url": "https://vault.example.com/site.p12"}},
   "c3": {"class": "Certificate", "certificate": {"copyFrom": "c1/certificate"}, "privateKey": ""},
   "c4": {"class": "Certificate", "certificate": {"base64": "!!"}},
   "bundle": {"class": "CA_Bundle", "bundle": "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----"}`)
	m := loadJSON(t, js, nil)
	wantDiag(t, m, "TL001", lc(t, js, `"!!"`), `invalid base64 in "certificate"`)
	if len(m.Findings) != 1 {
		t.Errorf("findings %v", diags(m))
	}
	ls := listenersOf(m, "/T/A/s")
	if len(ls) != 4 {
		t.Fatalf("%d listeners", len(ls))
	}
	c1 := ls[0].Certs[0]
	if c1.Cert.Value != "data:-----BEGIN CERTIFICATE-----" || c1.Key.Value != "data:KEY" ||
		c1.Chain.Value != "data:-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----" || at(c1.Chain.Pos) != lc(t, js, `"chainCA"`) {
		t.Errorf("c1 %+v", c1)
	}
	c2 := ls[1].Certs[0]
	if c2.Cert.Value != "" || at(c2.Cert.Pos) != lc(t, js, `"pkcs12"`) || at(c2.Key.Pos) != at(c2.Cert.Pos) {
		t.Errorf("c2 %+v", c2)
	}
	c3 := ls[2].Certs[0]
	if c3.Cert.Value != c1.Cert.Value || c3.Key.Value != "" || !c3.Key.Set() {
		t.Errorf("c3 %+v", c3)
	}
}

const clientItems = `"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "redirect80": false,
   "serverTLS": {"bigip": "/Common/clientssl"}, "pool": "p", "clientTLS": "ctls" %s},
   "p": {"class": "Pool", "members": [{"servicePort": 443, "addressDiscovery": "fqdn", "hostname": "api.partner.example"}]},
   "ctls": {"class": "TLS_Client" %s},
   "client_cert": {"class": "Certificate", "certificate": {"bigip": "/Common/client.crt"}, "privateKey": {"bigip": "/Common/client.key"}}`

func TestTLSClient(t *testing.T) {
	tests := []struct {
		name, svc, props  string
		sni               string // value, name, origin
		verify, trusted   string // value and origin
		incomplete, certs bool
	}{
		{"defaults", "", "",
			`false "" default /T/A/ctls`, "false default /T/A/ctls", "/Common/ca-bundle.crt default /T/A/ctls", false, false},
		{"sendSNI and verification", "", `, "sendSNI": "api.partner.example", "validateCertificate": true, "trustCA": {"bigip": "/Common/partner-ca.crt"}, "clientCertificate": "client_cert"`,
			`true "api.partner.example" {sendSNI} /T/A/ctls`, "true {validateCertificate} /T/A/ctls", "/Common/partner-ca.crt {trustCA} /T/A/ctls", false, true},
		{"ignoreUntrusted undoes verification", "", `, "validateCertificate": true, "ignoreUntrusted": true, "trustCA": "none"`,
			`false "" default /T/A/ctls`, "false {ignoreUntrusted} /T/A/ctls", " {trustCA} /T/A/ctls", false, false},
		{"sendSNI none written", "", `, "sendSNI": "none", "validateCertificate": false, "trustCA": "generic"`,
			`false "" {sendSNI} /T/A/ctls`, "false {validateCertificate} /T/A/ctls", "/Common/ca-bundle.crt {trustCA} /T/A/ctls", false, false},
		{"serversslUseSni forwards the client's name", `, "serversslUseSni": true`, "",
			`true "" {serversslUseSni} /T/A/s`, "false default /T/A/ctls", "/Common/ca-bundle.crt default /T/A/ctls", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js := svcDecl(strings.Replace(strings.Replace(clientItems, "%s", tt.svc, 1), "%s", tt.props, 1))
			m := loadJSON(t, js, nil)
			noDiags(t, m)
			expand := func(s string) string {
				for _, k := range []string{"sendSNI", "validateCertificate", "ignoreUntrusted", "trustCA", "serversslUseSni"} {
					if strings.Contains(s, "{"+k+"}") {
						s = strings.Replace(s, "{"+k+"}", lc(t, js, `"`+k+`"`), 1)
					}
				}
				return s
			}
			u := upstream(t, m, "/T/A/s > pool /T/A/p")
			if !u.TLS || u.Scheme != "https" || at(u.SchemePos) != lc(t, js, `"clientTLS"`) || u.Policy == nil || u.Policy.Product != lint.BigIP {
				t.Fatalf("tls %v scheme %s at %s", u.TLS, u.Scheme, at(u.SchemePos))
			}
			if got := fmtBool(u.SNI.Value) + " \"" + u.SNIName.Value + "\" " + origin(u.SNI.Origin); got != expand(tt.sni) {
				t.Errorf("sni %s, want %s", got, expand(tt.sni))
			}
			if got := fmtBool(u.Verify.Value) + " " + origin(u.Verify.Origin); got != expand(tt.verify) {
				t.Errorf("verify %s, want %s", got, expand(tt.verify))
			}
			if got := u.Policy.Trusted.Value + " " + origin(u.Policy.Trusted.Origin); got != expand(tt.trusted) {
				t.Errorf("trusted %s, want %s", got, expand(tt.trusted))
			}
			if u.Incomplete != tt.incomplete || (len(u.ClientCerts) == 1) != tt.certs {
				t.Errorf("incomplete %v client certs %d", u.Incomplete, len(u.ClientCerts))
			}
			if got := targets(u); got != "api.partner.example:443" {
				t.Errorf("targets %s", got)
			}
			if u.Policy.Protocols.Value != tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12) {
				t.Errorf("protocols %s", u.Policy.Protocols.Value)
			}
		})
	}
}

func fmtBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func TestMultipleClientTLS(t *testing.T) {
	js := svcDecl(`"s": {"class": "Service_TCP", "virtualAddresses": ["10.0.0.1"], "virtualPort": 443, "pool": "p",
     "serverTLS": {"bigip": "/Common/clientssl"}, "clientTLS": [{"use": "c1"}, {"bigip": "/Common/serverssl"}]},
   "p": {"class": "Pool", "members": [{"servicePort": 443, "serverAddresses": ["10.0.1.1"]}]},
   "c1": {"class": "TLS_Client", "sendSNI": "a.example"}`)
	m := loadJSON(t, js, nil)
	noDiags(t, m)
	a := upstream(t, m, "/T/A/s > pool /T/A/p (clientTLS /T/A/c1)")
	b := upstream(t, m, "/T/A/s > pool /T/A/p (clientTLS /Common/serverssl)")
	if !a.SNI.Value || b.SNI.Value || b.Incomplete || b.Policy.Trusted.Value != "" || targets(a) != targets(b) {
		t.Errorf("a sni %v, b sni %v incomplete %v trusted %q", a.SNI.Value, b.SNI.Value, b.Incomplete, b.Policy.Trusted.Value)
	}
}

func TestBigIPProfiles(t *testing.T) {
	js := svcDecl(`"s1": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "redirect80": false, "serverTLS": {"bigip": "/Common/clientssl"},
     "pool": "p", "clientTLS": {"bigip": "/Common/serverssl"}},
   "s2": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.2"], "redirect80": false, "serverTLS": {"bigip": "/Common/partner-clientssl"},
     "pool": "p", "clientTLS": {"bigip": "/Common/partner-serverssl"}},
   "p": {"class": "Pool", "members": [{"servicePort": 443, "serverAddresses": ["10.0.1.1"]}]}`)
	m := loadJSON(t, js, nil)
	noDiags(t, m)
	known := listener(t, m, "/T/A/s1")
	if known.Incomplete || known.Profile != "/Common/clientssl" || len(known.Certs) != 1 || known.Certs[0].Cert.Value != "/Common/default.crt" ||
		!known.Certs[0].Cert.Default || known.Policy.Protocols.Value != tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12) ||
		!known.Policy.Protocols.Default || known.Policy.Protocols.Context != "/Common/clientssl" {
		t.Errorf("clientssl: incomplete %v certs %+v protocols %s", known.Incomplete, known.Certs, known.Policy.Protocols.Value)
	}
	unknown := listener(t, m, "/T/A/s2")
	if !unknown.Incomplete || len(unknown.Certs) != 0 || !unknown.TLS() {
		t.Errorf("custom client-ssl: incomplete %v certs %d tls %v", unknown.Incomplete, len(unknown.Certs), unknown.TLS())
	}
	if u := upstream(t, m, "/T/A/s1 > pool /T/A/p"); u.Incomplete || u.Verify.Value || !u.Verify.Default || u.SNI.Value {
		t.Errorf("serverssl: incomplete %v verify %v", u.Incomplete, u.Verify.Value)
	}
	if u := upstream(t, m, "/T/A/s2 > pool /T/A/p"); !u.Incomplete || u.Verify.Set() {
		t.Errorf("custom server-ssl: incomplete %v", u.Incomplete)
	}
}

func TestUnresolvedTLS(t *testing.T) {
	js := svcDecl(`"s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "redirect80": false, "serverTLS": "sever_tls",
     "pool": "p", "clientTLS": "c"},
   "p": {"class": "Pool", "members": [{"servicePort": 443, "serverAddresses": ["10.0.1.1"]}]},
   "c": {"class": "Certificate", "certificate": {"bigip": "/Common/default.crt"}},
   "server_tls": {"class": "TLS_Server", "certificates": [{"certificate": "missing_cert"}]}`)
	m := loadJSON(t, js, nil)
	wantDiag(t, m, "TL002", lc(t, js, `"serverTLS"`), `serverTLS "sever_tls" does not resolve: no /T/A/sever_tls in the declaration (expected a TLS_Server)`)
	wantDiag(t, m, "TL002", lc(t, js, `"clientTLS"`), `clientTLS "c" points to a Certificate at /T/A/c: expected a TLS_Client`)
	// The unused TLS_Server is still checked, as AS3 checks every pointer.
	wantDiag(t, m, "TL002", lc(t, js, `"certificate": "missing_cert"`), `certificate "missing_cert" does not resolve`)
	if len(m.Findings) != 3 {
		t.Errorf("findings %v", diags(m))
	}
	l := listener(t, m, "/T/A/s")
	if !l.Incomplete || !l.TLS() || len(l.Certs) != 0 {
		t.Errorf("listener incomplete %v tls %v", l.Incomplete, l.TLS())
	}
	if u := upstream(t, m, "/T/A/s > pool /T/A/p"); !u.TLS || !u.Incomplete {
		t.Errorf("upstream tls %v incomplete %v", u.TLS, u.Incomplete)
	}
}

func TestSharedReferences(t *testing.T) {
	js := `{"class": "ADC", "schemaVersion": "3.56.0",
 "Common": {"class": "Tenant",
  "Shared": {"class": "Application", "template": "shared",
   "wildcard_tls": {"class": "TLS_Server", "certificates": [{"certificate": "wildcard"}], "tls1_0Enabled": false, "tls1_1Enabled": false},
   "wildcard": {"class": "Certificate", "certificate": {"bigip": "/Common/wildcard.crt"}, "privateKey": {"bigip": "/Common/wildcard.key"}}
  }
 },
 "T": {"class": "Tenant",
  "Shared": {"class": "Application", "template": "shared",
   "backend_tls": {"class": "TLS_Client", "validateCertificate": true}
  },
  "A": {"class": "Application",
   "s": {"class": "Service_HTTPS", "virtualAddresses": ["10.0.0.1"], "redirect80": false,
     "serverTLS": {"use": "/Common/Shared/wildcard_tls"}, "clientTLS": {"use": "/T/Shared/backend_tls"}, "pool": "p"},
   "p": {"class": "Pool", "members": [{"servicePort": 443, "serverAddresses": ["10.0.1.1"]}]}
  }
 }
}`
	m := loadJSON(t, js, nil)
	noDiags(t, m)
	l := listener(t, m, "/T/A/s")
	if l.Profile != "/Common/Shared/wildcard_tls" || l.Certs[0].Cert.Value != "/Common/wildcard.crt" || l.Policy.Protocols.Value != tls.Versions(tls.TLS12) {
		t.Errorf("profile %s certs %+v protocols %s", l.Profile, l.Certs, l.Policy.Protocols.Value)
	}
	if u := upstream(t, m, "/T/A/s > pool /T/A/p"); !u.Verify.Value || u.Verify.Context != "/T/Shared/backend_tls" {
		t.Errorf("verify %v (%s)", u.Verify.Value, u.Verify.Context)
	}
}
