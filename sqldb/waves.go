package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// waveColumns are read by scanWave, in this order.
const waveColumns = `id, name, scheme, opens_at, closes_at, quota, region_quotas, regions, selected_at, created_at`

const (
	sqlInsertWave = `INSERT INTO waves (name, scheme, opens_at, closes_at, quota, region_quotas, regions,
	created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlWave     = `SELECT ` + waveColumns + ` FROM waves WHERE id = ?`
	sqlWaves    = `SELECT ` + waveColumns + ` FROM waves WHERE closes_at > ? ORDER BY opens_at, id LIMIT ?`
	sqlAllWaves = `SELECT ` + waveColumns + ` FROM waves ORDER BY opens_at, id LIMIT ?`
)

// CreateWave validates and stores w, filling ID and CreatedAt. Times are
// kept to the microsecond, the store's precision. Returns CodeInvalid.
func (s *Store) CreateWave(ctx context.Context, w *prakerja.Wave, now time.Time) error {
	if w == nil {
		return prakerja.Errorf(prakerja.CodeInvalid, "No wave given.")
	}
	if err := w.Validate(); err != nil {
		return err
	}
	quotas, regions, err := waveJSON(w)
	if err != nil {
		return fmt.Errorf("create wave: %w", err)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var id int64
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, s.wq().insertWave, w.Name, w.Scheme, w.OpensAt.UnixMicro(),
			w.ClosesAt.UnixMicro(), w.Quota, quotas, regions, now.UnixMicro()).Scan(&id); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, now, prakerja.AuditActorOf(ctx), prakerja.AuditWaveCreated, auditSubject("wave", id),
			map[string]any{"scheme": w.Scheme, "quota": w.Quota, "regions": len(w.Regions),
				"opens_at": w.OpensAt.UTC().Format(time.RFC3339), "closes_at": w.ClosesAt.UTC().Format(time.RFC3339)})
	})
	if err != nil {
		return fmt.Errorf("create wave: %w", err)
	}
	w.ID, w.CreatedAt = id, utcMicro(now)
	w.OpensAt, w.ClosesAt = utcMicro(w.OpensAt), utcMicro(w.ClosesAt)
	return nil
}

// waveJSON encodes the region quotas and allowed regions, never null, so
// a reader can always decode them.
func waveJSON(w *prakerja.Wave) (quotas, regions string, err error) {
	q, r := w.RegionQuotas, w.Regions
	if q == nil {
		q = map[string]int{}
	}
	if r == nil {
		r = []string{}
	}
	qb, err := json.Marshal(q)
	if err != nil {
		return "", "", err
	}
	rb, err := json.Marshal(r)
	return string(qb), string(rb), err
}

// Wave returns one wave. Returns CodeNotFound.
func (s *Store) Wave(ctx context.Context, id int64) (*prakerja.Wave, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	return s.waveOn(ctx, s.reader, id)
}

// rowQuerier is what a read needs from a pool or a transaction.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// waveOn reads a wave through a pool or inside a transaction.
func (s *Store) waveOn(ctx context.Context, db rowQuerier, id int64) (*prakerja.Wave, error) {
	w, err := scanWave(db.QueryRowContext(ctx, s.wq().wave, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "Wave %d not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("wave %d: %w", id, err)
	}
	return w, nil
}

// Waves lists waves that close after since (zero = all), soonest opening
// first, at most prakerja.WavesPageMax.
func (s *Store) Waves(ctx context.Context, since time.Time) ([]prakerja.Wave, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	query, args := s.wq().allWaves, []any{prakerja.WavesPageMax}
	if !since.IsZero() {
		query, args = s.wq().waves, []any{since.UnixMicro(), prakerja.WavesPageMax}
	}
	rows, err := s.reader.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("waves: %w", err)
	}
	defer rows.Close()
	var out []prakerja.Wave
	for rows.Next() {
		w, err := scanWave(rows)
		if err != nil {
			return nil, fmt.Errorf("waves: %w", err)
		}
		out = append(out, *w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("waves: %w", err)
	}
	return out, nil
}

// scanWave reads waveColumns.
func scanWave(row interface{ Scan(...any) error }) (*prakerja.Wave, error) {
	var (
		w                      prakerja.Wave
		opens, closes, created int64
		quotas, regions        string
		selected               sql.NullInt64
	)
	err := row.Scan(&w.ID, &w.Name, &w.Scheme, &opens, &closes, &w.Quota, &quotas, &regions, &selected, &created)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(quotas), &w.RegionQuotas); err != nil {
		return nil, fmt.Errorf("wave %d region quotas: %w", w.ID, err)
	}
	if err := json.Unmarshal([]byte(regions), &w.Regions); err != nil {
		return nil, fmt.Errorf("wave %d regions: %w", w.ID, err)
	}
	if len(w.RegionQuotas) == 0 {
		w.RegionQuotas = nil // none is nil, as the caller built it
	}
	if len(w.Regions) == 0 {
		w.Regions = nil
	}
	w.OpensAt, w.ClosesAt, w.CreatedAt = timeOf(opens), timeOf(closes), timeOf(created)
	w.SelectedAt = fromMicros(selected)
	return &w, nil
}
