package main

import (
	"errors"
	"fmt"
)

// clientHello is what the generator takes from a recorded ClientHello.
type clientHello struct {
	suites    []uint16 // cipher_suites as sent (GREASE included)
	sigAlgs   []uint16 // signature_algorithms (RFC 8446 §4.2.3); nil when the extension is absent
	keyShares []uint16 // groups of the key_share entries (RFC 8446 §4.2.8), GREASE removed
	// versions is the supported_versions extension (RFC 8446 §4.2.1) with
	// GREASE removed; nil when absent. Drafts of TLS 1.3 appear as 0x7Fxx.
	versions []uint16
}

// Extension numbers (IANA TLS ExtensionType Values).
const (
	extSignatureAlgorithms = 13
	extSupportedVersions   = 43
	extKeyShare            = 51
)

// reader is a bounds-checked cursor over a byte slice.
type reader struct {
	b   []byte
	err error
}

var errShort = errors.New("truncated")

func (r *reader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = errShort
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u8() int {
	b := r.bytes(1)
	if b == nil {
		return 0
	}
	return int(b[0])
}

func (r *reader) u16() int {
	b := r.bytes(2)
	if b == nil {
		return 0
	}
	return int(b[0])<<8 | int(b[1])
}

func (r *reader) u24() int {
	b := r.bytes(3)
	if b == nil {
		return 0
	}
	return int(b[0])<<16 | int(b[1])<<8 | int(b[2])
}

// sub returns a reader over the next n bytes.
func (r *reader) sub(n int) *reader { return &reader{b: r.bytes(n), err: r.err} }

// u16List reads a vector of 16-bit values with an lenBytes-byte length prefix.
func (r *reader) u16List(lenBytes int) []uint16 {
	var n int
	if lenBytes == 1 {
		n = r.u8()
	} else {
		n = r.u16()
	}
	if n%2 != 0 {
		r.err = fmt.Errorf("odd vector length %d", n)
		return nil
	}
	v := r.sub(n)
	out := make([]uint16, 0, n/2)
	for len(v.b) > 0 && v.err == nil {
		out = append(out, uint16(v.u16()))
	}
	if v.err != nil && r.err == nil {
		r.err = v.err
	}
	return out
}

// isGREASE reports RFC 8701 reserved values (0x0A0A, 0x1A1A, … 0xFAFA).
func isGREASE(v uint16) bool { return v&0x0f0f == 0x0a0a && v>>8 == v&0xff }

// parseClientHello reads a TLS record holding a ClientHello (RFC 5246 §7.4.1.2,
// RFC 8446 §4.1.2), or an SSLv2-compatible one (RFC 5246 Appendix E.2),
// which has no extensions.
func parseClientHello(b []byte) (clientHello, error) {
	var ch clientHello
	if len(b) > 0 && b[0]&0x80 != 0 {
		return parseSSLv2Hello(b)
	}
	r := &reader{b: b}
	if r.u8() != 0x16 {
		return ch, errors.New("not a handshake record (first byte is not 0x16)")
	}
	r.u16() // record version
	rec := r.sub(r.u16())
	if rec.u8() != 1 {
		return ch, errors.New("handshake message is not a ClientHello")
	}
	body := rec.sub(rec.u24())
	body.u16()     // legacy_version
	body.bytes(32) // random
	body.bytes(body.u8())
	ch.suites = body.u16List(2)
	body.bytes(body.u8()) // compression methods
	if body.err == nil && len(body.b) > 0 {
		exts := body.sub(body.u16())
		for len(exts.b) > 0 && exts.err == nil {
			typ := exts.u16()
			data := exts.sub(exts.u16())
			switch typ {
			case extSignatureAlgorithms:
				ch.sigAlgs = data.u16List(2)
			case extSupportedVersions:
				ch.versions = []uint16{}
				for _, v := range data.u16List(1) {
					if !isGREASE(v) {
						ch.versions = append(ch.versions, v)
					}
				}
			case extKeyShare:
				shares := data.sub(data.u16())
				for len(shares.b) > 0 && shares.err == nil {
					g := uint16(shares.u16())
					shares.bytes(shares.u16())
					if !isGREASE(g) {
						ch.keyShares = append(ch.keyShares, g)
					}
				}
				if shares.err != nil {
					data.err = shares.err
				}
			}
			if data.err != nil {
				return ch, fmt.Errorf("ClientHello extension %d: %v", typ, data.err)
			}
		}
		if exts.err != nil {
			body.err = exts.err
		}
	}
	for _, e := range []error{r.err, rec.err, body.err} {
		if e != nil {
			return ch, fmt.Errorf("ClientHello: %v", e)
		}
	}
	return ch, nil
}

// parseSSLv2Hello reads an SSLv2-format CLIENT-HELLO: 2-byte record header,
// msg type 1, version, then cipher specs of three bytes each. Specs whose first
// byte is 0 are TLS suites.
func parseSSLv2Hello(b []byte) (clientHello, error) {
	var ch clientHello
	r := &reader{b: b}
	n := r.u16() & 0x7fff
	msg := r.sub(n)
	if msg.u8() != 1 {
		return ch, errors.New("SSLv2 record is not a CLIENT-HELLO")
	}
	msg.u16() // version
	specLen := msg.u16()
	msg.u16() // session id length
	msg.u16() // challenge length
	if specLen%3 != 0 {
		return ch, fmt.Errorf("SSLv2 CLIENT-HELLO cipher spec length %d is not a multiple of 3", specLen)
	}
	specs := msg.sub(specLen)
	for len(specs.b) > 0 && specs.err == nil {
		s := specs.bytes(3)
		if s != nil && s[0] == 0 {
			ch.suites = append(ch.suites, uint16(s[1])<<8|uint16(s[2]))
		}
	}
	for _, e := range []error{r.err, msg.err, specs.err} {
		if e != nil {
			return ch, fmt.Errorf("SSLv2 CLIENT-HELLO: %v", e)
		}
	}
	return ch, nil
}
