// Package files is how tlslint reads and writes the files a repository
// holds. tlslint runs in CI on whatever a repository contains, sometimes as
// root, so every read is stat'ed first, refuses anything but a regular file
// (a FIFO blocks open(2) and read(2) forever, /dev/zero never ends, a socket
// or directory is not a file), and is capped by the kind of file it is.
// Writing (--fix) is transactional: see Txn.
package files

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// Kind is what a file is read as; each kind has its own size cap.
type Kind int

const (
	// Config is an nginx or BIG-IP configuration file, an AS3 declaration.
	Config Kind = iota
	// PEM is a certificate, key or CA bundle.
	PEM
	// DHParam is an ssl_dhparam file.
	DHParam
	// Archive is a BIG-IP UCS (a gzip'ed tar).
	Archive
	// Settings is .tlslint.hcl.
	Settings
	// Log is a --log file.
	Log
)

// Caps are the size limits per kind. The largest legitimate inputs set
// them, with room to spare: a generated nginx tree of 2,000 servers is
// about 1 MB, a bigip.conf of 10,000 virtual servers (the scale target,
// make bench) 24 MB, the Mozilla CA bundle about 220 KiB, a UCS of a large box a
// few hundred MB (most of it not configuration), a 8192-bit DH group under
// 2 KiB. Anything bigger is a mistake (a log, a disk image) or an attack.
var Caps = map[Kind]int64{
	Config:   48 << 20,
	PEM:      16 << 20,
	DHParam:  1 << 20,
	Archive:  1 << 30,
	Settings: 1 << 20,
	Log:      256 << 20,
}

var kindNames = map[Kind]string{
	Config: "configuration file", PEM: "certificate or key file", DHParam: "DH parameters file",
	Archive: "archive", Settings: "tlslint config file", Log: "log file",
}

func (k Kind) String() string { return kindNames[k] }

// ErrNotRegular is wrapped by every refusal of a non-regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by every refusal over a size cap.
var ErrTooLarge = errors.New("too large")

// NotRegularError says what a path is instead of a regular file.
type NotRegularError struct {
	Path string
	What string // "a directory", "a FIFO (named pipe)", ...
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file", e.Path, e.What)
}

// Unwrap makes errors.Is(err, ErrNotRegular) true.
func (e *NotRegularError) Unwrap() error { return ErrNotRegular }

// TooLargeError says how large a file is and what the cap is.
type TooLargeError struct {
	Path  string
	Kind  Kind
	Size  int64 // -1 when unknown (a stream)
	Limit int64
}

func (e *TooLargeError) Error() string {
	size := "more than " + Human(e.Limit)
	if e.Size >= 0 {
		size = Human(e.Size)
	}
	return fmt.Sprintf("%s is %s, over the %s limit for a %s", e.Path, size, Human(e.Limit), e.Kind)
}

// Unwrap makes errors.Is(err, ErrTooLarge) true.
func (e *TooLargeError) Unwrap() error { return ErrTooLarge }

// Human writes a byte count as people read it.
func Human(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		if n%(1<<20) == 0 {
			return fmt.Sprintf("%d MiB", n>>20)
		}
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// describe names a non-regular file mode.
func describe(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// Stat stats path (following symlinks) and refuses anything but a regular
// file, without opening it.
func Stat(path string) (fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &NotRegularError{path, describe(st.Mode())}
	}
	return st, nil
}

// Open opens a regular file for reading without ever blocking: it stats
// first (a device is never opened), opens with O_NONBLOCK (a FIFO swapped
// in between the stat and the open does not block open(2)), and checks the
// opened descriptor is still a regular file and the one stat'ed.
func Open(path string) (*os.File, fs.FileInfo, error) {
	st, err := Stat(path)
	if err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	fst, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fst.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{path, describe(fst.Mode())}
	}
	if !os.SameFile(st, fst) {
		f.Close()
		return nil, nil, fmt.Errorf("%s changed while it was opened", path)
	}
	return f, fst, nil
}

// Read reads a regular file of the given kind, up to its cap.
func Read(path string, kind Kind) ([]byte, error) {
	return ReadLimit(path, kind, Caps[kind])
}

// ReadLimit reads a regular file up to limit bytes; a larger file is a
// *TooLargeError, read no further than the stat.
func ReadLimit(path string, kind Kind, limit int64) ([]byte, error) {
	f, st, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st.Size() > limit {
		return nil, &TooLargeError{path, kind, st.Size(), limit}
	}
	// The file may grow between the stat and the read: read one byte past
	// the cap to notice.
	buf := make([]byte, 0, st.Size()+1)
	data, err := readAllInto(buf, io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{path, kind, -1, limit}
	}
	return data, nil
}

// ReadStream reads a stream (standard input) of the given kind up to its
// cap; name is how the stream is named in the error ("standard input").
func ReadStream(r io.Reader, name string, kind Kind) ([]byte, error) {
	limit := Caps[kind]
	data, err := readAllInto(nil, io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{name, kind, -1, limit}
	}
	return data, nil
}

func readAllInto(b []byte, r io.Reader) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				return b, nil
			}
			return b, err
		}
	}
}
