package prakerja

import (
	"context"
	"time"
)

// JoinOutcome is what a wave's selection decided for one join.
type JoinOutcome string

const (
	OutcomeSelected    JoinOutcome = "selected"     // "Lolos"
	OutcomeNotSelected JoinOutcome = "not_selected" // "Tidak Lolos"; may join a later wave
)

// Selection limits. They bound a page of the applicant stream and one
// multi-row statement, and keep one transaction from growing without end.
const (
	SelectionApplicantsPageMax = 10_000     // joins read per query while freezing the snapshot
	SelectionJoinsMax          = 10_000_000 // joins one selection records (WaveQuotaMax-sized waves fit)
	SelectionDigestLen         = 64         // lowercase hex SHA-256
)

// WaveSelection is the selection state kept on a wave: the commitment
// published before the close and, once the draw is recorded, the revealed
// seed and the digests that identify the published artefacts.
type WaveSelection struct {
	WaveID         int64
	Commitment     string // lowercase hex SHA-256 of the seed; "" until committed
	CommittedAt    time.Time
	Seed           string // lowercase hex; "" until the draw is recorded
	SnapshotSHA256 string
	ManifestSHA256 string // identifies the publication; equal digests = same result
	SelectedAt     time.Time
}

// SelectionApplicant is one join as the snapshot is frozen: the facts the
// selection needs, blind indexes for the operator's keyed pseudonyms, and
// the sealed phone the announcement goes to. It never holds a NIK, KK or
// phone in clear.
type SelectionApplicant struct {
	RegistrationID int64
	Region         string // the join's region (Wave.RegionOf at join time)
	Status         RegistrationStatus
	Reasons        []string // of a failing status
	NIKIndex       []byte
	KKIndex        []byte
	Phone          Sealed // ciphertext only, copied into the outbox unopened
	// Outcome is "" before the draw is recorded. Afterwards a winner's
	// status is selected, and the outcome tells the snapshot it was
	// eligible when drawn, so a re-run rebuilds the same snapshot.
	Outcome JoinOutcome
}

// SelectionRecord is everything one draw writes, in one transaction.
type SelectionRecord struct {
	WaveID         int64
	Seed           string // revealed seed, lowercase hex; must hash to the commitment
	SnapshotSHA256 string
	ManifestSHA256 string
	// Selected are the winners' registration IDs in result order (rank);
	// their card sequence numbers follow that order. Every other join of
	// the wave is not selected.
	Selected []int64
	// Messages announce the outcome, one or more per join; their
	// RegistrationID must be set.
	Messages []Message
}

// Participant is a selected registrant's card: the 16-digit card number
// and the virtual account the scheme's money is credited to.
type Participant struct {
	RegistrationID int64
	WaveID         int64
	CardSeq        int64 // the issuer's sequence number; unique programme-wide
	CardNumber     string
	VANumber       string
	CreatedAt      time.Time // when the card was issued: the announcement
	// RevokedAt is set when the card was revoked (zero while active);
	// RevokedReason says why, e.g. first_purchase_deadline.
	RevokedAt     time.Time
	RevokedReason string
}

// ParticipantsPageMax bounds one page of a wave's participants.
const ParticipantsPageMax = 10_000

// CardIssuer numbers a card and its virtual account from a sequence
// number. The store allocates the sequence inside its transaction and the
// caller's issuer (package card) holds the key, so the root package needs
// neither the key nor the card layout.
type CardIssuer interface {
	Issue(seq int64) (cardNumber, va string, err error)
}

// SelectionStore keeps the commitment, the frozen applicant set and the
// recorded outcome of each wave's draw. Every method takes now from the
// caller.
type SelectionStore interface {
	// CommitSelection stores the commitment (64 lowercase hex digits) on a
	// wave. It is allowed once, and only before the wave closes by now, so
	// the seed is fixed before anyone knows who joined. Returns
	// CodeInvalid, CodeNotFound, CodeWaveClosed or CodeConflict (already
	// committed).
	CommitSelection(ctx context.Context, waveID int64, commitment string, now time.Time) error
	// WaveSelection returns a wave's selection state. Returns CodeNotFound.
	WaveSelection(ctx context.Context, waveID int64) (*WaveSelection, error)
	// SelectionApplicants calls fn for every join of a wave, ascending by
	// registration ID, reading SelectionApplicantsPageMax at a time; fn's
	// error stops the walk and is returned. Returns CodeNotFound.
	SelectionApplicants(ctx context.Context, waveID int64, fn func(*SelectionApplicant) error) error
	// RecordSelection writes a draw in one transaction: the wave's seed,
	// digests and selected_at; every join's outcome; winners move from
	// eligible to selected, each with a participant row carrying a card
	// from cards; and the messages. Recording the same draw again (same
	// manifest digest) changes nothing and returns created false. Returns
	// CodeInvalid, CodeNotFound or CodeConflict (no commitment, the wave
	// not closed by now, the seed not matching the commitment, another
	// draw already recorded, or a winner no longer eligible).
	RecordSelection(ctx context.Context, rec *SelectionRecord, cards CardIssuer, now time.Time) (created bool, err error)
	// Participant returns a registration's card. Returns CodeNotFound.
	Participant(ctx context.Context, registrationID int64) (*Participant, error)
	// WaveParticipants pages through a wave's participants ascending by
	// registration, from after afterRegistration, at most limit (capped
	// at ParticipantsPageMax).
	WaveParticipants(ctx context.Context, waveID, afterRegistration int64, limit int) ([]Participant, error)
}
