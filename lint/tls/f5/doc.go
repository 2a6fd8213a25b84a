// Package f5 is tlslint's knowledge of BIG-IP (TMOS 11.0–17.5) cipher
// configuration: F5's suite names, the cipher-string grammar and keywords
// of tmm, DEFAULT per release, cipher rules and cipher groups, the
// dh-groups attribute, and the protocol defaults of SSL profiles. Results
// are suites of the catalogue of package tls, so rules judge BIG-IP and
// nginx with the same vocabulary.
//
// # Model
//
// tmm lists a cipher string as rows, one per (suite, protocol):
// `tmm --clientciphers 'ECDHE:!TLSv1'` prints ECDHE-RSA-AES128-CBC-SHA for
// TLS1.1 and TLS1.2 but not TLS1. Keywords select rows by tmm's columns
// (CIPHER, MAC, KEYX, PROT), so `!TLSv1` removes a protocol, `!des` keeps
// 3DES and `RSA` means RSA key exchange only. Expansion follows the grammar
// F5 documents: items separated by ':', ',' or blanks; '!' removes for
// good, '-' removes, '+' moves to the end; keywords joined by '+' must all
// match; @STRENGTH, @SPEED, @FIPS and @HARDWARE reorder. Keywords and suite
// names are case-insensitive.
//
// Facts come from ../shared/data/f5 (real tmm captures, built-in rule
// dumps) and F5 documentation; what they do not show is assumed. Every
// assumption has an ID (A1…A21), is explained in docs/bigip-ciphers.md, and
// is named in Expansion.Assumed when a result depends on it. Options
// replaces the assumed tables with a device's own `tmm` output.
//
// # API
//
// Releases:
//   - Version{Major, Minor}, ParseVersion("15.1.8.2"), DefaultVersion
//     (17.1), Oldest/Newest (11.0/17.5; others are clamped, A17).
//
// Suites and names:
//   - Suite: an F5 suite with tmm's columns (Name, Code, Bits, Cipher, MAC,
//     KeyX) and its catalogue suite (TLS); Observed/ObservedAt say whether a
//     capture shows it.
//   - SuiteByName(f5Name), NameOf(*tls.Suite), Suites(v) (NATIVE in tmm's
//     order), Suggest(word) (F5 spelling of an OpenSSL/IANA name or dotted
//     protocol).
//   - Protocol (SSL3 … DTLS1.2, TLS1.3), ParseProtocol; Row{Suite, Protocol}.
//   - ParseTmm(output) reads `tmm --clientciphers` output (both formats);
//     FormatTmm(rows) prints rows in tmm's 14+ format.
//
// Cipher strings:
//   - Expand(s, v) *Expansion: memoized, safe for concurrent use.
//   - ExpandWith(s, v, Options{Native, Default, Keywords}): with the
//     device's NATIVE and DEFAULT rows or keyword definitions; not memoized.
//   - Expansion: Rows (what tmm prints), Suites/F5 (distinct suites), TLS13,
//     Protocols (TLS versions with rows; never TLS 1.3 for a plain string,
//     A21), Excluded (versions a bare !TLSv1-style item removes), Unknown,
//     Err (*CipherStringError wrapping ErrSyntax or ErrNoCiphers), Assumed;
//     Usable(tls.Version) gives the suites offered at one version in order.
//
// Cipher rules and groups:
//   - Rule{Name, Cipher, DHGroups, SigAlgs}, Group{Name, Allow, Exclude,
//     Require, Ordering}.
//   - ExpandGroup(g, v): allowed rules' rows in order, minus excluded ones,
//     restricted to each required rule, ordered per Ordering (A14); the
//     only way to TLS 1.3. DHGroups/DHGroupsErr carry the allowed rules'
//     dh-groups.
//   - BuiltinRules(v), BuiltinGroups(v), LookupRule(name, v),
//     LookupGroup(name, v) for /Common/f5-default, f5-aes, f5-ecc,
//     f5-hw_keys, f5-secure (13.0+), f5-quic (15.1+), f5-fips, f5-cc-stip
//     (16.1+); BuiltinRuleAssumption(name, v).
//   - DHGroups(s, v) parses dh-groups (DEFAULT, P256:X25519:…);
//     DefaultDHGroups(v).
//
// Profile defaults:
//   - DefaultOptions(v): the built-in clientssl/serverssl `options`.
//   - OptionsProtocols(options, v): versions the options leave enabled.
//   - DefaultProtocols(v): a profile with neither options nor ciphers.
//   - DefaultTable(): per release range, what DEFAULT is and enables.
//
// The suite-name table (suites_gen.go) is generated from the data by
// internal/gen: `go generate ./lint/tls/f5`.
package f5
