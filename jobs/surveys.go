package jobs

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
)

// Survey states, as the API and the page show them.
const (
	SurveyWaiting  = "waiting"  // the training (or the survey before) is not done yet
	SurveyOpen     = "open"     // may be answered now
	SurveyDone     = "done"     // answered; its incentive is being unlocked
	SurveyUnlocked = "unlocked" // answered and its incentive unlocked
	SurveyClosed   = "closed"   // not answered, and the programme has ended or the card was revoked
)

// Survey is one survey of a participant with its state.
type Survey struct {
	Slot        int       `json:"number"`
	State       string    `json:"state"`
	Amount      int64     `json:"amount"` // the survey incentive, whole rupiah
	SubmittedAt time.Time `json:"submitted_at,omitzero"`
	ClosesAt    time.Time `json:"closes_at"`
}

// Surveys returns the scheme's surveys for a participant with their state
// at now. Survey 1 opens once incentive slot 1 was unlocked (the first
// training finished and reviewed), survey n after survey n-1 was
// answered; all close at the programme end. Returns CodeNotFound for a
// registration without a card.
func (s *Service) Surveys(ctx context.Context, registrationID int64, now time.Time) ([]Survey, error) {
	p, err := s.load(ctx, registrationID)
	if err != nil {
		return nil, err
	}
	responses, err := s.store.SurveyResponses(ctx, registrationID)
	if err != nil {
		return nil, err
	}
	answered := make(map[int]time.Time, len(responses))
	for _, r := range responses {
		answered[r.Slot] = r.SubmittedAt
	}
	incentives, err := s.unlocked(ctx, registrationID, prakerja.TransferUnlockIncentive)
	if err != nil {
		return nil, err
	}
	surveys, err := s.unlocked(ctx, registrationID, prakerja.TransferUnlockSurvey)
	if err != nil {
		return nil, err
	}
	count := min(p.scheme.Surveys.Count, prakerja.SurveySlotMax)
	out := make([]Survey, count)
	for i := range out {
		slot := i + 1
		sv := Survey{Slot: slot, Amount: p.scheme.Surveys.Amount, ClosesAt: p.scheme.ProgrammeEndsAt()}
		at, done := answered[slot]
		_, prevDone := answered[slot-1]
		switch {
		case done && surveys[slot]:
			sv.State, sv.SubmittedAt = SurveyUnlocked, at
		case done:
			sv.State, sv.SubmittedAt = SurveyDone, at
		case p.closed(now):
			sv.State = SurveyClosed
		case (slot == 1 && incentives[1]) || (slot > 1 && prevDone):
			sv.State = SurveyOpen
		default:
			sv.State = SurveyWaiting
		}
		out[i] = sv
	}
	return out, nil
}

// SubmitSurvey stores the answers to survey slot and, in the same
// transaction, the job that unlocks its incentive, due at once. Returns
// CodeNotFound (no card or no such survey), CodeSurveyNotOpen,
// CodeSurveyClosed, CodeSurveyDone or CodeInvalid.
func (s *Service) SubmitSurvey(ctx context.Context, registrationID int64, slot int, a prakerja.SurveyAnswers, now time.Time) error {
	list, err := s.Surveys(ctx, registrationID, now)
	if err != nil {
		return err
	}
	if slot < 1 || slot > len(list) {
		return prakerja.Errorf(prakerja.CodeNotFound, "There is no survey %d.", slot)
	}
	switch list[slot-1].State {
	case SurveyDone, SurveyUnlocked:
		return prakerja.Errorf(prakerja.CodeSurveyDone, "Survey %d was answered already.", slot)
	case SurveyClosed:
		return prakerja.Errorf(prakerja.CodeSurveyClosed, "Survey %d is closed.", slot)
	case SurveyWaiting:
		return prakerja.Errorf(prakerja.CodeSurveyNotOpen, "Survey %d is not open yet.", slot)
	}
	if err := a.Validate(); err != nil {
		return err
	}
	subj, err := s.store.JobSubject(ctx, registrationID)
	if err != nil {
		return err
	}
	r := &prakerja.SurveyResponse{RegistrationID: registrationID, Slot: slot, Answers: a}
	return s.store.SubmitSurvey(ctx, r, prakerja.SurveyJob(registrationID, subj.WaveID, slot, now), now)
}
