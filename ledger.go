package prakerja

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"time"
)

// The ledger follows TigerBeetle's model (docs LEDGER.md §1): accounts keep
// debits and credits, pending and posted, as int64 rupiah; transfers are
// immutable, carry a client-chosen id, a reason code and flags, and are
// applied in batches whose results are given per transfer. Every rupiah a
// participant is owed, spends or is paid moves by one transfer between two
// accounts, so "not one rupiah lost, created or paid twice" is checkable by
// summing (see `prakerja ledger check`).

// LedgerIDR is the only ledger: whole Indonesian rupiah. Accounts carry
// their ledger and a transfer must name its accounts' (as in TigerBeetle),
// but transfers do not store it: a second currency would add that column.
const LedgerIDR uint32 = 1

// Ledger limits.
const (
	LedgerBatchMax       = 8189           // transfers (or accounts) in one apply, as in TigerBeetle
	LedgerAmountMax      = int64(1) << 52 // one transfer; far above any budget (Rp 4.5 quadrillion)
	LedgerTimeoutMax     = 90 * 24 * time.Hour
	LedgerAccountNameMax = 100 // bytes
)

// AccountCode is an account's type in the chart of accounts.
type AccountCode uint16

const (
	// AccountFunding is a funding source (an APBN appropriation). Its debit
	// balance is what it has put into wave budgets.
	AccountFunding AccountCode = 1
	// AccountBudget is one wave's budget from one funding source. Its
	// credits are the funded amount; debits must not exceed them, which is
	// the programme's budget cap.
	AccountBudget AccountCode = 2
	// AccountTraining is a participant's restricted, non-cash training
	// balance: spent only at training providers, never paid out.
	AccountTraining AccountCode = 3
	// AccountIncentiveLocked holds a participant's incentives until the
	// first training is completed and reviewed.
	AccountIncentiveLocked AccountCode = 4
	// AccountIncentiveAvailable holds unlocked incentives awaiting payout.
	AccountIncentiveAvailable AccountCode = 5
	// AccountSurveyLocked holds survey incentives until each survey is done.
	AccountSurveyLocked AccountCode = 6
	// AccountSurveyAvailable holds unlocked survey incentives awaiting payout.
	AccountSurveyAvailable AccountCode = 7
	// AccountProviderPayable is what the programme owes a training provider
	// for vouchers bought.
	AccountProviderPayable AccountCode = 8
	// AccountPayoutClearing holds money sent to a payment partner until the
	// partner confirms or rejects it.
	AccountPayoutClearing AccountCode = 9
	// AccountTreasuryReturn collects money returned to the fund (revoked
	// cards, forfeited balances).
	AccountTreasuryReturn AccountCode = 10
)

// AccountCodeNames names every account code, for reports and commands.
var AccountCodeNames = map[AccountCode]string{
	AccountFunding:            "funding",
	AccountBudget:             "budget",
	AccountTraining:           "training",
	AccountIncentiveLocked:    "incentive_locked",
	AccountIncentiveAvailable: "incentive_available",
	AccountSurveyLocked:       "survey_locked",
	AccountSurveyAvailable:    "survey_available",
	AccountProviderPayable:    "provider_payable",
	AccountPayoutClearing:     "payout_clearing",
	AccountTreasuryReturn:     "treasury_return",
}

func (c AccountCode) String() string { return AccountCodeNames[c] }

// ParticipantAccountCodes are the accounts every participant has.
var ParticipantAccountCodes = []AccountCode{AccountTraining, AccountIncentiveLocked,
	AccountIncentiveAvailable, AccountSurveyLocked, AccountSurveyAvailable}

// AccountFlags set balance bounds on an account.
type AccountFlags uint16

const (
	// DebitsMustNotExceedCredits: debits (posted + pending) may never be
	// more than posted credits. Training balances and budgets carry it.
	DebitsMustNotExceedCredits AccountFlags = 1 << 0
	// CreditsMustNotExceedDebits is the mirror bound.
	CreditsMustNotExceedDebits AccountFlags = 1 << 1
)

// Account is one ledger account. IDs are chosen by the caller so that the
// same participant always has the same accounts (see ParticipantAccountID).
type Account struct {
	ID     int64
	Ledger uint32
	Code   AccountCode
	Flags  AccountFlags
	// Owner is the registration of a participant account, the wave of a
	// budget or treasury-return account, the provider of a payable.
	Owner int64
	Name  string // a system account's label ("APBN 2020"); "" for participants

	DebitsPending, DebitsPosted   int64
	CreditsPending, CreditsPosted int64
	CreatedAt                     time.Time
}

// Balance is credits minus debits, posted only: what a credit-normal
// account (training, incentives, budget) holds.
func (a *Account) Balance() int64 { return a.CreditsPosted - a.DebitsPosted }

// Available is the posted balance less pending debits (reserved payouts).
func (a *Account) Available() int64 { return a.CreditsPosted - a.DebitsPosted - a.DebitsPending }

// ParticipantAccountID is the account of one code for a registration.
// Participant ids are positive and ordered by registration, so crediting a
// wave in registration order inserts accounts in key order.
func ParticipantAccountID(registrationID int64, code AccountCode) int64 {
	return registrationID<<4 | int64(code)
}

// RegistrationOfAccount is the registration owning a participant account,
// or 0 for a programme account.
func RegistrationOfAccount(id int64) int64 {
	if id <= 0 {
		return 0
	}
	return id >> 4
}

// ParticipantAccountCode is the code of a participant account id.
func ParticipantAccountCode(id int64) AccountCode { return AccountCode(id & 0xf) }

// SystemAccountID is a programme account: negative, so it never meets a
// participant's. owner is the wave (budget, treasury return), the provider
// (payable) or 0; source tells funding sources or payment partners apart.
func SystemAccountID(code AccountCode, owner int64, source uint16) int64 {
	return -(owner<<24 | int64(source)<<8 | int64(code))
}

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

// TransferFilter selects transfers, newest first. It must name an account
// or a registration: the ledger keeps indexes for a participant's history
// and for each programme account's, not for the whole table in order.
type TransferFilter struct {
	Account      int64 // transfers debiting or crediting it
	Registration int64 // transfers touching any of the participant's accounts
	Code         TransferCode
	BeforeSeq    int64 // 0 = from the newest
	Limit        int   // capped at LedgerPageMax
}

// LedgerPageMax bounds one listing of transfers or accounts.
const LedgerPageMax = 1000

// LedgerTotals are sums over the whole ledger, for `ledger check`, the
// demo and dashboards: per account code, the sums of the four balances.
type LedgerTotals struct {
	Accounts  int64
	Transfers int64
	ByCode    map[AccountCode]Account // Account used as a sum holder
}

// LedgerStore keeps accounts and transfers. Apply is the only way money
// moves: it checks every rule of the chart, the flags and the bounds, and
// writes transfers and balances in one transaction, durably, before it
// returns.
type LedgerStore interface {
	// CreateAccounts creates accounts; a result per account (created,
	// exists, exists_with_different_fields, invalid).
	CreateAccounts(ctx context.Context, accounts []Account, now time.Time) ([]TransferResult, error)
	// ApplyTransfers applies up to LedgerBatchMax transfers in order and
	// returns a result per transfer. An error means nothing was applied.
	ApplyTransfers(ctx context.Context, transfers []Transfer, now time.Time) ([]TransferResult, error)
	// ApplyBatch creates accounts and then applies transfers (up to
	// LedgerBatchMax of each) in one transaction: what crediting a batch of
	// participants needs, one write of each new account instead of two.
	ApplyBatch(ctx context.Context, accounts []Account, transfers []Transfer, now time.Time) (accountResults, transferResults []TransferResult, err error)
	// LedgerAccounts returns the accounts that exist among ids, keyed by id.
	LedgerAccounts(ctx context.Context, ids []int64) (map[int64]*Account, error)
	// LedgerTransfers lists transfers, newest first.
	LedgerTransfers(ctx context.Context, f TransferFilter) ([]*Transfer, error)
	// LedgerTransfer returns one transfer by id. Returns CodeNotFound.
	LedgerTransfer(ctx context.Context, id TransferID) (*Transfer, error)
	// ExpirePending voids up to limit pending transfers whose timeout has
	// passed at now, and returns how many.
	ExpirePending(ctx context.Context, now time.Time, limit int) (int, error)
	// LedgerTotals sums balances per account code.
	LedgerTotals(ctx context.Context) (*LedgerTotals, error)
	// CheckLedger runs the store-side invariant queries (LEDGER.md §6) and
	// returns one line per breach; empty means the ledger is sound.
	CheckLedger(ctx context.Context, now time.Time, caps map[string]EntitlementCaps) ([]string, error)
}

// EntitlementCaps are a scheme's per-participant limits (caps are keyed by
// scheme name, since each wave has its own scheme) that `ledger check`
// holds the credits to, keyed by the credit transfer code.
type EntitlementCaps struct {
	Training       int64 // rupiah
	IncentiveCount int
	Incentive      int64 // rupiah per slot
	SurveyCount    int
	Survey         int64 // rupiah per survey
}
