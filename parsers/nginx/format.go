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
			s := &session{Loader: NewLoader(m, &Options{Maps: o.Maps, Target: o.Target, Display: o.Display, HostPaths: o.HostPaths}), standIn: o.StandIn}
			if si := o.StandIn; si != nil {
				s.StandIn(si.Dest, si.File, si.Data)
			}
			return s
		},
	})
}

// session adapts Loader to lint.Loader.
type session struct {
	*Loader
	standIn *lint.StandIn
}

func (s *session) LoadData(name string, data []byte) error {
	s.Loader.LoadData(name, data)
	return nil
}

func (s *session) Finish() {
	s.Wait()
	if s.standIn != nil {
		s.standIn.Loaded = s.Loaded(s.standIn.Dest)
	}
}
