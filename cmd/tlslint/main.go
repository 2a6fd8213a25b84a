// Command tlslint catches TLS handshake failures in nginx and F5 BIG-IP
// configuration before they reach production.
package main

import (
	"os"

	"github.com/tlslint/tlslint/cmd/tlslint/internal/cli"
)

func main() {
	tuneGC() // few collections on small inputs, bounded memory on large ones
	os.Exit(cli.Main(os.Args[1:], cli.Env{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		IsTTY:  isTerminal(os.Stdout),
	}))
}

// isTerminal reports whether f is a character device (a terminal), without
// a dependency: colour only on a TTY.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
