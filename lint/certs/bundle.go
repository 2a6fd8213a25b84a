package certs

import (
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"sync/atomic"
	"time"
)

// Source says where a Bundle's contents came from.
type Source int

// Sources.
const (
	// SourceFile: a file read through the Loader's FS.
	SourceFile Source = iota
	// SourceData: an nginx `data:` value (nginx 1.15.10+), parsed inline.
	// Its lines count from the start of the value.
	SourceData
	// SourceEngine: an nginx `engine:name:id` key reference; the key lives
	// in an OpenSSL engine (an HSM) and cannot be checked offline.
	SourceEngine
	// SourceStore: an nginx `store:uri` reference (OpenSSL STORE API,
	// nginx 1.29.3): a certificate or key in a token, not checkable offline.
	SourceStore
	// SourceVariable: the path contains a variable ($ssl_server_name):
	// nginx resolves it per handshake, so it is not read.
	SourceVariable
)

func (s Source) String() string {
	switch s {
	case SourceFile:
		return "file"
	case SourceData:
		return "data"
	case SourceEngine:
		return "engine"
	case SourceStore:
		return "store"
	case SourceVariable:
		return "variable"
	}
	return "unknown"
}

// Format is the encoding of a file.
type Format int

// Formats.
const (
	FormatNone Format = iota // nothing was read (engine:, store:, variables)
	FormatPEM
	// FormatDER: raw DER, accepted as a fallback. nginx only reads PEM
	// (PEM_read_bio_X509_AUX), so a DER certificate file fails to load
	// there; rules may say so.
	FormatDER
)

func (f Format) String() string {
	switch f {
	case FormatPEM:
		return "PEM"
	case FormatDER:
		return "DER"
	}
	return "none"
}

// Bundle is one parsed certificate/key file. It is immutable once returned
// by the Loader and shared between callers.
type Bundle struct {
	// Name is the reference as given to the loader (a path before --map);
	// "data:" for inline values (never the value itself, which may hold a
	// key), "engine:<name>" or "store:" for token references.
	Name string
	// Path is the file actually read (after --map); empty when nothing was
	// read. Findings about a PEM block point at Path:Cert.Line.
	Path   string
	Source Source
	Format Format
	// BOM: the file starts with a UTF-8 byte order mark. OpenSSL 3 skips
	// it; OpenSSL 1.1.1 fails to read the first block ("no start line").
	BOM     bool
	Certs   []*Cert // in file order; Cert.Index is the position
	Keys    []*Key  // public halves of the private keys found
	DH      []DHParams
	Skipped []Skipped
}

// Leaf returns the first certificate, the one nginx serves as the leaf, or
// nil.
func (b *Bundle) Leaf() *Cert {
	if len(b.Certs) == 0 {
		return nil
	}
	return b.Certs[0]
}

// Key returns the first private key (its public half), or nil. nginx uses
// the first key in a ssl_certificate_key file.
func (b *Bundle) Key() *Key {
	if len(b.Keys) == 0 {
		return nil
	}
	return b.Keys[0]
}

// Checkable reports whether the contents were read (a file or a data:
// value) rather than left to the product (engine:, store:, variables).
func (b *Bundle) Checkable() bool { return b.Source == SourceFile || b.Source == SourceData }

// Encrypted reports whether the file holds an encrypted private key that was
// skipped. nginx needs ssl_password_file for it; tlslint cannot check it
// against the certificate.
func (b *Bundle) Encrypted() bool {
	for _, s := range b.Skipped {
		if s.Reason == SkipEncrypted {
			return true
		}
	}
	return false
}

func (b *Bundle) String() string {
	name := b.Path
	if name == "" {
		name = b.Name
	}
	return fmt.Sprintf("%s (%d certificates, %d keys)", name, len(b.Certs), len(b.Keys))
}

// Cert is a certificate with its place in the file.
type Cert struct {
	*x509.Certificate
	File  string // Bundle.Path of the file it came from ("data:" inline)
	Index int    // position in its bundle, 0-based
	// Line is the 1-based line of the "-----BEGIN" line; 0 for DER files.
	Line int
	// Start and End are the byte range of the PEM block in the file, from
	// the start of the BEGIN line to just past the END line's newline, so a
	// fix can reorder blocks; both 0 for DER files.
	Start, End int
	// Block is the PEM text of the block (a copy of File[Start:End]); nil
	// for DER files. Certificates are public; no key text is ever kept.
	Block []byte
	// BlockType is the PEM type: "CERTIFICATE", "TRUSTED CERTIFICATE"
	// (OpenSSL's trust-annotated form, which nginx reads only as the first
	// certificate: PEM_read_bio_X509_AUX), "X509 CERTIFICATE" (legacy);
	// empty for DER.
	BlockType string

	names atomic.Pointer[nameIndex] // Covers' index of the DNS SANs, built on first use
}

// Key is the public half of a private key found in a file, with where it
// was. It holds no private material.
type Key struct {
	File      string
	Line      int    // 1-based line of the BEGIN line; 0 for DER
	BlockType string // "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"; empty for DER
	Format    KeyFormat
	Public    crypto.PublicKey // *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey
	Info      KeyInfo
}

// Matches reports whether the key belongs to the certificate: their public
// keys are equal (the only comparison TL306 makes; nothing is signed).
func (k *Key) Matches(c *x509.Certificate) bool {
	if k == nil || c == nil {
		return false
	}
	pub, ok := k.Public.(interface{ Equal(crypto.PublicKey) bool })
	return ok && pub.Equal(c.PublicKey)
}

func (k *Key) String() string {
	return fmt.Sprintf("%s private key (%s) at %s:%d", k.Info, k.Format, k.File, k.Line)
}

// GoString keeps %#v short and free of anything but public facts.
func (k *Key) GoString() string {
	return fmt.Sprintf("certs.Key{File: %q, Line: %d, Format: %s, Info: %s}", k.File, k.Line, k.Format, k.Info)
}

// KeyFormat is the encoding of a private key.
type KeyFormat int

// Key formats.
const (
	KeyPKCS1 KeyFormat = iota + 1 // RFC 8017 RSAPrivateKey ("RSA PRIVATE KEY")
	KeyPKCS8                      // RFC 5208 PrivateKeyInfo ("PRIVATE KEY")
	KeySEC1                       // RFC 5915 ECPrivateKey ("EC PRIVATE KEY")
)

func (f KeyFormat) String() string {
	switch f {
	case KeyPKCS1:
		return "PKCS#1"
	case KeyPKCS8:
		return "PKCS#8"
	case KeySEC1:
		return "SEC1"
	}
	return "unknown"
}

// DHParams are Diffie-Hellman parameters (an ssl_dhparam file).
type DHParams struct {
	File string
	Line int
	Bits int // size of the prime p
}

// SkipReason says why a block was not used.
type SkipReason int

// Skip reasons.
const (
	// SkipEncrypted: an encrypted private key ("Proc-Type: 4,ENCRYPTED" or
	// "ENCRYPTED PRIVATE KEY"); nginx decrypts it with ssl_password_file.
	SkipEncrypted SkipReason = iota + 1
	// SkipParameters: "EC PARAMETERS" (written by `openssl ecparam -genkey`
	// before the key) and similar parameter blocks that carry no key.
	SkipParameters
	// SkipUnsupported: a private key of a type tlslint does not parse (DSA,
	// Ed448, X25519, RSA-PSS, OpenSSH): it is noted, not compared.
	SkipUnsupported
	// SkipOther: a block of another kind (CERTIFICATE REQUEST, X509 CRL,
	// PKCS7, PUBLIC KEY, unknown labels). nginx ignores such blocks too.
	SkipOther
	// SkipExternal: an engine: or store: reference; the key is not in a file.
	SkipExternal
)

func (r SkipReason) String() string {
	switch r {
	case SkipEncrypted:
		return "encrypted"
	case SkipParameters:
		return "parameters"
	case SkipUnsupported:
		return "unsupported"
	case SkipOther:
		return "other"
	case SkipExternal:
		return "external"
	}
	return "unknown"
}

// Skipped is a block that was recognized and set aside.
type Skipped struct {
	File      string
	Line      int
	BlockType string
	Reason    SkipReason
	Detail    string // a public description ("encrypted RSA private key (AES-256-CBC)")
}

func (s Skipped) String() string {
	return fmt.Sprintf("%s:%d: %s block skipped (%s): %s", s.File, s.Line, s.BlockType, s.Reason, s.Detail)
}

// Summary is what messages say about a certificate.
type Summary struct {
	Subject   string // the subject CN, or the whole subject DN when it has no CN
	Issuer    string // the issuer CN, or the issuer DN
	SANs      []string
	NotBefore time.Time
	NotAfter  time.Time
	Key       KeyInfo
	Serial    string // hex
	SHA256    string // hex fingerprint of the DER
}

// Summary returns the facts messages quote.
func (c *Cert) Summary() Summary {
	sum := sha256.Sum256(c.Raw)
	return Summary{
		Subject:   displayName(c.Subject.CommonName, c.Subject.String()),
		Issuer:    displayName(c.Issuer.CommonName, c.Issuer.String()),
		SANs:      SANs(c.Certificate),
		NotBefore: c.NotBefore,
		NotAfter:  c.NotAfter,
		Key:       KeyInfoOf(c.PublicKey),
		Serial:    c.SerialNumber.Text(16),
		SHA256:    hex.EncodeToString(sum[:]),
	}
}

func displayName(cn, dn string) string {
	if cn != "" {
		return cn
	}
	if dn == "" {
		return "(empty subject)"
	}
	return dn
}

// String renders `"www.example.com" (issuer "R3", expires 2025-09-01)`.
func (s Summary) String() string {
	return fmt.Sprintf("%q (issuer %q, expires %s)", s.Subject, s.Issuer, s.NotAfter.UTC().Format("2006-01-02"))
}

// Key returns the certificate's key type and size.
func (c *Cert) Key() KeyInfo { return KeyInfoOf(c.PublicKey) }

// String renders the certificate for messages: its subject, file and line.
func (c *Cert) String() string {
	s := fmt.Sprintf("%q", displayName(c.Subject.CommonName, c.Subject.String()))
	if c.File != "" {
		s += " at " + c.File
		if c.Line > 0 {
			s += fmt.Sprintf(":%d", c.Line)
		}
	}
	return s
}

// GoString keeps %#v readable (a full x509.Certificate dump is kilobytes).
func (c *Cert) GoString() string {
	return fmt.Sprintf("certs.Cert{File: %q, Index: %d, Line: %d, Subject: %q}", c.File, c.Index, c.Line, c.Subject.String())
}

// SANs lists a certificate's DNS names, then its IP addresses.
func SANs(c *x509.Certificate) []string {
	out := make([]string, 0, len(c.DNSNames)+len(c.IPAddresses))
	out = append(out, c.DNSNames...)
	for _, ip := range c.IPAddresses {
		out = append(out, ip.String())
	}
	return out
}
