package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// field is one `key+=(value)` line of client-simulation.txt.
type field struct {
	value string
	line  int
}

// block is one client: the fields from a `names+=` line up to the next one.
type block struct {
	file   string // for messages
	line   int    // of names+=
	fields map[string]field
}

// knownFields are the arrays client-simulation.txt appends to; optional ones
// map to false. An unknown array name is an error, so that a new field in a
// future testssl.sh is noticed rather than dropped.
var knownFields = map[string]bool{
	"names": true, "short": true, "ch_ciphers": true, "ciphersuites": true,
	"ch_sni": true, "warning": false, "handshakebytes": true, "protos": true,
	"tlsvers": true, "lowest_protocol": true, "highest_protocol": true,
	"alpn": false, "service": true, "minDhBits": true, "maxDhBits": true,
	"minRsaBits": true, "maxRsaBits": true, "minEcdsaBits": true, "curves": true,
	"requiresSha2": true, "current": true, "ja3": false, "ja4": false,
}

// fieldAliases fixes misspelt array names found in the data.
var fieldAliases = map[string]string{
	// Java 17.0.3/21.0.6 (OpenJDK) block, testssl.sh commit 9fdf802.
	"requireseha2": "requiresSha2",
}

var assignRE = regexp.MustCompile(`^\s*([A-Za-z_][A-Za-z0-9_]*)\+=\((.*)\)\s*$`)

// parseSimulation splits client-simulation.txt into client blocks. name is
// used in error messages ("client-simulation.txt:12: ...").
func parseSimulation(r io.Reader, name string) ([]block, error) {
	var blocks []block
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20) // handshakebytes lines run to a few kB
	n := 0
	for sc.Scan() {
		n++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		m := assignRE.FindStringSubmatch(text)
		if m == nil {
			return nil, fmt.Errorf("%s:%d: expected `name+=(value)`, a comment or a blank line, got %q", name, n, clip(text))
		}
		key := m[1]
		if alias, ok := fieldAliases[key]; ok {
			key = alias
		}
		if _, ok := knownFields[key]; !ok {
			return nil, fmt.Errorf("%s:%d: unknown field %q", name, n, m[1])
		}
		value, err := unquote(m[2])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s: %v", name, n, key, err)
		}
		if key == "names" {
			blocks = append(blocks, block{file: name, line: n, fields: map[string]field{}})
		}
		if len(blocks) == 0 {
			return nil, fmt.Errorf("%s:%d: field %s before the first names+= line", name, n, key)
		}
		b := &blocks[len(blocks)-1]
		if prev, dup := b.fields[key]; dup {
			return nil, fmt.Errorf("%s:%d: %s given twice for one client (first at line %d)", name, n, key, prev.line)
		}
		b.fields[key] = field{value: value, line: n}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, b := range blocks {
		for k, required := range knownFields {
			if _, ok := b.fields[k]; required && !ok {
				return nil, fmt.Errorf("%s:%d: client %q has no %s", name, b.line, b.fields["names"].value, k)
			}
		}
	}
	if len(blocks) == 0 {
		return nil, fmt.Errorf("%s: no client (no names+= line)", name)
	}
	return blocks, nil
}

// unquote takes a bash array element: "text" or a bare word such as -1 or false.
func unquote(s string) (string, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, `"`) {
		if len(s) < 2 || !strings.HasSuffix(s, `"`) {
			return "", fmt.Errorf("unterminated string %s", clip(s))
		}
		inner := s[1 : len(s)-1]
		if strings.ContainsAny(inner, "\"\\`") {
			return "", fmt.Errorf("string with quotes or escapes is not supported: %s", clip(s))
		}
		return inner, nil
	}
	if strings.ContainsAny(s, " \t\"'") {
		return "", fmt.Errorf("expected one quoted string or one word, got %s", clip(s))
	}
	return s, nil
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// suiteInfo is what the generator needs from cipher-mapping.txt.
type suiteInfo struct {
	code  uint32
	sslv2 bool
}

// readCipherMapping maps OpenSSL suite names to code points. Where an SSLv2
// suite and an SSLv3/TLS suite share a name (RC4-MD5, DES-CBC3-SHA), the
// latter wins: ch_ciphers are OpenSSL cipher-list names, and OpenSSL only
// means the SSLv2 suite when nothing else has the name (DES-CBC3-MD5).
func readCipherMapping(path string) (map[string]suiteInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]suiteInfo{}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		fs := strings.Fields(sc.Text())
		if len(fs) == 0 {
			continue
		}
		if len(fs) < 5 || fs[1] != "-" {
			return nil, fmt.Errorf("cipher-mapping.txt:%d: expected `0xNN,0xNN - NAME IANA-NAME PROTO ...`", n)
		}
		code, err := parseCode(fs[0])
		if err != nil {
			return nil, fmt.Errorf("cipher-mapping.txt:%d: %v", n, err)
		}
		name := fs[2]
		if name == "-" {
			continue
		}
		info := suiteInfo{code: code, sslv2: fs[4] == "SSLv2"}
		if prev, ok := out[name]; ok && !prev.sslv2 {
			continue
		}
		out[name] = info
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// parseCode reads "0xC0,0x2F" or the SSLv2 form "0x07,0x01,0xC0".
func parseCode(s string) (uint32, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 2 && len(parts) != 3 {
		return 0, fmt.Errorf("bad code point %q", s)
	}
	var code uint32
	for _, p := range parts {
		b, err := strconv.ParseUint(strings.TrimPrefix(strings.ToLower(p), "0x"), 16, 8)
		if err != nil || !strings.HasPrefix(strings.ToLower(p), "0x") {
			return 0, fmt.Errorf("bad code point %q", s)
		}
		code = code<<8 | uint32(b)
	}
	return code, nil
}

// readCurvesMapping maps group names (lower case) to IANA code points.
func readCurvesMapping(path string) (map[string]uint16, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]uint16{}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		fs := strings.Fields(sc.Text())
		if len(fs) == 0 {
			continue
		}
		if len(fs) < 4 || fs[1] != "-" {
			return nil, fmt.Errorf("curves-mapping.txt:%d: expected `0xNN,0xNN - NAME IANA-NAME`", n)
		}
		code, err := parseCode(fs[0])
		if err != nil || code > 0xffff {
			return nil, fmt.Errorf("curves-mapping.txt:%d: bad code point %q", n, fs[0])
		}
		for _, name := range fs[2:4] {
			out[strings.ToLower(name)] = uint16(code)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	// OpenSSL's names for the X9.62 spellings of the NIST prime curves (RFC 8422 Appendix A).
	out["prime256v1"] = 0x0017
	out["prime192v1"] = 0x0013
	return out, nil
}

// profile is one converted client, ready to render.
type profile struct {
	line                     int
	name, short              string
	suiteNames, tls13Names   []string
	suiteCodes, tls13Codes   []uint32
	lowest, highest          uint16
	sni                      bool
	groups, keyShares        []uint16
	sigAlgs                  []uint16 // nil: the ClientHello has no signature_algorithms extension
	minDH, maxDH             int
	minRSA, maxRSA, minECDSA int
	requiresSHA2, current    bool
	services                 []string
	draftTLS13               bool // highest lowered: the client only knows TLS 1.3 drafts
}

// versionConst names the lint/tls constant for a wire version as testssl writes it.
var versionConst = map[uint16]string{
	0x0200: "SSLv2", 0x0300: "SSLv3", 0x0301: "TLS10", 0x0302: "TLS11", 0x0303: "TLS12", 0x0304: "TLS13",
}

func convert(b block, suites map[string]suiteInfo, groups map[string]uint16) (profile, error) {
	f := b.fields
	p := profile{line: b.line, name: f["names"].value, short: f["short"].value}
	errf := func(k string, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s (client %q): %s", b.file, f[k].line, k, p.name, fmt.Sprintf(format, args...))
	}
	if p.name == "" || p.short == "" {
		return p, errf("names", "empty name or short name")
	}
	addTLS13 := func(name string, code uint32) {
		for _, c := range p.tls13Codes {
			if c == code {
				return
			}
		}
		p.tls13Names = append(p.tls13Names, name)
		p.tls13Codes = append(p.tls13Codes, code)
	}
	for _, n := range splitList(f["ciphersuites"].value, ":") {
		info, ok := suites[n]
		if !ok || info.code>>8 != 0x13 {
			return p, errf("ciphersuites", "%q is not a TLS 1.3 suite of cipher-mapping.txt", n)
		}
		addTLS13(n, info.code)
	}
	seen := map[string]bool{}
	for _, n := range splitList(f["ch_ciphers"].value, ":") {
		info, known := suites[n]
		if known && info.code>>8 == 0x13 {
			addTLS13(n, info.code)
			continue
		}
		if seen[n] { // IE 6 and Java 6 list RC4-MD5 twice (its SSLv2 and SSLv3 forms)
			continue
		}
		seen[n] = true
		p.suiteNames = append(p.suiteNames, n)
		p.suiteCodes = append(p.suiteCodes, info.code) // 0 when unknown: kept by name
	}
	var ok bool
	if p.lowest, ok = parseWireVersion(f["lowest_protocol"].value); !ok {
		return p, errf("lowest_protocol", "unknown version %q", f["lowest_protocol"].value)
	}
	if p.highest, ok = parseWireVersion(f["highest_protocol"].value); !ok {
		return p, errf("highest_protocol", "unknown version %q", f["highest_protocol"].value)
	}
	if p.lowest > p.highest {
		return p, errf("lowest_protocol", "lowest %#04x above highest %#04x", p.lowest, p.highest)
	}
	switch f["ch_sni"].value {
	case "$SNI":
		p.sni = true
	case "":
	default:
		return p, errf("ch_sni", `expected "$SNI" or "", got %q`, f["ch_sni"].value)
	}
	for _, n := range splitList(f["curves"].value, ":") {
		id, ok := groups[strings.ToLower(n)]
		if !ok {
			return p, errf("curves", "group %q is not in curves-mapping.txt", n)
		}
		p.groups = append(p.groups, id)
	}
	ints := []struct {
		key string
		dst *int
	}{{"minDhBits", &p.minDH}, {"maxDhBits", &p.maxDH}, {"minRsaBits", &p.minRSA}, {"maxRsaBits", &p.maxRSA}, {"minEcdsaBits", &p.minECDSA}}
	for _, it := range ints {
		v, err := strconv.Atoi(f[it.key].value)
		if err != nil || v < -1 || v > 65536 {
			return p, errf(it.key, "expected -1 (no limit) or a bit count, got %q", f[it.key].value)
		}
		if v > 0 {
			*it.dst = v
		}
	}
	bools := []struct {
		key string
		dst *bool
	}{{"requiresSha2", &p.requiresSHA2}, {"current", &p.current}}
	for _, it := range bools {
		v, err := strconv.ParseBool(f[it.key].value)
		if err != nil {
			return p, errf(it.key, "expected true or false, got %q", f[it.key].value)
		}
		*it.dst = v
	}
	p.services = splitList(f["service"].value, ",")

	hello, err := hex.DecodeString(f["handshakebytes"].value)
	if err != nil {
		return p, errf("handshakebytes", "not hex: %v", err)
	}
	ch, err := parseClientHello(hello)
	if err != nil {
		return p, errf("handshakebytes", "%v", err)
	}
	p.sigAlgs = ch.sigAlgs
	p.keyShares = ch.keyShares
	if ch.versions != nil {
		// A client that offers only drafts of TLS 1.3 (0x7Fxx: Chrome 57 and
		// 65, Firefox 53 to 62) cannot negotiate TLS 1.3 with an RFC 8446
		// server, which ignores versions it does not know (RFC 8446 §4.2.1):
		// its real highest version is the highest final one it lists.
		// testssl.sh itself drives these clients with -tls1_2 at most.
		var top uint16
		for _, v := range ch.versions {
			if _, final := versionConst[v]; final && v > top {
				top = v
			}
		}
		if top == 0 {
			return p, errf("handshakebytes", "supported_versions lists no final protocol version")
		}
		if top < p.highest {
			p.highest = top
			p.draftTLS13 = true
			p.tls13Names, p.tls13Codes = nil, nil
		}
	}
	if p.highest == 0x0304 && len(p.tls13Codes) == 0 {
		for _, c := range ch.suites {
			if c>>8 == 0x13 {
				p.tls13Codes = append(p.tls13Codes, uint32(c))
				p.tls13Names = append(p.tls13Names, tls13Name(c, suites))
			}
		}
		if len(p.tls13Codes) == 0 {
			return p, errf("ciphersuites", "highest protocol is TLS 1.3 but neither ciphersuites nor the ClientHello lists a TLS 1.3 suite")
		}
	}
	return p, nil
}

func tls13Name(code uint16, suites map[string]suiteInfo) string {
	for n, info := range suites {
		if info.code == uint32(code) {
			return n
		}
	}
	return fmt.Sprintf("0x%04X", code)
}

func parseWireVersion(s string) (uint16, bool) {
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "0x"), 16, 16)
	if err != nil || !strings.HasPrefix(s, "0x") {
		return 0, false
	}
	_, ok := versionConst[uint16(v)]
	return uint16(v), ok
}

func splitList(s, sep string) []string {
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
