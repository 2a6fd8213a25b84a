package nginx

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Linting a rendered file in the tree it will join.
//
// Chef's template and file resources stage the new content beside the
// destination and run `verify` on it before moving it into place:
// Chef::FileContentManagement::Tempfile (chef/chef,
// lib/chef/file_content_management/tempfile.rb) opens
// ::Tempfile.open([".chef-" + basename, extension], File.dirname(path)),
// where the extension is greedy (from the first dot of the name) and
// Ruby's Dir::Tmpname (lib/tmpdir.rb) puts "YYYYMMDD-PID-RANDOM36" and, on
// a name clash, "-N" between the two. /etc/nginx/conf.d/app.conf is staged
// as /etc/nginx/conf.d/.chef-app20261206-4242-1x9k2f.conf. nginx would never
// read that name (its glob skips dot files), so the tree is loaded with the
// staged bytes standing in for the destination.

// chefStaged matches Chef's staging name; (.*) is greedy so a basename that
// itself ends in digits keeps them.
var chefStaged = regexp.MustCompile(`^\.?chef-(.*)\d{8}-\d+-[0-9a-z]+(?:-\d+)?(\..*)?$`)

// ChefDestination returns the destination file name of a file Chef staged
// for verification (".chef-app20261206-4242-1x9k2f.conf" → "app.conf").
func ChefDestination(base string) (string, bool) {
	m := chefStaged.FindStringSubmatch(base)
	if m == nil || m[1] == "" {
		return "", false
	}
	return m[1] + m[2], true
}

// ContextRoot returns the nginx.conf of the nearest directory, from the
// file's own directory upwards, that holds one: the tree a lone file (a
// rendered vhost in conf.d/) will join.
func ContextRoot(file string) (string, bool) {
	dir := filepath.Dir(file)
	for {
		p := filepath.Join(dir, "nginx.conf")
		if p != file {
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p, true
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// StandIn makes the loader read data wherever the tree reads dest (an
// absolute path): an include naming dest, or a glob that matches dest's
// name, whether or not dest exists yet. Findings on it are shown under
// display(file), the file actually linted. Call it before LoadPath.
func (ld *Loader) StandIn(dest, file string, data []byte) {
	f := parseBytes(dest, ld.opts.display(file), file, data, !ld.opts.NoCrossCheck)
	ld.register(f)
}

// Loaded reports whether a load read abs, as a root or through an include
// (also through a symbolic link to it: sites-enabled/app → ../sites-available/app).
func (ld *Loader) Loaded(abs string) bool {
	if ld.included[abs] || ld.roots[abs] {
		return true
	}
	for p, f := range ld.files {
		if f.abs == abs && p != abs && ld.included[p] {
			return true
		}
	}
	return false
}

// isStandIn: a stand-in is cached under its destination (or a link to it)
// but read from another file.
func (l *Loader) isStandIn(p string) bool {
	f, ok := l.files[p]
	return ok && f.src.Path != "" && f.src.Path != f.abs
}

// withStandIns adds the stand-ins a glob matches (a destination that does
// not exist yet) to the matches, once, and makes a match that is a
// symbolic link to a stand-in's destination read the stand-in.
func (l *Loader) withStandIns(pattern []string, matches []string) []string {
	for p := range l.files {
		if !l.isStandIn(p) || slices.Contains(matches, p) {
			continue
		}
		parts := strings.Split(filepath.ToSlash(p), "/")
		if len(parts) != len(pattern) || hiddenByGlob(pattern, parts) {
			continue
		}
		if ok, _ := filepath.Match(strings.Join(pattern, "/"), strings.Join(parts, "/")); ok {
			matches = append(matches, p)
		}
	}
	for _, m := range matches {
		l.linkStandIn(m)
	}
	return matches
}

// linkStandIn: when p is a symbolic link to a stand-in's destination (the
// Debian layout: sites-enabled/app.conf → ../sites-available/app.conf, the
// destination Chef or Ansible writes), p reads the stand-in. The link is
// followed one step when its target does not exist yet.
func (l *Loader) linkStandIn(p string) bool {
	if l.isStandIn(p) {
		return true
	}
	if _, cached := l.files[p]; cached {
		return false
	}
	st, err := os.Lstat(p)
	if err != nil || st.Mode()&os.ModeSymlink == 0 {
		return false
	}
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		link, err := os.Readlink(p)
		if err != nil {
			return false
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(p), link)
		}
		target = filepath.Clean(link)
	}
	for dest, f := range l.files {
		if l.isStandIn(dest) && f.abs == dest && (dest == target || evalOrSelf(dest) == target) {
			l.files[p] = f
			return true
		}
	}
	return false
}

func evalOrSelf(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}
