package prakerja

import (
	"context"
	"time"
)

// The registrant view (issue 7, "Done when"): an operator follows one
// registrant from registration to payout. Most of the timeline comes from
// reads other parts of the store already have (steps, flags, attempts,
// purchases, surveys, payout accounts); RegistrantViewStore adds the few
// a registration id alone could not answer cheaply.

// Registrant view bounds: a name search answers a screenful, and one page
// shows at most this many of the longest lists (payments, disputes).
const (
	RegistrantSearchMax     = 20
	RegistrantNamePrefixMin = 3   // runes: shorter prefixes match too many people
	RegistrantListMax       = 100 // payments, disputes, purchases on one page
)

// RegistrantHit is one registration a search found. The name is the
// stored one; pages mask it.
type RegistrantHit struct {
	ID        int64
	FullName  string
	Status    RegistrationStatus
	CreatedAt time.Time
}

// RegistrantJoin is one wave a registrant joined, with what the wave's
// selection decided for the join ("" before the draw).
type RegistrantJoin struct {
	WaveID     int64
	WaveName   string
	Region     string
	JoinedAt   time.Time
	Outcome    JoinOutcome
	SelectedAt time.Time // when the wave's draw was recorded; zero before
}

// RegistrantViewStore holds the reads of the registrant view that no other
// store interface offers.
type RegistrantViewStore interface {
	// RegistrantsByName lists registrations whose full name starts with
	// prefix, compared in lower case (ASCII), by name then id, at most
	// limit (capped at RegistrantSearchMax). Returns CodeInvalid when the
	// prefix is shorter than RegistrantNamePrefixMin runes or longer than
	// FullNameMax.
	RegistrantsByName(ctx context.Context, prefix string, limit int) ([]RegistrantHit, error)
	// RegistrantJoins lists the waves a registration joined, oldest first.
	RegistrantJoins(ctx context.Context, registrationID int64) ([]RegistrantJoin, error)
	// DisputesByNIK lists the NIK disputes filed on a NIK blind index,
	// oldest first, at most limit (capped at RegistrantListMax).
	DisputesByNIK(ctx context.Context, nikIndex []byte, limit int) ([]Dispute, error)
	// RegistrantPayments lists a registration's payments, newest first, at
	// most limit (capped at RegistrantListMax), and how many it has in all.
	RegistrantPayments(ctx context.Context, registrationID int64, limit int) ([]*Payment, int64, error)
}
