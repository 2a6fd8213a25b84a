package certs

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/tlslint/tlslint/lint/i18n"
)

// Loader reads and parses certificate, key and parameter files, each once.
// It is safe for concurrent use: concurrent Loads of one path share a single
// read and parse, and later Loads return the same *Bundle (or error).
type Loader struct {
	fsys    FS
	mapPath func(string) string

	mu      sync.Mutex
	entries map[string]*loadEntry
}

type loadEntry struct {
	once   sync.Once
	bundle *Bundle
	err    error
}

// NewLoader returns a Loader reading fsys (nil: the OS) after rewriting each
// path with mapPath (nil: unchanged), which implements --map.
func NewLoader(fsys FS, mapPath func(string) string) *Loader {
	if fsys == nil {
		fsys = OSFS{}
	}
	if mapPath == nil {
		mapPath = func(s string) string { return s }
	}
	return &Loader{fsys: fsys, mapPath: mapPath, entries: map[string]*loadEntry{}}
}

// FS returns the file system the Loader reads.
func (l *Loader) FS() FS { return l.fsys }

// Resolve returns the path a reference is read from (after --map).
func (l *Loader) Resolve(ref string) string { return l.mapPath(ref) }

// Load returns the parsed contents of a file, or of an nginx value naming
// one. ref is what the configuration says:
//
//   - a path: mapped, read once, parsed;
//   - "data:<PEM>" (nginx 1.15.10+): parsed inline; Name is "data:";
//   - "engine:<name>:<id>" and "store:<uri>": a key or certificate in a
//     token; nothing is read and the Bundle says so (Source, Skipped);
//   - a path containing "$": nginx resolves it per handshake; nothing is
//     read (SourceVariable).
//
// Files are cached by mapped path: two references to one file share a
// Bundle, whose Name is the first reference. Errors are *FileError:
// Unavailable when the file cannot be read (missing, unreadable, a
// directory), Malformed when it cannot be parsed.
func (l *Loader) Load(ref string) (*Bundle, error) {
	switch {
	case strings.HasPrefix(ref, "engine:"):
		// engine:name:id — keep only the engine's name: the id part of a
		// PKCS#11 URI may carry a PIN (pin-value=).
		name, _, _ := strings.Cut(strings.TrimPrefix(ref, "engine:"), ":")
		return external(SourceEngine, "engine:"+name, "private key held by OpenSSL engine \""+name+"\"; not checkable offline"), nil
	case strings.HasPrefix(ref, "store:"):
		return external(SourceStore, "store:", "certificate or key loaded from an OpenSSL store URI; not checkable offline"), nil
	case strings.HasPrefix(ref, "data:"):
		if strings.Contains(ref, "$") {
			return &Bundle{Name: "data:", Source: SourceVariable}, nil
		}
		// Cache by digest: the value may hold a private key, and the
		// Loader keeps its cache keys.
		sum := sha256.Sum256([]byte(ref))
		return l.load("data:"+hex.EncodeToString(sum[:]), func() (*Bundle, error) {
			b := &Bundle{Name: "data:", Path: "data:", Source: SourceData}
			if err := parseInto(b, []byte(strings.TrimPrefix(ref, "data:"))); err != nil {
				return nil, err
			}
			return b, nil
		})
	case strings.Contains(ref, "$"):
		return &Bundle{Name: ref, Source: SourceVariable}, nil
	}
	path := l.mapPath(ref)
	return l.load(path, func() (*Bundle, error) {
		data, err := l.fsys.ReadFile(path)
		if err != nil {
			return nil, &FileError{Name: ref, Path: path, Kind: Unavailable, Msg: unavailableMsg(err).String(), MsgL: unavailableMsg(err), Err: err}
		}
		b := &Bundle{Name: ref, Path: path, Source: SourceFile}
		if err := parseInto(b, data); err != nil {
			return nil, err
		}
		return b, nil
	})
}

// load runs parse once per key.
func (l *Loader) load(key string, parse func() (*Bundle, error)) (*Bundle, error) {
	l.mu.Lock()
	e := l.entries[key]
	if e == nil {
		e = &loadEntry{}
		l.entries[key] = e
	}
	l.mu.Unlock()
	e.once.Do(func() {
		// Files are parsed on the certificate stage's goroutines, where a
		// panic cannot be recovered by the caller: make it this file's
		// error, so the run goes on and no stack trace is printed.
		defer func() {
			if v := recover(); v != nil {
				e.bundle, e.err = nil, &FileError{Name: key, Path: key, Kind: Unavailable, Msg: fmt.Sprintf("tlslint crashed reading it (%v); please report a bug with this file", v)}
			}
		}()
		e.bundle, e.err = parse()
	})
	return e.bundle, e.err
}

func external(src Source, name, detail string) *Bundle {
	return &Bundle{Name: name, Source: src, Skipped: []Skipped{{BlockType: name, Reason: SkipExternal, Detail: detail}}}
}

func unavailableMsg(err error) i18n.Msg {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return i18n.Msgf("file not found (after path mapping); expected a certificate or key file")
	case errors.Is(err, fs.ErrPermission):
		return i18n.Msgf("permission denied; tlslint needs read access to check it")
	case errors.Is(err, errIsDir):
		return i18n.Msgf("is a directory; expected a certificate or key file")
	}
	return i18n.Msgf("cannot read: %s", err.Error())
}
