package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/payout"
)

// TestCrashPayoutRun kills each step of a monthly payout run (prepare,
// approve with its file writing, the resumed file writing, the ingest of
// the partners' answers) with SIGKILL after a seeded random pause, then
// runs the step again where it had not finished. The run must complete
// with every payment in exactly one file, the ledger must pass its check
// and the reconciliation must be clean, each payment answered once.
func TestCrashPayoutRun(t *testing.T) {
	t.Parallel()
	cfg := crashSettings(t, 200)
	start := time.Now()
	n := cfg.size
	dir := payoutDir(t, n)
	mid, kills := 0, 0
	// step kills a step as often as the harness asks, until it is done;
	// steps that may run again at any time (files, ingest) are never done.
	step := func(done func() bool, args ...string) {
		for range cfg.kills {
			if done() {
				return
			}
			kills++
			if killedMidway(t, cfg, append(args, "--data", dir)) {
				mid++
			}
		}
	}
	never := func() bool { return false }
	prepared := func() bool { r := payoutRun(t, dir); return r != nil && r.State == "prepared" }
	approved := func() bool { return payoutRun(t, dir).State == "approved" }
	if os.Getenv(crashPrepareEnv) != "0" {
		step(prepared, "payout", "prepare", "--by", "alice", "--file-items", "25")
	}
	if !prepared() {
		payoutCmd(t, dir, 0, "payout", "prepare", "--by", "alice", "--file-items", "25")
	}
	step(approved, "payout", "approve", "--run", "1", "--by", "bob")
	if !approved() {
		payoutCmd(t, dir, 0, "payout", "approve", "--run", "1", "--by", "bob")
	}
	step(never, "payout", "files", "--run", "1")
	payoutCmd(t, dir, 0, "payout", "files", "--run", "1")
	runDir := filepath.Join(dir, payoutOutboxDir, "run-000001")
	if run := payoutRun(t, dir); run.State != "approved" || run.Payments != int64(n) {
		t.Fatalf("run after the kills: %+v, want approved with %d payments", run, n)
	}
	wantOneFileEach(t, runDir, n)

	answers := filepath.Join(t.TempDir(), "answers")
	if err := os.MkdirAll(answers, 0o750); err != nil {
		t.Fatal(err)
	}
	if _, err := banksim.ProcessFolder(runDir, answers, banksim.Config{RejectRate: 0.1, SilenceRate: 0.05, Seed: int64(cfg.seed >> 1)}, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	step(never, "payout", "ingest", answers)
	payoutCmd(t, dir, 0, "payout", "ingest", answers)
	payoutCmd(t, dir, 0, "ledger", "check")
	var rep payout.Report
	out := payoutCmd(t, dir, 0, "reconcile", "--json")
	if err := json.Unmarshal([]byte(lastLine(out)), &rep); err != nil || !rep.Clean || rep.Matched+rep.Rejected+rep.Unknown != int64(n) || rep.Matched == 0 {
		t.Fatalf("reconcile after the kills: %v %+v\n%s", err, rep, out)
	}
	t.Logf("crash payout: %d kills (%d mid-step), %d payments each in one file, %d paid, %d rejected, %d unanswered, reconcile clean, ledger check passed, %.1fs",
		kills, mid, n, rep.Matched, rep.Rejected, rep.Unknown, time.Since(start).Seconds())
}

// crashPrepareEnv=0 keeps TestCrashPayoutRun from killing `payout prepare`
// (TestCrashPayoutPrepare kills it harder).
const crashPrepareEnv = "PRAKERJA_CRASH_PREPARE"

// TestCrashPayoutPrepare kills `payout prepare` mid-way, between the
// page-sized transactions that reserve the payments. The run it leaves is
// "preparing", which no operator can approve; the next prepare, by
// another operator, resumes it rather than starting a second run, and the
// finished run holds every due payment once, the ledger sound and the
// reconciliation clean.
func TestCrashPayoutPrepare(t *testing.T) {
	t.Parallel()
	// Pages of crashPreparePage reservations, so a kill can fall between
	// two pages at a size the race detector runs in seconds.
	cfg := crashSettings(t, 1_200)
	dir := payoutDir(t, cfg.size)
	interrupted, partial := 0, 0
	for i := range max(cfg.kills, 1) {
		if r := payoutRun(t, dir); r != nil && r.State == "prepared" {
			break
		}
		cmd, _ := childCmd(t, []string{"payout", "prepare", "--by", "alice", "--file-items", "25",
			"--page", fmt.Sprint(crashPreparePage), "--data", dir})
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the prepare to create its run", func() bool { return payoutRun(t, dir) != nil })
		if i%2 == 1 { // every other kill once a page of reservations is in: between pages
			waitFor(t, "a page of reservations", func() bool { return reservedPayments(t, dir) > 0 })
		}
		cfg.pause(20 * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		if r := payoutRun(t, dir); r.State == "preparing" {
			interrupted++
			if n := reservedPayments(t, dir); n > 0 && n < int64(cfg.size) {
				partial++
			}
			wantApproveRefused(t, dir, r.ID)
		}
	}
	out := payoutCmd(t, dir, 0, "payout", "prepare", "--by", "carol", "--file-items", "25")
	run := payoutRun(t, dir)
	if run.State != "prepared" || run.Payments != int64(cfg.size) || run.PreparedBy != "alice" {
		t.Fatalf("run after %d interrupted prepares and a resumed one: %+v, want prepared by alice with %d payments\n%s",
			interrupted, run, cfg.size, out)
	}
	payoutCmd(t, dir, 0, "ledger", "check")
	var rep payout.Report
	out = payoutCmd(t, dir, 0, "reconcile", "--json")
	if err := json.Unmarshal([]byte(lastLine(out)), &rep); err != nil || !rep.Clean {
		t.Fatalf("reconcile after the kills: %v %+v\n%s", err, rep, out)
	}
	t.Logf("crash prepare: %d prepares killed while preparing (%d with part of the slots reserved), run %d resumed with %d payments",
		interrupted, partial, run.ID, run.Payments)
}

// crashPreparePage is the prepare's page in the crash test (`payout
// prepare --page`).
const crashPreparePage = 100

// reservedPayments counts the reserved payments, from `payout funnel`.
func reservedPayments(t *testing.T, dir string) int64 {
	t.Helper()
	var f struct {
		ByState map[string]int64 `json:"by_state"`
	}
	if err := json.Unmarshal([]byte(lastLine(payoutCmd(t, dir, 0, "payout", "funnel", "--json"))), &f); err != nil {
		t.Fatal(err)
	}
	return f.ByState["reserved"]
}

// wantApproveRefused wants an unfinished run's approval refused.
func wantApproveRefused(t *testing.T, dir string, runID int64) {
	t.Helper()
	code, out, errOut := runCmd(t, context.Background(), nil, "payout", "approve", "--run", strconv.FormatInt(runID, 10),
		"--by", "bob", "--data", dir)
	if code != 1 || !strings.Contains(errOut, "payout_run_state") {
		t.Fatalf("approve a preparing run: exit %d, want 1 with payout_run_state:\n%s%s", code, out, errOut)
	}
}

// killedMidway runs a command line as a child and kills it after a seeded
// random pause; it reports whether the child was still running then.
func killedMidway(t *testing.T, cfg *crashConfig, args []string) bool {
	t.Helper()
	cmd, _ := childCmd(t, args)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ended := make(chan struct{})
	go func() { cmd.Wait(); close(ended) }()
	cfg.pause(300 * time.Millisecond)
	select {
	case <-ended:
		return false
	default:
	}
	cmd.Process.Kill()
	<-ended
	return true
}

// payoutRun returns run 1, or nil when none was prepared.
func payoutRun(t *testing.T, dir string) *payoutRunJSON {
	t.Helper()
	var runs struct {
		Runs []payoutRunJSON `json:"runs"`
	}
	out := payoutCmd(t, dir, 0, "payout", "runs", "--json")
	if err := json.Unmarshal([]byte(lastLine(out)), &runs); err != nil {
		t.Fatal(err)
	}
	if len(runs.Runs) > 1 {
		t.Fatalf("%d payout runs after the kills, want one", len(runs.Runs))
	}
	if len(runs.Runs) == 0 {
		return nil
	}
	return &runs.Runs[0]
}

var endToEndID = regexp.MustCompile(`<EndToEndId>([^<]+)</EndToEndId>`)

// wantOneFileEach reads every file of the run folder and wants n payment
// references, none in two files (pain.001 EndToEndId, or the first column
// of an e-wallet CSV line).
func wantOneFileEach(t *testing.T, runDir string, n int) {
	t.Helper()
	names, err := os.ReadDir(runDir)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, e := range names {
		data, err := os.ReadFile(filepath.Join(runDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, ref := range paymentRefs(e.Name(), string(data)) {
			if other, ok := seen[ref]; ok {
				t.Fatalf("a payment is in %s and %s", other, e.Name())
			}
			seen[ref] = e.Name()
		}
	}
	if len(seen) != n {
		t.Fatalf("%d payments in the run's files, want %d", len(seen), n)
	}
}

func paymentRefs(name, data string) []string {
	var out []string
	if strings.HasSuffix(name, ".xml") {
		for _, m := range endToEndID.FindAllStringSubmatch(data, -1) {
			out = append(out, m[1])
		}
		return out
	}
	if !strings.HasSuffix(name, ".csv") {
		return nil
	}
	for i, line := range strings.Split(strings.TrimSpace(data), "\n") {
		if i > 0 && line != "" { // a header line first
			out = append(out, strings.SplitN(line, ",", 2)[0])
		}
	}
	return out
}
