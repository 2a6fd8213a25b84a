package files

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// Txn writes files all or nothing (--fix). Every Write first prepares
// every file (a temporary file beside it with the new contents, the
// original's owner, group and mode, setuid/setgid included, and a hard link
// keeping the original), then renames all; when any step fails, the files
// already renamed are put back and nothing has changed. The originals stay
// linked until Commit, so Rollback can undo every Write of the transaction
// (a fix loop of several passes is one transaction).
//
// Paths are resolved through symbolic links: sites-enabled/x →
// ../sites-available/x edits sites-available/x and leaves the link a link.
// Read-only files (no write bit: tlslint often runs as root, which the
// kernel lets write anything) and files whose owner or mode cannot be kept
// are refused, naming them.
type Txn struct {
	backups map[string]string // resolved path → hard link to its original
	order   []string
}

// NewTxn starts a transaction.
func NewTxn() *Txn { return &Txn{backups: map[string]string{}} }

// Resolve returns the file a path names after symbolic links.
func Resolve(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

type prepared struct {
	path, tmp string
}

// Write replaces each path (keys of changes) with its new contents, all or
// none. expect, when not nil, holds what each file must still contain: a
// file changed on disk since it was read is not overwritten.
func (t *Txn) Write(changes map[string][]byte, expect map[string][]byte) (err error) {
	paths := make([]string, 0, len(changes))
	for p := range changes {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var prep []prepared
	defer func() {
		for _, p := range prep {
			os.Remove(p.tmp) // no-op once renamed
		}
	}()
	// Phase 1: check and prepare everything; nothing visible changes.
	type target struct {
		real string
		st   os.FileInfo
	}
	targets := make([]target, len(paths))
	var refused []string
	for i, p := range paths {
		real, err := Resolve(p)
		if err != nil {
			return err
		}
		st, err := Stat(real)
		if err != nil {
			return err
		}
		targets[i] = target{real, st}
		if st.Mode().Perm()&0o222 == 0 {
			refused = append(refused, fmt.Sprintf("%s is read-only (mode %04o)", p, st.Mode().Perm()))
		}
	}
	if len(refused) > 0 {
		return fmt.Errorf("not changing read-only files (make them writable to fix them): %s", strings.Join(refused, "; "))
	}
	for i, p := range paths {
		real, st := targets[i].real, targets[i].st
		if expect != nil {
			disk, err := Read(real, Config)
			if err != nil {
				return err
			}
			if string(disk) != string(expect[p]) {
				return fmt.Errorf("%s changed on disk since tlslint read it", p)
			}
		}
		tmp, err := writeLike(real, st, changes[p])
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		prep = append(prep, prepared{real, tmp})
		if _, ok := t.backups[real]; !ok {
			b := tempName(real, "orig")
			if err := os.Link(real, b); err != nil {
				return fmt.Errorf("%s: keeping the original: %w", p, err)
			}
			t.backups[real] = b
			t.order = append(t.order, real)
		}
	}
	// Phase 2: rename all; on a failure, put back what was renamed.
	for i, p := range prep {
		if err := rename(p.tmp, p.path); err != nil {
			var undo []error
			for _, q := range prep[:i] {
				if e := restore(t.backups[q.path], q.path); e != nil {
					undo = append(undo, e)
				}
			}
			if len(undo) > 0 {
				return fmt.Errorf("writing %s: %v; and restoring the files already written failed: %v", p.path, err, errors.Join(undo...))
			}
			return fmt.Errorf("writing %s: %w (no file was changed)", p.path, err)
		}
	}
	return nil
}

// Rollback puts every file the transaction wrote back as it was before
// its first Write (the same inode, owner and mode: the original is renamed
// back).
func (t *Txn) Rollback() error {
	var errs []error
	for _, real := range t.order {
		b := t.backups[real]
		if sameFile(b, real) {
			// never replaced: rename(2) of a file onto another link to
			// it does nothing, so drop the backup instead
			os.Remove(b)
			continue
		}
		if err := os.Rename(b, real); err != nil {
			errs = append(errs, fmt.Errorf("restoring %s: %w", real, err))
		}
	}
	t.backups, t.order = map[string]string{}, nil
	return errors.Join(errs...)
}

// Commit ends the transaction: the originals are dropped.
func (t *Txn) Commit() {
	for _, real := range t.order {
		os.Remove(t.backups[real])
	}
	t.backups, t.order = map[string]string{}, nil
}

func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// restore makes path the original again, from a new link to the backup
// (the backup stays for a later Rollback).
func restore(backup, path string) error {
	if sameFile(backup, path) {
		return nil
	}
	tmp := tempName(path, "undo")
	if err := os.Link(backup, tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// rename is os.Rename; tests make it fail (as root, a read-only directory
// does not).
var rename = os.Rename

var tempSeq int

func tempName(path, what string) string {
	tempSeq++
	return filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.tlslint-%s-%d-%d", filepath.Base(path), what, os.Getpid(), tempSeq))
}

// writeLike writes data to a new file beside path with path's owner,
// group and mode (setuid, setgid and sticky bits included), and checks
// they were kept: a file whose owner tlslint cannot give to the new file
// (not root, another user's file) is refused rather than silently taken
// over.
func writeLike(path string, st fs.FileInfo, data []byte) (string, error) {
	name := tempName(path, "new")
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(name)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return "", err
	}
	sys, _ := st.Sys().(*syscall.Stat_t)
	if sys != nil {
		// chown before chmod: chown clears the setuid and setgid bits
		if err := f.Chown(int(sys.Uid), int(sys.Gid)); err != nil {
			return "", fmt.Errorf("cannot keep its owner %d:%d (%v): not changed", sys.Uid, sys.Gid, err)
		}
	}
	want := st.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	if err := f.Chmod(want); err != nil {
		return "", err
	}
	if err := f.Sync(); err != nil {
		return "", err
	}
	got, err := f.Stat()
	if err != nil {
		return "", err
	}
	if got.Mode()&(fs.ModePerm|fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky) != want {
		return "", fmt.Errorf("cannot keep its mode %v (got %v): not changed", want, got.Mode())
	}
	if gs, _ := got.Sys().(*syscall.Stat_t); sys != nil && gs != nil && (gs.Uid != sys.Uid || gs.Gid != sys.Gid) {
		return "", fmt.Errorf("cannot keep its owner %d:%d: not changed", sys.Uid, sys.Gid)
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	ok = true
	return name, nil
}
