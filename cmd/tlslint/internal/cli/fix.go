package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/report"
)

// maxFixPasses bounds --fix: apply, re-parse, re-lint, until nothing
// applies (CLI.md "Fixes").
const maxFixPasses = 10

// pendingFix is a fix chosen for this pass.
type pendingFix struct {
	fix   lint.Fix
	rule  string
	files []string // display names of the files it edits
}

// chooseFixes picks the fixes to apply from findings, in finding order: a
// fix is applied whole or not at all; one whose edits overlap or touch an
// edit already chosen waits for the next pass. Fixes into files that cannot
// be written (standard input, archive members) or files marked broken are
// skipped.
func chooseFixes(m *lint.Model, fs []lint.Finding, unsafe bool, skip map[string]bool) []pendingFix {
	type span struct{ off, end int }
	taken := map[string][]span{}
	var out []pendingFix
	for _, f := range fs {
		if f.Suppressed != nil {
			continue
		}
		for _, fx := range f.Fixes {
			if fx.Safety != lint.Safe && !unsafe || len(fx.Edits) == 0 {
				continue
			}
			ok := true
			var files []string
			for _, e := range fx.Edits {
				src := m.Source(e.Pos.File)
				if src == nil || src.Path == "" || skip[e.Pos.File] || e.Pos.End > len(src.Data) {
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
			out = append(out, pendingFix{fix: fx, rule: f.Rule, files: files})
			break // one fix per finding
		}
	}
	return out
}

// applyEdits returns the new contents of every file the fixes edit.
func applyEdits(m *lint.Model, fixes []pendingFix) map[string][]byte {
	edits := map[string][]lint.Edit{}
	for _, p := range fixes {
		for _, e := range p.fix.Edits {
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
			last = e.Pos.End
		}
		b.Write(src.Data[last:])
		out[name] = b.Bytes()
	}
	return out
}

// printDiff writes the unified diff of the changes, with a/ and b/ paths
// relative to the working directory, for git apply / patch -p1.
func printDiff(env Env, m *lint.Model, changed map[string][]byte) error {
	names := make([]string, 0, len(changed))
	for n := range changed {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		rel := displayName(env.Cwd, m.Source(n).Path)
		if _, err := fmt.Fprint(env.Stdout, report.UnifiedDiff("a/"+rel, "b/"+rel, m.Source(n).Data, changed[n])); err != nil {
			return err
		}
	}
	return nil
}

// writeAtomic replaces path with data through a temporary file in the same
// directory and a rename, keeping the file's mode.
func writeAtomic(path string, data []byte) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tlslint-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // a no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(st.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(name, path)
}

// writeChanges writes every changed file, after checking that none changed
// on disk since it was read: either all are written or none.
func writeChanges(m *lint.Model, changed map[string][]byte) error {
	for n := range changed {
		src := m.Source(n)
		disk, err := os.ReadFile(src.Path)
		if err != nil {
			return fmt.Errorf("%s: %v", n, err)
		}
		if !bytes.Equal(disk, src.Data) {
			return fmt.Errorf("%s changed on disk since tlslint read it: no fix was written", n)
		}
	}
	names := make([]string, 0, len(changed))
	for n := range changed {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := writeAtomic(m.Source(n).Path, changed[n]); err != nil {
			return fmt.Errorf("writing %s: %v", n, err)
		}
	}
	return nil
}

// parseErrors counts TL001 findings per file.
func parseErrors(fs []lint.Finding) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		if f.Rule == "TL001" {
			out[f.Pos.File]++
		}
	}
	return out
}
