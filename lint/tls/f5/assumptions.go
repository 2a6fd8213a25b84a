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
	idVersions   = "A1"  // versions of the captures are inferred
	idSuites     = "A2"  // suites or releases no capture shows
	idRows       = "A3"  // per-suite protocol rows and tmm columns not observed
	idOrder      = "A4"  // native order across key exchanges, CHACHA20, TLS 1.3
	idDefault    = "A5"  // DEFAULT of a release no capture shows
	idAES        = "A9"  // AES includes AES-GCM; cipher keywords select TLS 1.3 suites
	idStrength   = "A11" // HIGH, MEDIUM, LOW
	idCompat     = "A12" // ALL, COMPAT
	idAlias      = "A13" // OpenSSL-style aliases with no F5 source
	idDirective  = "A14" // @SPEED, @FIPS, @HARDWARE
	idFIPS       = "A15" // FIPS, CC_STIP
	idNames      = "A16" // suite names case-insensitive
	idSide       = "A17" // client and server lists assumed identical
	idGroupAlgo  = "A19" // how a cipher group combines its rules
	idBuiltins   = "A20" // built-in rules per release
	idDHGroups   = "A21" // dh-groups names and defaults
	idClamp      = "A22" // release outside the data
	idOptions    = "A23" // built-in profile options before 14.0
	idUnknown    = "A24" // unknown words and directives are skipped
	idSSLv2      = "A25" // SSLv2 matches nothing
	idGroupTLS13 = "A26" // TLS 1.3 only through a cipher group
)

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
