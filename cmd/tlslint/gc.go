package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The collector's pace, after each collection, from the heap it left live.
// One run allocates a model and drops it, so collections are pure cost
// while the heap is small: up to gcBudget the heap may grow to five times
// what is live (GOGC 400, the lint of a 2,000-server tree collects a few
// times). Past it the heap grows by at most half of what is live (GOGC 50
// at the floor): the model of a 20,000-server tree or a 10,000-virtual
// bigip.conf is a few hundred MiB live, and GOGC 400 let the process reach
// 1.3 GiB on it (make bench: peak RSS).
const (
	gcBudget    = 160 << 20
	gcMaxGOGC   = 400
	gcFloorGOGC = 50
)

// gcPercent is the GOGC that lets a heap with live bytes grow to gcBudget,
// within [gcFloorGOGC, gcMaxGOGC].
func gcPercent(live uint64) int {
	if live == 0 {
		return gcMaxGOGC
	}
	p := int((gcBudget - int64(live)) * 100 / int64(live))
	return min(max(p, gcFloorGOGC), gcMaxGOGC)
}

// gcSentinel is an object whose finalizer runs once per collection.
type gcSentinel struct{ _ [32]byte } // not tiny-allocated: its finalizer runs

// tuneGC sets GOGC after every collection (a finalizer re-armed each time:
// the runtime has no collection hook).
func tuneGC() {
	current := gcMaxGOGC
	debug.SetGCPercent(current)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				if p := gcPercent(sample[0].Value.Uint64()); p != current {
					current = p
					debug.SetGCPercent(p)
				}
			}
			arm()
		})
	}
	arm()
}
