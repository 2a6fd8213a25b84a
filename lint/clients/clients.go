// Package clients holds the client population tlslint checks servers
// against: 177 TLS client handshake profiles, the presets built from
// Mozilla's "oldest compatible clients", and a handshake simulation that says
// whether a client can connect to a server policy and, if not, why.
//
// The profiles are testssl.sh's etc/client-simulation.txt (commit 9fdf802),
// which took most of them from Qualys SSL Labs' client list; internal/gen
// converts them into profiles_gen.go (`go generate`), and also reads each
// profile's recorded ClientHello for the signature algorithms and key shares
// that the text fields lack.
package clients

//go:generate go run ./internal/gen -data ../../../shared/data/testssl -out profiles_gen.go

import (
	"fmt"
	"strings"
	"sync"

	"github.com/tlslint/tlslint/lint/tls"
)

// Client is one client's handshake profile. Clients returned by All, ByName,
// Preset and Select are shared and must not be modified: the simulation
// memoizes results per *Client.
type Client struct {
	Name  string // "Android 4.4.2", as SSL Labs and testssl.sh name it
	Short string // "android_442", testssl.sh's short name

	// Suites are the TLS ≤ 1.2 cipher suites the client offers, in its order.
	Suites []Offer
	// TLS13Suites are the TLS 1.3 suites the client offers, in its order.
	TLS13Suites []Offer

	Lowest, Highest tls.Version // protocol range the client speaks
	SNI             bool        // sends server_name

	// Groups is the supported_groups extension ("curves") in the client's
	// order; empty when the client does not send the extension.
	Groups []*tls.Group
	// KeyShares are the groups the client sends TLS 1.3 key shares for, in
	// its order (from the recorded ClientHello).
	KeyShares []*tls.Group
	// SigAlgs is the signature_algorithms extension of the recorded
	// ClientHello; nil when the client does not send it (TLS ≤ 1.1 clients,
	// SSLv2-format hellos), which in TLS 1.2 means SHA-1 with RSA, DSA or
	// ECDSA (RFC 5246 §7.4.1.4.1).
	SigAlgs []SigAlg

	// Limits the client enforces on what the server sends; 0 means none.
	MinDHBits, MaxDHBits   int
	MinRSABits, MaxRSABits int
	MinECDSABits           int
	// RequiresSHA2 means the client refuses certificates signed with SHA-1 (or MD5).
	RequiresSHA2 bool

	// Current is testssl.sh's flag for the clients it shows by default. It
	// includes IE 8 and Java 7, so it is not a population of modern clients.
	Current bool
	// Services are the protocols the profile was recorded for ("HTTP", "FTP", "ANY").
	Services []string
}

// Offer is one cipher suite a client offers.
type Offer struct {
	Name  string     // as the profile lists it (OpenSSL spelling, e.g. "EDH-RSA-DES-CBC3-SHA")
	Code  uint32     // IANA code point; 0 when cipher-mapping.txt does not know the name
	Suite *tls.Suite // the catalogue entry; nil when the catalogue does not know the suite
}

func (c *Client) String() string { return c.Name }

// profile is the generated form of a client (profiles_gen.go).
type profile struct {
	name, short       string
	suites            string // OpenSSL names, colon-separated, in order
	codes             []uint32
	tls13             string
	tls13Codes        []uint32
	lowest, highest   tls.Version
	sni               bool
	groups, keyShares []uint16
	sigAlgs           []uint16 // nil: no signature_algorithms extension
	minDH, maxDH      int
	minRSA, maxRSA    int
	minECDSA          int
	requiresSHA2      bool
	current           bool
	services          string
}

type index struct {
	all    []*Client
	byName map[string]*Client // exact names and short names
	byFold map[string]*Client // lower-cased names and short names
}

var load = sync.OnceValue(func() *index {
	ix := &index{byName: map[string]*Client{}, byFold: map[string]*Client{}}
	for i := range profiles {
		c := profiles[i].client()
		ix.all = append(ix.all, c)
		for _, n := range []string{c.Name, c.Short} {
			ix.byName[n] = c
			ix.byFold[strings.ToLower(n)] = c
		}
	}
	return ix
})

func (p *profile) client() *Client {
	c := &Client{
		Name: p.name, Short: p.short,
		Suites:      offers(p.suites, p.codes),
		TLS13Suites: offers(p.tls13, p.tls13Codes),
		Lowest:      p.lowest, Highest: p.highest, SNI: p.sni,
		Groups:    groupList(p.groups),
		KeyShares: groupList(p.keyShares),
		MinDHBits: p.minDH, MaxDHBits: p.maxDH,
		MinRSABits: p.minRSA, MaxRSABits: p.maxRSA,
		MinECDSABits: p.minECDSA,
		RequiresSHA2: p.requiresSHA2,
		Current:      p.current,
	}
	if p.sigAlgs != nil {
		c.SigAlgs = make([]SigAlg, len(p.sigAlgs))
		for i, s := range p.sigAlgs {
			c.SigAlgs[i] = SigAlg(s)
		}
	}
	if p.services != "" {
		c.Services = strings.Split(p.services, ",")
	}
	return c
}

func offers(names string, codes []uint32) []Offer {
	if names == "" {
		return nil
	}
	list := strings.Split(names, ":")
	out := make([]Offer, len(list))
	for i, n := range list {
		o := Offer{Name: n}
		if i < len(codes) && codes[i] != 0 {
			o.Code = codes[i]
			o.Suite = tls.SuiteByCode(codes[i])
		}
		out[i] = o
	}
	return out
}

// groupList resolves group code points; a code point the catalogue does not
// know (none today; the data test checks) is kept as a group of kind Other
// named by its code, so that nothing the client sends is dropped.
func groupList(ids []uint16) []*tls.Group {
	if len(ids) == 0 {
		return nil
	}
	out := make([]*tls.Group, len(ids))
	for i, id := range ids {
		g := tls.GroupByID(id)
		if g == nil {
			g = &tls.Group{ID: id, Name: fmt.Sprintf("0x%04X", id), Kind: tls.GroupOther}
		}
		out[i] = g
	}
	return out
}

// All returns every client profile in the source's order. The slice is the
// caller's; the Clients are shared.
func All() []*Client {
	return append([]*Client(nil), load().all...)
}

// ByName finds a client by its name ("Android 4.4.2") or short name
// ("android_442"), exactly or ignoring case.
func ByName(name string) (*Client, bool) {
	ix := load()
	name = strings.TrimSpace(name)
	if c, ok := ix.byName[name]; ok {
		return c, true
	}
	c, ok := ix.byFold[strings.ToLower(name)]
	return c, ok
}
