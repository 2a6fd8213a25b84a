package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"
)

// TestFormatGitLabPaths: GitLab links location.path from the repository
// root, wherever tlslint runs: from a subdirectory, paths still start at the
// root; CI_PROJECT_DIR, when set, is the root.
func TestFormatGitLabPaths(t *testing.T) {
	root := repoRoot(t)
	sub := filepath.Join(root, "fixtures", "nginx")
	lintAt := func(cwd string, env map[string]string) []map[string]any {
		var out, errb bytes.Buffer
		args := []string{"--roots", filepath.Join(root, "fixtures/certs/test-root.pem"), "--no-system-roots", now, "--format", "gitlab", "broken-proxy"}
		code := Main(args, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
			Getenv: func(k string) string { return env[k] }, Cwd: cwd})
		if code != 1 {
			t.Fatalf("exit %d, stderr %s", code, errb.String())
		}
		var issues []map[string]any
		if err := json.Unmarshal(out.Bytes(), &issues); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		return issues
	}
	issues := lintAt(sub, nil)
	if len(issues) == 0 {
		t.Fatal("no issues for broken-proxy")
	}
	for _, is := range issues {
		p := is["location"].(map[string]any)["path"].(string)
		if !strings.HasPrefix(p, "fixtures/nginx/broken-proxy/") {
			t.Errorf("path %q is not relative to the repository root", p)
		}
	}
	issues = lintAt(sub, map[string]string{"CI_PROJECT_DIR": filepath.Join(root, "fixtures")})
	if p := issues[0]["location"].(map[string]any)["path"].(string); !strings.HasPrefix(p, "nginx/broken-proxy/") {
		t.Errorf("with CI_PROJECT_DIR: path %q", p)
	}
}

func TestFormatCheckstyle(t *testing.T) {
	code, out, errs := run(t, "", nil, withRoots(now, "--format", "checkstyle", "fixtures/nginx/broken-proxy")...)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Files []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Source string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal([]byte(out), &r); err != nil || len(r.Files) == 0 {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.HasPrefix(r.Files[0].Name, "fixtures/nginx/broken-proxy/") || !strings.HasPrefix(r.Files[0].Errors[0].Source, "tlslint.TL") {
		t.Errorf("first file %+v", r.Files[0])
	}
}

func TestFormatUnknown(t *testing.T) {
	code, _, errs := run(t, "", nil, "--format", "junit", "fixtures/nginx/broken-proxy")
	if code != 2 || !strings.Contains(errs, `--format "junit": expected text, json, sarif, github, gitlab, checkstyle`) {
		t.Errorf("exit %d: %s", code, errs)
	}
}
