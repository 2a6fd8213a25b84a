// Package i18n holds the message type tlslint's user-facing text is built
// from and the catalogues that translate it (lint.Msg is an alias; packages
// below lint, such as lint/clients, use this one directly).
package i18n

import (
	"fmt"
	"strings"
)

// Lang is the language of what tlslint tells its user: finding messages,
// fixes, related locations, rule pages, `why` diagnoses and the summary line
// (CLI.md --lang). JSON keys, rule IDs and names never change with it.
type Lang string

// Languages tlslint speaks. English is the source language: every message is
// written in English in the code, with a Japanese text in catalog_ja.go.
const (
	English  Lang = "en"
	Japanese Lang = "ja"
)

// ParseLang accepts "en" or "ja" (and locale spellings like ja_JP.UTF-8).
func ParseLang(s string) (Lang, error) {
	if l, ok := localeLang(s); ok {
		return l, nil
	}
	return "", fmt.Errorf("unknown language %q: expected en or ja", s)
}

// localeLang maps a language or POSIX locale name to a Lang: "ja",
// "ja_JP.UTF-8", "ja-JP" → ja; "en", "en_US.UTF-8", "C", "POSIX" → en.
func localeLang(s string) (Lang, bool) {
	s = strings.TrimSpace(s)
	base := s
	if i := strings.IndexAny(base, "_-.@"); i >= 0 {
		base = base[:i]
	}
	switch strings.ToLower(base) {
	case "ja":
		return Japanese, true
	case "en", "c", "posix":
		return English, true
	}
	return "", false
}

// LangFromEnv picks the language from the locale variables in POSIX order
// of precedence: the first non-empty of LC_ALL, LC_MESSAGES, LANG decides
// (LC_ALL=C over LANG=ja_JP.UTF-8 is English). A locale tlslint has no
// catalogue for is English.
func LangFromEnv(getenv func(string) string) Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			if l, ok := localeLang(s); ok {
				return l
			}
			return English
		}
	}
	return English
}

// Msg is a message kept as the English fmt format and the arguments it was
// built from, so that the report layer renders it in the run's language:
// the format is the key of the catalogue (catalog_ja.go). An argument that
// is itself a Msg (" by default", a client's failure reason) renders in the
// same language. The zero Msg is empty.
type Msg struct {
	Format string
	Args   []any
	// Clause, when set, is a fixed text from elsewhere (a rule page's Fix)
	// embedded in a sentence: it renders from the catalogue entry of
	// Clause, without formatting and without its final full stop.
	Clause string
}

// Msgf builds a message; rules use it where they would use fmt.Sprintf for
// text the user reads. The format must be a string literal: the catalogue
// test finds every format by reading the sources.
func Msgf(format string, args ...any) Msg { return Msg{Format: format, Args: args} }

// IsZero reports whether m is the empty message.
func (m Msg) IsZero() bool { return m.Format == "" && m.Clause == "" }

// Clause embeds a fixed text (a rule page's Fix, in the catalogue as it
// is) in a message, without its final full stop.
func Clause(text string) Msg { return Msg{Clause: text} }

// String renders m in English.
func (m Msg) String() string { return m.In(English) }

// In renders m in l, falling back to English for a format the catalogue
// lacks (the completeness test keeps that from happening).
func (m Msg) In(l Lang) string {
	if m.Clause != "" {
		t := strings.TrimSpace(Translate(m.Clause, l))
		return strings.TrimSuffix(strings.TrimSuffix(t, "."), "。")
	}
	if m.Format == "" {
		return ""
	}
	if m.Format == "%s" && len(m.Args) == 1 {
		if s, ok := m.Args[0].(string); ok {
			return s // a list or a name, nothing to translate
		}
	}
	format := m.Format
	if l == Japanese && !joinFormat(format) {
		if t, ok := catalogJA[m.Format]; ok {
			format = t
		}
	}
	if len(m.Args) == 0 && !strings.Contains(format, "%") {
		return format
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch a := a.(type) {
		case Msg:
			args[i] = a.In(l)
		case []Msg:
			parts := make([]string, len(a))
			for j, p := range a {
				parts[j] = p.In(l)
			}
			args[i] = strings.Join(parts, listSep(l))
		case Localizer:
			// an error or a value that can say itself as a message (a
			// cipher string error shown with %v); English keeps its own
			// String or Error, byte for byte
			if l != English {
				args[i] = a.Msg().In(l)
			} else {
				args[i] = a
			}
		default:
			args[i] = a
		}
	}
	return fmt.Sprintf(format, args...)
}

// Localizer is an argument that renders in the message's language: an
// error or a value with a Msg method besides its Error or String.
type Localizer interface{ Msg() Msg }

func listSep(l Lang) string {
	if l == Japanese {
		return "；"
	}
	return "; "
}

// Join concatenates messages, like + on strings: a sentence and a note
// appended to it.
func Join(parts ...Msg) Msg {
	var nonEmpty []Msg
	for _, p := range parts {
		if !p.IsZero() {
			nonEmpty = append(nonEmpty, p)
		}
	}
	switch len(nonEmpty) {
	case 0:
		return Msg{}
	case 1:
		return nonEmpty[0]
	}
	return Msg{Format: strings.Repeat("%s", len(nonEmpty)), Args: toAny(nonEmpty)}
}

func toAny(ms []Msg) []any {
	out := make([]any, len(ms))
	for i, m := range ms {
		out[i] = m
	}
	return out
}

// Translate returns the text of an English string without arguments (rule
// metadata, a fixed sentence) in l.
func Translate(s string, l Lang) string {
	if l == Japanese {
		if t, ok := catalogJA[s]; ok {
			return t
		}
	}
	return s
}

// HasTranslation reports whether the catalogue of l has s; English has
// every text.
func HasTranslation(s string, l Lang) bool {
	if l != Japanese {
		return true
	}
	_, ok := catalogJA[s]
	return ok
}

// CatalogKeys lists the English texts the catalogue of l translates (the
// completeness test checks none is stale).
func CatalogKeys(l Lang) []string {
	if l != Japanese {
		return nil
	}
	out := make([]string, 0, len(catalogJA))
	for k := range catalogJA {
		out = append(out, k)
	}
	return out
}

// joinFormat reports whether format is Join's "%s%s…", which needs no
// translation.
func joinFormat(format string) bool {
	return strings.ReplaceAll(format, "%s", "") == ""
}

// Join appends parts to m (a sentence and a note appended to it).
func (m Msg) Join(parts ...Msg) Msg { return Join(append([]Msg{m}, parts...)...) }
