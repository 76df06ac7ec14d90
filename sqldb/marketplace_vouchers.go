package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// RedeemVoucher implements prakerja.MarketplaceStore: one conditional
// update, so two redeems of one voucher cannot both succeed.
func (s *Store) RedeemVoucher(ctx context.Context, providerID int64, code string, now time.Time) (*prakerja.Purchase, error) {
	return s.voucherStep(ctx, providerID, code, prakerja.PurchasePaid, s.mq().redeem, now.UnixMicro(), code, providerID)
}

// CompleteVoucher implements prakerja.MarketplaceStore.
func (s *Store) CompleteVoucher(ctx context.Context, providerID int64, code, certificate string, now time.Time) (*prakerja.Purchase, error) {
	if certificate == "" || len(certificate) > prakerja.CertificateNumberMax {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "A certificate number is 1 to %d bytes.", prakerja.CertificateNumberMax)
	}
	return s.voucherStep(ctx, providerID, code, prakerja.PurchaseRedeemed, s.mq().complete, certificate,
		now.UnixMicro(), code, providerID)
}

// voucherStep applies a provider's conditional update; when it changes
// nothing, a read tells an unknown voucher (or another provider's) from
// one in the wrong state.
func (s *Store) voucherStep(ctx context.Context, providerID int64, code string, from prakerja.PurchaseState, query string, args ...any) (*prakerja.Purchase, error) {
	if !prakerja.ValidVoucherCode(code) {
		return nil, errVoucherUnknown()
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	res, err := s.writer.ExecContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("voucher step: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return nil, fmt.Errorf("voucher step: %w", err)
	}
	p, err := s.PurchaseByVoucher(ctx, code)
	if err != nil {
		return nil, err
	}
	if p.ProviderID != providerID {
		return nil, errVoucherUnknown()
	}
	if n == 0 {
		return nil, prakerja.Errorf(prakerja.CodeVoucherState, "This voucher is %s, not %s.", p.State, from)
	}
	return p, nil
}

// ReviewPurchase implements prakerja.MarketplaceStore. The participant's
// first review also queues the incentive unlocks in the same transaction,
// so a stored review can never miss its schedule.
func (s *Store) ReviewPurchase(ctx context.Context, in prakerja.ReviewInput) (*prakerja.Purchase, error) {
	r := in.Review
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if in.IncentiveCount < 0 || in.IncentiveCount > prakerja.JobBatchMax || in.IntervalDays < 0 {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "An incentive schedule of %d slots every %d days is not valid.",
			in.IncentiveCount, in.IntervalDays)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	s.warmWriter(ctx, s.mq().lockPurchase, s.mq().countReviews, s.mq().insertReview, s.mq().participantWave)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		lp, err := s.lockPurchase(ctx, tx, s.mq().lockPurchase, r.PurchaseID)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && lp.registration != r.RegistrationID) {
			return prakerja.Errorf(prakerja.CodeNotFound, "No purchase %d of yours.", r.PurchaseID)
		}
		if err != nil {
			return fmt.Errorf("lock purchase: %w", err)
		}
		if lp.state != prakerja.PurchaseCompleted {
			return prakerja.Errorf(prakerja.CodeVoucherState, "A training is reviewed once completed; this one is %s.", lp.state)
		}
		return s.insertReview(ctx, tx, in, lp)
	})
	if err != nil {
		return nil, fmt.Errorf("review purchase %d: %w", r.PurchaseID, err)
	}
	return s.Purchase(ctx, r.PurchaseID)
}

// insertReview stores the review and, when it is the participant's first,
// the incentive-unlock jobs.
func (s *Store) insertReview(ctx context.Context, tx *sql.Tx, in prakerja.ReviewInput, lp *lockedPurchase) error {
	r := in.Review
	var before int64
	if err := s.txRow(ctx, tx, s.mq().countReviews, r.RegistrationID).Scan(&before); err != nil {
		return fmt.Errorf("count reviews: %w", err)
	}
	var id int64
	err := s.txRow(ctx, tx, s.mq().insertReview, lp.id, r.RegistrationID, lp.course, r.Stars, r.Text,
		r.CreatedAt.UnixMicro()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return prakerja.Errorf(prakerja.CodeConflict, "This training is already reviewed.")
	}
	if err != nil {
		return fmt.Errorf("insert review: %w", err)
	}
	if before > 0 || in.IncentiveCount == 0 {
		return nil
	}
	var wave int64
	if err := s.txRow(ctx, tx, s.mq().participantWave, r.RegistrationID).Scan(&wave); err != nil {
		return fmt.Errorf("read wave: %w", err)
	}
	return s.enqueueJobsTx(ctx, tx, unlockJobs(r.RegistrationID, wave, in, r.CreatedAt))
}

// unlockJobs are the incentive slots of a participant, the first due at
// the review and each next one IntervalDays later (DOMAIN §2.5 item 16).
func unlockJobs(reg, wave int64, in prakerja.ReviewInput, at time.Time) []prakerja.Job {
	jobs := make([]prakerja.Job, 0, in.IncentiveCount)
	for n := 1; n <= in.IncentiveCount; n++ {
		jobs = append(jobs, prakerja.Job{Kind: prakerja.JobUnlockIncentive, Key: fmt.Sprintf("%d:%d", reg, n),
			RegistrationID: reg, WaveID: wave, Slot: n, CreatedAt: at,
			DueAt: at.Add(time.Duration(n-1) * time.Duration(in.IntervalDays) * 24 * time.Hour)})
	}
	return jobs
}
