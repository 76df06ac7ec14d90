package ledger

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// CreditWorkersDefault is how many batches are in flight at once: enough
// that the store's group commit always has the next batch queued while one
// commits, few enough to bound memory.
const CreditWorkersDefault = 4

// JobScheduler queues durable jobs; the store implements it.
type JobScheduler interface {
	EnqueueJobs(ctx context.Context, jobs []prakerja.Job, now time.Time) error
}

// Crediter posts a drawn wave's entitlements: for each participant the
// training balance (spendable at once) and every incentive and survey slot
// (locked), each as its own transfer from the wave's budget with a
// deterministic id, so a rerun — after a crash, from another node — posts
// nothing twice. It also schedules the first-purchase deadline of each
// participant and the wave's programme-end forfeiture.
type Crediter struct {
	Store   prakerja.Store
	Jobs    JobScheduler // nil: no jobs scheduled (benchmarks)
	Workers int          // 0 = CreditWorkersDefault
	// BatchParticipants caps the participants per batch (0 = as many as
	// LedgerBatchMax transfers hold).
	BatchParticipants int
	// Progress and Acked are called one at a time, from the workers.
	Progress func(done, total int64)
	// Acked, when set, is told each batch of participants (by first and
	// last registration) once it is durably committed: what a crash test
	// holds the store to after a kill.
	Acked func(first, last int64)
}

// CreditResult reports a credit run.
type CreditResult struct {
	Participants int64 `json:"participants"`
	Transfers    int64 `json:"transfers"` // created now
	Existing     int64 `json:"existing"`  // already there (a rerun)
	Amount       int64 `json:"amount"`    // rupiah posted now
	Accounts     int64 `json:"accounts"`  // created now
}

// BudgetAccount is a wave's budget from one funding source.
func BudgetAccount(waveID int64, source uint16) int64 {
	return prakerja.SystemAccountID(prakerja.AccountBudget, waveID, source)
}

// TreasuryAccount is where a wave's returned money goes.
func TreasuryAccount(waveID int64) int64 {
	return prakerja.SystemAccountID(prakerja.AccountTreasuryReturn, waveID, 0)
}

// Credit credits wave w under scheme sch from funding source's budget.
// It refuses, before posting anything, a wave not yet drawn and a budget
// that cannot cover every entitlement still to be credited.
func (c *Crediter) Credit(ctx context.Context, w *prakerja.Wave, sch *scheme.Scheme, source uint16, now time.Time) (*CreditResult, error) {
	if w.SelectedAt.IsZero() {
		return nil, prakerja.Errorf(prakerja.CodeConflict, "Wave %d has not been drawn; credit it after the selection.", w.ID)
	}
	regs, err := c.participants(ctx, w.ID)
	if err != nil {
		return nil, err
	}
	if err := c.checkBudget(ctx, w.ID, source, int64(len(regs)), sch.Total()); err != nil {
		return nil, err
	}
	res := &CreditResult{Participants: int64(len(regs))}
	if err := c.createAccounts(ctx, []prakerja.Account{TreasuryAccountOf(w.ID)}, now, res); err != nil {
		return nil, err
	}
	if err := c.post(ctx, w.ID, source, sch, regs, now, res); err != nil {
		return nil, err
	}
	// The posting run is recorded once every batch is durable; a rerun is
	// recorded too, with what it found already there.
	if err := c.Store.AppendAudit(ctx, &prakerja.AuditEntry{At: now, Actor: prakerja.AuditActorOf(ctx),
		Action: prakerja.AuditWaveCredited, Subject: fmt.Sprintf("wave:%d", w.ID),
		Detail: fmt.Sprintf(`{"participants":%d,"transfers":%d,"existing":%d,"amount":%d,"source":%d}`,
			res.Participants, res.Transfers, res.Existing, res.Amount, source)}); err != nil {
		return res, err
	}
	if c.Jobs != nil {
		if err := c.schedule(ctx, w, sch, now); err != nil {
			return res, err
		}
	}
	return res, nil
}

// participants reads the registrations of the wave's participants, a page
// at a time. Posting needs nothing else, and ids alone are read in a
// fraction of the time whole participants take (card and VA numbers, a
// third of a second for 168,111 of them, before anything can be posted),
// and held in an eighth of the memory.
func (c *Crediter) participants(ctx context.Context, waveID int64) ([]int64, error) {
	var all []int64
	after := int64(0)
	for {
		page, err := c.Store.WaveParticipantIDs(ctx, waveID, after, prakerja.LedgerBatchMax)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) < prakerja.LedgerBatchMax {
			return all, nil
		}
		after = page[len(page)-1]
	}
}

// checkBudget refuses a budget whose available balance is less than what
// the wave still needs: every participant's total less what the budget has
// already paid out to them.
func (c *Crediter) checkBudget(ctx context.Context, waveID int64, source uint16, participants, total int64) error {
	id := BudgetAccount(waveID, source)
	got, err := c.Store.LedgerAccounts(ctx, []int64{id})
	if err != nil {
		return err
	}
	b := got[id]
	if b == nil {
		return prakerja.Errorf(prakerja.CodeNotFound, "Wave %d has no budget from funding source %d; fund it first (prakerja ledger fund).", waveID, source)
	}
	need := max(participants*total-b.DebitsPosted, 0)
	if b.Available() < need {
		return prakerja.Errorf(prakerja.CodeBudgetInsufficient,
			"The budget of wave %d holds Rp %d but crediting %d participants needs Rp %d more; nothing was posted.",
			waveID, b.Available(), participants, need)
	}
	return nil
}

// TreasuryAccountOf is the treasury-return account of a wave, as crediting
// and the jobs that return money both create it.
func TreasuryAccountOf(waveID int64) prakerja.Account {
	return SystemAccount(TreasuryAccount(waveID), prakerja.AccountTreasuryReturn, waveID, "Pengembalian ke kas negara")
}

// SystemAccount is a programme account with the bounds of its code.
func SystemAccount(id int64, code prakerja.AccountCode, owner int64, name string) prakerja.Account {
	return prakerja.Account{ID: id, Ledger: prakerja.LedgerIDR, Code: code, Flags: AccountFlagsFor(code),
		Owner: owner, Name: name}
}

// ParticipantAccounts are a registration's accounts, each bounded.
func ParticipantAccounts(reg int64) []prakerja.Account {
	return appendParticipantAccounts(make([]prakerja.Account, 0, len(prakerja.ParticipantAccountCodes)), reg)
}

// appendParticipantAccounts appends reg's accounts to out: a batch of
// participants' accounts is built in one slice, not one per participant.
func appendParticipantAccounts(out []prakerja.Account, reg int64) []prakerja.Account {
	for _, code := range prakerja.ParticipantAccountCodes {
		out = append(out, prakerja.Account{ID: prakerja.ParticipantAccountID(reg, code), Ledger: prakerja.LedgerIDR,
			Code: code, Flags: AccountFlagsFor(code), Owner: reg})
	}
	return out
}

// Entitlements are one participant's credit transfers under sch.
func Entitlements(waveID, reg, budget int64, sch *scheme.Scheme) []prakerja.Transfer {
	return appendEntitlements(make([]prakerja.Transfer, 0, entitlementsPer(sch)), waveID, reg, budget, sch)
}

// entitlementsPer is how many credit transfers each participant gets.
func entitlementsPer(sch *scheme.Scheme) int { return 1 + sch.Incentives.Count + sch.Surveys.Count }

// appendEntitlements appends reg's credit transfers to out, like
// appendParticipantAccounts.
func appendEntitlements(out []prakerja.Transfer, waveID, reg, budget int64, sch *scheme.Scheme) []prakerja.Transfer {
	add := func(code prakerja.TransferCode, acct prakerja.AccountCode, slot int, amount int64) {
		out = append(out, prakerja.Transfer{ID: prakerja.CreditID(waveID, reg, code, slot), DebitAccount: budget,
			CreditAccount: prakerja.ParticipantAccountID(reg, acct), Amount: amount, Ledger: prakerja.LedgerIDR,
			Code: code, UserData: waveID})
	}
	add(prakerja.TransferCreditTraining, prakerja.AccountTraining, 1, sch.TrainingBalance)
	for n := 1; n <= sch.Incentives.Count; n++ {
		add(prakerja.TransferCreditIncentive, prakerja.AccountIncentiveLocked, n, sch.Incentives.Amount)
	}
	for n := 1; n <= sch.Surveys.Count; n++ {
		add(prakerja.TransferCreditSurvey, prakerja.AccountSurveyLocked, n, sch.Surveys.Amount)
	}
	return out
}

// post creates the accounts of the participants regs and credits them, a
// batch of participants at a time, with Workers batches in flight.
func (c *Crediter) post(ctx context.Context, waveID int64, source uint16, sch *scheme.Scheme,
	regs []int64, now time.Time, res *CreditResult) error {
	per := entitlementsPer(sch)
	size := prakerja.LedgerBatchMax / max(per, len(prakerja.ParticipantAccountCodes))
	if c.BatchParticipants > 0 {
		size = min(size, c.BatchParticipants)
	}
	batches := make(chan []int64)
	var (
		wg       sync.WaitGroup
		firstErr atomic.Pointer[error]
		done     atomic.Int64
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var mu sync.Mutex // callers' callbacks run one at a time
	report := func(b []int64) {
		mu.Lock()
		defer mu.Unlock()
		if c.Acked != nil {
			c.Acked(b[0], b[len(b)-1])
		}
		if c.Progress != nil {
			c.Progress(done.Add(int64(len(b))), int64(len(regs)))
		}
	}
	workers := c.Workers
	if workers <= 0 {
		workers = CreditWorkersDefault
	}
	for range workers {
		wg.Go(func() {
			for b := range batches {
				if err := c.creditBatch(ctx, waveID, BudgetAccount(waveID, source), sch, b, now, res); err != nil {
					firstErr.CompareAndSwap(nil, &err)
					cancel()
					continue
				}
				report(b)
			}
		})
	}
	for lo := 0; lo < len(regs) && ctx.Err() == nil; lo += size {
		batches <- regs[lo:min(lo+size, len(regs))]
	}
	close(batches)
	wg.Wait()
	if p := firstErr.Load(); p != nil {
		return *p
	}
	return ctx.Err()
}
