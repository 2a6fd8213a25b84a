package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// GitHub writes one GitHub Actions workflow command per finding
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions),
// which the runner turns into annotations on the pull request:
//
//	::error file=conf.d/app.conf,line=8,col=9,endLine=8,endColumn=46,title=TL101 upstream-tls-to-plain-port::proxy_pass opens TLS to …
//
// Info findings are notices. The message carries what the text format
// prints under a finding (subject, notes, detail, fixes) on further lines;
// the source excerpt is left out because the annotation sits on the line.
// Nothing else is printed: every output line is a command.
func GitHub(w io.Writer, m *lint.Model, fs []lint.Finding, o Options) error {
	var b strings.Builder
	for _, f := range sorted(fs, false) {
		cmd := "warning"
		switch f.Severity {
		case lint.Error:
			cmd = "error"
		case lint.Info:
			cmd = "notice"
		}
		var props []string
		if f.Pos.File != "" {
			props = append(props, "file="+escapeProperty(f.Pos.File))
		}
		if f.Pos.IsValid() {
			props = append(props, "line="+strconv.Itoa(int(f.Pos.Line)), "col="+strconv.Itoa(int(f.Pos.Col)))
			if f.Pos.EndLine > 0 {
				props = append(props, "endLine="+strconv.Itoa(int(f.Pos.EndLine)), "endColumn="+strconv.Itoa(int(f.Pos.EndCol)))
			}
		}
		props = append(props, "title="+escapeProperty(strings.TrimSpace(f.Rule+" "+f.Name)))
		b.WriteString("::" + cmd + " " + strings.Join(props, ",") + "::" + escapeData(githubMessage(f)) + "\n")
	}
	return writeAll(w, b.String())
}

func githubMessage(f lint.Finding) string {
	lines := []string{f.Message}
	if f.Subject != "" {
		lines = append(lines, "subject: "+f.Subject)
	}
	for _, r := range f.Related {
		if loc := location(r.Pos); loc != "" {
			lines = append(lines, "note: "+loc+": "+r.Message)
		} else {
			lines = append(lines, "note: "+r.Message)
		}
	}
	if d := strings.TrimRight(f.Detail, "\n"); d != "" {
		lines = append(lines, d)
	}
	for _, fx := range f.Fixes {
		lines = append(lines, "fix: "+fx.Description+" ("+string(fx.Safety)+")")
	}
	return strings.Join(lines, "\n")
}

// escapeData and escapeProperty follow @actions/core's command.ts
// (escapeData, escapeProperty), which is what the runner unescapes: "%",
// CR and LF in both; ":" and "," only in properties, where they would end a
// value. (A Replacer works in one pass, so the "%" of an escape is never
// escaped again.) A message may hold "::" safely because the runner splits
// at the first "::" after the properties.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
