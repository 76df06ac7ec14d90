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
	p, err := scanParticipant(s.reader.QueryRowContext(ctx, s.selq().participant, registrationID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "Registration %d has no card.", registrationID)
	}
	if err != nil {
		return nil, fmt.Errorf("participant %d: %w", registrationID, err)
	}
	return p, nil
}

// WaveParticipants implements prakerja.SelectionStore.
func (s *Store) WaveParticipants(ctx context.Context, waveID, afterRegistration int64, limit int) ([]prakerja.Participant, error) {
	limit = min(max(limit, 1), prakerja.ParticipantsPageMax)
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.selq().waveParticipants, waveID, afterRegistration, limit)
	if err != nil {
		return nil, fmt.Errorf("wave %d participants: %w", waveID, err)
	}
	defer rows.Close()
	out := make([]prakerja.Participant, 0, limit)
	for rows.Next() {
		p, err := scanParticipant(rows)
		if err != nil {
			return nil, fmt.Errorf("scan participant: %w", err)
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

func scanParticipant(row interface{ Scan(...any) error }) (*prakerja.Participant, error) {
	var (
		p       prakerja.Participant
		created int64
		revoked sql.NullInt64
	)
	err := row.Scan(&p.RegistrationID, &p.WaveID, &p.CardSeq, &p.CardNumber, &p.VANumber, &created,
		&revoked, &p.RevokedReason)
	if err != nil {
		return nil, err
	}
	p.CreatedAt = timeOf(created)
	if revoked.Valid {
		p.RevokedAt = timeOf(revoked.Int64)
	}
	return &p, nil
}
