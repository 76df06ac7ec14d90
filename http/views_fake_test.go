package http

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/jobs"
)

// viewsFake answers the survey and incentive routes: survey 1 open,
// survey 2 waiting, and records the last answers it was sent.
type viewsFake struct {
	err  error // returned by every call when set
	sent prakerja.SurveyAnswers
}

var _ ProgrammeViews = (*viewsFake)(nil)

func (f *viewsFake) Surveys(_ context.Context, _ int64, now time.Time) ([]jobs.Survey, error) {
	if f.err != nil {
		return nil, f.err
	}
	closes := now.AddDate(0, 6, 0)
	return []jobs.Survey{{Slot: 1, State: jobs.SurveyOpen, Amount: 50_000, ClosesAt: closes},
		{Slot: 2, State: jobs.SurveyWaiting, Amount: 50_000, ClosesAt: closes}}, nil
}

func (f *viewsFake) SubmitSurvey(_ context.Context, _ int64, _ int, a prakerja.SurveyAnswers, _ time.Time) error {
	if f.err != nil {
		return f.err
	}
	if err := a.Validate(); err != nil {
		return err
	}
	f.sent = a
	return nil
}

func (f *viewsFake) Incentives(context.Context, int64) ([]jobs.Incentive, error) {
	if f.err != nil {
		return nil, f.err
	}
	return []jobs.Incentive{{Slot: 1, Amount: 600_000, State: jobs.IncentiveAvailable},
		{Slot: 2, Amount: 600_000, State: jobs.IncentiveScheduled, DueAt: testNow.AddDate(0, 1, 0)},
		{Slot: 3, Amount: 600_000, State: jobs.IncentiveWaiting}}, nil
}
