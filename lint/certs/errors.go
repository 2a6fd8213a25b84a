package certs

import (
	"errors"
	"fmt"

	"github.com/tlslint/tlslint/lint/i18n"
)

// ErrorKind tells a file that cannot be had from one that cannot be parsed.
type ErrorKind int

// Error kinds.
const (
	// Unavailable: the file is missing, unreadable, a directory or not a
	// regular file after path mapping. Rules report TL308 (info, or error
	// with --require-certs) and skip the other certificate checks for it.
	Unavailable ErrorKind = iota + 1
	// Malformed: the file was read but is not what a certificate, key or
	// parameter file must be (bad PEM block, unparsable DER, empty file).
	Malformed
)

func (k ErrorKind) String() string {
	switch k {
	case Unavailable:
		return "unavailable"
	case Malformed:
		return "malformed"
	}
	return "unknown"
}

// FileError is the error every loading function returns. Its message names
// the file (and the 1-based line of the PEM block at fault when there is
// one) and what was expected. It never contains file contents: a key block
// that fails to parse is described by its type and line only.
type FileError struct {
	Name string // the reference as given to the loader (before --map); "data:" for inline values
	Path string // the file actually read (after --map)
	Line int    // 1-based line of the PEM block at fault; 0 when not about one block
	Kind ErrorKind
	Msg  string // what is wrong and what was expected
	Err  error  // the underlying error (fs.ErrNotExist, …), if any
	// MsgL is Msg as a message, for --lang, when it was built as one
	// (the unavailable files); Text falls back to Msg.
	MsgL i18n.Msg
}

// Text is what is wrong as a message.
func (e *FileError) Text() i18n.Msg {
	if !e.MsgL.IsZero() {
		return e.MsgL
	}
	return i18n.Msgf("%s", e.Msg)
}

func (e *FileError) Error() string {
	where := e.Path
	if where == "" {
		where = e.Name
	}
	switch {
	case where == "data:" && e.Line > 0:
		where = fmt.Sprintf("data: value, line %d", e.Line)
	case where == "data:":
		where = "data: value"
	case e.Line > 0:
		where = fmt.Sprintf("%s:%d", where, e.Line)
	}
	if e.Name != "" && e.Path != "" && e.Name != e.Path {
		where += " (referenced as " + e.Name + ")"
	}
	return where + ": " + e.Msg
}

// Unwrap returns the underlying error, so errors.Is(err, fs.ErrNotExist)
// works.
func (e *FileError) Unwrap() error { return e.Err }

// IsUnavailable reports whether err says a file could not be read at all
// (TL308), as opposed to read but not parsed.
func IsUnavailable(err error) bool {
	var fe *FileError
	return errors.As(err, &fe) && fe.Kind == Unavailable
}

// IsMalformed reports whether err says a file was read but could not be
// parsed.
func IsMalformed(err error) bool {
	var fe *FileError
	return errors.As(err, &fe) && fe.Kind == Malformed
}

// ErrNoCertificate is wrapped by the error Analyze returns for a bundle that
// holds no certificate (a key file, a DH parameter file, a CSR).
var ErrNoCertificate = errors.New("no certificate in the file; expected a PEM block \"-----BEGIN CERTIFICATE-----\"")

// ErrNoClock is returned by Analyze when Options.Now is not set: the package
// never reads the wall clock.
var ErrNoClock = errors.New("certs: Options.Now is not set")
