package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// The statements of CompleteWork. A result applies only while its token
// holds the claim and the registration still waits in the step's status:
// that WHERE clause is what makes a late or repeated result stale, and
// the primary key of step_records (registration, step, round) proves no
// step is recorded twice in a round.
const (
	sqlCompleteWork = `UPDATE registrations SET status = ?, reasons = ?, status_changed_at = ?,
	claim_token = NULL, claim_until = NULL, attempts = 0, retry_at = NULL, updated_at = ?
	WHERE id = ? AND status = ? AND claim_token = ?`
	// sqlRecordStep copies the decision just applied from the row itself,
	// with its round. Two executions cost less than one that returns rows.
	sqlRecordStep = `INSERT INTO step_records (registration_id, step, round, status, reasons, detail, at)
	SELECT id, ?, round, status, reasons, ?, ? FROM registrations WHERE id = ?`
	// sqlRecordStepAs records the first of two chained decisions, whose
	// status the row no longer shows (see StepResult.Next).
	sqlRecordStepAs = `INSERT INTO step_records (registration_id, step, round, status, reasons, detail, at)
	SELECT id, ?, round, ?, ?, ?, ? FROM registrations WHERE id = ?`
	// sqlRetryWork releases a claim the step could not decide; attempts
	// stay, so the next claimer sees how often it failed.
	sqlRetryWork = `UPDATE registrations SET claim_token = NULL, claim_until = NULL, retry_at = ?,
	updated_at = ? WHERE id = ? AND status = ? AND claim_token = ?`
	sqlInsertFlag = `INSERT INTO duplicate_flags (a_id, b_id, reason, score, status, created_at)
	VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`

	// The same three writes for a whole batch at once, over arrays.
	// Chained results (StepResult.Next) update the row to the second
	// decision and record both: the first from the arrays, the second
	// from the row.
	sqlCompleteWorkArrays = `WITH v AS (SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[],
		?::text[], ?::text[], ?::text[], ?::text[], ?::bool[], ?::text[])
		AS v(id, token, status, reasons, detail, first_status, first_reasons, chained, next_detail)),
	u AS (UPDATE registrations r SET status = v.status, reasons = v.reasons,
		status_changed_at = ?, claim_token = NULL, claim_until = NULL, attempts = 0,
		retry_at = NULL, updated_at = ?
		FROM v WHERE r.id = v.id AND r.status = ? AND r.claim_token = v.token
		RETURNING r.id, r.round, r.status, r.reasons, v.detail, v.first_status, v.first_reasons,
			v.chained, v.next_detail)
	INSERT INTO step_records (registration_id, step, round, status, reasons, detail, at)
	SELECT id, ?::text, round, first_status, first_reasons, detail, ?::bigint FROM u
	UNION ALL
	SELECT id, ?::text, round, status, reasons, next_detail, ?::bigint FROM u WHERE chained
	RETURNING step, status`
	sqlRetryWorkArrays = `UPDATE registrations r SET claim_token = NULL, claim_until = NULL,
	retry_at = v.retry_at, updated_at = ?
	FROM unnest(?::bigint[], ?::bigint[], ?::bigint[]) AS v(id, token, retry_at)
	WHERE r.id = v.id AND r.status = ? AND r.claim_token = v.token`
	sqlInsertFlagsArrays = `INSERT INTO duplicate_flags (a_id, b_id, reason, score, status, created_at)
	SELECT a, b, reason, score, ?::text, ?::bigint
	FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[]) AS v(a, b, reason, score)
	ON CONFLICT DO NOTHING`
)

// completion is one CompleteWork transaction and what it counted.
type completion struct {
	s    *Store
	tx   *sql.Tx
	step prakerja.Step
	now  time.Time

	applied int // results that changed a status
	held    int // retries whose token still held the claim
	entered entered
}

// CompleteWork applies results and flags in one transaction and returns
// how many results changed a status and how many were stale (their token
// no longer held the claim). A retry that still held its claim is neither:
// it releases the claim until RetryAt. Returns CodeInvalid, with Fields,
// when any result or flag is malformed; then nothing is written.
func (s *Store) CompleteWork(ctx context.Context, step prakerja.Step, results []prakerja.StepResult, flags []prakerja.DuplicateFlag, now time.Time) (applied, stale int, err error) {
	if err := validateCompletion(step, results, flags); err != nil {
		return 0, 0, fmt.Errorf("complete %s work: %w", step, err)
	}
	decided, retries := splitResults(results)
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var c *completion
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		c = &completion{s: s, tx: tx, step: step, now: now, entered: entered{}}
		var err error
		if s.dialect.arrays {
			err = c.applyArrays(ctx, decided, retries, flags)
		} else {
			err = c.applyRows(ctx, decided, retries, flags)
		}
		if err != nil {
			return err
		}
		return c.entered.write(ctx, tx, s.q)
	})
	if err != nil {
		return 0, 0, fmt.Errorf("complete %s work: %w", step, err)
	}
	return c.applied, len(results) - c.applied - c.held, nil
}

// splitResults separates decisions from retries.
func splitResults(results []prakerja.StepResult) (decided, retries []prakerja.StepResult) {
	for _, r := range results {
		if r.Status != "" {
			decided = append(decided, r)
		} else {
			retries = append(retries, r)
		}
	}
	return decided, retries
}

// applyRows writes row by row through statements prepared once in the
// transaction: on SQLite each execution is an in-process call.
func (c *completion) applyRows(ctx context.Context, decided, retries []prakerja.StepResult, flags []prakerja.DuplicateFlag) error {
	if err := c.decideRows(ctx, decided); err != nil {
		return err
	}
	if err := c.retryRows(ctx, retries); err != nil {
		return err
	}
	return c.flagRows(ctx, flags)
}

func (c *completion) decideRows(ctx context.Context, decided []prakerja.StepResult) error {
	if len(decided) == 0 {
		return nil
	}
	update, err := c.tx.PrepareContext(ctx, c.s.q.completeWork)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	record, err := c.tx.PrepareContext(ctx, c.s.q.recordStep)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	// The executions run without ctx's cancellation: the driver would
	// start a watcher goroutine per execution, and database/sql rolls the
	// transaction back when ctx ends anyway.
	rowCtx := context.WithoutCancel(ctx)
	recordAs, err := c.tx.PrepareContext(ctx, c.s.q.recordStepAs)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	at, from := c.now.UnixMicro(), string(c.step.From())
	for _, r := range decided {
		final, reasons := finalDecision(r)
		n, err := execStmtCount(rowCtx, update, string(final), encodeReasons(reasons), at, at,
			r.RegistrationID, from, r.Token)
		if err != nil {
			return fmt.Errorf("apply result: %w", err)
		}
		if n == 0 {
			continue // stale: another claim or a rerun has it
		}
		if err := c.recordRow(rowCtx, record, recordAs, r); err != nil {
			return err
		}
		c.applied++
		c.entered.add(c.now, string(final), 1)
	}
	return ctx.Err()
}

// finalDecision is the status and reasons a result leaves the row in: its
// own, or its chained next step's.
func finalDecision(r prakerja.StepResult) (prakerja.RegistrationStatus, []string) {
	if r.Next != nil {
		return r.Next.Status, r.Next.Reasons
	}
	return r.Status, r.Reasons
}

// recordRow writes the StepRecords of one applied result: one, or two for
// a chained result.
func (c *completion) recordRow(ctx context.Context, record, recordAs *sql.Stmt, r prakerja.StepResult) error {
	at := c.now.UnixMicro()
	if r.Next == nil {
		if _, err := record.ExecContext(ctx, string(c.step), r.Detail, at, r.RegistrationID); err != nil {
			return fmt.Errorf("record step: %w", err)
		}
		return nil
	}
	if _, err := recordAs.ExecContext(ctx, string(c.step), string(r.Status), encodeReasons(r.Reasons), r.Detail, at, r.RegistrationID); err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	if _, err := record.ExecContext(ctx, string(c.step.Next()), r.Next.Detail, at, r.RegistrationID); err != nil {
		return fmt.Errorf("record next step: %w", err)
	}
	c.entered.add(c.now, string(r.Status), 1)
	return nil
}

func (c *completion) retryRows(ctx context.Context, retries []prakerja.StepResult) error {
	if len(retries) == 0 {
		return nil
	}
	retry, err := c.tx.PrepareContext(ctx, c.s.q.retryWork)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	at, from := c.now.UnixMicro(), string(c.step.From())
	for _, r := range retries {
		n, err := execStmtCount(ctx, retry, r.RetryAt.UnixMicro(), at, r.RegistrationID, from, r.Token)
		if err != nil {
			return fmt.Errorf("release for retry: %w", err)
		}
		c.held += int(n)
	}
	return nil
}

func (c *completion) flagRows(ctx context.Context, flags []prakerja.DuplicateFlag) error {
	if len(flags) == 0 {
		return nil
	}
	insert, err := c.tx.PrepareContext(ctx, c.s.q.insertFlag)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	at := c.now.UnixMicro()
	for _, f := range flags {
		_, err := insert.ExecContext(ctx, f.A, f.B, f.Reason, f.Score, string(prakerja.FlagOpen), at)
		if err != nil {
			return fmt.Errorf("insert flag: %w", err)
		}
	}
	return nil
}

// execStmtCount runs a prepared write and returns how many rows it changed.
func execStmtCount(ctx context.Context, st *sql.Stmt, args ...any) (int64, error) {
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
