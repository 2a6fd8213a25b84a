package f5

import (
	"slices"
	"testing"

	"github.com/tlslint/tlslint/lint/tls"
)

// TestDefaultTableCovers: the DEFAULT definitions cover every release from
// Oldest to Newest exactly once.
func TestDefaultTableCovers(t *testing.T) {
	if defaults[0].from != Oldest || defaults[len(defaults)-1].to != Newest {
		t.Fatalf("DEFAULT table spans %s..%s, want %s..%s", defaults[0].from, defaults[len(defaults)-1].to, Oldest, Newest)
	}
	for _, v := range releases {
		n := 0
		for _, d := range defaults {
			if within(v, d.from, d.to) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s is in %d DEFAULT ranges", v, n)
		}
	}
	for i := 1; i < len(defaults); i++ {
		if !defaults[i-1].to.Less(defaults[i].from) {
			t.Errorf("ranges %d and %d overlap", i-1, i)
		}
	}
}

func TestDefaultProtocols(t *testing.T) {
	for _, tc := range []struct {
		v    Version
		want tls.VersionSet
	}{
		// 11.x DEFAULT is NATIVE minus classes: SSL3 rows stay (F5 sol13171).
		{Version{11, 0}, tls.Range(tls.SSLv3, tls.TLS12)},
		{Version{11, 6}, tls.Range(tls.SSLv3, tls.TLS12)},
		// From 12.1 DEFAULT has no SSL3 rows; from 14.0 no-tlsv1.3.
		{Version{12, 1}, tls.Range(tls.TLS10, tls.TLS12)},
		{Version{14, 1}, tls.Range(tls.TLS10, tls.TLS12)},
		{Version{17, 1}, tls.Range(tls.TLS10, tls.TLS12)},
		{Version{}, tls.Range(tls.TLS10, tls.TLS12)},
	} {
		if got := DefaultProtocols(tc.v); got != tc.want {
			t.Errorf("DefaultProtocols(%s) = %s, want %s", tc.v, got, tc.want)
		}
	}
}

func TestOptionsProtocols(t *testing.T) {
	for _, tc := range []struct {
		opts []string
		v    Version
		want tls.VersionSet
	}{
		{nil, v171, tls.Range(tls.SSLv3, tls.TLS13)},
		{nil, v121, tls.Range(tls.SSLv3, tls.TLS12)},
		{[]string{"dont-insert-empty-fragments", "no-tlsv1.3"}, v141, tls.Range(tls.SSLv3, tls.TLS12)},
		// clientssl-secure (14.1.2.1): options { no-ssl }
		{[]string{"no-ssl"}, v141, tls.Range(tls.TLS10, tls.TLS13)},
		// clientssl-quic (15.1.8.2)
		{[]string{"dont-insert-empty-fragments", "no-ssl", "no-dtls", "no-tlsv1.1", "no-tlsv1.2", "no-tlsv1"}, Version{15, 1}, tls.Versions(tls.TLS13)},
		{[]string{"NO-TLSV1", "no-tlsv1.1"}, v171, tls.Versions(tls.SSLv3, tls.TLS12, tls.TLS13)},
	} {
		if got := OptionsProtocols(tc.opts, tc.v); got != tc.want {
			t.Errorf("OptionsProtocols(%q, %s) = %s, want %s", tc.opts, tc.v, got, tc.want)
		}
	}
	if got := DefaultOptions(v171); !slices.Equal(got, []string{"dont-insert-empty-fragments", "no-tlsv1.3", "no-dtlsv1.2"}) {
		t.Errorf("DefaultOptions(17.1) = %q", got)
	}
	if got := DefaultOptions(Version{15, 1}); !slices.Equal(got, []string{"dont-insert-empty-fragments", "no-tlsv1.3"}) {
		t.Errorf("DefaultOptions(15.1) = %q (profile_base.conf of 15.1.8.2)", got)
	}
}

func TestDefaultTable(t *testing.T) {
	tab := DefaultTable()
	if len(tab) != len(defaults) {
		t.Fatalf("%d facts for %d ranges", len(tab), len(defaults))
	}
	for _, f := range tab {
		if f.Suites == 0 || f.Rows < f.Suites || f.Source == "" {
			t.Errorf("%s..%s: %+v", f.From, f.To, f)
		}
		if f.Protocols.Has(tls.TLS13) {
			t.Errorf("%s..%s: DEFAULT enables TLS 1.3 on a profile", f.From, f.To)
		}
		if f.From.AtLeast(14, 0) != (len(f.TLS13) > 0) {
			t.Errorf("%s..%s: TLS 1.3 suites %v", f.From, f.To, f.TLS13)
		}
	}
	// The observed ranges.
	for _, f := range tab {
		switch f.From {
		case Version{14, 1}:
			if f.Rows != 60 || f.Assumed != "" {
				t.Errorf("14.1: %d rows, assumed %q", f.Rows, f.Assumed)
			}
		case Version{16, 0}:
			if f.Rows != 96 {
				t.Errorf("16.0: %d rows", f.Rows)
			}
		case Version{11, 0}:
			if f.Definition != "NATIVE:!MD5:!EXPORT:!DES:@SPEED" || f.Assumed != "" {
				t.Errorf("11.0: %+v", f)
			}
		}
	}
}
