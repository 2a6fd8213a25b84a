package lint

import (
	"fmt"
	"unicode/utf8"
)

// MaxQuoted bounds an input token quoted in a message. A finding quotes
// what it is about (a cipher string, an include pattern, a server name);
// a hostile input makes that token 50 MB, and a message repeating it twice
// would make the output 100 MB. 200 bytes show any real token whole.
const MaxQuoted = 200

// Trunc cuts s to MaxQuoted bytes on a rune boundary, ending it with "…"
// and the length, so a message stays readable whatever the input holds.
// Every message argument that repeats an input token goes through it.
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
