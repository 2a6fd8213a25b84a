package bigip

import (
	"bufio"
	"errors"
	"fmt"
	"github.com/tlslint/tlslint/lint/files"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Config is a BIG-IP configuration read from one input: a tmsh file, a
// config directory (or an extracted UCS/qkview tree), or an archive. It holds
// the parsed files in load order and gives access to the other files of the
// input (certificates and keys in the filestore).
type Config struct {
	// Path is the input as it was named ("backup.ucs", "conf/", "-").
	Path string
	// Files are the parsed configuration files in load order: what BIG-IP
	// loads first comes first, so a later definition of the same object
	// replaces an earlier one (a modified built-in profile in bigip.conf
	// replaces the one in profile_base.conf).
	Files []*File

	// fsys holds the input's files; nil for text read from stdin.
	fsys fs.FS
	// root is the directory on disk that fsys reads, or "" for an archive
	// or standard input.
	root string
	// configDir is the slash path inside fsys of the directory that holds
	// bigip.conf: "config" for archives and tree roots, "." otherwise.
	configDir string
	display   func(name string) string
	rootsOnce sync.Once
	roots     []string // filestoreRoots
	indexOnce sync.Once
	index     map[string][]*Object
	filestore filestoreDirs // newest file per object, per filestore directory read
}

// The configuration files of a config directory, in the order BIG-IP loads
// them: the pre-configured profiles first (profile_base.conf says "The file
// is loaded before bigip.conf"; low_profile_base.conf holds the lower-level
// built-ins they refer to), then the base (network, system) configuration,
// then the traffic configuration, then each partition's files, partitions
// in name order. bigip_gtm.conf, bigip_user.conf and bigip_script.conf hold
// nothing a TLS check reads and are left out.
var topLevelConfigFiles = []string{
	"low_profile_base.conf",
	"profile_base.conf",
	"bigip_base.conf",
	"bigip.conf",
}

var partitionConfigFiles = []string{"bigip_base.conf", "bigip.conf"}

// configFiles lists the configuration files present in dir (a slash path in
// fsys), in load order.
func configFiles(fsys fs.FS, dir string) ([]string, error) {
	var out []string
	for _, name := range topLevelConfigFiles {
		p := path.Join(dir, name)
		if isFile(fsys, p) {
			out = append(out, p)
		}
	}
	entries, err := fs.ReadDir(fsys, path.Join(dir, "partitions"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var parts []string
	for _, e := range entries {
		if e.IsDir() {
			parts = append(parts, e.Name())
		}
	}
	sort.Strings(parts)
	for _, part := range parts {
		for _, name := range partitionConfigFiles {
			p := path.Join(dir, "partitions", part, name)
			if isFile(fsys, p) {
				out = append(out, p)
			}
		}
	}
	return out, nil
}

func isFile(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && st.Mode().IsRegular()
}

// Load reads whatever path names: a directory (LoadDir), an archive (a
// gzip or tar file: OpenArchive and LoadArchive), or a single tmsh file
// (LoadFile). It returns an error only when the input cannot be read at
// all; syntax errors are in each File's Errors.
func Load(p string) (*Config, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return LoadDir(p)
	}
	fh, _, err := files.Open(p)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(fh, head)
	fh.Close()
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	if IsArchive(head[:n]) {
		a, err := OpenArchive(p)
		if err != nil {
			return nil, err
		}
		return LoadArchive(a)
	}
	return LoadFile(p)
}

// LoadFile parses one tmsh file: a bigip.conf, an SCF or `tmsh list`
// output. Certificate files are looked up beside it (filestore/ and
// ssl/ssl.crt/ as in /config).
func LoadFile(p string) (*Config, error) {
	src, err := files.Read(p, files.Config)
	if err != nil {
		return nil, err
	}
	f := parseLazy(p, src)
	dir := filepath.Dir(p)
	f.name = filepath.Base(p)
	return &Config{
		Path:      p,
		Files:     []*File{f},
		fsys:      os.DirFS(dir),
		root:      dir,
		configDir: ".",
		display:   func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) },
	}, nil
}

// LoadBytes loads an input given as bytes (standard input): an archive when
// it starts like one, tmsh text otherwise. name is the display name
// (--stdin-filename).
func LoadBytes(name string, data []byte) (*Config, error) {
	if IsArchive(data) {
		a, err := ReadArchive(name, strings.NewReader(string(data)), DefaultArchiveLimits)
		if err != nil {
			return nil, err
		}
		return LoadArchive(a)
	}
	return &Config{
		Path:      name,
		Files:     []*File{parseLazy(name, data)},
		configDir: ".",
		display:   func(n string) string { return n },
	}, nil
}

// LoadDir loads a configuration directory. dir may be the directory that
// holds bigip.conf (a copy of /config), or the root of an extracted UCS or
// qkview, which holds config/bigip.conf. Files are read in load order (see
// Config.Files): low_profile_base.conf, profile_base.conf, bigip_base.conf,
// bigip.conf, then partitions/*/bigip_base.conf and bigip.conf. Certificate
// and key files are found in the filestore: config/filestore/files_d (a live
// system, a qkview) or var/tmp/filestore_temp/files_d (an extracted UCS).
func LoadDir(dir string) (*Config, error) {
	root, configDir := dir, "."
	switch {
	case isFile(os.DirFS(dir), "bigip.conf"):
		// A config directory named "config" inside a tree: read from the
		// tree root so that var/tmp/filestore_temp is reachable too.
		abs, err := filepath.Abs(dir)
		if err == nil && filepath.Base(abs) == "config" {
			root, configDir = filepath.Dir(filepath.Clean(dir)), "config"
		}
	case isFile(os.DirFS(dir), "config/bigip.conf"):
		configDir = "config"
	default:
		return nil, fmt.Errorf("%s: no bigip.conf here or in %s", dir, filepath.Join(dir, "config"))
	}
	fsys := os.DirFS(root)
	names, err := configFiles(fsys, configDir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	c := &Config{
		Path:      dir,
		fsys:      fsys,
		root:      root,
		configDir: configDir,
		display:   func(name string) string { return filepath.Join(root, filepath.FromSlash(name)) },
	}
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		f := parseLazy(c.display(name), src)
		f.name = name
		c.Files = append(c.Files, f)
	}
	return c, nil
}

// LoadArchive parses the configuration files of an archive (see
// OpenArchive) in load order. File names display as
// "backup.ucs!config/bigip.conf".
func LoadArchive(a *Archive) (*Config, error) {
	names, err := configFiles(a, "config")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 || !isFile(a, "config/bigip.conf") {
		return nil, fmt.Errorf("%s: no config/bigip.conf in the archive: not a UCS or qkview", a.Path)
	}
	c := &Config{Path: a.Path, fsys: a, configDir: "config", display: a.DisplayName}
	for _, name := range names {
		// The archive's own bytes: parsing does not modify its input.
		f := parseLazy(a.DisplayName(name), a.files[name])
		f.name = name
		c.Files = append(c.Files, f)
	}
	return c, nil
}

// FS returns the input's files (slash paths, see DisplayName), or nil when
// the input was standard input.
func (c *Config) FS() fs.FS { return c.fsys }

// ReadFile reads a file of the input by its slash path inside the input
// ("config/ssl/ssl.crt/default.crt").
func (c *Config) ReadFile(name string) ([]byte, error) {
	if c.fsys == nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return fs.ReadFile(c.fsys, name)
}

// DisplayName is how a file of the input is named in messages: a path for
// files on disk, "backup.ucs!config/bigip.conf" inside an archive.
func (c *Config) DisplayName(name string) string {
	if c.display == nil {
		return name
	}
	return c.display(name)
}

// Version returns the TMOS version recorded in the first file that has a
// "#TMSH-VERSION:" line, or "".
func (c *Config) Version() string {
	for _, f := range c.Files {
		if f.Version != "" {
			return f.Version
		}
	}
	return ""
}

// Errors returns the syntax errors of every file, in load order.
func (c *Config) Errors() []*Error {
	var out []*Error
	for _, f := range c.Files {
		out = append(out, f.Errors...)
	}
	return out
}

// Objects returns every object of every file, in load order.
func (c *Config) Objects() []*Object {
	var out []*Object
	for _, f := range c.Files {
		out = append(out, f.Objects...)
	}
	return out
}

// Warnings returns the warnings of every file, in load order.
func (c *Config) Warnings() []*Error {
	var out []*Error
	for _, f := range c.Files {
		out = append(out, f.Warnings...)
	}
	return out
}

// Lookup returns every object whose full name is name (made absolute
// against /Common), of any kind, in load order. Like every method of Config
// it is safe for concurrent use.
func (c *Config) Lookup(name string) []*Object {
	c.indexOnce.Do(func() {
		c.index = make(map[string][]*Object)
		for _, f := range c.Files {
			for _, o := range f.Objects {
				if o.FullName != "" {
					c.index[o.FullName] = append(c.index[o.FullName], o)
				}
			}
		}
	})
	return c.index[NormalizeName(name, DefaultFolder)]
}

// Find returns the object of the given kind (or a sub-kind: "ltm profile"
// finds any profile) whose full name is name (made absolute against
// /Common). When several files define it, the last in load order wins, as
// it does on the device. It returns nil when there is none.
func (c *Config) Find(kind, name string) *Object {
	objs := c.Lookup(name)
	for i := len(objs) - 1; i >= 0; i-- {
		if objs[i].IsKind(kind) {
			return objs[i]
		}
	}
	return nil
}

// IsArchive reports whether data starts like an archive Load should open
// with OpenArchive rather than parse as text: gzip, tar, or OpenPGP (an
// encrypted UCS, which OpenArchive reports as such).
func IsArchive(data []byte) bool {
	return isGzip(data) || isTar(data) || isPGP(data)
}

func isGzip(data []byte) bool { return len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b }

// isTar checks the POSIX ustar magic at offset 257 (POSIX.1-1988 header,
// "ustar\0" or GNU "ustar  \0").
func isTar(data []byte) bool {
	return len(data) >= 262 && string(data[257:262]) == "ustar"
}

// isPGP recognises the start of an OpenPGP message (RFC 4880 section 4):
// ASCII armour, or a first packet that is a session key packet — tag 3,
// symmetric-key encrypted (what a passphrase produces), or tag 1,
// public-key encrypted — with a known packet version. A passphrase-protected
// UCS is such a file (gpg --symmetric output starts with a tag 3 packet).
func isPGP(data []byte) bool {
	if strings.HasPrefix(string(data[:min(len(data), 32)]), "-----BEGIN PGP MESSAGE-----") {
		return true
	}
	if len(data) < 3 || data[0]&0x80 == 0 {
		return false
	}
	var tag byte
	hdr := 0               // header length: tag octet plus length octets
	if data[0]&0x40 != 0 { // new format (section 4.2.2)
		tag = data[0] & 0x3f
		switch l := data[1]; {
		case l < 192:
			hdr = 2
		case l < 224:
			hdr = 3
		case l == 255:
			hdr = 6
		default:
			return false // partial lengths do not start a session key packet
		}
	} else { // old format (section 4.2.1)
		tag = (data[0] >> 2) & 0x0f
		switch data[0] & 3 {
		case 0:
			hdr = 2
		case 1:
			hdr = 3
		case 2:
			hdr = 5
		default:
			return false
		}
	}
	if len(data) <= hdr {
		return false
	}
	version := data[hdr]
	switch tag {
	case 3: // RFC 4880 5.3 (v4), RFC 9580 5.3 (v6); v5 from the crypto-refresh drafts
		return version == 4 || version == 5 || version == 6
	case 1: // RFC 4880 5.1 (v3), RFC 9580 5.1 (v6)
		return version == 3 || version == 6
	}
	return false
}

// bufferedPeek wraps r so its first bytes can be examined.
func bufferedPeek(r io.Reader, n int) (*bufio.Reader, []byte) {
	br := bufio.NewReaderSize(r, max(n, 4096))
	head, _ := br.Peek(n)
	return br, head
}
