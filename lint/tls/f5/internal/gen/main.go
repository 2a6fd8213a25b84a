// Command gen derives the BIG-IP suite-name table of package f5
// (suites_gen.go) from the BIG-IP reference data in ../shared/data/f5. It is
// run by `go generate` in lint/tls/f5; the data directory is an argument so
// the generator never guesses where the shared data lives.
//
// Two sources, both facts:
//
//   - observed_suite_catalog.tsv: every row a real `tmm --clientciphers` /
//     `--serverciphers` capture in that folder prints, aggregated per suite:
//     F5 name, IANA id, BITS, CIPHER, MAC, KEYX and the capture files. The
//     capture files' names say which BIG-IP versions they come from (see
//     eraOf); the generator records that range per file so that package f5
//     can tell an observed suite from a modeled one.
//   - the built-in cipher rules of the device dumps (*.rest.txt, *.tmconf):
//     every suite *name* F5 writes in a built-in rule (f5-hw_keys names
//     DHE-RSA-DES-CBC3-SHA and static ECDH-RSA-* suites that no capture
//     lists). Their IANA code comes from the catalogue of package tls through
//     the F5 → OpenSSL spelling rules in openSSLName.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/tlslint/tlslint/lint/tls"
)

func main() {
	data := flag.String("data", "", "directory of the BIG-IP reference data (../shared/data/f5)")
	out := flag.String("out", "suites_gen.go", "output Go file")
	flag.Parse()
	if *data == "" {
		fmt.Fprintln(os.Stderr, "usage: gen -data DIR [-out suites_gen.go]")
		os.Exit(2)
	}
	src, err := generate(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type era struct {
	file             string
	fromMaj, fromMin int
	toMaj, toMin     int
	why              string
}

// eraOf maps a capture file to the BIG-IP versions it stands for. The data
// README marks every version as inferred; the reasoning is repeated here
// because package f5 relies on it:
//   - unknown-11.x-12.x: METHOD column (pre-14 output), SSL3 and EXPORT rows,
//     ECDHE_RSA suites (so not older than the first ECDHE release, taken as
//     11.4): 11.4 to 12.1.
//   - unknown-12.1+: the REST util that produced it exists from 12.1.0 and
//     the METHOD column dates it before 14.0: 12.1 to 13.1.
//   - likely-14.1.x: TLS 1.3 rows without DTLS 1.2, the F5 journeys app
//     targeted 14.1.3: 14.1.
//   - unknown-15.x-17.x: DTLS1.2 rows. The built-in profiles of 15.1.8.2
//     (../shared/corpus/bigip, f5-corkscrew) have no `no-dtlsv1.2` option and
//     the recent dump has one, so DTLS 1.2 appeared after 15.1: 16.0 to 17.5.
func eraOf(file string) (era, error) {
	switch {
	case strings.HasPrefix(file, "unknown-11.x-12.x__"):
		return era{file, 11, 4, 12, 1, "pre-14 format with SSL3/EXPORT and ECDHE rows"}, nil
	case strings.HasPrefix(file, "unknown-12.1+__"):
		return era{file, 12, 1, 13, 1, "REST util (>= 12.1) with METHOD column (< 14)"}, nil
	case strings.HasPrefix(file, "likely-14.1.x__"):
		return era{file, 14, 1, 14, 1, "TLS 1.3 rows, no DTLS 1.2"}, nil
	case strings.HasPrefix(file, "unknown-15.x-17.x__"):
		return era{file, 16, 0, 17, 5, "DTLS 1.2 rows (no-dtlsv1.2 appears after 15.1)"}, nil
	}
	return era{}, fmt.Errorf("capture file %q: no version range known for it (extend eraOf)", file)
}

type observed struct {
	name              string
	code              uint16
	bits              int
	cipher, mac, keyx string
	eras              []era
}

type named struct {
	name   string
	code   uint16
	source string
}

func generate(dir string) ([]byte, error) {
	obs, err := readCatalog(filepath.Join(dir, "observed_suite_catalog.tsv"))
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, o := range obs {
		known[o.name] = true
	}
	dumps, err := filepath.Glob(filepath.Join(dir, "*builtin_cipher_rules_groups*"))
	if err != nil {
		return nil, err
	}
	sort.Strings(dumps)
	var nm []named
	seen := map[string]bool{}
	for _, d := range dumps {
		if strings.HasSuffix(d, ".md") {
			continue
		}
		names, err := ruleNames(d)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			if known[n] || seen[n] {
				continue
			}
			s := tls.SuiteByName(openSSLName(n))
			if s == nil {
				return nil, fmt.Errorf("%s: suite name %q of a built-in rule is not in the catalogue of package tls (extend openSSLName)", filepath.Base(d), n)
			}
			seen[n] = true
			nm = append(nm, named{n, uint16(s.Code), "built-in cipher rule in " + filepath.Base(d)})
		}
	}
	return render(obs, nm)
}

// readCatalog parses observed_suite_catalog.tsv.
func readCatalog(path string) ([]observed, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []observed
	sc := bufio.NewScanner(bytes.NewReader(b))
	line := 0
	header := false
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(t, "\t")
		if !header {
			if len(f) < 9 || f[0] != "suite" {
				return nil, fmt.Errorf("%s:%d: expected the header line `suite id hex bits cipher mac keyx protocols_seen files`", path, line)
			}
			header = true
			continue
		}
		if len(f) != 9 {
			return nil, fmt.Errorf("%s:%d: expected 9 tab-separated fields, got %d", path, line, len(f))
		}
		id, err1 := strconv.Atoi(f[1])
		hex, err2 := strconv.ParseUint(strings.TrimPrefix(f[2], "0x"), 16, 16)
		bits, err3 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil || err3 != nil || uint64(id) != hex {
			return nil, fmt.Errorf("%s:%d: bad id/hex/bits %q %q %q", path, line, f[1], f[2], f[3])
		}
		if s := tls.SuiteByCode(uint32(id)); s == nil {
			return nil, fmt.Errorf("%s:%d: IANA id %s is not in the catalogue of package tls", path, line, f[2])
		}
		o := observed{name: f[0], code: uint16(id), bits: bits, cipher: f[4], mac: f[5], keyx: f[6]}
		for _, file := range strings.Split(f[8], ",") {
			e, err := eraOf(file)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", path, line, err)
			}
			o.eras = append(o.eras, e)
		}
		out = append(out, o)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no suite rows", path)
	}
	return out, nil
}

var (
	restCipher = regexp.MustCompile(`"cipher":\s*"([^"]*)"`)
	confCipher = regexp.MustCompile(`^\s*cipher\s+(\S+)\s*$`)
)

// ruleNames returns the suite names (tokens with a '-' that are not
// keywords) of the built-in rules' cipher strings, in file order.
func ruleNames(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		var s string
		if m := restCipher.FindStringSubmatch(l); m != nil {
			s = m[1]
		} else if m := confCipher.FindStringSubmatch(l); m != nil {
			s = m[1]
		} else {
			continue
		}
		for _, tok := range strings.Split(s, ":") {
			if tok == "" || strings.ContainsAny(tok, "!+@") || !strings.Contains(tok, "-") || strings.EqualFold(tok, "AES-GCM") {
				continue
			}
			out = append(out, tok)
		}
	}
	return out, nil
}

// openSSLName maps an F5 suite name to the spelling of the catalogue of
// package tls. F5 differs from OpenSSL in three places (keywords.md §5 of the
// data): ECDHE-RSA CBC suites carry "-CBC-SHA", TLS 1.3 suites are
// "TLS13-AES128-GCM-SHA256", and DHE-RSA single-DES is "DHE-RSA-DES-CBC-SHA"
// (OpenSSL 1.0.2: EDH-RSA-DES-CBC-SHA).
func openSSLName(f5 string) string {
	switch {
	case strings.HasPrefix(f5, "TLS13-"):
		r := strings.NewReplacer("AES128", "AES_128", "AES256", "AES_256", "CHACHA20-POLY1305", "CHACHA20_POLY1305", "-", "_")
		return "TLS_" + r.Replace(strings.TrimPrefix(f5, "TLS13-"))
	case f5 == "DHE-RSA-DES-CBC-SHA":
		return "EDH-RSA-DES-CBC-SHA"
	case strings.HasPrefix(f5, "ECDHE-RSA-") && strings.HasSuffix(f5, "-CBC-SHA"):
		return strings.TrimSuffix(f5, "-CBC-SHA") + "-SHA"
	}
	return f5
}

func render(obs []observed, nm []named) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`// Code generated by lint/tls/f5/internal/gen from ../shared/data/f5
// (observed_suite_catalog.tsv and the built-in cipher rule dumps); DO NOT EDIT.

package f5

// observedSuites are the suites real tmm captures list, with tmm's columns and
// the BIG-IP versions each capture stands for.
var observedSuites = []dataSuite{
`)
	for _, o := range obs {
		fmt.Fprintf(&b, "\t{name: %q, code: 0x%04X, cols: &columns{bits: %d, cipher: %q, mac: %q, keyx: %q}, seen: []capture{\n", o.name, o.code, o.bits, o.cipher, o.mac, o.keyx)
		for _, e := range o.eras {
			fmt.Fprintf(&b, "\t\t{file: %q, from: Version{%d, %d}, to: Version{%d, %d}}, // %s\n", e.file, e.fromMaj, e.fromMin, e.toMaj, e.toMin, e.why)
		}
		b.WriteString("\t}},\n")
	}
	b.WriteString("}\n\n// namedSuites are suites F5 names in a built-in cipher rule that no capture lists.\nvar namedSuites = []dataSuite{\n")
	for _, n := range nm {
		fmt.Fprintf(&b, "\t{name: %q, code: 0x%04X, source: %q},\n", n.name, n.code, n.source)
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
