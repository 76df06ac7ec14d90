package prakerja

import (
	"context"
	"time"
)

// The training marketplace (DOMAIN §2.6): digital platforms (Tokopedia,
// Pijar Mahir, …) sell courses of training providers (LPP) to card holders.
// A platform charges the card with an SMS one-time code; the purchase moves
// the price from the participant's training balance to the provider's
// payable account in the same transaction that makes the voucher. The
// provider redeems the voucher and reports completion, which issues the
// certificate; the participant then reviews the course, and the first such
// review schedules the incentives.
//
// KPK (18 Jun 2020) found that 5 of the 8 platforms of 2020 owned or were
// affiliated with providers they sold; ownership is therefore data here
// (ProviderOwner), and a course sold by a platform that owns its provider is
// flagged wherever it is shown.

// Marketplace limits. Text lengths are in bytes unless said otherwise.
const (
	MarketNameMax         = 100 // platform or provider name; also its payable account's ledger name
	MarketSlugMax         = 40  // lowercase letters, digits and '-'
	CourseTitleMax        = 200
	CourseDescriptionMax  = 4000
	CourseHoursMax        = 1000
	CoursePriceMax        = int64(100_000_000) // far above any training balance
	CoursesPageMax        = 100                // courses in one catalogue page
	PurchasesPageMax      = 100                // purchases in one listing
	PlatformOrderIDMax    = 64                 // a platform's own order reference
	ReviewTextMax         = 2000               // characters (runes)
	ReviewStarsMin        = 1
	ReviewStarsMax        = 5
	VoucherCodeLen        = 12 // Crockford base32: 60 random bits
	CertificateNumberMax  = 64
	MarketKeyHashLen      = 32 // SHA-256 of a platform's or provider's API key
	CourseSearchMax       = 100
	ProviderOwnersMax     = 16 // platforms one provider may be linked to
	MarketSeedPlatformMax = 64
)

// PurposePurchase is the SMS code that authorises one card payment.
const PurposePurchase ChallengePurpose = "purchase"

// Platform is a digital platform (marketplace) that sells courses and
// charges cards. KeyHash is the SHA-256 of its API key; the key itself is
// never stored.
type Platform struct {
	ID        int64
	Slug      string
	Name      string
	KeyHash   []byte
	CreatedAt time.Time
}

// PlatformWithSlug finds slug among all platforms (a handful: the list is
// read whole); nil when none has it.
func PlatformWithSlug(all []*Platform, slug string) *Platform {
	for _, p := range all {
		if p.Slug == slug {
			return p
		}
	}
	return nil
}

// Provider is a training provider (LPP). Its payable ledger account
// (SystemAccountID(AccountProviderPayable, ID, 0)) receives what
// participants spend on its courses. Owners are the platforms that own or
// are affiliated with it.
type Provider struct {
	ID        int64
	Slug      string
	Name      string
	KeyHash   []byte
	Owners    []int64 // platform ids, ascending
	CreatedAt time.Time
}

// ProviderOwner links a platform to a provider it owns or is affiliated
// with: a course of that provider sold on that platform is a conflict of
// interest.
type ProviderOwner struct {
	PlatformID int64
	ProviderID int64
}

// Course is one training sold by one platform. ConflictOfInterest is
// derived on every read: the selling platform owns the provider.
type Course struct {
	ID                 int64
	ProviderID         int64
	PlatformID         int64
	Title              string
	Description        string
	Price              int64 // whole rupiah
	Hours              int
	Active             bool
	ConflictOfInterest bool
	ProviderName       string // read only
	PlatformName       string // read only
	CreatedAt          time.Time
}

// CourseFilter selects catalogue courses, by id ascending.
type CourseFilter struct {
	Search      string // case-insensitive substring of the title; "" = any
	PlatformID  int64  // 0 = any
	ProviderID  int64  // 0 = any
	MaxPrice    int64  // 0 = any
	Conflicted  *bool  // nil = any
	OnlyActive  bool
	AfterID     int64 // keyset paging: ids greater than this
	Limit       int   // 1..CoursesPageMax; 0 = CoursesPageMax
	WithDetails bool  // include descriptions (lists leave them out)
}

// PurchaseState is where a purchase stands. pending waits for the SMS code;
// paid holds a voucher; redeemed means the provider started the training;
// completed means a certificate was issued. Only a paid voucher may be
// refunded.
type PurchaseState string

const (
	PurchasePending   PurchaseState = "pending"
	PurchasePaid      PurchaseState = "paid"
	PurchaseRedeemed  PurchaseState = "redeemed"
	PurchaseCompleted PurchaseState = "completed"
	PurchaseRefunded  PurchaseState = "refunded"
)

// Purchase is one charge of a card and, once confirmed, its voucher. It is
// bound to the participant, the course and the platform that sold it.
type Purchase struct {
	ID             int64
	RegistrationID int64
	CourseID       int64
	PlatformID     int64
	ProviderID     int64
	OrderID        string // the platform's order id, unique per platform
	Amount         int64  // rupiah, the course price when charged
	State          PurchaseState
	ChallengeID    int64
	OTPExpiresAt   time.Time  // of the charge's SMS code (read only)
	TransferID     TransferID // the purchase transfer, chosen at charge time
	VoucherCode    string     // "" while pending
	Certificate    string     // certificate number, "" until completed
	CreatedAt      time.Time
	PaidAt         time.Time
	RedeemedAt     time.Time
	CompletedAt    time.Time // the certificate's issue time
	RefundedAt     time.Time
	CourseTitle    string        // read only
	PlatformName   string        // read only
	ProviderName   string        // read only
	Review         *CourseReview // read only; nil until reviewed
}

// CourseReview is a participant's rating (1–5 stars) and text for a
// completed purchase; one per purchase.
type CourseReview struct {
	PurchaseID     int64
	RegistrationID int64
	CourseID       int64
	Stars          int
	Text           string
	CreatedAt      time.Time
}

// PurchaseFilter selects purchases, newest first.
type PurchaseFilter struct {
	RegistrationID int64 // 0 = any
	State          PurchaseState
	Limit          int // 1..PurchasesPageMax; 0 = PurchasesPageMax
}

// CardHolder is what a charge needs to know of a card.
type CardHolder struct {
	RegistrationID int64
	WaveID         int64
	Scheme         string // the wave's scheme name
	Revoked        bool
	Phone          Sealed // ciphertext only, copied into the outbox unopened
}

// PurchaseConfirmation is what confirming a charge needs: the charge, the
// platform that asks, the keyed hash of the code the participant gave (its
// binding to the charge is the service's business) and the voucher code to
// issue.
type PurchaseConfirmation struct {
	PurchaseID  int64
	PlatformID  int64
	CodeHash    []byte
	VoucherCode string
	// Charge is the charge as the caller read it, which saves the store a
	// read; nil makes the store read it. Either way the transaction checks
	// it against the locked row.
	Charge *Purchase
}

// ReviewInput is a participant's review plus the incentive schedule the
// review unlocks when it is the participant's first (IncentiveCount slots,
// IntervalDays apart, the first due at the review).
type ReviewInput struct {
	Review         CourseReview
	IncentiveCount int
	IntervalDays   int
}

// RefundTransferID is the id of the refund of a purchase transfer: the
// purchase id with its first byte changed, so a retried refund is the same
// transfer and can never return the money twice.
func RefundTransferID(purchase TransferID) TransferID {
	id := purchase
	id[0] = idSpaceRefund
	if purchase[0] == idSpaceRefund {
		id[0] = idSpaceRefund + 0x40 // never collides with the purchase itself
	}
	return id
}

// idSpaceRefund is the namespace of refund transfer ids (see ledger.go).
const idSpaceRefund = 0x87

// MarketplaceStore keeps platforms, providers, courses, purchases and
// reviews. Money moves only through the ledger, in the same transaction as
// the purchase row that records why.
type MarketplaceStore interface {
	// CreatePlatform stores a platform and fills in its ID. Returns
	// CodeConflict when the slug is taken.
	CreatePlatform(ctx context.Context, p *Platform, now time.Time) error
	// Platforms lists every platform by id.
	Platforms(ctx context.Context) ([]*Platform, error)
	// PlatformByKeyHash finds a platform by its API key's hash. Returns
	// CodeUnauthorized.
	PlatformByKeyHash(ctx context.Context, hash []byte) (*Platform, error)
	// CreateProvider stores a provider with its owner links and fills in
	// its ID. Returns CodeConflict when the slug is taken, CodeNotFound for
	// an unknown owner platform.
	CreateProvider(ctx context.Context, p *Provider, now time.Time) error
	// Providers lists every provider by id, with owners.
	Providers(ctx context.Context) ([]*Provider, error)
	// ProviderByKeyHash finds a provider by its API key's hash. Returns
	// CodeUnauthorized.
	ProviderByKeyHash(ctx context.Context, hash []byte) (*Provider, error)
	// CreateCourse stores a course and fills in its ID. Returns
	// CodeNotFound for an unknown provider or platform.
	CreateCourse(ctx context.Context, c *Course, now time.Time) error
	// SetCourseActive opens or closes a course for sale. Returns
	// CodeNotFound.
	SetCourseActive(ctx context.Context, id int64, active bool) error
	// Course returns one course with its description. Returns CodeNotFound.
	Course(ctx context.Context, id int64) (*Course, error)
	// Courses lists catalogue courses by id.
	Courses(ctx context.Context, f CourseFilter) ([]*Course, error)
	// CountCourses counts the courses a filter selects (AfterID and Limit
	// ignored).
	CountCourses(ctx context.Context, f CourseFilter) (int64, error)

	// CardHolder finds the participant a card number belongs to. Returns
	// CodeCardUnknown.
	CardHolder(ctx context.Context, cardNumber string) (*CardHolder, error)
	// ChargeFacts reads, in one statement, what a charge decides on: the
	// card's holder, its completed trainings not yet reviewed, its
	// training balance (0 before the wave is credited) and its purchase
	// codes created at or after since. Returns CodeCardUnknown.
	ChargeFacts(ctx context.Context, cardNumber string, since time.Time) (*ChargeFacts, error)
	// CreateCharge stores a pending purchase with the SMS challenge and
	// message that carry its code, in one transaction, and fills in their
	// IDs. Returns CodeOrderTaken when the platform used the order id
	// before.
	CreateCharge(ctx context.Context, p *Purchase, c *Challenge, msg *Message) error
	// ConfirmPurchase checks the code and, in one transaction, debits the
	// training balance and issues the voucher. A wrong code counts an
	// attempt. Returns CodeNotFound (no such charge of this platform),
	// CodeVoucherState (not pending), CodeOTPInvalid, CodeOTPExpired,
	// CodeOTPUsed, CodeOTPExhausted, CodeCardRevoked, CodeCourseInactive
	// or CodeBalanceInsufficient.
	ConfirmPurchase(ctx context.Context, in PurchaseConfirmation, now time.Time) (*Purchase, error)
	// RedeemVoucher marks a paid voucher of the provider redeemed. Returns
	// CodeVoucherUnknown or CodeVoucherState.
	RedeemVoucher(ctx context.Context, providerID int64, code string, now time.Time) (*Purchase, error)
	// CompleteVoucher marks a redeemed voucher of the provider completed
	// and issues the certificate. Returns CodeVoucherUnknown or
	// CodeVoucherState.
	CompleteVoucher(ctx context.Context, providerID int64, code, certificate string, now time.Time) (*Purchase, error)
	// RefundVoucher returns a paid, unredeemed voucher's money to the
	// training balance, in one transaction with the state change. Returns
	// CodeVoucherUnknown or CodeVoucherState.
	RefundVoucher(ctx context.Context, platformID int64, code string, now time.Time) (*Purchase, error)
	// ReviewPurchase stores the review of a completed purchase; when it is
	// the participant's first review, the incentive-unlock jobs are queued
	// in the same transaction. Returns CodeNotFound (no such purchase of
	// this participant), CodeVoucherState (not completed) or CodeConflict
	// (already reviewed).
	ReviewPurchase(ctx context.Context, in ReviewInput) (*Purchase, error)
	// Purchase returns one purchase with its review. Returns CodeNotFound.
	Purchase(ctx context.Context, id int64) (*Purchase, error)
	// PurchaseByVoucher returns the purchase of a voucher code. Returns
	// CodeVoucherUnknown.
	PurchaseByVoucher(ctx context.Context, code string) (*Purchase, error)
	// Purchases lists purchases, newest first.
	Purchases(ctx context.Context, f PurchaseFilter) ([]*Purchase, error)
	// UnreviewedCompletions counts a participant's completed purchases
	// without a review.
	UnreviewedCompletions(ctx context.Context, registrationID int64) (int64, error)
}

// ChargeFacts is what a charge decides on about a card.
type ChargeFacts struct {
	Holder     *CardHolder
	Unreviewed int64 // completed trainings without a review
	Available  int64 // training balance
	CodesSince int64 // purchase codes in the rate-limit hour
}
