package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestGCPercent(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 200},
		{16 << 20, 200}, // a small tree: collect rarely
		{64 << 20, 150}, // the heap may still reach the budget
		{100 << 20, 60},
		{130 << 20, 30}, // near the budget: grow by 30% of what is live
		{150 << 20, 30},
		{2 << 30, 30},
	} {
		if got := gcPercent(c.live); got != c.want {
			t.Errorf("gcPercent(%d MiB) = %d, want %d", c.live>>20, got, c.want)
		}
	}
}

func TestMemoryLimit(t *testing.T) {
	if got := memoryLimit(100 << 20); got != softLimit {
		t.Errorf("below the budget: limit %d, want the soft limit", got)
	}
	if got := memoryLimit(2 << 30); got != softLimit {
		t.Errorf("2 GiB live: limit %d MiB, want the soft limit (never past it)", got>>20)
	}
	if got, want := memoryLimit(400<<20), int64(520+24)<<20; got != want {
		t.Errorf("400 MiB live: limit %d MiB, want %d MiB", got>>20, want>>20)
	}
}

// TestTuneGC: after a collection with a large live heap, GOGC is at the
// floor; once the heap is small again it is back at the maximum.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	tuneGC()
	held := make([][]byte, 0, 256)
	for i := 0; i < 200; i++ {
		held = append(held, make([]byte, 1<<20))
	}
	if got := settle(gcFloorGOGC); got != gcFloorGOGC {
		t.Errorf("with 200 MiB live: GOGC %d, want %d", got, gcFloorGOGC)
	}
	runtime.KeepAlive(held)
	held = nil
	if got := settle(gcMaxGOGC); got != gcMaxGOGC {
		t.Errorf("with the heap released: GOGC %d, want %d", got, gcMaxGOGC)
	}
	if limit := debug.SetMemoryLimit(-1); limit != softLimit {
		t.Errorf("with the heap released: memory limit %d MiB, want the soft limit", limit>>20)
	}
}

// settle collects until GOGC is want (the finalizer goroutine runs after
// a collection, when it is scheduled), a bounded number of times, and
// returns GOGC.
func settle(want int) int {
	p := 0
	for i := 0; i < 200 && p != want; i++ {
		runtime.GC()
		runtime.Gosched()
		p = debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
	}
	return p
}
