package sqldb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// SeedSyntheticParticipants makes wave waveID drawn and gives it n
// selected participants with synthetic registrations, in multi-row
// inserts. It is for benchmarks and load tests of what comes after the
// selection (crediting, payouts), which need hundreds of thousands of
// participants in seconds rather than a registration drive: the
// registrations' personal data are placeholder bytes, not sealed values,
// so no key opens them and no message can be sent to them. Their cards
// come from cards, so a platform can charge them. It returns the new
// registration IDs.
func (s *Store) SeedSyntheticParticipants(ctx context.Context, waveID int64, n int, cards prakerja.CardIssuer, now time.Time) ([]int64, error) {
	var first, seq int64
	if err := s.writer.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) + 1 FROM registrations").Scan(&first); err != nil {
		return nil, fmt.Errorf("next registration: %w", err)
	}
	if err := s.writer.QueryRowContext(ctx, "SELECT COALESCE(MAX(card_seq), 0) + 1 FROM participants").Scan(&seq); err != nil {
		return nil, fmt.Errorf("next card: %w", err)
	}
	us := now.UnixMicro()
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = first + int64(i)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.execRows(ctx, tx, `INSERT INTO registrations (id, full_name, nik_ct, nik_idx, email_ct, email_idx,
			phone_ct, phone_idx, birth_date, sex, domicile_district, status, created_at, updated_at)`+s.dialect.overriding+` VALUES `, 14, n,
			func(i int, args []any) ([]any, error) {
				id := ids[i]
				return append(args, id, "Peserta Sintetis", placeholder("nik", id), placeholder("nik-idx", id),
					placeholder("email", id), placeholder("email-idx", id), placeholder("phone", id),
					placeholder("phone-idx", id), "1990-01-01", "F", "31.71.01", "selected", us, us), nil
			}); err != nil {
			return err
		}
		if err := s.execRows(ctx, tx, `INSERT INTO participants (registration_id, wave_id, card_seq, card_number,
			va_number, created_at) VALUES `, 6, n, func(i int, args []any) ([]any, error) {
			c := seq + int64(i)
			number, va, err := cards.Issue(c)
			return append(args, ids[i], waveID, c, number, va, us), err
		}); err != nil {
			return err
		}
		if s.dialect.resync != "" {
			if _, err := tx.ExecContext(ctx, s.dialect.resync); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, s.dialect.rebind("UPDATE waves SET selected_at = ? WHERE id = ?"), us, waveID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("seed synthetic participants: %w", err)
	}
	return ids, nil
}

// placeholder is 32 deterministic bytes standing for a personal-data
// column of a synthetic registration.
func placeholder(kind string, id int64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(id))
	h := sha256.Sum256(append([]byte(kind), b[:]...))
	return h[:]
}
