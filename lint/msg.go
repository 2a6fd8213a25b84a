package lint

import "github.com/tlslint/tlslint/lint/i18n"

// Msg, Lang and their helpers live in lint/i18n so that packages lint
// imports (lint/clients) can build messages too; these aliases are what
// rules use.
type (
	Msg  = i18n.Msg
	Lang = i18n.Lang
)

// Languages (CLI.md --lang).
const (
	English  = i18n.English
	Japanese = i18n.Japanese
)

// Msgf builds a message from an English fmt format: rules use it where they
// would use fmt.Sprintf for text the user reads. The format must be a
// string literal: the catalogue test finds every format by reading the
// sources.
func Msgf(format string, args ...any) Msg { return i18n.Msgf(format, args...) }

// Clause embeds a fixed text (a rule page's Fix) in a message.
func Clause(text string) Msg { return i18n.Clause(text) }

// Join concatenates messages, like + on strings.
func Join(parts ...Msg) Msg { return i18n.Join(parts...) }

// ParseLang accepts "en" or "ja" (and locale spellings like ja_JP.UTF-8).
func ParseLang(s string) (Lang, error) { return i18n.ParseLang(s) }

// LangFromEnv picks the language from LC_ALL, LC_MESSAGES, LANG.
func LangFromEnv(getenv func(string) string) Lang { return i18n.LangFromEnv(getenv) }

// Translate returns a fixed English text in l.
func Translate(s string, l Lang) string { return i18n.Translate(s, l) }

// Localize returns a copy of the findings with Message, related messages
// and fix descriptions rendered in l from the Msgs they were built from; a
// finding built from a plain string keeps it. English leaves the findings
// as they are.
func Localize(fs []Finding, l Lang) []Finding {
	if l == English || l == "" {
		return fs
	}
	out := make([]Finding, len(fs))
	for i, f := range fs {
		if !f.Msg.IsZero() {
			f.Message = f.Msg.In(l)
		}
		if len(f.Related) > 0 {
			rs := make([]Related, len(f.Related))
			for j, r := range f.Related {
				if !r.Msg.IsZero() {
					r.Message = r.Msg.In(l)
				}
				rs[j] = r
			}
			f.Related = rs
		}
		if len(f.Fixes) > 0 {
			xs := make([]Fix, len(f.Fixes))
			for j, x := range f.Fixes {
				if !x.Msg.IsZero() {
					x.Description = x.Msg.In(l)
				}
				xs[j] = x
			}
			f.Fixes = xs
		}
		if !f.DetailMsg.IsZero() {
			f.Detail = f.DetailMsg.In(l)
		}
		out[i] = f
	}
	return out
}

// Fill sets the English strings of a finding from its Msgs where the rule
// left them empty (Pass.Report calls it; code that compares messages
// before reporting may call it too).
func (f *Finding) Fill() {
	if f.Message == "" && !f.Msg.IsZero() {
		f.Message = f.Msg.String()
	}
	for i := range f.Related {
		f.Related[i].Fill()
	}
	for i := range f.Fixes {
		if f.Fixes[i].Description == "" && !f.Fixes[i].Msg.IsZero() {
			f.Fixes[i].Description = f.Fixes[i].Msg.String()
		}
	}
	if f.Detail == "" && !f.DetailMsg.IsZero() {
		f.Detail = f.DetailMsg.String()
	}
}

// Fill sets Message from Msg when empty.
func (r *Related) Fill() {
	if r.Message == "" && !r.Msg.IsZero() {
		r.Message = r.Msg.String()
	}
}

// In returns the metadata with its prose (Summary, Why, Fix, SeverityNote)
// in l; Example, IDs, names and references stay as they are.
func (m Meta) In(l Lang) Meta {
	m.Summary = Translate(m.Summary, l)
	m.Why = Translate(m.Why, l)
	m.Fix = Translate(m.Fix, l)
	m.SeverityNote = Translate(m.SeverityNote, l)
	return m
}
