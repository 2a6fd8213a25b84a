package clients

import (
	"bufio"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tlslint/tlslint/lint/tls"
)

// The oracle: what a real OpenSSL server answers to each profile's recorded
// ClientHello, for a set of configurations, recorded once into
// testdata/openssl-oracle.json and compared with the simulation on every
// run. Re-record (needs the openssl binary and localhost sockets, so never
// in CI) with:
//
//	go test ./lint/clients -run TestOpenSSLOracle -update
//
// The server side can only show what the server selects (version, suite,
// group) or that it refuses; the checks a client makes afterwards (key
// sizes, SHA-1, DH limits) are the profiles' data, not observable here.
var update = flag.Bool("update", false, "re-record testdata/openssl-oracle.json with the machine's openssl s_server")

const oraclePath = "testdata/openssl-oracle.json"

type oracleConfig struct {
	name string
	// args for openssl s_server; {rsa}, {rsakey}, {ec}, {eckey}, {ec521},
	// {ec521key}, {ed}, {edkey}, {dh} are replaced by generated files.
	args   []string
	server func(testing.TB) *Server
}

const (
	mozIntermediateCiphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
	tls13Suites            = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"
	// Mozilla 5.8 "old" without DES-CBC3-SHA, which the OpenSSL 3.0.19 the
	// oracle was recorded with does not offer ("no cipher match").
	mozOldCiphers = mozIntermediateCiphers + ":ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA"
)

func oracleConfigs() []oracleConfig {
	old := func(level int) func(testing.TB) *Server {
		return func(t testing.TB) *Server {
			s := mozillaOld(t, tls.OpenSSL{Major: 3, Minor: 0, SecLevel: level})
			s.Suites = s.Suites[:len(s.Suites)-1] // no DES-CBC3-SHA, see mozOldCiphers
			s.DHBits = 0
			return s
		}
	}
	return []oracleConfig{
		{"intermediate", []string{"-cert", "{rsa}", "-key", "{rsakey}", "-cipher", mozIntermediateCiphers + ":@SECLEVEL=2", "-ciphersuites", tls13Suites, "-groups", "X25519:P-256:P-384", "-no_tls1", "-no_tls1_1"},
			func(t testing.TB) *Server { return mozillaIntermediate(t, openSSL30L2) }},
		{"intermediate-rsa-and-ecdsa", []string{"-cert", "{rsa}", "-key", "{rsakey}", "-dcert", "{ec}", "-dkey", "{eckey}", "-cipher", mozIntermediateCiphers + ":@SECLEVEL=2", "-ciphersuites", tls13Suites, "-groups", "X25519:P-256:P-384", "-no_tls1", "-no_tls1_1"},
			func(t testing.TB) *Server {
				s := mozillaIntermediate(t, openSSL30L2)
				s.Certs = []Cert{rsa2048, ecP256}
				return s
			}},
		{"old-level0", []string{"-cert", "{rsa}", "-key", "{rsakey}", "-cipher", mozOldCiphers + ":@SECLEVEL=0", "-ciphersuites", tls13Suites, "-groups", "X25519:P-256:P-384", "-serverpref"},
			old(0)},
		{"old-level1", []string{"-cert", "{rsa}", "-key", "{rsakey}", "-cipher", mozOldCiphers + ":@SECLEVEL=1", "-ciphersuites", tls13Suites, "-groups", "X25519:P-256:P-384", "-serverpref"},
			old(1)},
		{"ecdsa-cert-rsa-suites", []string{"-cert", "{ec}", "-key", "{eckey}", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:@SECLEVEL=2", "-groups", "X25519:P-256:P-384", "-no_tls1", "-no_tls1_1", "-no_tls1_3"},
			func(t testing.TB) *Server {
				return &Server{Versions: tls.Versions(tls.TLS12), Suites: suites(t, "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305"),
					Groups: groups(t, "X25519", "prime256v1", "secp384r1"), Certs: []Cert{ecP256}, OpenSSL: openSSL30L2}
			}},
		{"x448-only", []string{"-cert", "{rsa}", "-key", "{rsakey}", "-cipher", mozIntermediateCiphers + ":@SECLEVEL=2", "-ciphersuites", tls13Suites, "-groups", "X448", "-no_tls1", "-no_tls1_1"},
			func(t testing.TB) *Server {
				s := mozillaIntermediate(t, openSSL30L2)
				s.Groups = groups(t, "X448")
				return s
			}},
		{"dhe-level0", []string{"-cert", "{rsa}", "-key", "{rsakey}", "-cipher", "DHE-RSA-AES128-SHA:AES128-SHA:@SECLEVEL=0", "-dhparam", "{dh}", "-serverpref", "-no_tls1_3", "-groups", "P-256"},
			func(t testing.TB) *Server {
				return &Server{Versions: tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12), Suites: suites(t, "DHE-RSA-AES128-SHA", "AES128-SHA"),
					Groups: groups(t, "prime256v1"), DHBits: 2048, PreferServer: true, Certs: []Cert{rsa2048}, OpenSSL: openSSL30L0}
			}},
		{"ed25519-tls13", []string{"-cert", "{ed}", "-key", "{edkey}", "-ciphersuites", tls13Suites, "-groups", "X25519:P-256:P-384", "-no_tls1", "-no_tls1_1", "-no_tls1_2"},
			func(t testing.TB) *Server {
				s := mozillaModern(t)
				s.Certs = []Cert{{Key: KeyEd25519}}
				return s
			}},
		{"p521-tls13", []string{"-cert", "{ec521}", "-key", "{ec521key}", "-ciphersuites", tls13Suites, "-groups", "X25519:P-256:P-384", "-no_tls1", "-no_tls1_1", "-no_tls1_2"},
			func(t testing.TB) *Server {
				s := mozillaModern(t)
				s.Certs = []Cert{{Key: KeyECDSA, Bits: 521}}
				return s
			}},
		{"server-order", []string{"-cert", "{rsa}", "-key", "{rsakey}", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=2", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256", "-groups", "P-384:P-256:X25519", "-serverpref", "-no_tls1", "-no_tls1_1"},
			func(t testing.TB) *Server {
				s := mozillaIntermediate(t, openSSL30L2)
				s.PreferServer = true
				s.Suites = suites(t, "ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256")
				s.TLS13Suites = suites(t, "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256")
				s.Groups = groups(t, "secp384r1", "prime256v1", "X25519")
				return s
			}},
	}
}

// observed is what the server answered to one ClientHello.
type observed struct {
	Selected bool   `json:"selected"` // a ServerHello came back
	Version  string `json:"version,omitempty"`
	Suite    string `json:"suite,omitempty"`
	Group    string `json:"group,omitempty"` // TLS 1.3 key_share or the ECDHE ServerKeyExchange curve
	HRR      bool   `json:"hrr,omitempty"`   // HelloRetryRequest: Group is the one the server asked for
	Alert    int    `json:"alert,omitempty"` // the alert instead of a ServerHello (40: handshake_failure)
}

type oracleFile struct {
	OpenSSL string                         `json:"openssl"`
	Configs map[string]map[string]observed `json:"configs"`
}

func TestOpenSSLOracle(t *testing.T) {
	if *update {
		recordOracle(t)
	}
	data, err := os.ReadFile(oraclePath)
	if err != nil {
		t.Fatal(err)
	}
	var oracle oracleFile
	if err := json.Unmarshal(data, &oracle); err != nil {
		t.Fatalf("%s: %v", oraclePath, err)
	}
	pairs := 0
	for _, cfg := range oracleConfigs() {
		seen, ok := oracle.Configs[cfg.name]
		if !ok {
			t.Errorf("%s has no configuration %q: re-record with -update", oraclePath, cfg.name)
			continue
		}
		s := cfg.server(t)
		for _, c := range All() {
			o, ok := seen[c.Name]
			if !ok {
				t.Errorf("%s: no observation for %s", cfg.name, c.Name)
				continue
			}
			pairs++
			r := simulate(s, c)
			// The client's own checks (key size, SHA-1, DH limits) come after
			// the server's choice, which the oracle sees.
			selected := r.OK || r.Cause == CauseKeySize || r.Cause == CauseSignature || r.Cause == CauseDH
			switch {
			case selected != o.Selected:
				t.Errorf("%s vs %s: simulation selects %v (%s: %s), %s: %+v", cfg.name, c.Name, selected, r.Cause, r.Reason, oracle.OpenSSL, o)
			case !selected && (o.Alert == 70 && r.Cause != CauseProtocol || r.Cause != CauseProtocol && o.Alert != 40):
				// OpenSSL 3.0 answers protocol_version (70) when no version is
				// shared, internal_error (80) when the security level forbids
				// it, handshake_failure (40) to an SSLv3 hello and to every
				// failure after the version.
				t.Errorf("%s vs %s: simulation cause %s (%s), %s answers alert %d", cfg.name, c.Name, r.Cause, r.Reason, oracle.OpenSSL, o.Alert)
			case selected && (r.Version.String() != o.Version || r.Suite.DisplayName() != o.Suite):
				t.Errorf("%s vs %s: simulation %s %s, %s: %s %s", cfg.name, c.Name, r.Version, r.Suite.DisplayName(), oracle.OpenSSL, o.Version, o.Suite)
			case selected && !o.HRR && o.Group != "" && (r.Group == nil || r.Group.Name != o.Group):
				t.Errorf("%s vs %s: simulation group %v, %s: %s", cfg.name, c.Name, r.Group, oracle.OpenSSL, o.Group)
			}
		}
	}
	t.Logf("%d (configuration, client) pairs agree with %s", pairs, oracle.OpenSSL)
}

// recordOracle runs openssl s_server for each configuration and replays
// every profile's ClientHello from testssl's client-simulation.txt.
func recordOracle(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Fatal("-update needs the openssl binary:", err)
	}
	version, err := exec.Command(openssl, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	hellos := recordedHellos(t)
	files := oracleFiles(t, openssl)
	out := oracleFile{OpenSSL: strings.TrimSpace(string(version)), Configs: map[string]map[string]observed{}}
	for _, cfg := range oracleConfigs() {
		args := []string{"s_server", "-accept", "127.0.0.1:0", "-naccept", fmt.Sprint(len(hellos) + 1)}
		for _, a := range cfg.args {
			if f, ok := files[a]; ok {
				a = f
			}
			args = append(args, a)
		}
		out.Configs[cfg.name] = runOracleServer(t, openssl, args, hellos)
	}
	if err := os.WriteFile(oraclePath, marshalOracle(t, out), 0o644); err != nil {
		t.Fatal(err)
	}
}

// marshalOracle writes one observation per line, in profile order, so that
// a re-recording diffs line by line.
func marshalOracle(t *testing.T, o oracleFile) []byte {
	var b strings.Builder
	q := func(v any) string {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	fmt.Fprintf(&b, "{\n\t\"openssl\": %s,\n\t\"configs\": {\n", q(o.OpenSSL))
	cfgs := oracleConfigs()
	for i, cfg := range cfgs {
		fmt.Fprintf(&b, "\t\t%s: {\n", q(cfg.name))
		all := All()
		for j, c := range all {
			sep := ","
			if j == len(all)-1 {
				sep = ""
			}
			fmt.Fprintf(&b, "\t\t\t%s: %s%s\n", q(c.Name), q(o.Configs[cfg.name][c.Name]), sep)
		}
		sep := ","
		if i == len(cfgs)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "\t\t}%s\n", sep)
	}
	b.WriteString("\t}\n}\n")
	return []byte(b.String())
}

type recordedHello struct {
	name  string
	bytes []byte
}

// recordedHellos reads names and handshakebytes from client-simulation.txt.
func recordedHellos(t *testing.T) []recordedHello {
	path := filepath.Join(sharedDir(t, "data", "TLSLINT_DATA"), "testssl", "client-simulation.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	re := regexp.MustCompile(`^\s*(names|handshakebytes)\+=\("(.*)"\)\s*$`)
	var out []recordedHello
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		m := re.FindStringSubmatch(sc.Text())
		switch {
		case m == nil:
		case m[1] == "names":
			out = append(out, recordedHello{name: m[2]})
		case len(out) > 0:
			b, err := hex.DecodeString(m[2])
			if err != nil {
				t.Fatalf("%s: %s: %v", path, out[len(out)-1].name, err)
			}
			out[len(out)-1].bytes = b
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// oracleFiles writes the certificates and DH parameters the configurations use.
func oracleFiles(t *testing.T, openssl string) map[string]string {
	dir := t.TempDir()
	files := map[string]string{}
	write := func(name string, key crypto.Signer) {
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
			NotBefore: time.Unix(0, 0), NotAfter: time.Unix(1<<33, 0)}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
		if err != nil {
			t.Fatal(err)
		}
		pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			t.Fatal(err)
		}
		certPath, keyPath := filepath.Join(dir, name+".pem"), filepath.Join(dir, name+".key")
		if err := os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}), 0o600); err != nil {
			t.Fatal(err)
		}
		files["{"+name+"}"], files["{"+name+"key}"] = certPath, keyPath
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	write("rsa", rsaKey)
	for name, curve := range map[string]elliptic.Curve{"ec": elliptic.P256(), "ec521": elliptic.P521()} {
		k, err := ecdsa.GenerateKey(curve, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		write(name, k)
	}
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	write("ed", edKey)
	dh := filepath.Join(dir, "dh2048.pem")
	if out, err := exec.Command(openssl, "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out", dh).CombinedOutput(); err != nil {
		t.Fatalf("openssl genpkey: %v\n%s", err, out)
	}
	files["{dh}"] = dh
	return files
}

func runOracleServer(t *testing.T, openssl string, args []string, hellos []recordedHello) map[string]observed {
	cmd := exec.Command(openssl, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	// s_server ends a connection when its stdin reaches EOF: keep it open.
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	lines := bufio.NewScanner(stdout)
	var addr string
	for lines.Scan() {
		if a, ok := strings.CutPrefix(lines.Text(), "ACCEPT "); ok {
			addr = a
			break
		}
	}
	if addr == "" {
		t.Fatalf("openssl %s: no ACCEPT line", strings.Join(args, " "))
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	out := map[string]observed{}
	for _, h := range hellos {
		o, err := probe(addr, h.bytes)
		if err != nil {
			t.Fatalf("%s: %v", h.name, err)
		}
		out[h.name] = o
	}
	return out
}

// helloRetryRandom marks a HelloRetryRequest (RFC 8446 §4.1.3).
var helloRetryRandom, _ = hex.DecodeString("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C")

// probe sends one ClientHello and reads the answer up to the point that
// shows the server's choice.
func probe(addr string, hello []byte) (observed, error) {
	var o observed
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return o, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := conn.Write(hello); err != nil {
		return o, err
	}
	var hs []byte
	for {
		hdr := make([]byte, 5)
		if _, err := io.ReadFull(conn, hdr); err != nil {
			return o, nil // closed without an alert: not selected
		}
		body := make([]byte, binary.BigEndian.Uint16(hdr[3:]))
		if _, err := io.ReadFull(conn, body); err != nil {
			return o, nil
		}
		switch hdr[0] {
		case 21: // alert
			if !o.Selected && len(body) == 2 {
				o.Alert = int(body[1])
			}
			return o, nil
		case 22: // handshake
		default:
			return o, nil
		}
		hs = append(hs, body...)
		for len(hs) >= 4 {
			typ, n := hs[0], int(hs[1])<<16|int(hs[2])<<8|int(hs[3])
			if len(hs) < 4+n {
				break
			}
			msg := hs[4 : 4+n]
			hs = hs[4+n:]
			switch typ {
			case 2: // ServerHello
				if err := parseServerHello(msg, &o); err != nil {
					return o, err
				}
				if o.Version == "TLSv1.3" || o.HRR {
					return o, nil
				}
			case 12: // ServerKeyExchange: for ECDHE, curve_type named_curve (3) then the group
				if strings.HasPrefix(o.Suite, "ECDHE") && len(msg) >= 3 && msg[0] == 3 {
					if g := tls.GroupByID(binary.BigEndian.Uint16(msg[1:3])); g != nil {
						o.Group = g.Name
					}
				}
				return o, nil
			case 14: // ServerHelloDone
				return o, nil
			}
		}
	}
}

// parseServerHello fills o from a ServerHello body (RFC 8446 §4.1.3).
func parseServerHello(msg []byte, o *observed) error {
	if len(msg) < 38 {
		return errors.New("short ServerHello")
	}
	o.Selected = true
	version := binary.BigEndian.Uint16(msg)
	o.HRR = string(msg[2:34]) == string(helloRetryRandom)
	p := 34
	p += 1 + int(msg[p])
	if p+3 > len(msg) {
		return errors.New("short ServerHello")
	}
	code := binary.BigEndian.Uint16(msg[p:])
	p += 3
	if s := tls.SuiteByCode(uint32(code)); s != nil {
		o.Suite = s.DisplayName()
	} else {
		o.Suite = fmt.Sprintf("0x%04X", code)
	}
	if p+2 <= len(msg) {
		end := p + 2 + int(binary.BigEndian.Uint16(msg[p:]))
		p += 2
		for p+4 <= end && end <= len(msg) {
			typ, n := binary.BigEndian.Uint16(msg[p:]), int(binary.BigEndian.Uint16(msg[p+2:]))
			data := msg[p+4 : min(p+4+n, len(msg))]
			switch {
			case typ == 43 && len(data) == 2:
				version = binary.BigEndian.Uint16(data)
			case typ == 51 && len(data) >= 2:
				if g := tls.GroupByID(binary.BigEndian.Uint16(data)); g != nil {
					o.Group = g.Name
				}
			}
			p += 4 + n
		}
	}
	v, ok := tls.VersionFromWire(version)
	if !ok {
		return fmt.Errorf("ServerHello version %#04x", version)
	}
	o.Version = v.String()
	return nil
}
