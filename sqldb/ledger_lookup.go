package sqldb

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"slices"
)

// Looking up a batch's ids one by one (or in IN lists) costs microseconds
// each, which at a wave's 1.3 million credits is most of the time. But a
// batch's ids come in runs: a wave's credits are numbered by registration,
// a participant's accounts by registration and code. So lookups go by
// runs: sorted ids whose neighbours are close form a run, read with one
// range scan that returns only rows that exist (none, for a new wave).
// A range that holds far more rows than the run asked for, counted first,
// is read by IN lists instead, so an unlucky run costs little more.
const (
	lookupRunMin   = 16      // a shorter run is looked up by IN list
	lookupGapMax   = 1 << 12 // neighbours further apart start a new run
	lookupSlack    = 4       // a range may return this many rows per id asked before it falls back
	lookupSlackMin = 64
)

// idRuns splits sorted keys into runs of close neighbours; close(i)
// reports whether key i is close to key i-1.
func idRuns(n int, close func(i int) bool) [][2]int {
	var runs [][2]int
	start := 0
	for i := 1; i <= n; i++ {
		if i == n || !close(i) {
			runs = append(runs, [2]int{start, i})
			start = i
		}
	}
	return runs
}

// lookupByRuns reads the rows among keys: runs by range scan, the rest
// (short runs and ranges too crowded) by IN list. scan keeps the rows
// asked for and skips the others a range also holds.
func lookupByRuns[K any](ctx context.Context, s *Store, q querier, table, cols string, keys []K,
	close func(a, b K) bool, scan func(*sql.Rows) (K, error)) error {
	var loose []K
	runs := idRuns(len(keys), func(i int) bool { return close(keys[i-1], keys[i]) })
	for _, r := range runs {
		run := keys[r[0]:r[1]]
		if len(run) < lookupRunMin {
			loose = append(loose, run...)
			continue
		}
		limit := lookupSlack*len(run) + lookupSlackMin
		held, err := countInRange(ctx, s, q, table, run[0], run[len(run)-1], limit)
		switch {
		case err != nil:
			return err
		case held >= limit:
			loose = append(loose, run...) // too crowded for a range
			continue
		case held == 0:
			continue // nothing stored there, e.g. a new wave's credits
		}
		query := fmt.Sprintf("SELECT %s FROM %s WHERE id >= ? AND id <= ?", cols, table)
		err = inRange(ctx, s, q, query, run[0], run[len(run)-1], func(rows *sql.Rows) error {
			_, err := scan(rows)
			return err
		})
		if err != nil {
			return err
		}
	}
	return inChunks(ctx, s, q, "SELECT "+cols+" FROM "+table+" WHERE id IN (%s)", loose, func(rows *sql.Rows) error {
		_, err := scan(rows)
		return err
	})
}

// countInRange counts the rows with ids from lo to hi, stopping at limit.
// Counting inside the database costs a fraction of reading the rows out,
// so a crowded range is found before its rows are read, not after.
func countInRange[K any](ctx context.Context, s *Store, q querier, table string, lo, hi K, limit int) (int, error) {
	query := fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM %s WHERE id >= ? AND id <= ? LIMIT %d) AS held", table, limit)
	n := 0
	err := inRange(ctx, s, q, query, lo, hi, func(rows *sql.Rows) error { return rows.Scan(&n) })
	return n, err
}

func inRange[K any](ctx context.Context, s *Store, q querier, query string, lo, hi K, each func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, s.dialect.rebind(query), lo, hi)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// sortedIDs sorts and dedupes transfer ids for lookupByRuns.
func sortedIDs(ids [][]byte) [][]byte {
	slices.SortFunc(ids, bytes.Compare)
	return slices.CompactFunc(ids, bytes.Equal)
}

// closeIDs: two sorted transfer ids are neighbours when their first eight
// bytes differ by at most lookupGapMax.
func closeIDs(a, b []byte) bool {
	return binary.BigEndian.Uint64(b[:8])-binary.BigEndian.Uint64(a[:8]) <= lookupGapMax
}

// closeAccounts: two sorted account ids are neighbours within lookupGapMax.
func closeAccounts(a, b int64) bool { return b-a <= lookupGapMax && b >= a }
