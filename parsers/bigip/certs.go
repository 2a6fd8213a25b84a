package bigip

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// The object kinds certificate and key references name.
const (
	kindCert = "sys file ssl-cert"
	kindKey  = "sys file ssl-key"
)

// filePath resolves a `sys file ssl-cert` or `ssl-key` object by full name
// to the path the certificate loader reads (see Files), reporting an
// object that is neither defined nor built in as TL002 at the reference.
// It returns "" when there is nothing to read: standard input, or a
// built-in file (default.crt, ca-bundle.crt) the input does not carry —
// every device generates its own default.crt, so an export without it is
// normal and not a missing file.
func (b *builder) filePath(full, kind string, at lint.Pos) string {
	obj := b.cfg.Find(kind, full)
	if obj == nil {
		sys, builtin := builtinFiles[full]
		if !builtin {
			what := "certificate"
			if kind == kindKey {
				what = "key"
			}
			b.unresolved(at, kind, "%s %s (%s) is not defined in the input", what, full, kind)
			return ""
		}
		if b.cfg.fsys == nil {
			return ""
		}
		name, ok := b.cfg.systemFile(sys)
		if !ok || !isFile(b.cfg.fsys, name) {
			return ""
		}
		return b.certPath(name)
	}
	if b.cfg.fsys == nil {
		return ""
	}
	ff, ok := b.found[obj]
	if !ok {
		var err error
		ff.name, ff.expected, err = b.cfg.findFile(obj)
		ff.missing = err != nil
		b.found[obj] = ff
	}
	name, expected := ff.name, ff.expected
	if ff.missing {
		if _, builtin := builtinFiles[full]; builtin || expected == "" {
			return ""
		}
		// where the file should be: the certificate rules report it missing
		name = expected
	}
	return b.certPath(name)
}

// fileSetting reads one cert/key/chain attribute of a cert-key-chain entry
// or a profile: the object's full name as the value.
func (b *builder) fileSetting(pr *Prop, owner *profile, f found, kind string) lint.Setting[string] {
	fi := owner.fi
	s := lint.Setting[string]{Origin: lint.Origin{Pos: fi.pos(pr.Pos), ArgsPos: valuesPos(fi, pr),
		Default: owner.builtin, Context: owner.name}}
	s.SetChain(f.chain)
	if v := pr.Value(); v != "" && v != "none" {
		s.Value = b.fileRef(v, owner.obj.BaseFolder, kind)
	}
	return s
}

// fileRef makes a file object reference absolute as tmsh resolves it: in
// the folder, else in /Common (where default.crt and ca-bundle.crt live).
func (b *builder) fileRef(v, folder, kind string) string {
	full := NormalizeName(v, folder)
	if strings.HasPrefix(v, "/") || b.cfg.Find(kind, full) != nil {
		return full
	}
	if c := commonName(v); b.cfg.Find(kind, c) != nil || builtinFiles[c] != "" {
		return c
	}
	return full
}

// certs returns the certificate/key pairs a client-ssl profile serves: the
// entries of the nearest cert-key-chain in its chain, or, in a profile
// written before cert-key-chain existed (BIG-IP 11.x), its cert, key and
// chain attributes. The built-in clientssl carries default.crt and
// default.key, so a profile that inherits its chain always has a
// certificate.
func (b *builder) certs(p *profile) []lint.CertPair {
	n := 0
	for q := p; q != nil; q = q.parent {
		if q.obj != nil {
			if ckc := q.obj.Prop("cert-key-chain"); ckc != nil {
				return b.certKeyChain(ckc, q, found{prop: ckc, owner: q, chain: p.chain(n)})
			}
			if c := q.obj.Prop("cert"); c != nil && c.Value() != "" && c.Value() != "none" {
				f := found{prop: c, owner: q, chain: p.chain(n)}
				pair := lint.CertPair{Cert: b.fileSetting(c, q, f, kindCert)}
				if k := q.obj.Prop("key"); k != nil {
					pair.Key = b.fileSetting(k, q, f, kindKey)
				}
				if ch := q.obj.Prop("chain"); ch != nil {
					pair.Chain = b.fileSetting(ch, q, f, kindCert)
				}
				b.pairPaths(&pair)
				return []lint.CertPair{pair}
			}
		}
		if q.link.IsValid() {
			n++
		}
	}
	return nil
}

func (b *builder) certKeyChain(ckc *Prop, owner *profile, f found) []lint.CertPair {
	if ckc.Block == nil {
		return nil // cert-key-chain none
	}
	var out []lint.CertPair
	for _, e := range ckc.Block.Props {
		if e.Block == nil {
			continue
		}
		c := e.Block.Find("cert")
		if c == nil || c.Value() == "" || c.Value() == "none" {
			continue
		}
		pair := lint.CertPair{Cert: b.fileSetting(c, owner, f, kindCert)}
		if k := e.Block.Find("key"); k != nil {
			pair.Key = b.fileSetting(k, owner, f, kindKey)
		}
		if ch := e.Block.Find("chain"); ch != nil {
			pair.Chain = b.fileSetting(ch, owner, f, kindCert)
		}
		b.pairPaths(&pair)
		out = append(out, pair)
	}
	return out
}

// pairPaths fills the paths of a pair's files.
func (b *builder) pairPaths(pair *lint.CertPair) {
	if v := pair.Cert.Value; v != "" {
		pair.CertPath = b.filePath(v, kindCert, pair.Cert.ArgsPos)
	}
	if v := pair.Key.Value; v != "" {
		pair.KeyPath = b.filePath(v, kindKey, pair.Key.ArgsPos)
	}
	if v := pair.Chain.Value; v != "" {
		pair.ChainPth = b.filePath(v, kindCert, pair.Chain.ArgsPos)
	}
}
