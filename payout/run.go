package payout

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/prakerja/prakerja"
)

// RunSummary is what preparing a run did.
type RunSummary struct {
	Run            *prakerja.PayoutRun `json:"-"`
	RunID          int64               `json:"run_id"`
	Resumed        bool                `json:"resumed,omitempty"` // an unfinished run (a prepare killed part-way) was finished
	Reserved       int64               `json:"reserved"`          // the run's payments, those of a resumed run's earlier part too
	Total          int64               `json:"total"`
	WaitingAccount int64               `json:"waiting_account"` // due slots whose participant has no verified account
	Refused        int64               `json:"refused"`         // reservations the ledger refused (balance revoked)
}

// Prepare makes a run of every slot unlocked at or before cutoff: each is
// reserved as a pending transfer from the participant's available balance
// to the partner's clearing account. Nothing leaves until another operator
// approves. The run stays "preparing", which no one can approve, until
// every due slot is reserved; a prepare killed part-way is resumed by the
// next one (its cutoff stands), whose reservations skip the slots already
// reserved. progress, if not nil, is called after each batch.
func (s *Service) Prepare(ctx context.Context, maker string, cutoff time.Time, progress func(reserved int64)) (*RunSummary, error) {
	now := s.now()
	run := &prakerja.PayoutRun{Cutoff: cutoff.UTC(), FileItemsMax: s.cfg.FileItemsMax, PreparedBy: maker, CreatedAt: now}
	resumed, err := s.store.CreatePayoutRun(ctx, run)
	if err != nil {
		return nil, err
	}
	if err := s.ensureClearing(ctx, now); err != nil {
		return nil, err
	}
	sum := &RunSummary{RunID: run.ID, Resumed: resumed}
	if err := s.reserveAll(ctx, run, sum, progress); err != nil {
		return nil, err
	}
	if run, err = s.store.FinishRun(ctx, run.ID, maker, s.now()); err != nil {
		return nil, err
	}
	sum.Run, sum.Reserved, sum.Total = run, run.Payments, run.Total
	return sum, nil
}

// reservePipeline is how many pages are reserved at once. Pages are
// disjoint (keyset by ledger sequence), so the next page is read while the
// previous ones commit, and two queued reservations share one ledger
// transaction (one fsync) instead of waiting for each other's reads.
const reservePipeline = 2

// reserveAll reserves every due slot of run, page by page.
func (s *Service) reserveAll(ctx context.Context, run *prakerja.PayoutRun, sum *RunSummary, progress func(reserved int64)) error {
	page := prakerja.LedgerBatchMax
	if s.cfg.PreparePage > 0 {
		page = min(s.cfg.PreparePage, page)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(reservePipeline)
	var mu sync.Mutex
	for after := int64(0); gctx.Err() == nil; {
		due, err := s.store.DueSlots(gctx, run.Cutoff, after, page)
		if err != nil {
			return errors.Join(err, g.Wait())
		}
		if len(due) == 0 {
			break
		}
		after = due[len(due)-1].Seq
		g.Go(func() error {
			part := &RunSummary{}
			if err := s.reserve(gctx, run.ID, due, part); err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			sum.Reserved, sum.Total = sum.Reserved+part.Reserved, sum.Total+part.Total
			sum.WaitingAccount, sum.Refused = sum.WaitingAccount+part.WaitingAccount, sum.Refused+part.Refused
			if progress != nil {
				progress(sum.Reserved)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err() // a cancelled prepare must not finish a partial run
}

// reserve turns one page of due slots into payments.
func (s *Service) reserve(ctx context.Context, runID int64, due []prakerja.DueSlot, sum *RunSummary) error {
	ps := make([]*prakerja.Payment, 0, len(due))
	for _, d := range due {
		if d.AccountID == 0 {
			sum.WaitingAccount++
			continue
		}
		ps = append(ps, &prakerja.Payment{RunID: runID, RegistrationID: d.RegistrationID, Kind: d.Kind, Slot: d.Slot,
			Attempt: d.Attempt, Amount: d.Amount, Provider: d.Provider, PayoutAccountID: d.AccountID,
			Reference: prakerja.PaymentReference(d.RegistrationID, d.Kind, d.Slot),
			PendingID: prakerja.PayoutID(d.RegistrationID, d.Kind, d.Slot, d.Attempt)})
	}
	if len(ps) == 0 {
		return nil
	}
	refused, err := s.store.ReservePayments(ctx, runID, ps, s.now())
	if err != nil {
		return err
	}
	sum.Refused += int64(len(refused))
	for i, p := range ps {
		if _, no := refused[i]; !no {
			sum.Reserved++
			sum.Total += p.Amount
		}
	}
	return nil
}

// ensureClearing creates every partner's clearing account once.
func (s *Service) ensureClearing(ctx context.Context, now time.Time) error {
	accounts := make([]prakerja.Account, 0, len(prakerja.PayoutProviders))
	for i := range prakerja.PayoutProviders {
		p := &prakerja.PayoutProviders[i]
		accounts = append(accounts, prakerja.Account{ID: prakerja.ClearingAccountID(p), Ledger: prakerja.LedgerIDR,
			Code: prakerja.AccountPayoutClearing, Name: "Payout clearing " + p.Code, CreatedAt: now})
	}
	results, err := s.store.CreateAccounts(ctx, accounts, now)
	if err != nil {
		return fmt.Errorf("clearing accounts: %w", err)
	}
	for i, r := range results {
		if !r.OK() {
			return fmt.Errorf("clearing account %s: %s", accounts[i].Name, r)
		}
	}
	return nil
}

// Approve is the checker's step: another operator than the maker approves
// the run, and its files are written to the outbox.
func (s *Service) Approve(ctx context.Context, runID int64, checker string) (*prakerja.PayoutRun, []*prakerja.PayoutFile, error) {
	run, err := s.store.ApproveRun(ctx, runID, checker, s.now())
	if err != nil {
		return nil, nil, err
	}
	files, err := s.WriteFiles(ctx, run.ID)
	if err != nil {
		return run, nil, err
	}
	run, err = s.store.PayoutRun(ctx, run.ID)
	return run, files, err
}

// Refuse is the checker's other step: the run's reservations are voided
// back to the participants' available balances.
func (s *Service) Refuse(ctx context.Context, runID int64, checker string) (*prakerja.PayoutRun, error) {
	return s.store.RefuseRun(ctx, runID, checker, s.now())
}
