package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testSurveys checks that a survey is answered once, that the answer and
// its unlock job are stored together, and that bad answers store nothing.
func testSurveys(t *testing.T, open Opener) {
	s, ctx := open(t), context.Background()
	_, ids := MustParticipants(t, s, 1)
	id := ids[0]
	answers := prakerja.SurveyAnswers{Employment: "employed", Usefulness: 4, IncomeChange: "up"}
	unlock := job(prakerja.JobUnlockSurvey, id, 1)
	r := &prakerja.SurveyResponse{RegistrationID: id, Slot: 1, Answers: answers}
	must(t, s.SubmitSurvey(ctx, r, unlock, T0))
	again := &prakerja.SurveyResponse{RegistrationID: id, Slot: 1, Answers: answers}
	WantCode(t, s.SubmitSurvey(ctx, again, unlock, T0.Add(time.Minute)), prakerja.CodeSurveyDone)
	bad := &prakerja.SurveyResponse{RegistrationID: id, Slot: 2, Answers: prakerja.SurveyAnswers{Usefulness: 9}}
	WantCode(t, s.SubmitSurvey(ctx, bad, job(prakerja.JobUnlockSurvey, id, 2), T0), prakerja.CodeInvalid)
	got, err := s.SurveyResponses(ctx, id)
	must(t, err)
	diff(t, "responses", got, []prakerja.SurveyResponse{{RegistrationID: id, Slot: 1, Answers: answers, SubmittedAt: T0}})
	jobs, err := s.Jobs(ctx, prakerja.JobFilter{RegistrationID: id, Kind: prakerja.JobUnlockSurvey})
	must(t, err)
	if len(jobs) != 1 || jobs[0].Slot != 1 {
		t.Fatalf("unlock jobs = %+v, want slot 1 only", jobs)
	}
}
