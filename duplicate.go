package prakerja

import (
	"context"
	"time"
)

// FlagStatus is where a duplicate flag stands in review.
type FlagStatus string

// Flag statuses.
const (
	FlagOpen      FlagStatus = "open"      // waiting for a reviewer
	FlagConfirmed FlagStatus = "confirmed" // one person behind both: the later registration is made ineligible
	FlagCleared   FlagStatus = "cleared"   // two people after all (twins, a shared family phone)
)

// ReasonDuplicateConfirmed is the reason code a registration carries when
// a reviewer confirmed it duplicates an earlier one.
const ReasonDuplicateConfirmed = "duplicate_confirmed"

// ReasonNIKDisputeUpheld is the reason code of a registration whose NIK a
// reviewer found to belong to someone else (an upheld Dispute).
const ReasonNIKDisputeUpheld = "nik_dispute_upheld"

// DuplicateFlag says two registrations may be one person under two NIKs.
// A is the earlier registration, B the later; Reason is a dedup reason code
// (dedup.Reason) and Score its weight, 0–100.
type DuplicateFlag struct {
	ID         int64
	A, B       int64
	Reason     string
	Score      int
	Status     FlagStatus
	CreatedAt  time.Time
	ReviewedAt time.Time // zero while open
	Reviewer   string    // who decided; at most 100 bytes
	Note       string    // why; at most 1,000 bytes
}

// FlagFilter selects duplicate flags, highest score first, then oldest.
type FlagFilter struct {
	Status         FlagStatus // "" = any
	RegistrationID int64      // 0 = any; else flags naming it as A or B
	Offset         int        // paging
	Limit          int        // capped at FlagsPageMax
}

// FlagsPageMax bounds one listing of flags.
const FlagsPageMax = 1000

// Review limits.
const (
	ReviewerMax = 100
	NoteMax     = 1000
)

// DisputeStatus is where a NIK dispute stands.
type DisputeStatus string

// Dispute statuses.
const (
	DisputeOpen     DisputeStatus = "open"
	DisputeUpheld   DisputeStatus = "upheld"   // the claimant holds the NIK: the registration holding it is made ineligible
	DisputeRejected DisputeStatus = "rejected" // the registration stands
)

// Dispute is a complaint by someone whose NIK was already registered by
// another person (the registration answered nik_taken). The claimant's
// contact is sealed like any personal data.
type Dispute struct {
	ID int64
	// NIK is the disputed NIK, sealed; RegistrationID the registration now
	// holding it (0 if it is gone).
	NIK            Sealed
	RegistrationID int64
	FullName       string
	Phone          Sealed // where to reach the claimant
	Statement      string // the claimant's account, at most StatementMax bytes
	Status         DisputeStatus
	CreatedAt      time.Time
	ResolvedAt     time.Time
	Reviewer       string
	Note           string
}

// StatementMax bounds a dispute statement.
const StatementMax = 2000

// DisputeFilter selects disputes, oldest first.
type DisputeFilter struct {
	Status  DisputeStatus // "" = any
	AfterID int64
	Limit   int // capped at FlagsPageMax
}

// ReviewStore keeps duplicate flags and NIK disputes.
type ReviewStore interface {
	// DuplicateFlags lists flags.
	DuplicateFlags(ctx context.Context, f FlagFilter) ([]DuplicateFlag, error)
	// ReviewFlag confirms or clears an open flag. Confirming makes
	// registration B ineligible with ReasonDuplicateConfirmed, in the same
	// transaction. Returns CodeNotFound, or CodeConflict when the flag is
	// no longer open.
	ReviewFlag(ctx context.Context, id int64, to FlagStatus, reviewer, note string, now time.Time) (*DuplicateFlag, error)
	// CreateDispute stores a dispute filed at now, filling ID, Status and
	// CreatedAt.
	CreateDispute(ctx context.Context, d *Dispute, now time.Time) error
	// Disputes lists disputes.
	Disputes(ctx context.Context, f DisputeFilter) ([]Dispute, error)
	// ResolveDispute upholds or rejects an open dispute. Upholding makes
	// the registration holding the NIK ineligible with
	// ReasonNIKDisputeUpheld in the same transaction. Returns CodeNotFound
	// or CodeConflict when the dispute is no longer open.
	ResolveDispute(ctx context.Context, id int64, to DisputeStatus, reviewer, note string, now time.Time) (*Dispute, error)
}
