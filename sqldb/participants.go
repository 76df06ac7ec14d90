package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/prakerja/prakerja"
)

// Participant returns a registration's card. Returns CodeNotFound.
func (s *Store) Participant(ctx context.Context, registrationID int64) (*prakerja.Participant, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var (
		p       prakerja.Participant
		created int64
	)
	err := s.reader.QueryRowContext(ctx, s.selq().participant, registrationID).Scan(&p.RegistrationID, &p.WaveID,
		&p.CardSeq, &p.CardNumber, &p.VANumber, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "Registration %d has no card.", registrationID)
	}
	if err != nil {
		return nil, fmt.Errorf("participant %d: %w", registrationID, err)
	}
	p.CreatedAt = timeOf(created)
	return &p, nil
}
