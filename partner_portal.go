package prakerja

import (
	"context"
	"time"
)

// The partner portals (issue 7 item 1): a platform's staff see their own
// platform's sales, vouchers and ratings; an institution's staff see
// where their own nominees stand. The store answers for one partner at a
// time, so a page cannot show another partner's rows by mistake.

// Partner portal limits.
const (
	// PlatformReportDaysMax is how many days of sales a report shows.
	PlatformReportDaysMax = 31
	// PlatformRatingsMax bounds the rated courses listed.
	PlatformRatingsMax = 100
	// NomineesPageMax bounds one page of an institution's nominees.
	NomineesPageMax = 100
)

// SalesDay is one day's sales of a platform: vouchers paid that day (a
// later refund included) and their amount, the day being WIB's.
type SalesDay struct {
	Day    time.Time // 00:00 WIB of the day, as a UTC instant
	Sales  int64
	Amount int64 // rupiah
}

// StateCount is how many purchases are in one state, and their amount.
type StateCount struct {
	State  PurchaseState
	Count  int64
	Amount int64
}

// CourseRating is what participants said of one course.
type CourseRating struct {
	CourseID int64
	Title    string
	Reviews  int64
	StarsSum int64 // average = StarsSum / Reviews
}

// PlatformReport is one platform's portal: sales by day (newest first),
// purchases by state, and its courses' ratings (most reviewed first).
type PlatformReport struct {
	Days    []SalesDay
	States  []StateCount
	Ratings []CourseRating
}

// Nominee is one entry of an institution's current list and how far the
// registrant with that NIK (if any) has come.
type Nominee struct {
	NIKIndex       []byte
	Category       NominationCategory
	RegistrationID int64              // 0 = nobody registered with this NIK yet
	NIKSealed      []byte             // the registrant's sealed NIK; nil when not registered
	Status         RegistrationStatus // "" when not registered
	Card           bool               // selected and given a card
	Trainings      int64              // vouchers held: paid, redeemed or completed (not refunded)
	Completed      int64              // trainings completed
}

// NomineeStage counts an institution's current nominees in one
// registration status ("" = not registered), and how many of those hold
// a card.
type NomineeStage struct {
	Status RegistrationStatus
	Count  int64
	Cards  int64
}

// PartnerPortalStore answers the partner portals.
type PartnerPortalStore interface {
	// PlatformReport summarises one platform: sales of the
	// PlatformReportDaysMax days up to now, purchases by state, and up to
	// PlatformRatingsMax rated courses.
	PlatformReport(ctx context.Context, platformID int64, now time.Time) (*PlatformReport, error)
	// InstitutionNominees pages through an institution's current list
	// by NIK index, after the index given (nil = from the start), at most
	// limit (capped at NomineesPageMax).
	InstitutionNominees(ctx context.Context, institution string, after []byte, limit int) ([]Nominee, error)
	// InstitutionStages counts the institution's current nominees by
	// registration status.
	InstitutionStages(ctx context.Context, institution string) ([]NomineeStage, error)
}
