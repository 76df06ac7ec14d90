package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/prakerja/prakerja"
)

// CreateCharge implements prakerja.MarketplaceStore: the pending purchase,
// the SMS challenge and its message are one transaction, so a refused
// order id sends no SMS.
func (s *Store) CreateCharge(ctx context.Context, p *prakerja.Purchase, c *prakerja.Challenge, msg *prakerja.Message) error {
	if err := validateCharge(p, c, msg); err != nil {
		return fmt.Errorf("create charge: %w", err)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	s.warmWriter(ctx, s.q.insertChallenge, s.q.insertMessage, s.mq().insertPurchase)
	var challengeID, messageID, purchaseID int64
	record := func(ctx context.Context, tx *sql.Tx, _ []prakerja.TransferResult) error {
		var err error
		challengeID, messageID, purchaseID, err = s.insertCharge(ctx, tx, p, c, msg)
		return err
	}
	// No money moves yet, but the ledger's group commit is the cheapest
	// durable write there is: charges arriving together share one fsync.
	_, err := s.applyWith(ctx, nil, p.CreatedAt, nil, record)
	if err != nil {
		return fmt.Errorf("create charge: %w", err)
	}
	c.ID, msg.ID, p.ID, p.ChallengeID = challengeID, messageID, purchaseID, challengeID
	p.State, p.CreatedAt, p.OTPExpiresAt = prakerja.PurchasePending, utcMicro(p.CreatedAt), utcMicro(c.ExpiresAt)
	if msg.NextAttemptAt.IsZero() {
		msg.NextAttemptAt = msg.CreatedAt
	}
	return nil
}

// insertCharge writes the challenge, its SMS and the pending purchase in
// the caller's transaction.
func (s *Store) insertCharge(ctx context.Context, tx *sql.Tx, p *prakerja.Purchase, c *prakerja.Challenge, msg *prakerja.Message) (challengeID, messageID, purchaseID int64, err error) {
	if challengeID, err = insertChallenge(ctx, txStmtRower{s, tx, s.q.insertChallenge}, c, c.RegistrationID); err != nil {
		return 0, 0, 0, err
	}
	m := *msg
	if m.NextAttemptAt.IsZero() {
		m.NextAttemptAt = m.CreatedAt
	}
	if messageID, err = insertMessage(ctx, txStmtRower{s, tx, s.q.insertMessage}, &m, m.RegistrationID); err != nil {
		return 0, 0, 0, err
	}
	err = s.txRow(ctx, tx, s.mq().insertPurchase, p.RegistrationID, p.CourseID, p.PlatformID,
		p.ProviderID, p.OrderID, p.Amount, string(prakerja.PurchasePending), challengeID, p.TransferID[:],
		p.CreatedAt.UnixMicro()).Scan(&purchaseID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, 0, prakerja.Errorf(prakerja.CodeOrderTaken, "The platform used this order id before.")
	}
	if err != nil {
		return 0, 0, 0, fmt.Errorf("insert purchase: %w", err)
	}
	return challengeID, messageID, purchaseID, nil
}

// validateCharge refuses a charge no caller should build; the service
// checks the input a platform sends before it gets here.
func validateCharge(p *prakerja.Purchase, c *prakerja.Challenge, msg *prakerja.Message) error {
	switch {
	case p == nil || c == nil || msg == nil:
		return prakerja.Errorf(prakerja.CodeInvalid, "A charge needs its purchase, challenge and message.")
	case p.OrderID == "" || len(p.OrderID) > prakerja.PlatformOrderIDMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "An order id is 1 to %d bytes.", prakerja.PlatformOrderIDMax)
	case p.Amount <= 0 || p.Amount > prakerja.CoursePriceMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "A charge is 1 to %d rupiah.", prakerja.CoursePriceMax)
	case p.TransferID.IsZero():
		return prakerja.Errorf(prakerja.CodeInvalid, "A charge needs its transfer id.")
	case c.Purpose != prakerja.PurposePurchase || c.RegistrationID != p.RegistrationID:
		return prakerja.Errorf(prakerja.CodeInvalid, "A charge's challenge is a purchase code for its participant.")
	}
	if err := validateChallenge(c); err != nil {
		return err
	}
	return validateMessage(msg)
}

// Purchase implements prakerja.MarketplaceStore.
func (s *Store) Purchase(ctx context.Context, id int64) (*prakerja.Purchase, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	p, err := scanPurchase(s.readRow(ctx, s.mq().purchase, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "No purchase %d.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("purchase %d: %w", id, err)
	}
	return p, nil
}

// PurchaseByVoucher implements prakerja.MarketplaceStore. A code that is
// not even well-formed is unknown without a query.
func (s *Store) PurchaseByVoucher(ctx context.Context, code string) (*prakerja.Purchase, error) {
	if !prakerja.ValidVoucherCode(code) {
		return nil, errVoucherUnknown()
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	p, err := scanPurchase(s.readRow(ctx, s.mq().purchaseByVoucher, code))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errVoucherUnknown()
	}
	if err != nil {
		return nil, fmt.Errorf("purchase by voucher: %w", err)
	}
	return p, nil
}

func errVoucherUnknown() error {
	return prakerja.Errorf(prakerja.CodeVoucherUnknown, "No voucher with this code.")
}

// Purchases implements prakerja.MarketplaceStore.
func (s *Store) Purchases(ctx context.Context, f prakerja.PurchaseFilter) ([]*prakerja.Purchase, error) {
	limit := f.Limit
	if limit <= 0 || limit > prakerja.PurchasesPageMax {
		limit = prakerja.PurchasesPageMax
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.readRows(ctx, s.mq().purchases, f.RegistrationID, f.RegistrationID,
		string(f.State), string(f.State), limit)
	if err != nil {
		return nil, fmt.Errorf("purchases: %w", err)
	}
	defer rows.Close()
	var out []*prakerja.Purchase
	for rows.Next() {
		p, err := scanPurchase(rows)
		if err != nil {
			return nil, fmt.Errorf("purchases: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("purchases: %w", err)
	}
	return out, nil
}

// UnreviewedCompletions implements prakerja.MarketplaceStore.
func (s *Store) UnreviewedCompletions(ctx context.Context, registrationID int64) (int64, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var n int64
	if err := s.readRow(ctx, s.mq().unreviewed, registrationID).Scan(&n); err != nil {
		return 0, fmt.Errorf("unreviewed completions: %w", err)
	}
	return n, nil
}

// scanPurchase reads purchaseColumns.
func scanPurchase(row scanner) (*prakerja.Purchase, error) {
	var p prakerja.Purchase
	var state string
	var transfer []byte
	var otpExpires, created int64
	var paid, redeemed, completed, refunded sql.NullInt64
	var stars, reviewed sql.NullInt64
	var body sql.NullString
	err := row.Scan(&p.ID, &p.RegistrationID, &p.CourseID, &p.PlatformID, &p.ProviderID, &p.OrderID,
		&p.Amount, &state, &p.ChallengeID, &otpExpires, &transfer, &p.VoucherCode, &p.Certificate,
		&created, &paid, &redeemed, &completed, &refunded, &p.CourseTitle, &p.PlatformName,
		&p.ProviderName, &stars, &body, &reviewed)
	if err != nil {
		return nil, err
	}
	if len(transfer) != len(p.TransferID) {
		return nil, fmt.Errorf("purchase %d: transfer id of %d bytes", p.ID, len(transfer))
	}
	copy(p.TransferID[:], transfer)
	p.State, p.OTPExpiresAt, p.CreatedAt = prakerja.PurchaseState(state), timeOf(otpExpires), timeOf(created)
	p.PaidAt, p.RedeemedAt = fromMicros(paid), fromMicros(redeemed)
	p.CompletedAt, p.RefundedAt = fromMicros(completed), fromMicros(refunded)
	if stars.Valid {
		p.Review = &prakerja.CourseReview{PurchaseID: p.ID, RegistrationID: p.RegistrationID,
			CourseID: p.CourseID, Stars: int(stars.Int64), Text: body.String, CreatedAt: fromMicros(reviewed)}
	}
	return &p, nil
}
