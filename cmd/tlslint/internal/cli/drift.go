package cli

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/config"
	"github.com/tlslint/tlslint/lint/drift"
	"github.com/tlslint/tlslint/lint/driver"
	"github.com/tlslint/tlslint/lint/offer"
	"github.com/tlslint/tlslint/lint/report"
)

func init() {
	commandHelp["drift"] = `usage: tlslint drift [flags] A B
       tlslint drift [flags] [--base NAME]

Compare what two environments of one service really offer: each listener
and upstream connection, matched across the environments (by port and
server names after hostname_map, by BIG-IP object path, by location or
pool, then by target), rendered as a normalized view (protocols, suites per
version as the target expands them, groups, SNI, verification,
certificate issuer/key/names/chain, upstream scheme and targets, PROXY
protocol) and diffed. TL401 (warning) for each object that differs, at the
differing line of the compared environment with the reference's line as a
note and a unified diff of the two views; TL402 (info) for a TLS object
that exists on one side only. Equal behaviour written differently is no
drift.

A and B are paths (files, directories, archives; any input format, and the
two may differ: a tier that moved from BIG-IP to nginx is compared too). A
is the reference. Without paths, the environment blocks of .tlslint.hcl:

  environment "prod"    { paths = ["envs/prod/nginx.conf"] }
  environment "staging" {
    paths        = ["envs/staging/nginx.conf"]
    hostname_map = { "app.staging.example.com" = "app.example.com" }
    path_map     = { "/etc/nginx" = "envs/staging" }
  }

each compared with the first, or with --base NAME. The lint flags that
describe the target and the certificates apply to every environment
(--roots, --now, --nginx-version, --openssl-version, --bigip-version,
--map, --type); --format, --fail-on, --enable/--disable as for lint. JSON
adds "diffs": [{"subject", "unified"}].

exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 tlslint could not run
`
}

// environment is one side of a drift run.
type environment struct {
	name        string
	paths       []string
	maps        []lint.PathMap
	hostnameMap map[string]string
}

func cmdDrift(args []string, env Env) (int, error) {
	var f lintFlags
	fs := flag.NewFlagSet("drift", flag.ContinueOnError)
	f.register(fs)
	var base trackFlag
	fs.Var(&base, "base", "")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return 2, err
	}
	if f.fix.v || f.diff.v || f.unsafeFixes.v {
		return 2, usagef("drift changes nothing: --fix, --unsafe-fixes and --diff are lint flags")
	}
	s, err := buildSettings(&f, env)
	if err != nil {
		return 2, err
	}
	envs, err := driftEnvironments(paths, s.cfg, base)
	if err != nil {
		return 2, err
	}
	loaded := make([]*drift.Env, len(envs))
	errs := make([]error, len(envs))
	var wg sync.WaitGroup
	for i, e := range envs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o := s.driverOptions(&f, env)
			o.Maps = append(append([]lint.PathMap{}, e.maps...), s.maps...)
			// the most specific prefix wins; on equal length the environment's
			sort.SliceStable(o.Maps, func(i, j int) bool { return len(o.Maps[i].From) > len(o.Maps[j].From) })
			m, t, err := driver.Load(e.paths, o)
			if err != nil {
				errs[i] = fmt.Errorf("environment %s: %v", e.name, err)
				return
			}
			m.Env = e.name
			loaded[i] = &drift.Env{Name: e.name, Model: m, Book: offer.New(m, t), HostnameMap: e.hostnameMap}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return 2, err
		}
	}
	// the findings of each environment go through the runner with its own
	// model: suppressions, severity overrides and --enable/--disable apply
	found := make([][]lint.Finding, len(loaded))
	var diffs []drift.Diff
	for i := 1; i < len(loaded); i++ {
		res := drift.Compare(loaded[0], loaded[i], report.UnifiedDiff)
		found[0] = append(found[0], res.Ref...)
		found[i] = append(found[i], res.Cmp...)
		diffs = append(diffs, res.Diffs...)
	}
	run := *s.run
	if len(run.Enable) == 0 {
		// what drift reports: its own findings, and what kept it from
		// seeing an environment whole (parse errors, unresolved includes,
		// crashed loaders); the lint rules are `tlslint lint`'s business
		run.Enable = []string{lint.ParseErrorRule, lint.UnresolvedRule, lint.InternalErrorRule, drift.DriftRule, drift.MissingRule}
	}
	merged := lint.NewModel()
	var findings []lint.Finding
	for i, e := range loaded {
		e.Model.Findings = append(e.Model.Findings, found[i]...)
		findings = append(findings, lint.Run(e.Model, e.Book.Target(), &run)...)
		for name, src := range e.Model.Sources {
			if merged.Sources[name] == nil {
				merged.Sources[name] = src
			}
		}
	}
	lint.SortFindings(findings)
	opts := report.Options{Color: s.format == "text" && env.IsTTY && env.Getenv("NO_COLOR") == "",
		ToolVersion: Version, Rules: lint.Rules(), Cwd: env.Cwd, RepoRoot: projectRoot(env), Diffs: reportedDiffs(findings, diffs), Lang: s.lang}
	var out bytes.Buffer
	if err := report.Write(&out, s.format, merged, findings, opts); err != nil {
		return 2, err
	}
	if _, err := env.Stdout.Write(out.Bytes()); err != nil {
		return 2, err
	}
	return exitCode(findings, s.failOn), nil
}

// reportedDiffs keeps the diffs of the TL401 findings that are reported
// (not suppressed, not disabled), in the findings' order; never nil, so
// the JSON document always has "diffs".
func reportedDiffs(findings []lint.Finding, diffs []drift.Diff) []report.Diff {
	out := []report.Diff{}
	used := make([]bool, len(diffs))
	for _, f := range findings {
		if f.Rule != drift.DriftRule || f.Suppressed != nil {
			continue
		}
		for i, d := range diffs {
			if !used[i] && d.Subject == f.Subject && d.Unified == f.Detail {
				used[i] = true
				out = append(out, report.Diff{Subject: d.Subject, Unified: d.Unified})
				break
			}
		}
	}
	return out
}

// driftEnvironments are the environments to compare, the reference first:
// two paths, or the config file's environment blocks (--base picks the
// reference).
func driftEnvironments(paths []string, cfg *config.File, base trackFlag) ([]environment, error) {
	switch {
	case len(paths) == 2:
		if base.set {
			return nil, usagef("--base names an environment of .tlslint.hcl: with two paths, the first is the reference")
		}
		for _, p := range paths {
			if p == "-" {
				return nil, usagef("drift reads two environments from files: standard input cannot be one")
			}
		}
		a, b := envNames(paths[0], paths[1])
		if a == b {
			return nil, usagef("drift: %s is compared with itself: name two environments", paths[0])
		}
		return []environment{{name: a, paths: paths[:1]}, {name: b, paths: paths[1:]}}, nil
	case len(paths) != 0:
		return nil, usagef("drift takes two paths (the reference first), or none to compare the environments of .tlslint.hcl; got %d", len(paths))
	}
	if cfg == nil || len(cfg.Environments) < 2 {
		where := "no .tlslint.hcl was found"
		if cfg != nil && cfg.Path != "" {
			where = fmt.Sprintf("%s declares %d environment blocks", cfg.Path, len(cfg.Environments))
		}
		return nil, usagef("drift needs two paths, or two or more environment blocks in .tlslint.hcl (%s)", where)
	}
	var out []environment
	for _, e := range cfg.Environments {
		out = append(out, environment{name: e.Name, paths: e.Paths, maps: e.PathMap, hostnameMap: e.HostnameMap})
	}
	if base.set {
		i := -1
		var names []string
		for k, e := range out {
			names = append(names, e.name)
			if e.name == base.v {
				i = k
			}
		}
		if i < 0 {
			return nil, usagef("--base %q: no such environment in %s (it declares %v)", base.v, cfg.Path, names)
		}
		out[0], out[i] = out[i], out[0]
		// the others keep their file order
		rest := append([]environment{}, out[1:]...)
		sort.SliceStable(rest, func(a, b int) bool { return index(cfg, rest[a].name) < index(cfg, rest[b].name) })
		out = append(out[:1], rest...)
	}
	return out, nil
}

// envNames names two path environments by what tells them apart: the
// path elements left after their common leading and trailing ones
// (envs/prod/nginx.conf and envs/staging/nginx.conf are "prod" and
// "staging"), the whole paths when that leaves nothing.
func envNames(a, b string) (string, string) {
	ea := strings.Split(filepath.ToSlash(filepath.Clean(a)), "/")
	eb := strings.Split(filepath.ToSlash(filepath.Clean(b)), "/")
	for len(ea) > 1 && len(eb) > 1 && ea[0] == eb[0] {
		ea, eb = ea[1:], eb[1:]
	}
	for len(ea) > 1 && len(eb) > 1 && ea[len(ea)-1] == eb[len(eb)-1] {
		ea, eb = ea[:len(ea)-1], eb[:len(eb)-1]
	}
	na, nb := strings.Join(ea, "/"), strings.Join(eb, "/")
	// prod.json and staging.json are "prod" and "staging"
	if x := filepath.Ext(na); x != "" && x == filepath.Ext(nb) && len(na) > len(x) && len(nb) > len(x) {
		na, nb = strings.TrimSuffix(na, x), strings.TrimSuffix(nb, x)
	}
	if na == "" || nb == "" || na == nb {
		return filepath.ToSlash(filepath.Clean(a)), filepath.ToSlash(filepath.Clean(b))
	}
	return na, nb
}

func index(cfg *config.File, name string) int {
	for i, e := range cfg.Environments {
		if e.Name == name {
			return i
		}
	}
	return len(cfg.Environments)
}
