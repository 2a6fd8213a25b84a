// Package cli implements tlslint's commands: it turns arguments into
// options, loads the inputs into one model, runs the rules and prints the
// findings. cmd/tlslint only calls Main.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// usageError is a bad invocation: exit 2 with the message (m renders it
// in the run's language).
type usageError struct {
	msg string
	m   lint.Msg
}

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...), lint.Msgf(format, args...)}
}

// listFlag collects a repeatable or comma-separated flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// repeatFlag collects a repeatable flag without splitting on commas.
type repeatFlag []string

func (l *repeatFlag) String() string     { return strings.Join(*l, " ") }
func (l *repeatFlag) Set(v string) error { *l = append(*l, v); return nil }

// trackFlag remembers whether a string flag was given.
type trackFlag struct {
	v   string
	set bool
}

func (t *trackFlag) String() string     { return t.v }
func (t *trackFlag) Set(v string) error { t.v, t.set = v, true; return nil }

// boolTrack is a bool flag that remembers whether it was given.
type boolTrack struct {
	v   bool
	set bool
}

func (b *boolTrack) String() string {
	if b.v {
		return "true"
	}
	return "false"
}
func (b *boolTrack) Set(v string) error {
	switch strings.ToLower(v) {
	case "true", "1", "yes", "":
		b.v = true
	case "false", "0", "no":
		b.v = false
	default:
		return fmt.Errorf("expected true or false, got %q", v)
	}
	b.set = true
	return nil
}
func (b *boolTrack) IsBoolFlag() bool { return true }

// parseInterleaved parses flags that may come before or after positional
// arguments (`tlslint nginx.conf --format json`). "--" ends flags.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	fs.SetOutput(io.Discard)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// fs.Parse stops at the first positional argument or after "--".
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
