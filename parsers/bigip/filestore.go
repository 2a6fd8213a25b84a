package bigip

import (
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
)

// fileKindDirs maps `sys file` object kinds to their filestore directory,
// used when an object carries no cache-path.
var fileKindDirs = map[string]string{
	"sys file ssl-cert": "certificate_d",
	"sys file ssl-key":  "certificate_key_d",
}

// FindFile locates the file behind a `sys file ssl-cert` or `sys file
// ssl-key` object and returns its slash path inside the input (for
// ReadFile and DisplayName).
//
// BIG-IP keeps such files in its filestore as
// files_d/<Partition>_d/certificate_d/:<Partition>:<folder…>:<name>_<id>_<rev>
// (certificate_key_d for keys), and records the live path in the object's
// cache-path (/config/filestore/files_d/…). An archive or tree keeps them
// elsewhere: a UCS under var/tmp/filestore_temp/files_d, a qkview or a copy
// of /config under config/filestore/files_d (a qkview has no keys). So
// FindFile tries, in order: the cache-path under each filestore location;
// the newest file of the object in the same directory (a UCS taken after a
// certificate was re-imported may carry another id or revision); the
// system-path of built-in files (/config/ssl/ssl.crt/default.crt).
func (c *Config) FindFile(obj *Object) (string, error) {
	name, _, err := c.findFile(obj)
	if nf, ok := err.(*noFileError); ok {
		// worded now: the error must not hold the Config (the certificate
		// store keeps its errors, and with them the whole syntax tree)
		err = fmt.Errorf("%s: %w", nf.Error(), fs.ErrNotExist)
	}
	return name, err
}

// findFile is FindFile that also returns the first place it looked, which
// is where the file should be when it is missing ("" when there was none).
func (c *Config) findFile(obj *Object) (name, expected string, err error) {
	if c.fsys == nil {
		return "", "", fmt.Errorf("%s: the input has no files beside its configuration (read from standard input)", obj)
	}
	var tried []string
	cache, hasCache := obj.Value("cache-path")
	dir := ""
	if hasCache {
		rel, ok := filestoreRel(cache)
		if ok {
			for _, root := range c.filestoreRoots() {
				name := path.Join(root, rel)
				tried = append(tried, name)
				if isFile(c.fsys, name) {
					return name, name, nil
				}
			}
			dir = path.Dir(rel)
		}
	}
	if dir == "" && obj.Partition != "" {
		if kd, ok := fileKindDirs[obj.Kind]; ok {
			dir = obj.Partition + "_d/" + kd
		}
	}
	if dir != "" && obj.FullName != "" {
		prefix := ":" + strings.ReplaceAll(strings.TrimPrefix(obj.FullName, "/"), "/", ":") + "_"
		for _, root := range c.filestoreRoots() {
			d := path.Join(root, dir)
			if name, ok := c.filestore.newest(c.fsys, d, prefix); ok {
				return name, name, nil
			}
			tried = append(tried, d+"/"+prefix+"*")
		}
	}
	if sys, ok := obj.Value("system-path"); ok {
		if name, ok := c.systemFile(sys); ok {
			tried = append(tried, name)
			if isFile(c.fsys, name) {
				return name, name, nil
			}
		}
	}
	if len(tried) == 0 {
		return "", "", fmt.Errorf("%s has no cache-path or system-path to find its file by: %w", obj, fs.ErrNotExist)
	}
	expected = tried[0]
	if strings.HasSuffix(expected, "*") {
		expected = ""
	}
	return "", expected, &noFileError{c: c, obj: obj, tried: tried}
}

// noFileError is findFile's "not found", worded when it is printed: the
// model builder only wants the place the file should be, for each of
// 10,000 certificates of a large configuration. It holds the Config:
// FindFile words it before it leaves the package.
type noFileError struct {
	c     *Config
	obj   *Object
	tried []string
}

func (e *noFileError) Error() string {
	shown := make([]string, len(e.tried))
	for i, t := range e.tried {
		shown[i] = e.c.DisplayName(t)
	}
	return fmt.Sprintf("no file for %s (looked for %s)", e.obj, strings.Join(shown, ", "))
}

// systemFile maps a system-path under /config/ (the built-in certificates'
// /config/ssl/ssl.crt/default.crt) into the input.
func (c *Config) systemFile(sys string) (string, bool) {
	rel, ok := strings.CutPrefix(sys, "/config/")
	if !ok || !fs.ValidPath(rel) {
		return "", false
	}
	return path.Join(c.configDir, rel), true
}

// ReadFileObject is FindFile followed by ReadFile.
func (c *Config) ReadFileObject(obj *Object) (name string, data []byte, err error) {
	name, err = c.FindFile(obj)
	if err != nil {
		return "", nil, err
	}
	data, err = c.ReadFile(name)
	return name, data, err
}

// filestoreRoots are the filestore locations inside the input, most
// specific first: beside the config directory, then the UCS location.
// They are joined once: findFile asks for them for every file object.
func (c *Config) filestoreRoots() []string {
	c.rootsOnce.Do(func() {
		c.roots = []string{path.Join(c.configDir, "filestore/files_d")}
		base := "."
		if c.configDir != "." {
			base = path.Dir(c.configDir)
		}
		c.roots = append(c.roots, path.Join(base, "var/tmp/filestore_temp/files_d"))
	})
	return c.roots
}

// filestoreRel returns the part of a cache-path after "files_d/":
// "Common_d/certificate_d/:Common:a.crt_1_1".
func filestoreRel(cache string) (string, bool) {
	i := strings.Index(cache, "/files_d/")
	if i < 0 {
		return "", false
	}
	rel := path.Clean(cache[i+len("/files_d/"):])
	if !fs.ValidPath(rel) || rel == "." {
		return "", false
	}
	return rel, true
}

// newestFilestoreFile finds, among the files of dir named prefix<id>_<rev>,
// the one with the highest id, then revision.
func newestFilestoreFile(fsys fs.FS, dir, prefix string) (string, bool) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return "", false
	}
	best, bestID, bestRev := "", -1, -1
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || e.IsDir() {
			continue
		}
		idText, revText, ok := strings.Cut(rest, "_")
		if !ok {
			continue
		}
		id, err1 := strconv.Atoi(idText)
		rev, err2 := strconv.Atoi(revText)
		if err1 != nil || err2 != nil {
			continue
		}
		if id > bestID || id == bestID && rev > bestRev {
			best, bestID, bestRev = e.Name(), id, rev
		}
	}
	if best == "" {
		return "", false
	}
	return path.Join(dir, best), true
}

// filestoreDirs answers newestFilestoreFile from one reading of each
// directory: a UCS filestore holds a file per certificate and key, and
// every certificate object looks its directory up, so reading the
// directory per object is quadratic (20,000 entries read 20,000 times on a
// 10,000-virtual box).
type filestoreDirs struct {
	mu   sync.Mutex
	dirs map[string]map[string]filestoreEntry // dir → prefix → newest entry; nil: unreadable
}

type filestoreEntry struct {
	name    string
	id, rev int
}

// newest is newestFilestoreFile(fsys, dir, prefix), reading dir once. The
// index keys on prefixes that end in '_', as findFile's always do; another
// prefix is answered by the scan.
func (c *filestoreDirs) newest(fsys fs.FS, dir, prefix string) (string, bool) {
	if !strings.HasSuffix(prefix, "_") {
		return newestFilestoreFile(fsys, dir, prefix)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	byPrefix, ok := c.dirs[dir]
	if !ok {
		byPrefix = indexFilestoreDir(fsys, dir)
		if c.dirs == nil {
			c.dirs = map[string]map[string]filestoreEntry{}
		}
		c.dirs[dir] = byPrefix
	}
	e, ok := byPrefix[prefix]
	if !ok {
		return "", false
	}
	return path.Join(dir, e.name), true
}

// indexFilestoreDir groups a directory's files named <prefix><id>_<rev> by
// prefix, keeping the newest of each as newestFilestoreFile chooses it. A
// name matches a prefix in newestFilestoreFile when what follows the prefix
// is two integers around one '_'; neither holds a '_', so the prefix is the
// name up to and including its second-to-last '_'.
func indexFilestoreDir(fsys fs.FS, dir string) map[string]filestoreEntry {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil
	}
	out := map[string]filestoreEntry{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		last := strings.LastIndexByte(name, '_')
		if last < 0 {
			continue
		}
		second := strings.LastIndexByte(name[:last], '_')
		if second < 0 {
			continue
		}
		id, err1 := strconv.Atoi(name[second+1 : last])
		rev, err2 := strconv.Atoi(name[last+1:])
		if err1 != nil || err2 != nil {
			continue
		}
		prefix := name[:second+1]
		b, ok := out[prefix]
		if !ok {
			b = filestoreEntry{id: -1, rev: -1} // as newestFilestoreFile starts
		}
		if id > b.id || id == b.id && rev > b.rev {
			out[prefix] = filestoreEntry{name: name, id: id, rev: rev}
		}
	}
	return out
}
