package lint

import (
	"fmt"
	"path"
	"runtime"
	"strings"
)

// RunOptions select and adjust rules for one run.
type RunOptions struct {
	// Enable, when not empty, restricts the run to the selected rules (IDs,
	// names or ID prefixes). Parse errors (TL001) are always reported.
	Enable  []string
	Disable []string
	// Enabled holds per-rule on/off from the config file, by ID; --enable
	// and --disable win over it.
	Enabled         map[string]bool
	Severity        map[string]Severity // per-rule severity overrides, by ID
	RuleOptions     map[string]any      // decoded rule options, by ID
	NoInlineIgnores bool
	Ignores         []*Suppression // config `ignore { … }` blocks
	seeds           map[any]any    // shared values the run starts with (Seed)
}

// Active reports whether the rule runs under these options.
func (o *RunOptions) Active(r *Rule) bool {
	if r.AlwaysOn {
		return true
	}
	on := true
	if v, ok := o.Enabled[r.ID]; ok {
		on = v
	}
	if len(o.Enable) > 0 {
		on = false
		for _, s := range o.Enable {
			if r.Match(s) {
				on = true
			}
		}
	}
	for _, s := range o.Disable {
		if r.Match(s) {
			on = false
		}
	}
	return on
}

// Run runs every active rule over the model and returns the findings,
// sorted, with severities adjusted and suppressions applied (suppressed
// findings are kept, marked, for SARIF; reporters skip them otherwise).
func Run(m *Model, t *Target, o *RunOptions) []Finding {
	if o == nil {
		o = &RunOptions{}
	}
	active := map[string]*Rule{}
	for _, r := range Rules() {
		if !o.Active(r) {
			continue
		}
		active[r.ID] = r
	}
	// Rules are independent: run them on every core, then concatenate in
	// rule order so the output stays deterministic.
	mm := &results{}
	mm.seed(o.seeds)
	var todo []*Rule
	for _, r := range Rules() {
		if active[r.ID] != nil && r.Check != nil {
			todo = append(todo, r)
		}
	}
	results := make([]*FindingList, len(todo))
	Parallel(len(todo), 0, func(i int) {
		results[i] = runRule(m, t, todo[i], o.RuleOptions[todo[i].ID], mm)
	})
	// One list, sized once (with room for a TL003 finding a suppression),
	// each rule's chunks garbage once copied: grown by append, the list of
	// the 40,000 findings of a 20,000-server tree (12 MB) allocated 25 MB.
	n := len(m.Findings) + len(m.Suppressions) + len(o.Ignores)
	for _, r := range results {
		n += r.Len()
	}
	out := make([]Finding, 0, n)
	for _, f := range m.Findings {
		r := active[f.Rule]
		if r == nil {
			continue
		}
		f.Name = r.Name
		if f.Severity == 0 {
			f.Severity = r.Severity
		}
		out = append(out, f)
	}
	for _, r := range results {
		for j, c := range r.chunks {
			out = append(out, c...)
			r.chunks[j] = nil
		}
	}
	for i := range out {
		if s, ok := o.Severity[out[i].Rule]; ok {
			out[i].Severity = s
		}
	}
	out = applySuppressions(m, out, o, active)
	SortFindings(out)
	return dedupe(out)
}

func runRule(m *Model, t *Target, r *Rule, opts any, mm *results) (out *FindingList) {
	p := &Pass{Model: m, Target: t, Rule: r, Options: opts, shared: mm}
	defer func() {
		if v := recover(); v != nil {
			f := Finding{
				Rule: InternalErrorRule, Name: "internal-error", Severity: Error,
				Pos:    firstSourcePos(m),
				Msg:    Msgf("rule %s (%s) crashed on this input and was skipped: %v; please report a bug with the rule ID and this input", r.ID, r.Name, v),
				Detail: PanicSite(),
			}
			f.Fill()
			p.out.Add(f)
			out = &p.out
		}
	}()
	r.Check(p)
	return &p.out
}

func firstSourcePos(m *Model) Pos {
	names := m.SourceNames()
	if len(names) == 0 {
		return Pos{}
	}
	return m.Sources[names[0]].Pos(0, 0)
}

// PanicSite names where a recovered panic happened, for a bug report: the
// innermost function of tlslint's own code and its file:line, never a
// stack trace (CLI.md: no Go stack trace on any input).
func PanicSite() string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if strings.Contains(f.Function, "tlslint/") && !strings.HasPrefix(f.Function, "runtime.") &&
			!strings.Contains(f.Function, "lint.runRule") && !strings.Contains(f.Function, "driver.loadOne") {
			return fmt.Sprintf("crashed in %s (%s:%d)", f.Function[strings.LastIndex(f.Function, "/")+1:], path.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}

// applySuppressions marks suppressed findings and reports malformed and
// unused suppressions as TL003.
func applySuppressions(m *Model, fs []Finding, o *RunOptions, active map[string]*Rule) []Finding {
	var sups []*Suppression
	if !o.NoInlineIgnores {
		sups = append(sups, m.Suppressions...)
	}
	sups = append(sups, o.Ignores...)
	for _, s := range sups {
		s.Used = false
		if s.Problem != "" {
			continue
		}
		for _, id := range s.Rules {
			if Lookup(id) == nil {
				s.setProblem(Msgf("unknown rule %q", id))
			}
		}
		if s.Problem == "" && strings.TrimSpace(s.Reason) == "" {
			s.setProblem(Msgf("missing reason: write `-- why` after the rule IDs"))
		}
	}
	for i := range fs {
		f := &fs[i]
		if f.Rule == ParseErrorRule || f.Rule == SuppressionRule {
			continue
		}
		for _, s := range sups {
			if s.Problem != "" || !s.covers(f) {
				continue
			}
			s.Used = true
			f.Suppressed = s
			break
		}
	}
	tl003 := active[SuppressionRule]
	if tl003 == nil {
		return fs
	}
	for _, s := range sups {
		var msg Msg
		switch {
		case s.Problem != "":
			problem := s.ProblemMsg
			if problem.IsZero() {
				problem = Msgf("%s", s.Problem) // set by a config loader as plain text
			}
			msg = Msgf("invalid suppression: %s; it suppresses nothing", problem)
		case !s.Used && s.anyActive(active):
			msg = Msgf("suppression of %s matches no finding: remove it", strings.Join(s.Rules, ", "))
			if s.Subject != "" {
				msg = Msgf("ignore block for %s on %q matches no finding: remove it", strings.Join(s.Rules, ", "), s.Subject)
			}
		default:
			continue
		}
		sev := tl003.Severity
		if v, ok := o.Severity[SuppressionRule]; ok {
			sev = v
		}
		fs = append(fs, Finding{Rule: SuppressionRule, Name: tl003.Name, Severity: sev, Pos: s.Pos, Message: msg.String(), Msg: msg})
	}
	return fs
}

func (s *Suppression) anyActive(active map[string]*Rule) bool {
	for _, id := range s.Rules {
		if r := Lookup(id); r != nil && active[r.ID] != nil {
			return true
		}
	}
	return false
}

func (s *Suppression) covers(f *Finding) bool {
	named := false
	for _, id := range s.Rules {
		if r := Lookup(id); r != nil && r.ID == f.Rule {
			named = true
		}
	}
	if !named {
		return false
	}
	if s.Subject != "" {
		ok, _ := path.Match(s.Subject, f.Subject)
		return ok || s.Subject == f.Subject || strings.HasPrefix(f.Subject, s.Subject+" ")
	}
	if f.Pos.File != s.File {
		return false
	}
	return s.FileWide || (int(f.Pos.Line) >= s.From && int(f.Pos.Line) <= s.To)
}

// dedupe drops exact repeats (the same rule, position and message), which
// arise when one cause is reached through several paths.
func dedupe(fs []Finding) []Finding {
	out := fs[:0]
	for i, f := range fs {
		if i > 0 {
			p := out[len(out)-1]
			if p.Rule == f.Rule && p.Pos == f.Pos && p.Message == f.Message {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}
