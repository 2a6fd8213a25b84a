package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/parsers/nginx"
)

// projectRoot is the directory GitLab Code Quality paths are relative to:
// $CI_PROJECT_DIR in a GitLab job (where the runner checked the repository
// out), else the nearest directory from the working directory upwards that
// holds .git, else the working directory.
func projectRoot(env Env) string {
	if d := env.Getenv("CI_PROJECT_DIR"); d != "" && filepath.IsAbs(d) {
		return filepath.Clean(d)
	}
	for dir := env.Cwd; dir != ""; {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return env.Cwd
}

// lintInContext lints the PATHs like lintOnce. When the one PATH is a lone
// nginx fragment (a server{} or a snippet, not a main file) below a
// directory holding nginx.conf, the fragment is linted in that tree instead
// of alone: what Chef's `verify 'tlslint --fail-on error %{path}'` needs,
// since Chef stages the rendered file beside its destination as
// .chef-NAME<date>-<pid>-<random>.EXT (see nginx.ChefDestination), and what
// `tlslint /etc/nginx/conf.d/app.conf` means.
//
// The tree is loaded twice: with the fragment's content standing in for its
// destination (the staged name's destination, else the file itself), and
// with an empty destination. Only findings in the fragment, pointing at it
// (related locations, fix edits), or absent from the tree without it count:
// a broken file elsewhere in /etc/nginx does not fail the verification of
// this one, while a conflict the new vhost creates in another file (a second
// default server on a socket) does. The rest are dropped, with a note on
// standard error saying how many.
//
// The fragment is linted alone, as before, when the tree does not read the
// destination (a sites-available/ file that no include names), when no
// nginx.conf is above it (Ansible's validate hands over a copy under
// ~/.ansible/tmp), and with --fix or --diff, which edit the file itself.
func lintInContext(paths []string, s *settings, f *lintFlags, env Env) (*lint.Model, []lint.Finding, error) {
	m, findings, err := lintOnce(paths, s, f, env)
	if err != nil || len(paths) != 1 || paths[0] == "-" || f.fix.v || f.diff.v || s.typ == "bigip" || s.typ == "as3" {
		return m, findings, err
	}
	file := paths[0]
	if !filepath.IsAbs(file) {
		file = filepath.Join(env.Cwd, file)
	}
	name := displayName(env.Cwd, file)
	src := m.Source(name)
	if src == nil || !src.Fragment {
		return m, findings, nil
	}
	root, ok := nginx.ContextRoot(file)
	if !ok {
		return m, findings, nil
	}
	dest := file
	if d, ok := nginx.ChefDestination(filepath.Base(file)); ok {
		dest = filepath.Join(filepath.Dir(file), d)
	}
	base := *s
	base.standIn = &lint.StandIn{Dest: dest, File: file}
	_, without, err := lintOnce([]string{root}, &base, f, env)
	if err != nil || !base.standIn.Loaded {
		fmt.Fprintf(env.Stderr, "tlslint: %s\n", lint.Msgf("%s is not read by %s: linted alone", displayName(env.Cwd, dest), displayName(env.Cwd, root)).In(s.lang))
		return m, findings, nil
	}
	with := *s
	with.standIn = &lint.StandIn{Dest: dest, File: file, Data: src.Data}
	wm, wf, err := lintOnce([]string{root}, &with, f, env)
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]int{}
	for _, fd := range without {
		seen[findingKey(fd)]++
	}
	var counted []lint.Finding
	others := 0
	for _, fd := range wf {
		k := findingKey(fd)
		switch {
		case touches(fd, name):
			counted = append(counted, fd)
		case seen[k] > 0:
			seen[k]--
			others++
		default:
			counted = append(counted, fd)
		}
	}
	var as lint.Msg
	if dest != file {
		as = lint.Msgf(" as %s", displayName(env.Cwd, dest))
	}
	fmt.Fprintf(env.Stderr, "tlslint: %s\n", lint.Msgf("%s linted%s in the tree of %s; %d findings elsewhere in that tree are not caused by it and not counted",
		name, as, displayName(env.Cwd, root), others).In(s.lang))
	return wm, counted, nil
}

// findingKey identifies a finding between two loads of one tree.
func findingKey(f lint.Finding) string {
	return fmt.Sprintf("%s\x00%s\x00%d\x00%d\x00%s\x00%s", f.Rule, f.Pos.File, f.Pos.Offset, f.Pos.End, f.Subject, f.Message)
}

// touches reports whether a finding points into the file shown as name.
func touches(f lint.Finding, name string) bool {
	if f.Pos.File == name {
		return true
	}
	for _, r := range f.Related {
		if r.Pos.File == name {
			return true
		}
	}
	for _, fx := range f.Fixes {
		for _, e := range fx.Edits {
			if e.Pos.File == name {
				return true
			}
		}
	}
	return false
}
