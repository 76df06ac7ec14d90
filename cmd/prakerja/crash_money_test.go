package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/ledger"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqlite"
)

// TestCrashCreditAndJobs kills crediting (`ledger credit`) after a seeded
// random number of committed batches, as often as the harness asks, then
// kills the job runner (`jobs run`: first-purchase deadlines, the
// programme end) at seeded random moments. After each kill every
// acknowledged participant holds its credits and the ledger passes its
// check; after the last re-run the wave is credited exactly once, every
// due job is done, and the ledger's totals equal those of a run that was
// never killed: no job's effect happened twice.
func TestCrashCreditAndJobs(t *testing.T) {
	t.Parallel()
	cfg := crashSettings(t, 200)
	start := time.Now()
	sch, err := scheme.Builtin("2020")
	if err != nil {
		t.Fatal(err)
	}
	n := int64(cfg.size)
	dir := migratedDir(t)
	waveID := seedCreditWave(t, dir, cfg.size, sch.Total()*n)
	creditKills, acked := 0, map[int64]bool{}
	batches := (cfg.size + creditBatch - 1) / creditBatch
	for ; creditKills < cfg.kills && batches > 1; creditKills++ {
		got, finished := creditKilledAfter(t, dir, waveID, 1+cfg.rng.IntN(batches-1), creditBatch)
		if finished {
			break
		}
		store := openDir(t, dir)
		wantCredited(t, store, got, sch)
		wantSound(t, store, sch)
		for _, r := range got {
			for reg := r[0]; reg <= r[1]; reg++ {
				acked[reg] = true
			}
		}
	}
	if code, out, errOut := runCmd(t, context.Background(), nil, "ledger", "credit", "--wave", fmt.Sprint(waveID), "--data", dir,
		"--batch", fmt.Sprint(creditBatch)); code != 0 {
		t.Fatalf("credit re-run exit %d: %s %s", code, out, errOut)
	}
	wantWaveCredited(t, dir, waveID, n, sch)

	at := time.Now().UTC().AddDate(2, 0, 0) // past every deadline of the wave
	jobKills := 0
	for ; jobKills < cfg.kills; jobKills++ {
		before := jobsDone(t, dir, at)
		child := startCmd(t, "jobs", "run", "--data", dir, "--now", at.Format(time.RFC3339))
		waitFor(t, "the job runner to finish a job", func() bool { return jobsDone(t, dir, at) > before })
		cfg.pause(50 * time.Millisecond)
		child.Process.Kill()
		child.Wait()
		t.Logf("job runner kill %d: %d jobs done", jobKills+1, jobsDone(t, dir, at))
		wantSound(t, openDir(t, dir), sch)
		at = at.Add(prakerja.JobLeaseMax + time.Minute) // the dead runner's leases have run out
	}
	if code, out, errOut := runCmd(t, context.Background(), nil, "jobs", "run", "--data", dir, "--now", at.Format(time.RFC3339)); code != 0 {
		t.Fatalf("jobs re-run exit %d: %s %s", code, out, errOut)
	}
	jobs := wantJobsDone(t, dir, at)
	wantSound(t, openDir(t, dir), sch)
	got := crashTotals(t, dir)
	if want := cleanMoneyRun(t, cfg.size, sch, at); got != want {
		t.Fatalf("ledger totals after kills:\n%s\nwithout kills:\n%s", got, want)
	}
	t.Logf("crash credit and jobs: %d credit kills (%d participants acknowledged before a kill), %d job-runner kills, %d participants, %d jobs done, lost 0, doubled 0, %.1fs",
		creditKills, len(acked), jobKills, n, jobs, time.Since(start).Seconds())
}

// creditBatch is the participants per credit batch (`ledger credit
// --batch`): small, so a small wave has batches to kill between.
const creditBatch = 50

// startCmd runs one command line in a child process of the test binary.
func startCmd(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd, _ := childCmd(t, args)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

func childCmd(t *testing.T, args []string) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	raw, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(raw))
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	t.Cleanup(func() {
		if cmd.Process != nil && cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd, stderr
}

// creditKilledAfter runs `ledger credit --acks --batch size` (0: the
// command's own batch size) and kills it once it has acknowledged batches
// batches; finished says it ended first.
func creditKilledAfter(t *testing.T, dir string, waveID int64, batches, size int) ([][2]int64, bool) {
	t.Helper()
	cmd, _ := childCmd(t, []string{"ledger", "credit", "--wave", fmt.Sprint(waveID), "--data", dir, "--acks",
		"--batch", fmt.Sprint(size)})
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked [][2]int64
	lines := bufio.NewScanner(out)
	for len(acked) < batches && lines.Scan() {
		var r [2]int64
		if _, err := fmt.Sscanf(lines.Text(), "ack %d %d", &r[0], &r[1]); err == nil {
			acked = append(acked, r)
		}
	}
	finished := len(acked) < batches
	cmd.Process.Kill()
	cmd.Wait()
	return acked, finished
}

// wantWaveCredited checks the budget paid out exactly the wave's
// entitlement: a transfer posted twice would overdraw it.
func wantWaveCredited(t *testing.T, dir string, waveID, n int64, sch *scheme.Scheme) {
	t.Helper()
	store := openDir(t, dir)
	wantSound(t, store, sch)
	got, err := store.LedgerAccounts(context.Background(), []int64{ledger.BudgetAccount(waveID, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if b := got[ledger.BudgetAccount(waveID, 1)]; b.DebitsPosted != sch.Total()*n || b.Balance() != 0 {
		t.Fatalf("budget after the re-run: %+v, want exactly Rp %d paid out", b, sch.Total()*n)
	}
}

// wantJobsDone fails unless every job due at is done, and returns how many.
func wantJobsDone(t *testing.T, dir string, at time.Time) int64 {
	t.Helper()
	counts, err := openDir(t, dir).JobCounts(context.Background(), at)
	if err != nil {
		t.Fatal(err)
	}
	var done int64
	for _, c := range counts {
		if c.State != prakerja.JobDone {
			t.Fatalf("jobs left after the re-run: %+v", counts)
		}
		done += c.Count
	}
	if done == 0 {
		t.Fatal("no job ran")
	}
	return done
}

// jobsDone counts the jobs done, read from the database.
func jobsDone(t *testing.T, dir string, at time.Time) int64 {
	t.Helper()
	store, err := sqlite.OpenDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	counts, err := store.JobCounts(context.Background(), at)
	if err != nil {
		t.Fatal(err)
	}
	var done int64
	for _, c := range counts {
		if c.State == prakerja.JobDone {
			done += c.Count
		}
	}
	return done
}

func crashTotals(t *testing.T, dir string) string {
	t.Helper()
	code, out, errOut := runCmd(t, context.Background(), nil, "ledger", "totals", "--data", dir, "--json")
	if code != 0 {
		t.Fatalf("ledger totals exit %d: %s", code, errOut)
	}
	return lastLine(out)
}

// cleanMoneyRun credits the same wave in a fresh folder and runs its jobs
// at once, never killed, and returns the ledger's totals.
func cleanMoneyRun(t *testing.T, n int, sch *scheme.Scheme, at time.Time) string {
	t.Helper()
	dir := migratedDir(t)
	waveID := seedCreditWave(t, dir, n, sch.Total()*int64(n))
	for _, args := range [][]string{
		{"ledger", "credit", "--wave", fmt.Sprint(waveID), "--data", dir},
		{"jobs", "run", "--data", dir, "--now", at.Format(time.RFC3339)},
	} {
		if code, out, errOut := runCmd(t, context.Background(), nil, args...); code != 0 {
			t.Fatalf("%v exit %d: %s %s", args, code, out, errOut)
		}
	}
	return crashTotals(t, dir)
}
