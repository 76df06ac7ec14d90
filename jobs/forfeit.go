package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// forfeitPageMax is how many participants one forfeit batch covers: one
// ledger batch of transfers at most.
const forfeitPageMax = prakerja.LedgerBatchMax

// forfeitPagesMax bounds the pages of one wave (4,096 × 8,189 is over 33
// million participants, far above any wave).
const forfeitPagesMax = 4096

// programmeEnd forfeits the unspent training balance of every participant
// of the wave to its treasury-return account, page by page in
// registration order, with id ForfeitID(registration) and the account's
// balance as the amount. A rerun finds the balances at zero and the ids
// taken, so it changes nothing.
func (r *Runner) programmeEnd(ctx context.Context, j *prakerja.Job, now time.Time) error {
	treasury, err := r.ensureTreasury(ctx, j.WaveID, now)
	if err != nil {
		return err
	}
	var after int64
	for range forfeitPagesMax {
		ids, err := r.store.WaveParticipantIDs(ctx, j.WaveID, after, forfeitPageMax)
		if err != nil {
			return fmt.Errorf("programme end: %w", err)
		}
		if len(ids) == 0 {
			return r.auditForfeit(ctx, j.WaveID, now)
		}
		if err := r.forfeitPage(ctx, ids, treasury, now); err != nil {
			return fmt.Errorf("programme end after registration %d: %w", after, err)
		}
		after = ids[len(ids)-1]
	}
	return fmt.Errorf("programme end: wave %d has more than %d pages", j.WaveID, forfeitPagesMax)
}

// forfeitPage forfeits the training balances of one page of participants.
func (r *Runner) forfeitPage(ctx context.Context, regs []int64, treasury int64, now time.Time) error {
	ids := make([]int64, len(regs))
	for i, reg := range regs {
		ids[i] = prakerja.ParticipantAccountID(reg, prakerja.AccountTraining)
	}
	accounts, err := r.store.LedgerAccounts(ctx, ids)
	if err != nil {
		return err
	}
	transfers := make([]prakerja.Transfer, 0, len(regs))
	for i, reg := range regs {
		a := accounts[ids[i]]
		if a == nil || a.Available() <= 0 {
			continue
		}
		transfers = append(transfers, prakerja.Transfer{ID: prakerja.ForfeitID(reg), DebitAccount: a.ID,
			CreditAccount: treasury, Amount: a.Available(), Ledger: prakerja.LedgerIDR, Code: prakerja.TransferForfeit})
	}
	return r.applyAll(ctx, transfers, now)
}

// auditForfeit records a finished programme end in the audit chain, when
// the store keeps one (every prakerja.Store does; a reduced test store may
// not).
func (r *Runner) auditForfeit(ctx context.Context, waveID int64, now time.Time) error {
	a, ok := r.store.(prakerja.AuditStore)
	if !ok {
		return nil
	}
	return a.AppendAudit(ctx, &prakerja.AuditEntry{At: now, Actor: prakerja.AuditActorOf(ctx),
		Action: prakerja.AuditWaveForfeited, Subject: fmt.Sprintf("wave:%d", waveID), Detail: "{}"})
}
