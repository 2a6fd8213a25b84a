package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// The GitLab Code Quality report (artifacts:reports:codequality), a subset
// of the Code Climate issue format. GitLab documents the fields it reads
// (docs.gitlab.com, ci/testing/code_quality, "Code Quality report format"):
// description, check_name, fingerprint, severity (info, minor, major,
// critical, blocker), location.path (relative to the repository root) and
// location.lines.begin. GitLab treats issues with the same fingerprint as
// one, and compares fingerprints between the base and the head pipeline of
// a merge request to tell new issues from fixed ones.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

// GitLabSeverity maps tlslint's severities onto GitLab's scale: an error
// breaks handshakes for every client (critical), a warning for some of them
// or weakens them (major), info is info. minor and blocker are not used.
func GitLabSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "critical"
	case lint.Warning:
		return "major"
	}
	return "info"
}

// GitLab writes the Code Quality JSON array: one issue per unsuppressed
// finding, in the order of lint.SortFindings, "[]" when there are none.
//
// location.path is relative to the repository root (Options.RepoRoot; the
// working directory when empty), as GitLab links it into the merge request
// diff. A finding inside an archive (backup.ucs!config/bigip.conf) is
// placed on the archive, line 1, and its description names the member and
// line. A finding without a file (an internal error) is placed on ".".
//
// The fingerprint is stable across runs and does not move with line
// numbers: it hashes the rule, the repository-relative path (the member
// included), the subject, and the finding's anchor, which is the text of the
// configuration the finding points at with whitespace collapsed (e.g.
// "proxy_pass https://backend.internal:80;"), never the message (messages
// may be reworded or translated). Findings that would still collide (the
// same rule on two identical lines of one server) get their rank among
// those as a suffix, so every fingerprint of a report is unique.
func GitLab(w io.Writer, m *lint.Model, fs []lint.Finding, o Options) error {
	issues := []gitlabIssue{}
	seen := map[string]int{}
	for _, f := range sorted(fs, false) {
		path, member, line := gitlabPlace(m, f.Pos, o)
		desc := strings.TrimSpace(f.Rule+" "+f.Name) + ": " + f.Message
		if f.Subject != "" {
			desc += " (" + f.Subject + ")"
		}
		if member != "" {
			desc += " [in " + location(f.Pos) + "]"
		}
		key := strings.Join([]string{f.Rule, path, member, f.Subject, anchor(m, f.Pos)}, "\x00")
		n := seen[key]
		seen[key] = n + 1
		if n > 0 {
			key += "\x00" + strconv.Itoa(n)
		}
		sum := sha256.Sum256([]byte(key))
		is := gitlabIssue{Description: desc, CheckName: "tlslint." + f.Rule, Fingerprint: hex.EncodeToString(sum[:16]),
			Severity: GitLabSeverity(f.Severity), Location: gitlabLocation{Path: path, Lines: gitlabLines{Begin: line}}}
		if member == "" && f.Pos.EndLine > f.Pos.Line {
			is.Location.Lines.End = int(f.Pos.EndLine)
		}
		issues = append(issues, is)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(issues); err != nil {
		return err
	}
	return writeAll(w, b.String())
}

// gitlabPlace returns the repository-relative path GitLab shows, the
// archive member when the finding is inside an archive, and the line.
func gitlabPlace(m *lint.Model, p lint.Pos, o Options) (path, member string, line int) {
	if p.File == "" {
		return ".", "", 1
	}
	name := p.File
	if archive, mem, ok := splitArchive(m, name); ok {
		name, member = archive, mem
	}
	line = int(p.Line)
	if line < 1 || member != "" {
		line = 1
	}
	return repoRelative(name, o), member, line
}

// splitArchive splits "backup.ucs!config/bigip.conf" into the archive and
// the member. A name is an archive member when it has a "!" and its source
// has no path on disk (a plain file whose name holds "!" has one).
func splitArchive(m *lint.Model, name string) (archive, member string, ok bool) {
	i := strings.Index(name, "!")
	if i <= 0 || i == len(name)-1 {
		return "", "", false
	}
	if src := source(m, name); src != nil && src.Path != "" {
		return "", "", false
	}
	return name[:i], name[i+1:], true
}

// repoRelative turns a display name (relative to o.Cwd, or absolute) into a
// slash path relative to o.RepoRoot. A file outside the repository keeps
// its absolute path: there is nothing in the repository to link it to.
func repoRelative(name string, o Options) string {
	root := o.RepoRoot
	if root == "" {
		root = o.Cwd
	}
	if root == "" {
		return filepath.ToSlash(name)
	}
	abs := filepath.FromSlash(name)
	if !filepath.IsAbs(abs) {
		if o.Cwd == "" {
			return filepath.ToSlash(name)
		}
		abs = filepath.Join(o.Cwd, abs)
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// anchor is the configuration text a finding points at, whitespace
// collapsed, at most 512 bytes: what stays the same when lines above it are
// added or removed.
func anchor(m *lint.Model, p lint.Pos) string {
	src := source(m, p.File)
	if src == nil || p.Offset < 0 || p.End <= p.Offset || int(p.End) > len(src.Data) {
		return ""
	}
	text := strings.Join(strings.Fields(string(src.Data[p.Offset:p.End])), " ")
	if len(text) > 512 {
		text = text[:512]
	}
	return text
}
