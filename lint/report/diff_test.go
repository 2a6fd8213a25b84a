package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func numbered(from, to int) string {
	var b strings.Builder
	for i := from; i <= to; i++ {
		fmt.Fprintf(&b, "line %d;\n", i)
	}
	return b.String()
}

var diffCases = []struct {
	name string
	a, b string
	want string // exact output; "" to check only that it applies
}{
	{
		name: "one changed line in the middle",
		a:    "user nginx;\nhttp {\n    ssl_protocols TLSv1 TLSv1.2;\n    server {\n        listen 443 ssl;\n    }\n}\n",
		b:    "user nginx;\nhttp {\n    ssl_protocols TLSv1.2 TLSv1.3;\n    server {\n        listen 443 ssl;\n    }\n}\n",
		want: "--- a/nginx.conf\n+++ b/nginx.conf\n@@ -1,6 +1,6 @@\n user nginx;\n http {\n-    ssl_protocols TLSv1 TLSv1.2;\n+    ssl_protocols TLSv1.2 TLSv1.3;\n     server {\n         listen 443 ssl;\n     }\n",
	},
	{
		name: "two changes far apart make two hunks",
		a:    numbered(1, 20),
		b:    strings.Replace(strings.Replace(numbered(1, 20), "line 2;", "line two;", 1), "line 18;", "line eighteen;", 1),
		want: "--- a/nginx.conf\n+++ b/nginx.conf\n" +
			"@@ -1,5 +1,5 @@\n line 1;\n-line 2;\n+line two;\n line 3;\n line 4;\n line 5;\n" +
			"@@ -15,6 +15,6 @@\n line 15;\n line 16;\n line 17;\n-line 18;\n+line eighteen;\n line 19;\n line 20;\n",
	},
	{
		name: "changes six lines apart share a hunk",
		a:    numbered(1, 12),
		b:    strings.Replace(strings.Replace(numbered(1, 12), "line 3;", "line three;", 1), "line 10;", "line ten;", 1),
		want: "--- a/nginx.conf\n+++ b/nginx.conf\n@@ -1,12 +1,12 @@\n line 1;\n line 2;\n-line 3;\n+line three;\n line 4;\n line 5;\n line 6;\n line 7;\n line 8;\n line 9;\n-line 10;\n+line ten;\n line 11;\n line 12;\n",
	},
	{
		name: "insertion at the start",
		a:    "b;\nc;\n",
		b:    "a;\nb;\nc;\n",
		want: "--- a/nginx.conf\n+++ b/nginx.conf\n@@ -1,2 +1,3 @@\n+a;\n b;\n c;\n",
	},
	{
		name: "pure insertion after line 5 of 10",
		a:    numbered(1, 10),
		b:    strings.Replace(numbered(1, 10), "line 5;\n", "line 5;\nproxy_ssl_server_name on;\n", 1),
		want: "--- a/nginx.conf\n+++ b/nginx.conf\n@@ -3,6 +3,7 @@\n line 3;\n line 4;\n line 5;\n+proxy_ssl_server_name on;\n line 6;\n line 7;\n line 8;\n",
	},
	{
		name: "deletion at the end",
		a:    "a;\nb;\nc;\n",
		b:    "a;\nb;\n",
		want: "--- a/nginx.conf\n+++ b/nginx.conf\n@@ -1,3 +1,2 @@\n a;\n b;\n-c;\n",
	},
	{
		name: "one-line file replaced",
		a:    "ssl on;\n",
		b:    "listen 443 ssl;\n",
		want: "--- a/nginx.conf\n+++ b/nginx.conf\n@@ -1 +1 @@\n-ssl on;\n+listen 443 ssl;\n",
	},
	{
		name: "old file lacks the final newline",
		a:    "a;\nb;",
		b:    "a;\nb;\n",
		want: "--- a/nginx.conf\n+++ b/nginx.conf\n@@ -1,2 +1,2 @@\n a;\n-b;\n\\ No newline at end of file\n+b;\n",
	},
	{
		name: "new file lacks the final newline",
		a:    "a;\nb;\n",
		b:    "a;\nc;",
		want: "--- a/nginx.conf\n+++ b/nginx.conf\n@@ -1,2 +1,2 @@\n a;\n-b;\n+c;\n\\ No newline at end of file\n",
	},
	{
		name: "neither has a final newline, change before it",
		a:    "a;\nb;\nc;",
		b:    "A;\nb;\nc;",
		want: "--- a/nginx.conf\n+++ b/nginx.conf\n@@ -1,3 +1,3 @@\n-a;\n+A;\n b;\n c;\n\\ No newline at end of file\n",
	},
	{
		name: "empty file filled",
		a:    "",
		b:    "a;\nb;\n",
		want: "--- a/nginx.conf\n+++ b/nginx.conf\n@@ -0,0 +1,2 @@\n+a;\n+b;\n",
	},
	{
		name: "file emptied",
		a:    "a;\n",
		b:    "",
		want: "--- a/nginx.conf\n+++ b/nginx.conf\n@@ -1 +0,0 @@\n-a;\n",
	},
	{
		name: "repeated lines and CRLF",
		a:    "x\r\n}\r\n}\r\nx\r\n}\r\n",
		b:    "x\r\n}\r\ny\r\n}\r\nx\r\n}\r\n",
	},
	{
		name: "many scattered edits in a long file",
		a:    numbered(1, 200),
		b: func() string {
			s := numbered(1, 200)
			for _, n := range []int{1, 7, 15, 16, 50, 57, 58, 120, 199, 200} {
				s = strings.Replace(s, fmt.Sprintf("line %d;\n", n), fmt.Sprintf("line %d changed;\nline %d added;\n", n, n), 1)
			}
			return strings.Replace(s, "line 100;\n", "", 1)
		}(),
	},
}

func TestUnifiedDiff(t *testing.T) {
	for _, tt := range diffCases {
		t.Run(tt.name, func(t *testing.T) {
			got := UnifiedDiff("a/nginx.conf", "b/nginx.conf", []byte(tt.a), []byte(tt.b))
			if tt.want != "" && got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if again := UnifiedDiff("a/nginx.conf", "b/nginx.conf", []byte(tt.a), []byte(tt.b)); again != got {
				t.Errorf("not deterministic")
			}
			checkApplies(t, tt.a, tt.b, got)
		})
	}
}

func TestUnifiedDiffEqual(t *testing.T) {
	if got := UnifiedDiff("a/x", "b/x", []byte("same\n"), []byte("same\n")); got != "" {
		t.Errorf("equal inputs: %q", got)
	}
	if got := UnifiedDiff("prod", "staging", []byte("a\n"), []byte("b\n")); !strings.HasPrefix(got, "--- prod\n+++ staging\n@@ -1 +1 @@\n") {
		t.Errorf("labels are used verbatim: %q", got)
	}
}

// checkApplies applies the diff with git apply and, when installed, GNU
// patch in temporary directories, and checks that the result is b.
func checkApplies(t *testing.T, a, b, diff string) {
	t.Helper()
	type tool struct {
		name  string
		check []string
		apply []string
	}
	tools := []tool{
		{"git", []string{"apply", "--check", "-"}, []string{"apply", "-"}},
		{"patch", []string{"-p1", "--dry-run", "--batch", "--silent"}, []string{"-p1", "--batch", "--silent"}},
	}
	for _, tl := range tools {
		bin, err := exec.LookPath(tl.name)
		if err != nil {
			t.Logf("%s not installed: not checked with it", tl.name)
			continue
		}
		dir := t.TempDir()
		file := filepath.Join(dir, "nginx.conf")
		if err := os.WriteFile(file, []byte(a), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{tl.check, tl.apply} {
			cmd := exec.Command(bin, args...)
			cmd.Dir = dir
			cmd.Stdin = strings.NewReader(diff)
			// git apply outside a repository must not look for one above
			// the temp dir.
			cmd.Env = append(os.Environ(), "GIT_CEILING_DIRECTORIES="+filepath.Dir(dir))
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s %s: %v\n%s\ndiff:\n%s", tl.name, strings.Join(args, " "), err, out, diff)
			}
		}
		got, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, []byte(b)) {
			t.Errorf("%s applied the diff to %q, want %q", tl.name, got, b)
		}
	}
}

// applyUnified applies a diff produced by UnifiedDiff to a, checking every
// context and removed line against it: an independent reading of the
// format, for the fuzz test.
func applyUnified(a, diff string) (string, error) {
	if diff == "" {
		return a, nil
	}
	old := strings.SplitAfter(a, "\n")
	if old[len(old)-1] == "" {
		old = old[:len(old)-1]
	}
	lines := strings.SplitAfter(diff, "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		return "", fmt.Errorf("bad header")
	}
	var out []string
	pos := 0 // next old line to copy
	var last *string
	for _, l := range lines[2:] {
		switch {
		case l == "":
		case strings.HasPrefix(l, "@@ "):
			var os, ol, ns, nl int
			if _, err := fmt.Sscanf(normalizeHeader(l), "@@ -%d,%d +%d,%d @@", &os, &ol, &ns, &nl); err != nil {
				return "", fmt.Errorf("bad hunk header %q: %v", l, err)
			}
			start := os - 1
			if ol == 0 {
				start = os
			}
			if start < pos {
				return "", fmt.Errorf("hunks overlap or go backwards at %q", l)
			}
			out = append(out, old[pos:start]...)
			pos = start
			last = nil
		case l == "\\ No newline at end of file\n":
			if last == nil {
				return "", fmt.Errorf("stray no-newline marker")
			}
			*last = strings.TrimSuffix(*last, "\n")
		case l[0] == ' ' || l[0] == '-':
			if pos >= len(old) || old[pos] != l[1:] && old[pos] != strings.TrimSuffix(l[1:], "\n") {
				return "", fmt.Errorf("line %d does not match %q", pos+1, l)
			}
			if l[0] == ' ' {
				out = append(out, old[pos])
				last = &out[len(out)-1]
			} else {
				s := ""
				last = &s
			}
			pos++
		case l[0] == '+':
			out = append(out, l[1:])
			last = &out[len(out)-1]
		default:
			return "", fmt.Errorf("bad line %q", l)
		}
	}
	out = append(out, old[pos:]...)
	return strings.Join(out, ""), nil
}

// normalizeHeader writes the ",1" a one-line range leaves out.
func normalizeHeader(h string) string {
	f := strings.Fields(h)
	for i := 1; i <= 2 && i < len(f); i++ {
		if !strings.Contains(f[i], ",") {
			f[i] += ",1"
		}
	}
	return strings.Join(f, " ")
}

func FuzzUnifiedDiff(f *testing.F) {
	for _, tt := range diffCases {
		f.Add(tt.a, tt.b)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if hasSecret(a) || hasSecret(b) {
			t.Skip("key material: the diff is refused, not printed (TestDiffRefusesKeyMaterial)")
		}
		d := UnifiedDiff("a/x", "b/x", []byte(a), []byte(b))
		if (d == "") != (a == b) {
			t.Fatalf("empty diff iff equal inputs: %q", d)
		}
		got, err := applyUnified(a, d)
		if err != nil {
			t.Fatalf("%v\ndiff:\n%s", err, d)
		}
		if got != b {
			t.Fatalf("applying the diff gives %q, want %q\ndiff:\n%s", got, b, d)
		}
	})
}

// A hunk that would show key material is refused with a note, and names
// with spaces end with a TAB (as git writes them) so patch -p1 reads them.
func TestDiffRefusesKeyMaterial(t *testing.T) {
	a := "ssl_protocols TLSv1;\nssl_certificate_key \"data:-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\n-----END PRIVATE KEY-----\";\n"
	b := strings.Replace(a, "TLSv1;", "TLSv1.2;", 1)
	d := UnifiedDiff("a/my site.conf", "b/my site.conf", []byte(a), []byte(b))
	if strings.Contains(d, "MIGHAgEA") || !strings.HasPrefix(d, "# tlslint: the fix of my site.conf changes lines that hold private-key material") {
		t.Errorf("diff:\n%s", d)
	}
	d = UnifiedDiff("a/my site.conf", "b/my site.conf", []byte("x\n"), []byte("y\n"))
	if !strings.HasPrefix(d, "--- a/my site.conf\t\n+++ b/my site.conf\t\n") {
		t.Errorf("names with spaces:\n%s", d)
	}
}
