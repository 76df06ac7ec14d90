package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
)

// purchaseDeadline revokes a card when no training bought with it stands
// (bought and not refunded) at the deadline: the card is marked revoked,
// the NIK blacklisted and the SMS queued in one transaction, once; then
// every remaining balance goes back to the wave's treasury-return account.
// A second run finds the card revoked and only finishes the returns, whose
// deterministic ids make each happen at most once.
func (r *Runner) purchaseDeadline(ctx context.Context, j *prakerja.Job, now time.Time) error {
	subj, err := r.store.JobSubject(ctx, j.RegistrationID)
	if err != nil {
		return fmt.Errorf("purchase deadline: %w", err)
	}
	if subj.RevokedAt.IsZero() {
		bought, err := r.hasPurchase(ctx, subj.RegistrationID)
		if err != nil {
			return err
		}
		if bought {
			return nil
		}
		err = r.revoke(ctx, subj, now)
		if prakerja.ErrorCode(err) == prakerja.CodeConflict {
			return nil // a purchase landed after hasPurchase looked
		}
		if err != nil {
			return err
		}
	}
	return r.returnBalances(ctx, subj, now)
}

// hasPurchase reads the training account's history: a purchase stands
// unless another transfer refers to it (a refund, a correction, or the
// post or void that resolved a reservation; a post is itself a purchase).
// The store re-checks the same rule when it revokes. A history longer
// than one page counts as bought, which errs on keeping the card.
func (r *Runner) hasPurchase(ctx context.Context, registrationID int64) (bool, error) {
	account := prakerja.ParticipantAccountID(registrationID, prakerja.AccountTraining)
	history, err := r.store.LedgerTransfers(ctx, prakerja.TransferFilter{Account: account, Limit: prakerja.LedgerPageMax})
	if err != nil {
		return false, fmt.Errorf("purchases: %w", err)
	}
	if len(history) == prakerja.LedgerPageMax {
		return true, nil
	}
	return standing(history), nil
}

// standing reports a purchase in history that no other transfer refers to.
// A void carries the purchase code but is no purchase.
func standing(history []*prakerja.Transfer) bool {
	referred := make(map[prakerja.TransferID]bool, len(history))
	for _, t := range history {
		if !t.Ref.IsZero() {
			referred[t.Ref] = true
		}
	}
	for _, t := range history {
		if t.Code == prakerja.TransferPurchase && t.Flags&prakerja.TransferVoidPending == 0 && !referred[t.ID] {
			return true
		}
	}
	return false
}

// revoke marks the card revoked with the SMS that says so.
func (r *Runner) revoke(ctx context.Context, subj *prakerja.JobSubject, now time.Time) error {
	params, err := notify.EncodeParams(r.keys, map[string]string{})
	if err != nil {
		return fmt.Errorf("revoke: %w", err)
	}
	msg := &prakerja.Message{RegistrationID: subj.RegistrationID, Channel: prakerja.ChannelSMS,
		Template: notify.TemplateCardRevoked, Locale: notify.DefaultLocale,
		Recipient: prakerja.Sealed{Ciphertext: subj.Phone.Ciphertext}, Params: params, NextAttemptAt: now, CreatedAt: now}
	rev := prakerja.Revocation{RegistrationID: subj.RegistrationID, Reason: prakerja.RevokeReasonFirstPurchase,
		NIKIndex: subj.NIKIndex}
	if _, err := r.store.RevokeParticipant(ctx, rev, msg, now); err != nil {
		return fmt.Errorf("revoke: %w", err)
	}
	subj.RevokedAt = now
	return nil
}

// returnBalances moves every participant balance still held to the wave's
// treasury-return account, one TransferRevoke per account with id
// RevokeID(registration, account). Empty and missing accounts are skipped.
func (r *Runner) returnBalances(ctx context.Context, subj *prakerja.JobSubject, now time.Time) error {
	treasury, err := r.ensureTreasury(ctx, subj.WaveID, now)
	if err != nil {
		return err
	}
	reg := subj.RegistrationID
	ids := make([]int64, len(prakerja.ParticipantAccountCodes))
	for i, code := range prakerja.ParticipantAccountCodes {
		ids[i] = prakerja.ParticipantAccountID(reg, code)
	}
	accounts, err := r.store.LedgerAccounts(ctx, ids)
	if err != nil {
		return fmt.Errorf("return balances: %w", err)
	}
	var transfers []prakerja.Transfer
	for i, code := range prakerja.ParticipantAccountCodes {
		a := accounts[ids[i]]
		if a == nil || a.Available() <= 0 {
			continue
		}
		transfers = append(transfers, prakerja.Transfer{ID: prakerja.RevokeID(reg, code), DebitAccount: a.ID,
			CreditAccount: treasury, Amount: a.Available(), Ledger: prakerja.LedgerIDR, Code: prakerja.TransferRevoke})
	}
	return r.applyAll(ctx, transfers, now)
}

// applyAll applies up to LedgerBatchMax transfers; every one must be
// created or exist already.
func (r *Runner) applyAll(ctx context.Context, transfers []prakerja.Transfer, now time.Time) error {
	if len(transfers) == 0 {
		return nil
	}
	results, err := r.store.ApplyTransfers(ctx, transfers, now)
	if err != nil {
		return fmt.Errorf("apply transfers: %w", err)
	}
	if len(results) != len(transfers) {
		return fmt.Errorf("apply transfers: %d results for %d transfers", len(results), len(transfers))
	}
	failed := 0
	var first string
	for i, res := range results {
		if !res.OK() {
			if failed == 0 {
				first = fmt.Sprintf("%s %s: %s", transfers[i].Code, transfers[i].ID, res)
			}
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d transfers refused, first %s", failed, len(transfers), first)
	}
	return nil
}
