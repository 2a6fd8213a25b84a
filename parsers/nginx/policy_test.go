package nginx

import (
	"reflect"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

// TestSharedPolicies: servers that each own their policy (each sets a
// certificate) but inherit every setting of it share one *TLSPolicy, and
// keep distinct owners; a server that writes a setting gets its own.
func TestSharedPolicies(t *testing.T) {
	dir := tree(t, map[string]string{
		"nginx.conf": `events {}
http {
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE+AESGCM;
    server {
        listen 443 ssl;
        server_name a.example.com;
        ssl_certificate a.pem;
        ssl_certificate_key a.key;
        location / { proxy_ssl_verify off; proxy_pass https://10.0.0.1:8443; }
        location /b/ { proxy_ssl_server_name on; proxy_pass https://10.0.0.2:8443; }
    }
    server {
        listen 443 ssl;
        server_name b.example.com;
        ssl_certificate b.pem;
        ssl_certificate_key b.key;
    }
    server {
        listen 443 ssl;
        server_name c.example.com;
        ssl_certificate c.pem;
        ssl_certificate_key c.key;
        ssl_ciphers ECDHE+CHACHA20;
        location / { proxy_ssl_ciphers HIGH; proxy_pass https://10.0.0.3:8443; }
    }
}
`})
	m := load(t, dir, "nginx.conf", nil)
	if len(m.Listeners) != 3 || len(m.Upstreams) != 3 {
		t.Fatalf("%d listeners, %d upstreams", len(m.Listeners), len(m.Upstreams))
	}
	a, b, c := m.Listeners[0], m.Listeners[1], m.Listeners[2]
	if a.Policy != b.Policy {
		t.Error("a and b inherit every policy setting from http: one policy")
	}
	if a.PolicyOwner == b.PolicyOwner || a.PolicyOwner == 0 {
		t.Errorf("a and b own their policies (they set certificates): owners %d, %d", a.PolicyOwner, b.PolicyOwner)
	}
	if c.Policy == a.Policy || c.Policy.Ciphers.Value != "ECDHE+CHACHA20" || a.Policy.Ciphers.Value != "ECDHE+AESGCM" {
		t.Errorf("c writes its ciphers: its own policy (%q, a has %q)", c.Policy.Ciphers.Value, a.Policy.Ciphers.Value)
	}
	u1, u2, u3 := m.Upstreams[0], m.Upstreams[1], m.Upstreams[2]
	if u1.Policy != u2.Policy || u1.PolicyOwner == u2.PolicyOwner {
		t.Errorf("the two locations of a write only what is not in a policy: one policy, two owners (%d, %d)", u1.PolicyOwner, u2.PolicyOwner)
	}
	if u3.Policy == u1.Policy || u3.Policy.Ciphers.Value != "HIGH" {
		t.Errorf("c's location writes proxy_ssl_ciphers: its own policy")
	}
}

// TestPolicyValueFields keeps policyValue complete: a field added to
// lint.TLSPolicy or lint.Origin must be compared before policies with
// different values of it are shared.
func TestPolicyValueFields(t *testing.T) {
	if n := reflect.TypeOf(lint.TLSPolicy{}).NumField(); n != 14 {
		t.Errorf("lint.TLSPolicy has %d fields, policyValue knows 14: add the new one to policyValue and valueOf", n)
	}
	// six: the sixth, a note, holds Refused and Unavailable (originValue's refused, unavailable)
	if n := reflect.TypeOf(lint.Origin{}).NumField(); n != 6 {
		t.Errorf("lint.Origin has %d fields, originValue knows 6: add the new one to originValue and valueOf", n)
	}
	p := &lint.TLSPolicy{Product: lint.Nginx, Ciphers: lint.Default("HIGH")}
	q := *p
	q.Ciphers.ArgsPos = lint.Pos{File: "x.conf", Line: 1}
	v1, _ := valueOf(p)
	v2, _ := valueOf(&q)
	if v1 == v2 {
		t.Error("policies differing in one origin compare equal")
	}
	q = *p
	q.Stapling.SetChain(&[]lint.Pos{{File: "x.conf", Line: 1}})
	if _, ok := valueOf(&q); ok {
		t.Error("a policy with a defaults-from chain is not shared")
	}
}
