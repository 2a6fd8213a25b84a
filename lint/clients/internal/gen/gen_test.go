package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/fixtures/shared"
)

func dataDir(t *testing.T) string { return filepath.Join(shared.Dir(t, "data"), "testssl") }

// TestGeneratedIsCurrent regenerates profiles_gen.go from the data and
// compares it with the committed file: run `go generate ./lint/clients` when
// this fails.
func TestGeneratedIsCurrent(t *testing.T) {
	got, err := generate(dataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "profiles_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("profiles_gen.go is stale: run go generate ./lint/clients")
	}
}

const goodBlock = `
     names+=("Test Client 1")
     short+=("test_1")
     ch_ciphers+=("ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:NOT-A-SUITE")
     ciphersuites+=("")
     ch_sni+=("$SNI")
     warning+=("")
     handshakebytes+=("160301002f0100002b03030000000000000000000000000000000000000000000000000000000000000000000002c02f01000000")
     protos+=("-no_ssl2")
     tlsvers+=("-tls1_2")
     lowest_protocol+=("0x0301")
     highest_protocol+=("0x0303")
     service+=("HTTP,FTP")
     minDhBits+=(1024)
     maxDhBits+=(-1)
     minRsaBits+=(-1)
     maxRsaBits+=(4096)
     minEcdsaBits+=(-1)
     curves+=("prime256v1:X25519")
     requiresSha2+=(false)
     current+=(true)
`

func TestParseSimulation(t *testing.T) {
	blocks, err := parseSimulation(strings.NewReader("# comment\n"+goodBlock+strings.Replace(strings.Replace(goodBlock, "Test Client 1", "Test Client 2", 1), "test_1", "test_2", 1)), "x.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 2 {
		t.Fatalf("got %d blocks, want 2", len(blocks))
	}
	if got := blocks[1].fields["names"]; got.value != "Test Client 2" || got.line != 24 {
		t.Errorf("second block names = %+v, want Test Client 2 at line 24", got)
	}
	if got := blocks[0].fields["minDhBits"].value; got != "1024" {
		t.Errorf("minDhBits = %q", got)
	}
}

func TestParseSimulationErrors(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"not an assignment", goodBlock + "     echo hi\n", `x.txt:22: expected`},
		{"unknown field", goodBlock + "     colour+=(\"red\")\n", `x.txt:22: unknown field "colour"`},
		{"field twice", goodBlock + "     current+=(false)\n", `x.txt:22: current given twice for one client (first at line 21)`},
		{"field before names", "     short+=(\"x\")\n" + goodBlock, `x.txt:1: field short before the first names+= line`},
		{"missing field", strings.Replace(goodBlock, "     curves+=(\"prime256v1:X25519\")\n", "", 1), `x.txt:2: client "Test Client 1" has no curves`},
		{"unterminated string", strings.Replace(goodBlock, `short+=("test_1")`, `short+=("test_1)`, 1), `x.txt:3: short: unterminated string`},
		{"two words", strings.Replace(goodBlock, `current+=(true)`, `current+=(true false)`, 1), `x.txt:21: current: expected one quoted string or one word`},
		{"empty file", "# nothing\n", `x.txt: no client`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseSimulation(strings.NewReader(tt.input), "x.txt")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseSimulationTypoAlias(t *testing.T) {
	in := strings.Replace(goodBlock, "requiresSha2+=(false)", "requireseha2+=(true)", 1)
	blocks, err := parseSimulation(strings.NewReader(in), "x.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got := blocks[0].fields["requiresSha2"].value; got != "true" {
		t.Errorf("requiresSha2 via the requireseha2 alias = %q, want true", got)
	}
}

func testMappings() (map[string]suiteInfo, map[string]uint16) {
	suites := map[string]suiteInfo{
		"ECDHE-RSA-AES128-GCM-SHA256": {code: 0xC02F},
		"AES128-SHA":                  {code: 0x002F},
		"TLS_AES_128_GCM_SHA256":      {code: 0x1301},
	}
	groups := map[string]uint16{"prime256v1": 0x17, "secp256r1": 0x17, "x25519": 0x1d}
	return suites, groups
}

func TestConvert(t *testing.T) {
	suites, groups := testMappings()
	blocks, err := parseSimulation(strings.NewReader(goodBlock), "x.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := convert(blocks[0], suites, groups)
	if err != nil {
		t.Fatal(err)
	}
	if want := []uint32{0xC02F, 0x002F, 0}; !reflect.DeepEqual(p.suiteCodes, want) {
		t.Errorf("codes = %#x, want %#x (unknown names kept with code 0)", p.suiteCodes, want)
	}
	if want := []string{"ECDHE-RSA-AES128-GCM-SHA256", "AES128-SHA", "NOT-A-SUITE"}; !reflect.DeepEqual(p.suiteNames, want) {
		t.Errorf("names = %q", p.suiteNames)
	}
	if want := []uint16{0x17, 0x1d}; !reflect.DeepEqual(p.groups, want) {
		t.Errorf("groups = %#x, want %#x (case-insensitive, prime256v1 alias)", p.groups, want)
	}
	if p.lowest != 0x0301 || p.highest != 0x0303 || !p.sni || p.minDH != 1024 || p.maxDH != 0 || p.maxRSA != 4096 || !p.current {
		t.Errorf("scalar fields wrong: %+v", p)
	}
	if p.sigAlgs != nil {
		t.Errorf("sigAlgs = %v, want nil (no extensions in the ClientHello)", p.sigAlgs)
	}
}

func TestConvertErrors(t *testing.T) {
	suites, groups := testMappings()
	tests := []struct {
		name, old, new, want string
	}{
		{"unknown group", `curves+=("prime256v1:X25519")`, `curves+=("prime256v1:nocurve")`, `x.txt:19: curves (client "Test Client 1"): group "nocurve" is not in curves-mapping.txt`},
		{"bad version", `highest_protocol+=("0x0303")`, `highest_protocol+=("0x0399")`, `x.txt:12: highest_protocol (client "Test Client 1"): unknown version "0x0399"`},
		{"inverted range", `lowest_protocol+=("0x0301")`, `lowest_protocol+=("0x0304")`, `x.txt:11: lowest_protocol (client "Test Client 1"): lowest 0x0304 above highest 0x0303`},
		{"bad sni", `ch_sni+=("$SNI")`, `ch_sni+=("yes")`, `x.txt:6: ch_sni (client "Test Client 1"): expected "$SNI" or ""`},
		{"bad bits", `minDhBits+=(1024)`, `minDhBits+=(lots)`, `x.txt:14: minDhBits (client "Test Client 1"): expected -1 (no limit) or a bit count`},
		{"bad bool", `current+=(true)`, `current+=(maybe)`, `x.txt:21: current (client "Test Client 1"): expected true or false`},
		{"bad hex", `handshakebytes+=("160301002f0100002b03030000000000000000000000000000000000000000000000000000000000000000000002c02f01000000")`, `handshakebytes+=("zz")`, `x.txt:8: handshakebytes (client "Test Client 1"): not hex`},
		{"not a hello", `handshakebytes+=("160301002f0100002b03030000000000000000000000000000000000000000000000000000000000000000000002c02f01000000")`, `handshakebytes+=("170301")`, `not a handshake record`},
		{"tls13 name not tls13", `ciphersuites+=("")`, `ciphersuites+=("AES128-SHA")`, `"AES128-SHA" is not a TLS 1.3 suite`},
		{"tls13 without suites", `highest_protocol+=("0x0303")`, `highest_protocol+=("0x0304")`, `neither ciphersuites nor the ClientHello lists a TLS 1.3 suite`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Replace(goodBlock, tt.old, tt.new, 1)
			if in == goodBlock {
				t.Fatalf("test edit %q not applied", tt.old)
			}
			blocks, err := parseSimulation(strings.NewReader(in), "x.txt")
			if err != nil {
				t.Fatal(err)
			}
			_, err = convert(blocks[0], suites, groups)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// hello builds a TLS 1.2-format ClientHello record with the given suites and extensions.
func hello(suites []uint16, exts map[uint16][]byte, order []uint16) []byte {
	var body []byte
	body = append(body, 0x03, 0x03)
	body = append(body, make([]byte, 32)...)
	body = append(body, 0) // session id
	body = binary.BigEndian.AppendUint16(body, uint16(2*len(suites)))
	for _, s := range suites {
		body = binary.BigEndian.AppendUint16(body, s)
	}
	body = append(body, 1, 0) // null compression
	var e []byte
	for _, typ := range order {
		e = binary.BigEndian.AppendUint16(e, typ)
		e = binary.BigEndian.AppendUint16(e, uint16(len(exts[typ])))
		e = append(e, exts[typ]...)
	}
	body = binary.BigEndian.AppendUint16(body, uint16(len(e)))
	body = append(body, e...)
	hs := append([]byte{1, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}, body...)
	rec := []byte{0x16, 0x03, 0x01, byte(len(hs) >> 8), byte(len(hs))}
	return append(rec, hs...)
}

func u16s(prefixLen int, vs ...uint16) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.BigEndian.AppendUint16(b, v)
	}
	if prefixLen == 1 {
		return append([]byte{byte(len(b))}, b...)
	}
	return append(binary.BigEndian.AppendUint16(nil, uint16(len(b))), b...)
}

func TestParseClientHello(t *testing.T) {
	var shares []byte
	for _, g := range []uint16{0x3a3a, 0x001d} { // GREASE, then x25519
		shares = binary.BigEndian.AppendUint16(shares, g)
		shares = binary.BigEndian.AppendUint16(shares, 1)
		shares = append(shares, 0)
	}
	keyShare := append(binary.BigEndian.AppendUint16(nil, uint16(len(shares))), shares...)
	b := hello([]uint16{0x1301, 0xc02f}, map[uint16][]byte{
		0:  {0, 0},
		13: u16s(2, 0x0403, 0x0804, 0x0401),
		43: u16s(1, 0xeaea, 0x0304, 0x0303),
		51: keyShare,
	}, []uint16{0, 13, 43, 51})
	ch, err := parseClientHello(b)
	if err != nil {
		t.Fatal(err)
	}
	if want := []uint16{0x1301, 0xc02f}; !reflect.DeepEqual(ch.suites, want) {
		t.Errorf("suites = %#x", ch.suites)
	}
	if want := []uint16{0x0403, 0x0804, 0x0401}; !reflect.DeepEqual(ch.sigAlgs, want) {
		t.Errorf("sigAlgs = %#x", ch.sigAlgs)
	}
	if want := []uint16{0x0304, 0x0303}; !reflect.DeepEqual(ch.versions, want) {
		t.Errorf("versions = %#x (GREASE must be dropped)", ch.versions)
	}
	if want := []uint16{0x001d}; !reflect.DeepEqual(ch.keyShares, want) {
		t.Errorf("keyShares = %#x", ch.keyShares)
	}

	// Without signature_algorithms the list stays nil (TLS 1.2 then means SHA-1).
	ch, err = parseClientHello(hello([]uint16{0x002f}, nil, nil))
	if err != nil || ch.sigAlgs != nil || ch.versions != nil {
		t.Errorf("no extensions: %+v, %v", ch, err)
	}

	// Every truncation is an error, never a panic.
	for n := 0; n < len(b); n++ {
		if _, err := parseClientHello(b[:n]); err == nil {
			t.Errorf("truncated to %d bytes: no error", n)
		}
	}
}

func TestParseSSLv2Hello(t *testing.T) {
	// Java 6u45's CLIENT-HELLO from client-simulation.txt, cut to three specs:
	// RC4-MD5 (TLS form), RC4-SHA, and the SSLv2-only DES-CBC3-MD5 (0x0700C0).
	specs := []byte{0, 0, 0x04, 0, 0, 0x05, 0x07, 0x00, 0xc0}
	msg := []byte{1, 0x03, 0x01, 0, byte(len(specs)), 0, 0, 0, 16}
	msg = append(msg, specs...)
	msg = append(msg, make([]byte, 16)...)
	rec := append([]byte{0x80 | byte(len(msg)>>8), byte(len(msg))}, msg...)
	ch, err := parseClientHello(rec)
	if err != nil {
		t.Fatal(err)
	}
	if want := []uint16{0x0004, 0x0005}; !reflect.DeepEqual(ch.suites, want) {
		t.Errorf("suites = %#x, want the TLS-form specs only", ch.suites)
	}
	if ch.sigAlgs != nil || ch.keyShares != nil {
		t.Errorf("an SSLv2 hello has no extensions: %+v", ch)
	}
	if _, err := parseClientHello(rec[:7]); err == nil {
		t.Error("truncated SSLv2 hello: no error")
	}
}

func TestReadMappings(t *testing.T) {
	dir := dataDir(t)
	suites, err := readCipherMapping(filepath.Join(dir, "cipher-mapping.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// A name shared by an SSLv2 and a TLS suite means the TLS suite; an
	// SSLv2-only name keeps its three-byte code.
	for name, want := range map[string]uint32{"RC4-MD5": 0x0004, "DES-CBC3-SHA": 0x000A, "DES-CBC3-MD5": 0x0700C0, "ECDHE-RSA-AES128-GCM-SHA256": 0xC02F} {
		if got := suites[name].code; got != want {
			t.Errorf("%s = %#x, want %#x", name, got, want)
		}
	}
	groups, err := readCurvesMapping(filepath.Join(dir, "curves-mapping.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]uint16{"prime256v1": 0x17, "secp256r1": 0x17, "x25519": 0x1d, "x25519mlkem768": 0x11ec, "ffdhe2048": 0x100} {
		if got := groups[name]; got != want {
			t.Errorf("%s = %#x, want %#x", name, got, want)
		}
	}
}

func TestParseCode(t *testing.T) {
	for in, want := range map[string]uint32{"0xC0,0x2F": 0xC02F, "0x07,0x01,0xC0": 0x0701C0, "0x00,0x04": 4} {
		if got, err := parseCode(in); err != nil || got != want {
			t.Errorf("parseCode(%q) = %#x, %v", in, got, err)
		}
	}
	for _, in := range []string{"C0,2F", "0xC0", "0x100,0x00", "0xC0,0x2F,0x00,0x01"} {
		if _, err := parseCode(in); err == nil {
			t.Errorf("parseCode(%q): no error", in)
		}
	}
}
