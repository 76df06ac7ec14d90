package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testCompleteWork covers applying results exactly once, stale tokens,
// retries, flags, and refusals that leave everything as it was.
func testCompleteWork(t *testing.T, open Opener) {
	ctx := context.Background()
	lease := time.Minute
	t.Run("ExactlyOnce", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		rec := MustCreateIn(t, s, prakerja.StatusPhoneVerified, []time.Time{T0})[0]
		items := mustClaim(t, s, prakerja.StepIdentity, T0, 1, lease)
		results := decide(items, prakerja.StatusIdentityVerified)
		results[0].Detail = "name_score=93"
		done := T0.Add(time.Second)
		mustComplete(t, s, prakerja.StepIdentity, results, nil, done, 1, 0)
		mustComplete(t, s, prakerja.StepIdentity, results, nil, done.Add(time.Second), 0, 1)
		want := *rec
		want.Status, want.StatusChangedAt, want.UpdatedAt = prakerja.StatusIdentityVerified, done, done
		diff(t, "registration", mustRecord(t, s, rec.ID), &want)
		got, err := s.StepRecords(ctx, rec.ID)
		must(t, err)
		diff(t, "step records", got, []prakerja.StepRecord{{RegistrationID: rec.ID, Step: prakerja.StepIdentity,
			Status: prakerja.StatusIdentityVerified, Detail: "name_score=93", At: done}})
	})
	t.Run("StaleAfterTakeOver", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		MustCreateIn(t, s, prakerja.StatusPhoneVerified, []time.Time{T0})
		stalled := mustClaim(t, s, prakerja.StepIdentity, T0, 1, lease)
		fresh := mustClaim(t, s, prakerja.StepIdentity, T0.Add(2*lease), 1, lease)
		failed := decide(stalled, prakerja.StatusIdentityFailed, prakerja.ReasonIdentityNotFound)
		mustComplete(t, s, prakerja.StepIdentity, failed, nil, T0.Add(2*lease), 0, 1)
		mustComplete(t, s, prakerja.StepIdentity, decide(fresh, prakerja.StatusIdentityVerified), nil, T0.Add(2*lease), 1, 0)
		if r := mustRecord(t, s, fresh[0].Record.ID); r.Status != prakerja.StatusIdentityVerified {
			t.Fatalf("status = %s, want the fresh claim's %s", r.Status, prakerja.StatusIdentityVerified)
		}
	})
	t.Run("FailingKeepsReasons", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		rec := MustCreateIn(t, s, prakerja.StatusPhoneVerified, []time.Time{T0})[0]
		items := mustClaim(t, s, prakerja.StepIdentity, T0, 1, lease)
		reasons := []string{prakerja.ReasonIdentityKKMismatch, prakerja.ReasonIdentityNameMismatch}
		mustComplete(t, s, prakerja.StepIdentity, decide(items, prakerja.StatusIdentityFailed, reasons...), nil, T0, 1, 0)
		diff(t, "reasons", mustRecord(t, s, rec.ID).Reasons, reasons)
	})
	t.Run("Chained", func(t *testing.T) { t.Parallel(); testCompleteChained(t, open(t)) })
	t.Run("RetryAt", func(t *testing.T) { t.Parallel(); testRetryAt(t, open(t)) })
	t.Run("Flags", func(t *testing.T) { t.Parallel(); testCompleteFlags(t, open(t)) })
	t.Run("ErrInvalid", func(t *testing.T) { t.Parallel(); testCompleteInvalid(t, open(t)) })
}

// testRetryAt: a result that could not decide releases its claim until its
// retry time; it is neither applied nor stale, and records nothing.
func testRetryAt(t *testing.T, s prakerja.Store) {
	rec := MustCreateIn(t, s, prakerja.StatusPhoneVerified, []time.Time{T0})[0]
	items := mustClaim(t, s, prakerja.StepIdentity, T0, 1, time.Minute)
	retry := []prakerja.StepResult{{RegistrationID: rec.ID, Token: items[0].Token, RetryAt: T0.Add(10 * time.Minute)}}
	mustComplete(t, s, prakerja.StepIdentity, retry, nil, T0.Add(time.Second), 0, 0)
	if n := len(mustClaim(t, s, prakerja.StepIdentity, T0.Add(5*time.Minute), 5, time.Minute)); n != 0 {
		t.Fatalf("claimed %d before the retry time, want 0", n)
	}
	again := mustClaim(t, s, prakerja.StepIdentity, T0.Add(10*time.Minute), 5, time.Minute)
	if len(again) != 1 || again[0].Attempts != 1 {
		t.Fatalf("at the retry time claimed %d items, attempts %v; want 1 item, 1 attempt", len(again), again)
	}
	if got := mustRecord(t, s, rec.ID); got.Status != prakerja.StatusPhoneVerified {
		t.Fatalf("status = %s after a retry, want %s", got.Status, prakerja.StatusPhoneVerified)
	}
	recs, err := s.StepRecords(context.Background(), rec.ID)
	must(t, err)
	if len(recs) != 0 {
		t.Fatalf("%d step records after a retry, want 0", len(recs))
	}
}

// testCompleteFlags: a flag stored twice (in one call and across calls)
// is kept once, as first stored.
func testCompleteFlags(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	recs := MustCreateIn(t, s, prakerja.StatusIdentityVerified, times(3, T0, time.Second))
	flag := prakerja.DuplicateFlag{A: recs[0].ID, B: recs[1].ID, Reason: "name_birth_date", Score: 80}
	other := prakerja.DuplicateFlag{A: recs[0].ID, B: recs[2].ID, Reason: "phone_shared", Score: 60}
	mustComplete(t, s, prakerja.StepEligibility, nil, []prakerja.DuplicateFlag{flag, other, flag}, T0, 0, 0)
	flag.Score = 99
	mustComplete(t, s, prakerja.StepEligibility, nil, []prakerja.DuplicateFlag{flag}, T0.Add(time.Hour), 0, 0)
	got, err := s.DuplicateFlags(ctx, prakerja.FlagFilter{})
	must(t, err)
	if len(got) != 2 || got[0].Score != 80 || !got[0].CreatedAt.Equal(T0) || got[0].Status != prakerja.FlagOpen {
		t.Fatalf("flags = %+v; want 2, the first as first stored (score 80, open, at T0)", got)
	}
}

// testCompleteInvalid sends one bad result or flag beside a good one and
// checks the whole call is refused and nothing changed: the claim still
// completes afterwards.
func testCompleteInvalid(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	recs := MustCreateIn(t, s, prakerja.StatusPhoneVerified, times(2, T0, time.Second))
	items := mustClaim(t, s, prakerja.StepIdentity, T0, 2, time.Hour)
	good := decide(items[:1], prakerja.StatusIdentityVerified)[0]
	base := decide(items[1:], prakerja.StatusIdentityFailed, prakerja.ReasonIdentityNotFound)[0]
	tooMany := make([]string, prakerja.ReasonsMax+1)
	for i := range tooMany {
		tooMany[i] = "r"
	}
	tests := []struct {
		name   string
		step   prakerja.Step
		change func(r *prakerja.StepResult)
		flag   *prakerja.DuplicateFlag
	}{
		{"UnknownStep", "selection", func(*prakerja.StepResult) {}, nil},
		{"NotAnOutcome", prakerja.StepIdentity, func(r *prakerja.StepResult) { r.Status = prakerja.StatusEligible }, nil},
		{"FailingWithoutReason", prakerja.StepIdentity, func(r *prakerja.StepResult) { r.Reasons = nil }, nil},
		{"ReasonsOnPass", prakerja.StepIdentity, func(r *prakerja.StepResult) { r.Status = prakerja.StatusIdentityVerified }, nil},
		{"TooManyReasons", prakerja.StepIdentity, func(r *prakerja.StepResult) { r.Reasons = tooMany }, nil},
		{"ReasonTooLong", prakerja.StepIdentity, func(r *prakerja.StepResult) { r.Reasons = []string{strings.Repeat("x", prakerja.ReasonCodeMax+1)} }, nil},
		{"EmptyReason", prakerja.StepIdentity, func(r *prakerja.StepResult) { r.Reasons = []string{""} }, nil},
		{"DetailTooLong", prakerja.StepIdentity, func(r *prakerja.StepResult) { r.Detail = strings.Repeat("d", 201) }, nil},
		{"StatusAndRetry", prakerja.StepIdentity, func(r *prakerja.StepResult) { r.RetryAt = T0.Add(time.Hour) }, nil},
		{"NeitherStatusNorRetry", prakerja.StepIdentity, func(r *prakerja.StepResult) { r.Status, r.Reasons = "", nil }, nil},
		{"TwoResultsForOne", prakerja.StepIdentity, func(r *prakerja.StepResult) { r.RegistrationID = good.RegistrationID }, nil},
		{"NextOnFailure", prakerja.StepIdentity, func(r *prakerja.StepResult) { r.Next = &prakerja.StepDecision{Status: prakerja.StatusEligible} }, nil},
		{"NextNotAnOutcome", prakerja.StepIdentity, func(r *prakerja.StepResult) {
			r.Status, r.Reasons, r.Next = prakerja.StatusIdentityVerified, nil, &prakerja.StepDecision{Status: prakerja.StatusIdentityFailed, Reasons: []string{"x"}}
		}, nil},
		{"NextFailingWithoutReason", prakerja.StepIdentity, func(r *prakerja.StepResult) {
			r.Status, r.Reasons, r.Next = prakerja.StatusIdentityVerified, nil, &prakerja.StepDecision{Status: prakerja.StatusIneligible}
		}, nil},
		{"NextAfterLastStep", prakerja.StepEligibility, func(r *prakerja.StepResult) {
			r.Status, r.Reasons, r.Next = prakerja.StatusEligible, nil, &prakerja.StepDecision{Status: prakerja.StatusEligible}
		}, nil},
		{"FlagSamePair", prakerja.StepIdentity, func(*prakerja.StepResult) {}, &prakerja.DuplicateFlag{A: recs[0].ID, B: recs[0].ID, Reason: "x", Score: 1}},
		{"FlagScore", prakerja.StepIdentity, func(*prakerja.StepResult) {}, &prakerja.DuplicateFlag{A: recs[0].ID, B: recs[1].ID, Reason: "x", Score: 101}},
		{"FlagNoReason", prakerja.StepIdentity, func(*prakerja.StepResult) {}, &prakerja.DuplicateFlag{A: recs[0].ID, B: recs[1].ID, Score: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := base
			tt.change(&bad)
			var flags []prakerja.DuplicateFlag
			if tt.flag != nil {
				flags = append(flags, *tt.flag)
			}
			_, _, err := s.CompleteWork(ctx, tt.step, []prakerja.StepResult{good, bad}, flags, T0.Add(time.Minute))
			WantCode(t, err, prakerja.CodeInvalid)
			for _, r := range recs {
				if got := mustRecord(t, s, r.ID); got.Status != prakerja.StatusPhoneVerified {
					t.Fatalf("registration %d moved to %s by a refused call", r.ID, got.Status)
				}
			}
		})
	}
	mustComplete(t, s, prakerja.StepIdentity, []prakerja.StepResult{good, base}, nil, T0.Add(time.Minute), 2, 0)
	flags, err := s.DuplicateFlags(ctx, prakerja.FlagFilter{})
	must(t, err)
	if len(flags) != 0 {
		t.Fatalf("%d flags stored by refused calls, want 0", len(flags))
	}
}
