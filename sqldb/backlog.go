package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// ReasonCountsMax bounds the reason codes one ReasonCounts call returns,
// the most frequent first.
const ReasonCountsMax = 1000

const (
	// sqlBacklogCounts reads the (status, status_changed_at, id) index only.
	sqlBacklogCounts = `SELECT status, count(*), min(status_changed_at) FROM registrations GROUP BY status`
	// sqlBacklogEntered sums the last 60 full minutes and, apart, the last
	// one: arguments are the last minute's start, the hour's start and
	// the current minute's start.
	sqlBacklogEntered = `SELECT status, sum(CASE WHEN minute >= ? THEN entered ELSE 0 END), sum(entered)
	FROM status_minutes WHERE minute >= ? AND minute < ? GROUP BY status`
	// sqlReasonCounts lists the codes of the stored JSON arrays in SQL, so
	// a million registrations are counted without reaching Go. %s is the
	// dialect's FROM item over registrations.reasons.
	sqlReasonCounts = `SELECT j.value, count(*) FROM registrations, %s
	WHERE registrations.status = ? GROUP BY j.value ORDER BY count(*) DESC, j.value LIMIT ?`
)

// Backlog returns one row per status in prakerja.Statuses() order: how
// many wait there, for how long the oldest has, and how many entered in
// the last full minute and the last 60 full minutes before now's minute.
func (s *Store) Backlog(ctx context.Context, now time.Time) ([]prakerja.BacklogRow, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows := make(map[prakerja.RegistrationStatus]*prakerja.BacklogRow)
	out := make([]prakerja.BacklogRow, len(prakerja.Statuses()))
	for i, st := range prakerja.Statuses() {
		out[i].Status = st
		rows[st] = &out[i]
	}
	if err := s.backlogCounts(ctx, now, rows); err != nil {
		return nil, fmt.Errorf("backlog: %w", err)
	}
	if err := s.backlogEntered(ctx, now, rows); err != nil {
		return nil, fmt.Errorf("backlog: %w", err)
	}
	return out, nil
}

func (s *Store) backlogCounts(ctx context.Context, now time.Time, out map[prakerja.RegistrationStatus]*prakerja.BacklogRow) error {
	rows, err := s.reader.QueryContext(ctx, s.q.backlogCounts)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var status string
		var n int64
		var oldest sql.NullInt64
		if err := rows.Scan(&status, &n, &oldest); err != nil {
			return err
		}
		if r := out[prakerja.RegistrationStatus(status)]; r != nil {
			r.Count = n
			r.Oldest = max(now.Sub(fromMicros(oldest)), 0)
		}
	}
	return rows.Err()
}

func (s *Store) backlogEntered(ctx context.Context, now time.Time, out map[prakerja.RegistrationStatus]*prakerja.BacklogRow) error {
	current := minuteOf(now)
	lastMinute, hour := current-time.Minute.Microseconds(), current-time.Hour.Microseconds()
	rows, err := s.reader.QueryContext(ctx, s.q.backlogEntered, lastMinute, hour, current)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var status string
		var minute, hourly int64
		if err := rows.Scan(&status, &minute, &hourly); err != nil {
			return err
		}
		if r := out[prakerja.RegistrationStatus(status)]; r != nil {
			r.EnteredLastMinute, r.EnteredLastHour = minute, hourly
		}
	}
	return rows.Err()
}

// ReasonCounts counts registrations in status per reason code, at most
// ReasonCountsMax codes, the most frequent first.
func (s *Store) ReasonCounts(ctx context.Context, status prakerja.RegistrationStatus) (map[string]int64, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.q.reasonCounts, string(status), ReasonCountsMax)
	if err != nil {
		return nil, fmt.Errorf("reason counts: %w", err)
	}
	defer rows.Close()
	counts := map[string]int64{}
	for rows.Next() {
		var code string
		var n int64
		if err := rows.Scan(&code, &n); err != nil {
			return nil, fmt.Errorf("reason counts: %w", err)
		}
		counts[code] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reason counts: %w", err)
	}
	return counts, nil
}
