// Package ledger holds the programme's money rules: the engine that decides
// each transfer of a batch (State.Apply), crediting a wave's entitlements
// (Crediter) and the invariant check behind `prakerja ledger check`.
//
// The engine is pure: the store loads the accounts and transfers a batch
// touches into a State, Apply decides every transfer in memory (flags,
// bounds, the chart of routes, two-phase resolution, linked chains), and the
// store writes State.Created and the changed accounts in the same
// transaction. Deciding in memory is what lets one transaction carry
// thousands of transfers with one multi-row insert per thousand rows, the
// design LEDGER.md §1.3 and issue 5 ask for.
package ledger

import (
	"time"

	"github.com/prakerja/prakerja"
)

// balanceMax bounds any account balance, so sums of balances (totals per
// code, the double-entry check) cannot overflow int64 either.
const balanceMax = int64(1) << 60

// State is what one batch sees of the ledger: every account and every
// stored transfer its transfers name, loaded by the store, plus what the
// batch itself has created so far.
type State struct {
	Now      time.Time
	Accounts map[int64]*prakerja.Account
	// Transfers are the stored transfers among the batch's ids and refs.
	Transfers map[prakerja.TransferID]*prakerja.Transfer
	// RefUsed holds every id some stored transfer already refers to
	// (resolved pendings, reversed transfers).
	RefUsed map[prakerja.TransferID]bool
	NextSeq int64

	// Created are the transfers to insert, in order; Dirty the accounts
	// whose balances changed; NewAccounts the accounts to insert.
	Created     []*prakerja.Transfer
	Dirty       map[int64]bool
	NewAccounts map[int64]bool

	undo []undoEntry
	// Atomic keeps an undo record of every change, so a caller can roll
	// back a whole operation; otherwise only linked chains keep one (a
	// lone transfer that fails has changed nothing).
	Atomic  bool
	inChain bool
}

// undoEntry restores one account's balances when a linked chain fails.
type undoEntry struct {
	acct *prakerja.Account
	old  prakerja.Account
}

// NewState returns an empty state whose first transfer gets seq nextSeq.
func NewState(now time.Time, nextSeq int64) *State {
	return &State{
		Now:         now,
		Accounts:    map[int64]*prakerja.Account{},
		Transfers:   map[prakerja.TransferID]*prakerja.Transfer{},
		RefUsed:     map[prakerja.TransferID]bool{},
		NextSeq:     nextSeq,
		Dirty:       map[int64]bool{},
		NewAccounts: map[int64]bool{},
	}
}

// mark is a point a failed chain or operation rolls back to.
type mark struct{ created, undo int }

// Mark records the current point; Rollback returns to it.
func (st *State) Mark() mark { return mark{len(st.Created), len(st.undo)} }

// Rollback undoes every transfer decided since m.
func (st *State) Rollback(m mark) {
	for i := len(st.undo) - 1; i >= m.undo; i-- {
		e := st.undo[i]
		*e.acct = e.old
	}
	st.undo = st.undo[:m.undo]
	for _, t := range st.Created[m.created:] {
		delete(st.Transfers, t.ID)
		if !t.Ref.IsZero() {
			delete(st.RefUsed, t.Ref)
		}
		st.NextSeq--
	}
	st.Created = st.Created[:m.created]
}

// Apply decides transfers in order and returns one result each. Linked
// chains apply all or nothing: when one member fails, the members before it
// are rolled back and every other member is linked_event_failed.
func (st *State) Apply(transfers []prakerja.Transfer) []prakerja.TransferResult {
	results := make([]prakerja.TransferResult, len(transfers))
	for start := 0; start < len(transfers); {
		end := chainEnd(transfers, start)
		st.applyChain(transfers[start:end+1], results[start:end+1])
		start = end + 1
	}
	return results
}

// chainEnd is the index of the last member of the chain starting at start:
// the first transfer without the linked flag, or the batch's last.
func chainEnd(ts []prakerja.Transfer, start int) int {
	for i := start; i < len(ts); i++ {
		if ts[i].Flags&prakerja.TransferLinked == 0 {
			return i
		}
	}
	return len(ts) - 1
}

// applyChain applies one chain (a lone transfer is a chain of one).
func (st *State) applyChain(chain []prakerja.Transfer, results []prakerja.TransferResult) {
	m := st.Mark()
	st.inChain = len(chain) > 1 || chain[0].Flags&prakerja.TransferLinked != 0
	defer func() { st.inChain = false }()
	for i := range chain {
		r := st.apply(&chain[i])
		if r.OK() && i == len(chain)-1 && chain[i].Flags&prakerja.TransferLinked != 0 {
			r = prakerja.ResultLinkedChainOpen
		}
		if r.OK() {
			results[i] = r
			continue
		}
		st.Rollback(m)
		for j := range results {
			results[j] = prakerja.ResultLinkedEventFailed
		}
		results[i] = r
		return
	}
}
