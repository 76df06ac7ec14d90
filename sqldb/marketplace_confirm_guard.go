package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/prakerja/prakerja"
)

// sqlConfirmGuard reads everything a confirmation decides on in one
// statement: the purchase row (lockColumns), its code (challengeColumns),
// the card's revocation and the course's sale flag. It runs inside the
// ledger's serial loop, where every statement delays every queued caller;
// it replaces four.
const sqlConfirmGuard = `SELECT p.id, p.registration_id, p.course_id, p.platform_id, p.provider_id, p.amount,
	p.state, p.challenge_id, p.transfer_id,
	ch.id, ch.registration_id, ch.purpose, ch.channel, ch.code_hash, ch.max_attempts, ch.attempts,
	ch.expires_at, ch.used_at, ch.created_at,
	pt.revoked_at, c.active
	FROM market_purchases p JOIN challenges ch ON ch.id = p.challenge_id
	JOIN participants pt ON pt.registration_id = p.registration_id
	JOIN market_courses c ON c.id = p.course_id
	WHERE p.id = ?`

// confirmGuardLock locks, on PostgreSQL, the rows the confirmation
// changes or must not see change (purchase, code, card), as the separate
// reads did; the course row stays unlocked so confirmations of one course
// do not queue on it.
const confirmGuardLock = ` FOR UPDATE OF p, ch, pt`

// confirmFacts is what sqlConfirmGuard reads.
type confirmFacts struct {
	purchase  lockedPurchase
	challenge prakerja.Challenge
	revoked   bool
	active    bool
}

// confirmGuardQuery is sqlConfirmGuard with the row locks where the
// dialect has them (before rebinding).
func confirmGuardQuery(d Dialect) string {
	if d.forUpdate == "" {
		return sqlConfirmGuard
	}
	return sqlConfirmGuard + confirmGuardLock
}

// readConfirmFacts reads purchase id's confirmFacts inside tx.
func (s *Store) readConfirmFacts(ctx context.Context, tx *sql.Tx, id int64) (*confirmFacts, error) {
	var f confirmFacts
	p, c := &f.purchase, &f.challenge
	var state, purpose, channel string
	var transfer []byte
	var chRegistration, used, revoked sql.NullInt64
	var expires, created, active int64
	err := s.txRow(ctx, tx, s.mq().confirmGuard, id).Scan(&p.id, &p.registration, &p.course, &p.platform,
		&p.provider, &p.amount, &state, &p.challenge, &transfer,
		&c.ID, &chRegistration, &purpose, &channel, &c.CodeHash, &c.MaxAttempts, &c.Attempts,
		&expires, &used, &created, &revoked, &active)
	if err != nil {
		return nil, fmt.Errorf("read charge: %w", err)
	}
	if len(transfer) != len(p.transfer) {
		return nil, fmt.Errorf("read charge %d: transfer id of %d bytes", id, len(transfer))
	}
	p.state = prakerja.PurchaseState(state)
	copy(p.transfer[:], transfer)
	c.RegistrationID, c.Purpose, c.Channel = chRegistration.Int64, prakerja.ChallengePurpose(purpose), prakerja.Channel(channel)
	c.ExpiresAt, c.UsedAt, c.CreatedAt = timeOf(expires), fromMicros(used), timeOf(created)
	f.revoked, f.active = revoked.Valid, active == 1
	return &f, nil
}
