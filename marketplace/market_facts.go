package marketplace

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
)

// chargeFacts is what a charge decides on about the card.
type chargeFacts struct {
	holder     *prakerja.CardHolder
	unreviewed int64 // completed trainings without a review
	available  int64 // training balance
	codesSince int64 // purchase codes in the rate-limit hour
}

// chargeFactsReader reads chargeFacts in one statement; *sqldb.Store is
// one. Every charge needs all four facts, and on SQLite each separate read
// costs a pool round trip and a statement of its own.
type chargeFactsReader interface {
	ChargeFacts(ctx context.Context, cardNumber string, since time.Time) (holder *prakerja.CardHolder,
		unreviewed, available, codesSince int64, err error)
}

// chargeFacts reads the card's facts, at once when the store can. Returns
// CodeCardUnknown.
func (s *Service) chargeFacts(ctx context.Context, cardNumber string, since time.Time) (*chargeFacts, error) {
	if r, ok := s.store.(chargeFactsReader); ok {
		h, unreviewed, available, codes, err := r.ChargeFacts(ctx, cardNumber, since)
		if err != nil {
			return nil, err
		}
		return &chargeFacts{holder: h, unreviewed: unreviewed, available: available, codesSince: codes}, nil
	}
	return s.chargeFactsApart(ctx, cardNumber, since)
}

// chargeFactsApart reads the facts one query each, for stores without
// ChargeFacts.
func (s *Service) chargeFactsApart(ctx context.Context, cardNumber string, since time.Time) (*chargeFacts, error) {
	h, err := s.store.CardHolder(ctx, cardNumber)
	if err != nil {
		return nil, err
	}
	f := &chargeFacts{holder: h}
	if f.unreviewed, err = s.store.UnreviewedCompletions(ctx, h.RegistrationID); err != nil {
		return nil, err
	}
	if f.available, err = s.Balance(ctx, h.RegistrationID); err != nil {
		return nil, err
	}
	if f.codesSince, err = s.store.CountChallengesSince(ctx, h.RegistrationID, prakerja.PurposePurchase, since); err != nil {
		return nil, err
	}
	return f, nil
}
