package report

import (
	"fmt"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// diffContext is the number of unchanged lines around a change, the default
// of diff -u and git diff.
const diffContext = 3

// UnifiedDiff renders the change from a to b as a unified diff with the
// names used verbatim in the "---" and "+++" headers: pass "a/"+name and
// "b/"+name for output that `git apply` and `patch -p1` take, or any labels
// ("prod", "staging") for display. It returns "" when a and b are equal.
//
// Lines are compared whole (go-diff's line mode); a last line without a
// newline is followed by "\ No newline at end of file", as diff(1) writes.
func UnifiedDiff(oldName, newName string, a, b []byte) string {
	if string(a) == string(b) {
		return ""
	}
	ops := lineOps(string(a), string(b))
	var out strings.Builder
	// A name with a space ends with a TAB, as git writes it: patch(1)
	// and git apply read the name up to the TAB, not to the first space.
	fmt.Fprintf(&out, "--- %s%s\n+++ %s%s\n", oldName, nameEnd(oldName), newName, nameEnd(newName))
	oldSecret, newSecret := secretLines(string(a)), secretLines(string(b))
	// oldAt[i] and newAt[i] count the old and new lines before ops[i].
	oldAt := make([]int, len(ops)+1)
	newAt := make([]int, len(ops)+1)
	for i, op := range ops {
		oldAt[i+1], newAt[i+1] = oldAt[i], newAt[i]
		if op.kind != '+' {
			oldAt[i+1]++
		}
		if op.kind != '-' {
			newAt[i+1]++
		}
	}
	for i := 0; i < len(ops); {
		first := nextChange(ops, i)
		if first < 0 {
			break
		}
		// Extend the hunk over changes separated by at most 2×context
		// unchanged lines, which would otherwise overlap.
		last := first
		for {
			for last < len(ops) && ops[last].kind != ' ' {
				last++
			}
			next := nextChange(ops, last)
			if next < 0 || next-last > 2*diffContext {
				break
			}
			last = next
		}
		start := max(first-diffContext, i)
		end := min(last+diffContext, len(ops))
		oldLen, newLen := oldAt[end]-oldAt[start], newAt[end]-newAt[start]
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(oldAt[start], oldLen), hunkRange(newAt[start], newLen))
		for k := start; k < end; k++ {
			if op := ops[k]; op.kind != '+' && oldSecret[oldAt[k]] || op.kind != '-' && newSecret[newAt[k]] {
				return fmt.Sprintf("# tlslint: the fix of %s changes lines that hold private-key material: its diff is not shown (apply it with --fix)\n", strings.TrimPrefix(newName, "b/"))
			}
		}
		for _, op := range ops[start:end] {
			out.WriteByte(op.kind)
			out.WriteString(op.text)
			if !strings.HasSuffix(op.text, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
	return out.String()
}

func nameEnd(name string) string {
	if strings.ContainsAny(name, " \t") {
		return "\t"
	}
	return ""
}

// secretLines marks the 0-based lines of s that hold key material.
func secretLines(s string) map[int]bool {
	if !hasSecret(s) {
		return nil
	}
	out := map[int]bool{}
	for _, r := range secretRanges(s) {
		first := strings.Count(s[:r[0]], "\n")
		last := first + strings.Count(s[r[0]:r[1]], "\n")
		for l := first; l <= last; l++ {
			out[l] = true
		}
	}
	return out
}

type lineOp struct {
	kind byte   // ' ', '-' or '+'
	text string // the line with its newline, if it has one
}

// lineOps diffs a and b line by line. The diff has no deadline: go-diff's
// default one-second timeout would make the output depend on the machine's
// speed, and tlslint's output must not.
func lineOps(a, b string) []lineOp {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	ra, rb, lines := dmp.DiffLinesToRunes(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(ra, rb, false), lines)
	var ops []lineOp
	for _, d := range diffs {
		kind := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			kind = '-'
		case diffmatchpatch.DiffInsert:
			kind = '+'
		}
		for _, l := range strings.SplitAfter(d.Text, "\n") {
			if l != "" {
				ops = append(ops, lineOp{kind, l})
			}
		}
	}
	return ops
}

func nextChange(ops []lineOp, from int) int {
	for i := from; i < len(ops); i++ {
		if ops[i].kind != ' ' {
			return i
		}
	}
	return -1
}

// hunkRange renders "start,count" of a hunk header given the number of
// lines before it. GNU diff's conventions: a one-line range is just its
// line number, and an empty range names the line after which it sits.
func hunkRange(before, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", before)
	case 1:
		return fmt.Sprintf("%d", before+1)
	}
	return fmt.Sprintf("%d,%d", before+1, n)
}
