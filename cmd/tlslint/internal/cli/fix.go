package cli

import (
	"fmt"
	"sort"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/files"
	"github.com/tlslint/tlslint/lint/report"
)

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

// writeChanges writes every changed file within txn, all or none: a file
// changed on disk since it was read, a read-only file, a file whose owner
// or mode cannot be kept, or a failing write leaves every file as it was
// (lint/files.Txn). Symbolic links are followed: the file they name is
// edited, the link stays.
func writeChanges(txn *files.Txn, m *lint.Model, changed map[string][]byte) error {
	byPath := map[string][]byte{}
	expect := map[string][]byte{}
	for n, data := range changed {
		src := m.Source(n)
		if src.Path == "" {
			return fmt.Errorf("%s: not a file on disk: no fix was written", n)
		}
		byPath[src.Path] = data
		expect[src.Path] = src.Data
	}
	if err := txn.Write(byPath, expect); err != nil {
		return fmt.Errorf("%v: no fix was written", err)
	}
	return nil
}
