package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tlslint/tlslint/lint"
)

// ANSI SGR sequences, the subset every terminal tlslint runs in supports.
const (
	sgrReset  = "\x1b[0m"
	sgrBold   = "\x1b[1m"
	sgrRed    = "\x1b[1;31m"
	sgrYellow = "\x1b[1;33m"
	sgrCyan   = "\x1b[1;36m"
	sgrGreen  = "\x1b[1;32m"
	sgrBlue   = "\x1b[1;34m"
)

// Text writes findings the way a compiler does:
//
//	conf.d/app.conf:8:9: error TL101 upstream-tls-to-plain-port: proxy_pass opens TLS to …
//	    8 |         proxy_pass https://backend.internal:80;
//	      |                    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~
//	  = subject: server app.example.com:443 > location /legacy/
//	  note: nginx.conf:3:5: ssl_protocols set here
//	      <the finding's Detail, indented>
//	  fix: use port 443 (safe)
//
// one blank line after each finding, then a summary line. Suppressed
// findings are left out of both.
func Text(w io.Writer, m *lint.Model, fs []lint.Finding, o Options) error {
	p := textPrinter{color: o.Color, secrets: secretIndex{}, lang: o.Lang}
	for _, f := range sorted(fs, false) {
		p.finding(m, f)
	}
	p.summary(count(fs), fileCount(m))
	return writeAll(w, p.b.String())
}

type textPrinter struct {
	b       strings.Builder
	color   bool
	secrets secretIndex
	lang    lint.Lang
}

func (p *textPrinter) paint(sgr, s string) string {
	if !p.color || s == "" {
		return s
	}
	return sgr + s + sgrReset
}

func (p *textPrinter) finding(m *lint.Model, f lint.Finding) {
	b := &p.b
	if loc := location(f.Pos); loc != "" {
		b.WriteString(p.paint(sgrBold, loc+":"))
		b.WriteByte(' ')
	}
	b.WriteString(p.severity(f.Severity))
	b.WriteByte(' ')
	b.WriteString(p.paint(sgrBold, strings.TrimSpace(f.Rule+" "+f.Name)+":"))
	b.WriteByte(' ')
	b.WriteString(f.Message)
	b.WriteByte('\n')
	p.excerpt(source(m, f.Pos.File), f.Pos)
	if f.Subject != "" {
		b.WriteString(lint.Msgf("  = subject: %s\n", f.Subject).In(p.lang))
	}
	for _, r := range f.Related {
		b.WriteString("  " + p.paint(sgrCyan, lint.Msgf("note:").In(p.lang)) + " ")
		if loc := location(r.Pos); loc != "" {
			b.WriteString(loc + ": ")
		}
		b.WriteString(r.Message + "\n")
	}
	if d := strings.TrimRight(f.Detail, "\n"); d != "" {
		for _, line := range strings.Split(d, "\n") {
			if line == "" {
				b.WriteByte('\n')
				continue
			}
			b.WriteString("      " + line + "\n")
		}
	}
	for _, fx := range f.Fixes {
		safety := lint.Msgf("safe")
		if fx.Safety == lint.Unsafe {
			safety = lint.Msgf("unsafe")
		}
		fmt.Fprintf(b, "  %s %s (%s)\n", p.paint(sgrGreen, lint.Msgf("fix:").In(p.lang)), fx.Description, safety.In(p.lang))
	}
	b.WriteByte('\n')
}

// location renders file:line:col, or just the file, or nothing.
func location(pos lint.Pos) string {
	if pos.IsValid() {
		return pos.String()
	}
	return pos.File
}

func (p *textPrinter) severity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return p.paint(sgrRed, "error")
	case lint.Warning:
		return p.paint(sgrYellow, "warning")
	case lint.Info:
		return p.paint(sgrBlue, "info")
	}
	return s.String()
}

// excerpt prints the first line of pos with a caret under its columns. The
// caret line copies the tabs of the source line and puts one space per
// other character before the caret, so the caret sits under the right
// character whatever the terminal's tab width. (Characters that take two
// cells, as CJK ideographs do, are not measured; configuration files
// rarely hold them before a finding.)
func (p *textPrinter) excerpt(src *lint.Source, pos lint.Pos) {
	if src == nil || !pos.IsValid() || int(pos.Line) > src.Lines() {
		return
	}
	line := src.Line(int(pos.Line))
	if strings.TrimSpace(line) == "" {
		return
	}
	start := clamp(int(pos.Col)-1, 0, len(line))
	end := len(line)
	if pos.EndLine == pos.Line {
		end = clamp(int(pos.EndCol)-1, start, len(line))
	}
	// the line as shown: cut around the column, key material masked
	line, start, end = excerptLine(src, p.secrets.of, int(pos.Line), start, end)
	var caret strings.Builder
	for _, r := range line[:start] {
		if r == '\t' {
			caret.WriteByte('\t')
		} else {
			caret.WriteByte(' ')
		}
	}
	under := "^"
	for i, r := range line[start:end] {
		if i == 0 {
			continue
		}
		if r == '\t' {
			under += "\t"
		} else {
			under += "~"
		}
	}
	gutter := fmt.Sprintf("%5d", pos.Line)
	blank := strings.Repeat(" ", len(gutter))
	fmt.Fprintf(&p.b, "%s | %s\n", gutter, sanitize(line))
	fmt.Fprintf(&p.b, "%s | %s%s\n", blank, caret.String(), p.paint(sgrGreen, under))
}

// sanitize replaces control characters other than tab, so that a stray
// escape sequence in a configuration file cannot drive the terminal, and
// invalid UTF-8, so the excerpt stays valid text. Both keep one column per
// character, which the caret line relies on.
func sanitize(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t') || c == 0x7f {
			clean = false
			break
		}
	}
	if clean && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == utf8.RuneError, r < 0x20 && r != '\t', r == 0x7f:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

func (p *textPrinter) summary(c counts, files int) {
	where := lint.Msgf("%d files", files)
	if files == 1 {
		where = lint.Msgf("1 file")
	}
	var line lint.Msg
	if c.errors+c.warnings+c.infos == 0 {
		line = lint.Msgf("no findings in %s", where)
	} else {
		errs, warns, infos := lint.Msgf("%d errors", c.errors), lint.Msgf("%d warnings", c.warnings), lint.Msgf("%d infos", c.infos)
		if c.errors == 1 {
			errs = lint.Msgf("1 error")
		}
		if c.warnings == 1 {
			warns = lint.Msgf("1 warning")
		}
		if c.infos == 1 {
			infos = lint.Msgf("1 info")
		}
		line = lint.Msgf("%s, %s, %s in %s", errs, warns, infos, where)
	}
	if c.suppressed > 0 {
		line = lint.Join(line, lint.Msgf(" (%d suppressed)", c.suppressed))
	}
	p.b.WriteString(line.In(p.lang))
	p.b.WriteByte('\n')
}
