package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// testScoreMax is the top of an attempt's score, a percentage.
const testScoreMax = 100

// FinishTestAttempt records the score of an open attempt and the
// registration's test result in one transaction, so a pass that counts for
// joining a wave always has its attempt behind it. The deadline is checked
// again here with the caller's now: a request scored just before the
// deadline but reaching the database after it is refused, not recorded
// late. Returns CodeInvalid, CodeNotFound, CodeTestSubmitted or
// CodeTestDeadlinePassed.
func (s *Store) FinishTestAttempt(ctx context.Context, id int64, score int, passed bool, now time.Time) (*prakerja.TestAttempt, error) {
	if score < 0 || score > testScoreMax || now.IsZero() {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "A test score is 0 to %d.", testScoreMax)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var a *prakerja.TestAttempt
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = s.finishAttemptTx(ctx, tx, id, score, passed, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// finishAttemptTx locks the attempt, checks it is open, scores it and
// upserts the test result.
func (s *Store) finishAttemptTx(ctx context.Context, tx *sql.Tx, id int64, score int, passed bool, now time.Time) (*prakerja.TestAttempt, error) {
	a, err := s.testAttemptOn(ctx, tx, s.tq().testAttemptForUpdate, id)
	if err != nil {
		return nil, err
	}
	switch {
	case !a.FinishedAt.IsZero():
		return nil, prakerja.Errorf(prakerja.CodeTestSubmitted, "The answers of this attempt were already sent.")
	case now.After(a.Deadline):
		return nil, prakerja.Errorf(prakerja.CodeTestDeadlinePassed, "The time for this attempt is over.")
	}
	if _, err := tx.ExecContext(ctx, s.tq().finishAttempt, now.UnixMicro(), score, passed, id); err != nil {
		return nil, fmt.Errorf("finish test attempt: %w", err)
	}
	passedAt := micros(now)
	if !passed {
		passedAt = sql.NullInt64{}
	}
	_, err = tx.ExecContext(ctx, s.wq().upsertTestResult, a.RegistrationID, score, passed, now.UnixMicro(), passedAt)
	if err != nil {
		return nil, fmt.Errorf("finish test attempt: %w", err)
	}
	a.FinishedAt, a.Score, a.Passed = utcMicro(now), score, passed
	return a, nil
}
