package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/prakerja/prakerja"
)

const (
	// sqlInsertRegistration skips a row that would break a unique index
	// instead of failing, so one duplicate does not abort the whole batch.
	// Without a conflict target it covers the NIK, e-mail and phone indexes.
	sqlInsertRegistration = `INSERT INTO registrations (full_name, nik_ct, nik_idx, email_ct,
	email_idx, phone_ct, phone_idx, kk_ct, kk_idx, birth_date, sex, domicile_district, status,
	reasons, email_verified_at, phone_verified_at, status_changed_at, created_at, updated_at,
	work_impact, targeting_consent_at, consent_notice)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO NOTHING RETURNING id`
	// sqlTaken tells which unique index a skipped registration hit.
	sqlTaken = `SELECT
	(SELECT count(*) FROM registrations WHERE nik_idx = ?),
	(SELECT count(*) FROM registrations WHERE email_idx = ?),
	(SELECT count(*) FROM registrations WHERE phone_idx = ?)`
)

// batch is one group-commit transaction and the statements it has prepared
// so far.
type batch struct {
	c  *committer
	tx *sql.Tx

	insertRegistration *sql.Stmt
	taken              *sql.Stmt
	insertChallenge    *sql.Stmt
	insertMessage      *sql.Stmt
	hitRateLimit       *sql.Stmt
	pruneRateLimits    *sql.Stmt

	// entered counts the registrations the batch stored per minute and
	// status, written once when the batch ends.
	entered entered
}

// stmt returns the statement in slot, preparing query on the transaction
// the first time. The transaction closes it when it ends.
func (b *batch) stmt(ctx context.Context, slot **sql.Stmt, query string) (*sql.Stmt, error) {
	if *slot == nil {
		st, err := b.tx.PrepareContext(ctx, query)
		if err != nil {
			return nil, fmt.Errorf("prepare: %w", err)
		}
		*slot = st
	}
	return *slot, nil
}

// apply writes one job. An error fails the whole batch; an answer that is
// the caller's alone (a taken NIK) goes to j.err instead.
func (b *batch) apply(ctx context.Context, j *job) error {
	switch j.kind {
	case jobRegistration:
		return b.register(ctx, j)
	case jobRateLimit:
		return b.hit(ctx, j)
	}
	panic(fmt.Sprintf("sqldb: job kind %d unknown", j.kind))
}

// register inserts a registration and, only when that row went in, its
// challenge and message. A later duplicate in the same batch sees the
// earlier row, so duplicates resolve to exactly one winner there too.
func (b *batch) register(ctx context.Context, j *job) error {
	j.registrationID, j.challengeID, j.messageID, j.err = 0, 0, 0, nil // a retried batch starts over
	st, err := b.stmt(ctx, &b.insertRegistration, b.c.q.insertRegistration)
	if err != nil {
		return err
	}
	r := &j.record
	err = st.QueryRowContext(ctx, r.FullName, r.NIK.Ciphertext, r.NIK.Index,
		r.Email.Ciphertext, r.Email.Index, r.Phone.Ciphertext, r.Phone.Index,
		r.KK.Ciphertext, r.KK.Index, r.BirthDate, r.Sex, r.DomicileDistrict, string(r.Status),
		encodeReasons(r.Reasons), micros(r.EmailVerifiedAt), micros(r.PhoneVerifiedAt),
		r.StatusChangedAt.UnixMicro(), r.CreatedAt.UnixMicro(), r.UpdatedAt.UnixMicro(),
		string(r.WorkImpact), micros(r.TargetingConsentAt), r.ConsentNotice).Scan(&j.registrationID)
	if errors.Is(err, sql.ErrNoRows) {
		j.err, err = b.whichTaken(ctx, r)
		return err
	}
	if err != nil {
		return fmt.Errorf("insert registration: %w", err)
	}
	b.entered.add(r.StatusChangedAt, string(r.Status), 1)
	if j.hasChallenge {
		st, err := b.stmt(ctx, &b.insertChallenge, b.c.q.insertChallenge)
		if err != nil {
			return err
		}
		if j.challengeID, err = insertChallenge(ctx, st, &j.challenge, j.registrationID); err != nil {
			return err
		}
	}
	if j.hasMessage {
		st, err := b.stmt(ctx, &b.insertMessage, b.c.q.insertMessage)
		if err != nil {
			return err
		}
		if j.messageID, err = insertMessage(ctx, st, &j.message, j.registrationID); err != nil {
			return err
		}
	}
	return nil
}

// whichTaken names the unique index a skipped registration collided with,
// NIK first, then e-mail, then phone. The messages never hold the value.
func (b *batch) whichTaken(ctx context.Context, r *prakerja.RegistrationRecord) (answer, err error) {
	st, err := b.stmt(ctx, &b.taken, b.c.q.taken)
	if err != nil {
		return nil, err
	}
	var nik, email, phone int64
	err = st.QueryRowContext(ctx, r.NIK.Index, r.Email.Index, r.Phone.Index).Scan(&nik, &email, &phone)
	if err != nil {
		return nil, fmt.Errorf("find taken index: %w", err)
	}
	switch {
	case nik > 0:
		return prakerja.Errorf(prakerja.CodeNIKTaken, "This NIK is already registered."), nil
	case email > 0:
		return prakerja.Errorf(prakerja.CodeEmailTaken, "This e-mail address is already registered."), nil
	case phone > 0:
		return prakerja.Errorf(prakerja.CodePhoneTaken, "This phone number is already registered."), nil
	}
	// Only a unique index can make the insert skip its row, so this is a
	// schema this code does not know; the caller alone gets the failure.
	return errors.New("create registration: row skipped but no unique index is taken"), nil
}

// hit counts one rate-limit hit and, every rateLimitPruneEvery hits,
// deletes windows older than RateLimitRetention so the table stays small
// without a separate job.
func (b *batch) hit(ctx context.Context, j *job) error {
	st, err := b.stmt(ctx, &b.hitRateLimit, b.c.q.hitRateLimit)
	if err != nil {
		return err
	}
	if err := st.QueryRowContext(ctx, j.rateKey, j.rateWindow).Scan(&j.hits); err != nil {
		return fmt.Errorf("hit rate limit: %w", err)
	}
	if b.c.hits.Add(1)%rateLimitPruneEvery != 0 {
		return nil
	}
	st, err = b.stmt(ctx, &b.pruneRateLimits, b.c.q.pruneRateLimits)
	if err != nil {
		return err
	}
	if _, err := st.ExecContext(ctx, j.rateWindow-RateLimitRetention.Microseconds()); err != nil {
		return fmt.Errorf("prune rate limits: %w", err)
	}
	return nil
}
