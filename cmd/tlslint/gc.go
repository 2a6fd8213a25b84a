package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The collector's pace, after each collection, from the heap it left live.
// One run allocates a model and drops it, so collections are cheap while
// the heap is small: up to gcBudget the heap may grow to three times what
// is live (GOGC 200; the lint of a 2,000-server tree collects a few
// times). Every page the heap grows into is a page fault, and on a
// virtual machine those cost more than the collections that reuse pages:
// GOGC 200 instead of 400 took 5% off the 2,000-server lint (0.269 to
// 0.255 s, 20 interleaved runs; 15,800 page faults to 12,200).
//
// Past gcBudget the heap grows by at most 30% of what is live (GOGC 30 at
// the floor): the model of a 20,000-server tree or a 10,000-virtual
// bigip.conf is 170-230 MB live, GOGC 400 let the process reach 1.3 GiB
// on it and GOGC 50 about 320 MiB (make bench: peak RSS). A run allocates
// about three times its peak live heap in all (770 MB for the
// 20,000-server tree), and each collection past the budget marks all of
// the model: at GOGC 20 the 20,000-server lint collected 18 times and
// spent a third of its CPU in the collector; GOGC 30 took a fifth off its
// CPU time (6.0 s to 4.7 s, perf stat, 5 runs) for 20 MiB more peak RSS
// (289 to 309 MiB, target 400; the 10,000-virtual bigip.conf 215-221 MiB,
// target 250). GOGC 40 put the bigip.conf at 222-250 MiB from one run to
// the next, for 4% off the 20,000-server lint.
const (
	gcBudget    = 160 << 20
	gcMaxGOGC   = 200
	gcFloorGOGC = 30
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

// memoryLimit bounds the memory the runtime keeps from the system once the
// heap is past gcBudget: the heap the next collection allows plus room
// for the runtime, so that freed pages are returned instead of lingering
// in the RSS; no bound below the budget.
func memoryLimit(live uint64) int64 {
	if live < gcBudget {
		return softLimit
	}
	return min(int64(live)*(100+gcFloorGOGC)/100+gcRuntime, softLimit)
}

// gcRuntime is the room the limit leaves beside the heap goal for the
// runtime's own memory (stacks, span and GC metadata): the limit counts it,
// and a limit at the goal would make the collector run continuously.
const gcRuntime = 24 << 20

// softLimit is never exceeded by choice: the input caps (lint/files) keep
// the live heap under it, and the collector then works harder instead of
// letting garbage push the process past 2 GiB (a CI runner's share).
const softLimit = 1536 << 20

// gcSentinel is an object whose finalizer runs once per collection.
type gcSentinel struct{ _ [32]byte } // not tiny-allocated: its finalizer runs

// tuneGC sets GOGC and the memory limit after every collection (a finalizer re-armed each time:
// the runtime has no collection hook).
func tuneGC() {
	userLimit := os.Getenv("GOMEMLIMIT") != "" // the user's limit wins
	if !userLimit {
		debug.SetMemoryLimit(softLimit)
	}
	current := gcMaxGOGC
	debug.SetGCPercent(current)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				live := sample[0].Value.Uint64()
				if p := gcPercent(live); p != current {
					current = p
					debug.SetGCPercent(p)
				}
				if !userLimit {
					debug.SetMemoryLimit(memoryLimit(live))
				}
			}
			arm()
		})
	}
	arm()
}
