package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// sqlChargeFacts reads, by card number, the card holder and the three
// counts a charge decides on: completed trainings not yet reviewed, the
// training account (its id checked against ParticipantAccountID, its
// available balance) and purchase codes created since a time. One prepared
// read instead of four, one of them unprepared (LedgerAccounts), on every
// charge. Placeholders: account code, purpose, since, card number.
const sqlChargeFacts = `SELECT p.registration_id, p.wave_id, w.scheme, p.revoked_at, r.phone_ct,
	(SELECT count(*) FROM market_purchases mp LEFT JOIN market_reviews rv ON rv.purchase_id = mp.id
	 WHERE mp.registration_id = p.registration_id AND mp.state = 'completed' AND rv.purchase_id IS NULL),
	a.id, COALESCE(a.credits_posted - a.debits_posted - a.debits_pending, 0),
	(SELECT count(*) FROM challenges ch
	 WHERE ch.registration_id = p.registration_id AND ch.purpose = ? AND ch.created_at >= ?)
	FROM participants p JOIN waves w ON w.id = p.wave_id JOIN registrations r ON r.id = p.registration_id
	LEFT JOIN ledger_accounts a ON a.id = p.registration_id * 16 + ?
	WHERE p.card_number = ?`

// ChargeFacts implements prakerja.MarketStore, on the read pool.
func (s *Store) ChargeFacts(ctx context.Context, cardNumber string, since time.Time) (*prakerja.ChargeFacts, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	h := &prakerja.CardHolder{}
	f := &prakerja.ChargeFacts{Holder: h}
	var revoked, account sql.NullInt64
	err := s.readRow(ctx, s.mq().chargeFacts, string(prakerja.PurposePurchase), since.UnixMicro(),
		int64(prakerja.AccountTraining), cardNumber).Scan(&h.RegistrationID, &h.WaveID, &h.Scheme, &revoked,
		&h.Phone.Ciphertext, &f.Unreviewed, &account, &f.Available, &f.CodesSince)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeCardUnknown, "No participant holds this card number.")
	}
	if err != nil {
		return nil, fmt.Errorf("charge facts: %w", err)
	}
	if want := prakerja.ParticipantAccountID(h.RegistrationID, prakerja.AccountTraining); account.Valid && account.Int64 != want {
		return nil, fmt.Errorf("charge facts: account %d read for registration %d, want %d",
			account.Int64, h.RegistrationID, want)
	}
	h.Revoked = revoked.Valid
	return f, nil
}
