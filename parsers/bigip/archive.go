package bigip

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"github.com/tlslint/tlslint/lint/files"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// ErrEncrypted is returned (wrapped) for a passphrase-protected UCS, which
// BIG-IP writes GPG-encrypted (`tmsh save sys ucs NAME passphrase P`).
var ErrEncrypted = errors.New("the archive is encrypted with a passphrase (a GPG-encrypted UCS): decrypt it first (gpg --decrypt) or save the UCS without a passphrase")

// ArchiveLimits bound what reading an archive may cost, so a hostile or
// corrupt archive (a "tar bomb") cannot exhaust memory or run for ever.
type ArchiveLimits struct {
	// MaxTotalBytes bounds the uncompressed size of everything read,
	// including the members that are skipped.
	MaxTotalBytes int64
	// MaxKeptBytes bounds the members kept in memory (configuration,
	// certificates, keys).
	MaxKeptBytes int64
	// MaxFileBytes bounds one kept member.
	MaxFileBytes int64
	// MaxEntries bounds the number of members.
	MaxEntries int
}

// DefaultArchiveLimits fit real UCS archives, whose bulk (ASM signatures,
// APM packages, logs) is skipped: a UCS of a large system expands to a few
// GiB, its bigip.conf to tens of MiB.
var DefaultArchiveLimits = ArchiveLimits{
	MaxTotalBytes: 16 << 30,
	MaxKeptBytes:  1 << 30,
	MaxFileBytes:  256 << 20,
	MaxEntries:    2_000_000,
}

// Archive is the part of a UCS (or qkview) archive that matters to tlslint,
// held in memory: the configuration files and the certificate and key files
// of the filestore. It is a read-only fs.FS whose names are the members'
// slash paths ("config/bigip.conf",
// "var/tmp/filestore_temp/files_d/Common_d/certificate_d/:Common:a.crt_1_1").
type Archive struct {
	// Path is the archive's display name: the path as given.
	Path  string
	files map[string][]byte
	names []string // sorted
}

// keepMember reports whether an archive member is one tlslint reads:
//   - config/*.conf and config/partitions/<p>/*.conf: the configuration;
//   - the filestore's certificate directories, where `sys file ssl-cert`
//     and `ssl-key` objects keep their files: in a UCS
//     var/tmp/filestore_temp/files_d/<P>_d/certificate_d/ (and
//     certificate_key_d/, …); in a qkview or a live /config,
//     config/filestore/files_d/<P>_d/…;
//   - config/ssl/ssl.crt/ and config/ssl/ssl.key/, where the built-in
//     default.crt, default.key and ca-bundle.crt live (their `sys file`
//     objects carry a system-path there).
func keepMember(name string) bool {
	dir, file := path.Split(name)
	if file == "" {
		return false
	}
	dir = strings.TrimSuffix(dir, "/")
	switch {
	case dir == "config" && strings.HasSuffix(file, ".conf"):
		return true
	case strings.HasPrefix(dir, "config/partitions/") && strings.Count(dir, "/") == 2 && strings.HasSuffix(file, ".conf"):
		return true
	case dir == "config/ssl/ssl.crt" || dir == "config/ssl/ssl.key":
		return true
	}
	for _, root := range filestoreRoots {
		if rest, ok := strings.CutPrefix(dir, root+"/"); ok {
			// rest is "<P>_d/<kind>_d"
			part, kind, ok := strings.Cut(rest, "/")
			return ok && strings.HasSuffix(part, "_d") && strings.Contains(kind, "certificate") && !strings.Contains(kind, "/")
		}
	}
	return false
}

// filestoreRoots are where the filestore lives, relative to the root of an
// archive or tree: a UCS stores it under var/tmp/filestore_temp; a qkview
// and a live system under config/filestore.
var filestoreRoots = []string{
	"var/tmp/filestore_temp/files_d",
	"config/filestore/files_d",
}

// OpenArchive reads a UCS or qkview archive (a gzip-compressed tar; a plain
// tar is accepted too) with DefaultArchiveLimits. A passphrase-protected
// UCS gives an error wrapping ErrEncrypted.
func OpenArchive(p string) (*Archive, error) {
	fh, st, err := files.Open(p)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	if st.Size() > files.Caps[files.Archive] {
		return nil, &files.TooLargeError{Path: p, Kind: files.Archive, Size: st.Size(), Limit: files.Caps[files.Archive]}
	}
	return ReadArchive(p, fh, DefaultArchiveLimits)
}

// ReadArchive reads an archive from r; name is its display name. Nothing is
// written to disk: the members tlslint reads (see Archive) are kept in
// memory, the others are skipped.
func ReadArchive(name string, r io.Reader, lim ArchiveLimits) (*Archive, error) {
	br, head := bufferedPeek(r, 512)
	var tr *tar.Reader
	switch {
	case isGzip(head):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		tr = tar.NewReader(zr)
	case isTar(head):
		tr = tar.NewReader(br)
	case isPGP(head):
		return nil, fmt.Errorf("%s: %w", name, ErrEncrypted)
	default:
		return nil, fmt.Errorf("%s: not a UCS archive: neither gzip nor tar data", name)
	}
	a := &Archive{Path: name, files: make(map[string][]byte)}
	var total, kept int64
	entries := 0
	budget := files.NewBudget(files.MemoryBudget, "the configuration and certificate files the archive holds")
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: reading the archive: %w", name, err)
		}
		entries++
		if entries > lim.MaxEntries {
			return nil, fmt.Errorf("%s: more than %d members: refusing to read further", name, lim.MaxEntries)
		}
		member, ok := cleanMember(h.Name)
		keep := ok && h.Typeflag == tar.TypeReg && keepMember(member)
		if !keep {
			n, err := io.Copy(io.Discard, io.LimitReader(tr, lim.MaxTotalBytes-total+1))
			total += n
			if err != nil {
				return nil, fmt.Errorf("%s: reading %s: %w", name, h.Name, err)
			}
			if total > lim.MaxTotalBytes {
				return nil, fmt.Errorf("%s: expands to more than %d bytes: refusing to read further", name, lim.MaxTotalBytes)
			}
			continue
		}
		if h.Size > lim.MaxFileBytes {
			return nil, fmt.Errorf("%s: %s is %d bytes, over the %d-byte limit for one file", name, member, h.Size, lim.MaxFileBytes)
		}
		// The memory budget: a member costs what it will cost parsed, not
		// its bytes (a 0.8 MB UCS whose bigip.conf inflates to 255 MB
		// needed more than 6 GB), so it is charged before it is read.
		kind, cost := files.Config, int64(files.BigIPConfigCost)
		if !strings.HasSuffix(member, ".conf") {
			kind, cost = files.PEM, files.PEMCost
		}
		if h.Size > files.Caps[kind] {
			return nil, fmt.Errorf("%s: %w", name, &files.TooLargeError{Path: member, Kind: kind, Size: h.Size, Limit: files.Caps[kind]})
		}
		if err := budget.Charge(name+"!"+member, h.Size, cost); err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(tr, lim.MaxFileBytes+1))
		if err != nil {
			return nil, fmt.Errorf("%s: reading %s: %w", name, member, err)
		}
		total += int64(len(data))
		kept += int64(len(data))
		if int64(len(data)) > lim.MaxFileBytes {
			return nil, fmt.Errorf("%s: %s is over the %d-byte limit for one file", name, member, lim.MaxFileBytes)
		}
		if kept > lim.MaxKeptBytes {
			return nil, fmt.Errorf("%s: configuration and certificate files exceed %d bytes: refusing to read further", name, lim.MaxKeptBytes)
		}
		if total > lim.MaxTotalBytes {
			return nil, fmt.Errorf("%s: expands to more than %d bytes: refusing to read further", name, lim.MaxTotalBytes)
		}
		if _, dup := a.files[member]; !dup {
			a.names = append(a.names, member)
		}
		a.files[member] = data
	}
	sort.Strings(a.names)
	return a, nil
}

// cleanMember normalises a member name ("./config/bigip.conf" →
// "config/bigip.conf") and rejects names that escape the archive root.
func cleanMember(name string) (string, bool) {
	name = strings.TrimLeft(name, "/")
	for strings.HasPrefix(name, "./") {
		name = name[2:]
	}
	name = path.Clean(name)
	if name == "." || !fs.ValidPath(name) {
		return "", false
	}
	return name, true
}

// NewArchive builds an Archive from member names and contents, for inputs
// already in memory (tests, other containers). Names are slash paths.
func NewArchive(name string, files map[string][]byte) *Archive {
	a := &Archive{Path: name, files: make(map[string][]byte, len(files))}
	for n, data := range files {
		if m, ok := cleanMember(n); ok {
			a.files[m] = data
			a.names = append(a.names, m)
		}
	}
	sort.Strings(a.names)
	return a
}

// Names returns the members kept, sorted.
func (a *Archive) Names() []string { return append([]string(nil), a.names...) }

// DisplayName names a member in messages: "backup.ucs!config/bigip.conf".
func (a *Archive) DisplayName(name string) string { return a.Path + "!" + name }

// ReadFile returns a copy of a member's content (fs.ReadFileFS).
func (a *Archive) ReadFile(name string) ([]byte, error) {
	data, ok := a.files[name]
	if !ok || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return bytes.Clone(data), nil
}

// Open implements fs.FS.
func (a *Archive) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := a.files[name]; ok {
		return &memFile{info: memInfo{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
	}
	entries, ok := a.readDir(name)
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memDir{info: memInfo{name: path.Base(name), dir: true}, entries: entries}, nil
}

// ReadDir implements fs.ReadDirFS.
func (a *Archive) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	entries, ok := a.readDir(name)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return entries, nil
}

// Stat implements fs.StatFS.
func (a *Archive) Stat(name string) (fs.FileInfo, error) {
	f, err := a.Open(name)
	if err != nil {
		return nil, err
	}
	return f.Stat()
}

// readDir lists the direct children of dir, derived from the member names
// (directories are implied by their members).
func (a *Archive) readDir(dir string) ([]fs.DirEntry, bool) {
	prefix := dir + "/"
	if dir == "." {
		prefix = ""
	}
	i := sort.SearchStrings(a.names, prefix)
	var out []fs.DirEntry
	seen := map[string]bool{}
	found := dir == "."
	for ; i < len(a.names) && strings.HasPrefix(a.names[i], prefix); i++ {
		found = true
		rest := a.names[i][len(prefix):]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			sub := rest[:j]
			if !seen[sub] {
				seen[sub] = true
				out = append(out, memInfo{name: sub, dir: true})
			}
			continue
		}
		out = append(out, memInfo{name: rest, size: int64(len(a.files[a.names[i]]))})
	}
	if !found {
		return nil, false
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, true
}

// memInfo is both the fs.FileInfo and the fs.DirEntry of an archive member.
type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i memInfo) ModTime() time.Time         { return time.Time{} }
func (i memInfo) IsDir() bool                { return i.dir }
func (i memInfo) Sys() any                   { return nil }
func (i memInfo) Type() fs.FileMode          { return i.Mode().Type() }
func (i memInfo) Info() (fs.FileInfo, error) { return i, nil }

type memFile struct {
	info memInfo
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Close() error               { return nil }

type memDir struct {
	info    memInfo
	entries []fs.DirEntry
	off     int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}
func (d *memDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}
