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
	PayoutAccountNumberMax = 34 // ISO 20022 Othr/Id
	PayoutFileItemsMax     = 10_000
	PayoutRunsPageMax      = 100
	PaymentsPageMax        = 1000
	PayoutOperatorMax      = 64 // an operator's name in a run's maker/checker fields
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
