package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// Throughput. Every move into a status adds to that status's counter for
// the minute it happened in, so the backlog reads "entered in the last
// minute / hour" from at most 60 rows per status instead of scanning the
// registrations. Writers add one upsert per (minute, status) per
// transaction, never one per row.

// sqlBumpStatusMinute adds to one minute's counter.
const sqlBumpStatusMinute = `INSERT INTO status_minutes (minute, status, entered) VALUES (?, ?, ?)
	ON CONFLICT (minute, status) DO UPDATE SET entered = status_minutes.entered + excluded.entered`

// minuteKey is one counter: a minute's start (µs) and a status.
type minuteKey struct {
	minute int64
	status string
}

// entered collects the status entries of one transaction.
type entered map[minuteKey]int64

// minuteOf is the start of at's minute, in microseconds.
func minuteOf(at time.Time) int64 { return at.UTC().Truncate(time.Minute).UnixMicro() }

// add counts n entries into status at at.
func (e entered) add(at time.Time, status string, n int64) {
	if n > 0 {
		e[minuteKey{minuteOf(at), status}] += n
	}
}

// write upserts the counters in key order, so concurrent transactions on
// PostgreSQL lock the shared counter rows in one order and cannot
// deadlock. It runs last in its transaction to hold those locks briefly.
func (e entered) write(ctx context.Context, tx *sql.Tx, q *queries) error {
	keys := make([]minuteKey, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b minuteKey) int {
		return cmp.Or(cmp.Compare(a.minute, b.minute), cmp.Compare(a.status, b.status))
	})
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, q.bumpStatusMinute, k.minute, k.status, e[k]); err != nil {
			return fmt.Errorf("count status entries: %w", err)
		}
	}
	return nil
}
