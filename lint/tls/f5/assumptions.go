package f5

import (
	"fmt"
	"slices"
	"strings"
)

// Assumption identifiers. F5 publishes the cipher-string grammar only in
// K-articles this project could not read (K13163, K15194, K13156,
// K01770517); what the captures in ../shared/data/f5 do not show is assumed.
// Every assumption has an ID, is explained in docs/bigip-ciphers.md, and is
// named in Expansion.Assumed whenever a result depends on it, so that a rule
// can lower its confidence or say "assuming ...". Options overrides the
// assumed facts with a device's own `tmm` output.
const (
	idSuites     = "A2"  // suites or releases no capture shows (and their rows, A3)
	idOrder      = "A4"  // native order across key exchanges, CHACHA20, TLS 1.3
	idDefault    = "A5"  // DEFAULT of a release no capture shows
	idAES        = "A6"  // AES includes AES-GCM; cipher keywords select TLS 1.3 suites
	idStrength   = "A7"  // HIGH, MEDIUM, LOW
	idCompat     = "A8"  // ALL, COMPAT
	idAlias      = "A9"  // OpenSSL-style aliases with no F5 source
	idDirective  = "A10" // @SPEED, @FIPS, @HARDWARE
	idFIPS       = "A11" // FIPS, CC_STIP
	idNames      = "A12" // suite names case-insensitive
	idGroupAlgo  = "A14" // how a cipher group combines its rules
	idBuiltins   = "A15" // built-in rules per release
	idDHGroups   = "A16" // dh-groups names and defaults
	idClamp      = "A17" // release outside the data
	idUnknown    = "A19" // unknown words and directives are skipped
	idSSLv2      = "A20" // SSLv2 matches nothing
	idGroupTLS13 = "A21" // TLS 1.3 only through a cipher group
)

// A1 (the releases the captures stand for), A3 (the row model), A13
// (client and server lists alike) and A18 (profile options before 14.0)
// underlie whole tables rather than single results; they are documented in
// docs/bigip-ciphers.md and in the code they shape, not repeated per result.

// notes collects the assumptions an expansion depends on, once each, in
// the order they arise.
type notes []string

func (n *notes) add(id, format string, args ...any) {
	s := id + " " + fmt.Sprintf(format, args...)
	if !slices.Contains(*n, s) {
		*n = append(*n, s)
	}
}

func (n *notes) addRaw(s string) {
	if s != "" && !slices.Contains(*n, s) {
		*n = append(*n, s)
	}
}

// list returns the notes sorted by assumption ID (stable within an ID).
func (n notes) list() []string {
	if len(n) == 0 {
		return nil
	}
	out := slices.Clone([]string(n))
	slices.SortStableFunc(out, func(a, b string) int {
		return idNum(a) - idNum(b)
	})
	return out
}

func idNum(s string) int {
	id, _, _ := strings.Cut(s, " ")
	n := 0
	for _, c := range strings.TrimPrefix(id, "A") {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}
