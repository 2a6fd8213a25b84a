package clients

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tlslint/tlslint/lint/i18n"
	"github.com/tlslint/tlslint/lint/tls"
)

// Cause is why a simulated handshake fails.
type Cause uint8

// Causes, in the order a handshake meets them.
const (
	CauseNone      Cause = iota
	CauseProtocol        // no protocol version both sides allow
	CauseSNI             // the server needs SNI and the client sends none
	CauseSuite           // no cipher suite both sides can use at the negotiated version
	CauseCertType        // no certificate fits a shared suite / signature algorithm
	CauseGroup           // no group both sides accept for (EC)DHE or TLS 1.3
	CauseKeySize         // the certificate key is too small or too large for the client
	CauseSignature       // the client refuses the certificate's SHA-1/MD5 signature
	CauseDH              // the DH parameters are too small or too large for the client
	CauseSecLevel        // the target's security level refuses what is left
)

var causeNames = [...]string{"", "protocol", "sni", "suite", "cert-type", "group", "key-size", "signature", "dh", "seclevel"}

func (c Cause) String() string {
	if int(c) < len(causeNames) {
		return causeNames[c]
	}
	return fmt.Sprintf("cause(%d)", uint8(c))
}

// Result is the outcome of one simulated handshake. Suite and Group point
// into the shared catalogue.
type Result struct {
	OK      bool
	Version tls.Version
	Suite   *tls.Suite
	Group   *tls.Group // the (EC)DHE group or TLS 1.3 group; nil for RSA and DHE key exchange
	Cert    Cert       // the certificate the server presents; zero for anonymous suites
	Cause   Cause      // CauseNone when OK
	Reason  string     // human explanation of Cause; "" when OK
	// ReasonMsg is Reason as a format and arguments, for --lang (nested
	// fragments from the library model stay English).
	ReasonMsg i18n.Msg
	// AssumedCert: the Server listed no certificate, so one RSA 2048-bit
	// certificate signed with SHA-256 was assumed.
	AssumedCert bool
	// Startup: the target refuses to load the configuration itself (a key,
	// signature or DH parameters below the security level), so the server
	// does not start and every client fails the same way (Cause is
	// CauseSecLevel).
	Startup bool
}

type memoKey struct {
	server string
	client *Client
}

// memo caches results per (Server.Key, *Client). The simulation is a pure
// function of those two, so the cache is never stale; it lives as long as
// the process (one lint run) and stops growing at memoMax entries, far more
// than the distinct policies of a large tree times its population.
var (
	memo      sync.Map // memoKey → Result
	memoCount atomic.Int64
)

const memoMax = 1 << 18

// Simulate runs the handshake of client c against server s (neither may be
// nil). Results are memoized per distinct (s.Key(), c), so c must not be
// modified once simulated; Simulate is safe for concurrent use.
func Simulate(s *Server, c *Client) Result {
	return simulateKeyed(s.Key(), s, c)
}

// SimulateAll simulates every client against s, computing s.Key once.
func SimulateAll(s *Server, cs []*Client) []Result {
	key := s.Key()
	out := make([]Result, len(cs))
	for i, c := range cs {
		out[i] = simulateKeyed(key, s, c)
	}
	return out
}

func simulateKeyed(key string, s *Server, c *Client) Result {
	k := memoKey{key, c}
	if r, ok := memo.Load(k); ok {
		return r.(Result)
	}
	r := simulate(s, c)
	if memoCount.Load() < memoMax {
		if _, loaded := memo.LoadOrStore(k, r); !loaded {
			memoCount.Add(1)
		}
	}
	return r
}

// sim is one handshake in progress.
type sim struct {
	s     *Server
	c     *Client
	lib   library
	certs []Cert
	r     Result
	// built once for the rejections of every candidate suite
	name, certList i18n.Msg
	onlyWant       string   // the key type of only
	only           i18n.Msg // "RSA authentication, and the server has only …"
}

// libName is m.lib.name(), built once.
func (m *sim) libName() i18n.Msg {
	if m.name.IsZero() {
		m.name = m.lib.name()
	}
	return m.name
}

// certsMsg is certList(m.certs), built once.
func (m *sim) certsMsg() i18n.Msg {
	if m.certList.IsZero() {
		m.certList = certList(m.certs)
	}
	return m.certList
}

func (m *sim) fail(cause Cause, format string, args ...any) Result {
	r := m.r
	r.OK = false
	r.Cause = cause
	r.ReasonMsg = i18n.Msgf(format, args...)
	switch cause {
	case CauseCertType, CauseKeySize, CauseSignature, CauseSecLevel:
		if r.AssumedCert {
			r.ReasonMsg = r.ReasonMsg.Join(i18n.Msgf(" (no certificate was given, so one RSA 2048-bit certificate signed with SHA-256 was assumed)"))
		}
	}
	r.Reason = r.ReasonMsg.String()
	return r
}

// simulate follows an OpenSSL server (ssl/statem/statem_srvr.c
// tls_early_post_process_client_hello): version first, then the SNI
// callback, then the suite (ssl3_choose_cipher), the certificate and the
// group; then the client checks what it receives (certificate key and
// signature, DH parameters) and aborts if they break its limits.
func simulate(s *Server, c *Client) Result {
	s, c = withoutNils(s, c)
	m := &sim{s: s, c: c, lib: libraryFor(s.OpenSSL), certs: s.Certs}
	if len(m.certs) == 0 {
		m.certs = []Cert{assumedCert}
		m.r.AssumedCert = true
	}
	if why := m.lib.configRefusal(m.certs, s.DHBits); !why.IsZero() {
		m.r.Startup = true
		return m.fail(CauseSecLevel, "%s", why)
	}

	clientVersions := tls.Range(c.Lowest, c.Highest)
	allowed := s.Versions
	var templates []i18n.Msg         // refusal reasons, in version order
	refused := map[string][]string{} // template's format → versions the client speaks
	for _, v := range s.Versions.List() {
		if why := m.lib.versionRefusal(v); !why.IsZero() {
			allowed = allowed.Without(v)
			if clientVersions.Has(v) {
				if refused[why.Format] == nil {
					templates = append(templates, why)
				}
				refused[why.Format] = append(refused[why.Format], v.String())
			}
		}
	}
	common := clientVersions.Intersect(allowed)
	if common.Empty() {
		if len(templates) > 0 {
			why := make([]i18n.Msg, len(templates))
			for i, t := range templates {
				why[i] = i18n.Msg{Format: t.Format, Args: append(t.Args[:len(t.Args):len(t.Args)], andList(refused[t.Format]))}
			}
			return m.fail(CauseProtocol, "no common protocol: the client speaks %s and the server enables %s, but %s",
				versionRange(c.Lowest, c.Highest), s.Versions, why)
		}
		return m.fail(CauseProtocol, "no common protocol: the client speaks %s, the server allows %s",
			versionRange(c.Lowest, c.Highest), allowed)
	}
	m.r.Version = common.Max()

	if s.RequireSNI && !c.SNI {
		return m.fail(CauseSNI, "the client sends no SNI (server_name) and the server has no certificate for SNI-less clients")
	}
	if m.r.Version == tls.TLS13 {
		return m.tls13()
	}
	return m.legacy()
}

// withoutNils returns s and c without nil suites or groups (a caller's
// slip, ignored as Key ignores them), copying only when there are some.
func withoutNils(s *Server, c *Client) (*Server, *Client) {
	if hasNil(s.Suites) || hasNil(s.TLS13Suites) || hasNil(s.Groups) {
		cp := *s
		cp.Suites, cp.TLS13Suites, cp.Groups = dropNil(s.Suites), dropNil(s.TLS13Suites), dropNil(s.Groups)
		s = &cp
	}
	if hasNil(c.Groups) || hasNil(c.KeyShares) {
		cp := *c
		cp.Groups, cp.KeyShares = dropNil(c.Groups), dropNil(c.KeyShares)
		c = &cp
	}
	return s, c
}

func hasNil[T any](xs []*T) bool {
	for _, x := range xs {
		if x == nil {
			return true
		}
	}
	return false
}

// dropNil returns xs without nil entries (xs itself when it has none).
func dropNil[T any](xs []*T) []*T {
	if !hasNil(xs) {
		return xs
	}
	var out []*T
	for _, x := range xs {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}

func versionRange(lo, hi tls.Version) i18n.Msg {
	if lo == hi {
		return i18n.Msgf("%s only", lo.String())
	}
	return i18n.Msgf("%s to %s", lo.String(), hi.String())
}

// andList joins names with " and " ("TLSv1 and TLSv1.1"), each pair a
// message so that other languages join them their way.
func andList(names []string) i18n.Msg {
	m := i18n.Msgf("%s", names[0])
	for _, n := range names[1:] {
		m = i18n.Msgf("%s and %s", m, n)
	}
	return m
}

// joinMsgs joins messages with sep, which no language changes (a list of
// names with their notes).
func joinMsgs(sep string, ms []i18n.Msg) i18n.Msg {
	if len(ms) == 0 {
		return i18n.Msg{}
	}
	return i18n.Msg{Format: "%s" + strings.Repeat(sep+"%s", len(ms)-1), Args: toAny(ms)}
}

func toAny(ms []i18n.Msg) []any {
	out := make([]any, len(ms))
	for i, m := range ms {
		out[i] = m
	}
	return out
}

// rej builds a rejection.
func rej(stage int, cause Cause, suite bool, reason i18n.Msg) *rejection {
	return &rejection{stage: stage, cause: cause, suite: suite, reason: reason}
}

// sameMsg reports whether two messages say the same, without rendering
// them (a rejection is built for every candidate suite): the same format
// and equal arguments.
func sameMsg(a, b i18n.Msg) bool {
	if a.Format != b.Format || a.Clause != b.Clause || len(a.Args) != len(b.Args) {
		return false
	}
	for i, x := range a.Args {
		switch x := x.(type) {
		case i18n.Msg:
			y, ok := b.Args[i].(i18n.Msg)
			if !ok || !sameMsg(x, y) {
				return false
			}
		case []i18n.Msg:
			y, ok := b.Args[i].([]i18n.Msg)
			if !ok || len(x) != len(y) {
				return false
			}
			for j := range x {
				if !sameMsg(x[j], y[j]) {
					return false
				}
			}
		default:
			if !reflect.TypeOf(x).Comparable() || x != b.Args[i] {
				return fmt.Sprint(x) == fmt.Sprint(b.Args[i])
			}
		}
	}
	return true
}

// rejection is why one candidate suite was passed over; stage orders how
// far the candidate got, so that the reported cause is the one closest to
// success.
type rejection struct {
	stage  int
	cause  Cause
	suite  bool     // the reason is about the suite itself (shown with its name)
	reason i18n.Msg // "valid only from TLSv1.2 on, …" or a suite-independent sentence
}

// same reports whether two rejections merge: the same stage, cause and
// reason.
func (r *rejection) same(o *rejection) bool {
	return r.stage == o.stage && r.cause == o.cause && r.suite == o.suite && sameMsg(r.reason, o.reason)
}

// rejectionGroup is one distinct reason and the suites it applies to.
type rejectionGroup struct {
	rejection
	suites []string
}

func (g rejectionGroup) Msg() i18n.Msg {
	if !g.suite {
		return g.reason
	}
	if len(g.suites) > 1 {
		return i18n.Msgf("the shared suites %s: %s", nameList(g.suites, 3), g.reason)
	}
	return i18n.Msgf("the shared suite %s: %s", nameList(g.suites, 3), g.reason)
}

// nameList joins up to n names and says how many more there are.
func nameList(names []string, n int) i18n.Msg {
	if len(names) <= n {
		return i18n.Msgf("%s", strings.Join(names, ", "))
	}
	return i18n.Msgf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

const (
	stageVersion = iota + 1
	stageSecLevel
	stageKx
	stageCert
	stageGroup
)

// legacy negotiates TLS ≤ 1.2.
func (m *sim) legacy() Result {
	v := m.r.Version
	cands := m.sharedSuites()
	if len(cands) == 0 {
		return m.fail(CauseSuite, "no common cipher suite: the server enables none of the %s the client offers", offerSummary(m.c.Suites))
	}
	var rejected []rejectionGroup
	for _, su := range cands {
		rej, cert, group := m.tryLegacy(su, v)
		if rej == nil {
			m.r.Suite, m.r.Cert, m.r.Group = su, cert, group
			return m.clientChecks()
		}
		merged := false
		for i := range rejected {
			if rejected[i].rejection.same(rej) {
				rejected[i].suites = append(rejected[i].suites, su.DisplayName())
				merged = true
				break
			}
		}
		if !merged {
			rejected = append(rejected, rejectionGroup{*rej, []string{su.DisplayName()}})
		}
	}
	// Report the reason that got furthest (the first such in preference
	// order), then up to two others.
	best := 0
	for i, g := range rejected {
		if g.stage > rejected[best].stage {
			best = i
		}
	}
	reason := rejected[best].Msg()
	var also []i18n.Msg
	for i, g := range rejected {
		if i != best && len(also) < 2 {
			also = append(also, g.Msg())
		}
	}
	if len(also) > 0 {
		reason = i18n.Msgf("%s; also %s", reason, also)
	}
	return m.fail(rejected[best].cause, "%s", reason)
}

// sharedSuites lists the TLS ≤ 1.2 suites both sides enable, in the order
// that decides (the server's with PreferServer, else the client's).
func (m *sim) sharedSuites() []*tls.Suite {
	var out []*tls.Suite
	if m.s.PreferServer {
		for _, su := range m.s.Suites {
			if !su.TLS13() && m.c.offers(su.Code) {
				out = append(out, su)
			}
		}
		return out
	}
	for _, o := range m.c.Suites {
		if o.Code == 0 {
			continue
		}
		for _, su := range m.s.Suites {
			if su.Code == o.Code && !su.TLS13() {
				out = append(out, su)
				break
			}
		}
	}
	return out
}

func (c *Client) offers(code uint32) bool {
	for _, o := range c.Suites {
		if o.Code == code {
			return true
		}
	}
	return false
}

// kx classifies a TLS ≤ 1.2 suite's key exchange from the catalogue's Kx
// column (`openssl ciphers -v` spelling: "ECDH" is ECDHE, "DH" is DHE, a
// slash marks fixed (EC)DH, "RSA(512)" an export variant).
type kx uint8

const (
	kxRSA kx = iota + 1
	kxECDHE
	kxDHE
	kxFixedECDH
	kxFixedDH
	kxOther // PSK, SRP, Kerberos, GOST: credentials a web server does not have
)

func kxOf(s *tls.Suite) kx {
	k, _, _ := strings.Cut(s.Kx, "(")
	switch {
	case k == "RSA":
		return kxRSA
	case k == "ECDH":
		return kxECDHE
	case k == "DH":
		return kxDHE
	case strings.HasPrefix(k, "ECDH/"):
		return kxFixedECDH
	case strings.HasPrefix(k, "DH/"):
		return kxFixedDH
	}
	return kxOther
}

// tryLegacy checks one candidate suite the way ssl3_choose_cipher does:
// valid for the version, allowed by the security level, key exchange
// available (ssl_set_masks), a certificate for its authentication, and a
// shared group for ECDHE (tls1_check_ec_tmp_key).
func (m *sim) tryLegacy(su *tls.Suite, v tls.Version) (*rejection, Cert, *tls.Group) {
	if !su.Versions().Has(v) {
		if su.MinVersion() > v {
			return rej(stageVersion, CauseSuite, true, i18n.Msgf("valid only from %s on, and %s was negotiated", su.MinVersion(), v)), Cert{}, nil
		}
		return rej(stageVersion, CauseSuite, true, i18n.Msgf("not valid in %s, which was negotiated", v)), Cert{}, nil
	}
	if why := m.lib.cipherRefusal(su); !why.IsZero() {
		return rej(stageSecLevel, CauseSecLevel, true, i18n.Msgf("refused by %s (%s)", m.libName(), why)), Cert{}, nil
	}
	k := kxOf(su)
	switch {
	case k == kxOther:
		kxName, _, _ := strings.Cut(su.Kx, "(")
		return rej(stageKx, CauseSuite, true, i18n.Msgf("%s key exchange, and the server has no %s credentials", kxName, kxName)), Cert{}, nil
	case k == kxDHE && m.s.DHBits == 0:
		return rej(stageKx, CauseSuite, true, i18n.Msgf("DHE, and the server has no DH parameters (nginx offers no DHE without ssl_dhparam)")), Cert{}, nil
	}
	var cert Cert
	if su.Au != "None" {
		var rej *rejection
		if cert, rej = m.legacyCert(su, v); rej != nil {
			return rej, Cert{}, nil
		}
	}
	if k == kxECDHE {
		g, rej := m.legacyGroup()
		if rej != nil {
			return rej, Cert{}, nil
		}
		return nil, cert, g
	}
	return nil, cert, nil
}

// legacyCert picks the certificate for a TLS ≤ 1.2 suite. The suite's
// authentication fixes the key type (aRSA and kRSA: RSA; aECDSA: ECDSA, or
// EdDSA in TLS 1.2 when the client offers it, RFC 8422 §5.1; aDSS: DSA;
// fixed ECDH: an EC key). In TLS 1.2 the certificate must also be signable
// with a signature algorithm the client offers and the level allows
// (tls1_set_server_sigalgs); an ECDSA key's curve must be one the client
// lists (tls1_check_cert_param / RFC 8422 §5.1). Among several usable
// certificates the first in the server's list is taken.
func (m *sim) legacyCert(su *tls.Suite, v tls.Version) (Cert, *rejection) {
	want := su.AuthKey()
	switch want {
	case "DH":
		return Cert{}, rej(stageCert, CauseCertType, true, i18n.Msgf("fixed DH, which needs a DH certificate"))
	case "GOST", "":
		return Cert{}, rej(stageCert, CauseCertType, true, i18n.Msgf("%s authentication, and the server has no %s credentials", su.Au, su.Au))
	}
	signs := kxOf(su) == kxECDHE || kxOf(su) == kxDHE
	var tried []i18n.Msg
	for _, c := range m.certs {
		switch {
		case want == "RSA" && c.Key == KeyRSA:
		case want == "DSA" && c.Key == KeyDSA:
		case want == "ECDSA" && c.Key == KeyECDSA:
		case want == "ECDSA" && (c.Key == KeyEd25519 || c.Key == KeyEd448) && v == tls.TLS12 && kxOf(su) == kxECDHE:
		default:
			continue
		}
		if c.Key == KeyECDSA && len(m.c.Groups) > 0 {
			if g := c.curve(); g != 0 && !m.c.hasGroup(g) {
				tried = append(tried, i18n.Msgf("the client does not support the %s certificate's curve (it lists %s)", c.Msg(), groupNamesMsg(m.c.Groups)))
				continue
			}
		}
		if v == tls.TLS12 && signs || c.Key == KeyEd25519 || c.Key == KeyEd448 {
			if !m.canSignTLS12(c) {
				tried = append(tried, m.noSigAlgReason(c))
				continue
			}
		}
		return c, nil
	}
	if len(tried) > 0 {
		return Cert{}, rej(stageCert, CauseCertType, false, tried[0])
	}
	if m.onlyWant != want || m.only.IsZero() {
		m.onlyWant, m.only = want, i18n.Msgf("%s authentication, and the server has only %s", want, m.certsMsg())
	}
	return Cert{}, rej(stageCert, CauseCertType, true, m.only)
}

// canSignTLS12 reports whether the server can sign a TLS 1.2
// ServerKeyExchange with cert c: a scheme the client offers (or the SHA-1
// default when it offers none) for the key type, allowed by the level.
func (m *sim) canSignTLS12(c Cert) bool {
	offered := m.c.SigAlgs
	if offered == nil {
		offered = tls12DefaultSigAlgs
	}
	for _, sa := range m.sigAlgOrder(offered) {
		info, ok := sigAlgs[sa]
		if ok && info.key == c.Key && !info.rsaPSSKey && m.lib.sigAlgAllowed(sa) {
			return true
		}
	}
	return false
}

func (m *sim) noSigAlgReason(c Cert) i18n.Msg {
	if m.c.SigAlgs == nil {
		if m.lib.level > 0 {
			return i18n.Msgf("the client sends no signature_algorithms, so TLS 1.2 falls back to SHA-1 signatures, which %s refuses for the %s certificate", m.libName(), c.Msg())
		}
		return i18n.Msgf("the client cannot verify a signature by the %s certificate (it sends no signature_algorithms)", c.Msg())
	}
	return i18n.Msgf("the client cannot verify a signature by the %s certificate (its signature algorithms: %s)", c.Msg(), sigAlgNamesMsg(m.c.SigAlgs))
}

// sigAlgOrder returns the client's schemes in the order that decides:
// OpenSSL's default list with server preference, else the client's
// (tls1_set_shared_sigalgs).
func (m *sim) sigAlgOrder(offered []SigAlg) []SigAlg {
	if !m.s.PreferServer {
		return offered
	}
	var out []SigAlg
	for _, sa := range serverSigAlgOrder {
		for _, o := range offered {
			if o == sa {
				out = append(out, sa)
				break
			}
		}
	}
	return out
}

// legacyGroup picks the ECDHE group for TLS ≤ 1.2 (tls1_shared_group).
func (m *sim) legacyGroup() (*tls.Group, *rejection) {
	var server []*tls.Group
	for _, g := range m.s.Groups {
		if ecdheGroup(g) {
			server = append(server, g)
		}
	}
	if len(m.c.Groups) == 0 {
		if !m.lib.rfc4492Fallback() {
			return nil, rej(stageGroup, CauseGroup, false, i18n.Msgf("the client sends no supported_groups extension and %s then offers no ECDHE (OpenSSL 1.1.1 dropped the RFC 4492 fallback)", m.libName()))
		}
		for _, g := range server {
			if m.lib.groupAllowed(g) {
				return g, nil
			}
		}
		if len(server) == 0 {
			return nil, rej(stageGroup, CauseGroup, false, i18n.Msgf("ECDHE needs a group and the server accepts none usable in TLS 1.2 (it lists %s)", groupNamesMsg(m.s.Groups)))
		}
		return nil, rej(stageGroup, CauseSecLevel, false, i18n.Msgf("%s refuses every group the server lists (%s)", m.libName(), groupNamesMsg(server)))
	}
	if len(server) == 0 && len(m.s.Groups) > 0 {
		return nil, rej(stageGroup, CauseGroup, false, i18n.Msgf("no common group: the client offers %s, and none of the server's groups (%s) works in TLS 1.2", groupNamesMsg(m.c.Groups), groupNamesMsg(m.s.Groups)))
	}
	return m.pickGroup(server, nil)
}

func ecdheGroup(g *tls.Group) bool {
	return !g.TLS13Only && (g.Kind == tls.GroupEC || g.Kind == tls.GroupECX)
}

// pickGroup chooses among the groups both sides list: first the client's key
// shares (TLS 1.3, tls_parse_ctos_key_share takes the first share the server
// accepts, avoiding a HelloRetryRequest), then by the deciding preference.
func (m *sim) pickGroup(server []*tls.Group, shares []*tls.Group) (*tls.Group, *rejection) {
	var shared []*tls.Group
	var refused []*tls.Group
	pref, other := m.c.Groups, server
	if m.s.PreferServer {
		pref, other = server, m.c.Groups
	}
	for _, g := range pref {
		if !containsGroup(other, g.ID) {
			continue
		}
		if !m.lib.groupAllowed(g) {
			refused = append(refused, g)
			continue
		}
		shared = append(shared, g)
	}
	if len(shared) == 0 {
		if len(refused) > 0 {
			return nil, rej(stageGroup, CauseSecLevel, false, i18n.Msgf("%s refuses the only shared groups (%s)", m.libName(), groupNamesMsg(refused)))
		}
		return nil, rej(stageGroup, CauseGroup, false, i18n.Msgf("no common group: the client offers %s, the server accepts %s", groupNamesMsg(m.c.Groups), groupNamesMsg(server)))
	}
	for _, ks := range shares {
		if containsGroup(shared, ks.ID) {
			for _, g := range shared {
				if g.ID == ks.ID {
					return g, nil
				}
			}
		}
	}
	return shared[0], nil
}

func (c *Client) hasGroup(id uint16) bool { return containsGroup(c.Groups, id) }

func containsGroup(gs []*tls.Group, id uint16) bool {
	for _, g := range gs {
		if g.ID == id {
			return true
		}
	}
	return false
}

// tls13 negotiates TLS 1.3 (RFC 8446): suite, group and a certificate with a
// signature scheme the client accepts; no fallback to TLS 1.2 once TLS 1.3
// is chosen (OpenSSL 3.0.19 answers handshake_failure when it has no TLS 1.3
// suite for a TLS 1.3 client).
func (m *sim) tls13() Result {
	var cands []*tls.Suite
	if m.s.PreferServer {
		for _, su := range m.s.TLS13Suites {
			if m.c.offers13(su.Code) {
				cands = append(cands, su)
			}
		}
	} else {
		for _, o := range m.c.TLS13Suites {
			for _, su := range m.s.TLS13Suites {
				if su.Code == o.Code {
					cands = append(cands, su)
					break
				}
			}
		}
	}
	if len(cands) == 0 {
		if len(m.s.TLS13Suites) == 0 {
			return m.fail(CauseSuite, "no common cipher suite at TLSv1.3: the server enables TLSv1.3 without any TLS 1.3 suite, and a TLS 1.3 handshake does not fall back to TLSv1.2")
		}
		return m.fail(CauseSuite, "no common cipher suite at TLSv1.3: the client offers %s, the server %s", offerSummary(m.c.TLS13Suites), suiteNames(m.s.TLS13Suites))
	}
	var refused []i18n.Msg
	for _, su := range cands {
		if why := m.lib.cipherRefusal(su); !why.IsZero() {
			refused = append(refused, i18n.Msgf("%s (%s)", su.DisplayName(), why))
			continue
		}
		m.r.Suite = su
		break
	}
	if m.r.Suite == nil {
		return m.fail(CauseSecLevel, "%s refuses every shared TLS 1.3 suite: %s", m.libName(), joinMsgs(", ", refused))
	}
	if len(m.c.Groups) == 0 {
		return m.fail(CauseGroup, "no common group: the client sends no supported_groups, which TLS 1.3 requires")
	}
	g, rej := m.pickGroup(m.s.Groups, m.c.KeyShares)
	if rej != nil {
		return m.fail(rej.cause, "%s", rej.reason)
	}
	m.r.Group = g
	cert, ok, why := m.tls13Cert()
	if !ok {
		return m.fail(CauseCertType, "%s", why)
	}
	m.r.Cert = cert
	return m.clientChecks()
}

func (c *Client) offers13(code uint32) bool {
	for _, o := range c.TLS13Suites {
		if o.Code == code {
			return true
		}
	}
	return false
}

// tls13Cert picks the certificate by signature scheme (tls_choose_sigalg):
// the first shared scheme TLS 1.3 allows that one of the certificates can
// make; ECDSA schemes bind the key's curve.
func (m *sim) tls13Cert() (Cert, bool, i18n.Msg) {
	for _, sa := range m.sigAlgOrder(m.c.SigAlgs) {
		info, ok := sigAlgs[sa]
		if !ok || !info.tls13 || info.rsaPSSKey || !m.lib.sigAlgAllowed(sa) {
			continue
		}
		for _, c := range m.certs {
			if c.Key != info.key {
				continue
			}
			if c.Key == KeyECDSA && info.curve != c.curve() {
				continue
			}
			return c, true, i18n.Msg{}
		}
	}
	return Cert{}, false, i18n.Msgf("the client cannot verify a TLS 1.3 signature from the server's %s (its signature algorithms: %s)", certNames(m.certs), sigAlgNamesMsg(m.c.SigAlgs))
}

// clientChecks applies the limits the client enforces on what it receives:
// the certificate (key size, signature hash) and then the DH parameters in
// ServerKeyExchange. A violation aborts the handshake; the server does not
// try another suite.
func (m *sim) clientChecks() Result {
	c, cert := m.c, m.r.Cert
	if m.r.Suite.Au != "None" {
		switch cert.Key {
		case KeyRSA:
			if c.MinRSABits > 0 && cert.Bits < c.MinRSABits {
				return m.fail(CauseKeySize, "the %s certificate key is below the client's minimum of %d bits", cert.Msg(), c.MinRSABits)
			}
			if c.MaxRSABits > 0 && cert.Bits > c.MaxRSABits {
				return m.fail(CauseKeySize, "the %s certificate key is above the client's maximum of %d bits", cert.Msg(), c.MaxRSABits)
			}
		case KeyECDSA:
			if c.MinECDSABits > 0 && cert.Bits < c.MinECDSABits {
				return m.fail(CauseKeySize, "the %s certificate key is below the client's minimum of %d bits", cert.Msg(), c.MinECDSABits)
			}
		}
		if c.RequiresSHA2 && cert.Sig.legacy() {
			return m.fail(CauseSignature, "the client refuses certificates signed with %s (it requires SHA-2)", cert.Sig)
		}
	}
	if m.r.Version < tls.TLS13 && kxOf(m.r.Suite) == kxDHE {
		bits := m.s.DHBits
		if c.MinDHBits > 0 && bits < c.MinDHBits {
			return m.fail(CauseDH, "the server's %d-bit DH parameters are below the client's minimum of %d bits (%s)", bits, c.MinDHBits, m.r.Suite.DisplayName())
		}
		if c.MaxDHBits > 0 && bits > c.MaxDHBits {
			return m.fail(CauseDH, "the server's %d-bit DH parameters are above the client's maximum of %d bits (%s)", bits, c.MaxDHBits, m.r.Suite.DisplayName())
		}
	}
	m.r.OK = true
	return m.r
}

func offerSummary(os []Offer) i18n.Msg {
	if len(os) == 0 {
		return i18n.Msgf("no suites")
	}
	var names []string
	for i, o := range os {
		if i == 4 {
			break
		}
		names = append(names, o.Name)
	}
	switch {
	case len(os) == 1:
		return i18n.Msgf("%d suite (%s)", len(os), names[0])
	case len(os) > 4:
		return i18n.Msgf("%d suites (%s, and %d more)", len(os), strings.Join(names, ", "), len(os)-4)
	}
	return i18n.Msgf("%d suites (%s)", len(os), strings.Join(names, ", "))
}

func suiteNames(ss []*tls.Suite) string {
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = s.DisplayName()
	}
	return strings.Join(names, ", ")
}

// groupNamesMsg is groupNames in a message ("none" translated).
func groupNamesMsg(gs []*tls.Group) i18n.Msg {
	if len(gs) == 0 {
		return i18n.Msgf("none")
	}
	return i18n.Msgf("%s", groupNames(gs))
}

// sigAlgNamesMsg is sigAlgNames in a message ("none" translated).
func sigAlgNamesMsg(ss []SigAlg) i18n.Msg {
	if len(ss) == 0 {
		return i18n.Msgf("none")
	}
	return i18n.Msgf("%s", sigAlgNames(ss))
}

func groupNames(gs []*tls.Group) string {
	if len(gs) == 0 {
		return "none"
	}
	names := make([]string, len(gs))
	for i, g := range gs {
		names[i] = g.Name
	}
	return strings.Join(names, ", ")
}

// certNames names the certificates: "Ed25519 certificate", "certificates RSA 2048-bit, ECDSA secp256r1".
func certNames(cs []Cert) i18n.Msg {
	if len(cs) == 1 {
		return i18n.Msgf("%s certificate", cs[0].Msg())
	}
	return i18n.Msgf("certificates %s", certMsgs(cs))
}

func certList(cs []Cert) i18n.Msg {
	if len(cs) == 1 {
		if cs[0].Key == KeyDSA { // article: "a DSA", "an RSA"
			return i18n.Msgf("a %s certificate", cs[0].Msg())
		}
		return i18n.Msgf("an %s certificate", cs[0].Msg())
	}
	return i18n.Msgf("certificates %s", certMsgs(cs))
}

// certMsgs lists certificates: "RSA 2048-bit, ECDSA P-256".
func certMsgs(cs []Cert) i18n.Msg {
	ms := make([]i18n.Msg, len(cs))
	for i, c := range cs {
		ms[i] = c.Msg()
	}
	return joinMsgs(", ", ms)
}

func sigAlgNames(ss []SigAlg) string {
	if len(ss) == 0 {
		return "none"
	}
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = s.String()
	}
	return strings.Join(names, ", ")
}
