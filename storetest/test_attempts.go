package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testAttemptLimit is the fixtures' time limit, as in the built-in bank.
const testAttemptLimit = 30 * time.Minute

// NewTestAttempt returns attempt no of registration regID started at
// started, with a stand-in document (the store keeps it opaque).
func NewTestAttempt(regID int64, no int, started time.Time) *prakerja.TestAttempt {
	return &prakerja.TestAttempt{RegistrationID: regID, No: no, Bank: "dasar-2020", BankVersion: 1,
		Doc:       fmt.Appendf(nil, `{"no":%d,"items":[{"question_id":"num-01"}]}`, no),
		StartedAt: started.Truncate(time.Second), Deadline: started.Truncate(time.Second).Add(testAttemptLimit)}
}

// testTestAttempts covers start, read, list and finish, and that finishing
// writes the result joining reads.
func testTestAttempts(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	rec := mustRegistrant(t, s, prakerja.StatusEligible, "31.71.01")
	a := NewTestAttempt(rec.ID, 1, T0)
	must(t, s.StartTestAttempt(ctx, a, T0))
	got, err := s.TestAttempt(ctx, a.ID)
	must(t, err)
	diff(t, "attempt", got, a)
	WantCode(t, s.StartTestAttempt(ctx, NewTestAttempt(rec.ID, 2, T0), T0.Add(time.Minute)), prakerja.CodeTestInProgress)

	fin, err := s.FinishTestAttempt(ctx, a.ID, 55, false, T0.Add(10*time.Minute))
	must(t, err)
	if fin.FinishedAt.IsZero() || fin.Score != 55 || fin.Passed {
		t.Fatalf("finished = %+v, want score 55, not passed, finished", fin)
	}
	_, err = s.FinishTestAttempt(ctx, a.ID, 90, true, T0.Add(11*time.Minute))
	WantCode(t, err, prakerja.CodeTestSubmitted)
	res, err := s.TestResult(ctx, rec.ID)
	must(t, err)
	diff(t, "result after a fail", res, &prakerja.TestResult{RegistrationID: rec.ID, Score: 55, TakenAt: T0.Add(10 * time.Minute)})

	b := NewTestAttempt(rec.ID, 2, T0.Add(25*time.Hour))
	must(t, s.StartTestAttempt(ctx, b, T0.Add(25*time.Hour)))
	_, err = s.FinishTestAttempt(ctx, b.ID, 80, true, b.Deadline)
	must(t, err)
	res, err = s.TestResult(ctx, rec.ID)
	must(t, err)
	if res.PassedAt != b.Deadline {
		t.Fatalf("passed at %v, want %v (an answer at the deadline counts)", res.PassedAt, b.Deadline)
	}
	list, err := s.TestAttempts(ctx, rec.ID)
	must(t, err)
	if len(list) != 2 || list[0].No != 1 || list[1].No != 2 || !list[1].Passed {
		t.Fatalf("attempts = %+v, want 1 (failed) then 2 (passed)", list)
	}
}

// testTestAttemptRules covers the refusals: bad input, unknown ids, a
// taken attempt number, a late finish, and an expired attempt that no
// longer blocks the next.
func testTestAttemptRules(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	rec := mustRegistrant(t, s, prakerja.StatusEligible, "31.71.01")
	WantCode(t, s.StartTestAttempt(ctx, NewTestAttempt(1<<40, 1, T0), T0), prakerja.CodeNotFound)
	bad := NewTestAttempt(rec.ID, 0, T0)
	WantCode(t, s.StartTestAttempt(ctx, bad, T0), prakerja.CodeInvalid)
	_, err := s.TestAttempt(ctx, 1<<40)
	WantCode(t, err, prakerja.CodeNotFound)
	_, err = s.FinishTestAttempt(ctx, 1<<40, 50, false, T0)
	WantCode(t, err, prakerja.CodeNotFound)

	a := NewTestAttempt(rec.ID, 1, T0)
	must(t, s.StartTestAttempt(ctx, a, T0))
	_, err = s.FinishTestAttempt(ctx, a.ID, 101, true, T0)
	WantCode(t, err, prakerja.CodeInvalid)
	_, err = s.FinishTestAttempt(ctx, a.ID, 90, true, a.Deadline.Add(time.Microsecond))
	WantCode(t, err, prakerja.CodeTestDeadlinePassed)
	_, err = s.TestResult(ctx, rec.ID)
	WantCode(t, err, prakerja.CodeNotFound) // a refused finish records nothing

	after := a.Deadline.Add(time.Second)
	WantCode(t, s.StartTestAttempt(ctx, NewTestAttempt(rec.ID, 1, after), after), prakerja.CodeConflict)
	must(t, s.StartTestAttempt(ctx, NewTestAttempt(rec.ID, 2, after), after))
}

// testTestAttemptRace starts one attempt number from many goroutines:
// exactly one wins, the others are told the attempt is open or taken.
func testTestAttemptRace(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	rec := mustRegistrant(t, s, prakerja.StatusEligible, "31.71.01")
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		wins int
	)
	for range raceWorkers {
		wg.Go(func() {
			err := s.StartTestAttempt(ctx, NewTestAttempt(rec.ID, 1, T0), T0)
			mu.Lock()
			defer mu.Unlock()
			switch prakerja.ErrorCode(err) {
			case "":
				wins++
			case prakerja.CodeTestInProgress, prakerja.CodeConflict:
			default:
				t.Errorf("concurrent start: %v", err)
			}
		})
	}
	wg.Wait()
	if wins != 1 {
		t.Fatalf("%d concurrent starts won, want 1", wins)
	}
}
