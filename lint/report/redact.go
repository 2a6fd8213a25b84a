package report

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// Redaction: no output tlslint writes shows key material. Findings quote
// input (a data: value, a token) and the text format prints the source
// line under each finding; a one-line AS3 declaration (what Terraform's
// jsonencode writes) holds its privateKey on the very line every finding
// points at. Write passes every finding through redactFindings before any
// format sees it, the text excerpt cuts and masks the line it prints, and
// UnifiedDiff refuses to print a hunk that would show key material.

// redacted stands for removed key material.
const redacted = "[redacted]"

var (
	// A PEM private key (PKCS #1/#8, EC, encrypted, OpenSSH) with real or
	// JSON-escaped newlines; without its END line the rest of the input
	// is treated as key.
	pemKeyRe = regexp.MustCompile(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----`)
	pemEndRe = regexp.MustCompile(`-----END [A-Z0-9 ]*PRIVATE KEY-----`)
	// AS3 secrets: Certificate.privateKey, passphrase and its ciphertext
	// (AS3 schema, Certificate class and Secret object).
	jsonSecretRe = regexp.MustCompile(`"(privateKey|passphrase|ciphertext|password|secret)"\s*:\s*"`)
	// tmsh: client-ssl / cert-key-chain passphrases ("passphrase $M$...").
	tmshSecretRe = regexp.MustCompile(`\bpassphrase\s+`)
)

// secretRanges returns the byte ranges of key material in s, sorted and
// merged.
func secretRanges(s string) [][2]int {
	var out [][2]int
	for _, loc := range pemKeyRe.FindAllStringIndex(s, -1) {
		end := len(s)
		if e := pemEndRe.FindStringIndex(s[loc[1]:]); e != nil {
			end = loc[1] + e[0]
		}
		out = append(out, [2]int{loc[1], end})
	}
	for _, loc := range jsonSecretRe.FindAllStringIndex(s, -1) {
		i := loc[1]
		for i < len(s) && s[i] != '"' {
			if s[i] == '\\' {
				i++
			}
			i++
		}
		out = append(out, [2]int{loc[1], min(i, len(s))})
	}
	for _, loc := range tmshSecretRe.FindAllStringIndex(s, -1) {
		i := loc[1]
		for i < len(s) && !strings.ContainsRune(" \t\r\n}", rune(s[i])) {
			i++
		}
		out = append(out, [2]int{loc[1], i})
	}
	return merge(out)
}

func merge(rs [][2]int) [][2]int {
	if len(rs) < 2 {
		return dropEmpty(rs)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i][0] < rs[j][0] })
	out := rs[:1]
	for _, r := range rs[1:] {
		last := &out[len(out)-1]
		if r[0] <= last[1] {
			last[1] = max(last[1], r[1])
			continue
		}
		out = append(out, r)
	}
	return dropEmpty(out)
}

func dropEmpty(rs [][2]int) [][2]int {
	out := rs[:0]
	for _, r := range rs {
		if r[1] > r[0] {
			out = append(out, r)
		}
	}
	return out
}

// hasSecret reports key material in s.
func hasSecret(s string) bool {
	// Every pattern needs one of these words: most texts (every message
	// of every finding, 10,000 virtual servers' worth) are cleared by a
	// substring search instead of three regular expressions.
	if !strings.Contains(s, "-----BEGIN ") && !strings.Contains(s, "passphrase") && !strings.Contains(s, "privateKey") &&
		!strings.Contains(s, "ciphertext") && !strings.Contains(s, "password") && !strings.Contains(s, "secret") {
		return false
	}
	return pemKeyRe.MatchString(s) || jsonSecretRe.MatchString(s) || tmshSecretRe.MatchString(s)
}

// Redact replaces the key material in s with "[redacted]".
func Redact(s string) string {
	if !hasSecret(s) {
		return s
	}
	var b strings.Builder
	at := 0
	for _, r := range secretRanges(s) {
		b.WriteString(s[at:r[0]])
		b.WriteString(redacted)
		at = r[1]
	}
	b.WriteString(s[at:])
	return b.String()
}

// redactFindings returns the findings with key material removed from every
// text a format may print. It copies only what it changes: fs itself when
// nothing does (the 40,000 findings of a 20,000-server tree, 12 MB, were
// copied whole at the end of the run).
func redactFindings(fs []lint.Finding) []lint.Finding {
	var out []lint.Finding // a copy of fs from the first finding that changes
	for i := range fs {
		f, changed := redactFinding(fs[i])
		if !changed {
			continue
		}
		if out == nil {
			out = slices.Clone(fs)
		}
		out[i] = f
	}
	if out == nil {
		return fs
	}
	return out
}

// redactFinding returns f with key material removed, and whether any text
// changed; related locations and fixes are copied only when one does.
func redactFinding(f lint.Finding) (lint.Finding, bool) {
	in := f
	// huge input tokens cut (lint.TruncTokens), then key material out
	f.Message = Redact(lint.TruncTokens(f.Message))
	f.Subject = Redact(lint.TruncTokens(f.Subject))
	f.Detail = Redact(lint.TruncTokens(f.Detail))
	changed := f.Message != in.Message || f.Subject != in.Subject || f.Detail != in.Detail
	// related locations and fixes are copied only when a text changes
	// (20,000 servers have tens of thousands of findings with related
	// locations, each copied for nothing at the end of the run)
	for j, r := range f.Related {
		if m := Redact(lint.TruncTokens(r.Message)); m != r.Message {
			if &f.Related[0] == &in.Related[0] {
				f.Related = append([]lint.Related(nil), f.Related...)
			}
			f.Related[j].Message = m
			changed = true
		}
	}
	for j, fx := range f.Fixes {
		d := Redact(lint.TruncTokens(fx.Description))
		var edits []lint.Edit
		for k, e := range fx.Edits {
			if t := Redact(e.NewText); t != e.NewText {
				if edits == nil {
					edits = append([]lint.Edit(nil), fx.Edits...)
				}
				edits[k].NewText = t
			}
		}
		if d == fx.Description && edits == nil {
			continue
		}
		if &f.Fixes[0] == &in.Fixes[0] {
			f.Fixes = append([]lint.Fix(nil), f.Fixes...)
		}
		f.Fixes[j].Description = d
		if edits != nil {
			f.Fixes[j].Edits = edits
		}
		changed = true
	}
	return f, changed
}

// maxExcerpt bounds the source text shown under a finding; longer lines are
// cut around the finding's column.
const maxExcerpt = 320

// excerptLine returns what the text format shows of a source line for a
// finding spanning bytes [start, end) of it: at most maxExcerpt bytes of
// the line around start, cut with "…", key material (found in the whole
// source, so a line inside a multi-line PEM key is masked too) replaced,
// and the finding's span in the shown text.
func excerptLine(src *lint.Source, secretsOf func(*lint.Source) [][2]int, lineNo, start, end int) (shown string, s, e int) {
	line := src.Line(lineNo)
	lineOff := src.Offset(lineNo, 1)
	from, to := 0, len(line)
	if len(line) > maxExcerpt {
		from = max(0, min(start-maxExcerpt/3, len(line)-maxExcerpt))
		to = min(len(line), from+maxExcerpt)
		for from > 0 && from < len(line) && !isRuneStart(line[from]) {
			from--
		}
		for to < len(line) && !isRuneStart(line[to]) {
			to++
		}
	}
	var secrets [][2]int
	for _, r := range secretsOf(src) {
		a, b := r[0]-lineOff, r[1]-lineOff
		if b <= from || a >= to {
			continue
		}
		secrets = append(secrets, [2]int{max(a, from), min(b, to)})
	}
	var out strings.Builder
	s, e = -1, -1
	mark := func(i int) {
		if s < 0 && i >= start {
			s = out.Len()
		}
		if e < 0 && i >= end {
			e = out.Len()
		}
	}
	if from > 0 {
		out.WriteString("…")
	}
	i := from
	for _, r := range secrets {
		for ; i < r[0]; i++ {
			mark(i)
			out.WriteByte(line[i])
		}
		mark(i)
		out.WriteString(redacted)
		i = r[1]
	}
	for ; i < to; i++ {
		mark(i)
		out.WriteByte(line[i])
	}
	mark(i)
	if s < 0 {
		s = out.Len()
	}
	if e < 0 || end > to {
		e = out.Len()
	}
	if to < len(line) {
		out.WriteString("…")
	}
	return out.String(), s, max(s, e)
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// secretIndex caches secretRanges per source for one report.
type secretIndex map[*lint.Source][][2]int

func (x secretIndex) of(src *lint.Source) [][2]int {
	if r, ok := x[src]; ok {
		return r
	}
	r := secretRanges(string(src.Data))
	if x != nil {
		x[src] = r
	}
	return r
}
