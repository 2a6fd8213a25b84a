package tls

import (
	"strings"
	"sync"
)

// GroupKind says what kind of key exchange a named group is.
type GroupKind uint8

// Group kinds.
const (
	GroupEC     GroupKind = iota + 1 // elliptic curve over a prime or binary field (ECDHE)
	GroupECX                         // X25519 / X448 (RFC 7748)
	GroupFFDHE                       // finite-field DH group (RFC 7919)
	GroupKEM                         // pure post-quantum KEM (ML-KEM)
	GroupHybrid                      // classical + post-quantum hybrid (X25519MLKEM768)
	GroupOther                       // GOST, SM2, drafts, the NULL entry
)

// Group is one TLS named group (formerly "elliptic curve").
type Group struct {
	ID      uint16   // IANA code point (RFC 8422 §5.1.1, RFC 7919, IANA TLS Supported Groups)
	Name    string   // the name in testssl's curves-mapping.txt, which is OpenSSL's TLS group name
	Aliases []string // other spellings: OpenSSL's curve name (prime256v1), NIST (P-256), case variants (X25519)
	Bits    int      // size of the field / key in bits (256 for P-256, 253 for X25519, 2048 for ffdhe2048)
	SecBits int      // security strength in bits, as OpenSSL's providers/common/capabilities.c records it
	Kind    GroupKind
	// TLS13Only marks groups that only TLS 1.3 can negotiate (the FFDHE and
	// brainpool*tls13 code points, the ML-KEM groups): OpenSSL's
	// capabilities.c gives them min TLS 1.3. FFDHE in TLS 1.2 is the DHE
	// suites' business, not the supported_groups list.
	TLS13Only bool
}

// groupFacts adds what curves-mapping.txt lacks: sizes, security bits
// (OpenSSL's providers/common/capabilities.c group_list, which follows NIST
// SP 800-57 for EC, BN_security_bits/RFC 7919 for FFDHE, the ML-KEM
// categories of FIPS 203 for KEMs) and the other names OpenSSL accepts
// (capabilities.c TLS_GROUP_ENTRY aliases and EC curve names; RFC 8422
// Appendix A for the NIST/SECG/ANSI X9.62 equivalences).
var groupFacts = map[uint16]struct {
	bits, secBits int
	kind          GroupKind
	tls13         bool
	aliases       []string
}{
	0x0001: {163, 80, GroupEC, false, []string{"K-163"}},
	0x0002: {163, 80, GroupEC, false, nil},
	0x0003: {163, 80, GroupEC, false, []string{"B-163"}},
	0x0004: {193, 80, GroupEC, false, nil},
	0x0005: {193, 80, GroupEC, false, nil},
	0x0006: {233, 112, GroupEC, false, []string{"K-233"}},
	0x0007: {233, 112, GroupEC, false, []string{"B-233"}},
	0x0008: {239, 112, GroupEC, false, nil},
	0x0009: {283, 128, GroupEC, false, []string{"K-283"}},
	0x000A: {283, 128, GroupEC, false, []string{"B-283"}},
	0x000B: {409, 192, GroupEC, false, []string{"K-409"}},
	0x000C: {409, 192, GroupEC, false, []string{"B-409"}},
	0x000D: {571, 256, GroupEC, false, []string{"K-571"}},
	0x000E: {571, 256, GroupEC, false, []string{"B-571"}},
	0x000F: {160, 80, GroupEC, false, nil},
	0x0010: {160, 80, GroupEC, false, nil},
	0x0011: {160, 80, GroupEC, false, nil},
	0x0012: {192, 80, GroupEC, false, nil},
	0x0013: {192, 80, GroupEC, false, []string{"prime192v1", "P-192"}},
	0x0014: {225, 112, GroupEC, false, nil},
	0x0015: {224, 112, GroupEC, false, []string{"P-224"}},
	0x0016: {256, 128, GroupEC, false, nil},
	0x0017: {256, 128, GroupEC, false, []string{"prime256v1", "P-256"}},
	0x0018: {384, 192, GroupEC, false, []string{"P-384"}},
	0x0019: {521, 256, GroupEC, false, []string{"P-521"}},
	0x001A: {256, 128, GroupEC, false, nil},
	0x001B: {384, 192, GroupEC, false, nil},
	0x001C: {512, 256, GroupEC, false, nil},
	0x001D: {253, 128, GroupECX, false, []string{"X25519"}},
	0x001E: {448, 224, GroupECX, false, []string{"X448"}},
	0x001F: {256, 128, GroupEC, true, nil},
	0x0020: {384, 192, GroupEC, true, nil},
	0x0021: {512, 256, GroupEC, true, nil},
	0x0022: {256, 128, GroupOther, false, nil},
	0x0023: {256, 128, GroupOther, false, nil},
	0x0024: {256, 128, GroupOther, false, nil},
	0x0025: {256, 128, GroupOther, false, nil},
	0x0026: {512, 256, GroupOther, false, nil},
	0x0027: {512, 256, GroupOther, false, nil},
	0x0028: {512, 256, GroupOther, false, nil},
	0x0029: {256, 128, GroupOther, true, []string{"SM2"}},
	0x0100: {2048, 112, GroupFFDHE, true, nil},
	0x0101: {3072, 128, GroupFFDHE, true, nil},
	0x0102: {4096, 128, GroupFFDHE, true, nil},
	0x0103: {6144, 128, GroupFFDHE, true, nil},
	0x0104: {8192, 192, GroupFFDHE, true, nil},
	0x0200: {512, 128, GroupKEM, true, []string{"ML-KEM-512"}},
	0x0201: {768, 192, GroupKEM, true, []string{"ML-KEM-768"}},
	0x0202: {1024, 256, GroupKEM, true, []string{"ML-KEM-1024"}},
	0x11EB: {768, 192, GroupHybrid, true, nil},
	0x11EC: {768, 192, GroupHybrid, true, nil},
	0x11ED: {1024, 256, GroupHybrid, true, nil},
	0x11EE: {768, 192, GroupHybrid, true, nil},
	0x6399: {768, 192, GroupHybrid, true, nil},
}

type groupIndex struct {
	all    []*Group
	byName map[string]*Group // lower case
	byID   map[uint16]*Group
}

var groups = sync.OnceValue(func() *groupIndex {
	ix := &groupIndex{byName: map[string]*Group{}, byID: map[uint16]*Group{}}
	for _, d := range groupData {
		if d.ID == 0 { // testssl's placeholder "NULL"/TPM_ECC_NONE is no group
			continue
		}
		f, ok := groupFacts[d.ID]
		if !ok {
			f.kind = GroupOther
		}
		g := &Group{ID: d.ID, Name: d.Name, Aliases: f.aliases, Bits: f.bits, SecBits: f.secBits, Kind: f.kind, TLS13Only: f.tls13}
		ix.all = append(ix.all, g)
		ix.byID[g.ID] = g
		for _, n := range append([]string{g.Name}, g.Aliases...) {
			ix.byName[strings.ToLower(n)] = g
		}
	}
	return ix
})

// Groups returns every known named group in code-point order. The Groups are shared.
func Groups() []*Group { return append([]*Group(nil), groups().all...) }

// GroupByName finds a group by any spelling, ignoring case: "secp256r1",
// "prime256v1", "P-256", "x25519", "X25519", "X25519MLKEM768". It returns nil
// for an unknown name. (Whether a given OpenSSL accepts a spelling is
// ParseGroups' business: OpenSSL 3.0 rejects "p-256".)
func GroupByName(name string) *Group {
	return groups().byName[strings.ToLower(strings.TrimSpace(name))]
}

// GroupByID finds a group by its IANA code point; nil if unknown.
func GroupByID(id uint16) *Group { return groups().byID[id] }

// String returns the group's name.
func (g *Group) String() string { return g.Name }
