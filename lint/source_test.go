package lint

import (
	"math"
	"testing"

	"github.com/tlslint/tlslint/lint/files"
)

// Pos holds offsets, lines and columns as int32 (see its comment): every
// input lint/files reads, and every archive member it extracts, must stay
// below 2 GiB, or a position would wrap. Raising a cap past that needs Pos
// widened first.
func TestCapsFitPos(t *testing.T) {
	if len(files.Caps) == 0 {
		t.Fatal("no caps")
	}
	for kind, c := range files.Caps {
		if c <= 0 || c > math.MaxInt32 {
			t.Errorf("%s: cap %d does not fit lint.Pos's int32 offsets", kind, c)
		}
	}
}
