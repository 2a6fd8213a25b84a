package cli

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The why fixtures ran on the real programs: nginx 1.22.1 wrote the logs
// (fixtures/why/nginx/capture.sh); the BIG-IP ltm lines follow F5's
// formats (fixtures/why/README.md).
var (
	whyNginx = []string{"why", "--now=2027-01-01T00:00:00Z", "--nginx-version", "1.22", "--no-system-roots",
		"--roots", "fixtures/why/nginx/certs/root.pem", "--log", "fixtures/why/nginx/error.log", "fixtures/why/nginx/nginx.conf"}
	whyStart = []string{"why", "--now=2027-01-01T00:00:00Z", "--nginx-version", "1.22", "--no-system-roots",
		"--log", "fixtures/why/nginx-start/error.log", "fixtures/why/nginx-start/nginx.conf"}
	whyBigIP = []string{"why", "--now=2027-01-01T00:00:00Z", "--no-system-roots",
		"--log", "fixtures/why/bigip/ltm", "fixtures/why/bigip/bigip.conf"}
)

func TestWhyGoldens(t *testing.T) {
	cases := []struct {
		golden string
		args   []string
	}{
		{"fixtures/why/nginx/expected.txt", whyNginx},
		{"fixtures/why/nginx/expected.json", append(append([]string{}, whyNginx...), "--format", "json")},
		{"fixtures/why/nginx-start/expected.txt", whyStart},
		{"fixtures/why/bigip/expected.txt", whyBigIP},
		{"fixtures/why/bigip/expected.json", append(append([]string{}, whyBigIP...), "--format", "json")},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			code, out, errs := run(t, "", nil, c.args...)
			if code != 1 {
				t.Errorf("exit %d, want 1: findings explain lines (stderr %q)", code, errs)
			}
			golden(t, c.golden, out)
			if _, again, _ := run(t, "", nil, c.args...); again != out {
				t.Error("output is not deterministic")
			}
		})
	}
}

func TestWhyJSONDocument(t *testing.T) {
	args := append(append([]string{}, whyNginx...), "--format", "json")
	_, out, _ := run(t, "", nil, args...)
	var doc struct {
		Findings  []map[string]any `json:"findings"`
		Diagnoses []struct {
			Log struct {
				File string `json:"file"`
				Line int    `json:"line"`
				Text string `json:"text"`
			} `json:"log"`
			Count       int              `json:"count"`
			Product     string           `json:"product"`
			Side        string           `json:"side"`
			Reason      string           `json:"reason"`
			Peer        string           `json:"peer"`
			Server      string           `json:"server"`
			Request     string           `json:"request"`
			Verdict     string           `json:"verdict"`
			ExplainedBy []map[string]any `json:"explained_by"`
			Hint        string           `json:"hint"`
		} `json:"diagnoses"`
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Summary["log_lines"] != 34 || doc.Summary["log_lines_ignored"] != 21 || len(doc.Findings) == 0 {
		t.Errorf("summary %v, %d findings", doc.Summary, len(doc.Findings))
	}
	d := doc.Diagnoses[0]
	if d.Reason != "wrong version number" || d.Count != 2 || d.Side != "upstream" || d.Product != "nginx" ||
		d.Peer != "127.42.0.2:80" || d.Server != "shop.example.test" || d.Request != "/legacy/report" ||
		d.Verdict != "explained" || d.Log.File != "fixtures/why/nginx/error.log" || d.Log.Line != 8 ||
		len(d.ExplainedBy) == 0 || d.ExplainedBy[0]["rule"] != "TL101" || d.ExplainedBy[0]["line"] != float64(24) {
		t.Errorf("first diagnosis: %+v", d)
	}
}

func TestWhyInputs(t *testing.T) {
	capture, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures/why/nginx/error.log"))
	if err != nil {
		t.Fatal(err)
	}
	conf := "fixtures/why/nginx/nginx.conf"
	common := []string{"why", "--now=2027-01-01T00:00:00Z", "--nginx-version", "1.22", "--no-system-roots", "--roots", "fixtures/why/nginx/certs/root.pem"}
	with := func(args ...string) []string { return append(append([]string{}, common...), args...) }

	// --log - reads standard input: the same diagnoses as the file
	code, out, errs := run(t, string(capture), nil, with("--log", "-", conf)...)
	if code != 1 || !strings.Contains(out, "<stdin>:8: 2× nginx upstream \"wrong version number\"") {
		t.Errorf("stdin: exit %d, %s%s", code, out, errs)
	}
	// a rotated, gzip-compressed log
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(capture)
	zw.Close()
	gzPath := filepath.Join(t.TempDir(), "error.log.2.gz")
	if err := os.WriteFile(gzPath, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = run(t, "", nil, with("--log", gzPath, conf)...)
	if code != 1 || !strings.Contains(out, "34 log lines: 21 ignored") {
		t.Errorf("gzip: exit %d, %s%s", code, out, errs)
	}
	// --line: one line; an unexplained one alone exits 0
	keyShare := `2026/12/06 03:17:28 [info] 3099#3099: *19 SSL_do_handshake() failed (SSL: error:0A000065:SSL routines::no suitable key share) while SSL handshaking, client: 127.0.0.1, server: 127.42.0.7:443`
	code, out, _ = run(t, "", nil, with("--line", keyShare, conf)...)
	if code != 0 || !strings.Contains(out, "unexplained") || !strings.Contains(out, `groups "X448" at fixtures/why/nginx/nginx.conf:95:9`) {
		t.Errorf("--line: exit %d, %s", code, out)
	}
	// --fail-on error: TL103 (a warning) explains the only line
	sni := `2026/12/06 03:17:28 [info] 3099#3099: *9 handshake rejected while SSL handshaking, client: 127.0.0.1, server: 127.42.0.3:443`
	if code, out, _ = run(t, "", nil, with("--fail-on", "error", "--line", sni, conf)...); code != 0 || !strings.Contains(out, "TL103") {
		t.Errorf("--fail-on error: exit %d, %s", code, out)
	}
	if code, _, _ = run(t, "", nil, with("--line", sni, conf)...); code != 1 {
		t.Errorf("default --fail-on warning: exit %d", code)
	}

	for _, c := range []struct {
		name string
		args []string
		err  string
	}{
		{"no log", with(conf), "no log given"},
		{"no path", with("--line", sni), "no PATH given"},
		{"missing log", with("--log", "fixtures/why/none.log", conf), "--log fixtures/why/none.log: no such file"},
		{"log is a directory", with("--log", "fixtures/why", conf), "a directory"},
		{"sarif", with("--format", "sarif", "--line", sni, conf), "expected text or json"},
		{"fix", with("--fix", "--line", sni, conf), "--fix and --diff belong to lint"},
		{"two stdins", with("--log", "-", "-"), "both want standard input"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := run(t, "", nil, c.args...)
			if code != 2 || !strings.Contains(errs, c.err) || out != "" {
				t.Errorf("exit %d, stderr %q, stdout %q", code, errs, out)
			}
		})
	}
	if code, out, _ := run(t, "", nil, "why", "--help"); code != 0 || !strings.Contains(out, "--log FILE|-") {
		t.Errorf("why --help: exit %d, %s", code, out)
	}
}
