package clients

import (
	"github.com/tlslint/tlslint/lint/i18n"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/tlslint/tlslint/lint/tls"
)

func suites(t testing.TB, names ...string) []*tls.Suite {
	t.Helper()
	out := make([]*tls.Suite, len(names))
	for i, n := range names {
		if out[i] = tls.SuiteByName(n); out[i] == nil {
			t.Fatalf("no suite %q in the catalogue", n)
		}
	}
	return out
}

func groups(t testing.TB, names ...string) []*tls.Group {
	t.Helper()
	out := make([]*tls.Group, len(names))
	for i, n := range names {
		if out[i] = tls.GroupByName(n); out[i] == nil {
			t.Fatalf("no group %q", n)
		}
	}
	return out
}

var (
	openSSL30L0 = tls.OpenSSL{Major: 3, Minor: 0, SecLevel: 0}
	openSSL30L1 = tls.OpenSSL{Major: 3, Minor: 0, SecLevel: 1}
	openSSL30L2 = tls.OpenSSL{Major: 3, Minor: 0, SecLevel: 2}
	openSSL35L2 = tls.OpenSSL{Major: 3, Minor: 5, SecLevel: 2}
	openSSL102  = tls.OpenSSL{Major: 1, Minor: 0, Patch: 2}
	openSSL111  = tls.OpenSSL{Major: 1, Minor: 1, Patch: 1, SecLevel: 1}

	rsa2048 = Cert{Key: KeyRSA, Bits: 2048}
	ecP256  = Cert{Key: KeyECDSA, Bits: 256}
)

// mozillaIntermediate is the nginx configuration of Mozilla's guideline 6.0
// "intermediate" (TLSv1.2 TLSv1.3, six ECDHE AEAD suites, client order).
func mozillaIntermediate(t testing.TB, o tls.OpenSSL) *Server {
	s := &Server{
		Versions: tls.Versions(tls.TLS12, tls.TLS13),
		Suites: suites(t, "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
			"ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305"),
		TLS13Suites: suites(t, "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"),
		Groups:      groups(t, "X25519", "prime256v1", "secp384r1"),
		Certs:       []Cert{rsa2048},
		OpenSSL:     o,
	}
	if o.AtLeast(3, 5, 0) {
		s.Groups = groups(t, "X25519MLKEM768", "X25519", "prime256v1", "secp384r1")
	}
	return s
}

// mozillaModern is guideline 6.0 "modern": TLS 1.3 only.
func mozillaModern(t testing.TB) *Server {
	return &Server{
		Versions:    tls.Versions(tls.TLS13),
		TLS13Suites: suites(t, "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"),
		Groups:      groups(t, "X25519", "prime256v1", "secp384r1"),
		Certs:       []Cert{ecP256},
		OpenSSL:     openSSL30L2,
	}
}

// mozillaOld is guideline 5.8 "old": TLSv1 to TLSv1.3, server order, which
// needs OpenSSL 3 at security level 0 (the 5.8 changelog says so).
func mozillaOld(t testing.TB, o tls.OpenSSL) *Server {
	return &Server{
		Versions: tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12, tls.TLS13),
		Suites: suites(t, "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
			"ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
			"ECDHE-ECDSA-AES128-SHA256", "ECDHE-RSA-AES128-SHA256", "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA",
			"ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES256-SHA384", "ECDHE-ECDSA-AES256-SHA", "ECDHE-RSA-AES256-SHA",
			"AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA256", "AES256-SHA256", "AES128-SHA", "AES256-SHA", "DES-CBC3-SHA"),
		TLS13Suites:  suites(t, "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"),
		Groups:       groups(t, "X25519", "prime256v1", "secp384r1"),
		DHBits:       2048,
		PreferServer: true,
		Certs:        []Cert{rsa2048},
		OpenSSL:      o,
	}
}

// TestPresetsAgainstTheirGuideline: each Mozilla configuration serves every
// client of its own preset, which is what "oldest compatible clients" means.
func TestPresetsAgainstTheirGuideline(t *testing.T) {
	tests := []struct {
		preset string
		server *Server
	}{
		{"intermediate", mozillaIntermediate(t, openSSL30L2)},
		{"intermediate", mozillaIntermediate(t, openSSL35L2)},
		{"modern", mozillaModern(t)},
		{"old", mozillaOld(t, openSSL30L0)},
		{"old", mozillaOld(t, tls.OpenSSL{})},
	}
	for _, tt := range tests {
		cs, _ := Preset(tt.preset)
		for i, r := range SimulateAll(tt.server, cs) {
			if !r.OK {
				t.Errorf("%s config (%s) vs %s: %s: %s", tt.preset, tt.server.OpenSSL, cs[i].Name, r.Cause, r.Reason)
			}
		}
	}
}

type want struct {
	ok      bool
	version tls.Version
	suite   string // OpenSSL name
	group   string
	cert    string // Cert.String()
	cause   Cause
	reason  []string // substrings of Reason
	startup bool
}

func check(t *testing.T, r Result, w want) {
	t.Helper()
	if r.OK != w.ok || r.Cause != w.cause {
		t.Fatalf("OK %v cause %q (%s), want OK %v cause %q", r.OK, r.Cause, r.Reason, w.ok, w.cause)
	}
	if w.ok && r.Reason != "" {
		t.Errorf("OK result with a reason: %s", r.Reason)
	}
	if !w.ok && r.Reason == "" {
		t.Error("failure without a reason")
	}
	if w.version != 0 && r.Version != w.version {
		t.Errorf("version %v, want %v", r.Version, w.version)
	}
	if w.suite != "" && (r.Suite == nil || r.Suite.DisplayName() != w.suite) {
		t.Errorf("suite %v, want %s", r.Suite, w.suite)
	}
	if w.group != "" && (r.Group == nil || r.Group.Name != w.group) {
		t.Errorf("group %v, want %s", r.Group, w.group)
	}
	if w.cert != "" && r.Cert.String() != w.cert {
		t.Errorf("cert %s, want %s", r.Cert, w.cert)
	}
	for _, sub := range w.reason {
		if !strings.Contains(r.Reason, sub) {
			t.Errorf("reason %q does not contain %q", r.Reason, sub)
		}
	}
	if r.Startup != w.startup {
		t.Errorf("Startup %v, want %v", r.Startup, w.startup)
	}
}

func TestSimulate(t *testing.T) {
	ecdsaOnlyRSASuites := mozillaIntermediate(t, openSSL30L2)
	ecdsaOnlyRSASuites.Versions = tls.Versions(tls.TLS12)
	ecdsaOnlyRSASuites.Suites = suites(t, "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305")
	ecdsaOnlyRSASuites.Certs = []Cert{ecP256}

	x448 := mozillaIntermediate(t, openSSL30L2)
	x448.Groups = groups(t, "X448")

	legacyProtocols := mozillaOld(t, openSSL30L1)

	dheOnly := &Server{
		Versions:     tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12),
		Suites:       suites(t, "DHE-RSA-AES128-SHA", "AES128-SHA"),
		Groups:       groups(t, "prime256v1"),
		DHBits:       2048,
		PreferServer: true,
		Certs:        []Cert{rsa2048},
		OpenSSL:      openSSL102,
	}
	dheNoParams := *dheOnly
	dheNoParams.Suites = suites(t, "DHE-RSA-AES128-SHA")
	dheNoParams.DHBits = 0

	bothCerts := mozillaIntermediate(t, openSSL30L2)
	bothCerts.Certs = []Cert{rsa2048, ecP256}

	serverOrder := mozillaIntermediate(t, openSSL30L2)
	serverOrder.PreferServer = true
	serverOrder.Suites = suites(t, "ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256")
	serverOrder.TLS13Suites = suites(t, "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256")
	serverOrder.Groups = groups(t, "secp384r1", "prime256v1", "X25519")

	tls13NoSuites := mozillaIntermediate(t, openSSL30L2)
	tls13NoSuites.TLS13Suites = nil

	ed25519 := mozillaModern(t)
	ed25519.Certs = []Cert{{Key: KeyEd25519}}

	p521 := mozillaModern(t)
	p521.Certs = []Cert{{Key: KeyECDSA, Bits: 521}}
	p521TLS12 := mozillaIntermediate(t, openSSL30L2)
	p521TLS12.Versions = tls.Versions(tls.TLS12)
	p521TLS12.Certs = []Cert{{Key: KeyECDSA, Bits: 521}}

	sha1Cert := mozillaIntermediate(t, openSSL30L0)
	sha1Cert.Certs = []Cert{{Key: KeyRSA, Bits: 2048, Sig: SigSHA1}}
	sha1CertL1 := *sha1Cert
	sha1CertL1.OpenSSL = openSSL30L1
	sha1Cert111 := *sha1Cert
	sha1Cert111.OpenSSL = openSSL111

	bigRSA := mozillaIntermediate(t, openSSL30L2)
	bigRSA.Certs = []Cert{{Key: KeyRSA, Bits: 8192}}
	smallRSA := mozillaIntermediate(t, openSSL30L0)
	smallRSA.Certs = []Cert{{Key: KeyRSA, Bits: 1024}}
	smallRSAL2 := *smallRSA
	smallRSAL2.OpenSSL = openSSL30L2

	smallDH := *dheOnly
	smallDH.OpenSSL = openSSL30L2
	smallDH.Versions = tls.Versions(tls.TLS12)
	smallDH.DHBits = 1024

	sni := mozillaIntermediate(t, openSSL30L2)
	sni.RequireSNI = true

	level3 := &Server{
		Versions: tls.Versions(tls.TLS12),
		Suites:   suites(t, "AES128-GCM-SHA256", "AES256-GCM-SHA384"),
		Groups:   groups(t, "prime256v1"),
		Certs:    []Cert{{Key: KeyRSA, Bits: 3072}},
		OpenSSL:  tls.OpenSSL{Major: 3, Minor: 0, SecLevel: 3},
	}
	weakGroup := mozillaIntermediate(t, openSSL30L2)
	weakGroup.Versions = tls.Versions(tls.TLS12)
	weakGroup.Groups = groups(t, "secp192r1")

	noCert := mozillaIntermediate(t, openSSL30L2)
	noCert.Certs = nil

	tests := []struct {
		name   string
		server *Server
		client string
		want   want
	}{
		{"intermediate vs Android 4.4.2: TLS 1.2 ECDHE in the client's order", mozillaIntermediate(t, openSSL30L2), "Android 4.4.2",
			want{ok: true, version: tls.TLS12, suite: "ECDHE-RSA-AES256-GCM-SHA384", group: "secp384r1", cert: "RSA 2048-bit"}},
		{"intermediate vs Chrome 70: TLS 1.3 on the client's key share", mozillaIntermediate(t, openSSL30L2), "Chrome 70 Win 10",
			want{ok: true, version: tls.TLS13, suite: "TLS_AES_128_GCM_SHA256", group: "x25519", cert: "RSA 2048-bit"}},
		{"intermediate on 3.5 vs Chromium 137: hybrid key share", mozillaIntermediate(t, openSSL35L2), "Chromium 137 (Win 11)",
			want{ok: true, version: tls.TLS13, group: "X25519MLKEM768"}},
		{"TLS 1.3 only vs Android 4.4.2", mozillaModern(t), "Android 4.4.2",
			want{cause: CauseProtocol, reason: []string{"the client speaks SSLv3 to TLSv1.2", "the server allows TLSv1.3"}}},
		{"modern vs IE 8 XP", mozillaModern(t), "IE 8 XP",
			want{cause: CauseProtocol, reason: []string{"SSLv3 to TLSv1", "TLSv1.3"}}},
		{"intermediate vs IE 8 XP", mozillaIntermediate(t, openSSL30L2), "IE 8 XP",
			want{cause: CauseProtocol, reason: []string{"the client speaks SSLv3 to TLSv1, the server allows TLSv1.2 TLSv1.3"}}},
		{"TLS 1.0 client vs OpenSSL 3 at level 1", legacyProtocols, "Android 4.3",
			want{cause: CauseProtocol, reason: []string{"the server enables TLSv1 TLSv1.1 TLSv1.2 TLSv1.3", "OpenSSL 3.0 at security level 1 forbids TLSv1"}}},
		{"refusals for several versions read as one sentence each", &Server{Versions: tls.Versions(tls.SSLv3, tls.TLS10, tls.TLS11, tls.TLS12), Suites: suites(t, "AES128-SHA"), OpenSSL: openSSL30L1}, "Chrome 27 Win 7",
			want{cause: CauseProtocol, reason: []string{"the client speaks SSLv3 to TLSv1.1 and the server enables SSLv3 TLSv1 TLSv1.1 TLSv1.2, but OpenSSL 1.1.0 and later are built without SSLv3; OpenSSL 3.0 at security level 1 forbids TLSv1 and TLSv1.1 (OpenSSL 3 allows TLS below 1.2 only at security level 0)"}}},
		{"OpenSSL 1.1.1 at level 3 forbids TLS 1.0 but not TLS 1.1", &Server{Versions: tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12), Suites: suites(t, "ECDHE-RSA-AES128-SHA"), Groups: groups(t, "prime256v1"), Certs: []Cert{{Key: KeyRSA, Bits: 3072}}, OpenSSL: tls.OpenSSL{Major: 1, Minor: 1, Patch: 1, SecLevel: 3}}, "Chrome 27 Win 7",
			want{ok: true, version: tls.TLS11, suite: "ECDHE-RSA-AES128-SHA", group: "secp256r1"}},
		{"OpenSSL 1.1.1 at level 3 vs a TLS 1.0 client", &Server{Versions: tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12), Suites: suites(t, "ECDHE-RSA-AES128-SHA"), Groups: groups(t, "prime256v1"), Certs: []Cert{{Key: KeyRSA, Bits: 3072}}, OpenSSL: tls.OpenSSL{Major: 1, Minor: 1, Patch: 1, SecLevel: 3}}, "Android 4.3",
			want{cause: CauseProtocol, reason: []string{"OpenSSL 1.1.1 at security level 3 forbids TLSv1"}}},
		{"OpenSSL 1.0.2 has no TLS 1.3", &Server{Versions: tls.Versions(tls.TLS13), TLS13Suites: suites(t, "TLS_AES_128_GCM_SHA256"), Groups: groups(t, "X25519"), OpenSSL: openSSL102}, "Chrome 70 Win 10",
			want{cause: CauseProtocol, reason: []string{"TLSv1.3 needs OpenSSL 1.1.1"}}},
		{"TLS 1.0 client vs OpenSSL 3 at level 0", mozillaOld(t, openSSL30L0), "Android 4.3",
			want{ok: true, version: tls.TLS10, suite: "ECDHE-RSA-AES128-SHA", group: "secp256r1"}}, // server order; no x25519 on Android 4.3
		{"ECDSA-only certificate with aRSA-only suites", ecdsaOnlyRSASuites, "Chrome 49 Win 7",
			want{cause: CauseCertType, reason: []string{"the shared suites ECDHE-RSA-AES128-GCM-SHA256, ECDHE-RSA-CHACHA20-POLY1305: RSA authentication, and the server has only an ECDSA P-256 certificate"}}},
		{"ECDSA-only certificate with aRSA-only suites, TLS 1.2 only: modern clients fail too", ecdsaOnlyRSASuites, "Firefox 137 (Win 11)",
			want{cause: CauseCertType, reason: []string{"ECDHE-RSA-AES128-GCM-SHA256, ECDHE-RSA-CHACHA20-POLY1305, ECDHE-RSA-AES256-GCM-SHA384: RSA authentication"}}},
		{"X448 only vs a client without X448 (TLS 1.2)", x448, "Chrome 49 Win 7",
			want{cause: CauseGroup, reason: []string{"no common group: the client offers secp256r1, secp384r1, the server accepts x448"}}},
		{"X448 only vs a client without X448 (TLS 1.3)", x448, "Chrome 70 Win 10",
			want{cause: CauseGroup, reason: []string{"no common group", "x25519, secp256r1, secp384r1", "x448"}}},
		{"hybrid group only vs a TLS 1.2 client", &Server{Versions: tls.Versions(tls.TLS12, tls.TLS13), Suites: suites(t, "ECDHE-RSA-AES128-GCM-SHA256"), TLS13Suites: suites(t, "TLS_AES_128_GCM_SHA256"), Groups: groups(t, "X25519MLKEM768"), OpenSSL: openSSL35L2}, "Android 4.4.2",
			want{cause: CauseGroup, reason: []string{"none of the server's groups (X25519MLKEM768) works in TLS 1.2"}}},
		{"X448 only vs OpenSSL 1.1.1, which has it", x448, "OpenSSL 1.1.1b (Debian)",
			want{ok: true, version: tls.TLS13, group: "x448"}},
		{"server order picks the suite and group", serverOrder, "Android 4.4.2",
			want{ok: true, suite: "ECDHE-RSA-AES256-GCM-SHA384", group: "secp384r1"}},
		{"server order in TLS 1.3: suite from the server, group from the client's key share", serverOrder, "Chrome 70 Win 10",
			want{ok: true, version: tls.TLS13, suite: "TLS_CHACHA20_POLY1305_SHA256", group: "x25519"}},
		{"RSA and ECDSA certificates: TLS 1.3 signs with the client's first scheme", bothCerts, "Chrome 70 Win 10",
			want{ok: true, version: tls.TLS13, cert: "ECDSA P-256"}},
		{"RSA and ECDSA certificates: IE 11 on Windows 7 gets ECDSA", bothCerts, "IE 11 Win 7",
			want{ok: true, version: tls.TLS12, suite: "ECDHE-ECDSA-AES256-GCM-SHA384", cert: "ECDSA P-256"}},
		{"RSA certificate only: IE 11 on Windows 7 has no RSA GCM suite", mozillaIntermediate(t, openSSL30L2), "IE 11 Win 7",
			want{cause: CauseCertType, reason: []string{"ECDSA authentication, and the server has only an RSA 2048-bit certificate"}}},
		{"TLS 1.3 enabled without TLS 1.3 suites", tls13NoSuites, "Chrome 70 Win 10",
			want{cause: CauseSuite, reason: []string{"without any TLS 1.3 suite", "does not fall back"}}},
		{"TLS 1.3 enabled without TLS 1.3 suites, TLS 1.2 client unaffected", tls13NoSuites, "Chrome 49 Win 7",
			want{ok: true, version: tls.TLS12}},
		{"Ed25519 certificate vs a browser", ed25519, "Chrome 101 (Win 10)",
			want{cause: CauseCertType, reason: []string{"cannot verify a TLS 1.3 signature from the server's Ed25519 certificate"}}},
		{"Ed25519 certificate vs OpenSSL 1.1.1", ed25519, "OpenSSL 1.1.1b (Debian)",
			want{ok: true, cert: "Ed25519"}},
		{"ECDSA P-521 in TLS 1.3 vs Chrome, which dropped ecdsa_secp521r1_sha512", p521, "Chrome 101 (Win 10)",
			want{cause: CauseCertType}},
		{"ECDSA P-521 in TLS 1.3 vs Firefox", p521, "Firefox 137 (Win 11)",
			want{ok: true, cert: "ECDSA P-521"}},
		{"ECDSA P-521 in TLS 1.2: the curve must be in the client's groups", p521TLS12, "Chrome 49 Win 7",
			want{cause: CauseCertType, reason: []string{"does not support the ECDSA P-521 certificate's curve", "secp256r1, secp384r1"}}},
		{"Java 6 vs DHE with 2048-bit parameters", dheOnly, "Java 6u45",
			want{cause: CauseDH, reason: []string{"2048-bit DH parameters are above the client's maximum of 1024 bits", "DHE-RSA-AES128-SHA"}}},
		{"Java 7 vs DHE: the server does not retry with AES128-SHA", dheOnly, "Java 7u25",
			want{cause: CauseDH}},
		{"DHE without ssl_dhparam", &dheNoParams, "Java 6u45",
			want{cause: CauseSuite, reason: []string{"no DH parameters", "ssl_dhparam"}}},
		{"DH parameters below the security level: nginx does not start", &smallDH, "Chrome 49 Win 7",
			want{cause: CauseSecLevel, startup: true, reason: []string{"1024-bit DH parameters", "dh key too small"}}},
		{"SHA-1 certificate vs a client requiring SHA-2", sha1Cert, "Chrome 101 (Win 10)",
			want{cause: CauseSignature, reason: []string{"signed with SHA-1"}}},
		{"SHA-1 certificate vs a client accepting it", sha1Cert, "Chrome 70 Win 10",
			want{ok: true}},
		{"SHA-1 certificate at OpenSSL 3 level 1: ca md too weak", &sha1CertL1, "Chrome 70 Win 10",
			want{cause: CauseSecLevel, startup: true, reason: []string{"ca md too weak"}}},
		{"SHA-1 certificate at OpenSSL 1.1.1 level 1 is loaded", &sha1Cert111, "Chrome 70 Win 10",
			want{ok: true}},
		{"RSA 8192 vs a client accepting at most 4096 bits", bigRSA, "Chrome 42 OS X",
			want{cause: CauseKeySize, reason: []string{"RSA 8192-bit certificate key is above the client's maximum of 4096 bits"}}},
		{"RSA 1024 vs a client requiring 2048", smallRSA, "Apple ATS 9 iOS 9",
			want{cause: CauseKeySize, reason: []string{"below the client's minimum of 2048 bits"}}},
		{"RSA 1024 at level 2: ee key too small", &smallRSAL2, "Chrome 70 Win 10",
			want{cause: CauseSecLevel, startup: true, reason: []string{"ee key too small"}}},
		{"SNI required vs a client without SNI", sni, "Yahoo Slurp Jun 2014",
			want{cause: CauseSNI}},
		{"SNI required vs a client with SNI", sni, "Java 8u161",
			want{ok: true}},
		{"level 3 refuses static RSA", level3, "Chrome 49 Win 7",
			want{cause: CauseSecLevel, reason: []string{"the shared suite AES128-GCM-SHA256: refused by OpenSSL 3.0 at security level 3 (not forward secret, refused from level 3)"}}},
		{"level 2 refuses a 96-bit group", weakGroup, "Android 4.0.4",
			want{cause: CauseProtocol}}, // TLS 1.0 client: the version fails first
		{"level 2 refuses the only shared group", weakGroup, "Java 8u31",
			want{cause: CauseSecLevel, reason: []string{"refuses the only shared groups (secp192r1)"}}},
		{"no certificate given: RSA 2048 assumed", noCert, "Android 4.4.2",
			want{ok: true, cert: "RSA 2048-bit"}},
		{"no certificate given: the assumption is named in a certificate failure", noCert, "IE 11 Win 7",
			want{cause: CauseCertType, reason: []string{"one RSA 2048-bit certificate signed with SHA-256 was assumed"}}},
		{"no common suite", &Server{Versions: tls.Versions(tls.TLS12), Suites: suites(t, "ECDHE-RSA-AES128-GCM-SHA256"), Groups: groups(t, "prime256v1"), OpenSSL: openSSL30L0}, "Java 6u45",
			want{cause: CauseProtocol}},
		{"no common suite at TLS 1.0", &Server{Versions: tls.Versions(tls.TLS10, tls.TLS12), Suites: suites(t, "ECDHE-RSA-AES128-GCM-SHA256"), Groups: groups(t, "prime256v1"), OpenSSL: openSSL30L0}, "Java 6u45",
			want{cause: CauseSuite, reason: []string{"no common cipher suite", "17 suites (RC4-MD5, RC4-SHA, AES128-SHA, DHE-RSA-AES128-SHA, and 13 more)"}}},
		{"shared suites only valid from TLS 1.2", &Server{Versions: tls.Versions(tls.TLS10, tls.TLS11), Suites: suites(t, "AES128-SHA256", "AES256-SHA256"), OpenSSL: openSSL102}, "Java 8u161",
			want{cause: CauseSuite, reason: []string{"the shared suites AES256-SHA256, AES128-SHA256: valid only from TLSv1.2 on, and TLSv1.1 was negotiated"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, Simulate(tt.server, mustClient(t, tt.client)), tt.want)
		})
	}
}

// TestRFC4492Fallback: a TLS ≤ 1.2 client that sends no supported_groups
// gets the server's first group from OpenSSL ≤ 1.1.0 (RFC 4492 §4) and no
// ECDHE at all from OpenSSL 1.1.1 on. No profile does this today, so the
// client is IE 8 XP given ECDHE suites.
func TestRFC4492Fallback(t *testing.T) {
	base := mustClient(t, "IE 8 XP")
	c := *base
	c.Suites = []Offer{{Name: "ECDHE-RSA-AES128-SHA", Code: 0xC013, Suite: tls.SuiteByCode(0xC013)}}
	server := func(o tls.OpenSSL) *Server {
		return &Server{
			Versions: tls.Versions(tls.TLS10), Suites: suites(t, "ECDHE-RSA-AES128-SHA"),
			Groups: groups(t, "X25519MLKEM768", "secp384r1", "prime256v1"), OpenSSL: o,
		}
	}
	check(t, Simulate(server(openSSL102), &c), want{ok: true, group: "secp384r1"})
	check(t, Simulate(server(tls.OpenSSL{}), &c), want{ok: true, group: "secp384r1"})
	check(t, Simulate(server(openSSL30L0), &c), want{cause: CauseGroup, reason: []string{"sends no supported_groups", "OpenSSL 1.1.1 dropped the RFC 4492 fallback"}})
}

// TestTLS10ClientsVsOpenSSL3: every client that cannot go above TLS 1.1
// fails against OpenSSL 3 at level ≥ 1 on the protocol, and the reason names
// the security level.
func TestTLS10ClientsVsOpenSSL3(t *testing.T) {
	for _, level := range []int{1, 2} {
		s := mozillaOld(t, tls.OpenSSL{Major: 3, Minor: 0, SecLevel: level})
		n := 0
		for _, c := range All() {
			if c.Highest > tls.TLS11 || c.Highest < tls.TLS10 {
				continue // SSLv3-only clients fail because the server does not enable SSLv3
			}
			n++
			r := Simulate(s, c)
			if r.OK || r.Cause != CauseProtocol || !strings.Contains(r.Reason, "security level") {
				t.Errorf("level %d, %s: OK %v cause %q: %s", level, c.Name, r.OK, r.Cause, r.Reason)
			}
		}
		if n < 30 {
			t.Errorf("only %d TLS ≤ 1.1 clients", n)
		}
	}
}

func TestServerKey(t *testing.T) {
	base := func() *Server { return mozillaOld(t, openSSL30L0) }
	mutations := map[string]func(*Server){
		"versions":       func(s *Server) { s.Versions = s.Versions.Without(tls.TLS10) },
		"suite order":    func(s *Server) { s.Suites[0], s.Suites[1] = s.Suites[1], s.Suites[0] },
		"suites":         func(s *Server) { s.Suites = s.Suites[1:] },
		"tls13 suites":   func(s *Server) { s.TLS13Suites = s.TLS13Suites[:1] },
		"groups":         func(s *Server) { s.Groups = s.Groups[1:] },
		"dh bits":        func(s *Server) { s.DHBits = 4096 },
		"preference":     func(s *Server) { s.PreferServer = false },
		"cert key":       func(s *Server) { s.Certs = []Cert{ecP256} },
		"cert bits":      func(s *Server) { s.Certs = []Cert{{Key: KeyRSA, Bits: 4096}} },
		"cert sig":       func(s *Server) { s.Certs = []Cert{{Key: KeyRSA, Bits: 2048, Sig: SigSHA1}} },
		"no certs":       func(s *Server) { s.Certs = nil },
		"openssl":        func(s *Server) { s.OpenSSL = openSSL111 },
		"seclevel":       func(s *Server) { s.OpenSSL.SecLevel = 1 },
		"require sni":    func(s *Server) { s.RequireSNI = true },
		"suite to tls13": func(s *Server) { s.TLS13Suites = append(s.TLS13Suites, s.Suites[0]); s.Suites = s.Suites[1:] },
	}
	key := base().Key()
	if base().Key() != key {
		t.Fatal("Key is not deterministic")
	}
	seen := map[string]string{key: "base"}
	for name, mutate := range mutations {
		s := base()
		mutate(s)
		k := s.Key()
		if prev, dup := seen[k]; dup {
			t.Errorf("mutation %q gives the same key as %q", name, prev)
		}
		seen[k] = name
	}
}

func TestSimulateMemoized(t *testing.T) {
	s := mozillaIntermediate(t, openSSL30L2)
	c := mustClient(t, "Android 4.4.2")
	first := Simulate(s, c)
	if _, ok := memo.Load(memoKey{s.Key(), c}); !ok {
		t.Fatal("result not cached")
	}
	// An equal policy built separately hits the same entry.
	if again := Simulate(mozillaIntermediate(t, openSSL30L2), c); !reflect.DeepEqual(again, first) {
		t.Errorf("memoized result differs: %+v vs %+v", again, first)
	}
	if direct := simulate(s, c); !reflect.DeepEqual(direct, first) {
		t.Errorf("cached %+v, fresh %+v", first, direct)
	}
}

func TestSimulateConcurrent(t *testing.T) {
	servers := []*Server{mozillaIntermediate(t, openSSL30L2), mozillaModern(t), mozillaOld(t, openSSL30L0), mozillaOld(t, openSSL30L1)}
	all := All()
	want := make([][]Result, len(servers))
	for i, s := range servers {
		for _, c := range all {
			want[i] = append(want[i], simulate(s, c))
		}
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := range servers {
				s := servers[(i+g)%len(servers)]
				got := SimulateAll(s, all)
				for j, r := range got {
					if !reflect.DeepEqual(r, want[(i+g)%len(servers)][j]) {
						t.Errorf("goroutine %d: %s: %+v, want %+v", g, all[j].Name, r, want[(i+g)%len(servers)][j])
						return
					}
				}
			}
		}(g)
	}
	wg.Wait()
}

func TestCauseString(t *testing.T) {
	for c, want := range map[Cause]string{CauseNone: "", CauseProtocol: "protocol", CauseCertType: "cert-type", CauseSecLevel: "seclevel", Cause(99): "cause(99)"} {
		if got := c.String(); got != want {
			t.Errorf("%d: %q, want %q", c, got, want)
		}
	}
}

// TestNilEntriesIgnored: a nil suite or group (a caller's slip) is skipped,
// by Key and by the simulation alike, instead of crashing the run.
func TestNilEntriesIgnored(t *testing.T) {
	clean := mozillaIntermediate(t, openSSL30L2)
	holey := mozillaIntermediate(t, openSSL30L2)
	holey.Suites = append([]*tls.Suite{nil}, holey.Suites...)
	holey.TLS13Suites = append(holey.TLS13Suites, nil)
	holey.Groups = append([]*tls.Group{nil}, holey.Groups...)
	if clean.Key() != holey.Key() {
		t.Error("nil entries change the key")
	}
	c := *mustClient(t, "Android 4.4.2")
	c.Groups = append([]*tls.Group{nil}, c.Groups...)
	for _, name := range []string{"Android 4.4.2", "Chrome 70 Win 10"} {
		want := simulate(clean, mustClient(t, name))
		if got := simulate(holey, mustClient(t, name)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
	if got, want := simulate(clean, &c), simulate(clean, mustClient(t, "Android 4.4.2")); !reflect.DeepEqual(got, want) {
		t.Errorf("client with a nil group: %+v, want %+v", got, want)
	}
}

// TestNginxDefaults: nginx 1.27.3+ with only certificates configured
// (ssl_protocols TLSv1.2 TLSv1.3, ssl_ciphers HIGH:!aNULL:!MD5, the
// library's default groups and TLS 1.3 suites, no ssl_dhparam) on OpenSSL
// 3.0 at level 2, expanded by lint/tls as a rule would.
func TestNginxDefaults(t *testing.T) {
	target := openSSL30L2
	exp := tls.Expand("HIGH:!aNULL:!MD5", target)
	if exp.Err != nil {
		t.Fatal(exp.Err)
	}
	s := &Server{
		Versions:    tls.Versions(tls.TLS12, tls.TLS13),
		Suites:      exp.List,
		TLS13Suites: tls.DefaultCiphersuites(target),
		Groups:      tls.DefaultGroups(target),
		OpenSSL:     target,
	}
	for _, preset := range []string{"modern", "intermediate"} {
		cs, _ := Preset(preset)
		for i, r := range SimulateAll(s, cs) {
			if !r.OK {
				t.Errorf("%s: %s: %s", cs[i].Name, r.Cause, r.Reason)
			}
			if !r.AssumedCert {
				t.Errorf("%s: AssumedCert not set", cs[i].Name)
			}
		}
	}
	old, _ := Preset("old")
	failures := map[string]Cause{}
	for i, r := range SimulateAll(s, old) {
		if !r.OK {
			failures[old[i].Name] = r.Cause
		}
	}
	// Everything in "old" below TLS 1.2 fails on the protocol; Edge 12 has TLS 1.2.
	want := map[string]Cause{"Firefox 10.0.12 ESR Win 7": CauseProtocol, "Android 2.3.7": CauseProtocol, "Chrome 27 Win 7": CauseProtocol,
		"IE 8 XP": CauseProtocol, "Java 6u45": CauseProtocol, "OpenSSL 0.9.8y": CauseProtocol, "Opera 12.15 Win 7": CauseProtocol, "Safari 5.1.9 OS X 10.6.8": CauseProtocol}
	if len(failures) != len(want) {
		t.Errorf("old preset failures %v, want %v", failures, want)
	}
	for n, c := range want {
		if failures[n] != c {
			t.Errorf("%s: cause %q, want %q", n, failures[n], c)
		}
	}
}

// TestReasonsInJapanese: the fragments inside a failure reason (version
// ranges, the library's refusals, suite lists, certificates) render in the
// language of the message; suite, group and version names stay as they are.
func TestReasonsInJapanese(t *testing.T) {
	ecdsaOnly := mozillaIntermediate(t, openSSL30L2)
	ecdsaOnly.Versions = tls.Versions(tls.TLS12)
	ecdsaOnly.Suites = suites(t, "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305")
	ecdsaOnly.Certs = []Cert{ecP256}
	tests := []struct {
		server *Server
		client string
		want   string
	}{
		{&Server{Versions: tls.Versions(tls.SSLv3, tls.TLS10, tls.TLS11, tls.TLS12), Suites: suites(t, "AES128-SHA"), OpenSSL: openSSL30L1}, "Chrome 27 Win 7",
			"共通のプロトコルがありません: クライアントは SSLv3 から TLSv1.1 を話し、サーバーは SSLv3 TLSv1 TLSv1.1 TLSv1.2 を有効にしていますが、" +
				"OpenSSL 1.1.0 以降は SSLv3 なしでビルドされています；セキュリティレベル 1 の OpenSSL 3.0 は TLSv1 と TLSv1.1 を禁止しています（OpenSSL 3 が TLS 1.2 未満を許可するのはセキュリティレベル 0 のときだけです）"},
		{ecdsaOnly, "Chrome 49 Win 7",
			"共通の暗号スイート ECDHE-RSA-AES128-GCM-SHA256, ECDHE-RSA-CHACHA20-POLY1305: RSA 認証ですが、サーバーには ECDSA P-256 証明書しかありません"},
		{&Server{Versions: tls.Versions(tls.TLS10, tls.TLS12), Suites: suites(t, "ECDHE-RSA-AES128-GCM-SHA256"), Groups: groups(t, "prime256v1"), OpenSSL: openSSL30L0}, "Java 6u45",
			"17 個の暗号スイート（RC4-MD5, RC4-SHA, AES128-SHA, DHE-RSA-AES128-SHA ほか 13 個）"},
	}
	for _, tt := range tests {
		r := Simulate(tt.server, mustClient(t, tt.client))
		if ja := r.ReasonMsg.In(i18n.Japanese); !strings.Contains(ja, tt.want) {
			t.Errorf("%s: %q\ndoes not contain %q", tt.client, ja, tt.want)
		}
	}
}
