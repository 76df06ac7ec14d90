package population

import "time"

// Limits. They bound memory (a Person is a few hundred bytes) and keep the
// uniqueness arithmetic inside the capacities described in the package doc.
const (
	// MaxMembers is the largest family: two parents and four children.
	MaxMembers = 6
	// familyBits sizes the family-slot space: 2^24 ≈ 16.8 million families.
	familyBits = 24
	// MaxFamilies is the number of addressable families.
	MaxFamilies = 1 << familyBits
	// MaxPersons is the largest n Generate accepts.
	MaxPersons = 8_000_000
	// MaxAttempts is the largest n Attempts accepts.
	MaxAttempts = 8_000_000
	// personSlots is the number of PersonIDs; contact IDs at or above it
	// belong to extra attempts, never to a person.
	personSlots = MaxFamilies * MaxMembers
)

// Defaults for the zero Options.
const (
	// DefaultBadPerMille is the share of registrants who first send a bad
	// attempt (≈3% of all attempts).
	DefaultBadPerMille = 30
	// DefaultDuplicatePerMille is the share of registrants before whom a
	// duplicate of an earlier registration is sent (≈1% of all attempts).
	DefaultDuplicatePerMille = 10
	// maxSharePerMille keeps valid registrations the majority.
	maxSharePerMille = 400
)

// DefaultRef is the reference date used when Options.Ref is zero: 11 April
// 2020, the day wave-1 registration opened.
var DefaultRef = time.Date(2020, time.April, 11, 0, 0, 0, 0, time.UTC)

// wib is Jakarta time; Asia/Jakarta has had no daylight saving since 1964,
// so a fixed zone needs no time-zone database.
var wib = time.FixedZone("WIB", 7*60*60)

// Options tunes a population. The zero value is ready to use.
type Options struct {
	// Ref is "today" for ages, birth dates and KK registration dates. Only
	// its calendar date in Jakarta (WIB, UTC+7) counts, as in package nik,
	// so a UTC midnight and time.Now() both mean what they say. Pass the
	// "now" of the service under test, or registrants at the age bounds may
	// be judged differently. Zero means DefaultRef.
	Ref time.Time
	// BadPerMille is how many registrants per thousand send one bad attempt
	// before their valid one. 0 means DefaultBadPerMille; negative means none.
	BadPerMille int
	// DuplicatePerMille is how many registrants per thousand are preceded by
	// a duplicate of an earlier registration. 0 means
	// DefaultDuplicatePerMille; negative means none.
	DuplicatePerMille int
}

// normalize fills defaults and clamps shares, so every entry point works on
// the same settled values.
func (o Options) normalize() Options {
	if o.Ref.IsZero() {
		o.Ref = DefaultRef
	}
	y, m, d := o.Ref.In(wib).Date()
	o.Ref = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	o.BadPerMille = share(o.BadPerMille, DefaultBadPerMille)
	o.DuplicatePerMille = share(o.DuplicatePerMille, DefaultDuplicatePerMille)
	return o
}

func share(v, def int) int {
	switch {
	case v == 0:
		return def
	case v < 0:
		return 0
	case v > maxSharePerMille:
		return maxSharePerMille
	}
	return v
}
