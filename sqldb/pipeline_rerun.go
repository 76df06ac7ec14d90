package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// RerunChunkMax bounds the IDs one rerun statement lists, below SQLite's
// limit on bound parameters.
const RerunChunkMax = 1000

// sqlRerun moves chosen registrations back to a step's status and starts
// a new round. Clearing the claim token makes any worker's pending result
// for them stale. %s is the rest of the WHERE clause.
const sqlRerun = `UPDATE registrations SET status = ?, reasons = '', claim_token = NULL,
	claim_until = NULL, attempts = 0, retry_at = NULL, round = round + 1, status_changed_at = ?,
	updated_at = ? WHERE status IN (%s)%s`

// rerunnable lists the statuses a step may take registrations back from:
// its own and those its decision (or a later step's) led to.
func rerunnable(step prakerja.Step) []prakerja.RegistrationStatus {
	switch step {
	case prakerja.StepIdentity:
		return []prakerja.RegistrationStatus{prakerja.StatusPhoneVerified, prakerja.StatusIdentityVerified,
			prakerja.StatusIdentityFailed, prakerja.StatusEligible, prakerja.StatusIneligible}
	case prakerja.StepEligibility:
		return []prakerja.RegistrationStatus{prakerja.StatusIdentityVerified,
			prakerja.StatusEligible, prakerja.StatusIneligible}
	}
	return nil
}

// Rerun sends the chosen registrations back to f.Step.From() and returns
// how many moved. Returns CodeInvalid, with Fields, for an unknown step, an
// empty filter, a status the step cannot take back, too many IDs or a bad
// reason code.
func (s *Store) Rerun(ctx context.Context, f prakerja.RerunFilter, now time.Time) (int64, error) {
	if err := validateRerun(f); err != nil {
		return 0, fmt.Errorf("rerun: %w", err)
	}
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = rerunnable(f.Step)
	}
	args := []any{string(f.Step.From()), now.UnixMicro(), now.UnixMicro()}
	for _, st := range statuses {
		args = append(args, string(st))
	}
	where := ""
	if f.Reason != "" {
		where = fmt.Sprintf(" AND EXISTS (SELECT 1 FROM %s WHERE j.value = ?)",
			fmt.Sprintf(s.dialect.reasonsEach, "registrations.reasons"))
		args = append(args, f.Reason)
	}
	query := fmt.Sprintf(sqlRerun, placeholders(len(statuses)), where)
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var moved int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if moved, err = s.rerunChunks(ctx, tx, query, args, f.IDs); err != nil {
			return err
		}
		e := entered{}
		e.add(now, string(f.Step.From()), moved)
		return e.write(ctx, tx, s.q)
	})
	if err != nil {
		return 0, fmt.Errorf("rerun: %w", err)
	}
	return moved, nil
}

// rerunChunks runs the rerun once without IDs, or once per chunk of IDs.
func (s *Store) rerunChunks(ctx context.Context, tx *sql.Tx, query string, args []any, ids []int64) (int64, error) {
	if len(ids) == 0 {
		return execCount(ctx, tx, s.dialect.rebind(query), args...)
	}
	var moved int64
	for chunk := range slices.Chunk(ids, RerunChunkMax) {
		q := s.dialect.rebind(query + " AND id IN (" + placeholders(len(chunk)) + ")")
		all := slices.Clip(args)
		for _, id := range chunk {
			all = append(all, id)
		}
		n, err := execCount(ctx, tx, q, all...)
		if err != nil {
			return 0, err
		}
		moved += n
	}
	return moved, nil
}

// validateRerun refuses filters that could rerun more than was meant.
func validateRerun(f prakerja.RerunFilter) error {
	allowed := rerunnable(f.Step)
	if allowed == nil {
		return prakerja.Errorf(prakerja.CodeInvalid, "Step %q is unknown.", f.Step)
	}
	var fe fieldErrors
	if len(f.Statuses) == 0 && len(f.IDs) == 0 {
		fe.add("statuses", prakerja.CodeRequired, "Choose statuses or IDs; an empty filter would rerun everything.")
	}
	for i, st := range f.Statuses {
		if !slices.Contains(allowed, st) {
			fe.add(fmt.Sprintf("statuses[%d]", i), prakerja.CodeBadValue, "Step %s cannot take back registrations in %q.", f.Step, st)
		}
	}
	if len(f.IDs) > prakerja.RerunIDsMax {
		fe.add("ids", prakerja.CodeTooLong, "At most %d IDs.", prakerja.RerunIDsMax)
	}
	if len(f.Reason) > prakerja.ReasonCodeMax {
		fe.add("reason", prakerja.CodeTooLong, "A reason code has at most %d bytes.", prakerja.ReasonCodeMax)
	}
	return fe.err("The rerun filter is not valid; nothing was moved.")
}

// placeholders is n comma-separated `?`.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// execCount runs a write and returns how many rows it changed.
func execCount(ctx context.Context, tx *sql.Tx, query string, args ...any) (int64, error) {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
