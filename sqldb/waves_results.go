package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/prakerja/prakerja"
)

const (
	// sqlUpsertTestResult keeps the first pass: passed_at is set once and a
	// failed retake leaves it (and passed) alone.
	sqlUpsertTestResult = `INSERT INTO test_results (registration_id, score, passed, taken_at, passed_at)
	VALUES (?, ?, ?, ?, ?)
	ON CONFLICT (registration_id) DO UPDATE SET score = excluded.score, taken_at = excluded.taken_at,
	passed = (test_results.passed OR excluded.passed),
	passed_at = COALESCE(test_results.passed_at, excluded.passed_at)`
	sqlTestResult = `SELECT registration_id, score, passed, taken_at, passed_at FROM test_results
	WHERE registration_id = ?`
	sqlPassedTest = `SELECT count(*) FROM test_results WHERE registration_id = ? AND passed_at IS NOT NULL`
)

// RecordTestResult stores a registration's latest test attempt. Returns
// CodeInvalid or CodeNotFound.
func (s *Store) RecordTestResult(ctx context.Context, r *prakerja.TestResult) error {
	if r == nil || r.RegistrationID <= 0 || r.TakenAt.IsZero() || r.Score < 0 || r.Score > prakerja.TestScoreMax {
		return prakerja.Errorf(prakerja.CodeInvalid, "A test result has a registration, a time and a score of 0 to %d.", prakerja.TestScoreMax)
	}
	passedAt := micros(r.TakenAt)
	if !r.Passed {
		passedAt = sql.NullInt64{}
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, s.wq().registrationForJoin, r.RegistrationID).Scan(&status, new(string), new(bool))
		if errors.Is(err, sql.ErrNoRows) {
			return prakerja.Errorf(prakerja.CodeNotFound, "Registration %d not found.", r.RegistrationID)
		}
		if err != nil {
			return fmt.Errorf("record test result: %w", err)
		}
		_, err = tx.ExecContext(ctx, s.wq().upsertTestResult, r.RegistrationID, r.Score, r.Passed, r.TakenAt.UnixMicro(), passedAt)
		if err != nil {
			return fmt.Errorf("record test result: %w", err)
		}
		return nil
	})
}

// TestResult returns a registration's stored result. Returns CodeNotFound.
func (s *Store) TestResult(ctx context.Context, registrationID int64) (*prakerja.TestResult, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var (
		r        prakerja.TestResult
		taken    int64
		passedAt sql.NullInt64
	)
	err := s.reader.QueryRowContext(ctx, s.wq().testResult, registrationID).Scan(&r.RegistrationID, &r.Score, &r.Passed, &taken, &passedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "No test result for registration %d.", registrationID)
	}
	if err != nil {
		return nil, fmt.Errorf("test result: %w", err)
	}
	r.TakenAt, r.PassedAt = timeOf(taken), fromMicros(passedAt)
	return &r, nil
}

// requirePassedTest refuses a registration without a passed test.
func (s *Store) requirePassedTest(ctx context.Context, tx *sql.Tx, regID int64) error {
	var n int64
	if err := tx.QueryRowContext(ctx, s.wq().passedTest, regID).Scan(&n); err != nil {
		return fmt.Errorf("passed test: %w", err)
	}
	if n == 0 {
		return prakerja.Errorf(prakerja.CodeTestNotPassed, "The registration has not passed the online test.")
	}
	return nil
}
