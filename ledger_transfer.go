package prakerja

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"time"
)

// Transfers: why money moves (codes and the chart of routes), how (flags),
// under which client id, and what the ledger answered. See ledger.go for
// the model.

// TransferCode is the reason for a transfer.
type TransferCode uint16

const (
	TransferFund            TransferCode = 1  // funding source → wave budget
	TransferCreditTraining  TransferCode = 2  // budget → training balance
	TransferCreditIncentive TransferCode = 3  // budget → locked incentives (one per month slot)
	TransferCreditSurvey    TransferCode = 4  // budget → locked survey incentives (one per survey)
	TransferPurchase        TransferCode = 5  // training balance → provider payable
	TransferRefund          TransferCode = 6  // provider payable → training balance (reverses a purchase)
	TransferUnlockIncentive TransferCode = 7  // locked → available incentive
	TransferUnlockSurvey    TransferCode = 8  // locked → available survey incentive
	TransferPayout          TransferCode = 9  // available → payout clearing (two-phase)
	TransferRevoke          TransferCode = 10 // participant balances → treasury return (card revoked)
	TransferForfeit         TransferCode = 11 // unspent training balance → treasury return (programme end)
	TransferSettle          TransferCode = 12 // payout clearing → funding source (partner paid)
	TransferCorrection      TransferCode = 13 // reverses an earlier transfer (Ref), accounts swapped
	TransferRelease         TransferCode = 14 // wave budget left over → treasury return
)

// TransferCodeNames names every transfer code.
var TransferCodeNames = map[TransferCode]string{
	TransferFund: "fund", TransferCreditTraining: "credit_training",
	TransferCreditIncentive: "credit_incentive", TransferCreditSurvey: "credit_survey",
	TransferPurchase: "purchase", TransferRefund: "refund",
	TransferUnlockIncentive: "unlock_incentive", TransferUnlockSurvey: "unlock_survey",
	TransferPayout: "payout", TransferRevoke: "revoke", TransferForfeit: "forfeit",
	TransferSettle: "settle", TransferCorrection: "correction", TransferRelease: "release",
}

func (c TransferCode) String() string { return TransferCodeNames[c] }

// TransferRoute is one allowed (reason, debit account type, credit account
// type). The chart is closed: a transfer along any other route is refused,
// which is what keeps the training balance from ever reaching a bank.
type TransferRoute struct {
	Code          TransferCode
	Debit, Credit AccountCode
}

// TransferRoutes is the chart of allowed money movements. A correction may
// run along the reverse of any route; it is checked against its original.
var TransferRoutes = map[TransferRoute]bool{
	{TransferFund, AccountFunding, AccountBudget}:                                true,
	{TransferCreditTraining, AccountBudget, AccountTraining}:                     true,
	{TransferCreditIncentive, AccountBudget, AccountIncentiveLocked}:             true,
	{TransferCreditSurvey, AccountBudget, AccountSurveyLocked}:                   true,
	{TransferPurchase, AccountTraining, AccountProviderPayable}:                  true,
	{TransferRefund, AccountProviderPayable, AccountTraining}:                    true,
	{TransferUnlockIncentive, AccountIncentiveLocked, AccountIncentiveAvailable}: true,
	{TransferUnlockSurvey, AccountSurveyLocked, AccountSurveyAvailable}:          true,
	{TransferPayout, AccountIncentiveAvailable, AccountPayoutClearing}:           true,
	{TransferPayout, AccountSurveyAvailable, AccountPayoutClearing}:              true,
	{TransferRevoke, AccountTraining, AccountTreasuryReturn}:                     true,
	{TransferRevoke, AccountIncentiveLocked, AccountTreasuryReturn}:              true,
	{TransferRevoke, AccountIncentiveAvailable, AccountTreasuryReturn}:           true,
	{TransferRevoke, AccountSurveyLocked, AccountTreasuryReturn}:                 true,
	{TransferRevoke, AccountSurveyAvailable, AccountTreasuryReturn}:              true,
	{TransferForfeit, AccountTraining, AccountTreasuryReturn}:                    true,
	{TransferSettle, AccountPayoutClearing, AccountFunding}:                      true,
	{TransferRelease, AccountBudget, AccountTreasuryReturn}:                      true,
}

// TransferFlags select two-phase and linked behaviour.
type TransferFlags uint16

const (
	// TransferLinked chains a transfer to the next one in the batch: the
	// chain (up to the first transfer without the flag) applies all or
	// nothing.
	TransferLinked TransferFlags = 1 << 0
	// TransferPending reserves the amount (pending balances) until a post
	// or a void, or until Timeout passes.
	TransferPending TransferFlags = 1 << 1
	// TransferPostPending posts the pending transfer Ref, fully (Amount 0)
	// or partly; the rest goes back.
	TransferPostPending TransferFlags = 1 << 2
	// TransferVoidPending cancels the pending transfer Ref.
	TransferVoidPending TransferFlags = 1 << 3
)

// TransferID is a transfer's 128-bit client id, compared byte-wise. The
// first byte is a namespace: deterministic ids (credits, unlocks, expiries)
// start at 0x80 and hold their meaning in order, so a wave's credits are
// inserted in key order; other ids are UUIDv7, ordered by time.
type TransferID [16]byte

// Namespaces of deterministic transfer ids.
const (
	idSpaceCredit  = 0x81
	idSpaceUnlock  = 0x82
	idSpaceExpiry  = 0x83
	idSpaceRevoke  = 0x84
	idSpaceForfeit = 0x85
	idSpaceFund    = 0x86
	idSpacePayout  = 0x87 // the pending reservation of a payment attempt
	idSpacePost    = 0x88 // its post (partner accepted)
	idSpaceVoid    = 0x89 // its void (rejected or run refused)
	idSpaceSettle  = 0x8a // its settlement (booked on the partner's statement)
)

// IsZero reports an unset id, which is never valid.
func (id TransferID) IsZero() bool { return id == TransferID{} }

func (id TransferID) String() string { return hex.EncodeToString(id[:]) }

// ParseTransferID reads the 32 hex digits String writes.
func ParseTransferID(s string) (TransferID, error) {
	var id TransferID
	if len(s) != 32 {
		return id, Errorf(CodeBadFormat, "A transfer id is 32 hexadecimal digits.")
	}
	if _, err := hex.Decode(id[:], []byte(s)); err != nil {
		return id, Errorf(CodeBadFormat, "A transfer id is 32 hexadecimal digits.")
	}
	return id, nil
}

// NewTransferID returns a UUIDv7: 48 bits of Unix milliseconds, then random
// bits. Persist it before submitting and reuse it on every retry.
func NewTransferID(now time.Time) TransferID {
	var id TransferID
	ms := uint64(now.UnixMilli())
	binary.BigEndian.PutUint64(id[:8], ms<<16)
	_, _ = rand.Read(id[6:])
	id[6] = 0x70 | id[6]&0x0f
	id[8] = 0x80 | id[8]&0x3f
	return id
}

// deterministicID lays out space | a (8 bytes) | b (4 bytes) | c (2 bytes)
// | d (1 byte).
func deterministicID(space byte, a int64, b uint32, c uint16, d uint8) TransferID {
	var id TransferID
	id[0] = space
	binary.BigEndian.PutUint64(id[1:9], uint64(a))
	binary.BigEndian.PutUint32(id[9:13], b)
	binary.BigEndian.PutUint16(id[13:15], c)
	id[15] = d
	return id
}

// CreditID is the id of a wave credit: entitlement slot n (1-based) of one
// code for a registration in a wave. Re-running a credit can never pay twice,
// even from a fresh process, because the same slot always has the same id.
func CreditID(waveID, registrationID int64, code TransferCode, slot int) TransferID {
	return deterministicID(idSpaceCredit, registrationID, uint32(waveID), uint16(code), uint8(slot))
}

// UnlockID is the id of unlocking entitlement slot n of a registration.
func UnlockID(registrationID int64, code TransferCode, slot int) TransferID {
	return deterministicID(idSpaceUnlock, registrationID, 0, uint16(code), uint8(slot))
}

// RevokeID is the id of returning one account of a revoked participant.
func RevokeID(registrationID int64, account AccountCode) TransferID {
	return deterministicID(idSpaceRevoke, registrationID, 0, uint16(account), 0)
}

// ForfeitID is the id of forfeiting a participant's training balance.
func ForfeitID(registrationID int64) TransferID {
	return deterministicID(idSpaceForfeit, registrationID, 0, 0, 0)
}

// FundID is the id of the n-th funding of a wave budget from a source.
func FundID(waveID int64, source uint16, n uint32) TransferID {
	return deterministicID(idSpaceFund, waveID, n, source, 0)
}

// PayoutID is the id of the reservation of attempt n to pay one slot, so a
// crashed run re-prepared from the same rows reserves nothing twice.
func PayoutID(registrationID int64, kind TransferCode, slot, attempt int) TransferID {
	return deterministicID(idSpacePayout, registrationID, uint32(attempt), uint16(kind), uint8(slot))
}

// PostID, VoidID and SettleID derive the ids of the transfers that resolve
// and settle a payout reservation: one of each can ever exist.
func PostID(pending TransferID) TransferID   { return respace(pending, idSpacePost) }
func VoidID(pending TransferID) TransferID   { return respace(pending, idSpaceVoid) }
func SettleID(pending TransferID) TransferID { return respace(pending, idSpaceSettle) }

func respace(id TransferID, space byte) TransferID {
	id[0] = space
	return id
}

// ExpiryID is the id of the void that expires a pending transfer.
func ExpiryID(pending TransferID) TransferID {
	id := pending
	id[0] = idSpaceExpiry
	if pending[0] == idSpaceExpiry {
		id[0] = idSpaceExpiry + 0x40 // never collides with the pending itself
	}
	return id
}

// Transfer is one immutable movement of money. Fields that identify it for
// idempotency are everything but Seq and CreatedAt.
type Transfer struct {
	ID            TransferID
	DebitAccount  int64
	CreditAccount int64
	// Amount in whole rupiah. For a post, 0 means the full pending amount.
	Amount int64
	// Ref is the pending transfer a post or void resolves, or the transfer
	// a refund or correction reverses. Each transfer is referred to at most
	// once, which is what makes a payout resolve at most once.
	Ref     TransferID
	Ledger  uint32
	Code    TransferCode
	Flags   TransferFlags
	Timeout time.Duration // pending only: voided when this has passed; whole seconds
	// UserData is the caller's link, e.g. the purchase or payout item.
	UserData int64

	// Set by the ledger.
	Seq       int64
	CreatedAt time.Time
}

// SameFields reports whether two transfers with one id ask for the same
// thing, which makes a retry a no-op instead of a conflict.
func (t *Transfer) SameFields(o *Transfer) bool {
	return t.ID == o.ID && t.DebitAccount == o.DebitAccount && t.CreditAccount == o.CreditAccount &&
		t.Amount == o.Amount && t.Ref == o.Ref && t.Ledger == o.Ledger && t.Code == o.Code &&
		t.Flags == o.Flags && t.Timeout == o.Timeout && t.UserData == o.UserData
}

// TransferResult is the outcome of one transfer (or account) in a batch.
type TransferResult string

const (
	ResultCreated              TransferResult = "created"
	ResultExists               TransferResult = "exists" // same id, same fields: nothing done
	ResultExistsDifferent      TransferResult = "exists_with_different_fields"
	ResultLinkedEventFailed    TransferResult = "linked_event_failed"
	ResultLinkedChainOpen      TransferResult = "linked_event_chain_open"
	ResultIDMustNotBeZero      TransferResult = "id_must_not_be_zero"
	ResultInvalid              TransferResult = "invalid" // a field out of range; see the batch error
	ResultAccountNotFound      TransferResult = "account_not_found"
	ResultSameAccount          TransferResult = "accounts_must_be_different"
	ResultLedgerMismatch       TransferResult = "ledger_mismatch"
	ResultRouteNotAllowed      TransferResult = "route_not_allowed"
	ResultExceedsCredits       TransferResult = "exceeds_credits"
	ResultExceedsDebits        TransferResult = "exceeds_debits"
	ResultRefNotFound          TransferResult = "ref_not_found"
	ResultRefMismatch          TransferResult = "ref_mismatch" // accounts, code or amount disagree with Ref
	ResultNotPending           TransferResult = "ref_not_pending"
	ResultAlreadyResolved      TransferResult = "ref_already_resolved"
	ResultPendingExpired       TransferResult = "pending_expired"
	ResultExceedsPendingAmount TransferResult = "exceeds_pending_amount"
)

// OK reports a result after which the transfer exists as asked.
func (r TransferResult) OK() bool { return r == ResultCreated || r == ResultExists }
