package lint

import (
	"strings"
	"testing"
)

func TestTruncTokens(t *testing.T) {
	big := strings.Repeat("ECDHE-RSA-AES128-GCM-SHA256:", 2_000_000) // 56 MB
	msg := "ssl_ciphers \"" + big + "\" names \"" + big + "\", which match no suite"
	got := TruncTokens(msg)
	if len(got) > 3*MaxQuoted {
		t.Fatalf("%d bytes left of a %d-byte message", len(got), len(msg))
	}
	// each token cut on its own, the words between kept
	if !strings.HasPrefix(got, "ssl_ciphers \"ECDHE-RSA-AES128-GCM-SHA256:") || !strings.Contains(got, "… (56000002 bytes) names \"ECDHE-") ||
		!strings.HasSuffix(got, "… (56000003 bytes) which match no suite") {
		t.Errorf("got %q", got)
	}
	short := "the key file a.pem holds a certificate"
	if TruncTokens(short) != short {
		t.Error("a short message changed")
	}
	// a rune is never split
	if s := Trunc(strings.Repeat("é", MaxQuoted)); !strings.HasPrefix(s, strings.Repeat("é", MaxQuoted/2)+"…") {
		t.Errorf("Trunc split a rune: %.40q", s[MaxQuoted-4:])
	}
}
