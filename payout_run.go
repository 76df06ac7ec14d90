package prakerja

import (
	"context"
	"time"
)

// Payout runs, partner files and answers, and the store that keeps them.
// See payout.go for accounts and payments.

// PayoutRunState is where a run stands. Maker-checker: the operator who
// prepared a run may not approve it. A run is "preparing" while its
// reservations are made page by page; only when every due slot is reserved
// does it become "prepared", with its count, total and audit record, so a
// prepare killed part-way leaves a run nobody can approve, which the next
// prepare resumes.
type PayoutRunState string

const (
	PayoutRunPreparing PayoutRunState = "preparing" // reserving, unfinished: not approvable, resumed by the next prepare
	PayoutRunPrepared  PayoutRunState = "prepared"  // reservations made, files not yet written
	PayoutRunApproved  PayoutRunState = "approved"  // a second operator approved; files written
	PayoutRunRefused   PayoutRunState = "refused"   // the checker refused; reservations voided
)

// PayoutRun is one batch of payments, e.g. a monthly incentive run.
type PayoutRun struct {
	ID           int64
	State        PayoutRunState
	Cutoff       time.Time // slots unlocked at or before it are due
	FileItemsMax int
	PreparedBy   string
	FinishedBy   string // who finished a run another maker began (after a crash); a maker too
	ApprovedBy   string
	Payments     int64
	Total        int64
	Files        int64
	CreatedAt    time.Time
	ApprovedAt   time.Time
}

// PayoutFile is one partner file of a run.
type PayoutFile struct {
	ID       int64
	RunID    int64
	Provider string
	Format   string // "pain.001.001.09" or "ewallet.csv"
	MsgID    string
	Name     string // file name in the run's folder
	Items    int64
	Total    int64
	SHA256   []byte
	Created  time.Time
}

// ResultFile is an ingested partner file.
type ResultFile struct {
	ID       int64
	Kind     string // "pain.002" or "camt.054"
	MsgID    string
	SHA256   []byte
	Items    int
	Ingested time.Time
}

// IngestOutcome counts what an ingest did. A file seen before is a no-op.
type IngestOutcome struct {
	Duplicate  bool  `json:"duplicate_file"`
	Posted     int64 `json:"posted"`
	Voided     int64 `json:"voided"`
	Settled    int64 `json:"settled"`
	Pending    int64 `json:"pending"`
	Repeated   int64 `json:"repeated"`   // answers about already-resolved attempts, agreeing
	Conflicts  int64 `json:"conflicts"`  // answers disagreeing with an earlier one: exceptions
	Unknown    int64 `json:"unknown"`    // answers naming no attempt we sent
	Mismatched int64 `json:"mismatched"` // amount differs from the attempt's
}

// Add adds o's counts to t (Duplicate is left alone).
func (t *IngestOutcome) Add(o *IngestOutcome) {
	t.Posted += o.Posted
	t.Voided += o.Voided
	t.Settled += o.Settled
	t.Pending += o.Pending
	t.Repeated += o.Repeated
	t.Conflicts += o.Conflicts
	t.Unknown += o.Unknown
	t.Mismatched += o.Mismatched
}

// IndexPayoutAccount is the blind index of a payout account number, which
// finds one account linked by several participants.
const IndexPayoutAccount IndexField = "payout_account"

// PayoutAccountEvent is one audited change of a participant's payout
// accounts: refused, requested, linked, unlinked.
type PayoutAccountEvent struct {
	ID             int64
	RegistrationID int64
	AccountID      int64
	Event          string
	Reason         string
	Actor          string // "participant" or an operator's name
	At             time.Time
}

// DueSlot is an unlocked entitlement slot without an open or paid payment:
// what a run reserves. AccountID is 0 when the participant has no verified
// payout account yet (such slots wait; a run counts them).
type DueSlot struct {
	Seq            int64 // the unlock transfer's ledger sequence, the paging key
	RegistrationID int64
	Kind           TransferCode
	Slot           int
	Amount         int64
	Attempt        int // the attempt a payment would be: 1 + attempts so far
	AccountID      int64
	Provider       string
}

// PaymentFilter selects payments, oldest first.
type PaymentFilter struct {
	RunID          int64 // 0 = any
	FileID         int64
	RegistrationID int64
	Provider       string
	State          PaymentState // "" = any
	AfterID        int64
	Limit          int // 0 or more than PaymentsPageMax means PaymentsPageMax
}

// PayoutFunnel counts payments per state, and slots still waiting for a
// payout account, for the demo and dashboards.
type PayoutFunnel struct {
	ByState         map[PaymentState]int64 `json:"by_state"`
	AmountByState   map[PaymentState]int64 `json:"amount_by_state"`
	Settled         int64                  `json:"settled"`
	AccountsLinked  int64                  `json:"accounts_linked"`
	AccountsRefused map[string]int64       `json:"accounts_refused"`
}

// PayoutStore keeps payout accounts, runs, payments, files and results.
// Every method that moves money does it through the ledger in the same
// transaction as its rows.
type PayoutStore interface {
	// CreatePayoutAccount stores a pending account with the challenge and
	// SMS that confirm it, or a refused one (c and msg nil) with its
	// reason, and the matching event, in one transaction.
	CreatePayoutAccount(ctx context.Context, a *PayoutAccount, c *Challenge, msg *Message) error
	// VerifyPayoutAccount makes a pending account whose challenge was
	// consumed the verified one, unlinking the one before (events for
	// both). Returns CodeNotFound or CodePayoutRunState... CodeConflict when
	// the account is not pending or its code not used.
	VerifyPayoutAccount(ctx context.Context, registrationID, accountID int64, now time.Time) (*PayoutAccount, error)
	// UnlinkPayoutAccount unlinks the verified account. Returns CodeNotFound.
	UnlinkPayoutAccount(ctx context.Context, registrationID int64, actor string, now time.Time) error
	// PayoutAccounts lists a participant's accounts, newest first.
	PayoutAccounts(ctx context.Context, registrationID int64) ([]*PayoutAccount, error)
	// PayoutAccountEvents lists a participant's account events, newest first.
	PayoutAccountEvents(ctx context.Context, registrationID int64) ([]*PayoutAccountEvent, error)
	// CountPayoutAccountsByNumber counts verified accounts with a number's
	// blind index (one account for several NIKs is a fraud signal).
	CountPayoutAccountsByNumber(ctx context.Context, index []byte) (int64, error)

	// CreatePayoutRun stores a new preparing run, filling in its ID, or,
	// when an unfinished preparing run exists (one at most), fills r with
	// that run and returns resumed true: its cutoff and file size stand.
	CreatePayoutRun(ctx context.Context, r *PayoutRun) (resumed bool, err error)
	// DueSlots lists up to limit due slots unlocked at or before cutoff,
	// after ledger sequence afterSeq, in sequence order.
	DueSlots(ctx context.Context, cutoff time.Time, afterSeq int64, limit int) ([]DueSlot, error)
	// ReservePayments applies each payment's pending transfer and stores
	// the payments the ledger accepted, in one transaction; the rest are
	// returned with the ledger's result. Payments get their IDs.
	ReservePayments(ctx context.Context, runID int64, ps []*Payment, now time.Time) (refused map[int]TransferResult, err error)
	// FinishRun makes a preparing run prepared, with its totals from its
	// payments and its audit record (by its maker, naming finishedBy when
	// another operator resumed it), in one transaction. Returns
	// CodePayoutRunState when the run is not preparing.
	FinishRun(ctx context.Context, runID int64, finishedBy string, now time.Time) (*PayoutRun, error)
	// ApproveRun marks a prepared run approved by checker. Returns
	// CodePayoutSameOperator or CodePayoutRunState.
	ApproveRun(ctx context.Context, runID int64, checker string, now time.Time) (*PayoutRun, error)
	// RefuseRun voids every reservation of a prepared run and cancels its
	// payments. Returns CodePayoutSameOperator or CodePayoutRunState.
	RefuseRun(ctx context.Context, runID int64, checker string, now time.Time) (*PayoutRun, error)
	// PayoutRun returns one run. Returns CodeNotFound.
	PayoutRun(ctx context.Context, id int64) (*PayoutRun, error)
	// PayoutRuns lists runs, newest first.
	PayoutRuns(ctx context.Context, limit int) ([]*PayoutRun, error)
	// AddPayoutFile records one written file of an approved run and marks
	// its payments sent, in one transaction: the run's reserved payments
	// of f.Provider with ids firstID..lastID, which must be f.Items.
	AddPayoutFile(ctx context.Context, f *PayoutFile, firstID, lastID int64, now time.Time) error
	// PayoutFiles lists a run's files (0 = every run's), oldest first.
	PayoutFiles(ctx context.Context, runID int64) ([]*PayoutFile, error)
	// Payments lists payments.
	Payments(ctx context.Context, f PaymentFilter) ([]*Payment, error)

	// PaymentsByInstr returns the attempts with these instruction ids
	// (at most LedgerBatchMax), keyed by InstrID.
	PaymentsByInstr(ctx context.Context, instrIDs []string) (map[string]*Payment, error)
	// BeginResultFile records a partner answer file by its content hash.
	// Duplicate is true when a file with this hash was finished before:
	// then nothing is to be done. A file begun but not finished (a crash)
	// is returned again, so its ingest resumes.
	BeginResultFile(ctx context.Context, f *ResultFile, now time.Time) (duplicate bool, err error)
	// ApplyResults applies decided answers (at most PaymentResultsBatchMax)
	// of file fileID in one transaction: each action's transfers, its
	// payment's new state when they were created, and every line.
	ApplyResults(ctx context.Context, fileID int64, actions []ResultAction, now time.Time) (*IngestOutcome, error)
	// FinishResultFile marks a file done with its outcome (JSON).
	FinishResultFile(ctx context.Context, fileID int64, outcome []byte, now time.Time) error
	// UnansweredPayments lists sent payments without an answer since
	// before olderThan, oldest first: the exception queue.
	UnansweredPayments(ctx context.Context, olderThan time.Time, limit int) ([]*Payment, error)
	// ResultExceptions lists answer lines that matched nothing, conflicted
	// or disagreed in amount, newest first.
	ResultExceptions(ctx context.Context, limit int) ([]PaymentResultLine, error)
	// PayoutFunnel counts payments and accounts.
	PayoutFunnel(ctx context.Context) (*PayoutFunnel, error)
	// PayoutReconcileFacts gathers what reconciliation compares.
	PayoutReconcileFacts(ctx context.Context) (*ReconcileFacts, error)
	// SaveReconcileReport stores a report (JSON) and returns its id.
	SaveReconcileReport(ctx context.Context, clean bool, report []byte, now time.Time) (int64, error)
}

// PaymentResultsBatchMax bounds one ApplyResults call: two transfers
// (post and settle) per action at most.
const PaymentResultsBatchMax = LedgerBatchMax / 2

// Outcomes of an answer line.
const (
	OutcomePosted     = "posted"     // accepted: the reservation was posted
	OutcomeVoided     = "voided"     // rejected: the reservation was voided
	OutcomeSettled    = "settled"    // booked on the statement: moved out of clearing
	OutcomePending    = "pending"    // the partner is still working on it
	OutcomeRepeated   = "repeated"   // agrees with an earlier answer: nothing to do
	OutcomeConflict   = "conflict"   // disagrees with an earlier answer: an exception
	OutcomeUnknown    = "unknown"    // names no attempt we sent: an exception
	OutcomeMismatched = "mismatched" // the amount is not the attempt's: an exception
)

// ResultAction is one decided answer line: the transfers it makes (none,
// a post, a void, a settle, or a post linked to a settle) and what the
// payment becomes if they are created. When a transfer is refused because
// the reservation was resolved otherwise before, the line is a conflict.
type ResultAction struct {
	Line      PaymentResultLine // Outcome is the line's outcome when Transfers is empty
	Transfers []Transfer
	State     PaymentState // the payment's new state ("" = unchanged)
	Settle    bool         // the payment was booked on the statement
	Outcome   string       // the line's outcome when the transfers are created
}

// PaymentResultLine is one ingested answer line as stored.
type PaymentResultLine struct {
	ID           int64
	ResultFileID int64
	PaymentID    int64 // 0 when it named no attempt we sent
	InstrID      string
	Status       string
	Reason       string
	Amount       int64
	Outcome      string
}

// ReconcileFacts are the store's side of a reconciliation, per provider
// where money is compared with a clearing account.
type ReconcileFacts struct {
	Files          int64
	FileItems      int64
	FileTotal      int64
	FileMismatches []string // message ids of files whose items or total disagree with their payments
	// Payments written to files, by state.
	Sent, Paid, Rejected int64
	// Paid or rejected payments not matched to exactly one deciding answer.
	NotOneAnswer int64
	// Per provider: paid amount not yet booked, pending (reserved or sent)
	// amount, and booked amount.
	PaidUnbooked map[string]int64
	Pending      map[string]int64
	Booked       map[string]int64
	// Booked amount on the partners' statements (camt.054 lines settled).
	StatementBooked int64
	// Exception lines by outcome (unknown, conflict, mismatched).
	Exceptions       map[string]int64
	OldestUnanswered time.Time // zero when nothing sent waits
}
