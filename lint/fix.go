package lint

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
)

// MaxFixPasses bounds fix application: apply, re-parse, re-lint, until
// nothing applies (CLI.md "Fixes"). A fix whose edits wait for a later pass
// (they touch an edit already chosen) gets at most this many chances.
const MaxFixPasses = 10

// ChosenFix is a fix picked for one pass of fix application.
type ChosenFix struct {
	Fix   Fix
	Rule  string   // the rule of the finding that offered it
	Files []string // display names of the files it edits, one per edit
}

// ChooseFixes picks the fixes to apply in one pass from findings, in
// finding order, at most one per finding (its first applicable fix). Unsafe
// fixes are considered only when unsafe is true; suppressed findings offer
// none. A fix is applied whole or not at all: one with an edit that
// overlaps or touches (shares an end offset with) an edit already chosen
// waits for the next pass, when its offsets have been recomputed from the
// edited file. Fixes into files that cannot be written (no Source.Path:
// standard input, archive members), files in skip (a fix broke them) or
// with an edit past the end of the file are skipped.
//
// Rejecting touching edits, not only overlapping ones, follows tflint's
// rewriter ("range overlaps with a previous rewrite"): two insertions at
// one offset have no defined order.
func ChooseFixes(m *Model, fs []Finding, unsafe bool, skip map[string]bool) []ChosenFix {
	type span struct{ off, end int32 }
	taken := map[string][]span{}
	var out []ChosenFix
	for _, f := range fs {
		if f.Suppressed != nil {
			continue
		}
		for _, fx := range f.Fixes {
			if fx.Safety != Safe && !unsafe || len(fx.Edits) == 0 {
				continue
			}
			ok := true
			var files []string
			for _, e := range fx.Edits {
				src := m.Source(e.Pos.File)
				if src == nil || src.Path == "" || skip[e.Pos.File] || int(e.Pos.End) > len(src.Data) {
					ok = false
					break
				}
				for _, s := range taken[e.Pos.File] {
					if e.Pos.Offset <= s.end && s.off <= e.Pos.End { // overlapping or touching
						ok = false
					}
				}
				files = append(files, e.Pos.File)
			}
			if !ok {
				continue
			}
			for _, e := range fx.Edits {
				taken[e.Pos.File] = append(taken[e.Pos.File], span{e.Pos.Offset, e.Pos.End})
			}
			out = append(out, ChosenFix{Fix: fx, Rule: f.Rule, Files: files})
			break // one fix per finding
		}
	}
	return out
}

// ApplyFixes returns the new contents of every file the fixes edit, keyed
// by display name; m is not changed. The fixes must not overlap (as
// ChooseFixes guarantees). Every byte outside the edits is kept: comments
// and formatting are the user's (STYLE.md "Fixes are byte edits").
func ApplyFixes(m *Model, fixes []ChosenFix) map[string][]byte {
	edits := map[string][]Edit{}
	for _, p := range fixes {
		for _, e := range p.Fix.Edits {
			edits[e.Pos.File] = append(edits[e.Pos.File], e)
		}
	}
	out := map[string][]byte{}
	for name, es := range edits {
		src := m.Source(name)
		sort.SliceStable(es, func(i, j int) bool { return es[i].Pos.Offset < es[j].Pos.Offset })
		var b bytes.Buffer
		last := 0
		for _, e := range es {
			b.Write(src.Data[last:e.Pos.Offset])
			b.WriteString(e.NewText)
			last = int(e.Pos.End)
		}
		b.Write(src.Data[last:])
		out[name] = b.Bytes()
	}
	return out
}

// ParseErrorCounts counts TL001 (parse-error) findings per file: a pass of
// fixes that raises a file's count broke its syntax and is reverted.
func ParseErrorCounts(fs []Finding) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		if f.Rule == ParseErrorRule {
			out[f.Pos.File]++
		}
	}
	return out
}

// FixIO is where FixPasses puts its results: the CLI writes through a
// transaction on disk, rule tests into a scratch copy of testdata.
type FixIO struct {
	// Write puts the changed files (display name → contents) on disk;
	// m is the model they were read into.
	Write func(m *Model, changed map[string][]byte) error
	// Revert puts a file a fix made unparsable back to data.
	Revert func(m *Model, name string, data []byte) error
	// Relint loads and lints the inputs again.
	Relint func() (*Model, []Finding, error)
	// Reverted, when set, is told about each reverted file.
	Reverted func(name string)
}

// FixResult says what FixPasses did.
type FixResult struct {
	Model    *Model
	Findings []Finding
	Applied  int             // fixes that stayed applied
	Files    map[string]bool // display names of the files they changed
}

// FixPasses applies fixes as --fix does: each pass chooses the fixes that
// neither overlap nor touch, writes them, re-lints, and puts back any file a
// fix made unparsable (more parse errors than before; that file gets no
// more fixes), until nothing applies or MaxFixPasses passes ran.
func FixPasses(m *Model, findings []Finding, unsafe bool, io FixIO) (FixResult, error) {
	res := FixResult{Model: m, Findings: findings, Files: map[string]bool{}}
	broken := map[string]bool{}
	for pass := 0; pass < MaxFixPasses; pass++ {
		fixes := ChooseFixes(res.Model, res.Findings, unsafe, broken)
		if len(fixes) == 0 {
			break
		}
		changed := ApplyFixes(res.Model, fixes)
		before := ParseErrorCounts(res.Findings)
		previous := map[string][]byte{}
		for n := range changed {
			previous[n] = res.Model.Source(n).Data
		}
		if err := io.Write(res.Model, changed); err != nil {
			return res, err
		}
		nm, nf, err := io.Relint()
		if err != nil {
			return res, err
		}
		after := ParseErrorCounts(nf)
		reverted := false
		for n := range changed {
			if after[n] > before[n] {
				if err := io.Revert(nm, n, previous[n]); err != nil {
					return res, fmt.Errorf("reverting %s: %v", n, err)
				}
				broken[n], reverted = true, true
				if io.Reverted != nil {
					io.Reverted(n)
				}
			}
		}
		if reverted {
			if nm, nf, err = io.Relint(); err != nil {
				return res, err
			}
		}
		for _, c := range fixes {
			if !slices.ContainsFunc(c.Files, func(n string) bool { return broken[n] }) {
				res.Applied++
				for _, n := range c.Files {
					res.Files[n] = true
				}
			}
		}
		res.Model, res.Findings = nm, nf
	}
	return res, nil
}
