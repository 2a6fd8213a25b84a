// Command tlslint catches TLS handshake failures in nginx and F5 BIG-IP
// configuration before they reach production.
package main

import (
	"os"
	"runtime/debug"

	"github.com/tlslint/tlslint/cmd/tlslint/internal/cli"
)

func main() {
	// One run allocates a model and drops it: trade memory for fewer
	// collections (the lint of a 2,000-server tree stays well under the
	// memory nginx -t uses on it).
	debug.SetGCPercent(400)
	// ... but never past a soft limit: the input caps (lint/files) keep
	// the live heap under it, and the collector then works harder instead
	// of letting garbage push the process past 2 GiB (a CI runner's share).
	// GOMEMLIMIT, when set, wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1536 << 20)
	}
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
