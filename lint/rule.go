package lint

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Meta is a rule's metadata. The rule page (`tlslint explain`, docs/RULES.md,
// SARIF help) is generated from it, so documentation cannot drift from code.
type Meta struct {
	ID       string   // "TL101": never renamed or reused
	Name     string   // "upstream-tls-to-plain-port"
	Severity Severity // default severity
	Formats  []Product
	Summary  string // one line: fires when …
	Why      string // what breaks, for whom
	Example  string // a configuration that triggers it
	Fix      string // how to repair it
	// SeverityNote explains a severity that depends on the target.
	SeverityNote string
	// AlwaysOn: the rule runs whatever --enable/--disable and the config
	// say (parse errors: a file that cannot be read is never silently
	// clean).
	AlwaysOn   bool
	References []string
}

// Rule is a registered check.
type Rule struct {
	Meta
	Check func(*Pass)
	// Options, when set, returns a pointer to a fresh options struct with
	// hcl tags; `.tlslint.hcl` `rule "ID" { … }` bodies decode into it.
	Options func() any
}

var (
	registryMu sync.Mutex
	registry   = map[string]*Rule{}
)

// Register adds a rule; rules call it from init. It panics on a duplicate or
// incomplete registration, which a test catches at build time.
func Register(r *Rule) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if r.ID == "" || r.Name == "" || r.Summary == "" || r.Severity == 0 {
		panic(fmt.Sprintf("lint.Register: incomplete metadata for %q", r.ID))
	}
	if _, dup := registry[r.ID]; dup {
		panic("lint.Register: duplicate rule " + r.ID)
	}
	registry[r.ID] = r
}

// Rules returns every registered rule ordered by ID.
func Rules() []*Rule {
	registryMu.Lock()
	defer registryMu.Unlock()
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup finds a rule by ID or name (case-insensitive).
func Lookup(idOrName string) *Rule {
	registryMu.Lock()
	defer registryMu.Unlock()
	if r, ok := registry[strings.ToUpper(idOrName)]; ok {
		return r
	}
	for _, r := range registry {
		if strings.EqualFold(r.Name, idOrName) {
			return r
		}
	}
	return nil
}

// Match reports whether a selector (an ID, a name, or an ID prefix like
// "TL2") selects the rule.
func (r *Rule) Match(sel string) bool {
	sel = strings.TrimSpace(sel)
	if sel == "" {
		return false
	}
	if strings.EqualFold(sel, r.Name) {
		return true
	}
	return strings.HasPrefix(r.ID, strings.ToUpper(sel))
}

// ValidSelector reports whether sel selects at least one rule.
func ValidSelector(sel string) bool {
	for _, r := range Rules() {
		if r.Match(sel) {
			return true
		}
	}
	return false
}

// Pass is what a rule's Check receives: the model, the target and a way to
// report.
type Pass struct {
	Model   *Model
	Target  *Target
	Rule    *Rule
	Options any // the decoded rule options, or nil
	out     FindingList
	shared  *results
}

// Report records a finding; the rule's ID, name and default severity fill
// what the finding leaves empty.
func (p *Pass) Report(f Finding) {
	p.fill(&f)
	p.out.Add(f)
}

// ReportAll records a list's findings as Report does, in order, and takes
// its chunks over (the caller gives the list up): a rule that gathers its
// findings in a list of its own (rules' cause merger) hands them over
// without a copy.
func (p *Pass) ReportAll(l *FindingList) {
	for _, c := range l.chunks {
		for i := range c {
			p.fill(&c[i])
		}
	}
	p.out.Append(l)
}

func (p *Pass) fill(f *Finding) {
	f.Fill()
	f.Rule = p.Rule.ID
	f.Name = p.Rule.Name
	if f.Severity == 0 {
		f.Severity = p.Rule.Severity
	}
}

// Reportf reports a finding at pos with a formatted message.
func (p *Pass) Reportf(pos Pos, subject, format string, args ...any) {
	p.Report(Finding{Pos: pos, Subject: subject, Msg: Msgf(format, args...)})
}
