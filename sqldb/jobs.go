package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// jobColumns are read by scanJob, in this order.
const jobColumns = `id, kind, job_key, registration_id, wave_id, slot, due_at, attempts, last_error,
	done_at, created_at, lease_token, lease_until`

const (
	// sqlClaimJobs leases due jobs in one statement: a live lease, a done
	// job or one that failed for good keeps a row out. %s is the dialect's
	// FOR UPDATE SKIP LOCKED, so concurrent runners on PostgreSQL take
	// disjoint rows; SQLite's single writer runs claims one after another.
	sqlClaimJobs = `UPDATE jobs SET lease_token = ?, lease_until = ?, attempts = attempts + 1
	WHERE id IN (SELECT id FROM jobs WHERE done_at IS NULL AND due_at <= ? AND attempts < ?
		AND (lease_until IS NULL OR lease_until <= ?) ORDER BY due_at, id LIMIT ?%s)
	RETURNING ` + jobColumns
	sqlCompleteJob = `UPDATE jobs SET done_at = ?, lease_token = NULL, lease_until = NULL, last_error = ''
	WHERE id = ? AND lease_token = ? AND done_at IS NULL`
	sqlFailJob = `UPDATE jobs SET last_error = ?, due_at = ?, lease_token = NULL, lease_until = NULL
	WHERE id = ? AND lease_token = ? AND done_at IS NULL`
	// sqlJobCounts derives each job's state from its columns; the order of
	// the cases is the order of precedence (a failed job's last claim may
	// still be running).
	sqlJobCounts = `SELECT kind, CASE WHEN done_at IS NOT NULL THEN 'done'
		WHEN lease_until IS NOT NULL AND lease_until > ? THEN 'running'
		WHEN attempts >= ? THEN 'failed' ELSE 'pending' END, count(*)
	FROM jobs GROUP BY 1, 2 ORDER BY 1, 2`
)

// ClaimJobs leases up to limit jobs due at now until now+lease, oldest due
// first, counting an attempt on each. All jobs of one claim share one fresh
// random token. Returns CodeInvalid for a limit outside
// 1..prakerja.JobBatchMax or a lease outside (0, prakerja.JobLeaseMax].
func (s *Store) ClaimJobs(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]prakerja.ClaimedJob, error) {
	if limit < 1 || limit > prakerja.JobBatchMax {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "A claim takes 1 to %d jobs, not %d.", prakerja.JobBatchMax, limit)
	}
	if lease <= 0 || lease > prakerja.JobLeaseMax {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "A job lease is positive and at most %s.", prakerja.JobLeaseMax)
	}
	token, err := newToken()
	if err != nil {
		return nil, err
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	q := s.dialect.rebind(fmt.Sprintf(sqlClaimJobs, s.dialect.skipLocked))
	var out []prakerja.ClaimedJob
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		at := now.UnixMicro()
		rows, err := tx.QueryContext(ctx, q, token, now.Add(lease).UnixMicro(), at, prakerja.JobAttemptsMax, at, limit)
		if err != nil {
			return err
		}
		jobs, err := scanJobs(rows, limit)
		for _, j := range jobs {
			out = append(out, prakerja.ClaimedJob{Job: j.Job, Token: j.Token, LeaseUntil: j.LeaseUntil})
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("claim jobs: %w", err)
	}
	sortClaimed(out)
	return out, nil
}

// CompleteJob marks a claimed job done. Returns CodeConflict when token no
// longer holds it.
func (s *Store) CompleteJob(ctx context.Context, id, token int64, now time.Time) error {
	return s.updateOne(ctx, "complete job", jobNotHeld(id), s.dialect.rebind(sqlCompleteJob), now.UnixMicro(), id, token)
}

// FailJob records a failed run (reason cut to LastErrorMax bytes; it must
// not hold personal data) and makes the job due again at next. Returns
// CodeConflict when token no longer holds it.
func (s *Store) FailJob(ctx context.Context, id, token int64, reason string, next time.Time) error {
	return s.updateOne(ctx, "fail job", jobNotHeld(id), s.dialect.rebind(sqlFailJob), truncate(reason, LastErrorMax),
		next.UnixMicro(), id, token)
}

// jobNotHeld answers a completion by a claim that no longer holds the job.
func jobNotHeld(id int64) error {
	return prakerja.Errorf(prakerja.CodeConflict, "Job %d is not held by this claim.", id)
}

// Jobs lists jobs, newest first. A Limit of 0 or more than
// prakerja.JobBatchMax means prakerja.JobBatchMax.
func (s *Store) Jobs(ctx context.Context, f prakerja.JobFilter) ([]*prakerja.Job, error) {
	limit := f.Limit
	if limit <= 0 || limit > prakerja.JobBatchMax {
		limit = prakerja.JobBatchMax
	}
	var b strings.Builder
	b.WriteString("SELECT " + jobColumns + " FROM jobs WHERE 1 = 1")
	args := make([]any, 0, 4)
	if f.Kind != "" {
		b.WriteString(" AND kind = ?")
		args = append(args, string(f.Kind))
	}
	if f.RegistrationID != 0 {
		b.WriteString(" AND registration_id = ?")
		args = append(args, f.RegistrationID)
	}
	if f.WaveID != 0 {
		b.WriteString(" AND wave_id = ?")
		args = append(args, f.WaveID)
	}
	if f.Failed {
		b.WriteString(" AND done_at IS NULL AND attempts >= ?")
		args = append(args, prakerja.JobAttemptsMax)
	}
	b.WriteString(" ORDER BY id DESC LIMIT ?")
	args = append(args, limit)
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.dialect.rebind(b.String()), args...)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	claimed, err := scanJobs(rows, limit)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	out := make([]*prakerja.Job, len(claimed))
	for i := range claimed {
		out[i] = &claimed[i].Job
	}
	return out, nil
}

// JobCounts counts jobs per kind and state at now, kinds and states in
// name order; combinations with no job are absent.
func (s *Store) JobCounts(ctx context.Context, now time.Time) ([]prakerja.JobCount, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.dialect.rebind(sqlJobCounts), now.UnixMicro(), prakerja.JobAttemptsMax)
	if err != nil {
		return nil, fmt.Errorf("job counts: %w", err)
	}
	defer rows.Close()
	var out []prakerja.JobCount
	for rows.Next() {
		if len(out) > 4*16 { // kinds × states; more means a bug
			return nil, errors.New("job counts: too many rows")
		}
		var c prakerja.JobCount
		var kind string
		if err := rows.Scan(&kind, &c.State, &c.Count); err != nil {
			return nil, fmt.Errorf("job counts: %w", err)
		}
		c.Kind = prakerja.JobKind(kind)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("job counts: %w", err)
	}
	return out, nil
}
