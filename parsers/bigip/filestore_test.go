package bigip

import (
	"io/fs"
	"math/rand"
	"testing"
	"testing/fstest"
)

// TestFilestoreIndex holds the directory index to newestFilestoreFile, the
// scan it replaces, on randomized filestore directories: names with
// underscores, signs, several ids and revisions per object, directories,
// and names that are not <prefix><id>_<rev>.
func TestFilestoreIndex(t *testing.T) {
	objects := []string{":Common:a.crt_", ":Common:a_b.crt_", ":Common:a_b_", ":Common:app_1.crt_", ":Common:x:", ":P:f:y.key_", "_", "__"}
	parts := []string{"1", "2", "10", "01", "+3", "-1", "-5", "", "x", "1_2", "99999999999999999999"}
	r := rand.New(rand.NewSource(1))
	found := 0
	for round := 0; round < 300; round++ {
		fsys := fstest.MapFS{"d/.keep": {}}
		for i, n := 0, r.Intn(30); i < n; i++ {
			name := objects[r.Intn(len(objects))] + parts[r.Intn(len(parts))] + "_" + parts[r.Intn(len(parts))]
			if r.Intn(10) == 0 {
				name = objects[r.Intn(len(objects))] + parts[r.Intn(len(parts))]
			}
			mode := fs.FileMode(0o644)
			if r.Intn(15) == 0 {
				mode = fs.ModeDir | 0o755
			}
			fsys["d/"+name] = &fstest.MapFile{Mode: mode}
		}
		var idx filestoreDirs
		for _, prefix := range append(objects, ":Common:none_", "") {
			for _, dir := range []string{"d", "missing"} {
				want, wok := newestFilestoreFile(fsys, dir, prefix)
				got, gok := idx.newest(fsys, dir, prefix)
				if got != want || gok != wok {
					t.Fatalf("round %d: newest(%q, %q) = %q %v, the scan says %q %v (files %v)", round, dir, prefix, got, gok, want, wok, names(fsys))
				}
				if gok {
					found++
				}
			}
		}
	}
	if found < 500 {
		t.Fatalf("only %d look-ups found a file: the comparison is too thin", found)
	}
}

func names(fsys fstest.MapFS) []string {
	var out []string
	for n := range fsys {
		out = append(out, n)
	}
	return out
}

// TestFilestoreIndexNewest pins the choice itself: highest id, then revision.
func TestFilestoreIndexNewest(t *testing.T) {
	fsys := fstest.MapFS{
		"d/:Common:a.crt_7_2":   {},
		"d/:Common:a.crt_12_1":  {},
		"d/:Common:a.crt_12_3":  {},
		"d/:Common:a_b.crt_1_9": {},
	}
	var idx filestoreDirs
	for prefix, want := range map[string]string{":Common:a.crt_": "d/:Common:a.crt_12_3", ":Common:a_b.crt_": "d/:Common:a_b.crt_1_9"} {
		if got, ok := idx.newest(fsys, "d", prefix); !ok || got != want {
			t.Errorf("newest(%q) = %q, want %q", prefix, got, want)
		}
	}
}
