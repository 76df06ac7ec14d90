package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// jobInsertRowsMax bounds the rows of one multi-row job insert: 9 columns
// each keeps a statement far below both engines' parameter limits.
const jobInsertRowsMax = 500

const (
	jobInsertCols   = 9
	sqlInsertJobsHd = `INSERT INTO jobs (kind, job_key, registration_id, wave_id, slot, due_at, attempts,
	last_error, created_at) VALUES `
	sqlInsertJobsTl = ` ON CONFLICT (kind, job_key) DO NOTHING`
)

// EnqueueJobs stores jobs in one transaction; a job whose (kind, key)
// exists already is left as it is, so scheduling twice is a no-op.
// Returns CodeInvalid for more than prakerja.JobBatchMax jobs or a bad job.
func (s *Store) EnqueueJobs(ctx context.Context, jobs []prakerja.Job, now time.Time) error {
	if len(jobs) == 0 {
		return nil
	}
	for i := range jobs {
		if jobs[i].CreatedAt.IsZero() {
			jobs[i].CreatedAt = now
		}
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return s.enqueueJobsTx(ctx, tx, jobs) }); err != nil {
		return fmt.Errorf("enqueue jobs: %w", err)
	}
	return nil
}

// enqueueJobsTx inserts jobs inside the caller's transaction, so the event
// that schedules them (a review, a wave credit, a survey) and the jobs
// commit together or not at all. A job whose (kind, key) exists is skipped
// (ON CONFLICT DO NOTHING), which makes a retried event harmless. A job's
// CreatedAt is its DueAt when the caller left it zero. Returns CodeInvalid.
func (s *Store) enqueueJobsTx(ctx context.Context, tx *sql.Tx, jobs []prakerja.Job) error {
	if len(jobs) > prakerja.JobBatchMax {
		return prakerja.Errorf(prakerja.CodeInvalid, "At most %d jobs at once, not %d.", prakerja.JobBatchMax, len(jobs))
	}
	for i := range jobs {
		if err := validateJob(&jobs[i]); err != nil {
			return err
		}
	}
	args := make([]any, 0, jobInsertCols*min(len(jobs), jobInsertRowsMax))
	for start := 0; start < len(jobs); start += jobInsertRowsMax {
		end := min(start+jobInsertRowsMax, len(jobs))
		args = args[:0]
		for i := start; i < end; i++ {
			j := &jobs[i]
			created := j.CreatedAt
			if created.IsZero() {
				created = j.DueAt
			}
			args = append(args, string(j.Kind), j.Key, j.RegistrationID, j.WaveID, j.Slot,
				j.DueAt.UnixMicro(), 0, "", created.UnixMicro())
		}
		q := s.dialect.rebind(sqlInsertJobsHd + valuesList(jobInsertCols, end-start) + sqlInsertJobsTl)
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("insert jobs %d to %d: %w", start, end, err)
		}
	}
	return nil
}

// validateJob refuses a job no runner could run.
func validateJob(j *prakerja.Job) error {
	switch {
	case !knownJobKind(j.Kind):
		return prakerja.Errorf(prakerja.CodeInvalid, "Job kind %q is unknown.", j.Kind)
	case j.Key == "" || len(j.Key) > prakerja.JobKeyMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "A job key is 1 to %d bytes.", prakerja.JobKeyMax)
	case j.DueAt.IsZero():
		return prakerja.Errorf(prakerja.CodeInvalid, "A job needs a due time.")
	case j.Slot < 0 || j.RegistrationID < 0 || j.WaveID < 0:
		return prakerja.Errorf(prakerja.CodeInvalid, "A job's slot and ids are not negative.")
	}
	return nil
}

func knownJobKind(k prakerja.JobKind) bool {
	switch k {
	case prakerja.JobUnlockIncentive, prakerja.JobUnlockSurvey, prakerja.JobPurchaseDeadline, prakerja.JobProgrammeEnd:
		return true
	}
	return false
}
