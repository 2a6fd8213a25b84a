package lint

import "sync"

// Key names a value derived once per run and shared by every rule that
// asks for it (go/analysis' ResultOf, typed): the offer book, the client
// population. Declare one per value, at package level:
//
//	var bookKey = lint.NewKey[*Book]("offer book")
type Key[T any] struct{ name string }

// NewKey returns a key for a shared value of type T.
func NewKey[T any](name string) *Key[T] { return &Key[T]{name: name} }

// String names the key (for debugging).
func (k *Key[T]) String() string { return k.name }

// results holds a run's shared values. Each value is computed exactly once:
// the first caller computes it while later callers for the same key wait,
// and callers for other keys proceed.
type results struct {
	mu sync.Mutex
	m  map[any]*result
}

type result struct {
	once sync.Once
	v    any
}

func (r *results) entry(k any) *result {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m == nil {
		r.m = map[any]*result{}
	}
	e := r.m[k]
	if e == nil {
		e = &result{}
		r.m[k] = e
	}
	return e
}

// Shared returns the run's value for k, computing it on first use. Outside
// a run (a Pass built by hand) it computes every time.
func Shared[T any](p *Pass, k *Key[T], compute func() T) T {
	if p.shared == nil {
		return compute()
	}
	e := p.shared.entry(k)
	e.once.Do(func() { e.v = compute() })
	return e.v.(T)
}

// Seed returns a copy of o whose run starts with v as the shared value of k:
// a caller that needs the same answers the rules read (drift, why) makes
// the value itself and hands it to the run.
func Seed[T any](o *RunOptions, k *Key[T], v T) *RunOptions {
	c := *o
	c.seeds = map[any]any{}
	for kk, vv := range o.seeds {
		c.seeds[kk] = vv
	}
	c.seeds[k] = v
	return &c
}

func (r *results) seed(seeds map[any]any) {
	for k, v := range seeds {
		e := r.entry(k)
		e.once.Do(func() { e.v = v })
	}
}
