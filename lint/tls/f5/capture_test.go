package f5

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/fixtures/shared"
)

func dataDir(t testing.TB) string { return filepath.Join(shared.Dir(t, "data"), "f5") }

// indexedRow is a capture row with the index tmm printed before it.
type indexedRow struct {
	n   int
	row Row
}

// readCapture parses a capture file: comment lines, a header, rows. The
// pastebin capture is a Python string repr ('... \n ...'), unfolded here.
func readCapture(t *testing.T, path string) []indexedRow {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "'") || strings.HasPrefix(l, ">>>") {
			if strings.HasPrefix(l, ">>>") {
				continue
			}
			l = strings.Trim(l, "'")
			lines = append(lines, strings.Split(l, `\n`)...)
			continue
		}
		lines = append(lines, l)
	}
	var out []indexedRow
	for i, l := range lines {
		f := strings.Fields(l)
		if len(f) == 0 || !strings.HasSuffix(f[0], ":") {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSuffix(f[0], ":"))
		if err != nil {
			continue
		}
		rows, err := ParseTmm(l)
		if err != nil {
			t.Fatalf("%s line %d: %v", filepath.Base(path), i+1, err)
		}
		out = append(out, indexedRow{n, rows[0]})
	}
	if len(out) == 0 {
		t.Fatalf("%s: no rows", filepath.Base(path))
	}
	return out
}

// captureCases names every capture file of the data folder with the cipher
// string tmm expanded and the releases it stands for (the generator's eraOf;
// version ranges are inferred, A1). total is the row count when the capture
// is complete or states it; 0 when unknown.
var captureCases = []struct {
	file     string
	cipher   string
	versions []Version
	total    int
}{
	{"likely-14.1.x__DEFAULT.txt", "DEFAULT", []Version{{14, 1}}, 60},
	{"unknown-12.1+__DEFAULT__PARTIAL-first20.txt", "DEFAULT", []Version{{12, 1}, {13, 0}, {13, 1}}, 0},
	// 96 rows: the README of SalesAmerSP/f5_ssl_cipher_report prints rows 0..95.
	{"unknown-15.x-17.x__DEFAULT__PARTIAL-rows-0-1-94-95.txt", "DEFAULT", []Version{{16, 0}, {16, 1}, {17, 0}, {17, 1}, {17, 5}}, 96},
	{"unknown-11.x-12.x__serverciphers__bang-TLSv1__ECDHE.txt", "!TLSv1:ECDHE", pre13, 10},
	{"unknown-11.x-12.x__serverciphers__bang-EDH__RSA.txt", "!EDH:RSA", pre13, 47},
	{"unknown-11.x-12.x__serverciphers__ECDHE__bang-RSA.txt", "ECDHE:!RSA", pre13, 13},
	{"unknown-11.x-12.x__serverciphers__clientssl-secure_ecdhe_rsa_bang-sslv3_bang-rc4_bang-exp_bang-des.txt", "ecdhe:rsa:!sslv3:!rc4:!exp:!des", pre13, 35},
}

var pre13 = []Version{{11, 4}, {11, 5}, {11, 6}, {12, 0}, {12, 1}}

// TestCaptures: for every capture, the expansion has the same rows (suite,
// protocol, and the suite's ID, BITS, CIPHER, MAC, KEYX) at the same
// positions, and as many rows in all when the capture says how many.
func TestCaptures(t *testing.T) {
	dir := dataDir(t)
	for _, tc := range captureCases {
		want := readCapture(t, filepath.Join(dir, tc.file))
		if tc.total > 0 && want[len(want)-1].n != tc.total-1 {
			t.Fatalf("%s: last row is %d, the case says %d rows", tc.file, want[len(want)-1].n, tc.total)
		}
		for _, v := range tc.versions {
			t.Run(tc.file+"@"+v.String(), func(t *testing.T) {
				e := Expand(tc.cipher, v)
				if e.Err != nil {
					t.Fatal(e.Err)
				}
				if tc.total > 0 && len(e.Rows) != tc.total {
					t.Errorf("%d rows, capture has %d:\n%s", len(e.Rows), tc.total, FormatTmm(e.Rows))
				}
				for _, w := range want {
					if w.n >= len(e.Rows) {
						t.Errorf("row %d %s: expansion has only %d rows", w.n, w.row, len(e.Rows))
						continue
					}
					got := e.Rows[w.n]
					if got.String() != w.row.String() {
						t.Errorf("row %d: got %s, capture has %s", w.n, got, w.row)
						continue
					}
					g, c := got.Suite, w.row.Suite
					if g.Code != c.Code || g.Bits != c.Bits || g.Cipher != c.Cipher || g.MAC != c.MAC || g.KeyX != c.KeyX {
						t.Errorf("row %d %s: columns %d %d %s %s %s, capture %d %d %s %s %s", w.n, got,
							g.Code, g.Bits, g.Cipher, g.MAC, g.KeyX, c.Code, c.Bits, c.Cipher, c.MAC, c.KeyX)
					}
				}
			})
		}
	}
}

// TestCapturesCovered: every capture file in the data folder is in
// captureCases, so a new capture cannot be skipped silently.
func TestCapturesCovered(t *testing.T) {
	dir := dataDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		base := filepath.Base(f)
		if strings.Contains(base, "builtin_cipher_rules") {
			continue
		}
		if !slices.ContainsFunc(captureCases, func(c struct {
			file     string
			cipher   string
			versions []Version
			total    int
		}) bool {
			return c.file == base
		}) {
			t.Errorf("capture %s is not validated (add it to captureCases)", base)
		}
	}
}

// TestObservedSuitesResolve: every suite the captures list is in the
// database with the columns tmm printed and the generated mapping agrees
// with the catalogue of package tls (same IANA code).
func TestObservedSuitesResolve(t *testing.T) {
	dir := dataDir(t)
	for _, tc := range captureCases {
		for _, w := range readCapture(t, filepath.Join(dir, tc.file)) {
			s := SuiteByName(w.row.Suite.Name)
			if s == nil {
				t.Errorf("%s: %s not in the database", tc.file, w.row.Suite.Name)
				continue
			}
			if s != w.row.Suite {
				t.Errorf("%s: %s parsed to a Suite other than the database's (columns differ?)", tc.file, s.Name)
			}
			if s.TLS == nil || s.TLS.Code != uint32(s.Code) {
				t.Errorf("%s: %s does not map to catalogue code %#04x", tc.file, s.Name, s.Code)
			}
			if !s.Observed {
				t.Errorf("%s: %s not marked observed", tc.file, s.Name)
			}
		}
	}
}

// corpusCipherStrings returns the distinct cipher strings of the BIG-IP
// configurations in ../shared/corpus/bigip (or $TLSLINT_CORPUS/bigip): the
// `ciphers` of SSL profiles and the `cipher` of cipher rules, "none" left out.
func corpusCipherStrings(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join(shared.Dir(t, "corpus"), "bigip")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus %s absent (set TLSLINT_CORPUS): corpus strings not checked", dir)
	}
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".json") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, l := range strings.Split(string(b), "\n") {
			f := strings.Fields(l)
			if len(f) == 2 && (f[0] == "ciphers" || f[0] == "cipher") && f[1] != "none" && !slices.Contains(out, f[1]) {
				out = append(out, f[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
