package prakerja

import (
	"context"
	"time"
)

// Limits on a stored online-test attempt. The attempt document holds the
// drawn questions in both languages with their answer key; a bank at its
// limits (onlinetest.QuestionsPerAttemptMax questions of long texts) stays
// well under TestAttemptDocMax.
const (
	TestAttemptDocMax  = 1 << 20 // bytes of one attempt document
	TestAttemptsMax    = 10      // attempts of one registration (onlinetest.AttemptsMaxMax)
	TestBankNameMax    = 32      // bytes of a bank name (onlinetest.NameLengthMax)
	TestBankVersionMax = 1_000_000
)

// TestAttempt is one sitting of the online test as the server stores it.
// Doc is the onlinetest.Attempt as JSON, answer key included: it is read
// only by the server, which scores from it, so a bank edited later cannot
// change how a past attempt is scored. The root package keeps it opaque
// because the test's domain lives in package onlinetest.
type TestAttempt struct {
	ID             int64
	RegistrationID int64
	No             int // 1 for the first attempt
	Bank           string
	BankVersion    int
	Doc            []byte
	StartedAt      time.Time
	Deadline       time.Time // answers after this instant are refused
	FinishedAt     time.Time // zero until the answers are scored
	Score          int       // percent of the scored points, 0 to 100; set when finished
	Passed         bool
}

// Open reports whether answers may still be sent at now: not scored yet and
// the deadline not passed (an answer at the deadline's instant counts).
func (a *TestAttempt) Open(now time.Time) bool {
	return a.FinishedAt.IsZero() && !now.After(a.Deadline)
}

// TestAttemptStore keeps online-test attempts. The retake rule (waits,
// attempts allowed) is the service's, which reads TestAttempts first; the
// store only guarantees what concurrent requests could break: one attempt
// per number and one open attempt at a time.
type TestAttemptStore interface {
	// StartTestAttempt stores a new attempt, filling ID. Returns
	// CodeInvalid, CodeNotFound (no such registration), CodeTestInProgress
	// (another attempt is open at now) or CodeConflict (the attempt number
	// is taken, e.g. by a concurrent start).
	StartTestAttempt(ctx context.Context, a *TestAttempt, now time.Time) error
	// TestAttempt returns one attempt. Returns CodeNotFound.
	TestAttempt(ctx context.Context, id int64) (*TestAttempt, error)
	// TestAttempts lists a registration's attempts, first attempt first,
	// at most TestAttemptsMax.
	TestAttempts(ctx context.Context, registrationID int64) ([]TestAttempt, error)
	// FinishTestAttempt records the score of an open attempt and, in the
	// same transaction, the registration's test result that joining a wave
	// reads (as RecordTestResult does: a pass is never undone). Returns
	// CodeInvalid, CodeNotFound, CodeTestSubmitted (already scored) or
	// CodeTestDeadlinePassed (now is after the deadline).
	FinishTestAttempt(ctx context.Context, id int64, score int, passed bool, now time.Time) (*TestAttempt, error)
}
