package ledger

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// creditBatch creates a batch of participants' accounts, then posts their
// entitlements. A result other than created or exists stops the run: the
// budget was checked first, so it means a bug or a change behind our back.
func (c *Crediter) creditBatch(ctx context.Context, waveID, budget int64, sch *scheme.Scheme,
	regs []int64, now time.Time, res *CreditResult) error {
	accts := make([]prakerja.Account, 0, len(regs)*len(prakerja.ParticipantAccountCodes))
	transfers := make([]prakerja.Transfer, 0, len(regs)*entitlementsPer(sch))
	for _, reg := range regs {
		accts = appendParticipantAccounts(accts, reg)
		transfers = appendEntitlements(transfers, waveID, reg, budget, sch)
	}
	acctResults, results, err := c.Store.ApplyBatch(ctx, accts, transfers, now)
	if err != nil {
		return fmt.Errorf("credit wave %d: %w", waveID, err)
	}
	if err := countAccounts(accts, acctResults, res); err != nil {
		return err
	}
	var created, existing, amount int64
	for i, r := range results {
		switch r {
		case prakerja.ResultCreated:
			created, amount = created+1, amount+transfers[i].Amount
		case prakerja.ResultExists:
			existing++
		default:
			return prakerja.Errorf(prakerja.CodeLedgerRefused, "Crediting registration %d (%s) was refused: %s.",
				transfers[i].CreditAccount>>4, transfers[i].Code, r)
		}
	}
	atomic.AddInt64(&res.Transfers, created)
	atomic.AddInt64(&res.Existing, existing)
	atomic.AddInt64(&res.Amount, amount)
	return nil
}

// createAccounts creates accounts, accepting ones that already exist.
func (c *Crediter) createAccounts(ctx context.Context, accts []prakerja.Account, now time.Time, res *CreditResult) error {
	results, err := c.Store.CreateAccounts(ctx, accts, now)
	if err != nil {
		return fmt.Errorf("create accounts: %w", err)
	}
	return countAccounts(accts, results, res)
}

// countAccounts adds the accounts created to res and refuses any that
// exists with other fields.
func countAccounts(accts []prakerja.Account, results []prakerja.TransferResult, res *CreditResult) error {
	var created int64
	for i, r := range results {
		switch r {
		case prakerja.ResultCreated:
			created++
		case prakerja.ResultExists:
		default:
			return prakerja.Errorf(prakerja.CodeLedgerRefused, "Account %d could not be created: %s.", accts[i].ID, r)
		}
	}
	atomic.AddInt64(&res.Accounts, created)
	return nil
}

// schedule queues each participant's first-purchase deadline (counted from
// the announcement, when the card was issued) and the wave's forfeiture
// at the programme end. Jobs are unique by key, so a rerun adds none. It
// reads the participants a page at a time: only it needs their cards.
func (c *Crediter) schedule(ctx context.Context, w *prakerja.Wave, sch *scheme.Scheme, now time.Time) error {
	deadline := time.Duration(sch.FirstPurchaseDeadlineDays) * 24 * time.Hour
	jobs := make([]prakerja.Job, 0, prakerja.JobBatchMax)
	flush := func() error {
		if len(jobs) == 0 {
			return nil
		}
		err := c.Jobs.EnqueueJobs(ctx, jobs, now)
		jobs = jobs[:0]
		return err
	}
	for after := int64(0); ; {
		page, err := c.Store.WaveParticipants(ctx, w.ID, after, prakerja.ParticipantsPageMax)
		if err != nil {
			return err
		}
		for _, p := range page {
			jobs = append(jobs, prakerja.PurchaseDeadlineJob(p.RegistrationID, w.ID, p.CreatedAt.Add(deadline), now))
			if len(jobs) == cap(jobs) {
				if err := flush(); err != nil {
					return fmt.Errorf("schedule deadlines: %w", err)
				}
			}
		}
		if len(page) < prakerja.ParticipantsPageMax {
			break
		}
		after = page[len(page)-1].RegistrationID
	}
	jobs = append(jobs, prakerja.ProgrammeEndJob(w.ID, sch.ProgrammeEndsAt(), now))
	if err := flush(); err != nil {
		return fmt.Errorf("schedule programme end: %w", err)
	}
	return nil
}
