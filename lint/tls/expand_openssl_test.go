package tls

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tlslint/tlslint/fixtures/shared"
)

// The differential test: every string below is expanded by us and by the
// real `openssl ciphers -v` on this machine, and the outputs must be
// identical line by line (names, order and columns), including rejections.
// We expand for the machine's version at its default build (Debian's 3.0:
// no RC4, 3DES, SEED, IDEA) with nothing restricted, and a sample again
// with the legacy provider loaded (OPENSSL_CONF pointing at a config that
// activates it), modelled as Debian's build: legacy-provider,no-idea.

// machineOpenSSL describes the openssl binary on this machine.
type machineOpenSSL struct {
	path   string
	target OpenSSL // version at the default build
	// legacyConf is an openssl.cnf that loads the default and legacy
	// providers ("" if it could not be written).
	legacyConf string
}

var (
	machineOnce sync.Once
	machine     *machineOpenSSL
	machineErr  string
)

// debianLegacy is the build this machine's openssl is with the legacy
// provider loaded: Debian configures no-idea (`openssl list -disabled`).
const debianLegacy = BuildLegacyProvider | BuildNoIDEA

const legacyConfText = `openssl_conf = openssl_init
[openssl_init]
providers = provider_sect
[provider_sect]
default = default_sect
legacy = legacy_sect
[default_sect]
activate = 1
[legacy_sect]
activate = 1
`

func requireOpenSSL(t testing.TB) *machineOpenSSL {
	t.Helper()
	machineOnce.Do(func() {
		path, err := exec.LookPath("openssl")
		if err != nil {
			machineErr = "no openssl binary on PATH: the differential test against `openssl ciphers -v` cannot run"
			return
		}
		out, err := exec.Command(path, "version").Output()
		if err != nil {
			machineErr = fmt.Sprintf("`openssl version` failed: %v", err)
			return
		}
		// "OpenSSL 3.0.19 27 Jan 2026 (Library: ...)"
		f := strings.Fields(string(out))
		if len(f) < 2 || f[0] != "OpenSSL" {
			machineErr = fmt.Sprintf("not OpenSSL (LibreSSL?): %q", out)
			return
		}
		target, err := ParseOpenSSL(f[1])
		if err != nil {
			machineErr = fmt.Sprintf("machine openssl %s: %v", f[1], err)
			return
		}
		m := &machineOpenSSL{path: path, target: target}
		if dir, err := os.MkdirTemp("", "tlslint-openssl"); err == nil {
			conf := filepath.Join(dir, "legacy.cnf")
			if os.WriteFile(conf, []byte(legacyConfText), 0o644) == nil {
				m.legacyConf = conf
			}
		}
		machine = m
	})
	if machine == nil {
		t.Skip(machineErr)
	}
	return machine
}

// codes returns the codes of the suites `openssl ciphers -V` lists for the
// string (under the config, "" for the system's).
func (m *machineOpenSSL) codes(t testing.TB, conf, s string) map[uint32]bool {
	t.Helper()
	cmd := exec.Command(m.path, "ciphers", "-V", s)
	if conf != "" {
		cmd.Env = append(os.Environ(), "OPENSSL_CONF="+conf)
	}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("openssl ciphers -V %s: %v", s, err)
	}
	codes := map[uint32]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		fs := strings.Fields(line)
		if len(fs) == 0 {
			continue
		}
		code, err := parseMachineCode(fs[0])
		if err != nil {
			t.Fatal(err)
		}
		codes[code] = true
	}
	return codes
}

func parseMachineCode(s string) (uint32, error) {
	var code uint32
	for _, p := range strings.Split(s, ",") {
		v, err := strconv.ParseUint(strings.TrimPrefix(p, "0x"), 16, 8)
		if err != nil {
			return 0, fmt.Errorf("cannot read suite code %q from openssl ciphers -V", s)
		}
		code = code<<8 | uint32(v)
	}
	return code, nil
}

// run returns what `openssl ciphers -v [-ciphersuites CS] STRING` prints
// under the config ("" for the system's), or the error kind it reports.
func (m *machineOpenSSL) run(conf, cipherString string, ciphersuites *string) (out string, errKind string) {
	args := []string{"ciphers", "-v"}
	if ciphersuites != nil {
		args = append(args, "-ciphersuites", *ciphersuites)
	}
	args = append(args, "--", cipherString)
	cmd := exec.Command(m.path, args...)
	if conf != "" {
		cmd.Env = append(os.Environ(), "OPENSSL_CONF="+conf)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		switch msg := stderr.String(); {
		case strings.Contains(msg, "no cipher match"):
			return "", "no cipher match"
		case strings.Contains(msg, "invalid command"):
			return "", "invalid command"
		default:
			return "", "other: " + strings.TrimSpace(msg)
		}
	}
	return stdout.String(), ""
}

// ours renders our expansion for the target the way run does.
func ours(target OpenSSL, cipherString string, cs []*Suite) (string, string) {
	e := ExpandWith(cipherString, target, ExpandOptions{Ciphersuites: cs})
	if e.Err != nil {
		var ce *CipherStringError
		if !errors.As(e.Err, &ce) {
			return "", "unexpected error type " + e.Err.Error()
		}
		return "", ce.Err.Error()
	}
	return FormatVFor(e.Suites, target), ""
}

func corpusDir(t testing.TB) string {
	d, _ := shared.Find("corpus")
	return d
}

var nginxCiphersRE = regexp.MustCompile(`(?m)^\s*(?:proxy_|grpc_|uwsgi_)?ssl_ciphers\s+(?:"([^"]*)"|'([^']*)'|([^;\s'"]+))\s*;`)

// corpusStrings returns the cipher strings of the corpus: ssl_ciphers-like
// directives of the nginx files and the Mozilla guidelines' OpenSSL lists.
func corpusStrings(t *testing.T) (lists []string, ciphersuites []string) {
	dir := corpusDir(t)
	if _, err := os.Stat(dir); err != nil {
		t.Logf("corpus %s absent (set TLSLINT_CORPUS): differential test runs on generated strings only", dir)
		return nil, nil
	}
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			lists = append(lists, s)
		}
	}
	_ = filepath.WalkDir(filepath.Join(dir, "nginx"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		for _, m := range nginxCiphersRE.FindAllStringSubmatch(string(b), -1) {
			v := m[1] + m[2] + m[3]
			if strings.Contains(v, "$") {
				continue // a variable, not a cipher string
			}
			add(v)
		}
		return nil
	})
	files, _ := filepath.Glob(filepath.Join(dir, "guidelines", "*", "*guidelines__*.json"))
	csSeen := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g struct {
			Configurations map[string]struct {
				Ciphers *struct {
					OpenSSL []string `json:"openssl"`
				} `json:"ciphers"`
				OpenSSLCiphers      []string        `json:"openssl_ciphers"`
				OpenSSLCiphersuites json.RawMessage `json:"openssl_ciphersuites"`
				Ciphersuites        json.RawMessage `json:"ciphersuites"`
			} `json:"configurations"`
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, c := range g.Configurations {
			if c.Ciphers != nil && len(c.Ciphers.OpenSSL) > 0 {
				add(strings.Join(c.Ciphers.OpenSSL, ":"))
			}
			if len(c.OpenSSLCiphers) > 0 {
				add(strings.Join(c.OpenSSLCiphers, ":"))
			}
			// 4.0 put the OpenSSL cipher string under "openssl_ciphersuites".
			var s string
			if json.Unmarshal(c.OpenSSLCiphersuites, &s) == nil && s != "" {
				add(s)
			}
			var tls13 []string
			if json.Unmarshal(c.Ciphersuites, &tls13) == nil && len(tls13) > 0 && strings.HasPrefix(tls13[0], "TLS_") {
				if cs := strings.Join(tls13, ":"); !csSeen[cs] {
					csSeen[cs] = true
					ciphersuites = append(ciphersuites, cs)
				}
			}
		}
	}
	return lists, ciphersuites
}

// generatedStrings builds combinations of every alias, operator and
// special command, plus deterministic random mixes.
func generatedStrings(m *machineOpenSSL) []string {
	var names []string
	for _, a := range aliases110 {
		names = append(names, a.name)
	}
	// Names OpenSSL 3 does not have, from 1.0.2 or elsewhere, and typos.
	names = append(names, "EXP", "EXPORT", "EXPORT40", "SSLv2", "DES", "kDH", "kECDH", "aDH", "KRB5",
		"GOST89", "aGOST", "TLSv1.1", "TLSv1.3", "DEFAULT", "aes", "Aes128", "ECDHE-RSA-AES128-GCM-SHA265")
	var out []string
	add := func(s ...string) { out = append(out, s...) }
	for _, n := range names {
		add(n, "ALL:!"+n, "ALL:-"+n, "ALL:+"+n, n+":@STRENGTH", "DEFAULT:!"+n, "DEFAULT:+"+n, "HIGH:"+n, "!"+n+":ALL",
			"-"+n+":"+n, n+":-"+n+":"+n)
	}
	for _, a := range []string{"ECDHE", "kEECDH", "EECDH", "DHE", "kDHE", "EDH", "RSA", "kRSA", "aRSA", "aECDSA", "PSK", "SRP", "aNULL", "ADH", "AECDH"} {
		for _, b := range []string{"AESGCM", "AES", "AES128", "AES256", "CHACHA20", "CAMELLIA", "ARIA", "SHA1", "SHA256", "SHA384", "HIGH", "MEDIUM", "TLSv1.2", "TLSv1", "SSLv3", "CBC", "aRSA", "COMPLEMENTOFDEFAULT", "eNULL"} {
			add(a+"+"+b, b+"+"+a, a+"+"+b+":"+b+":@STRENGTH", "!"+a+"+"+b+":ALL")
		}
	}
	// Every suite the generation has in some build (RC4, 3DES, SEED and
	// IDEA included: absent from the default build), by name, alone and in
	// chains.
	ms := Catalogue()
	sort.Slice(ms, func(i, j int) bool { return ms[i].Code < ms[j].Code })
	for _, s := range ms {
		name, ok := m.target.Knows(s)
		if !ok || s.TLS13() {
			continue
		}
		add(name, "ALL:!"+name, name+"+AES")
		if offered, _ := m.target.Offers(s); !offered {
			continue // fewer combinations: they all select nothing
		}
		add("AES+"+name, "-"+name+":ALL:"+name, "ALL:+"+name)
		if s.IANA != "" {
			add(s.IANA)
		}
	}
	// Grammar, separators, special commands and syntax errors.
	add("", " ", ":", "::", "HIGH::MEDIUM", "HIGH MEDIUM", "HIGH,MEDIUM", "HIGH;MEDIUM", " HIGH ", ",HIGH,",
		"!", "+", "-", "@", "!:", "AES:!", "AES+", "+AES", "AES++SHA", "AES_128", "AES$", "AES/SHA", "AES!RC4", "AES-RC4",
		"AES@STRENGTH", "@STRENGTH", "@STRENGTH+AES", "@strength", "@SECLEVEL", "@SECLEVEL=", "@SECLEVEL=0",
		"@SECLEVEL=1", "@SECLEVEL=2", "@SECLEVEL=3", "@SECLEVEL=4", "@SECLEVEL=5", "@SECLEVEL=6", "@SECLEVEL=12",
		"@SECLEVEL=-1", "SECLEVEL=2", "DEFAULT@SECLEVEL=2", "DEFAULT:@SECLEVEL=0", "HIGH:@SECLEVEL=1:!aNULL",
		"@FOO", "ALL@FOO", "DEFAULT", "DEFAULTX", "DEFAULT:", "DEFAULT::", "DEFAULT:!AES", "DEFAULT:AES",
		"!DEFAULT", "HIGH:DEFAULT", "DEFAULT:COMPLEMENTOFDEFAULT", "COMPLEMENTOFDEFAULT", "COMPLEMENTOFALL",
		"ALL:COMPLEMENTOFALL", "ALL:COMPLEMENTOFALL:@STRENGTH", "COMPLEMENTOFDEFAULT+HIGH", "HIGH+COMPLEMENTOFDEFAULT",
		"SUITEB128", "SUITEB128ONLY", "SUITEB128C2", "SUITEB192", "SUITEB128:!AES", "SUITEB192X", " SUITEB128",
		"HIGH:!aNULL:!MD5", "HIGH:!aNULL:!MD5:!RC4", "HIGH:MEDIUM:!aNULL:!MD5", "EECDH+AESGCM:EDH+AESGCM",
		"ECDHE:!COMPLEMENTOFDEFAULT", "ALL:!ADH:!EXPORT:!SSLv2:RC4+RSA:+HIGH:+MEDIUM:+LOW",
		"kEECDH+ECDSA+AES128:kEECDH+ECDSA+AES256:kEECDH+AES128:kEECDH+AES256:kEDH+AES128:kEDH+AES256:DES-CBC3-SHA:+SHA:!aNULL:!eNULL:!LOW:!kECDH:!DSS:!MD5:!RC4:!EXP:!PSK:!SRP:!CAMELLIA:!SEED",
		"EDH-RSA-DES-CBC3-SHA", "EDH-DSS-DES-CBC3-SHA", "DHE-RSA-DES-CBC3-SHA",
		"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", "ALL:!TLS_AES_128_GCM_SHA256",
		"ALL:+TLSv1.2", "TLSv1.2:+TLSv1", "TLSv1.0", "SSLv3:TLSv1.2", "-ALL", "!ALL", "!ALL:HIGH", "-HIGH:HIGH", "+HIGH",
		"ALL:+aNULL:+eNULL", "eNULL:aNULL", "NULL:@STRENGTH", "FIPS", "FIPS:!aNULL", "HIGH+FIPS", "MEDIUM", "LOW",
		"ECDHE-ECDSA-AES128-GCM-SHA256 ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256,ECDHE-RSA-AES128-GCM-SHA256")
	// Stray bytes (typographic quotes pasted from a document, a lone UTF-8
	// lead byte, other punctuation) after names that exist, names only
	// some builds have, names of no build, and exclusions of each: OpenSSL
	// skips an unknown word up to the next separator, stray bytes
	// included, but fails on a stray byte after a name it knows.
	strays := []string{"\u201d", "\u201c", "\u2019", "\xe2", "$", "/", "\t", "\"", "'", "%"}
	strayNames := []string{"RC4", "SEED", "IDEA", "RC2", "3DES", "DES", "EXPORT", "LOW", "CBC", "AES", "aNULL", "kECDH",
		"DES-CBC3-SHA", "RC4-SHA", "SEED-SHA", "IDEA-CBC-SHA", "ECDHE-RSA-AES128-GCM-SHA256", "EDH-RSA-DES-CBC3-SHA",
		"TLS_RSA_WITH_AES_128_CBC_SHA", "FOO", "@STRENGTH", "@SECLEVEL=1"}
	for i, n := range strayNames {
		for j, op := range []string{"", "!", "-", "+"} {
			if strings.HasPrefix(n, "@") && op != "" {
				continue
			}
			st := strays[(i+j)%len(strays)]
			add("AES:"+op+n+st+":HIGH", op+n+st+":AES", "AES:"+op+n+"\u201d")
		}
	}
	// Security levels written in the string next to names some builds lack.
	for _, n := range []string{"RC4", "3DES", "SEED", "IDEA", "aNULL", "EXPORT", "DES-CBC3-SHA"} {
		for _, lv := range []string{"0", "1", "2", "5"} {
			add("@SECLEVEL="+lv+":"+n+":AES", "DEFAULT:"+n+"@SECLEVEL="+lv)
		}
	}
	// Deterministic random mixes of operators and names.
	r := rand.New(rand.NewSource(20261122))
	ops := []string{"", "", "", "!", "-", "+"}
	seps := []string{":", ":", ":", " ", ",", ";"}
	pick := append(append([]string{}, names...), "ECDHE-RSA-AES128-GCM-SHA256", "AES256-SHA", "DHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "PSK-AES128-CBC-SHA")
	for i := 0; i < 400; i++ {
		var b strings.Builder
		if r.Intn(5) == 0 {
			b.WriteString("DEFAULT:")
		}
		for j, n := 0, 1+r.Intn(6); j < n; j++ {
			if j > 0 {
				b.WriteString(seps[r.Intn(len(seps))])
			}
			b.WriteString(ops[r.Intn(len(ops))])
			b.WriteString(pick[r.Intn(len(pick))])
			if r.Intn(4) == 0 {
				b.WriteString("+" + pick[r.Intn(len(pick))])
			}
		}
		if r.Intn(4) == 0 {
			b.WriteString(":@STRENGTH")
		}
		add(b.String())
	}
	return out
}

func TestExpandMatchesOpenSSL(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the differential test runs openssl a few thousand times (~15s)")
	}
	m := requireOpenSSL(t)
	corpus, corpusCS := corpusStrings(t)
	generated := generatedStrings(m)
	type job struct {
		s      string
		cs     *string
		origin string
		conf   string  // OPENSSL_CONF for openssl, "" for the system's
		target OpenSSL // what we expand for
	}
	var jobs []job
	seen := map[string]bool{}
	for _, s := range corpus {
		seen[s] = true
		jobs = append(jobs, job{s: s, origin: "corpus", target: m.target})
	}
	var fresh []string
	for _, s := range generated {
		if !seen[s] {
			seen[s] = true
			fresh = append(fresh, s)
			jobs = append(jobs, job{s: s, origin: "generated", target: m.target})
		}
	}
	// Ciphersuites: the guidelines' TLS 1.3 lists and a few edge cases.
	for _, cs := range append(corpusCS, "TLS_AES_128_CCM_SHA256:TLS_AES_128_GCM_SHA256",
		" TLS_AES_256_GCM_SHA384 : TLS_AES_128_GCM_SHA256 ", "TLS_AES_128_GCM_SHA256::FOO",
		"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "tls_aes_128_gcm_sha256:TLS_CHACHA20_POLY1305_SHA256") {
		cs := cs
		jobs = append(jobs, job{s: "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA", cs: &cs, origin: "ciphersuites", target: m.target})
	}
	// The legacy provider's build: the corpus, every string naming what
	// it changes (every 8th), and every 30th other string (a fixed sample, to keep the
	// test near its old ~12 s on two shared cores).
	if m.legacyConf != "" {
		legacy := m.target.WithBuild(debianLegacy)
		touches := regexp.MustCompile(`RC4|SEED|IDEA|RC2|DES|CBC|ALL|MEDIUM|COMPLEMENT|\x{201d}|\xe2`)
		for _, s := range corpus {
			jobs = append(jobs, job{s: s, origin: "legacy", conf: m.legacyConf, target: legacy})
		}
		for i, s := range fresh {
			if touches.MatchString(s) && i%8 == 0 || i%30 == 0 {
				jobs = append(jobs, job{s: s, origin: "legacy", conf: m.legacyConf, target: legacy})
			}
		}
	}

	type result struct {
		j        job
		rejected bool // openssl rejected the string
		mismatch string
	}
	results := make([]result, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 2; w++ { // the machine's two cores are shared
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				j := jobs[i]
				want, wantErr := m.run(j.conf, j.s, j.cs)
				results[i].j, results[i].rejected = j, wantErr != ""
				var cs []*Suite
				if j.cs != nil {
					var err error
					cs, err = ParseCiphersuitesFor(*j.cs, j.target)
					if err != nil {
						if wantErr == "" {
							results[i].mismatch = fmt.Sprintf("we reject Ciphersuites %q (%v), openssl accepts it", *j.cs, err)
						}
						continue
					}
				}
				got, gotErr := ours(j.target, j.s, cs)
				switch {
				case gotErr != wantErr:
					results[i].mismatch = fmt.Sprintf("error: ours %q, openssl %q", gotErr, wantErr)
				case got != want:
					results[i].mismatch = "output differs:\n" + lineDiff(got, want)
				}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()

	counts := map[string]int{}
	rejected, failed := 0, 0
	for _, r := range results {
		counts[r.j.origin]++
		if r.rejected {
			rejected++
		}
		if r.mismatch != "" {
			failed++
			if failed <= 25 {
				cs := ""
				if r.j.cs != nil {
					cs = fmt.Sprintf(" (Ciphersuites %q)", *r.j.cs)
				}
				t.Errorf("%s string %q%s: %s", r.j.origin, r.j.s, cs, r.mismatch)
			}
		}
	}
	t.Logf("compared %d strings with %s (OpenSSL %s, default build): %d from the corpus, %d generated, %d with Ciphersuites; %d more with the legacy provider loaded (build %s); %d rejected by openssl; %d mismatches",
		len(jobs)-counts["legacy"], m.path, m.target, counts["corpus"], counts["generated"], counts["ciphersuites"], counts["legacy"], debianLegacy, rejected, failed)
	if len(corpus) > 0 && counts["corpus"] == 0 {
		t.Error("corpus present but no cipher string found in it")
	}
}

// lineDiff shows the first differing lines of two outputs.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	n := len(g)
	if len(w) > n {
		n = len(w)
	}
	shown := 0
	for i := 0; i < n && shown < 6; i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			fmt.Fprintf(&b, "  line %d\n    ours:    %s\n    openssl: %s\n", i+1, gl, wl)
			shown++
		}
	}
	fmt.Fprintf(&b, "  (%d lines ours, %d openssl)", len(g)-1, len(w)-1)
	return b.String()
}
