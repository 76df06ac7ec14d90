package prakerja

import (
	"context"
	"fmt"
	"time"
)

// Scheduled programme work (unlocking incentives, the first-purchase
// deadline, forfeiting balances at the programme end) is kept as durable
// jobs: rows written in the same transaction as the event that schedules
// them, run when due by any node's runner on the injected clock, and safe
// to run twice because every effect they have is an idempotent ledger
// transfer or a conditional update.

// JobKind says what a job does.
type JobKind string

const (
	// JobUnlockIncentive unlocks incentive slot Slot of RegistrationID.
	// Scheduled when the first training is completed and reviewed.
	JobUnlockIncentive JobKind = "unlock_incentive"
	// JobUnlockSurvey unlocks survey incentive Slot of RegistrationID.
	JobUnlockSurvey JobKind = "unlock_survey"
	// JobPurchaseDeadline revokes RegistrationID's card when no training
	// was bought by DueAt. Scheduled when the wave is credited.
	JobPurchaseDeadline JobKind = "purchase_deadline"
	// JobProgrammeEnd forfeits the unspent training balances of WaveID.
	JobProgrammeEnd JobKind = "programme_end"
)

// Job limits.
const (
	JobKeyMax      = 100 // bytes
	JobBatchMax    = 10_000
	JobAttemptsMax = 20 // a job failing this often stops being retried and shows on the ops page
)

// Job is one durable piece of scheduled work. (Kind, Key) is unique, so
// scheduling the same work twice is a no-op.
type Job struct {
	ID             int64
	Kind           JobKind
	Key            string // unique per kind, e.g. JobKey(registration, slot)
	RegistrationID int64  // 0 when the job is about a wave
	WaveID         int64
	Slot           int // 1-based entitlement slot, 0 when unused
	DueAt          time.Time

	Attempts  int
	LastError string
	DoneAt    time.Time // zero while pending
	CreatedAt time.Time
}

// Job states, as JobCounts and the listing report them. They are derived
// from the row, never stored, so no state can disagree with the columns.
const (
	JobPending = "pending" // waiting for its due time or a free worker
	JobRunning = "running" // leased by a runner until its lease ends
	JobDone    = "done"
	JobFailed  = "failed" // failed JobAttemptsMax times; kept for the operator
)

// JobLeaseMax bounds a claim's lease: a handler that needs longer is a bug,
// and a long lease would hide a crashed runner's jobs for as long.
const JobLeaseMax = time.Hour

// JobKey is the key of a job about one entitlement slot of a registration.
// Kind and key together are unique, so scheduling one slot twice is a no-op.
func JobKey(registrationID int64, slot int) string {
	return fmt.Sprintf("r%d/s%d", registrationID, slot)
}

// WaveJobKey is the key of a job about a whole wave (programme_end).
func WaveJobKey(waveID int64) string { return fmt.Sprintf("w%d", waveID) }

// ClaimedJob is a job leased by one runner. Only the claim's Token can
// complete or fail it; a claim whose lease ran out is refused as stale.
type ClaimedJob struct {
	Job
	Token      int64
	LeaseUntil time.Time
}

// JobFilter selects jobs for a listing, newest first.
type JobFilter struct {
	Kind           JobKind // "" = any
	RegistrationID int64   // 0 = any
	WaveID         int64   // 0 = any
	Failed         bool    // only jobs failed for good (JobAttemptsMax attempts, not done)
	Limit          int     // capped at JobBatchMax
}

// JobCount is how many jobs of one kind are in one state.
type JobCount struct {
	Kind  JobKind `json:"kind"`
	State string  `json:"state"`
	Count int64   `json:"count"`
}

// JobSubject is what a job needs to know about a participant: the wave
// (whose scheme sets the amounts), whether the card was revoked, and the
// sealed NIK index and phone for the blacklist and the revocation SMS.
type JobSubject struct {
	RegistrationID int64
	WaveID         int64
	Scheme         string
	RevokedAt      time.Time // zero while the card stands
	NIKIndex       []byte
	Phone          Sealed // ciphertext only, for the outbox
}

// Revocation is a card revoked for a missed first-purchase deadline.
type Revocation struct {
	RegistrationID int64
	Reason         string // e.g. RevokeReasonFirstPurchase
	NIKIndex       []byte // blacklisted for every later wave of the programme
}

// RevokeReasonFirstPurchase is the reason stored when no training was
// bought by the first-purchase deadline.
const RevokeReasonFirstPurchase = "first_purchase_deadline"

// JobStore keeps durable jobs. Every write takes "now" from the caller.
type JobStore interface {
	// EnqueueJobs stores up to JobBatchMax jobs; a job whose (kind, key)
	// exists already is left as it is. Returns CodeInvalid.
	EnqueueJobs(ctx context.Context, jobs []Job, now time.Time) error
	// ClaimJobs leases up to limit (≤ JobBatchMax) jobs due at now that no
	// live lease holds and that have not failed for good, oldest due
	// first, until now+lease, counting an attempt on each. Two runners
	// never hold one job at once.
	ClaimJobs(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]ClaimedJob, error)
	// CompleteJob marks a claimed job done. Returns CodeConflict when the
	// token no longer holds the job (its lease ran out and it was taken).
	CompleteJob(ctx context.Context, id, token int64, now time.Time) error
	// FailJob records a failed run and when to try again. After
	// JobAttemptsMax attempts the job is failed for good and stays
	// listed. Returns CodeConflict like CompleteJob.
	FailJob(ctx context.Context, id, token int64, reason string, next time.Time) error
	// Jobs lists jobs, newest first.
	Jobs(ctx context.Context, f JobFilter) ([]*Job, error)
	// JobCounts counts jobs per kind and state at now.
	JobCounts(ctx context.Context, now time.Time) ([]JobCount, error)

	// JobSubject returns what jobs need about a participant. Returns
	// CodeNotFound for a registration without a card.
	JobSubject(ctx context.Context, registrationID int64) (*JobSubject, error)
	// RevokeParticipant marks the card revoked, blacklists the NIK and
	// queues msg (nil = none), in one transaction, once: it reports false
	// and writes nothing when the card was revoked already. It re-checks
	// in the same statement that no training purchase stands (bought and
	// not refunded) and returns CodeConflict when one does, so a purchase
	// made while the deadline job ran still keeps the card.
	RevokeParticipant(ctx context.Context, r Revocation, msg *Message, now time.Time) (bool, error)
	// WaveParticipantIDs pages through a wave's participants in
	// registration order: up to limit (≤ LedgerBatchMax) ids after after.
	WaveParticipantIDs(ctx context.Context, waveID, after int64, limit int) ([]int64, error)
}

// ExclusionRevoked is the category ScreenExclusions reports for a NIK on
// the programme's blacklist (a revoked card). It is no exclusion list an
// operator imports: eligibility turns it into applicant.revoked, which the
// schemes' revoked_before rule refuses in every later wave.
const ExclusionRevoked = "revoked"

// IncentiveJobs are the unlock_incentive jobs of a participant whose first
// training was completed and reviewed at first: slot 1 due then, slot n
// (n-1) × intervalDays later, so the monthly schedule is fixed the moment
// it starts and shows on the participant's page. count is the scheme's
// incentives.count (at most JobBatchMax).
func IncentiveJobs(registrationID, waveID int64, count, intervalDays int, first time.Time) []Job {
	count = min(max(count, 0), JobBatchMax)
	jobs := make([]Job, count)
	for i := range jobs {
		slot := i + 1
		jobs[i] = Job{Kind: JobUnlockIncentive, Key: JobKey(registrationID, slot), RegistrationID: registrationID,
			WaveID: waveID, Slot: slot, DueAt: first.AddDate(0, 0, i*intervalDays), CreatedAt: first}
	}
	return jobs
}

// SurveyJob is the unlock_survey job of survey slot, due at once.
func SurveyJob(registrationID, waveID int64, slot int, now time.Time) Job {
	return Job{Kind: JobUnlockSurvey, Key: JobKey(registrationID, slot), RegistrationID: registrationID,
		WaveID: waveID, Slot: slot, DueAt: now, CreatedAt: now}
}

// PurchaseDeadlineJob revokes registrationID's card at due unless a
// training was bought by then. Schedule it when the wave is credited, due
// first_purchase_deadline_days after the announcement.
func PurchaseDeadlineJob(registrationID, waveID int64, due, now time.Time) Job {
	return Job{Kind: JobPurchaseDeadline, Key: JobKey(registrationID, 0), RegistrationID: registrationID,
		WaveID: waveID, DueAt: due, CreatedAt: now}
}

// ProgrammeEndJob forfeits a wave's unspent training balances at due (the
// scheme's ProgrammeEndsAt).
func ProgrammeEndJob(waveID int64, due, now time.Time) Job {
	return Job{Kind: JobProgrammeEnd, Key: WaveJobKey(waveID), WaveID: waveID, DueAt: due, CreatedAt: now}
}
