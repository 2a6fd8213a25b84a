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

// maxFixPasses bounds --fix (lint.MaxFixPasses).
const maxFixPasses = lint.MaxFixPasses

// pendingFix is a fix chosen for this pass; files are the display names of
// the files it edits (fixLoop counts them).
type pendingFix struct {
	lint.ChosenFix
	files []string
}

// chooseFixes picks this pass's fixes with lint.ChooseFixes.
func chooseFixes(m *lint.Model, fs []lint.Finding, unsafe bool, skip map[string]bool) []pendingFix {
	var out []pendingFix
	for _, c := range lint.ChooseFixes(m, fs, unsafe, skip) {
		out = append(out, pendingFix{ChosenFix: c, files: c.Files})
	}
	return out
}

// applyEdits returns the new contents of every file the fixes edit
// (lint.ApplyFixes); writeChanges puts them on disk.
func applyEdits(m *lint.Model, fixes []pendingFix) map[string][]byte {
	cs := make([]lint.ChosenFix, len(fixes))
	for i, p := range fixes {
		cs[i] = p.ChosenFix
	}
	return lint.ApplyFixes(m, cs)
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

// parseErrors counts TL001 findings per file (lint.ParseErrorCounts).
func parseErrors(fs []lint.Finding) map[string]int { return lint.ParseErrorCounts(fs) }
