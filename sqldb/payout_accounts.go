package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
)

const (
	sqlInsertPayoutAccount = `INSERT INTO payout_accounts (registration_id, provider, number_enc, number_idx,
	number_masked, holder_enc, state, reason, challenge_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlInsertPayoutEvent = `INSERT INTO payout_account_events (registration_id, account_id, event, reason, actor, at)
	VALUES (?, ?, ?, ?, ?, ?)`
	payoutAccountColumns = `id, registration_id, provider, number_enc, number_idx, number_masked,
	COALESCE(holder_enc, ''), state, reason, COALESCE(challenge_id, 0), created_at, verified_at, unlinked_at`
	sqlPayoutAccounts = `SELECT ` + payoutAccountColumns + ` FROM payout_accounts
	WHERE registration_id = ? ORDER BY id DESC LIMIT 100`
	sqlPayoutAccountLocked = `SELECT ` + payoutAccountColumns + ` FROM payout_accounts WHERE id = ? AND registration_id = ?`
	sqlChallengeUsed       = `SELECT used_at FROM challenges WHERE id = ?`
	sqlUnlinkVerified      = `UPDATE payout_accounts SET state = 'unlinked', unlinked_at = ?
	WHERE registration_id = ? AND state = 'verified' RETURNING id`
	sqlVerifyAccount = `UPDATE payout_accounts SET state = 'verified', verified_at = ? WHERE id = ? AND state = 'pending'`
	sqlPayoutEvents  = `SELECT id, registration_id, account_id, event, reason, actor, at FROM payout_account_events
	WHERE registration_id = ? ORDER BY id DESC LIMIT 100`
	sqlCountByNumber = `SELECT count(*) FROM payout_accounts WHERE number_idx = ? AND state = 'verified'`
)

// reboundQueries caches each dialect's form of the payout statements,
// which are rebound on first use rather than listed in a struct.
var reboundQueries sync.Map

// rb returns query in the store's placeholder syntax.
func (s *Store) rb(query string) string {
	key := s.dialect.name + "\x00" + query
	if q, ok := reboundQueries.Load(key); ok {
		return q.(string)
	}
	q := s.dialect.rebind(query)
	reboundQueries.Store(key, q)
	return q
}

// CreatePayoutAccount implements prakerja.PayoutStore.
func (s *Store) CreatePayoutAccount(ctx context.Context, a *prakerja.PayoutAccount, c *prakerja.Challenge, msg *prakerja.Message) error {
	if (a.State == prakerja.PayoutAccountPending) != (c != nil) {
		return prakerja.Errorf(prakerja.CodeInvalid, "A pending account needs its challenge; a refused one none.")
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if c != nil {
			id, err := insertChallenge(ctx, txRower{tx, s.q.insertChallenge}, c, c.RegistrationID)
			if err != nil {
				return err
			}
			c.ID, a.ChallengeID = id, id
			if msg != nil {
				m := *msg
				m.NextAttemptAt = m.CreatedAt
				if msg.ID, err = insertMessage(ctx, txRower{tx, s.q.insertMessage}, &m, m.RegistrationID); err != nil {
					return err
				}
			}
		}
		err := tx.QueryRowContext(ctx, s.rb(sqlInsertPayoutAccount), a.RegistrationID, a.Provider,
			a.Number.Ciphertext, a.Number.Index, a.NumberMasked, nullBytes(a.HolderSealed), string(a.State),
			string(a.Reason), nullID(a.ChallengeID), a.CreatedAt.UnixMicro()).Scan(&a.ID)
		if err != nil {
			return fmt.Errorf("insert payout account: %w", err)
		}
		event := "requested"
		if a.State == prakerja.PayoutAccountRefused {
			event = "refused"
		}
		return s.payoutEvent(ctx, tx, a.RegistrationID, a.ID, event, string(a.Reason), "participant", a.CreatedAt)
	})
	if err != nil {
		return fmt.Errorf("create payout account: %w", err)
	}
	return nil
}

func nullBytes(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}

func (s *Store) payoutEvent(ctx context.Context, tx *sql.Tx, reg, account int64, event, reason, actor string, at time.Time) error {
	if _, err := tx.ExecContext(ctx, s.rb(sqlInsertPayoutEvent), reg, account, event, reason, actor, at.UnixMicro()); err != nil {
		return fmt.Errorf("payout account event: %w", err)
	}
	return nil
}

// VerifyPayoutAccount implements prakerja.PayoutStore.
func (s *Store) VerifyPayoutAccount(ctx context.Context, reg, accountID int64, now time.Time) (*prakerja.PayoutAccount, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var a *prakerja.PayoutAccount
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if a, err = scanPayoutAccount(tx.QueryRowContext(ctx, s.rb(sqlPayoutAccountLocked+s.dialect.forUpdate), accountID, reg)); err != nil {
			return notFound(err, "No such payout account.")
		}
		var used sql.NullInt64
		if err := tx.QueryRowContext(ctx, s.rb(sqlChallengeUsed), a.ChallengeID).Scan(&used); err != nil || !used.Valid ||
			a.State != prakerja.PayoutAccountPending {
			return prakerja.Errorf(prakerja.CodeConflict, "This account is not waiting for its code.")
		}
		if err := s.unlinkTx(ctx, tx, reg, "participant", now); err != nil && prakerja.ErrorCode(err) != prakerja.CodeNotFound {
			return err
		}
		if err := s.execOne(ctx, tx, s.rb(sqlVerifyAccount), "verify payout account", now.UnixMicro(), a.ID); err != nil {
			return err
		}
		a.State, a.VerifiedAt = prakerja.PayoutAccountVerified, utcMicro(now)
		return s.payoutEvent(ctx, tx, reg, a.ID, "linked", "", "participant", now)
	})
	if err != nil {
		return nil, fmt.Errorf("verify payout account: %w", err)
	}
	return a, nil
}

// unlinkTx unlinks the verified account, if any (CodeNotFound if none).
func (s *Store) unlinkTx(ctx context.Context, tx *sql.Tx, reg int64, actor string, now time.Time) error {
	var old int64
	err := tx.QueryRowContext(ctx, s.rb(sqlUnlinkVerified), now.UnixMicro(), reg).Scan(&old)
	if errors.Is(err, sql.ErrNoRows) {
		return prakerja.Errorf(prakerja.CodeNotFound, "There is no linked payout account.")
	}
	if err != nil {
		return fmt.Errorf("unlink payout account: %w", err)
	}
	return s.payoutEvent(ctx, tx, reg, old, "unlinked", "", actor, now)
}

// UnlinkPayoutAccount implements prakerja.PayoutStore.
func (s *Store) UnlinkPayoutAccount(ctx context.Context, reg int64, actor string, now time.Time) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.unlinkTx(ctx, tx, reg, actor, now) })
}

// PayoutAccounts implements prakerja.PayoutStore.
func (s *Store) PayoutAccounts(ctx context.Context, reg int64) ([]*prakerja.PayoutAccount, error) {
	rows, err := s.readRows(ctx, s.rb(sqlPayoutAccounts), reg)
	if err != nil {
		return nil, fmt.Errorf("payout accounts: %w", err)
	}
	defer rows.Close()
	var out []*prakerja.PayoutAccount
	for rows.Next() {
		a, err := scanPayoutAccount(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// PayoutAccountEvents implements prakerja.PayoutStore.
func (s *Store) PayoutAccountEvents(ctx context.Context, reg int64) ([]*prakerja.PayoutAccountEvent, error) {
	rows, err := s.readRows(ctx, s.rb(sqlPayoutEvents), reg)
	if err != nil {
		return nil, fmt.Errorf("payout account events: %w", err)
	}
	defer rows.Close()
	var out []*prakerja.PayoutAccountEvent
	for rows.Next() {
		var e prakerja.PayoutAccountEvent
		var at int64
		if err := rows.Scan(&e.ID, &e.RegistrationID, &e.AccountID, &e.Event, &e.Reason, &e.Actor, &at); err != nil {
			return nil, fmt.Errorf("scan payout account event: %w", err)
		}
		e.At = timeOf(at)
		out = append(out, &e)
	}
	return out, rows.Err()
}

// CountPayoutAccountsByNumber implements prakerja.PayoutStore.
func (s *Store) CountPayoutAccountsByNumber(ctx context.Context, index []byte) (int64, error) {
	var n int64
	if err := s.readRow(ctx, s.rb(sqlCountByNumber), index).Scan(&n); err != nil {
		return 0, fmt.Errorf("count payout accounts: %w", err)
	}
	return n, nil
}

func scanPayoutAccount(row scanner) (*prakerja.PayoutAccount, error) {
	var a prakerja.PayoutAccount
	var state, reason string
	var holder []byte
	var created int64
	var verified, unlinked sql.NullInt64
	err := row.Scan(&a.ID, &a.RegistrationID, &a.Provider, &a.Number.Ciphertext, &a.Number.Index, &a.NumberMasked,
		&holder, &state, &reason, &a.ChallengeID, &created, &verified, &unlinked)
	if err != nil {
		return nil, err
	}
	a.HolderSealed, a.State, a.Reason = holder, prakerja.PayoutAccountState(state), prakerja.Code(reason)
	a.CreatedAt, a.VerifiedAt, a.UnlinkedAt = timeOf(created), fromMicros(verified), fromMicros(unlinked)
	return &a, nil
}

// notFound turns a missing row into CodeNotFound with msg.
func notFound(err error, msg string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return prakerja.Errorf(prakerja.CodeNotFound, "%s", msg)
	}
	return err
}
