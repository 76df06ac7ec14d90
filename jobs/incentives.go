package jobs

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
)

// Incentive slot states, as the page shows them.
const (
	IncentiveWaiting   = "waiting"   // the first training is not finished and reviewed yet
	IncentiveScheduled = "scheduled" // an unlock job is due at DueAt
	IncentiveAvailable = "available" // unlocked, awaiting payout
	IncentiveRevoked   = "revoked"   // the card was revoked; nothing more is paid
)

// Incentive is one slot of a participant's incentive schedule.
type Incentive struct {
	Slot   int       `json:"number"`
	Amount int64     `json:"amount"` // whole rupiah
	State  string    `json:"state"`
	DueAt  time.Time `json:"due_at,omitzero"` // when scheduled
}

// Incentives returns the scheme's incentive slots for a participant with
// their state, read from the unlock jobs and the ledger. Returns
// CodeNotFound for a registration without a card.
func (s *Service) Incentives(ctx context.Context, registrationID int64) ([]Incentive, error) {
	p, err := s.load(ctx, registrationID)
	if err != nil {
		return nil, err
	}
	jobs, err := s.store.Jobs(ctx, prakerja.JobFilter{RegistrationID: registrationID,
		Kind: prakerja.JobUnlockIncentive, Limit: prakerja.SurveySlotMax})
	if err != nil {
		return nil, err
	}
	due := make(map[int]time.Time, len(jobs))
	for _, j := range jobs {
		due[j.Slot] = j.DueAt
	}
	unlocked, err := s.unlocked(ctx, registrationID, prakerja.TransferUnlockIncentive)
	if err != nil {
		return nil, err
	}
	count := min(p.scheme.Incentives.Count, prakerja.SurveySlotMax)
	out := make([]Incentive, count)
	for i := range out {
		slot := i + 1
		in := Incentive{Slot: slot, Amount: p.scheme.Incentives.Amount, State: IncentiveWaiting}
		at, scheduled := due[slot]
		switch {
		case unlocked[slot]:
			in.State = IncentiveAvailable
		case !p.subj.RevokedAt.IsZero():
			in.State = IncentiveRevoked
		case scheduled:
			in.State, in.DueAt = IncentiveScheduled, at
		}
		out[i] = in
	}
	return out, nil
}
