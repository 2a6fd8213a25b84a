package certs

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"fmt"
	"math/big"
	"strings"
)

// ParseBundle parses the contents of a certificate, key or parameter file.
// name is used in errors and as the Bundle's Name and Path. Text outside PEM
// blocks is ignored, as OpenSSL does (`openssl x509 -text` output and
// "Bag Attributes" lines from PKCS#12 exports come before the blocks). A file
// without any "-----BEGIN" line is tried as DER.
func ParseBundle(name string, data []byte) (*Bundle, error) {
	b := &Bundle{Name: name, Path: name, Source: SourceFile}
	if err := parseInto(b, data); err != nil {
		return nil, err
	}
	return b, nil
}

// parseInto fills b from data. Errors are *FileError with b's names.
func parseInto(b *Bundle, data []byte) error {
	p := parser{b: b}
	blocks, err := p.scan(data)
	if err != nil {
		return err
	}
	if len(blocks) == 0 {
		return p.der(data)
	}
	b.Format = FormatPEM
	for _, line := range p.stray {
		b.Skipped = append(b.Skipped, Skipped{File: b.Path, Line: line, Reason: SkipOther, Detail: strayDetail()})
	}
	for _, blk := range blocks {
		if err := p.block(data, blk); err != nil {
			return err
		}
	}
	return nil
}

type parser struct {
	b *Bundle
	// stray are lines with a "-----BEGIN " marker that does not start the
	// line (indented, or after a UTF-8 byte order mark): OpenSSL's PEM
	// reader does not see them, and neither does this one.
	stray []int
}

func (p *parser) fail(line int, format string, args ...any) error {
	return &FileError{Name: p.b.Name, Path: p.b.Path, Line: line, Kind: Malformed, Msg: fmt.Sprintf(format, args...)}
}

// pemBlock is one "-----BEGIN X-----" … "-----END X-----" block.
type pemBlock struct {
	label      string
	line       int // line of the BEGIN line
	start, end int // byte range, BEGIN line start to past the END line
	headers    map[string]string
	der        []byte // decoded body; owned by the parser
}

// scan finds the PEM blocks, decoding each body. It rejects a block without
// an END line, with an END line for another label, or with characters that
// are not base64, naming the line. Lines are split on "\n"; a trailing "\r"
// and trailing blanks are ignored, as OpenSSL's PEM reader does.
func (p *parser) scan(data []byte) ([]*pemBlock, error) {
	var blocks []*pemBlock
	var cur *pemBlock
	var body []byte
	inHeaders := false
	line := 0
	for off := 0; off < len(data); {
		line++
		start := off
		next := len(data)
		if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
			next = off + i + 1
		}
		off = next
		text := bytes.TrimRight(data[start:next], " \t\r\n")
		if line == 1 && bytes.HasPrefix(text, utf8BOM) {
			// OpenSSL 3.0+ skips a UTF-8 byte order mark before the first
			// line (crypto/pem/pem_lib.c sanitize_line); 1.1.1 does not
			// and fails with "no start line".
			text = text[len(utf8BOM):]
			start += len(utf8BOM)
			p.b.BOM = true
		}

		if cur == nil {
			if label, ok := pemLabel(text, "-----BEGIN "); ok {
				cur = &pemBlock{label: label, line: line, start: start}
				body = body[:0]
				inHeaders = true
			} else if bytes.Contains(text, []byte("-----BEGIN ")) {
				p.stray = append(p.stray, line)
			}
			continue
		}
		if label, ok := pemLabel(text, "-----END "); ok {
			if label != cur.label {
				return nil, p.fail(line, "PEM block %q begun at line %d ends with \"-----END %s-----\"; expected \"-----END %s-----\"", cur.label, cur.line, label, cur.label)
			}
			der, err := decodeBase64(body)
			clear(body)
			if err != nil {
				return nil, p.fail(cur.line, "PEM block %q has a truncated or corrupt base64 body; expected base64 text between the BEGIN and END lines", cur.label)
			}
			if len(der) == 0 {
				return nil, p.fail(cur.line, "PEM block %q is empty; expected base64 text between the BEGIN and END lines", cur.label)
			}
			cur.der = der
			cur.end = next
			blocks = append(blocks, cur)
			cur = nil
			continue
		}
		if bytes.HasPrefix(text, []byte("-----BEGIN ")) {
			return nil, p.fail(cur.line, "PEM block %q is not closed; expected \"-----END %s-----\" before the next block at line %d", cur.label, cur.label, line)
		}
		if inHeaders {
			// RFC 1421 §4.4 headers (Proc-Type, DEK-Info) come first and
			// end with a blank line; continuation lines start with blanks.
			if len(text) == 0 {
				inHeaders = false
				continue
			}
			if k, v, ok := bytes.Cut(text, []byte(":")); ok && !bytes.ContainsAny(k, " \t") {
				if cur.headers == nil {
					cur.headers = map[string]string{}
				}
				cur.headers[string(k)] = strings.TrimSpace(string(v))
				continue
			}
			if len(cur.headers) > 0 && (text[0] == ' ' || text[0] == '\t') {
				continue
			}
			inHeaders = false
		}
		text = bytes.TrimLeft(text, " \t")
		for _, c := range text {
			if !isBase64(c) {
				return nil, p.fail(line, "line is not base64 inside PEM block %q begun at line %d; expected base64 text or \"-----END %s-----\"", cur.label, cur.line, cur.label)
			}
		}
		body = append(body, text...)
	}
	if cur != nil {
		return nil, p.fail(cur.line, "PEM block %q is not closed; expected \"-----END %s-----\" before the end of the file", cur.label, cur.label)
	}
	return blocks, nil
}

// pemLabel returns X from "-----BEGIN X-----" (prefix "-----BEGIN ").
func pemLabel(text []byte, prefix string) (string, bool) {
	if !bytes.HasPrefix(text, []byte(prefix)) || !bytes.HasSuffix(text, []byte("-----")) || len(text) < len(prefix)+5 {
		return "", false
	}
	return string(text[len(prefix) : len(text)-5]), true
}

func isBase64(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
}

func decodeBase64(body []byte) ([]byte, error) {
	out := make([]byte, base64.StdEncoding.DecodedLen(len(body)))
	n, err := base64.StdEncoding.Decode(out, body)
	if err != nil {
		clear(out)
		return nil, err
	}
	return out[:n], nil
}

// block interprets one decoded PEM block.
func (p *parser) block(data []byte, blk *pemBlock) error {
	b := p.b
	skip := func(reason SkipReason, detail string) {
		b.Skipped = append(b.Skipped, Skipped{File: b.Path, Line: blk.line, BlockType: blk.label, Reason: reason, Detail: detail})
	}
	switch blk.label {
	case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE":
		der := blk.der
		if blk.label == "TRUSTED CERTIFICATE" {
			// OpenSSL's X509_AUX form: the certificate followed by trust
			// settings (crypto/x509/x_x509a.c); keep the certificate.
			var raw asn1.RawValue
			if _, err := asn1.Unmarshal(der, &raw); err != nil {
				return p.fail(blk.line, "PEM block %q does not start with a DER certificate; expected an X.509 certificate followed by OpenSSL trust settings", blk.label)
			}
			der = raw.FullBytes
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			if unsupportedCert(err) {
				skip(SkipUnsupported, "certificate crypto/x509 cannot parse: "+err.Error())
				return nil
			}
			return p.fail(blk.line, "PEM block %q does not hold a valid X.509 certificate: %v", blk.label, err)
		}
		block := bytes.Clone(data[blk.start:blk.end])
		b.Certs = append(b.Certs, &Cert{Certificate: c, File: b.Path, Index: len(b.Certs), Line: blk.line, Start: blk.start, End: blk.end, Block: block, BlockType: blk.label})
	case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
		defer clear(blk.der)
		if strings.Contains(blk.headers["Proc-Type"], "ENCRYPTED") {
			cipher, _, _ := strings.Cut(blk.headers["DEK-Info"], ",")
			detail := "encrypted private key (legacy PEM encryption"
			if cipher != "" {
				detail += ", " + cipher
			}
			skip(SkipEncrypted, detail+"); nginx needs ssl_password_file, tlslint cannot compare it with the certificate")
			return nil
		}
		k, res := parsePrivateKey(blk.der, blk.label)
		switch res.outcome {
		case keyOK:
			k.File, k.Line, k.BlockType = b.Path, blk.line, blk.label
			b.Keys = append(b.Keys, k)
		case keyUnsupported:
			skip(SkipUnsupported, res.detail)
		default:
			return p.fail(blk.line, "PEM block %q does not hold a valid private key; expected %s", blk.label, res.detail)
		}
	case "ENCRYPTED PRIVATE KEY":
		clear(blk.der)
		skip(SkipEncrypted, "encrypted PKCS#8 private key; nginx needs ssl_password_file, tlslint cannot compare it with the certificate")
	case "DSA PRIVATE KEY":
		clear(blk.der)
		if strings.Contains(blk.headers["Proc-Type"], "ENCRYPTED") {
			skip(SkipEncrypted, "encrypted DSA private key")
			return nil
		}
		skip(SkipUnsupported, "DSA private key; tlslint does not compare DSA keys")
	case "OPENSSH PRIVATE KEY":
		clear(blk.der)
		skip(SkipUnsupported, "OpenSSH private key; nginx and BIG-IP cannot read this format (convert it with ssh-keygen -p -m PEM)")
	case "DH PARAMETERS", "X9.42 DH PARAMETERS":
		bits, err := dhPrimeBits(blk.der)
		if err != nil {
			return p.fail(blk.line, "PEM block %q does not hold valid DH parameters; expected a DER SEQUENCE starting with the prime p", blk.label)
		}
		b.DH = append(b.DH, DHParams{File: b.Path, Line: blk.line, Bits: bits})
	case "EC PARAMETERS", "DSA PARAMETERS":
		skip(SkipParameters, "parameters only, no key")
	case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST":
		skip(SkipOther, "certificate signing request, not a certificate")
	case "X509 CRL":
		skip(SkipOther, "certificate revocation list")
	case "PKCS7", "CMS":
		skip(SkipOther, "PKCS#7/CMS container; nginx reads only CERTIFICATE blocks (extract them with openssl pkcs7 -print_certs)")
	case "PUBLIC KEY", "RSA PUBLIC KEY":
		skip(SkipOther, "public key, not a certificate or private key")
	default:
		skip(SkipOther, "unknown PEM block type")
	}
	return nil
}

var utf8BOM = []byte("\xef\xbb\xbf")

// strayDetail describes a "-----BEGIN" marker that does not start its line.
func strayDetail() string {
	return "a \"-----BEGIN\" marker is not at the start of its line (indented?), so OpenSSL (and nginx) ignore it"
}

// unsupportedCert tells certificates that are valid but beyond crypto/x509
// (a curve it does not implement; the negative serial numbers Go 1.23+
// rejects but OpenSSL accepts) from broken ones.
func unsupportedCert(err error) bool {
	s := err.Error()
	return strings.Contains(s, "unsupported elliptic curve") || strings.Contains(s, "negative serial number")
}

// dhPrimeBits reads the prime of PKCS#3 DHParameter or X9.42 DomainParameters;
// both are SEQUENCEs whose first element is p.
func dhPrimeBits(der []byte) (int, error) {
	var seq asn1.RawValue
	if rest, err := asn1.Unmarshal(der, &seq); err != nil || len(rest) > 0 || seq.Tag != asn1.TagSequence {
		return 0, fmt.Errorf("not a SEQUENCE")
	}
	var prime *big.Int
	if _, err := asn1.Unmarshal(seq.Bytes, &prime); err != nil {
		return 0, err
	}
	if prime.Sign() <= 0 {
		return 0, fmt.Errorf("prime is not positive")
	}
	return prime.BitLen(), nil
}

// der handles a file with no PEM block: raw DER certificates (one or a
// concatenation) or one DER private key; anything else is an error that
// says what was expected.
func (p *parser) der(data []byte) error {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return p.fail(0, "file is empty; expected PEM blocks such as \"-----BEGIN CERTIFICATE-----\" or a private key")
	}
	if len(p.stray) > 0 {
		return p.fail(p.stray[0], "%s; expected it at the start of a line", strayDetail())
	}
	if data[0] != 0x30 { // every DER structure here is a SEQUENCE
		return p.fail(0, "no PEM block found; expected a line \"-----BEGIN CERTIFICATE-----\" (or a private key or DH parameters block)")
	}
	der := bytes.Clone(data) // crypto/x509 keeps slices of its input
	if certs, err := x509.ParseCertificates(der); err == nil && len(certs) > 0 {
		p.b.Format = FormatDER
		for i, c := range certs {
			p.b.Certs = append(p.b.Certs, &Cert{Certificate: c, File: p.b.Path, Index: i})
		}
		return nil
	}
	k, res := parsePrivateKey(der, "")
	clear(der)
	switch res.outcome {
	case keyOK:
		p.b.Format = FormatDER
		k.File = p.b.Path
		p.b.Keys = append(p.b.Keys, k)
		return nil
	case keyUnsupported:
		p.b.Format = FormatDER
		p.b.Skipped = append(p.b.Skipped, Skipped{File: p.b.Path, Reason: SkipUnsupported, Detail: res.detail})
		return nil
	}
	if bits, err := dhPrimeBits(data); err == nil {
		p.b.Format = FormatDER
		p.b.DH = append(p.b.DH, DHParams{File: p.b.Path, Bits: bits})
		return nil
	}
	return p.fail(0, "neither PEM nor a DER certificate, private key or DH parameters; expected a line \"-----BEGIN CERTIFICATE-----\"")
}
