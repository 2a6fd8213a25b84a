package files

import "fmt"

// Cost factors: the memory a byte of input costs once parsed and linted,
// measured with /usr/bin/time -v on generated inputs (a 10 MB nginx file of
// 40,000 servers peaks at about 120 bytes per input byte with 150,000
// findings; a BIG-IP file of virtual servers similarly). Certificates cost
// little beyond their bytes: the parsed x509.Certificate holds slices of
// the DER.
const (
	ConfigCost = 120
	PEMCost    = 4
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
