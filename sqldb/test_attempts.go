package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// StartTestAttempt stores a new attempt, filling ID. The registration row
// is locked first (FOR UPDATE on PostgreSQL; SQLite has one writer), so two
// concurrent starts for one registrant run one after the other and the
// second sees the first as open. Returns CodeInvalid, CodeNotFound,
// CodeTestInProgress or CodeConflict.
func (s *Store) StartTestAttempt(ctx context.Context, a *prakerja.TestAttempt, now time.Time) error {
	if err := validateTestAttempt(a); err != nil {
		return err
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.startAttemptTx(ctx, tx, a, now)
		return err
	})
	if err != nil {
		return err
	}
	a.ID = id
	a.StartedAt, a.Deadline, a.FinishedAt = utcMicro(a.StartedAt), utcMicro(a.Deadline), time.Time{}
	return nil
}

// startAttemptTx checks the registration and the open attempts, then
// inserts.
func (s *Store) startAttemptTx(ctx context.Context, tx *sql.Tx, a *prakerja.TestAttempt, now time.Time) (int64, error) {
	err := tx.QueryRowContext(ctx, s.tq().registrationForAttempt, a.RegistrationID).Scan(new(int64))
	if errors.Is(err, sql.ErrNoRows) {
		return 0, prakerja.Errorf(prakerja.CodeNotFound, "Registration %d not found.", a.RegistrationID)
	}
	if err != nil {
		return 0, fmt.Errorf("start test attempt: %w", err)
	}
	var open int64
	if err := tx.QueryRowContext(ctx, s.tq().openAttempts, a.RegistrationID, now.UnixMicro()).Scan(&open); err != nil {
		return 0, fmt.Errorf("start test attempt: %w", err)
	}
	if open > 0 {
		return 0, prakerja.Errorf(prakerja.CodeTestInProgress, "An attempt of the test is still open.")
	}
	var id int64
	err = tx.QueryRowContext(ctx, s.tq().insertAttempt, a.RegistrationID, a.No, a.Bank, a.BankVersion, a.Doc,
		a.StartedAt.UnixMicro(), a.Deadline.UnixMicro()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, prakerja.Errorf(prakerja.CodeConflict, "Attempt %d of the test was already started.", a.No)
	}
	if err != nil {
		return 0, fmt.Errorf("start test attempt: %w", err)
	}
	return id, nil
}

// validateTestAttempt checks what the schema cannot say in a message.
func validateTestAttempt(a *prakerja.TestAttempt) error {
	switch {
	case a == nil || a.RegistrationID <= 0:
		return prakerja.Errorf(prakerja.CodeInvalid, "A test attempt belongs to a registration.")
	case a.No < 1 || a.No > prakerja.TestAttemptsMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "An attempt number is 1 to %d.", prakerja.TestAttemptsMax)
	case a.Bank == "" || len(a.Bank) > prakerja.TestBankNameMax || a.BankVersion < 1 || a.BankVersion > prakerja.TestBankVersionMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "A test attempt names its bank and version.")
	case len(a.Doc) == 0 || len(a.Doc) > prakerja.TestAttemptDocMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "An attempt document has 1 to %d bytes.", prakerja.TestAttemptDocMax)
	case a.StartedAt.IsZero() || !a.Deadline.After(a.StartedAt):
		return prakerja.Errorf(prakerja.CodeInvalid, "An attempt's deadline comes after its start.")
	}
	return nil
}

// TestAttempt returns one attempt. Returns CodeNotFound.
func (s *Store) TestAttempt(ctx context.Context, id int64) (*prakerja.TestAttempt, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	return s.testAttemptOn(ctx, s.reader, s.tq().testAttempt, id)
}

// testAttemptOn reads one attempt through a pool or a transaction.
func (s *Store) testAttemptOn(ctx context.Context, db rowQuerier, query string, id int64) (*prakerja.TestAttempt, error) {
	a, err := scanTestAttempt(db.QueryRowContext(ctx, query, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "Test attempt %d not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("test attempt %d: %w", id, err)
	}
	return a, nil
}

// TestAttempts lists a registration's attempts, first attempt first.
func (s *Store) TestAttempts(ctx context.Context, registrationID int64) ([]prakerja.TestAttempt, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.tq().testAttempts, registrationID, prakerja.TestAttemptsMax)
	if err != nil {
		return nil, fmt.Errorf("test attempts: %w", err)
	}
	defer rows.Close()
	var out []prakerja.TestAttempt
	for rows.Next() {
		a, err := scanTestAttempt(rows)
		if err != nil {
			return nil, fmt.Errorf("test attempts: %w", err)
		}
		out = append(out, *a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("test attempts: %w", err)
	}
	return out, nil
}

// scanTestAttempt reads testAttemptColumns.
func scanTestAttempt(row interface{ Scan(...any) error }) (*prakerja.TestAttempt, error) {
	var (
		a                 prakerja.TestAttempt
		started, deadline int64
		finished, score   sql.NullInt64
		passed            sql.NullBool
	)
	err := row.Scan(&a.ID, &a.RegistrationID, &a.No, &a.Bank, &a.BankVersion, &a.Doc, &started, &deadline,
		&finished, &score, &passed)
	if err != nil {
		return nil, err
	}
	a.StartedAt, a.Deadline, a.FinishedAt = timeOf(started), timeOf(deadline), fromMicros(finished)
	a.Score, a.Passed = int(score.Int64), passed.Bool
	return &a, nil
}
