package nginx

import (
	"os"
	"path/filepath"

	"github.com/tlslint/tlslint/lint"
)

// nginx is the fallback format: what no other detector claims is read as
// nginx configuration (a lone snippet has no signature to detect).
func init() {
	lint.RegisterFormat(&lint.Format{
		Name: "nginx", Order: 100, Fallback: true,
		DetectDir: func(dir string) bool {
			_, err := os.Stat(filepath.Join(dir, "nginx.conf"))
			return err == nil
		},
		NewLoader: func(m *lint.Model, o *lint.LoadOptions) lint.Loader {
			return &session{NewLoader(m, &Options{Maps: o.Maps, Target: o.Target, Display: o.Display, HostPaths: o.HostPaths})}
		},
	})
}

// session adapts Loader to lint.Loader.
type session struct{ *Loader }

func (s *session) LoadData(name string, data []byte) error {
	s.Loader.LoadData(name, data)
	return nil
}

func (s *session) Finish() { s.Wait() }
