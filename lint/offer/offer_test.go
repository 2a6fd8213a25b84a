package offer_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs/certtest"
	"github.com/tlslint/tlslint/lint/clients"
	"github.com/tlslint/tlslint/lint/driver"
	"github.com/tlslint/tlslint/lint/offer"
	"github.com/tlslint/tlslint/lint/tls"
)

// book lints an nginx.conf (no certificate files) for a target nginx.
func book(t *testing.T, conf, nginxVersion string) *offer.Book {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	tg := lint.DefaultTarget()
	if nginxVersion != "" {
		v, err := lint.ParseProductVersion(nginxVersion)
		if err != nil {
			t.Fatal(err)
		}
		tg.Nginx = v
	}
	res, err := driver.Lint([]string{"nginx.conf"}, &driver.Options{Cwd: dir, NoCerts: true, Target: tg})
	if err != nil {
		t.Fatal(err)
	}
	return res.Offers
}

func listener(t *testing.T, b *offer.Book, name string) (*lint.Listener, *offer.Offer) {
	t.Helper()
	for _, l := range b.Model().Listeners {
		for _, n := range l.Names {
			if n.Value == name {
				return l, b.Listener(l)
			}
		}
	}
	t.Fatalf("no listener %s", name)
	return nil, nil
}

const twoServers = `events {}
http {
    server {
        listen 443 ssl default_server;
        server_name a.example.com;
        ssl_protocols TLSv1.2;
        ssl_ecdh_curve X25519;
    }
    server {
        listen 443 ssl;
        server_name b.example.com;
        ssl_protocols TLSv1.3;
        ssl_ecdh_curve prime256v1;
        ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256;
    }
}
`

// TestSocketDefault: OpenSSL fixes the versions and groups before SNI
// selects a server, so the socket default server's apply (versions only
// before nginx 1.29.2); the cipher list follows the selected server.
func TestSocketDefault(t *testing.T) {
	b := book(t, twoServers, "1.28")
	a, _ := listener(t, b, "a.example.com")
	l, o := listener(t, b, "b.example.com")
	if o.VersionsFrom != a || o.Versions.Value != tls.Versions(tls.TLS12) {
		t.Errorf("1.28: versions %s from %v, want TLSv1.2 from the default server", o.Versions.Value, o.VersionsFrom.Subject)
	}
	if o.Configured.Value != tls.Versions(tls.TLS13) {
		t.Errorf("configured = %s, want the server's own TLSv1.3", o.Configured.Value)
	}
	if o.GroupsFrom != a || len(o.Groups) != 1 || !strings.EqualFold(o.Groups[0].Name, "X25519") {
		t.Errorf("groups from %v: %v, want the default server's X25519", o.GroupsFrom.Subject, o.Groups)
	}
	if len(o.Suites) != 1 || o.Suites[0].Name != "ECDHE-RSA-AES128-GCM-SHA256" || o.Policy != l.Policy {
		t.Errorf("suites %v: want the selected server's own list", o.Suites)
	}
	b = book(t, twoServers, "1.29.2")
	_, o = listener(t, b, "b.example.com")
	if o.Versions.Value != tls.Versions(tls.TLS13) {
		t.Errorf("1.29.2: versions %s, want the selected server's own", o.Versions.Value)
	}
}

// TestNegotiable: a TLS 1.3-only server negotiates no TLS 1.2 suite; the
// security level refuses TLS 1.0 unless the cipher string lowers it.
func TestNegotiable(t *testing.T) {
	b := book(t, `events {}
http {
    server { listen 443 ssl; server_name only13.example.com; ssl_protocols TLSv1.3; ssl_ciphers AES128-SHA; }
    server { listen 8443 ssl; server_name old.example.com; ssl_protocols TLSv1 TLSv1.2; }
    server { listen 9443 ssl; server_name zero.example.com; ssl_protocols TLSv1 TLSv1.2; ssl_ciphers DEFAULT:@SECLEVEL=0; ssl_dhparam /etc/dh.pem; }
}
`, "")
	_, o := listener(t, b, "only13.example.com")
	if o.Negotiable != tls.Versions(tls.TLS13) || len(o.NegotiableSuites()) != 0 {
		t.Errorf("TLS 1.3 only: negotiable %s, suites %v", o.Negotiable, o.NegotiableSuites())
	}
	_, o = listener(t, b, "old.example.com")
	if o.Enabled.Has(tls.TLS10) || o.Level != 2 {
		t.Errorf("level 2: enabled %s at level %d, TLSv1 must be refused", o.Enabled, o.Level)
	}
	_, o = listener(t, b, "zero.example.com")
	if !o.Enabled.Has(tls.TLS10) || o.Level != 0 || o.CertLevel != 0 || o.DHLevel != 0 {
		t.Errorf("@SECLEVEL=0: enabled %s, levels %d/%d/%d", o.Enabled, o.Level, o.CertLevel, o.DHLevel)
	}
	if len(o.DHESuites()) == 0 {
		t.Error("with ssl_dhparam, DHE suites are offered")
	}
}

// TestRequiresSNI: a default server with ssl_reject_handshake on makes SNI
// required on its socket.
func TestRequiresSNI(t *testing.T) {
	b := book(t, `events {}
http {
    server { listen 443 ssl default_server; ssl_reject_handshake on; }
    server { listen 443 ssl; server_name app.example.com; }
}
`, "")
	_, o := listener(t, b, "app.example.com")
	if !o.RequiresSNI || !o.RequiresSNIAt.IsValid() || !o.Server.RequireSNI {
		t.Errorf("requires SNI %v at %v", o.RequiresSNI, o.RequiresSNIAt)
	}
}

// TestTextIgnoresForm: equal behaviour written differently renders the
// same normalized text (drift compares it); a real difference does not.
func TestTextIgnoresForm(t *testing.T) {
	a := book(t, `events {}
http {
    ssl_protocols TLSv1.3 TLSv1.2;
    server { listen 443 ssl; server_name x.example.com; ssl_ciphers ECDHE+AESGCM; }
}
`, "")
	b := book(t, `events {}
http {
    server {
        server_name x.example.com;
        ssl_ciphers ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256;
        ssl_protocols TLSv1.2 TLSv1.3;
        listen 443 ssl;
    }
}
`, "")
	_, oa := listener(t, a, "x.example.com")
	_, ob := listener(t, b, "x.example.com")
	if oa.Text() != ob.Text() {
		t.Errorf("same behaviour, different text:\n%s\n---\n%s", oa.Text(), ob.Text())
	}
	c := book(t, `events {}
http {
    server { listen 443 ssl; server_name x.example.com; ssl_protocols TLSv1.3; }
}
`, "")
	_, oc := listener(t, c, "x.example.com")
	if oa.Text() == oc.Text() || !strings.Contains(oc.Text(), "protocols: TLSv1.3") {
		t.Errorf("a TLS 1.3-only server renders like a TLS 1.2+1.3 one:\n%s", oc.Text())
	}
}

// TestSharedTerms: upstreams with one policy share their terms but send
// their own SNI names.
func TestSharedTerms(t *testing.T) {
	b := book(t, `events {}
http {
    server {
        listen 443 ssl;
        server_name b.example.com;
        location /x/ { proxy_ssl_server_name on; proxy_ssl_name x.internal; proxy_pass https://10.0.0.1; }
        location /y/ { proxy_ssl_server_name on; proxy_ssl_name y.internal; proxy_pass https://10.0.0.2; }
    }
}
`, "")
	us := b.Model().Upstreams
	if len(us) != 2 {
		t.Fatalf("%d upstreams, want 2", len(us))
	}
	ox, oy := b.Upstream(us[0]), b.Upstream(us[1])
	if ox.Terms != oy.Terms || ox.SNIName != "x.internal" || oy.SNIName != "y.internal" || !ox.SendsSNI {
		t.Errorf("terms %p and %p, names %q and %q", ox.Terms, oy.Terms, ox.SNIName, oy.SNIName)
	}
	if b.Upstream(us[0]) != ox {
		t.Error("an upstream's offer was computed twice")
	}
}

// TestSharedListeners: the servers of a socket with the same policy share
// one offer, the default server's included, before nginx 1.29.2; from
// then on each server's own protocols apply, and each has an offer of its
// own, on the same terms.
func TestSharedListeners(t *testing.T) {
	const conf = `events {}
http {
    ssl_protocols TLSv1.2 TLSv1.3;
    server { listen 443 ssl default_server; server_name a.example.com; }
    server { listen 443 ssl; server_name b.example.com; }
    server { listen 443 ssl; server_name c.example.com; ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256; }
}
`
	b := book(t, conf, "1.28")
	a, oa := listener(t, b, "a.example.com")
	_, ob := listener(t, b, "b.example.com")
	_, oc := listener(t, b, "c.example.com")
	if oa != ob || oa.VersionsFrom != a || oa.GroupsFrom != a {
		t.Errorf("1.28: a and b have offers %p and %p, want one, from the default server", oa, ob)
	}
	if oc == oa || oc.VersionsFrom != a || len(oc.Suites) != 1 {
		t.Errorf("1.28: c's own ciphers share a's offer, or its versions come from %v", oc.VersionsFrom.Subject)
	}
	b = book(t, conf, "1.29.2")
	a, oa = listener(t, b, "a.example.com")
	l, ob := listener(t, b, "b.example.com")
	if oa == ob || oa.VersionsFrom != a || ob.VersionsFrom != l || ob.GroupsFrom != a {
		t.Errorf("1.29.2: a and b share an offer, or b's versions come from %v", ob.VersionsFrom.Subject)
	}
	if oa.Terms != ob.Terms {
		t.Error("1.29.2: a and b, with one policy, have terms of their own")
	}
}

// TestConcurrent: parallel rules ask for the same offers; each is computed
// once and every caller gets the same value (go test -race).
func TestConcurrent(t *testing.T) {
	b := book(t, twoServers, "")
	l := b.Model().Listeners[1]
	var wg sync.WaitGroup
	got := make([]*offer.Offer, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = b.Listener(l)
			b.Simulate(got[i])
		}()
	}
	wg.Wait()
	for _, o := range got[1:] {
		if o != got[0] {
			t.Fatal("an offer was computed twice")
		}
	}
}

// TestSimulationSeesSignatureHash: two servers whose certificates differ
// only in the chain's signature hash (ECDSA P-256 both, one signed with
// SHA-1) are simulated apart: a client that requires SHA-2 fails against
// the SHA-1 one only. Their simulated servers were once shared, keyed by
// the certificates' text, which leaves the hash out.
func TestSimulationSeesSignatureHash(t *testing.T) {
	pki := certtest.New(t)
	dir := t.TempDir()
	pki.WriteComplete(t, dir, "sha256.pem", pki.Leaf)
	pki.WriteKey(t, dir, "sha256.key", pki.Leaf, certtest.PKCS8)
	pki.WriteComplete(t, dir, "sha1.pem", pki.SHA1)
	pki.WriteKey(t, dir, "sha1.key", pki.SHA1, certtest.PKCS8)
	roots := pki.WriteRoots(t, dir, "roots.pem")
	// OpenSSL 3 at its default security level refuses to load a SHA-1
	// chain at all ("ca md too weak"): level 0 lets the server start, and
	// the clients judge the signature.
	conf := `events {}
http {
    ssl_ciphers DEFAULT:@SECLEVEL=0;
    server { listen 443 ssl; server_name a.example.com; ssl_certificate sha256.pem; ssl_certificate_key sha256.key; }
    server { listen 8443 ssl; server_name b.example.com; ssl_certificate sha1.pem; ssl_certificate_key sha1.key; }
}
`
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	tg := lint.DefaultTarget()
	tg.Now = certtest.Now
	tg.Clients = []string{"Java 17.0.3/21.0.6 (OpenJDK)", "Chrome 101 (Win 10)"} // both require SHA-2
	res, err := driver.Lint([]string{"nginx.conf"}, &driver.Options{Cwd: dir, Target: tg, Roots: []string{roots}, NoSystemRoots: true})
	if err != nil {
		t.Fatal(err)
	}
	b := res.Offers
	_, oa := listener(t, b, "a.example.com")
	_, ob := listener(t, b, "b.example.com")
	if len(oa.Certs) != 1 || len(ob.Certs) != 1 || oa.Certs[0].Key != ob.Certs[0].Key || oa.Certs[0].Bits != ob.Certs[0].Bits || oa.Certs[0].Sig == ob.Certs[0].Sig {
		t.Fatalf("certificates %+v and %+v: want one key type and size, two signature hashes", oa.Certs, ob.Certs)
	}
	refused := func(o *offer.Offer) (n int) {
		for _, r := range b.Simulate(o) {
			if r.Cause == clients.CauseSignature {
				n++
			}
		}
		return n
	}
	if n := refused(oa); n != 0 {
		t.Errorf("SHA-256 chain: %d clients refuse its signature", n)
	}
	if n := refused(ob); n != 2 {
		t.Errorf("SHA-1 chain: %d clients refuse its signature, want both (simulated as the SHA-256 server?)", n)
	}
}
