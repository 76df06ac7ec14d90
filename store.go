package prakerja

import (
	"context"
	"time"
)

// IndexField names a blind-indexed personal-data column.
type IndexField string

const (
	IndexNIK   IndexField = "nik"
	IndexEmail IndexField = "email"
	IndexPhone IndexField = "phone"
	IndexKK    IndexField = "kk"
)

// NewRegistration is everything a registration writes atomically: the
// account, the e-mail confirmation challenge and the welcome message that
// carries its link. Either all of it is stored or none.
type NewRegistration struct {
	Record    *RegistrationRecord
	Challenge *Challenge
	Message   *Message
}

// MessageFilter selects outbox messages, newest first.
type MessageFilter struct {
	RegistrationID int64  // 0 = any
	Template       string // "" = any
	Unsent         bool
	Limit          int // capped at MessagesPageMax
}

// MessagesPageMax bounds one outbox listing.
const MessagesPageMax = 1000

// FunnelCounts are registrations per status, for the demo and dashboards.
type FunnelCounts map[RegistrationStatus]int64

// Store is the persistence contract. Two implementations exist (SQLite and
// PostgreSQL) and both pass the one suite in storetest. Every method takes
// "now" from the caller, never from the wall clock, so tests can move time.
type Store interface {
	// CreateRegistration stores a new registration with its challenge and
	// message, filling in their IDs. Concurrent calls are committed together
	// (group commit) without relaxing durability: it returns only after the
	// transaction holding it is durable. Returns CodeNIKTaken, CodeEmailTaken
	// or CodePhoneTaken when a blind index is already used; of concurrent
	// calls with one NIK exactly one succeeds.
	CreateRegistration(ctx context.Context, nr *NewRegistration) error
	// Registration returns one registration. Returns CodeNotFound.
	Registration(ctx context.Context, id int64) (*RegistrationRecord, error)
	// RegistrationByIndex finds a registration by a unique blind index (NIK,
	// e-mail or phone). Returns CodeNotFound.
	RegistrationByIndex(ctx context.Context, field IndexField, index []byte) (*RegistrationRecord, error)
	// CountByKK returns how many registrations share a KK blind index.
	CountByKK(ctx context.Context, index []byte) (int64, error)
	// Funnel counts registrations per status.
	Funnel(ctx context.Context) (FunnelCounts, error)

	// CreateChallenge stores a challenge and, when msg is non-nil, the
	// message that delivers it, in one transaction.
	CreateChallenge(ctx context.Context, c *Challenge, msg *Message) error
	// LatestChallenge returns the newest challenge of a purpose for a
	// registration. Returns CodeNotFound.
	LatestChallenge(ctx context.Context, registrationID int64, purpose ChallengePurpose) (*Challenge, error)
	// CountChallengesSince counts challenges of a purpose made for a
	// registration at or after since (rate limiting resends).
	CountChallengesSince(ctx context.Context, registrationID int64, purpose ChallengePurpose, since time.Time) (int64, error)
	// ConsumeChallenge checks codeHash against challenge id in one
	// transaction: a wrong code counts an attempt; the right one marks it
	// used and applies its effect (e-mail or phone verified). Returns
	// CodeNotFound, CodeOTPExpired, CodeOTPUsed, CodeOTPExhausted or
	// CodeOTPInvalid.
	ConsumeChallenge(ctx context.Context, id int64, codeHash []byte, now time.Time) (*Challenge, error)
	// ConsumeLink is ConsumeChallenge for link secrets, found by their hash
	// instead of an id. Returns CodeNotFound, CodeOTPExpired or CodeOTPUsed.
	ConsumeLink(ctx context.Context, purpose ChallengePurpose, codeHash []byte, now time.Time) (*Challenge, error)

	// HitRateLimit adds one hit to key's fixed window starting at
	// windowStart and returns the hits in that window so far.
	HitRateLimit(ctx context.Context, key string, windowStart time.Time) (int64, error)

	// CreateSession stores a new session.
	CreateSession(ctx context.Context, s *Session) error
	// SessionByTokenHash returns a live session. Returns CodeUnauthorized
	// when it is unknown, expired or revoked.
	SessionByTokenHash(ctx context.Context, hash []byte, now time.Time) (*Session, error)
	// RevokeSession ends a session (logout). Revoking twice is not an error.
	RevokeSession(ctx context.Context, hash []byte, now time.Time) error

	// ClaimMessages leases up to limit unsent messages that are due, so that
	// no other sender (on any node) takes them until the lease ends.
	ClaimMessages(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]*Message, error)
	// MarkMessageSent records delivery.
	MarkMessageSent(ctx context.Context, id int64, now time.Time) error
	// MarkMessagesSent records the delivery of many messages in one
	// transaction, so a large backlog costs one commit per batch, not one
	// per message.
	MarkMessagesSent(ctx context.Context, ids []int64, now time.Time) error
	// MarkMessageFailed records a failed try and when to try again.
	MarkMessageFailed(ctx context.Context, id int64, reason string, next time.Time) error
	// MarkMessagesFailed records many failed tries in one transaction:
	// when a gateway is down a whole batch fails at once, and one commit
	// each would hold the single SQLite writer for all of them.
	MarkMessagesFailed(ctx context.Context, fails []MessageFailure) error
	// Messages lists outbox messages.
	Messages(ctx context.Context, f MessageFilter) ([]*Message, error)

	// BeginIdempotent claims key for a request with the given hash. It
	// returns nil when the caller should process the request, or the stored
	// record when the key was seen before (Status 0 = still in flight).
	// A pending claim older than pendingTTL is taken over.
	BeginIdempotent(ctx context.Context, key string, hash []byte, now time.Time, pendingTTL time.Duration) (*IdempotentResponse, error)
	// FinishIdempotent stores the response for a claimed key.
	FinishIdempotent(ctx context.Context, r *IdempotentResponse) error

	VerificationStore
	ExclusionStore
	NominationStore
	ReviewStore
	WaveStore
	SelectionStore
	TestAttemptStore
	JobStore
	SurveyStore
	LedgerStore
	MarketplaceStore
	PayoutStore
	AuditStore
	StaffStore
	TargetingStore
	DataRequestStore
	DashboardStore
	PartnerKeyStore
	PartnerPortalStore
	RegistrantViewStore
	ComplaintStore

	// SchemaVersion returns the applied and the latest known migration
	// versions.
	SchemaVersion(ctx context.Context) (current, latest int64, err error)
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Close releases the database.
	Close() error
}

// Clock tells the time. It is injected so waves, OTP expiry and ledger
// timestamps are deterministic in tests.
type Clock interface {
	Now() time.Time
}

// SystemClock is the wall clock, in UTC.
type SystemClock struct{}

// Now returns the current time in UTC.
func (SystemClock) Now() time.Time { return time.Now().UTC() }

// WIB is the programme's display time zone (Asia/Jakarta, UTC+7, no DST).
var WIB = time.FixedZone("WIB", 7*60*60)

// MessageFailure is one failed delivery try: its message, the reason (no
// personal data) and when to try again.
type MessageFailure struct {
	ID     int64
	Reason string
	Next   time.Time
}
