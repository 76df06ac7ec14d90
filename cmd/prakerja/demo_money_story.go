package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/jobs"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/notify"
)

// demoStory walks the participants through the programme's months.
type demoStory struct {
	d       *demo
	m       *demoMoneyResult
	clock   *demoClock
	day0    time.Time
	parts   []prakerja.Participant
	market  *marketplace.Service
	runner  *jobs.Runner
	surveys *jobs.Service

	platforms map[int64]*prakerja.Platform
	providers map[int64]*prakerja.Provider
	courses   []*prakerja.Course

	mu     sync.Mutex
	bought map[int]*prakerja.Purchase // by participant index: the standing purchase

	payouts *demoPayouts
}

// run plays the months in order.
func (s *demoStory) run(ctx context.Context) error {
	if err := s.loadCatalogue(ctx); err != nil {
		return err
	}
	s.bought = map[int]*prakerja.Purchase{}
	var err error
	if s.payouts, err = newDemoPayouts(ctx, s); err != nil {
		return err
	}
	steps := []struct {
		day   int
		label string
		fn    func(ctx context.Context, i int) error
	}{
		{2, "buying training", s.buy},
		{9, "providers complete", s.complete},
		{10, "reviews", s.review},
		{11, "linking payout accounts", s.payouts.link},
		{12, "survey 1", s.survey(1)},
		{41, "survey 2", s.survey(2)},
		{71, "survey 3", s.survey(3)},
	}
	for _, st := range steps {
		now := s.clock.day(s.day0, st.day)
		if err := s.runJobs(ctx, now); err != nil {
			return err
		}
		p := startProgress(s.d.env.Stderr, fmt.Sprintf("day %d: %s", st.day, st.label), len(s.parts))
		err := s.d.parallel(ctx, len(s.parts), p, st.fn)
		p.Finish()
		if err != nil {
			return err
		}
	}
	for _, day := range []int{31, 42, 72, 102} { // deadline, then monthly unlocks and payouts
		if err := s.runJobs(ctx, s.clock.day(s.day0, day)); err != nil {
			return err
		}
		if day == 31 {
			continue
		}
		if err := s.payouts.month(ctx, s.clock.day(s.day0, day+3)); err != nil {
			return err
		}
	}
	end := s.d.app.scheme.ProgrammeEndsAt()
	s.clock.set(end)
	if err := s.runJobs(ctx, end); err != nil {
		return err
	}
	if err := s.payouts.finish(ctx); err != nil {
		return err
	}
	s.m.Payout = s.payouts.res
	return s.countRevoked(ctx)
}

// runJobs runs every job due at now.
func (s *demoStory) runJobs(ctx context.Context, now time.Time) error {
	sum, err := s.runner.RunDue(ctx, now)
	s.m.JobsDone += sum.Done
	s.m.JobsFailed += sum.Failed
	if err == nil && sum.Failed > 0 {
		err = fmt.Errorf("%d jobs failed at %s", sum.Failed, now.Format(time.RFC3339))
	}
	return err
}

func (s *demoStory) loadCatalogue(ctx context.Context) error {
	s.platforms, s.providers = map[int64]*prakerja.Platform{}, map[int64]*prakerja.Provider{}
	platforms, err := s.d.app.store.Platforms(ctx)
	if err != nil {
		return err
	}
	for _, p := range platforms {
		s.platforms[p.ID] = p
	}
	providers, err := s.d.app.store.Providers(ctx)
	if err != nil {
		return err
	}
	for _, p := range providers {
		s.providers[p.ID] = p
	}
	s.courses, err = s.d.app.store.Courses(ctx, prakerja.CourseFilter{OnlyActive: true,
		MaxPrice: s.d.app.scheme.TrainingBalance / 2})
	if err == nil && len(s.courses) == 0 {
		err = fmt.Errorf("the catalogue has no course a participant can afford twice")
	}
	return err
}

// buy has participant i buy a course through the card payment (SMS code
// read from the outbox, as the phone would); some then get a refund of
// the unused voucher and buy another.
func (s *demoStory) buy(ctx context.Context, i int) error {
	if demoPick(i, 1, demoNoPurchasePct) {
		return nil
	}
	p, err := s.purchase(ctx, i, 0)
	if err != nil {
		return err
	}
	if demoPick(i, 2, demoRefundPct) {
		if _, err := s.market.Refund(ctx, s.platforms[p.PlatformID], p.VoucherCode); err != nil {
			return fmt.Errorf("refund: %w", err)
		}
		if p, err = s.purchase(ctx, i, 1); err != nil {
			return err
		}
		s.mu.Lock()
		s.m.Refunded++
		s.mu.Unlock()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bought[i] = p
	s.m.Bought++
	return nil
}

// purchase charges participant i's card for a course and confirms it.
func (s *demoStory) purchase(ctx context.Context, i, attempt int) (*prakerja.Purchase, error) {
	part := s.parts[i]
	course := s.courses[(i*7+attempt*13)%len(s.courses)]
	platform := s.platforms[course.PlatformID]
	charge, err := s.market.Charge(ctx, platform, marketplace.ChargeInput{CardNumber: part.CardNumber,
		CourseID: course.ID, OrderID: fmt.Sprintf("DEMO-%d-%d", part.RegistrationID, attempt)})
	if err != nil {
		return nil, fmt.Errorf("charge: %w", err)
	}
	params, err := s.d.outboxParams(ctx, part.RegistrationID, notify.TemplatePurchaseOTP)
	if err != nil {
		return nil, err
	}
	p, err := s.market.Confirm(ctx, platform, charge.ID, params["code"])
	if err != nil {
		return nil, fmt.Errorf("confirm: %w", err)
	}
	return p, nil
}

// complete has the provider redeem and complete the voucher.
func (s *demoStory) complete(ctx context.Context, i int) error {
	p := s.standing(i)
	if p == nil || demoPick(i, 3, demoIncompletePct) {
		return nil
	}
	prov := s.providers[p.ProviderID]
	if _, err := s.market.Redeem(ctx, prov, p.VoucherCode); err != nil {
		return fmt.Errorf("redeem: %w", err)
	}
	if _, err := s.market.Complete(ctx, prov, p.VoucherCode); err != nil {
		return fmt.Errorf("complete: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m.Completed++
	return nil
}

// review has participant i rate the completed training.
func (s *demoStory) review(ctx context.Context, i int) error {
	p := s.standing(i)
	if p == nil || demoPick(i, 3, demoIncompletePct) {
		return nil
	}
	in := marketplace.ReviewInput{Stars: 3 + i%3, Text: "Materinya jelas dan bisa langsung dipraktikkan."}
	if _, err := s.market.Review(ctx, p.RegistrationID, p.ID, in); err != nil {
		return fmt.Errorf("review: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m.Reviewed++
	return nil
}

// survey answers survey n for most participants to whom it is open.
func (s *demoStory) survey(n int) func(ctx context.Context, i int) error {
	return func(ctx context.Context, i int) error {
		if s.standing(i) == nil || !demoPick(i, uint64(10+n), demoSurveyPct) {
			return nil
		}
		reg := s.parts[i].RegistrationID
		list, err := s.surveys.Surveys(ctx, reg, s.clock.Now())
		if err != nil || len(list) < n || list[n-1].State != jobs.SurveyOpen {
			return err
		}
		a := prakerja.SurveyAnswers{Employment: prakerja.SurveyEmploymentValues[i%len(prakerja.SurveyEmploymentValues)],
			Usefulness: 3 + i%3, IncomeChange: prakerja.SurveyIncomeChangeValues[i%len(prakerja.SurveyIncomeChangeValues)]}
		if err := s.surveys.SubmitSurvey(ctx, reg, n, a, s.clock.Now()); err != nil {
			return fmt.Errorf("survey %d: %w", n, err)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		s.m.SurveysAnswered++
		return nil
	}
}

func (s *demoStory) standing(i int) *prakerja.Purchase {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bought[i]
}

// countRevoked counts the wave's revoked cards.
func (s *demoStory) countRevoked(ctx context.Context) error {
	after := int64(0)
	for {
		page, err := s.d.app.store.WaveParticipants(ctx, s.d.res.Wave.ID, after, prakerja.ParticipantsPageMax)
		if err != nil {
			return err
		}
		for _, p := range page {
			if !p.RevokedAt.IsZero() {
				s.m.Revoked++
			}
		}
		if len(page) < prakerja.ParticipantsPageMax {
			return nil
		}
		after = page[len(page)-1].RegistrationID
	}
}
