package tls

import "testing"

func TestCatalogueLookups(t *testing.T) {
	all := Catalogue()
	if len(all) != 374 {
		t.Fatalf("Catalogue() has %d suites, want the 374 of cipher-mapping.txt", len(all))
	}
	tests := []struct {
		lookup string
		code   uint32
		name   string
		proto  Version
		bits   int
	}{
		{"ECDHE-RSA-AES128-GCM-SHA256", 0xC02F, "ECDHE-RSA-AES128-GCM-SHA256", TLS12, 128},
		{"tls_ecdhe_rsa_with_aes_128_gcm_sha256", 0xC02F, "ECDHE-RSA-AES128-GCM-SHA256", TLS12, 128},
		{"TLS_AES_128_GCM_SHA256", 0x1301, "TLS_AES_128_GCM_SHA256", TLS13, 128},
		{"ECDHE-ECDSA-AES256-SHA", 0xC00A, "ECDHE-ECDSA-AES256-SHA", TLS10, 256},
		{"AES128-SHA", 0x002F, "AES128-SHA", SSLv3, 128},
		// SSLv2 shares these names; the SSLv3/TLS suite wins.
		{"RC4-MD5", 0x0004, "RC4-MD5", SSLv3, 128},
		{"DES-CBC3-SHA", 0x000A, "DES-CBC3-SHA", SSLv3, 112},
		{"EDH-RSA-DES-CBC3-SHA", 0x0016, "DHE-RSA-DES-CBC3-SHA", SSLv3, 112},
		{"DHE-RSA-DES-CBC3-SHA", 0x0016, "DHE-RSA-DES-CBC3-SHA", SSLv3, 112},
		{"TLS_RSA_WITH_3DES_EDE_CBC_SHA", 0x000A, "DES-CBC3-SHA", SSLv3, 112},
		{"SSL_CK_DES_192_EDE3_CBC_WITH_SHA", 0x0701C0, "DES-CBC3-SHA", SSLv2, 112},
		// OpenSSL never named it; the IANA name finds it.
		{"TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256", 0xC07A, "", TLS12, 128},
	}
	for _, tt := range tests {
		s := SuiteByName(tt.lookup)
		if s == nil {
			t.Errorf("SuiteByName(%q) = nil", tt.lookup)
			continue
		}
		if s.Code != tt.code || s.Name != tt.name || s.Proto != tt.proto || s.Bits != tt.bits {
			t.Errorf("SuiteByName(%q) = %#x %q %v %d, want %#x %q %v %d", tt.lookup, s.Code, s.Name, s.Proto, s.Bits, tt.code, tt.name, tt.proto, tt.bits)
		}
		if tt.proto != SSLv2 && SuiteByCode(tt.code) != s {
			t.Errorf("SuiteByCode(%#x) = %v, want the suite named %q", tt.code, SuiteByCode(tt.code), tt.lookup)
		}
	}
	for _, bad := range []string{"", "HIGH", "ECDHE-RSA-AES128-GCM-SHA257"} {
		if s := SuiteByName(bad); s != nil {
			t.Errorf("SuiteByName(%q) = %s, want nil", bad, s.Name)
		}
	}
	if SuiteByCode(0xABCD) != nil {
		t.Error("SuiteByCode(0xABCD) found a suite")
	}
	// OpenSSL 1.1.0+ spelling of ChaCha20-Poly1305.
	if s := SuiteByName("ECDHE-RSA-CHACHA20-POLY1305"); s.Enc != "CHACHA20/POLY1305(256)" {
		t.Errorf("ChaCha Enc = %q", s.Enc)
	}
}

func TestSuiteClassification(t *testing.T) {
	tests := []struct {
		name         string
		fs           bool
		broken, weak bool
		min, max     Version
		authKey      string
	}{
		{"TLS_AES_256_GCM_SHA384", true, false, false, TLS13, TLS13, "any"},
		{"ECDHE-ECDSA-AES128-GCM-SHA256", true, false, false, TLS12, TLS12, "ECDSA"},
		{"ECDHE-RSA-CHACHA20-POLY1305", true, false, false, TLS12, TLS12, "RSA"},
		{"DHE-RSA-AES256-GCM-SHA384", true, false, false, TLS12, TLS12, "RSA"},
		{"DHE-DSS-AES128-SHA256", true, false, false, TLS12, TLS12, "DSA"},
		{"ECDHE-RSA-AES128-SHA", true, false, true, TLS10, TLS12, "RSA"},
		{"AES128-GCM-SHA256", false, false, true, TLS12, TLS12, "RSA"},
		{"AES256-SHA", false, false, true, SSLv3, TLS12, "RSA"},
		{"DES-CBC3-SHA", false, false, true, SSLv3, TLS12, "RSA"},
		{"ECDHE-RSA-DES-CBC3-SHA", true, false, true, TLS10, TLS12, "RSA"},
		{"IDEA-CBC-SHA", false, false, true, SSLv3, TLS11, "RSA"},
		{"SEED-SHA", false, false, true, SSLv3, TLS12, "RSA"},
		{"CAMELLIA128-SHA", false, false, true, SSLv3, TLS12, "RSA"},
		{"ECDH-ECDSA-AES128-SHA", false, false, true, TLS10, TLS12, "ECDSA"},
		{"DH-RSA-AES128-SHA", false, false, true, SSLv3, TLS12, "DH"},
		{"RC4-SHA", false, true, true, SSLv3, TLS12, "RSA"},
		{"RC4-MD5", false, true, true, SSLv3, TLS12, "RSA"},
		{"DES-CBC-SHA", false, true, true, SSLv3, TLS11, "RSA"},
		{"EXP-RC4-MD5", false, true, true, SSLv3, TLS10, "RSA"},
		{"NULL-SHA256", false, true, true, TLS12, TLS12, "RSA"},
		{"ADH-AES128-GCM-SHA256", true, true, false, TLS12, TLS12, ""},
		{"AECDH-AES128-SHA", true, true, true, TLS10, TLS12, ""},
		{"PSK-AES128-GCM-SHA256", false, false, false, TLS12, TLS12, ""},
		{"ECDHE-PSK-CHACHA20-POLY1305", true, false, false, TLS12, TLS12, ""},
		{"SSL_CK_RC2_128_CBC_WITH_MD5", false, true, true, SSLv2, SSLv2, "RSA"},
	}
	for _, tt := range tests {
		s := SuiteByName(tt.name)
		if s == nil {
			t.Fatalf("no suite %q", tt.name)
		}
		broken, why := s.Broken()
		weak, whyWeak := s.Weak()
		if s.ForwardSecret() != tt.fs || broken != tt.broken || weak != tt.weak ||
			s.MinVersion() != tt.min || s.MaxVersion() != tt.max || s.AuthKey() != tt.authKey {
			t.Errorf("%s: fs=%v broken=%v(%s) weak=%v(%s) min=%v max=%v auth=%q; want %v %v %v %v %v %q",
				tt.name, s.ForwardSecret(), broken, why, weak, whyWeak, s.MinVersion(), s.MaxVersion(), s.AuthKey(),
				tt.fs, tt.broken, tt.weak, tt.min, tt.max, tt.authKey)
		}
		if broken && why == "" || weak && whyWeak == "" {
			t.Errorf("%s: classified without a reason", tt.name)
		}
	}
}

func TestGroupByName(t *testing.T) {
	tests := []struct {
		names []string
		id    uint16
		sec   int
	}{
		{[]string{"prime256v1", "secp256r1", "P-256", "p-256", "SECP256R1"}, 0x0017, 128},
		{[]string{"secp384r1", "P-384"}, 0x0018, 192},
		{[]string{"secp521r1", "P-521"}, 0x0019, 256},
		{[]string{"X25519", "x25519"}, 0x001D, 128},
		{[]string{"X448", "x448"}, 0x001E, 224},
		{[]string{"ffdhe2048", "FFDHE2048"}, 0x0100, 112},
		{[]string{"X25519MLKEM768", "x25519mlkem768"}, 0x11EC, 192},
		{[]string{"secp192r1", "prime192v1", "P-192"}, 0x0013, 80},
		{[]string{"brainpoolP256r1tls13"}, 0x001F, 128},
	}
	for _, tt := range tests {
		for _, n := range tt.names {
			g := GroupByName(n)
			if g == nil || g.ID != tt.id || g.SecBits != tt.sec {
				t.Errorf("GroupByName(%q) = %+v, want id %#x secbits %d", n, g, tt.id, tt.sec)
			}
		}
	}
	for _, bad := range []string{"", "NULL", "P-255", "auto"} {
		if g := GroupByName(bad); g != nil {
			t.Errorf("GroupByName(%q) = %v, want nil", bad, g)
		}
	}
	if g := GroupByID(0x0100); g == nil || !g.TLS13Only || g.Kind != GroupFFDHE {
		t.Errorf("ffdhe2048 = %+v", g)
	}
}
