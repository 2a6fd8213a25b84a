package bigip

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/tlslint/tlslint/lint/certs"
)

// Files reads the certificate and key files a model built by LoadModel
// names (CertPair.CertPath, KeyPath, ChainPth, TLSPolicy.TrustedPath):
//
//   - paths on disk, for a config directory, an extracted tree or a single
//     file: read from the operating system like certs.OSFS;
//   - "ARCHIVE!member" paths ("backup.ucs!var/tmp/filestore_temp/files_d/
//     Common_d/certificate_d/:Common:app.crt_1_1"), for a UCS or qkview
//     read in memory: read from the archive that LoadModel registered under
//     that name. Nothing is written to disk.
//
// It implements certs.FS and certs.DirReader, so the certificate loader
// takes it as is: certs.NewLoader(files, mapPath). It is safe for
// concurrent use.
type Files struct {
	mu       sync.RWMutex
	archives map[string]*Archive
}

// NewFiles returns an empty set: it reads the operating system's files
// until LoadModel registers archives in it.
func NewFiles() *Files { return &Files{archives: map[string]*Archive{}} }

// add registers an archive under the name its members' paths start with.
func (f *Files) add(name string, a *Archive) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.archives[name] = a
}

// split finds the archive a path names and the member inside it.
func (f *Files) split(name string) (*Archive, string, bool) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	// The archive's own name may contain '!': try every split point.
	for i := strings.IndexByte(name, '!'); i >= 0; {
		if a, ok := f.archives[name[:i]]; ok {
			return a, name[i+1:], true
		}
		j := strings.IndexByte(name[i+1:], '!')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return nil, "", false
}

// ReadFile reads a file on disk or a member of a registered archive. Like
// certs.OSFS it refuses directories and files over certs.MaxFileSize.
func (f *Files) ReadFile(name string) ([]byte, error) {
	a, member, ok := f.split(name)
	if !ok {
		return certs.OSFS{}.ReadFile(name)
	}
	st, err := a.Stat(member)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("is a directory, expected a file")}
	}
	if st.Size() > certs.MaxFileSize {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("file too large for a certificate or key file (%d bytes, the limit is %d)", st.Size(), certs.MaxFileSize)}
	}
	return a.ReadFile(member)
}

// ReadDir lists a directory on disk or inside a registered archive; entry
// names are base names, as os.ReadDir gives them.
func (f *Files) ReadDir(name string) ([]fs.DirEntry, error) {
	a, member, ok := f.split(name)
	if !ok {
		return certs.OSFS{}.ReadDir(name)
	}
	if member == "" {
		member = "."
	}
	return a.ReadDir(member)
}
