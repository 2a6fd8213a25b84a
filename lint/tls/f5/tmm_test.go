package f5

import (
	"slices"
	"strings"
	"testing"
)

func TestParseTmm(t *testing.T) {
	// Pre-14 format with METHOD, then 14+ without; a row of a suite the
	// database does not know keeps its columns.
	rows, err := ParseTmm(`       ID  SUITE                            BITS PROT    METHOD  CIPHER    MAC     KEYX
 0: 49200  ECDHE-RSA-AES256-GCM-SHA384      256  TLS1.2  Native  AES-GCM   SHA384  ECDHE_RSA
 ...
 1:    10  DES-CBC3-SHA                     168  SSL3    Native  DES       SHA     RSA
 2: 52243  ECDHE-RSA-AES256-CCM-SHA256      256  TLS1.2  AES-CCM             SHA256  ECDHE_RSA
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	if rows[0].Suite != SuiteByName("ECDHE-RSA-AES256-GCM-SHA384") || rows[1].Protocol != SSL3 || rows[1].Suite.Bits != 168 {
		t.Errorf("rows %v", rows)
	}
	if s := rows[2].Suite; s.Name != "ECDHE-RSA-AES256-CCM-SHA256" || s.Code != 52243 || s.Cipher != "AES-CCM" || SuiteByName(s.Name) != nil {
		t.Errorf("unknown suite row %+v", s)
	}
	for _, tc := range []struct{ in, msg string }{
		{" 0: 49200  ECDHE-RSA-AES256-GCM-SHA384 256 TLS1.2", "line 1: expected"},
		{"\n 0: x  AES128-SHA  128  TLS1  AES  SHA  RSA", "line 2: IANA id \"x\""},
		{" 0: 47  AES128-SHA  many  TLS1  AES  SHA  RSA", "BITS \"many\""},
		{" 0: 47  AES128-SHA  128  TLS9  AES  SHA  RSA", "protocol \"TLS9\""},
	} {
		if _, err := ParseTmm(tc.in); err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%q: err %v, want %q", tc.in, err, tc.msg)
		}
	}
}

func TestFormatTmmRoundTrip(t *testing.T) {
	for _, v := range []Version{{11, 6}, {14, 1}, {17, 1}} {
		e := Expand("ALL", v)
		back, err := ParseTmm(FormatTmm(e.Rows))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(back, e.Rows) {
			t.Errorf("%s: FormatTmm/ParseTmm changed the rows", v)
		}
	}
	out := FormatTmm(Expand("ECDHE-RSA-AES128-GCM-SHA256", v141).Rows)
	want := " 0: 49199  ECDHE-RSA-AES128-GCM-SHA256      128  TLS1.2  AES-GCM             SHA256  ECDHE_RSA"
	if !strings.Contains(out, want) {
		t.Errorf("FormatTmm:\n%s\nwant a line like tmm's:\n%s", out, want)
	}
}

func TestProtocolNames(t *testing.T) {
	for p := SSL3; p <= TLS13; p++ {
		q, ok := ParseProtocol(p.String())
		if !ok || q != p {
			t.Errorf("%s does not round-trip", p)
		}
	}
	if p, ok := ParseProtocol("TLS1.0"); !ok || p != TLS1 {
		t.Error("TLS1.0 (tmsh show ltm cipher group) not read")
	}
	if Protocol(0).String() != "none" {
		t.Error("zero Protocol")
	}
}
