package certs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/tlslint/tlslint/lint/files"
)

// FS is where a Loader reads files: the OS ([OSFS]), or an archive held in
// memory (BIG-IP UCS). Names are the mapped paths.
type FS interface {
	ReadFile(name string) ([]byte, error)
}

// DirReader is implemented by file systems that can list a directory.
// [Analyzer.CompletingBundle] uses it to look for a bundle beside an
// incomplete one; without it only the certbot sibling is tried.
type DirReader interface {
	ReadDir(name string) ([]fs.DirEntry, error)
}

// MaxFileSize bounds what OSFS reads. The largest legitimate inputs are CA
// bundles (the Mozilla bundle is about 220 KiB); anything bigger is not a
// certificate file, and refusing it keeps a mistaken path (a log, a disk
// image) from being slurped.
var MaxFileSize = files.Caps[files.PEM]

// OSFS reads the local file system through lint/files: it refuses
// directories and non-regular files without blocking (a FIFO would block
// open(2) for ever, a device never end) and files larger than MaxFileSize.
type OSFS struct{}

// ReadFile reads a regular file.
func (OSFS) ReadFile(name string) ([]byte, error) {
	data, err := files.Read(name, files.PEM)
	var nr *files.NotRegularError
	if errors.As(err, &nr) && nr.What == "a directory" {
		return nil, errIsDir
	}
	return data, err
}

// ReadDir lists a directory.
func (OSFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

var (
	errIsDir    = errors.New("is a directory, expected a file")
	errTooLarge = errors.New("file too large for a certificate or key file")
)

// FromFS adapts an io/fs file system (fstest.MapFS, an archive reader) to FS
// and DirReader. Leading slashes are dropped, since fs.FS names are
// unrooted: "/etc/nginx/a.pem" is read as "etc/nginx/a.pem".
func FromFS(fsys fs.FS) FS { return ioFS{fsys} }

type ioFS struct{ fsys fs.FS }

func (f ioFS) ReadFile(name string) ([]byte, error) {
	name = unroot(name)
	st, err := fs.Stat(f.fsys, name)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, errIsDir
	}
	if st.Size() > MaxFileSize {
		return nil, fmt.Errorf("%w (%d bytes, the limit is %d)", errTooLarge, st.Size(), MaxFileSize)
	}
	return fs.ReadFile(f.fsys, name)
}

func (f ioFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(f.fsys, unroot(name))
}

func unroot(name string) string {
	name = strings.TrimLeft(name, "/")
	if name == "" {
		return "."
	}
	return name
}
