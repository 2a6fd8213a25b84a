package lint

import (
	"sort"
	"sync"

	"github.com/tlslint/tlslint/lint/certs"
)

// Format is an input format (nginx, BIG-IP, AS3). Each parser package
// registers its own in init; the driver detects a path's format and loads it
// through the registry, so adding a format is adding a package.
type Format struct {
	Name string // "nginx", "bigip", "as3": --type names it
	// Order ranks content detection: lower first (archives before JSON
	// before tmsh); the Fallback format takes what no detector claims.
	Order    int
	Fallback bool
	// DetectDir reports whether a directory is a configuration of this
	// format (nginx.conf inside it, bigip.conf inside it).
	DetectDir func(dir string) bool
	// Detect reports whether content (the first 64 KiB) is of this format.
	Detect func(head []byte) bool
	// NewLoader returns a loader adding to m; one per run and format.
	NewLoader func(m *Model, o *LoadOptions) Loader
}

// Loader reads inputs of one format into a model. Errors are for inputs
// that cannot be read at all (exit 2); problems inside them are findings.
type Loader interface {
	LoadPath(path string) error
	LoadData(name string, data []byte) error
	// Finish waits for background work (nginx's gonginx cross-checks).
	Finish()
}

// CertSource is implemented by loaders whose inputs carry certificate files
// (BIG-IP UCS archives): the certificate stage reads "ARCHIVE!member"
// paths through it, and the rest from disk.
type CertSource interface {
	CertFS() certs.FS
}

// LoadOptions are what every loader gets.
type LoadOptions struct {
	Target *Target
	// Display turns an absolute path into the name shown in findings.
	Display func(abs string) string
	// Maps rewrite absolute path prefixes before reading (--map), most
	// specific first.
	Maps []PathMap
	// HostPaths reads unmapped absolute paths outside the linted tree from
	// this machine (--host-paths); otherwise they are unavailable, so that a
	// result never depends on the machine that runs tlslint.
	HostPaths bool
	// StandIn, when set, is a rendered file linted in the tree it will join
	// (Chef's verify stages it beside its destination).
	StandIn *StandIn
}

// StandIn is a rendered file linted in the tree it will join: the loader
// reads Data (File's content) wherever the tree reads Dest, and records
// whether it did.
type StandIn struct {
	Dest, File string
	Data       []byte
	Loaded     bool // set by the loader: the tree read Dest
}

// PathMap rewrites an absolute path prefix (--map FROM=TO, path_map).
type PathMap struct {
	From string // cleaned absolute slash path: "/etc/nginx"
	To   string // where those files are on this machine
}

var (
	formatsMu sync.Mutex
	formats   []*Format
)

// RegisterFormat adds an input format; parser packages call it from init.
func RegisterFormat(f *Format) {
	formatsMu.Lock()
	defer formatsMu.Unlock()
	for _, g := range formats {
		if g.Name == f.Name {
			panic("lint.RegisterFormat: duplicate format " + f.Name)
		}
	}
	formats = append(formats, f)
	sort.SliceStable(formats, func(i, j int) bool { return formats[i].Order < formats[j].Order })
}

// Formats returns the registered formats in detection order.
func Formats() []*Format {
	formatsMu.Lock()
	defer formatsMu.Unlock()
	return append([]*Format(nil), formats...)
}

// FormatByName returns the format --type names, or nil.
func FormatByName(name string) *Format {
	for _, f := range Formats() {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// DetectFormat picks the format of content: the first detector that claims
// it, else the fallback format.
func DetectFormat(head []byte) *Format {
	var fallback *Format
	for _, f := range Formats() {
		if f.Detect != nil && f.Detect(head) {
			return f
		}
		if f.Fallback {
			fallback = f
		}
	}
	return fallback
}
