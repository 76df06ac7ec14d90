package prakerja

import (
	"context"
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

// LedgerStore keeps accounts and transfers. ApplyTransfers and ApplyBatch
// are the only way money moves: it checks every rule of the chart, the flags and the bounds, and
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

// EntitlementCaps are one scheme's per-participant limits that `ledger
// check` holds each participant's credits to; CheckLedger takes them keyed
// by scheme name, since each wave has its own scheme.
type EntitlementCaps struct {
	Training       int64 // rupiah
	IncentiveCount int
	Incentive      int64 // rupiah per slot
	SurveyCount    int
	Survey         int64 // rupiah per survey
}
