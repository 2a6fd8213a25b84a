package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/why"
)

// WhyFormats lists the formats `tlslint why` writes.
var WhyFormats = []string{"text", "json"}

// WriteWhy renders a diagnosis run in the named format.
func WriteWhy(w io.Writer, format string, m *lint.Model, fs []lint.Finding, r *why.Result, o Options) error {
	fs, r = lint.Localize(fs, o.Lang), localizeWhy(r, o.Lang)
	switch format {
	case "text":
		return WhyText(w, m, r, o)
	case "json":
		return WhyJSON(w, m, fs, r, o)
	}
	return fmt.Errorf("unknown output format %q for why: expected %s", format, strings.Join(WhyFormats, ", "))
}

// localizeWhy returns r with the explaining findings and the hints in l.
func localizeWhy(r *why.Result, l lint.Lang) *why.Result {
	if l == "" || l == lint.English {
		return r
	}
	c := *r
	c.Diagnoses = make([]*why.Diagnosis, len(r.Diagnoses))
	for i, d := range r.Diagnoses {
		dc := *d
		dc.ExplainedBy = lint.Localize(d.ExplainedBy, l)
		if !d.HintMsg.IsZero() {
			dc.Hint = d.HintMsg.In(l)
		}
		c.Diagnoses[i] = &dc
	}
	return &c
}

// WhyJSON writes the lint document of CLI.md plus "diagnoses", and
// "log_lines"/"log_lines_ignored" in summary (CLI.md "Diagnosis"). Choices
// the example leaves open: peer, server, request and subject are omitted
// when empty, explained_by is always an array, an explaining finding
// carries rule, name, severity, message, file, line, column and related
// (never its fixes: those are in findings).
func WhyJSON(w io.Writer, m *lint.Model, fs []lint.Finding, r *why.Result, o Options) error {
	c := count(fs)
	var j jsonWriter
	j.open('{')
	j.key("tool")
	j.open('{')
	j.strField("name", "tlslint", false)
	j.strField("version", o.ToolVersion, false)
	j.close('}')
	j.key("findings")
	j.open('[')
	for _, f := range sorted(fs, false) {
		j.item()
		j.finding(toJSON(f))
	}
	j.close(']')
	j.key("diagnoses")
	j.open('[')
	for _, d := range r.Diagnoses {
		j.item()
		j.diagnosis(d)
	}
	j.close(']')
	j.key("summary")
	j.open('{')
	j.numField("files", fileCount(m), false)
	j.numField("errors", c.errors, false)
	j.numField("warnings", c.warnings, false)
	j.numField("infos", c.infos, false)
	j.numField("log_lines", r.Lines, false)
	j.numField("log_lines_ignored", r.Ignored, false)
	j.close('}')
	j.close('}')
	j.buf.WriteByte('\n')
	_, err := w.Write(j.buf.Bytes())
	return err
}

func (j *jsonWriter) diagnosis(d *why.Diagnosis) {
	j.open('{')
	j.key("log")
	j.open('{')
	j.strField("file", d.File, false)
	j.numField("line", d.Line, false)
	j.strField("text", d.Text, false)
	j.close('}')
	j.numField("count", d.Count, false)
	j.strField("product", d.Product, false)
	j.strField("side", d.Side, false)
	j.strField("reason", d.Reason, false)
	j.strField("peer", d.Peer, true)
	j.strField("server", d.Server, true)
	j.strField("request", d.Request, true)
	j.strField("subject", d.Subject, true)
	j.strField("verdict", d.Verdict, false)
	j.key("explained_by")
	j.open('[')
	for _, f := range d.ExplainedBy {
		jf := toJSON(f)
		j.item()
		j.open('{')
		j.strField("rule", jf.Rule, false)
		j.strField("name", jf.Name, false)
		j.strField("severity", jf.Severity, false)
		j.strField("file", jf.File, true)
		j.numField("line", jf.Line, true)
		j.numField("column", jf.Column, true)
		j.strField("message", jf.Message, false)
		j.related(jf.Related)
		j.close('}')
	}
	j.close(']')
	j.strField("hint", d.Hint, false)
	j.close('}')
}

// WhyText writes one block per diagnosis, most frequent first:
//
//	error.log:5: 2× nginx upstream "wrong version number" at 127.42.0.2:80 (server shop.example.test, request /legacy/report)
//	  | 2026/12/06 03:16:07 [error] 30700#30700: *1 SSL_do_handshake() failed …
//	  = subject: server shop.example.test:443 > location /legacy/
//	  explained by:
//	    nginx.conf:24:43: error TL101 upstream-tls-to-plain-port: proxy_pass opens TLS to …
//	        24 |             proxy_pass https://127.42.0.2:80;
//	  hint: TL101 at nginx.conf:24:43: use port 443
//
// then a summary line. Log text is shown with control bytes escaped.
func WhyText(w io.Writer, m *lint.Model, r *why.Result, o Options) error {
	p := textPrinter{color: o.Color, lang: o.Lang}
	b := &p.b
	explained := 0
	for _, d := range r.Diagnoses {
		head := fmt.Sprintf("%s:%d: %d× %s %s %q", d.File, d.Line, d.Count, d.Product, d.Side, d.Reason)
		if d.Peer != "" {
			head += lint.Msgf(" at %s", d.Peer).In(o.Lang)
		}
		var ctx []string
		if d.Server != "" {
			ctx = append(ctx, lint.Msgf("server %s", d.Server).In(o.Lang))
		}
		if d.Request != "" {
			ctx = append(ctx, lint.Msgf("request %s", d.Request).In(o.Lang))
		}
		if len(ctx) > 0 {
			head += " (" + strings.Join(ctx, ", ") + ")"
		}
		b.WriteString(p.paint(sgrBold, head) + "\n")
		b.WriteString("  | " + printable(d.Text, 600) + "\n")
		if d.Subject != "" {
			b.WriteString(lint.Msgf("  = subject: %s\n", d.Subject).In(o.Lang))
		}
		if d.Verdict == why.Explained {
			explained++
			b.WriteString("  " + p.paint(sgrGreen, lint.Msgf("explained by:").In(o.Lang)) + "\n")
			for _, f := range d.ExplainedBy {
				b.WriteString("    ")
				if loc := location(f.Pos); loc != "" {
					b.WriteString(loc + ": ")
				}
				b.WriteString(p.severity(f.Severity) + " " + strings.TrimSpace(f.Rule+" "+f.Name) + ": " + f.Message + "\n")
				if src := source(m, f.Pos.File); src != nil && f.Pos.IsValid() {
					fmt.Fprintf(b, "        %d | %s\n", f.Pos.Line, strings.TrimSpace(src.Line(int(f.Pos.Line))))
				}
			}
		} else {
			b.WriteString("  " + p.paint(sgrYellow, lint.Msgf("unexplained:").In(o.Lang)) + " " + lint.Msgf("no finding in the config explains this line").In(o.Lang) + "\n")
		}
		b.WriteString("  " + p.paint(sgrCyan, lint.Msgf("hint:").In(o.Lang)) + " " + d.Hint + "\n\n")
	}
	lines := 0
	for _, d := range r.Diagnoses {
		lines += d.Count
	}
	b.WriteString(lint.Msgf("%d log lines: %d ignored, %d handshake failures in %d diagnoses (%d explained, %d unexplained)\n",
		r.Lines, r.Ignored, lines, len(r.Diagnoses), explained, len(r.Diagnoses)-explained).In(o.Lang))
	return writeAll(w, b.String())
}

// printable escapes control bytes and invalid UTF-8 (a request line in a
// log holds whatever a client sent) and cuts the text at max runes.
func printable(s string, max int) string {
	var b strings.Builder
	n := 0
	for i, r := range s {
		if n == max {
			b.WriteString("…")
			break
		}
		n++
		switch {
		case r == '\uFFFD' && len(s) > i && s[i] != 0xEF:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
