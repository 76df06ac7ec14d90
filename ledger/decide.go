package ledger

import (
	"time"

	"github.com/prakerja/prakerja"
)

const (
	phaseFlags = prakerja.TransferPending | prakerja.TransferPostPending | prakerja.TransferVoidPending
	knownFlags = prakerja.TransferLinked | phaseFlags
)

// apply decides one transfer and, when it is accepted, records it.
func (st *State) apply(t *prakerja.Transfer) prakerja.TransferResult {
	if t.ID.IsZero() {
		return prakerja.ResultIDMustNotBeZero
	}
	if t.Flags&(prakerja.TransferPostPending|prakerja.TransferVoidPending) != 0 {
		st.fillFromPending(t)
	}
	if old, ok := st.Transfers[t.ID]; ok {
		if old.SameFields(t) {
			return prakerja.ResultExists
		}
		return prakerja.ResultExistsDifferent
	}
	if r := st.refUsable(t); r != "" {
		return r
	}
	if r := wellFormed(t); r != "" {
		return r
	}
	dr, cr, r := st.accountsOf(t)
	if r != "" {
		return r
	}
	switch {
	case t.Flags&(prakerja.TransferPostPending|prakerja.TransferVoidPending) != 0:
		r = st.resolve(t, dr, cr)
	case t.Code == prakerja.TransferRefund || t.Code == prakerja.TransferCorrection:
		r = st.reverse(t, dr, cr)
	default:
		r = st.move(t, dr, cr)
	}
	if r == "" {
		st.record(t)
		return prakerja.ResultCreated
	}
	return r
}

// fillFromPending completes a post or void that leaves accounts or amount
// zero, as TigerBeetle allows, so a retry written either way compares equal.
func (st *State) fillFromPending(t *prakerja.Transfer) {
	p, ok := st.Transfers[t.Ref]
	if !ok || p.Flags&prakerja.TransferPending == 0 {
		return
	}
	if t.DebitAccount == 0 && t.CreditAccount == 0 {
		t.DebitAccount, t.CreditAccount = p.DebitAccount, p.CreditAccount
	}
	if t.Amount == 0 {
		t.Amount = p.Amount
	}
	if t.Ledger == 0 {
		t.Ledger = p.Ledger
	}
	if t.Code == 0 {
		t.Code = p.Code
	}
}

// refUsable checks first what a post or void refers to, so that a
// resolution of an unknown, unpending or resolved transfer says so rather
// than failing on the fields it could not fill in from it.
func (st *State) refUsable(t *prakerja.Transfer) prakerja.TransferResult {
	if t.Flags&(prakerja.TransferPostPending|prakerja.TransferVoidPending) == 0 || t.Ref.IsZero() {
		return ""
	}
	p, ok := st.Transfers[t.Ref]
	switch {
	case !ok:
		return prakerja.ResultRefNotFound
	case p.Flags&prakerja.TransferPending == 0:
		return prakerja.ResultNotPending
	case st.RefUsed[t.Ref]:
		return prakerja.ResultAlreadyResolved
	}
	return ""
}

// wellFormed checks a transfer's own fields.
func wellFormed(t *prakerja.Transfer) prakerja.TransferResult {
	phase := t.Flags & phaseFlags
	switch {
	case t.Flags&^knownFlags != 0, phase&(phase-1) != 0:
		return prakerja.ResultInvalid // unknown flags, or two phases at once
	case t.Amount <= 0 || t.Amount > prakerja.LedgerAmountMax:
		return prakerja.ResultInvalid
	case t.Timeout != 0 && (phase != prakerja.TransferPending || t.Timeout < 0 ||
		t.Timeout > prakerja.LedgerTimeoutMax || t.Timeout%time.Second != 0):
		return prakerja.ResultInvalid
	case t.DebitAccount == t.CreditAccount:
		return prakerja.ResultSameAccount
	}
	needsRef := phase&(prakerja.TransferPostPending|prakerja.TransferVoidPending) != 0 ||
		t.Code == prakerja.TransferRefund || t.Code == prakerja.TransferCorrection
	if needsRef == t.Ref.IsZero() {
		return prakerja.ResultInvalid // a ref where none belongs, or none where one must be
	}
	return ""
}

// accountsOf finds both accounts and checks their ledger.
func (st *State) accountsOf(t *prakerja.Transfer) (dr, cr *prakerja.Account, r prakerja.TransferResult) {
	dr, cr = st.Accounts[t.DebitAccount], st.Accounts[t.CreditAccount]
	switch {
	case dr == nil || cr == nil:
		return nil, nil, prakerja.ResultAccountNotFound
	case dr.Ledger != t.Ledger || cr.Ledger != t.Ledger:
		return nil, nil, prakerja.ResultLedgerMismatch
	}
	return dr, cr, ""
}

// move applies a plain or pending transfer along a route of the chart.
func (st *State) move(t *prakerja.Transfer, dr, cr *prakerja.Account) prakerja.TransferResult {
	if !prakerja.TransferRoutes[prakerja.TransferRoute{Code: t.Code, Debit: dr.Code, Credit: cr.Code}] {
		return prakerja.ResultRouteNotAllowed
	}
	if r := checkBounds(dr, cr, t.Amount); r != "" {
		return r
	}
	st.save(dr, cr)
	if t.Flags&prakerja.TransferPending != 0 {
		dr.DebitsPending += t.Amount
		cr.CreditsPending += t.Amount
		return ""
	}
	dr.DebitsPosted += t.Amount
	cr.CreditsPosted += t.Amount
	return ""
}

// checkBounds applies the accounts' balance flags to a new debit and credit
// of amount, and keeps every balance below balanceMax.
func checkBounds(dr, cr *prakerja.Account, amount int64) prakerja.TransferResult {
	if dr.Flags&prakerja.DebitsMustNotExceedCredits != 0 &&
		dr.DebitsPending+dr.DebitsPosted+amount > dr.CreditsPosted {
		return prakerja.ResultExceedsCredits
	}
	if cr.Flags&prakerja.CreditsMustNotExceedDebits != 0 &&
		cr.CreditsPending+cr.CreditsPosted+amount > cr.DebitsPosted {
		return prakerja.ResultExceedsDebits
	}
	if dr.DebitsPending+dr.DebitsPosted > balanceMax-amount ||
		cr.CreditsPending+cr.CreditsPosted > balanceMax-amount {
		return prakerja.ResultInvalid
	}
	return ""
}

// resolve posts or voids the pending transfer t.Ref, which refUsable found
// open.
func (st *State) resolve(t *prakerja.Transfer, dr, cr *prakerja.Account) prakerja.TransferResult {
	p := st.Transfers[t.Ref]
	switch {
	case p.DebitAccount != t.DebitAccount || p.CreditAccount != t.CreditAccount || p.Code != t.Code:
		return prakerja.ResultRefMismatch
	case t.Amount > p.Amount:
		return prakerja.ResultExceedsPendingAmount
	case t.Flags&prakerja.TransferVoidPending != 0 && t.Amount != p.Amount:
		return prakerja.ResultRefMismatch
	case t.Flags&prakerja.TransferPostPending != 0 && Expired(p, st.Now):
		return prakerja.ResultPendingExpired
	}
	st.save(dr, cr)
	dr.DebitsPending -= p.Amount
	cr.CreditsPending -= p.Amount
	if t.Flags&prakerja.TransferPostPending != 0 {
		dr.DebitsPosted += t.Amount
		cr.CreditsPosted += t.Amount
	}
	return ""
}

// Expired reports whether a pending transfer's timeout has passed at now.
func Expired(p *prakerja.Transfer, now time.Time) bool {
	return p.Timeout > 0 && !now.Before(p.CreatedAt.Add(p.Timeout))
}

// reverse applies a refund or correction: the accounts of the transfer it
// reverses, swapped, for at most its amount, once. The original must have
// been posted; a pending one is voided instead.
func (st *State) reverse(t *prakerja.Transfer, dr, cr *prakerja.Account) prakerja.TransferResult {
	o, ok := st.Transfers[t.Ref]
	switch {
	case !ok:
		return prakerja.ResultRefNotFound
	case o.Flags&phaseFlags != 0:
		return prakerja.ResultRefMismatch
	case st.RefUsed[t.Ref]:
		return prakerja.ResultAlreadyResolved
	case o.DebitAccount != t.CreditAccount || o.CreditAccount != t.DebitAccount || t.Amount > o.Amount:
		return prakerja.ResultRefMismatch
	case t.Code == prakerja.TransferRefund && o.Code != prakerja.TransferPurchase:
		return prakerja.ResultRefMismatch
	}
	if r := checkBounds(dr, cr, t.Amount); r != "" {
		return r
	}
	st.save(dr, cr)
	dr.DebitsPosted += t.Amount
	cr.CreditsPosted += t.Amount
	return ""
}

// save marks two accounts for writing and, when a rollback may follow,
// remembers their balances.
func (st *State) save(dr, cr *prakerja.Account) {
	st.Dirty[dr.ID], st.Dirty[cr.ID] = true, true
	if st.Atomic || st.inChain {
		st.undo = append(st.undo, undoEntry{acct: dr, old: *dr}, undoEntry{acct: cr, old: *cr})
	}
}

// record stores an accepted transfer in the batch.
func (st *State) record(t *prakerja.Transfer) {
	c := *t
	c.Seq, c.CreatedAt = st.NextSeq, st.Now
	st.NextSeq++
	st.Created = append(st.Created, &c)
	st.Transfers[c.ID] = &c
	if !c.Ref.IsZero() {
		st.RefUsed[c.Ref] = true
	}
}
