package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/jobs"
	"github.com/prakerja/prakerja/storetest"
)

// TestSurveys walks a participant through the surveys: closed to waiting
// until the first incentive unlocks, then one at a time, each answer
// unlocking its survey incentive through a job, whatever it says; after
// the programme end the rest are closed.
func TestSurveys(t *testing.T) {
	eachEngine(t, func(t *testing.T, open opener) {
		e := newEnvOn(t, open(t), 1)
		ctx := context.Background()
		id := e.ids[0]
		a := prakerja.SurveyAnswers{Employment: "unemployed", Usefulness: 2, IncomeChange: "down"}
		wantSurveys(t, e, id, T0, jobs.SurveyWaiting, jobs.SurveyWaiting, jobs.SurveyWaiting)
		storetest.WantCode(t, e.svc.SubmitSurvey(ctx, id, 1, a, T0), prakerja.CodeSurveyNotOpen)
		must(t, e.store.EnqueueJobs(ctx, prakerja.IncentiveJobs(id, e.wave.ID, 4, 30, T0), T0))
		e.runAt(t, T0)
		wantSurveys(t, e, id, T0, jobs.SurveyOpen, jobs.SurveyWaiting, jobs.SurveyWaiting)
		storetest.WantCode(t, e.svc.SubmitSurvey(ctx, id, 2, a, T0), prakerja.CodeSurveyNotOpen)
		storetest.WantCode(t, e.svc.SubmitSurvey(ctx, id, 1, prakerja.SurveyAnswers{}, T0), prakerja.CodeInvalid)
		storetest.WantCode(t, e.svc.SubmitSurvey(ctx, id, 4, a, T0), prakerja.CodeNotFound)
		must(t, e.svc.SubmitSurvey(ctx, id, 1, a, T0))
		storetest.WantCode(t, e.svc.SubmitSurvey(ctx, id, 1, a, T0), prakerja.CodeSurveyDone)
		wantSurveys(t, e, id, T0, jobs.SurveyDone, jobs.SurveyOpen, jobs.SurveyWaiting)
		e.runAt(t, T0)
		wantSurveys(t, e, id, T0, jobs.SurveyUnlocked, jobs.SurveyOpen, jobs.SurveyWaiting)
		if got := e.balances(t, id)[prakerja.AccountSurveyAvailable]; got != survey {
			t.Fatalf("survey available = %d, want %d", got, survey)
		}
		must(t, e.svc.SubmitSurvey(ctx, id, 2, a, T0))
		end := testScheme(t).ProgrammeEndsAt()
		wantSurveys(t, e, id, end, jobs.SurveyUnlocked, jobs.SurveyDone, jobs.SurveyClosed)
		storetest.WantCode(t, e.svc.SubmitSurvey(ctx, id, 3, a, end), prakerja.CodeSurveyClosed)
	})
}

func wantSurveys(t *testing.T, e *env, id int64, at time.Time, want ...string) {
	t.Helper()
	list, err := e.svc.Surveys(context.Background(), id, at)
	must(t, err)
	got := make([]string, len(list))
	for i, s := range list {
		got[i] = s.State
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("survey states (-want +got):\n%s", diff)
	}
}
