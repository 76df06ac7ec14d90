package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// newDataRequest is an open request of kind made at T0 plus offset.
func newDataRequest(regID int64, kind prakerja.DataRequestKind, offset time.Duration) *prakerja.DataRequestRecord {
	at := T0.Add(offset)
	return &prakerja.DataRequestRecord{RegistrationID: regID, Kind: kind, State: prakerja.DataRequestOpen,
		Details: []byte("v1:ct:details"), CreatedAt: at, DueAt: at.Add(prakerja.DataRequestDeadline)}
}

// testDataRequests covers opening, one open request per kind, the queue by
// deadline, answering once, withdrawal stopping targeting and the audit
// records.
func testDataRequests(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	a := MustCreate(t, s, Unique()).Record.ID
	b := MustCreate(t, s, Unique()).Record.ID

	corr := newDataRequest(a, prakerja.DataCorrection, time.Hour)
	must(t, s.CreateDataRequest(ctx, corr, "registrant"))
	WantCode(t, s.CreateDataRequest(ctx, newDataRequest(a, prakerja.DataCorrection, 2*time.Hour), "registrant"), prakerja.CodeConflict)
	wd := newDataRequest(b, prakerja.DataWithdrawal, 0)
	must(t, s.CreateDataRequest(ctx, wd, "registrant"))
	access := newDataRequest(a, prakerja.DataAccess, 3*time.Hour)
	access.State, access.AnsweredAt, access.AnsweredBy, access.Details = prakerja.DataRequestAnswered, access.CreatedAt, "system", nil
	must(t, s.CreateDataRequest(ctx, access, "registrant"))

	t.Run("Refused", func(t *testing.T) {
		WantCode(t, s.CreateDataRequest(ctx, newDataRequest(999_999, prakerja.DataAccess, 0), "registrant"), prakerja.CodeNotFound)
		WantCode(t, s.CreateDataRequest(ctx, newDataRequest(a, "erase", 0), "registrant"), prakerja.CodeInvalid)
		answered := newDataRequest(a, prakerja.DataWithdrawal, 0)
		answered.State = prakerja.DataRequestAnswered
		WantCode(t, s.CreateDataRequest(ctx, answered, "registrant"), prakerja.CodeInvalid)
		_, err := s.DataRequest(ctx, 999_999)
		WantCode(t, err, prakerja.CodeNotFound)
	})
	t.Run("Read", func(t *testing.T) {
		got, err := s.DataRequest(ctx, corr.ID)
		must(t, err)
		diff(t, "request", got, corr)
		mine, err := s.DataRequestsOf(ctx, a)
		must(t, err)
		if len(mine) != 2 || mine[0].ID != access.ID || mine[1].ID != corr.ID {
			t.Fatalf("DataRequestsOf(a) = %v, want the download then the correction", mine)
		}
	})
	t.Run("Queue", func(t *testing.T) {
		q, err := s.DataRequestQueue(ctx, prakerja.DataRequestFilter{State: prakerja.DataRequestOpen})
		must(t, err)
		if len(q) != 2 || q[0].ID != wd.ID || q[1].ID != corr.ID {
			t.Fatalf("open queue = %v, want withdrawal (due first) then correction", q)
		}
		all, err := s.DataRequestQueue(ctx, prakerja.DataRequestFilter{Limit: 1, Offset: 2})
		must(t, err)
		if len(all) != 1 || all[0].ID != access.ID {
			t.Fatalf("third by deadline = %v, want the download", all)
		}
	})

	// b is a consenting targeted registrant until the withdrawal is answered.
	ids := mustTargetingFixture(t, s, []targetingPerson{{"31.71.01", prakerja.WorkLostJob, true, ""}})
	must(t, s.CreateDataRequest(ctx, newDataRequest(ids[0], prakerja.DataWithdrawal, 0), "registrant"))
	q, err := s.DataRequestsOf(ctx, ids[0])
	must(t, err)
	at := T0.Add(5 * time.Hour)
	t.Run("AnswerWithdrawal", func(t *testing.T) {
		got, err := s.AnswerDataRequest(ctx, q[0].ID, prakerja.DataRequestAnswer{State: prakerja.DataRequestAnswered,
			By: "support.a", Answer: []byte("v1:ct:answer"), At: at})
		must(t, err)
		if got.State != prakerja.DataRequestAnswered || !got.AnsweredAt.Equal(at) || got.AnsweredBy != "support.a" {
			t.Fatalf("answered = %+v", got)
		}
		r, err := s.Registration(ctx, ids[0])
		must(t, err)
		if !r.WithdrawnAt.Equal(at) {
			t.Fatalf("WithdrawnAt = %v, want %v", r.WithdrawnAt, at)
		}
		rows, err := s.TargetingIndividuals(ctx, prakerja.TargetingFilter{}, 0, 10)
		must(t, err)
		if len(rows) != 0 {
			t.Fatalf("withdrawn registrant still exported: %v", rows)
		}
		agg, err := s.TargetingAggregates(ctx, prakerja.TargetingFilter{Level: prakerja.TargetingProvince})
		must(t, err)
		for _, g := range agg {
			if g.LostJob != 0 {
				t.Fatalf("withdrawn registrant still counted: %+v", agg)
			}
		}
		_, err = s.AnswerDataRequest(ctx, q[0].ID, prakerja.DataRequestAnswer{State: prakerja.DataRequestRejected, By: "support.b", At: at})
		WantCode(t, err, prakerja.CodeConflict)
	})
	t.Run("Reject", func(t *testing.T) {
		got, err := s.AnswerDataRequest(ctx, wd.ID, prakerja.DataRequestAnswer{State: prakerja.DataRequestRejected, By: "support.a", At: at})
		must(t, err)
		if got.State != prakerja.DataRequestRejected {
			t.Fatalf("state %q", got.State)
		}
		r, err := s.Registration(ctx, b)
		must(t, err)
		if !r.WithdrawnAt.IsZero() {
			t.Fatal("a rejected withdrawal withdrew the registration")
		}
		for _, bad := range []prakerja.DataRequestAnswer{{State: prakerja.DataRequestOpen, By: "x", At: at},
			{State: prakerja.DataRequestAnswered, At: at}, {State: prakerja.DataRequestAnswered, By: "x"}} {
			_, err := s.AnswerDataRequest(ctx, corr.ID, bad)
			WantCode(t, err, prakerja.CodeInvalid)
		}
		_, err = s.AnswerDataRequest(ctx, 999_999, prakerja.DataRequestAnswer{State: prakerja.DataRequestAnswered, By: "x", At: at})
		WantCode(t, err, prakerja.CodeNotFound)
	})
	t.Run("Audited", func(t *testing.T) {
		entries, err := s.AuditEntries(ctx, 0, 100)
		must(t, err)
		counts := map[string]int{}
		for _, e := range entries {
			counts[e.Action]++
		}
		diff(t, "audit actions", counts, map[string]int{prakerja.AuditDataRequestOpened: 3,
			prakerja.AuditDataDownloaded: 1, prakerja.AuditDataRequestAnswered: 1, prakerja.AuditDataRequestRejected: 1})
	})
}

// withdraw opens and answers a withdrawal for regID.
func withdraw(t *testing.T, s prakerja.Store, regID int64) {
	t.Helper()
	ctx := context.Background()
	r := newDataRequest(regID, prakerja.DataWithdrawal, 0)
	must(t, s.CreateDataRequest(ctx, r, "registrant"))
	_, err := s.AnswerDataRequest(ctx, r.ID, prakerja.DataRequestAnswer{State: prakerja.DataRequestAnswered,
		By: "support.a", At: AfterClose})
	must(t, err)
}

// testWithdrawnSkipped checks that processing stops for a withdrawn
// registration: it joins no wave, is no selection applicant, and its unlocked slots are
// not due for payment, while its ledger postings stay.
func testWithdrawnSkipped(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("Selection", func(t *testing.T) {
		s := open(t)
		w, ids := committedWave(t, s, 3, 3)
		withdraw(t, s, ids[1])
		var got []int64
		must(t, s.SelectionApplicants(ctx, w.ID, func(a *prakerja.SelectionApplicant) error {
			got = append(got, a.RegistrationID)
			return nil
		}))
		diff(t, "applicants", got, []int64{ids[0], ids[2]})
	})
	t.Run("Join", func(t *testing.T) {
		s := open(t)
		w := mustWave(t, s, NewWave("Gelombang withdrawn"))
		rec := mustJoiner(t, s, "31.71.01")
		withdraw(t, s, rec.ID)
		_, _, err := s.JoinWave(ctx, w.ID, rec.ID, T0)
		WantCode(t, err, prakerja.CodeNotVerified)
	})
	t.Run("Payouts", func(t *testing.T) {
		s := open(t)
		e := newPayoutEnv(t, s, 3)
		before, err := s.DueSlots(ctx, AfterClose.Add(time.Hour), 0, 100)
		must(t, err)
		gone := e.lw.Participants[2]
		withdraw(t, s, gone)
		after, err := s.DueSlots(ctx, AfterClose.Add(time.Hour), 0, 100)
		must(t, err)
		if len(before) != 6 || len(after) != 4 {
			t.Fatalf("due slots %d before, %d after the withdrawal; want 6 and 4", len(before), len(after))
		}
		for _, d := range after {
			if d.RegistrationID == gone {
				t.Fatalf("withdrawn registration %d still due: %+v", gone, d)
			}
		}
	})
}
