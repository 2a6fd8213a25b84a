package clients

import (
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint/tls"
)

func mustClient(t testing.TB, name string) *Client {
	t.Helper()
	c, ok := ByName(name)
	if !ok {
		t.Fatalf("no client profile %q", name)
	}
	return c
}

func TestAllProfiles(t *testing.T) {
	all := All()
	if len(all) != 177 {
		t.Fatalf("All() has %d profiles, want the 177 of client-simulation.txt", len(all))
	}
	names := map[string]bool{}
	for _, c := range all {
		for _, n := range []string{strings.ToLower(c.Name), strings.ToLower(c.Short)} {
			if names[n] {
				t.Errorf("duplicate name %q", n)
			}
			names[n] = true
		}
		if c.Lowest == 0 || c.Highest == 0 || c.Lowest > c.Highest {
			t.Errorf("%s: protocol range %v..%v", c.Name, c.Lowest, c.Highest)
		}
		if len(c.Suites) == 0 && c.Lowest < tls.TLS13 {
			t.Errorf("%s: no TLS ≤ 1.2 suites", c.Name)
		}
		for _, o := range c.Suites {
			if o.Code == 0 || o.Suite == nil {
				t.Errorf("%s: suite %q is not in the catalogue (code %#x)", c.Name, o.Name, o.Code)
			} else if o.Suite.TLS13() {
				t.Errorf("%s: TLS 1.3 suite %s among the TLS ≤ 1.2 suites", c.Name, o.Name)
			}
		}
		for _, g := range append(append([]*tls.Group(nil), c.Groups...), c.KeyShares...) {
			if tls.GroupByID(g.ID) == nil {
				t.Errorf("%s: group %s is not in the catalogue", c.Name, g.Name)
			}
		}
		if c.Highest == tls.TLS13 {
			if len(c.TLS13Suites) == 0 || len(c.Groups) == 0 || len(c.SigAlgs) == 0 || len(c.KeyShares) == 0 {
				t.Errorf("%s: a TLS 1.3 client needs TLS 1.3 suites, groups, signature algorithms and key shares: %d %d %d %d",
					c.Name, len(c.TLS13Suites), len(c.Groups), len(c.SigAlgs), len(c.KeyShares))
			}
			for _, o := range c.TLS13Suites {
				if o.Suite == nil || !o.Suite.TLS13() {
					t.Errorf("%s: %q is not a TLS 1.3 suite", c.Name, o.Name)
				}
			}
		} else if len(c.TLS13Suites) > 0 {
			t.Errorf("%s: TLS 1.3 suites but highest protocol %v", c.Name, c.Highest)
		}
	}
}

// TestProfileFacts pins facts of individual profiles, including each
// normalisation the generator applies.
func TestProfileFacts(t *testing.T) {
	t.Run("Android 4.4.2", func(t *testing.T) {
		c := mustClient(t, "Android 4.4.2")
		if c.Short != "android_442" || c.Lowest != tls.SSLv3 || c.Highest != tls.TLS12 || !c.SNI || c.Current {
			t.Errorf("got %+v", c)
		}
		if got := groupNames(c.Groups); got != "secp521r1, secp384r1, secp256r1" {
			t.Errorf("groups = %s", got)
		}
		if c.Suites[0].Name != "ECDHE-RSA-AES256-GCM-SHA384" || c.Suites[0].Code != 0xC030 {
			t.Errorf("first suite = %+v", c.Suites[0])
		}
	})
	t.Run("IE 8 XP sends neither SNI nor groups", func(t *testing.T) {
		c := mustClient(t, "IE 8 XP")
		if c.SNI || len(c.Groups) != 0 || c.SigAlgs != nil || c.Highest != tls.TLS10 {
			t.Errorf("got SNI %v, groups %v, sigalgs %v, highest %v", c.SNI, c.Groups, c.SigAlgs, c.Highest)
		}
	})
	t.Run("Java 6 limits DH to 1024 bits and speaks an SSLv2 hello", func(t *testing.T) {
		c := mustClient(t, "Java 6u45")
		if c.MaxDHBits != 1024 || c.Lowest != tls.SSLv2 || c.MinDHBits != 0 {
			t.Errorf("got maxDH %d, lowest %v", c.MaxDHBits, c.Lowest)
		}
		// RC4-MD5 appears twice in the source (SSLv2 and SSLv3 forms): kept once.
		n := 0
		for _, o := range c.Suites {
			if o.Name == "RC4-MD5" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("RC4-MD5 listed %d times", n)
		}
	})
	t.Run("requireseha2 typo is read as requiresSha2", func(t *testing.T) {
		if c := mustClient(t, "Java 17.0.3/21.0.6 (OpenJDK)"); !c.RequiresSHA2 {
			t.Error("RequiresSHA2 = false")
		}
	})
	t.Run("TLS 1.3 names in ch_ciphers move to the TLS 1.3 list", func(t *testing.T) {
		c := mustClient(t, "Opera 60 (Win 10)")
		if len(c.TLS13Suites) != 3 || c.Suites[0].Name != "ECDHE-ECDSA-AES128-GCM-SHA256" {
			t.Errorf("TLS 1.3 suites %v, first suite %s", c.TLS13Suites, c.Suites[0].Name)
		}
	})
	t.Run("TLS 1.3 suites come from the ClientHello when the field is empty", func(t *testing.T) {
		c := mustClient(t, "LibreSSL 3.3.6 (macOS)")
		if len(c.TLS13Suites) != 3 || c.TLS13Suites[0].Name != "TLS_CHACHA20_POLY1305_SHA256" {
			t.Errorf("TLS 1.3 suites = %v", c.TLS13Suites)
		}
	})
	t.Run("TLS 1.3 drafts only: highest is TLS 1.2", func(t *testing.T) {
		for _, n := range []string{"Chrome 57 Win 7", "Chrome 65 Win 7", "Firefox 53 Win 7", "Firefox 59 Win 7", "Firefox 62 Win 7"} {
			if c := mustClient(t, n); c.Highest != tls.TLS12 || len(c.TLS13Suites) != 0 {
				t.Errorf("%s: highest %v, %d TLS 1.3 suites", n, c.Highest, len(c.TLS13Suites))
			}
		}
		if c := mustClient(t, "Chrome 70 Win 10"); c.Highest != tls.TLS13 {
			t.Errorf("Chrome 70: highest %v, want TLSv1.3", c.Highest)
		}
	})
	t.Run("signature algorithms and key shares from the ClientHello", func(t *testing.T) {
		c := mustClient(t, "Chrome 101 (Win 10)")
		want := "ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, rsa_pkcs1_sha256, ecdsa_secp384r1_sha384, rsa_pss_rsae_sha384, rsa_pkcs1_sha384, rsa_pss_rsae_sha512, rsa_pkcs1_sha512"
		if got := sigAlgNames(c.SigAlgs); got != want {
			t.Errorf("sigalgs = %s", got)
		}
		if got := groupNames(c.KeyShares); got != "x25519" {
			t.Errorf("key shares = %s", got)
		}
	})
	t.Run("limits", func(t *testing.T) {
		c := mustClient(t, "Apple ATS 9 iOS 9")
		if c.MinRSABits != 2048 || c.MaxRSABits != 8192 || c.MinECDSABits != 256 || c.MinDHBits != 768 || !c.RequiresSHA2 {
			t.Errorf("got %+v", c)
		}
	})
}

func TestByName(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Android 4.4.2", "Android 4.4.2", true},
		{"android 4.4.2", "Android 4.4.2", true},
		{"  IE 8 XP ", "IE 8 XP", true},
		{"android_442", "Android 4.4.2", true},
		{"ANDROID_442", "Android 4.4.2", true},
		{"Java 17.0.3/21.0.6 (OpenJDK)", "Java 17.0.3/21.0.6 (OpenJDK)", true},
		{"Android 4.4", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		c, ok := ByName(tt.in)
		if ok != tt.ok || ok && c.Name != tt.want {
			t.Errorf("ByName(%q) = %v, %v; want %q, %v", tt.in, c, ok, tt.want, tt.ok)
		}
	}
	if a, _ := ByName("android_442"); a != mustClient(t, "Android 4.4.2") {
		t.Error("ByName returns different pointers for the same client")
	}
}

func TestAllReturnsACopy(t *testing.T) {
	a := All()
	a[0] = nil
	if All()[0] == nil {
		t.Error("All() exposes the package's slice")
	}
}
