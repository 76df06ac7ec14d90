package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// EligiblePageMax bounds the registrations one EligiblePage reads.
const EligiblePageMax = 50_000

// EligiblePage reads the next limit registrations with an id above
// afterID, by id, and returns the eligible ones with their domicile
// districts, and next, the last id read (0 when none was left): the
// full-scale demo pages through millions of them without holding them
// all. It walks the primary key, not the status index, whose order
// (status, status_changed_at, id) would make every page sort all the
// eligible.
func (s *Store) EligiblePage(ctx context.Context, afterID int64, limit int) (ids []int64, districts []string, next int64, err error) {
	if limit < 1 || limit > EligiblePageMax {
		return nil, nil, 0, fmt.Errorf("eligible page: limit %d out of 1..%d", limit, EligiblePageMax)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.dialect.rebind(`SELECT id, domicile_district, status FROM registrations
		WHERE id > ? ORDER BY id LIMIT ?`), afterID, limit)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("eligible page: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var district, status string
		if err := rows.Scan(&next, &district, &status); err != nil {
			return nil, nil, 0, fmt.Errorf("eligible page: %w", err)
		}
		if status == string(prakerja.StatusEligible) {
			ids, districts = append(ids, next), append(districts, district)
		}
	}
	return ids, districts, next, rows.Err()
}

// BulkJoinWave records a passed online test with score and a join of wave
// waveID at now for each of ids, in region regions[i], in one transaction
// of multi-row inserts: the state POST /api/v1/tests, its answers and
// POST /api/v1/waves/{id}/joins leave, for the full-scale demo. The
// wave must be open at now; the caller passes eligible registrations (from
// EligiblePage) with the region the wave gives their district. A
// registration already joined keeps its join.
func (s *Store) BulkJoinWave(ctx context.Context, waveID int64, ids []int64, regions []string, score int, now time.Time) error {
	if len(ids) > BulkRegistrationsMax || len(regions) != len(ids) {
		return fmt.Errorf("bulk join wave: %d joins and %d regions, at most %d", len(ids), len(regions), BulkRegistrationsMax)
	}
	for i, id := range ids {
		if id <= 0 || score < 0 || score > prakerja.TestScoreMax || regions[i] == "" {
			return prakerja.Errorf(prakerja.CodeInvalid, "A bulk join has a registration, a score of 0 to %d and a region.", prakerja.TestScoreMax)
		}
	}
	us := now.UnixMicro()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		w, err := s.waveOn(ctx, tx, waveID)
		if err != nil {
			return err
		}
		if w.Status(now) != prakerja.WaveOpen {
			return prakerja.Errorf(prakerja.CodeWaveClosed, "Wave %d is not open.", waveID)
		}
		if err := s.execRowsTail(ctx, tx, `INSERT INTO test_results (registration_id, score, passed, taken_at, passed_at) VALUES `,
			` ON CONFLICT (registration_id) DO UPDATE SET passed = true, passed_at = COALESCE(test_results.passed_at, excluded.passed_at)`,
			5, len(ids), func(i int, args []any) ([]any, error) {
				return append(args, ids[i], score, true, us, us), nil
			}); err != nil {
			return err
		}
		return s.execRowsTail(ctx, tx, `INSERT INTO wave_joins (wave_id, registration_id, region, joined_at) VALUES `,
			` ON CONFLICT DO NOTHING`, 4, len(ids), func(i int, args []any) ([]any, error) {
				return append(args, waveID, ids[i], regions[i], us), nil
			})
	})
	if err != nil {
		return fmt.Errorf("bulk join wave %d: %w", waveID, err)
	}
	return nil
}
