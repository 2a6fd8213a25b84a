package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

// TestJapaneseGoldens: the Japanese text report of an nginx and a BIG-IP
// fixture, checked like the English goldens (-update rewrites them).
func TestJapaneseGoldens(t *testing.T) {
	cases := []struct {
		golden string
		args   []string
	}{
		{"fixtures/nginx/broken-proxy/expected.ja.txt", withRoots(now, "--lang", "ja", "fixtures/nginx/broken-proxy")},
		{"fixtures/bigip/multi-partition/expected.ja.txt", []string{now, "--lang", "ja", "--no-system-roots", "--roots", "fixtures/bigip/multi-partition/roots.pem", "fixtures/bigip/multi-partition.ucs"}},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			code, out, errs := run(t, "", nil, c.args...)
			if code != 1 {
				t.Errorf("exit %d, want 1 (stderr %q)", code, errs)
			}
			golden(t, c.golden, out)
			// what operators grep for stays verbatim
			for _, verbatim := range []string{"error TL", "warning TL"} {
				if !strings.Contains(out, verbatim) {
					t.Errorf("no %q in the Japanese report", verbatim)
				}
			}
			if !strings.Contains(out, "エラー") || !strings.Contains(out, "ファイル") {
				t.Errorf("the summary line is not in Japanese:\n%s", lastLine(out))
			}
		})
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestJapaneseKeepsEnglishQuotes: OpenSSL and nginx error strings, directive
// names and rule IDs are quoted as they are inside the Japanese sentences.
func TestJapaneseKeepsEnglishQuotes(t *testing.T) {
	_, out, _ := run(t, "", nil, withRoots(now, "--lang", "ja", "fixtures/nginx/broken-proxy")...)
	for _, want := range []string{
		`すべてのリクエストが "wrong version number" で失敗します`,
		`"400 The plain HTTP request was sent to HTTPS port"`,
		"proxy_ssl_verify は既定で off",
		"TL101 upstream-tls-to-plain-port:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
}

// TestJSONFollowsLanguage: --format json in Japanese has the same keys,
// rule IDs, names, severities and positions as in English; only messages
// and fix descriptions change.
func TestJSONFollowsLanguage(t *testing.T) {
	args := withRoots(now, "--format", "json", "fixtures/nginx/broken-proxy")
	_, en, _ := run(t, "", nil, args...)
	_, ja, _ := run(t, "", nil, append(args, "--lang", "ja")...)
	var de, dj map[string]any
	if err := json.Unmarshal([]byte(en), &de); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(ja), &dj); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ja, "すべてのリクエストが") {
		t.Error("JSON messages are not in Japanese")
	}
	strip := func(v any) any {
		var walk func(any) any
		walk = func(v any) any {
			switch v := v.(type) {
			case map[string]any:
				out := map[string]any{}
				for k, x := range v {
					if k == "message" || k == "description" {
						out[k] = "…"
						continue
					}
					out[k] = walk(x)
				}
				return out
			case []any:
				out := make([]any, len(v))
				for i, x := range v {
					out[i] = walk(x)
				}
				return out
			}
			return v
		}
		return walk(v)
	}
	if !reflect.DeepEqual(strip(de), strip(dj)) {
		t.Error("the Japanese JSON differs from the English one in more than messages and fix descriptions")
	}
}

// TestExplainJapanese: explain --lang ja renders the rule page in
// Japanese; the ID, name, example and references do not change.
func TestExplainJapanese(t *testing.T) {
	code, out, _ := run(t, "", nil, "explain", "TL101", "--lang", "ja")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"# TL101 upstream-tls-to-plain-port", "## 何が壊れるか", "## 修正方法",
		`"SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number)"`, "proxy_pass https://backend.internal:80;",
		"# tlslint:ignore TL101"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain --lang ja lacks %q:\n%s", want, out)
		}
	}
	if _, en, _ := run(t, "", nil, "explain", "TL101"); !strings.Contains(en, "## What breaks") || strings.Contains(en, "何が") {
		t.Errorf("explain without --lang is not English:\n%s", en)
	}
}

// TestLangSelection: --lang, then lang in .tlslint.hcl, then LC_ALL,
// LC_MESSAGES, LANG (the first set one decides), else English.
func TestLangSelection(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "ja.hcl")
	if err := os.WriteFile(cfg, []byte("lang = \"ja\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.hcl")
	if err := os.WriteFile(bad, []byte("lang = \"fr\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const ja, en = "エラー", "error"
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string // the summary line contains it
	}{
		{"default", nil, nil, en},
		{"LANG=ja_JP.UTF-8", map[string]string{"LANG": "ja_JP.UTF-8"}, nil, ja},
		{"LC_MESSAGES=ja_JP.UTF-8", map[string]string{"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, nil, ja},
		{"LC_ALL=C over LANG=ja", map[string]string{"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, nil, en},
		{"LC_ALL=ja over LANG=C", map[string]string{"LC_ALL": "ja_JP.eucJP", "LANG": "C"}, nil, ja},
		{"LANG=POSIX", map[string]string{"LANG": "POSIX"}, nil, en},
		{"unknown locale", map[string]string{"LANG": "fr_FR.UTF-8"}, nil, en},
		{"--lang en over LANG=ja", map[string]string{"LANG": "ja_JP.UTF-8"}, []string{"--lang", "en"}, en},
		{"--lang ja", nil, []string{"--lang=ja"}, ja},
		{"config lang", nil, []string{"--config", cfg}, ja},
		{"config over LANG=C", map[string]string{"LANG": "C"}, []string{"--config", cfg}, ja},
		{"--lang en over config", nil, []string{"--config", cfg, "--lang", "en"}, en},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append(withRoots(now, "fixtures/nginx/broken-proxy"), c.args...)
			code, out, errs := run(t, "", c.env, args...)
			if code != 1 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if last := lastLine(out); !strings.Contains(last, c.want) {
				t.Errorf("summary %q, want it to contain %q", last, c.want)
			}
		})
	}
	if code, _, errs := run(t, "", nil, append(withRoots(now, "fixtures/nginx/broken-proxy"), "--lang", "fr")...); code != 2 || !strings.Contains(errs, "--lang") {
		t.Errorf("--lang fr: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := run(t, "", nil, append(withRoots(now, "fixtures/nginx/broken-proxy"), "--config", bad)...); code != 2 || !strings.Contains(errs, "lang") {
		t.Errorf("lang = \"fr\" in the config: exit %d, stderr %q", code, errs)
	}
}

// TestDocsJA keeps docs/ja/rules/*.md generated from the rule metadata and
// the Japanese catalogue (go test ./cmd/tlslint/internal/cli -run TestDocsJA -update).
func TestDocsJA(t *testing.T) {
	if *update {
		if err := os.MkdirAll(filepath.Join(repoRoot(t), "docs", "ja", "rules"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range lint.Rules() {
		var b bytes.Buffer
		WriteRulePageIn(&b, r, lint.Japanese)
		golden(t, filepath.Join("docs", "ja", "rules", r.ID+".md"), b.String())
	}
}

// TestUsageErrorsJapanese: an invocation error is in the language of the
// --lang flag or the locale, read before the flags are parsed.
func TestUsageErrorsJapanese(t *testing.T) {
	code, _, errs := run(t, "", nil, "--lang", "ja", "--fix", "--diff", "fixtures/nginx/broken-proxy")
	if code != 2 || !strings.Contains(errs, "--fix と --diff は同時に指定できません") || !strings.Contains(errs, "'tlslint --help'") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	code, _, errs = run(t, "", map[string]string{"LANG": "ja_JP.UTF-8"}, "explain")
	if code != 2 || !strings.Contains(errs, "explain にはルール ID") {
		t.Errorf("LANG=ja: exit %d, stderr %q", code, errs)
	}
	if _, _, errs = run(t, "", map[string]string{"LANG": "ja_JP.UTF-8"}, "explain", "--lang=en"); !strings.Contains(errs, "explain takes one rule ID") {
		t.Errorf("--lang=en over LANG=ja: stderr %q", errs)
	}
}

// TestDriftJapanese: tlslint drift --lang ja explains the differences in
// Japanese (pinned like the English golden); the keys of the normalized
// views, the environment names and the unified diff stay as they are.
func TestDriftJapanese(t *testing.T) {
	cfg := filepath.Join(repoRoot(t), "fixtures/drift/nginx/.tlslint.hcl")
	code, out, errs := run(t, "", nil, driftArgs("--config", cfg, "--lang", "ja")...)
	if code != 1 || errs != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, errs, out)
	}
	golden(t, "fixtures/drift/nginx/expected.ja.txt", out)
	_, en, _ := run(t, "", nil, driftArgs("--config", cfg)...)
	for _, want := range []string{
		"warning TL401 environment-drift: staging は production と異なる TLS を提示しています（protocols, certificate）",
		"中間証明書を取得しないクライアントは staging で失敗します",
		"production (server app.example.com:443 > location /api/): ここで verify を設定",
		"info TL402 environment-object-missing: server partners.example.com:8443 は production にありますが staging にはありません",
		"-verify: on\n",
		"+protocols: TLSv1.2 TLSv1.3\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	// the diffs are data: the same lines in both languages
	diffLines := func(s string) (out []string) {
		for _, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(l, "      ") {
				out = append(out, l)
			}
		}
		return out
	}
	if !reflect.DeepEqual(diffLines(out), diffLines(en)) || len(diffLines(en)) < 10 {
		t.Errorf("the unified diffs differ between English and Japanese")
	}
}

// TestSARIFHelpJapanese: the rules' help in SARIF has its section headings
// in the run's language, like the texts under them.
func TestSARIFHelpJapanese(t *testing.T) {
	help := func(lang string) string {
		_, out, _ := run(t, "", nil, withRoots(now, "--format", "sarif", "--lang", lang, "fixtures/nginx/broken-proxy")...)
		var doc struct {
			Runs []struct {
				Tool struct {
					Driver struct {
						Rules []struct {
							ID   string
							Help struct{ Text, Markdown string }
						}
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Runs) != 1 {
			t.Fatalf("%s: %v", lang, err)
		}
		for _, r := range doc.Runs[0].Tool.Driver.Rules {
			if r.ID == "TL101" {
				return r.Help.Markdown
			}
		}
		t.Fatalf("%s: no TL101 in the SARIF rules", lang)
		return ""
	}
	en, ja := help("en"), help("ja")
	for _, h := range []string{"## Why\n", "## Example\n", "## Fix\n", "## References\n"} {
		if !strings.Contains(en, h) {
			t.Errorf("English help lacks %q:\n%s", h, en)
		}
	}
	for _, h := range []string{"## 理由\n", "## 例\n", "## 修正方法\n", "## 参考資料\n"} {
		if !strings.Contains(ja, h) {
			t.Errorf("Japanese help lacks %q:\n%s", h, ja)
		}
	}
	if strings.Contains(ja, "## Why") {
		t.Errorf("Japanese help has an English heading:\n%s", ja)
	}
}
