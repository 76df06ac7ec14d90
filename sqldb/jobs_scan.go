package sqldb

import (
	"cmp"
	"database/sql"
	"fmt"
	"slices"

	"github.com/prakerja/prakerja"
)

// scanJobs reads jobColumns from every row, at most max of them, and
// closes rows. Token and LeaseUntil are zero for a job no claim holds.
func scanJobs(rows *sql.Rows, max int) ([]prakerja.ClaimedJob, error) {
	defer rows.Close()
	out := make([]prakerja.ClaimedJob, 0, min(max, 64))
	for rows.Next() {
		if len(out) == max {
			return nil, fmt.Errorf("more than %d rows", max)
		}
		var j prakerja.ClaimedJob
		var kind string
		var due, created int64
		var done, token, until sql.NullInt64
		err := rows.Scan(&j.ID, &kind, &j.Key, &j.RegistrationID, &j.WaveID, &j.Slot, &due, &j.Attempts,
			&j.LastError, &done, &created, &token, &until)
		if err != nil {
			return nil, err
		}
		j.Kind, j.DueAt, j.DoneAt, j.CreatedAt = prakerja.JobKind(kind), timeOf(due), fromMicros(done), timeOf(created)
		j.Token, j.LeaseUntil = token.Int64, fromMicros(until)
		out = append(out, j)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// sortClaimed orders a claim as it was chosen: oldest due first.
func sortClaimed(jobs []prakerja.ClaimedJob) {
	slices.SortFunc(jobs, func(a, b prakerja.ClaimedJob) int {
		return cmp.Or(a.DueAt.Compare(b.DueAt), cmp.Compare(a.ID, b.ID))
	})
}
