package main

import (
	"context"
	"fmt"
	"os/exec"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/ledger"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
)

// mnSeedWave stores a credited wave of n synthetic participants and
// returns it and their registrations.
func mnSeedWave(t *testing.T, ctx context.Context, store *sqldb.Store, n int) (int64, []int64) {
	t.Helper()
	sch, err := scheme.Builtin("2020")
	if err != nil {
		t.Fatal(err)
	}
	wave, err := seedBenchWave(ctx, store, "Multi-node wave", n, sch.Total()*int64(n))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (&ledger.Crediter{Store: store}).Credit(ctx, wave, sch, 1, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	page, err := store.WaveParticipants(ctx, wave.ID, 0, prakerja.ParticipantsPageMax)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != n {
		t.Fatalf("seeded %d participants, found %d", n, len(page))
	}
	regs := make([]int64, len(page))
	for i, p := range page {
		regs[i] = p.RegistrationID
	}
	return wave.ID, regs
}

// mnEnqueueUnlocks schedules the unlock_incentive jobs of slots 1 and 2
// of every participant, their due times spread over the next spread, so
// the runners are still at work when a node is killed.
func mnEnqueueUnlocks(t *testing.T, ctx context.Context, store *sqldb.Store, waveID int64, regs []int64, spread time.Duration) {
	t.Helper()
	now := time.Now().UTC()
	var jobs []prakerja.Job
	for i, reg := range regs {
		due := now.Add(spread * time.Duration(i) / time.Duration(len(regs)))
		jobs = append(jobs, prakerja.IncentiveJobs(reg, waveID, 2, 0, due)...)
		if len(jobs) >= prakerja.JobBatchMax-2 || i == len(regs)-1 {
			if err := store.EnqueueJobs(ctx, jobs, now); err != nil {
				t.Fatal(err)
			}
			jobs = jobs[:0]
		}
	}
}

// checkJobs holds the runners to exactly once: every unlock job done,
// one unlock transfer per (registration, slot) and no other.
func (c *mnCluster) checkJobs(t *testing.T, regs []int64) {
	t.Helper()
	want := int64(2 * len(regs))
	done := c.count(t, `SELECT COUNT(*) FROM jobs WHERE kind = 'unlock_incentive' AND done_at IS NOT NULL`)
	transfers := c.count(t, `SELECT COUNT(*) FROM ledger_transfers WHERE code = $1`, int(prakerja.TransferUnlockIncentive))
	distinct := c.count(t, `SELECT COUNT(DISTINCT (registration_id, user_data)) FROM ledger_transfers WHERE code = $1`, int(prakerja.TransferUnlockIncentive))
	retried := c.count(t, `SELECT COUNT(*) FROM jobs WHERE kind = 'unlock_incentive' AND attempts > 1`)
	t.Logf("jobs: %d done of %d, %d unlock transfers (%d distinct slots), %d claimed more than once", done, want, transfers, distinct, retried)
	if done != want || transfers != want || distinct != want {
		t.Fatalf("jobs: %d done, %d unlock transfers for %d slots; want %d each", done, transfers, distinct, want)
	}
}

// payout runs the payout story on the commands (in-process, each with its
// own connection pool, as operators on two machines): two makers prepare
// at once, the maker may not approve, then two checkers approve each run
// at once and one must win; the winner is killed while it writes the
// files, which `payout files` finishes. Returns the runs with payments.
func (c *mnCluster) payout(t *testing.T, ctx context.Context, store *sqldb.Store, keys *pii.Keyring, regs []int64) []int64 {
	t.Helper()
	if err := seedPayoutAccounts(ctx, store, keys, regs); err != nil {
		t.Fatal(err)
	}
	base := []string{"--db", c.dbURL, "--keys", c.keys, "--outbox", c.outbox, "--json"}
	prepared := c.concurrently(t, ctx, [][]string{
		append([]string{"payout", "prepare", "--by", "maker-a"}, base...),
		append([]string{"payout", "prepare", "--by", "maker-b"}, base...),
	})
	var runs []int64
	if prepared[0].code != 0 && prepared[1].code != 0 {
		t.Fatalf("both prepares failed: %s | %s", prepared[0].errOut, prepared[1].errOut)
	}
	for i, p := range prepared {
		if p.code != 0 {
			// Two operators at once may meet on one run: the one that loses
			// may be refused, as long as every slot is reserved once (the
			// checks below).
			t.Logf("prepare by maker-%c: refused: %s", 'a'+i, lastLine(p.errOut))
			continue
		}
		var sum struct {
			RunID    int64 `json:"run_id"`
			Reserved int64 `json:"reserved"`
		}
		lastJSON(t, p.out, &sum)
		t.Logf("prepare by maker-%c: run %d reserved %d", 'a'+i, sum.RunID, sum.Reserved)
		if sum.Reserved > 0 && !slices.Contains(runs, sum.RunID) {
			runs = append(runs, sum.RunID) // a prepare may resume the other's run
		}
	}
	for _, run := range runs {
		id := fmt.Sprint(run)
		var maker string
		if err := c.db.QueryRowContext(ctx, `SELECT prepared_by FROM payout_runs WHERE id = $1`, run).Scan(&maker); err != nil {
			t.Fatal(err)
		}
		if code, _, _ := runCmd(t, ctx, nil, append([]string{"payout", "approve", "--run", id, "--by", maker}, base...)...); code == 0 {
			t.Fatalf("run %d: its maker approved it", run)
		}
		c.approveRace(t, ctx, run, base)
		if code, _, errOut := runCmd(t, ctx, nil, append([]string{"payout", "files", "--run", id}, base...)...); code != 0 {
			t.Fatalf("run %d: files after the approver was killed: exit %d: %s", run, code, errOut)
		}
	}
	return runs
}

// approveRace starts two checkers' `payout approve` of run as processes at
// once; the moment one has approved, the winner is killed with SIGKILL,
// while (or just after) it writes the run's files. The loser must have
// failed; the caller then finishes the files from another process.
func (c *mnCluster) approveRace(t *testing.T, ctx context.Context, run int64, base []string) {
	t.Helper()
	procs := map[string]*exec.Cmd{}
	for _, who := range []string{"checker-1", "checker-2"} {
		procs[who] = startChild(t, append([]string{"payout", "approve", "--run", fmt.Sprint(run), "--by", who}, base...))
	}
	var winner string
	deadline := time.Now().Add(mnWaitMax)
	for winner == "" {
		if err := c.db.QueryRowContext(ctx, `SELECT approved_by FROM payout_runs WHERE id = $1`, run).Scan(&winner); err != nil {
			t.Fatal(err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("run %d: neither checker approved it", run)
		}
	}
	procs[winner].Process.Kill()
	procs[winner].Wait()
	unfiled := c.count(t, `SELECT COUNT(*) FROM payments WHERE run_id = $1 AND file_id IS NULL`, run)
	t.Logf("run %d: approved by %s, killed with %d payments not yet in a file", run, winner, unfiled)
	for who, p := range procs {
		if who != winner {
			if err := p.Wait(); err == nil {
				t.Fatalf("run %d: both %s and %s approved it", run, winner, who)
			}
		}
	}
}

// mnResult is one command's exit and output.
type mnResult struct {
	code        int
	out, errOut string
}

// concurrently runs command lines at once and returns their results in
// order.
func (c *mnCluster) concurrently(t *testing.T, ctx context.Context, lines [][]string) []mnResult {
	t.Helper()
	res := make([]mnResult, len(lines))
	var wg sync.WaitGroup
	for i, line := range lines {
		wg.Go(func() {
			var r mnResult
			r.code, r.out, r.errOut = runCmd(t, ctx, nil, line...)
			res[i] = r
		})
	}
	wg.Wait()
	return res
}

// checkPayout holds the payout runs to exactly once: one payment per
// participant's unlocked slot (1 and 2) across every run, each in exactly one file of an
// approved run, no reservation twice, files recorded as written.
func (c *mnCluster) checkPayout(t *testing.T, regs []int64, runs []int64) {
	t.Helper()
	want := int64(2 * len(regs))
	payments := c.count(t, `SELECT COUNT(*) FROM payments`)
	slots := c.count(t, `SELECT COUNT(DISTINCT (registration_id, kind, slot)) FROM payments`)
	reservations := c.count(t, `SELECT COUNT(DISTINCT pending_id) FROM payments`)
	unfiled := c.count(t, `SELECT COUNT(*) FROM payments WHERE file_id IS NULL`)
	items := c.count(t, `SELECT COALESCE(SUM(items), 0) FROM payout_files`)
	approved := c.count(t, `SELECT COUNT(*) FROM payout_runs WHERE state = 'approved' AND approved_by <> ''`)
	t.Logf("payout: %d runs with payments, %d payments for %d slots, %d in files, %d not in a file", len(runs), payments, slots, items, unfiled)
	if payments != want || slots != want || reservations != want || unfiled != 0 || items != want || approved != int64(len(runs)) {
		t.Fatalf("payout: %d payments, %d slots, %d reservations, %d unfiled, %d file items, %d runs approved of %d; want %d payments each in one file",
			payments, slots, reservations, unfiled, items, approved, len(runs), want)
	}
}
