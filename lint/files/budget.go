package files

import "fmt"

// Cost factors: the live heap a byte of input costs once parsed and
// linted, measured at the peak of a run (GODEBUG=gctrace=1) on generated
// inputs. nginx: a realistic 20,000-server tree (13 MB, 26 MB with its
// includes spliced) peaks at about 9 bytes per byte; the worst measured is a
// file of 100,000 servers in 200 bytes each, five findings a server (20 MB,
// 500,000 findings), at 78 bytes per byte: findings, not the model, make
// it. BIG-IP: a 10,000-virtual bigip.conf peaks at 7.5 bytes per byte, the
// same file unindented with weak ciphers and protocols (50,000 findings) at
// 10. Each factor is its worst case with a margin, so that the largest real
// estates lint whole (the factor was 120 for both when a byte of nginx
// cost that much: a 20,000-server tree then stopped at its 4th file).
// Certificates cost little beyond their bytes: the parsed
// x509.Certificate holds slices of the DER.
const (
	ConfigCost      = 80 // nginx
	BigIPConfigCost = 24 // tmsh text in an archive
	PEMCost         = 4
)

// MemoryBudget is the heap tlslint allows its inputs to cost, the whole run
// (the target: 2 GiB peak RSS on any input).
const MemoryBudget = 1536 << 20

// Budget accounts for the memory inputs will cost once parsed: an archive's
// members (a 1 MB UCS can inflate to a 255 MB bigip.conf) and an include
// expansion (a diamond of includes grows exponentially) charge it before
// they are kept, so a hostile input is refused with a clear message
// instead of exhausting memory.
type Budget struct {
	Limit int64 // in bytes of memory
	used  int64
	What  string // what the budget is for, in messages: "the archive's members"
}

// NewBudget returns a budget of limit bytes of memory.
func NewBudget(limit int64, what string) *Budget { return &Budget{Limit: limit, What: what} }

// Charge accounts for n input bytes costing factor bytes each; name is the
// input in the error.
func (b *Budget) Charge(name string, n, factor int64) error {
	cost := n * factor
	if n > 0 && cost/n != factor {
		cost = 1 << 62
	}
	if b.used+cost > b.Limit {
		return &BudgetError{Name: name, What: b.What, Limit: b.Limit / factor}
	}
	b.used += cost
	return nil
}

// Used reports the memory charged so far.
func (b *Budget) Used() int64 { return b.used }

// BudgetError is a refusal by a Budget.
type BudgetError struct {
	Name, What string
	Limit      int64 // in input bytes of the kind that overflowed
}

func (e *BudgetError) Error() string {
	return fmt.Sprintf("%s: %s exceed tlslint's memory budget (about %s of this kind of input in all): refusing to read further", e.Name, e.What, Human(e.Limit))
}

// Unwrap makes errors.Is(err, ErrTooLarge) true.
func (e *BudgetError) Unwrap() error { return ErrTooLarge }
