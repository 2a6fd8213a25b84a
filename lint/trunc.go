package lint

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxQuoted bounds an input token quoted in a message. A finding quotes
// what it is about (a cipher string, an include pattern, a server name);
// a hostile input makes that token 50 MB, and a message repeating it twice
// would make the output 100 MB. 512 bytes show any real token whole (the
// longest real cipher strings, Mozilla's "old" profile, are about 600
// bytes with their separators, and are cut near the end at worst).
const MaxQuoted = 512

// Trunc cuts s to MaxQuoted bytes on a rune boundary, ending it with "…"
// and the length, so a message stays readable whatever the input holds.
func Trunc(s string) string {
	if len(s) <= MaxQuoted {
		return s
	}
	cut := MaxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:cut], len(s))
}

// TruncTokens applies Trunc to every run of non-space characters in s: a
// message or subject that quotes input tokens, however it was formatted.
// The report layer passes every finding's texts through it, so no format
// repeats a huge token.
func TruncTokens(s string) string {
	if len(s) <= MaxQuoted {
		return s
	}
	long := false
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || s[i] == '\n' || s[i] == '\t' {
			run = 0
			continue
		}
		if run++; run > MaxQuoted {
			long = true
			break
		}
	}
	if !long {
		return s
	}
	var b strings.Builder
	start := -1
	flush := func(end int) {
		if start >= 0 {
			b.WriteString(Trunc(s[start:end]))
			start = -1
		}
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' || c == '\n' || c == '\t' {
			flush(i)
			b.WriteByte(c)
			continue
		}
		if start < 0 {
			start = i
		}
	}
	flush(len(s))
	return b.String()
}
