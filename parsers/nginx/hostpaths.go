package nginx

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// Reproducible anywhere: an absolute path in the configuration names a file
// on the machine nginx runs on. Reading it from the machine that runs
// tlslint made results depend on the runner (a repository copy read the
// runner's /etc/nginx/mime.types and /etc/ssl/certs/ssl-cert-snakeoil.pem
// and reported a TL305 about that certificate). So an absolute path that
// --map does not rewrite is read only when one of these holds:
//
//   - it lies inside the linted tree: under the root's prefix directory, or
//     under the repository checkout that holds the root;
//   - the configuration is linted in place: the root is not inside a
//     repository checkout (no .git/.hg in its directory or any parent) and
//     the path's top directory is the root's (tlslint /etc/nginx/nginx.conf
//     reads /etc/ssl/..., /etc/letsencrypt/...; not /srv/...);
//   - --host-paths says so.
//
// Otherwise the file is unavailable: includes get TL002 at info and
// certificate, key, CA and dhparam files TL308 at info, each naming the
// --map to add.

// hostScope is what decides which absolute paths a root may read.
type hostScope struct {
	treeDir string // the root's prefix
	repo    string // the checkout holding the root; "" when none
}

// repoRoot is the nearest directory at or above dir holding .git or .hg.
func repoRoot(dir string) string {
	for d := dir; ; {
		for _, m := range []string{".git", ".hg"} {
			if _, err := os.Stat(filepath.Join(d, m)); err == nil {
				return d
			}
		}
		up := filepath.Dir(d)
		if up == d {
			return ""
		}
		d = up
	}
}

func within(dir, p string) bool {
	if dir == "" {
		return false
	}
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// topDir is the first component of an absolute path: "/etc" for /etc/nginx.
func topDir(p string) string {
	rest := strings.TrimPrefix(filepath.ToSlash(p), "/")
	top, _, _ := strings.Cut(rest, "/")
	return "/" + top
}

// hostBlocked reports why an absolute path as written may not be read
// here, or the zero Msg when it may (relative, mapped, inside the tree, in place,
// --host-paths). The reason names the --map to add.
func (l *loader) hostBlocked(p string) lint.Msg {
	if l.opts.HostPaths || !filepath.IsAbs(p) || MapPath(l.opts.Maps, p) != p {
		return lint.Msg{}
	}
	p = filepath.Clean(p)
	hs := l.host
	if within(hs.treeDir, p) || within(hs.repo, p) {
		return lint.Msg{}
	}
	if hs.repo == "" && topDir(p) == topDir(hs.treeDir) {
		return lint.Msg{} // linted in place
	}
	dir := filepath.Dir(strings.SplitN(p, "*", 2)[0])
	return lint.Msgf("it is outside the linted tree and not mapped, so tlslint does not read this machine's copy; map it: --map %s=DIR (or --host-paths to read this machine's files)", dir)
}

// filePath is mapPath for a file the loader or the certificate stage will
// read: "" when it is not readable here; reportBlocked then reports it
// where TL308 would report a missing file.
func (l *loader) filePath(n node) string {
	if len(n.Args) == 0 {
		return ""
	}
	v := n.Args[0].Value
	p := l.mapPath(v)
	if p == "" {
		return ""
	}
	why := l.hostBlocked(v)
	if why.IsZero() {
		return p
	}
	l.blocked[l.pos(n)] = lint.Msgf("%s %q is not checked: %s", n.Name, v, why)
	return ""
}

// reportBlocked marks the files not read here as unavailable on the
// settings that name them (Origin.Unavailable) for the listeners and
// upstreams from index nL and nU on; TL308 reports them as it reports a
// missing file.
func (l *loader) reportBlocked(nL, nU int) {
	mark := func(o *lint.Origin) {
		if msg, ok := l.blocked[o.Pos]; ok {
			o.SetUnavailable(msg)
		}
	}
	for _, lis := range l.model.Listeners[nL:] {
		for i := range lis.Certs {
			mark(&lis.Certs[i].Cert.Origin)
			mark(&lis.Certs[i].Key.Origin)
		}
		if lis.Policy != nil {
			mark(&lis.Policy.Trusted.Origin)
			mark(&lis.Policy.DHParam.Origin)
		}
	}
	for _, u := range l.model.Upstreams[nU:] {
		for i := range u.ClientCerts {
			mark(&u.ClientCerts[i].Cert.Origin)
			mark(&u.ClientCerts[i].Key.Origin)
		}
		if u.Policy != nil {
			mark(&u.Policy.Trusted.Origin)
		}
	}
}

// fragmentPrefix is nginx's prefix for a lone fragment: the nearest
// directory at or above it that holds nginx.conf, inside the checkout;
// the fragment's own directory when none does.
func fragmentPrefix(abs string, repo string) string {
	dir := filepath.Dir(abs)
	for d := dir; ; {
		if st, err := os.Stat(filepath.Join(d, "nginx.conf")); err == nil && !st.IsDir() {
			return d
		}
		up := filepath.Dir(d)
		if up == d || d == repo {
			return dir
		}
		d = up
	}
}
