package as3

import "github.com/tlslint/tlslint/lint"

// AS3 declarations are JSON: detected by content before tmsh (Order 20).
func init() {
	lint.RegisterFormat(&lint.Format{
		Name: "as3", Order: 20, Detect: Detect,
		NewLoader: func(m *lint.Model, o *lint.LoadOptions) lint.Loader {
			return &session{m: m, opts: &Options{Target: o.Target, Display: o.Display}}
		},
	})
}

type session struct {
	m    *lint.Model
	opts *Options
}

func (s *session) LoadPath(path string) error { return LoadModel(s.m, path, s.opts) }

func (s *session) LoadData(name string, data []byte) error {
	return LoadModelBytes(s.m, s.opts.display(name), data, s.opts)
}

func (s *session) Finish() {}
