package prakerja

import "time"

// RegistrationStatus is where a registrant stands in the funnel. Later stages
// (identity verified, eligible, joined, selected) extend this list.
type RegistrationStatus string

const (
	StatusRegistered    RegistrationStatus = "registered"     // account created, e-mail not yet confirmed
	StatusEmailVerified RegistrationStatus = "email_verified" // confirmation link followed
	StatusPhoneVerified RegistrationStatus = "phone_verified" // SMS OTP entered; phone is the identity anchor
)

// Limits on registration input. They bound storage and rendering and keep a
// single request cheap.
const (
	FullNameMax = 100 // characters (runes)
	EmailMax    = 254 // RFC 5321 path limit
	PhoneMax    = 16  // E.164 digits plus '+'
)

// Registration is one registrant's account as the services see it, with
// personal data in clear. It never reaches a log or a URL.
type Registration struct {
	ID               int64
	FullName         string
	Email            string
	Phone            string // E.164, e.g. +6281234567890
	NIK              string
	KK               string
	BirthDate        time.Time // UTC midnight of the civil date
	Sex              string    // "M" or "F"
	DomicileDistrict string    // current Kemendagri district code, dotted: "31.71.01"
	Status           RegistrationStatus
	Reasons          []string  // reason codes of a failing status
	EmailVerifiedAt  time.Time // zero until confirmed
	PhoneVerifiedAt  time.Time // zero until confirmed
	CreatedAt        time.Time
	UpdatedAt        time.Time
	// WorkImpact, TargetingConsentAt, ConsentNotice and WithdrawnAt: see
	// RegistrationRecord.
	WorkImpact         WorkImpact
	TargetingConsentAt time.Time
	ConsentNotice      string
	WithdrawnAt        time.Time
}

// Sealed is one encrypted personal-data value and its blind index. The
// ciphertext carries its key id so keys can rotate; the index is a keyed hash
// of the normalised value so equal values can be found without decrypting.
type Sealed struct {
	Ciphertext []byte
	Index      []byte
}

// RegistrationRecord is a registration as stored: personal data sealed.
type RegistrationRecord struct {
	ID               int64
	FullName         string
	Email            Sealed
	Phone            Sealed
	NIK              Sealed
	KK               Sealed
	BirthDate        string // YYYY-MM-DD
	Sex              string
	DomicileDistrict string
	Status           RegistrationStatus
	// Reasons are the reason codes of a failing status (identity_failed,
	// ineligible), empty otherwise.
	Reasons         []string
	EmailVerifiedAt time.Time
	PhoneVerifiedAt time.Time
	// StatusChangedAt is when Status was last set; the backlog's oldest
	// age is measured from it.
	StatusChangedAt time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
	// WorkImpact is how the pandemic hit the registrant's work, as they
	// stated it ("" = not stated); targeting aggregates read it.
	WorkImpact WorkImpact
	// TargetingConsentAt is when the registrant consented to individual
	// targeting exports (zero = never), under notice ConsentNotice.
	TargetingConsentAt time.Time
	ConsentNotice      string
	// WithdrawnAt is when staff applied the registrant's withdrawal (zero =
	// not withdrawn): processing stops (selection, payouts, exports).
	WithdrawnAt time.Time
}
