package bigip

import (
	"os"
	"path/filepath"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
)

// BIG-IP: UCS archives (by their gzip/tar/PGP signature) and tmsh text
// (Detect: JSON and nginx configuration never match it).
func init() {
	lint.RegisterFormat(&lint.Format{
		Name: "bigip", Order: 10,
		DetectDir: func(dir string) bool {
			for _, f := range []string{"bigip.conf", "config/bigip.conf", "bigip_base.conf", "config/bigip_base.conf"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
					return true
				}
			}
			return false
		},
		Detect: func(head []byte) bool { return IsArchive(head) || Detect(head) },
		NewLoader: func(m *lint.Model, o *lint.LoadOptions) lint.Loader {
			return &session{m: m, opts: &Options{Target: o.Target, Display: o.Display, Files: NewFiles()}}
		},
	})
}

// session adapts LoadModel to lint.Loader and shares the archives it read
// with the certificate stage.
type session struct {
	m    *lint.Model
	opts *Options
}

func (s *session) LoadPath(path string) error { return LoadModel(s.m, path, s.opts) }

func (s *session) LoadData(name string, data []byte) error {
	return LoadModelBytes(s.m, name, data, s.opts)
}

func (s *session) Finish() {}

// CertFS reads "ARCHIVE!member" paths from the archives loaded, the rest
// from disk.
func (s *session) CertFS() certs.FS { return s.opts.Files }
