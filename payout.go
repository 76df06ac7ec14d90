package prakerja

import (
	"context"
	"fmt"
	"time"
)

// Payouts (DOMAIN §2.7, LEDGER §5): unlocked incentives leave the system as
// payments to the participant's own bank account or e-wallet. A payment is
// one attempt to pay one entitlement slot (registration, kind, slot): it
// reserves the amount as a pending ledger transfer, is written to a partner
// file (ISO 20022 pain.001 or an e-wallet CSV) once a second operator has
// approved the run, and resolves at most once from the partner's answer:
// accepted posts the reservation, rejected voids it back to the
// participant's available balance, silence leaves it held in the exception
// queue, never re-sent. A rejected slot may be paid again only by a new
// attempt after the account is fixed; the store refuses a second open or
// paid attempt for one slot, whatever the number of runs or operators.

// Payout limits.
const (
	PayoutAccountNumberMax = 34  // ISO 20022 Othr/Id
	PayoutHolderNameMax    = 140 // ISO 20022 Nm
	PayoutFileItemsMax     = 10_000
	PayoutRunsPageMax      = 100
	PaymentsPageMax        = 1000
	PayoutOperatorMax      = 64 // an operator's name in a run's maker/checker fields
	PayoutReferenceLen     = 20 // EndToEndId: "PKJ" + 12-digit registration + kind + slot + padding
)

// PurposePayoutLink is the SMS code that confirms linking a payout account.
const PurposePayoutLink ChallengePurpose = "payout_link"

// PayoutKind says whether a partner is a bank or an e-wallet.
type PayoutKind string

const (
	PayoutBank    PayoutKind = "bank"
	PayoutEwallet PayoutKind = "ewallet"
)

// PayoutProvider is a payment partner a participant can be paid through.
type PayoutProvider struct {
	Code  string // stable, upper case: BNI, OVO, …
	Name  string
	Kind  PayoutKind
	BIC   string // banks: SWIFT BIC for pain.001 CdtrAgt
	Index int64  // owner number of the partner's clearing account; never reused
}

// PayoutProviders are the partners of the programme: BNI for bank accounts
// (2020) and the e-wallets OVO, GoPay, LinkAja (2020) and DANA (2021).
// Other banks appear because later schemes paid to them; a scheme may
// narrow the list.
var PayoutProviders = []PayoutProvider{
	{Code: "BNI", Name: "Bank Negara Indonesia", Kind: PayoutBank, BIC: "BNINIDJA", Index: 1},
	{Code: "BRI", Name: "Bank Rakyat Indonesia", Kind: PayoutBank, BIC: "BRINIDJA", Index: 2},
	{Code: "MANDIRI", Name: "Bank Mandiri", Kind: PayoutBank, BIC: "BMRIIDJA", Index: 3},
	{Code: "BCA", Name: "Bank Central Asia", Kind: PayoutBank, BIC: "CENAIDJA", Index: 4},
	{Code: "OVO", Name: "OVO", Kind: PayoutEwallet, Index: 11},
	{Code: "GOPAY", Name: "GoPay", Kind: PayoutEwallet, Index: 12},
	{Code: "LINKAJA", Name: "LinkAja", Kind: PayoutEwallet, Index: 13},
	{Code: "DANA", Name: "DANA", Kind: PayoutEwallet, Index: 14},
}

// PayoutProviderByCode finds a partner. Returns CodePayoutProvider.
func PayoutProviderByCode(code string) (*PayoutProvider, error) {
	for i := range PayoutProviders {
		if PayoutProviders[i].Code == code {
			return &PayoutProviders[i], nil
		}
	}
	return nil, Errorf(CodePayoutProvider, "Choose one of the listed banks or e-wallets.")
}

// ClearingAccountID is the ledger account holding money sent through a
// partner until it confirms or rejects it.
func ClearingAccountID(p *PayoutProvider) int64 {
	return SystemAccountID(AccountPayoutClearing, p.Index, 0)
}

// PayoutAccountState is where a linked account stands.
type PayoutAccountState string

const (
	PayoutAccountPending  PayoutAccountState = "pending"  // inquiry passed, waiting for the SMS code
	PayoutAccountVerified PayoutAccountState = "verified" // payments go here
	PayoutAccountUnlinked PayoutAccountState = "unlinked" // replaced or removed by the participant
	PayoutAccountRefused  PayoutAccountState = "refused"  // the inquiry failed; Reason says why
)

// PayoutAccount is a participant's bank account or e-wallet. The number is
// personal data: sealed at rest, shown masked.
type PayoutAccount struct {
	ID             int64
	RegistrationID int64
	Provider       string
	Number         Sealed // account number, or the e-wallet's phone number
	NumberMasked   string // last 4 digits, for pages and files' logs
	HolderSealed   []byte // the holder's name as the partner's inquiry reported it, sealed
	State          PayoutAccountState
	Reason         Code // the inquiry's refusal, when State is refused
	ChallengeID    int64
	CreatedAt      time.Time
	VerifiedAt     time.Time
	UnlinkedAt     time.Time
}

// AccountInquiry asks a partner who holds an account: what banks offer
// before a transfer. The NIK is compared by the partner, never returned.
type AccountInquiry struct {
	Provider, Account, NIK string
}

// AccountHolder is a partner's answer to an inquiry.
type AccountHolder struct {
	Found, Closed, KYC, NIKMatches bool
	HolderName                     string
}

// AccountInquirer asks a partner about an account (a bank's inquiry API;
// banksim in tests and the demo).
type AccountInquirer interface {
	Inquire(ctx context.Context, q AccountInquiry) (*AccountHolder, error)
}

// PaymentState is where one payment attempt stands.
type PaymentState string

const (
	PaymentReserved  PaymentState = "reserved"  // pending transfer made; the run awaits approval
	PaymentSent      PaymentState = "sent"      // written to a partner file
	PaymentPaid      PaymentState = "paid"      // partner accepted; reservation posted
	PaymentRejected  PaymentState = "rejected"  // partner rejected; reservation voided; Reason says why
	PaymentCancelled PaymentState = "cancelled" // the run was refused by its checker; reservation voided
)

// PaymentOpen reports states in which a slot may not get another attempt.
func PaymentOpen(s PaymentState) bool {
	return s == PaymentReserved || s == PaymentSent || s == PaymentPaid
}

// Payment is one attempt to pay one entitlement slot.
type Payment struct {
	ID              int64
	RunID           int64
	FileID          int64 // 0 until the run is approved and its files written
	RegistrationID  int64
	Kind            TransferCode // TransferUnlockIncentive or TransferUnlockSurvey: which slot kind
	Slot            int
	Attempt         int
	Amount          int64
	Provider        string
	PayoutAccountID int64
	State           PaymentState
	Reason          string // ISO status reason code of a rejection (AC04, …)
	Reference       string // EndToEndId: the slot, the same on every attempt
	PendingID       TransferID
	CreatedAt       time.Time
	SentAt          time.Time
	ResolvedAt      time.Time
	SettledAt       time.Time // booked on the partner's statement (camt.054)

	// Read with the payment for writing files; never stored on it.
	AccountNumber Sealed // the payout account's number
	CreditorName  string // the participant's registered name
}

// InstrID identifies one attempt in files and answers.
func (p *Payment) InstrID() string { return fmt.Sprintf("%s-%d", p.Reference, p.Attempt) }

// PaymentReference is the EndToEndId of a slot: stable across attempts, so
// a partner sees one entitlement however often it is retried.
func PaymentReference(registrationID int64, kind TransferCode, slot int) string {
	k := "I"
	if kind == TransferUnlockSurvey {
		k = "S"
	}
	return fmt.Sprintf("PKJ%012d%s%d", registrationID, k, slot)
}

// PayoutTransfer is the pending transfer that reserves a payment.
func PayoutTransfer(p *Payment, clearing int64) Transfer {
	from := AccountIncentiveAvailable
	if p.Kind == TransferUnlockSurvey {
		from = AccountSurveyAvailable
	}
	return Transfer{ID: p.PendingID, Ledger: LedgerIDR, Code: TransferPayout, Flags: TransferPending,
		DebitAccount: ParticipantAccountID(p.RegistrationID, from), CreditAccount: clearing,
		Amount: p.Amount, UserData: p.RunID}
}

// PayoutPost posts a payment's reservation (the partner paid).
func PayoutPost(p *Payment, clearing int64) Transfer {
	return payoutResolution(p, clearing, PostID(p.PendingID), TransferPostPending)
}

// PayoutVoid voids a payment's reservation back to the available balance.
func PayoutVoid(p *Payment, clearing int64) Transfer {
	return payoutResolution(p, clearing, VoidID(p.PendingID), TransferVoidPending)
}

func payoutResolution(p *Payment, clearing int64, id TransferID, flag TransferFlags) Transfer {
	t := PayoutTransfer(p, clearing)
	t.ID, t.Ref, t.Flags = id, p.PendingID, flag
	return t
}

// PayoutSettle moves a paid payment out of clearing when the partner's
// statement books it: clearing then holds exactly what was paid but not
// yet booked.
func PayoutSettle(p *Payment, clearing, funding int64) Transfer {
	return Transfer{ID: SettleID(p.PendingID), Ledger: LedgerIDR, Code: TransferSettle,
		DebitAccount: clearing, CreditAccount: funding, Amount: p.Amount, UserData: p.RunID}
}

// PayoutRunState is where a run stands. Maker-checker: the operator who
// prepared a run may not approve it.
type PayoutRunState string

const (
	PayoutRunPrepared PayoutRunState = "prepared" // reservations made, files not yet written
	PayoutRunApproved PayoutRunState = "approved" // a second operator approved; files written
	PayoutRunRefused  PayoutRunState = "refused"  // the checker refused; reservations voided
)

// PayoutRun is one batch of payments, e.g. a monthly incentive run.
type PayoutRun struct {
	ID           int64
	State        PayoutRunState
	Cutoff       time.Time // slots unlocked at or before it are due
	FileItemsMax int
	PreparedBy   string
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

// PaymentResult is one partner answer about one attempt, as ingested.
type PaymentResult struct {
	InstrID string
	Status  string // ACSC, ACCP, RJCT, PDNG (pain.002) or BOOK (camt.054)
	Reason  string
	Amount  int64
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

	// CreatePayoutRun stores a new prepared run, filling in its ID.
	CreatePayoutRun(ctx context.Context, r *PayoutRun) error
	// DueSlots lists up to limit due slots unlocked at or before cutoff,
	// after ledger sequence afterSeq, in sequence order.
	DueSlots(ctx context.Context, cutoff time.Time, afterSeq int64, limit int) ([]DueSlot, error)
	// ReservePayments applies each payment's pending transfer and stores
	// the payments the ledger accepted, in one transaction; the rest are
	// returned with the ledger's result. Payments get their IDs.
	ReservePayments(ctx context.Context, runID int64, ps []*Payment, now time.Time) (refused map[int]TransferResult, err error)
	// FinishRun stores a run's totals from its payments.
	FinishRun(ctx context.Context, runID int64) (*PayoutRun, error)
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
