package cli

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

// readBuildInfo is debug.ReadBuildInfo; tests replace it.
var readBuildInfo = debug.ReadBuildInfo

// writeVersion prints `tlslint version`: the release, then what the Go
// toolchain recorded in the binary (runtime/debug build info), then the
// default targets.
//
// `go install github.com/tlslint/tlslint/cmd/tlslint@v0.3.0` records the
// module version (v0.3.0, or a pseudo-version for a commit) but no VCS
// stamp: the module proxy's zip has no .git. A build from a checkout
// records "(devel)" and, unless -buildvcs=false (set in GOFLAGS on some
// machines), vcs.revision, vcs.time and vcs.modified.
func writeVersion(w io.Writer) {
	fmt.Fprintf(w, "tlslint %s\n", Version)
	if bi, ok := readBuildInfo(); ok {
		mod := bi.Main.Path
		if mod == "" {
			mod = "github.com/tlslint/tlslint"
		}
		v := bi.Main.Version
		if v == "" {
			v = "(devel)"
		}
		fmt.Fprintf(w, "module: %s %s\n", mod, v)
		var rev, when, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if rev != "" {
			line := "revision: " + rev
			if when != "" {
				line += " " + when
			}
			if modified == "true" {
				line += " (modified)"
			}
			fmt.Fprintln(w, line)
		}
		if bi.GoVersion != "" {
			fmt.Fprintf(w, "go: %s\n", bi.GoVersion)
		}
	}
	fmt.Fprintf(w, "targets: nginx %s (default; knows defaults of 1.x), OpenSSL %d.%d at security level %d (default), BIG-IP %s (default)\n",
		lint.DefaultNginx, tls.DefaultOpenSSL.Major, tls.DefaultOpenSSL.Minor, tls.DefaultOpenSSL.SecLevel, lint.DefaultBigIP)
}
