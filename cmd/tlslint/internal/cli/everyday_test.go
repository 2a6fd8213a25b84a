package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestCommandHelp(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"ciphers", "--help"}, "usage: tlslint ciphers [--openssl-version"},
		{[]string{"ciphers", "-h", "ALL"}, "usage: tlslint ciphers"},
		{[]string{"explain", "--help"}, "usage: tlslint explain ID|NAME"},
		{[]string{"rules", "-help"}, "usage: tlslint rules [--format text|json]"},
		{[]string{"clients", "--help"}, "usage: tlslint clients [PRESET]"},
		{[]string{"version", "--help"}, "usage: tlslint version"},
		{[]string{"completion", "--help"}, "usage: tlslint completion bash|zsh|fish"},
		{[]string{"help", "ciphers"}, "usage: tlslint ciphers"},
		{[]string{"lint", "--help"}, "lint flags (flags may come before or after paths)"},
		{[]string{"--help"}, "tlslint completion bash|zsh|fish"},
		{[]string{"nginx.conf", "--help"}, "--format FORMAT"},
	} {
		code, out, errs := run(t, "", nil, tt.args...)
		if code != 0 || !strings.Contains(out, tt.want) || errs != "" {
			t.Errorf("tlslint %s: exit %d, stdout %q, stderr %q; want %q", strings.Join(tt.args, " "), code, out, errs, tt.want)
		}
	}
	// after "--" a "--help" is a path, not a request for help
	code, _, errs := run(t, "", nil, "explain", "--", "--help")
	if code != 2 || !strings.Contains(errs, `no rule "--help"`) {
		t.Errorf("explain -- --help: exit %d, %s", code, errs)
	}
}

func TestVersion(t *testing.T) {
	defer func(f func() (*debug.BuildInfo, bool)) { readBuildInfo = f }(readBuildInfo)
	// what `go install github.com/tlslint/tlslint/cmd/tlslint@v0.3.0` records: a module version, no VCS stamp
	readBuildInfo = func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/tlslint/tlslint", Version: "v0.3.0"}}, true
	}
	_, out, _ := run(t, "", nil, "version")
	want := "tlslint 0.3.0\nmodule: github.com/tlslint/tlslint v0.3.0\ngo: go1.26.8\n" +
		"targets: nginx 1.28 (default; knows defaults of 1.x), OpenSSL 3.0 at security level 2 (default), BIG-IP 17.1 (default)\n"
	if out != want {
		t.Errorf("installed from the proxy:\n%s\nwant:\n%s", out, want)
	}
	// a build from a dirty checkout with VCS stamping
	readBuildInfo = func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/tlslint/tlslint", Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0a1bb49c"},
				{Key: "vcs.time", Value: "2026-12-06T02:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}, true
	}
	_, out, _ = run(t, "", nil, "version")
	if !strings.Contains(out, "module: github.com/tlslint/tlslint (devel)\nrevision: 0a1bb49c 2026-12-06T02:00:00Z (modified)\n") {
		t.Errorf("stamped build:\n%s", out)
	}
	// no build info at all (a binary built without module support)
	readBuildInfo = func() (*debug.BuildInfo, bool) { return nil, false }
	_, out, _ = run(t, "", nil, "version")
	if strings.Contains(out, "module:") || !strings.HasPrefix(out, "tlslint 0.3.0\ntargets: ") {
		t.Errorf("without build info:\n%s", out)
	}
}

func TestCompletionArgs(t *testing.T) {
	for _, args := range [][]string{{"completion"}, {"completion", "powershell"}, {"completion", "bash", "zsh"}} {
		if code, _, errs := run(t, "", nil, args...); code != 2 || !strings.Contains(errs, "bash, zsh or fish") {
			t.Errorf("%v: exit %d, %s", args, code, errs)
		}
	}
}

// completeBash sources the script in real bash, checks that `complete -p`
// names the function, and returns what it offers for the words.
func completeBash(t *testing.T, script string, words ...string) []string {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tlslint.bash"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"site.conf", "nginx.conf"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var quoted []string
	for _, w := range words {
		quoted = append(quoted, "'"+w+"'")
	}
	cmd := exec.Command(bash, "--norc", "--noprofile", "-c", `source ./tlslint.bash || exit 3
complete -p tlslint || exit 4
COMP_WORDS=(`+strings.Join(quoted, " ")+`); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_tlslint
printf '%s\n' "${COMPREPLY[@]}"`)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if lines[0] != "complete -o bashdefault -o filenames -F _tlslint tlslint" {
		t.Fatalf("complete -p tlslint: %q", lines[0])
	}
	return lines[1:]
}

func TestCompletionBash(t *testing.T) {
	_, script, _ := run(t, "", nil, "completion", "bash")
	for _, tt := range []struct {
		words []string
		want  string
	}{
		{[]string{"tlslint", "--format", ""}, "text json sarif github gitlab checkstyle"},
		{[]string{"tlslint", "site.conf", "--fail-on", "w"}, "warning"},
		{[]string{"tlslint", "--fa"}, "--fail-on"},
		{[]string{"tlslint", "ci"}, "ciphers"},
		{[]string{"tlslint", "n"}, "nginx.conf"},
		{[]string{"tlslint", "s"}, "site.conf"},
		{[]string{"tlslint", "explain", "TL10"}, "TL101 TL102 TL103 TL104 TL105 TL106 TL107 TL108 TL109"},
		{[]string{"tlslint", "explain", "upstream-sni-m"}, "upstream-sni-missing"},
		{[]string{"tlslint", "completion", ""}, "bash zsh fish"},
		{[]string{"tlslint", "clients", "m"}, "modern"},
		{[]string{"tlslint", "rules", "--format", ""}, "text json"},
		{[]string{"tlslint", "--disable", "TL20"}, "TL201 TL202 TL203 TL204 TL205 TL206 TL207 TL208 TL209"},
		{[]string{"tlslint", "nginx.conf", "ci"}, ""}, // a path position: no command names after the first word
	} {
		got := strings.Join(completeBash(t, script, tt.words...), " ")
		if got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.words, got, tt.want)
		}
	}
}

func TestCompletionZshFish(t *testing.T) {
	dir := t.TempDir()
	if zsh, err := exec.LookPath("zsh"); err == nil {
		_, script, _ := run(t, "", nil, "completion", "zsh")
		p := filepath.Join(dir, "_tlslint")
		if err := os.WriteFile(p, []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(zsh, "-f", "-c", "autoload -U compinit && compinit -u -D && source "+p+" && print -r -- $_comps[tlslint]").CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "_tlslint" {
			t.Errorf("zsh: %v\n%s", err, out)
		}
	} else {
		t.Log("zsh is not installed: zsh script not checked")
	}
	if fish, err := exec.LookPath("fish"); err == nil {
		_, script, _ := run(t, "", nil, "completion", "fish")
		p := filepath.Join(dir, "tlslint.fish")
		if err := os.WriteFile(p, []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(fish, "--no-config", "-c", "source "+p+"; complete -C 'tlslint --format '; complete -C 'tlslint explain TL31'").CombinedOutput()
		if err != nil {
			t.Fatalf("fish: %v\n%s", err, out)
		}
		got := string(out)
		for _, w := range []string{"gitlab\n", "checkstyle\n", "TL310\n"} {
			if !strings.Contains(got, w) {
				t.Errorf("fish offers no %q:\n%s", w, got)
			}
		}
	} else {
		t.Log("fish is not installed: fish script not checked")
	}
}
