package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// Service answers a participant's own questions about scheduled money and
// surveys: the incentive schedule and the surveys with their state, and it
// takes survey answers. It reads the jobs and the ledger, never the
// marketplace: the first training counts as finished once incentive slot
// 1 has been unlocked.
type Service struct {
	store   Store
	schemes *schemes
}

// NewService builds a Service; own is the server's scheme (nil = built-ins
// only).
func NewService(store Store, own *scheme.Scheme) *Service {
	return &Service{store: store, schemes: newSchemes(own)}
}

// participant is what the service reads about a participant once per call.
type participant struct {
	subj   *prakerja.JobSubject
	scheme *scheme.Scheme
}

// load returns a participant's subject and scheme. Returns CodeNotFound
// for a registration without a card.
func (s *Service) load(ctx context.Context, registrationID int64) (*participant, error) {
	subj, err := s.store.JobSubject(ctx, registrationID)
	if err != nil {
		return nil, err
	}
	sch, err := s.schemes.get(subj.Scheme)
	if err != nil {
		return nil, err
	}
	return &participant{subj: subj, scheme: sch}, nil
}

// unlocked returns the slots of code already unlocked for a participant,
// read from the available account's history in one call.
func (s *Service) unlocked(ctx context.Context, registrationID int64, code prakerja.TransferCode) (map[int]bool, error) {
	account := prakerja.AccountIncentiveAvailable
	if code == prakerja.TransferUnlockSurvey {
		account = prakerja.AccountSurveyAvailable
	}
	ts, err := s.store.LedgerTransfers(ctx, prakerja.TransferFilter{
		Account: prakerja.ParticipantAccountID(registrationID, account), Code: code, Limit: prakerja.LedgerPageMax})
	if err != nil {
		return nil, fmt.Errorf("unlocked %s: %w", code, err)
	}
	out := map[int]bool{}
	for slot := 1; slot <= prakerja.SurveySlotMax; slot++ {
		id := prakerja.UnlockID(registrationID, code, slot)
		for _, t := range ts {
			if t.ID == id {
				out[slot] = true
			}
		}
	}
	return out, nil
}

// closed reports whether the programme has ended at now or the card was
// revoked: surveys close then.
func (p *participant) closed(now time.Time) bool {
	return !p.subj.RevokedAt.IsZero() || !now.Before(p.scheme.ProgrammeEndsAt())
}
