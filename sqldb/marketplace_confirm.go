package sqldb

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// lockedPurchase is what a write decides on, read with the row locked.
type lockedPurchase struct {
	id, registration, course, platform, provider, amount, challenge int64
	state                                                           prakerja.PurchaseState
	transfer                                                        prakerja.TransferID
}

// lockPurchase reads a purchase row inside tx (locked on PostgreSQL).
func (s *Store) lockPurchase(ctx context.Context, tx *sql.Tx, query string, key any) (*lockedPurchase, error) {
	var p lockedPurchase
	var state string
	var transfer []byte
	err := s.txRow(ctx, tx, query, key).Scan(&p.id, &p.registration, &p.course, &p.platform,
		&p.provider, &p.amount, &state, &p.challenge, &transfer)
	if err != nil {
		return nil, err
	}
	p.state = prakerja.PurchaseState(state)
	copy(p.transfer[:], transfer)
	return &p, nil
}

// purchaseTransfer is the ledger transfer of a purchase: the price from
// the participant's training balance to the provider's payable.
func purchaseTransfer(p *prakerja.Purchase) prakerja.Transfer {
	return prakerja.Transfer{ID: p.TransferID, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferPurchase,
		DebitAccount:  prakerja.ParticipantAccountID(p.RegistrationID, prakerja.AccountTraining),
		CreditAccount: prakerja.SystemAccountID(prakerja.AccountProviderPayable, p.ProviderID, 0),
		Amount:        p.Amount, UserData: p.ID}
}

// ConfirmPurchase implements prakerja.MarketplaceStore. The code check,
// the debit and the voucher are one transaction (applyWith): a wrong code
// only counts an attempt, and a voucher never exists without its debit.
func (s *Store) ConfirmPurchase(ctx context.Context, in prakerja.PurchaseConfirmation, now time.Time) (*prakerja.Purchase, error) {
	if !prakerja.ValidVoucherCode(in.VoucherCode) {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "A voucher code is %d base32 characters.", prakerja.VoucherCodeLen)
	}
	p, err := in.Charge, error(nil)
	if p == nil || p.ID != in.PurchaseID {
		p, err = s.Purchase(ctx, in.PurchaseID)
	}
	if err != nil || p.PlatformID != in.PlatformID {
		return nil, chargeUnknown(err)
	}
	p = clonePurchase(p)
	if p.State != prakerja.PurchasePending {
		return nil, prakerja.Errorf(prakerja.CodeVoucherState, "This charge is %s, not waiting for its code.", p.State)
	}
	s.warmWriter(ctx, s.mq().confirmGuard, s.mq().countAttempt, s.mq().useChallenge, s.mq().payPurchase)
	var challenge *prakerja.Challenge
	guard := func(ctx context.Context, tx *sql.Tx) error {
		var err error
		challenge, err = s.confirmGuard(ctx, tx, p, in.CodeHash, now)
		return err
	}
	record := func(ctx context.Context, tx *sql.Tx, _ []prakerja.TransferResult) error {
		if _, err := s.txExec(ctx, tx, s.mq().useChallenge, now.UnixMicro(), challenge.ID); err != nil {
			return fmt.Errorf("mark code used: %w", err)
		}
		return s.execOne(ctx, tx, s.mq().payPurchase, "pay purchase", in.VoucherCode, now.UnixMicro(), p.ID)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	results, err := s.applyWith(ctx, []prakerja.Transfer{purchaseTransfer(p)}, now, guard, record)
	if err != nil {
		return nil, fmt.Errorf("confirm purchase %d: %w", p.ID, err)
	}
	if err := purchaseResult(results); err != nil {
		return nil, err
	}
	p.State, p.VoucherCode, p.PaidAt = prakerja.PurchasePaid, in.VoucherCode, utcMicro(now)
	return p, nil
}

// clonePurchase copies a purchase so the caller's value is never changed.
func clonePurchase(p *prakerja.Purchase) *prakerja.Purchase {
	c := *p
	if p.Review != nil {
		r := *p.Review
		c.Review = &r
	}
	return &c
}

// chargeUnknown turns a failed read into "no such charge"; another
// platform's charge is not found either, so ids cannot be probed.
func chargeUnknown(err error) error {
	if err == nil || prakerja.ErrorCode(err) == prakerja.CodeNotFound {
		return prakerja.Errorf(prakerja.CodeNotFound, "No such charge of this platform.")
	}
	return err
}

// confirmGuard runs first in the confirm transaction: the charge is still
// pending, the code is right (a wrong one counts an attempt, which is
// kept), the card is not revoked and the course is for sale. It reads all
// of that in one statement (readConfirmFacts).
func (s *Store) confirmGuard(ctx context.Context, tx *sql.Tx, p *prakerja.Purchase, hash []byte, now time.Time) (*prakerja.Challenge, error) {
	f, err := s.readConfirmFacts(ctx, tx, p.ID)
	if err != nil {
		return nil, err
	}
	lp, c := &f.purchase, &f.challenge
	if lp.state != prakerja.PurchasePending {
		return nil, prakerja.Errorf(prakerja.CodeVoucherState, "This charge is %s, not waiting for its code.", lp.state)
	}
	if lp.registration != p.RegistrationID || lp.provider != p.ProviderID || lp.amount != p.Amount ||
		lp.transfer != p.TransferID || lp.platform != p.PlatformID || lp.challenge != p.ChallengeID {
		return nil, fmt.Errorf("charge %d differs from the stored row", p.ID)
	}
	if err := usable(c, now); err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare(c.CodeHash, hash) != 1 {
		if _, err := s.txExec(ctx, tx, s.mq().countAttempt, c.ID); err != nil {
			return nil, fmt.Errorf("count attempt: %w", err)
		}
		return nil, prakerja.Errorf(prakerja.CodeOTPInvalid, "The code is wrong; %d of %d tries left.",
			max(c.MaxAttempts-c.Attempts-1, 0), c.MaxAttempts)
	}
	if f.revoked {
		return nil, prakerja.Errorf(prakerja.CodeCardRevoked, "This card has been revoked.")
	}
	if !f.active {
		return nil, prakerja.Errorf(prakerja.CodeCourseInactive, "This course is not for sale now.")
	}
	return c, nil
}

// purchaseResult maps the ledger's answer for a purchase: too little
// balance (or none credited yet) is the participant's problem to know; any
// other refusal is a bug.
func purchaseResult(results []prakerja.TransferResult) error {
	if len(results) != 1 {
		return fmt.Errorf("purchase transfer: %d results", len(results))
	}
	switch r := results[0]; {
	case r.OK():
		return nil
	case r == prakerja.ResultExceedsCredits || r == prakerja.ResultAccountNotFound:
		return prakerja.Errorf(prakerja.CodeBalanceInsufficient, "The training balance does not cover the price.")
	default:
		return fmt.Errorf("purchase transfer refused: %s", r)
	}
}

// execOne runs a statement that must change exactly one row.
func (s *Store) execOne(ctx context.Context, tx *sql.Tx, query, what string, args ...any) error {
	res, err := s.txExec(ctx, tx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n != 1 {
		return fmt.Errorf("%s: %d rows changed, want 1", what, n)
	}
	return nil
}

// RefundVoucher implements prakerja.MarketplaceStore. The refund transfer
// reverses the purchase (Ref) with a deterministic id, and the state
// change is in the same transaction: the money comes back once.
func (s *Store) RefundVoucher(ctx context.Context, platformID int64, code string, now time.Time) (*prakerja.Purchase, error) {
	p, err := s.PurchaseByVoucher(ctx, code)
	if err != nil {
		return nil, err
	}
	if p.PlatformID != platformID {
		return nil, errVoucherUnknown()
	}
	if p.State != prakerja.PurchasePaid {
		return nil, prakerja.Errorf(prakerja.CodeVoucherState, "Only a paid, unredeemed voucher is refunded; this one is %s.", p.State)
	}
	t := purchaseTransfer(p)
	t.ID, t.Ref, t.Code = prakerja.RefundTransferID(p.TransferID), p.TransferID, prakerja.TransferRefund
	t.DebitAccount, t.CreditAccount = t.CreditAccount, t.DebitAccount
	s.warmWriter(ctx, s.mq().lockPurchase, s.mq().refund)
	guard := func(ctx context.Context, tx *sql.Tx) error {
		lp, err := s.lockPurchase(ctx, tx, s.mq().lockPurchase, p.ID)
		if err != nil {
			return fmt.Errorf("lock purchase: %w", err)
		}
		if lp.state != prakerja.PurchasePaid {
			return prakerja.Errorf(prakerja.CodeVoucherState, "Only a paid, unredeemed voucher is refunded; this one is %s.", lp.state)
		}
		return nil
	}
	record := func(ctx context.Context, tx *sql.Tx, _ []prakerja.TransferResult) error {
		return s.execOne(ctx, tx, s.mq().refund, "refund purchase", now.UnixMicro(), p.ID)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	results, err := s.applyWith(ctx, []prakerja.Transfer{t}, now, guard, record)
	if err != nil {
		return nil, fmt.Errorf("refund purchase %d: %w", p.ID, err)
	}
	if len(results) != 1 || !results[0].OK() {
		return nil, fmt.Errorf("refund transfer of purchase %d refused: %v", p.ID, results)
	}
	return s.Purchase(ctx, p.ID)
}
