// Package certs reads the certificate, key and parameter files a TLS
// configuration points at and computes every fact the certificate rules
// (TL3xx, TL212, TL310) need, so that each rule is a few lines of policy.
//
// # Loading
//
// A [Loader] reads files through a pluggable [FS] (the OS, or a BIG-IP UCS
// archive held in memory), applies an optional path mapping (--map), and
// parses each file once: concurrent calls for the same path share one read
// and one parse. A file is parsed into a [Bundle]: its certificates (each
// with the line of its PEM block), the public halves of its private keys,
// DH parameters, and the blocks it skipped (encrypted keys, EC parameters,
// certificate requests, …) with the reason. nginx's `data:` values are
// parsed inline; `engine:` and `store:` key references and paths containing
// variables are noted, never read. A missing or unreadable file is a
// [*FileError] of kind [Unavailable] (TL308); a file that cannot be parsed is
// one of kind [Malformed], naming the file, the line of the bad PEM block and
// what was expected.
//
// # Private keys
//
// Private key bytes are parsed only to derive the public key, then dropped:
// no exported type holds private key material, and no String, Error or
// GoString method can print it ([Key] holds the public key and its shape).
// A test formats every exported type and error with %v, %+v and %#v after
// loading known keys and asserts that no PEM, base64, DER or numeric form of
// the private key appears.
//
// # Analysis
//
// An [Analyzer] takes the clock (Options.Now: never the wall clock), the
// trust anchors ([Trust]: the system pool and/or --roots files) and the
// target's OpenSSL security level, and turns a served bundle (plus its key)
// into a [Report]: which certificate is the leaf and whether it comes first,
// whether the chain reaches a trust anchor using only the served
// certificates (as a client that does not fetch missing intermediates via
// AIA), ordering problems, a served root, per-certificate validity and days
// left, weak keys and signatures, the OCSP responders. Reports are cached
// per (bundle, key), so rules can ask for them freely. [Covers] compares
// server names with a certificate's subjectAltNames (RFC 6125), and
// [Analyzer.CompletingBundle] finds a sibling bundle that repairs an
// incomplete chain when that repair is certain.
//
// # Rules on top
//
// Each certificate rule is a few lines over a Report (loader and analyzer
// are created once per run; refs are the paths as the configuration writes
// them, the Loader applies --map):
//
//	b, err := loader.Load(ref)             // TL308 when IsUnavailable(err); TL001 when IsMalformed(err)
//	kb, _ := loader.Load(keyRef)           // kb.Key() is nil for encrypted keys (kb.Encrypted()) and engine: keys
//	r, err := analyzer.Analyze(b, kb.Key()) // BIG-IP: analyzer.AnalyzeChain(key, cert, chain)
//
//	TL301  !r.Complete && !r.SelfSignedLeaf && !r.Partial: the chain stops at r.Certs[r.StopsAt];
//	       r.MissingIssuer names the missing certificate, or r.UntrustedRoot says the root is not trusted;
//	       fix: analyzer.CompletingBundle(ref)
//	TL302  !r.LeafFirst (error), else r.Misordered (warning); r.Moves, r.Order, Cert.Start/End/Block
//	TL303  r.Invalid()                 TL304  r.Expiring(days)
//	TL305  NameComparable(n) && !r.Leaf.Covers(n); CoveredByCommonName explains CN-only certificates
//	TL306  r.Key != nil && r.KeyIndex < 0 (r.KeyIndex > 0 is TL302: the key is for a later certificate)
//	TL307  r.Weak(): Weakness.Rejected (error: nginx refuses to start) or not (warning)
//	TL309  r.SelfSignedLeaf            TL310  r.Leaf.Key()
//	TL212  len(r.OCSP.Servers) == 0; !r.OCSP.IssuerServed && !r.IssuerIn(trusted), where trusted is the
//	       ssl_trusted_certificate (or ssl_client_certificate) bundle: nginx looks for the issuer in the
//	       chain, then in that store, and ignores ssl_stapling without it
package certs
