package prakerja

import (
	"context"
	"time"
)

// Statuses after the phone step. The pipeline moves a registration from
// phone_verified through the identity step and the eligibility step; each
// move is one durable transition recorded once (see StepResult).
const (
	StatusIdentityVerified RegistrationStatus = "identity_verified" // the population registry matched NIK, KK, name and birth date
	StatusIdentityFailed   RegistrationStatus = "identity_failed"   // not found or a field mismatched; Reasons say which
	StatusEligible         RegistrationStatus = "eligible"          // every eligibility rule of the scheme held
	StatusIneligible       RegistrationStatus = "ineligible"        // at least one rule failed; Reasons say which
	// StatusSelected is drawn in a wave's selection ("Lolos"): a participant
	// with a card. It leaves the eligible pool, so it cannot join another
	// wave, and it counts against the per-KK limit (ParticipantStatuses).
	StatusSelected RegistrationStatus = "selected"
)

// Statuses lists every registration status in funnel order, so that the
// backlog, the funnel and their translations cover them all.
func Statuses() []RegistrationStatus {
	return []RegistrationStatus{
		StatusRegistered, StatusEmailVerified, StatusPhoneVerified,
		StatusIdentityVerified, StatusIdentityFailed, StatusEligible, StatusIneligible,
		StatusSelected,
	}
}

// ParticipantStatuses are the statuses of registrants who are (or were)
// programme participants; the "at most N participants per KK" rule counts
// them. A selected registrant is one; later stages (training, revocation)
// add theirs.
var ParticipantStatuses = []RegistrationStatus{StatusSelected}

// Step is one stage of the verification pipeline. A step takes work from
// one status and leaves it in one of its outcome statuses.
type Step string

// Steps, in pipeline order.
const (
	// StepIdentity checks NIK, KK, name and birth date against the
	// population registry: phone_verified → identity_verified |
	// identity_failed.
	StepIdentity Step = "identity"
	// StepEligibility screens exclusion lists and evaluates the scheme's
	// rules: identity_verified → eligible | ineligible.
	StepEligibility Step = "eligibility"
)

// Steps lists the pipeline steps in order.
func Steps() []Step { return []Step{StepIdentity, StepEligibility} }

// From returns the status a step takes its work from.
func (s Step) From() RegistrationStatus {
	switch s {
	case StepIdentity:
		return StatusPhoneVerified
	case StepEligibility:
		return StatusIdentityVerified
	}
	return ""
}

// Outcomes returns the statuses a step may leave a registration in.
func (s Step) Outcomes() []RegistrationStatus {
	switch s {
	case StepIdentity:
		return []RegistrationStatus{StatusIdentityVerified, StatusIdentityFailed}
	case StepEligibility:
		return []RegistrationStatus{StatusEligible, StatusIneligible}
	}
	return nil
}

// Identity-step reason codes (the eligibility step's codes are the scheme's
// rule codes). They are stored with the registration and shown to the
// registrant, translated; never rename one.
const (
	ReasonIdentityNotFound          = "identity_not_found"           // the registry knows no such NIK
	ReasonIdentityKKMismatch        = "identity_kk_mismatch"         // the KK number differs from the registry's
	ReasonIdentityNameMismatch      = "identity_name_mismatch"       // the name differs from the registry's
	ReasonIdentityBirthDateMismatch = "identity_birth_date_mismatch" // the birth date differs from the registry's
	ReasonIdentityInvalid           = "identity_invalid"             // the registry refused the stored data as malformed
	// ReasonIdentityFactsMissing: the eligibility step found no registry
	// facts (citizenship, education) for a verified identity; the operator
	// reruns the identity step for these.
	ReasonIdentityFactsMissing = "identity_facts_missing"
)

// Pipeline limits.
const (
	// ClaimMax bounds one claim of work: one transaction's worth.
	ClaimMax = 5000
	// ReasonsMax bounds the reason codes kept per registration.
	ReasonsMax = 32
	// ReasonCodeMax bounds one reason code's length.
	ReasonCodeMax = 64
)

// WorkItem is one registration claimed for a step. Token identifies the
// claim: only the holder of the current claim can complete it, so a worker
// whose lease ran out (it stalled, or the process was killed) cannot
// overwrite the work of the worker that took over.
type WorkItem struct {
	Record *RegistrationRecord
	Token  int64
	// Attempts counts earlier claims of this registration for this step
	// that ended without a result (registry down, process killed).
	Attempts int
}

// StepResult is the outcome of a step for one claimed registration.
// Exactly one of Status and RetryAt is set: a new status (with Reasons when
// it is a failing one), or "try again at" when the step could not decide
// (the registry was unavailable).
type StepResult struct {
	RegistrationID int64
	Token          int64
	Status         RegistrationStatus
	Reasons        []string
	RetryAt        time.Time
	// Detail is a short non-personal note for auditors (e.g. "name_score=83");
	// at most 200 bytes.
	Detail string
	// Next, when set, is the following step's decision made in the same
	// batch: an identity_verified result may carry the eligibility
	// decision, so the registration ends in Next.Status and both steps are
	// recorded (each with its own StepRecord) in one write instead of a
	// second claim and completion.
	Next *StepDecision
}

// StepDecision is a decision of the step after the one completed (see
// StepResult.Next).
type StepDecision struct {
	Status  RegistrationStatus
	Reasons []string
	Detail  string
}

// Next returns the step after s, or "" for the last.
func (s Step) Next() Step {
	if s == StepIdentity {
		return StepEligibility
	}
	return ""
}

// RerunFilter chooses registrations to send back through a step when a
// registry, a list or a rule changed. At least one of Statuses or IDs must
// be given; an empty filter is refused so that nobody reruns everything by
// accident.
type RerunFilter struct {
	// Step is where the chosen registrations restart; they move to
	// Step.From().
	Step Step
	// Statuses limits the rerun to registrations now in one of these
	// statuses; they must be at or after Step.From() in the pipeline.
	Statuses []RegistrationStatus
	// Reason, when set, limits the rerun to registrations carrying this
	// reason code.
	Reason string
	// IDs, when set, limits the rerun to these registrations (at most
	// RerunIDsMax).
	IDs []int64
}

// RerunIDsMax bounds RerunFilter.IDs.
const RerunIDsMax = 100_000

// BacklogRow is one status in the backlog view.
type BacklogRow struct {
	Status RegistrationStatus `json:"status"`
	Count  int64              `json:"count"`
	// Oldest is how long the registration longest in this status has been
	// there; zero when Count is 0.
	Oldest time.Duration `json:"-"`
	// EnteredLastMinute counts registrations that entered this status in
	// the last full minute, and EnteredLastHour in the last 60 minutes.
	EnteredLastMinute int64 `json:"entered_last_minute"`
	EnteredLastHour   int64 `json:"entered_last_hour"`
}

// StepRecord is one decision of a pipeline step, kept for audit: which step
// moved which registration where, why and when. Round counts reruns: the
// first pass of a registration through a step is round 0.
type StepRecord struct {
	RegistrationID int64
	Step           Step
	Round          int
	Status         RegistrationStatus
	Reasons        []string
	Detail         string
	At             time.Time
}

// VerificationStore is the part of Store the verification pipeline uses.
type VerificationStore interface {
	// ClaimWork leases up to limit (≤ ClaimMax) registrations waiting in
	// step.From() whose retry time has come and that no live claim holds,
	// oldest in the status first, until now+lease. Each item gets a new
	// Token.
	ClaimWork(ctx context.Context, step Step, now time.Time, limit int, lease time.Duration) ([]WorkItem, error)
	// CompleteWork applies results and flags in one transaction. A result
	// whose token no longer holds the claim (the lease ran out and another
	// worker took it, or a rerun moved it) is skipped, and counted in
	// stale; so a step's effect is applied exactly once however often it
	// ran. Each applied status change records a StepRecord and counts
	// towards the backlog's throughput. Flags are inserted once: a flag
	// already stored for the same pair and reason is left as it is.
	CompleteWork(ctx context.Context, step Step, results []StepResult, flags []DuplicateFlag, now time.Time) (applied, stale int, err error)
	// Rerun sends the chosen registrations back to f.Step.From(), clearing
	// reasons and claims and starting a new round. It returns how many
	// moved.
	Rerun(ctx context.Context, f RerunFilter, now time.Time) (int64, error)
	// StepRecords lists the decisions about one registration, oldest first.
	StepRecords(ctx context.Context, registrationID int64) ([]StepRecord, error)
	// Backlog returns one row per status in Statuses() order.
	Backlog(ctx context.Context, now time.Time) ([]BacklogRow, error)
	// ReasonCounts counts registrations in status per reason code, for the
	// funnel's "why they fell out".
	ReasonCounts(ctx context.Context, status RegistrationStatus) (map[string]int64, error)
	// KKParticipants returns, per KK blind index (as a string key), how many
	// registrations in ParticipantStatuses share it. Indexes with none are
	// absent.
	KKParticipants(ctx context.Context, kkIndexes [][]byte) (map[string]int, error)
	// DedupPeople streams every registration past the identity step (and
	// those passing it now are added by the caller) as dedup input, in id
	// order, to fn; it stops at fn's first error.
	DedupPeople(ctx context.Context, fn func(DedupPerson) error) error
}

// DedupPerson is what duplicate detection reads of a registration: blind
// indexes and the name and birth date, never the clear NIK.
type DedupPerson struct {
	ID                                         int64
	NIKIndex, KKIndex, PhoneIndex, PayoutIndex []byte
	FullName                                   string
	BirthDate                                  string // YYYY-MM-DD
}
