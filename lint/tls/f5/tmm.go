package f5

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tlslint/tlslint/lint/tls"
)

// ParseTmm reads the output of `tmm --clientciphers STRING` or
// `tmm --serverciphers STRING` (or of the REST utils clientssl-ciphers /
// serverssl-ciphers): a header line, then rows
//
//	<n>: <IANA id> <F5 name> <BITS> <PROT> [METHOD] <CIPHER> <MAC> <KEYX>
//
// Output before 14.0 has the METHOD column ("Native"), later output has
// not; both are read. Blank lines, the header, lines starting with '#' and
// "..." (elisions) are skipped. Rows of suites this package knows share its
// *Suite; other rows get a Suite built from their columns. Errors name the
// line and what was expected.
func ParseTmm(out string) ([]Row, error) {
	var rows []Row
	for ln, line := range strings.Split(out, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || t[0] == '#' || strings.HasPrefix(t, "...") || strings.HasPrefix(t, "ID ") {
			continue
		}
		f := strings.Fields(t)
		if len(f) != 8 && len(f) != 9 || !strings.HasSuffix(f[0], ":") {
			return nil, fmt.Errorf("line %d: expected `<n>: <id> <suite> <bits> <prot> [method] <cipher> <mac> <keyx>`, got %q", ln+1, t)
		}
		if len(f) == 9 {
			f = append(f[:5], f[6:]...) // drop METHOD
		}
		id, err := strconv.ParseUint(f[1], 10, 16)
		if err != nil {
			return nil, fmt.Errorf("line %d: IANA id %q is not a number 0..65535", ln+1, f[1])
		}
		bits, err := strconv.Atoi(f[3])
		if err != nil || bits < 0 {
			return nil, fmt.Errorf("line %d: BITS %q is not a number", ln+1, f[3])
		}
		p, ok := ParseProtocol(f[4])
		if !ok {
			return nil, fmt.Errorf("line %d: protocol %q: expected SSL3, TLS1, TLS1.1, TLS1.2, TLS1.3, DTLS1 or DTLS1.2", ln+1, f[4])
		}
		s := SuiteByName(f[2])
		if s == nil || s.Code != uint16(id) || s.Bits != bits || s.Cipher != f[5] || s.MAC != f[6] || s.KeyX != f[7] {
			s = &Suite{Name: f[2], Code: uint16(id), Bits: bits, Cipher: f[5], MAC: f[6], KeyX: f[7],
				TLS: tls.SuiteByCode(uint32(id)), Observed: true, Source: "tmm output"}
		}
		rows = append(rows, Row{Suite: s, Protocol: p})
	}
	return rows, nil
}

// FormatTmm prints rows as `tmm --clientciphers` does from 14.0 on (no
// METHOD column), so that output can be compared with a device's.
func FormatTmm(rows []Row) string {
	var b strings.Builder
	b.WriteString("       ID  SUITE                            BITS PROT    CIPHER              MAC     KEYX\n")
	for i, r := range rows {
		if r.Suite == nil {
			continue
		}
		fmt.Fprintf(&b, "%2d: %5d  %-32s %-4d %-6s  %-19s %-7s %-10s\n", i, r.Suite.Code, r.Suite.Name, r.Suite.Bits, r.Protocol, r.Suite.Cipher, r.Suite.MAC, r.Suite.KeyX)
	}
	return b.String()
}
