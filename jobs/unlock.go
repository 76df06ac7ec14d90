package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// unlock moves one entitlement slot of a participant from locked to
// available. The transfer's id is UnlockID(registration, code, slot), so a
// second run gets "exists", which is success. A revoked card unlocks
// nothing: its balances went back to the treasury.
func (r *Runner) unlock(ctx context.Context, j *prakerja.Job, code prakerja.TransferCode, now time.Time) error {
	subj, err := r.store.JobSubject(ctx, j.RegistrationID)
	if err != nil {
		return fmt.Errorf("unlock: %w", err)
	}
	if !subj.RevokedAt.IsZero() {
		return nil
	}
	t, err := r.unlockTransfer(subj, code, j.Slot)
	if err != nil {
		return err
	}
	return r.applyOne(ctx, t, now)
}

// unlockTransfer builds the transfer of slot from the wave's scheme.
func (r *Runner) unlockTransfer(subj *prakerja.JobSubject, code prakerja.TransferCode, slot int) (prakerja.Transfer, error) {
	sch, err := r.schemes.get(subj.Scheme)
	if err != nil {
		return prakerja.Transfer{}, err
	}
	locked, avail := prakerja.AccountIncentiveLocked, prakerja.AccountIncentiveAvailable
	amount, count := sch.Incentives.Amount, sch.Incentives.Count
	if code == prakerja.TransferUnlockSurvey {
		locked, avail = prakerja.AccountSurveyLocked, prakerja.AccountSurveyAvailable
		amount, count = sch.Surveys.Amount, sch.Surveys.Count
	}
	if slot < 1 || slot > count {
		return prakerja.Transfer{}, fmt.Errorf("unlock: slot %d is outside 1..%d of scheme %s", slot, count, sch.Name)
	}
	reg := subj.RegistrationID
	return prakerja.Transfer{ID: prakerja.UnlockID(reg, code, slot),
		DebitAccount: prakerja.ParticipantAccountID(reg, locked), CreditAccount: prakerja.ParticipantAccountID(reg, avail),
		Amount: amount, Ledger: prakerja.LedgerIDR, Code: code, UserData: int64(slot)}, nil
}

// applyOne applies one transfer; created and exists are both success.
func (r *Runner) applyOne(ctx context.Context, t prakerja.Transfer, now time.Time) error {
	results, err := r.store.ApplyTransfers(ctx, []prakerja.Transfer{t}, now)
	if err != nil {
		return fmt.Errorf("apply %s: %w", t.Code, err)
	}
	if len(results) != 1 {
		return fmt.Errorf("apply %s: %d results for 1 transfer", t.Code, len(results))
	}
	if !results[0].OK() {
		return fmt.Errorf("apply %s %s: %s", t.Code, t.ID, results[0])
	}
	return nil
}
