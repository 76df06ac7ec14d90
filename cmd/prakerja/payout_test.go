package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/payout"
)

// TestBenchPayout runs `bench payout` small: every payment posted, voided
// or unanswered, every posted one booked, and a clean reconciliation.
func TestBenchPayout(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCmd(t, context.Background(), nil, "bench", "payout", "--participants", "300",
		"--reject-rate", "0.05", "--silence-rate", "0.02", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	var res benchPayoutResult
	if err := json.Unmarshal([]byte(lastLine(out)), &res); err != nil {
		t.Fatal(err)
	}
	// 180 BNI payments in one pain.001, 120 over four e-wallet CSVs.
	if res.Payments != 300 || res.Files != 5 || res.Posted+res.Voided+res.Unanswered != 300 || res.Settled != res.Posted ||
		res.Voided == 0 || res.Unanswered == 0 || !res.Clean || res.Amount != 300*600_000 {
		t.Fatalf("result %+v", res)
	}
}

// payoutDir is a migrated data folder whose wave of n participants is
// credited, has incentive slot 1 unlocked and a verified payout account
// each, sealed with the data folder's own development key, which the
// payout commands then load.
func payoutDir(t *testing.T, n int) string {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	if code, out, errOut := runCmd(t, ctx, nil, "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate exit %d: %s %s", code, out, errOut)
	}
	sf := &storeFlags{Data: dir}
	store, err := sf.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	keys, err := loadKeys(appConfig{DataDir: dir}, newLogger(io.Discard, "warn"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seedPayoutWave(ctx, &Env{Stdout: io.Discard, Stderr: io.Discard}, store, keys, n); err != nil {
		t.Fatal(err)
	}
	return dir
}

// payoutCmd runs one command against dir and wants exit status want; it
// returns stdout.
func payoutCmd(t *testing.T, dir string, want int, args ...string) string {
	t.Helper()
	code, out, errOut := runCmd(t, context.Background(), nil, append(args, "--data", dir)...)
	if code != want {
		t.Fatalf("%s: exit %d, want %d:\n%s%s", strings.Join(args, " "), code, want, out, errOut)
	}
	return out
}

// preparedApproved prepares run 1 as alice and approves it as bob, and
// returns the run's folder.
func preparedApproved(t *testing.T, dir string, n int) string {
	t.Helper()
	var sum struct {
		RunID    int64 `json:"run_id"`
		Reserved int64 `json:"reserved"`
		Waiting  int64 `json:"waiting_account"`
	}
	out := payoutCmd(t, dir, 0, "payout", "prepare", "--by", "alice", "--file-items", "25", "--json")
	if err := json.Unmarshal([]byte(lastLine(out)), &sum); err != nil || sum.RunID != 1 || sum.Reserved != int64(n) || sum.Waiting != 0 {
		t.Fatalf("prepare: %v %+v\n%s", err, sum, out)
	}
	out = payoutCmd(t, dir, 0, "payout", "approve", "--run", "1", "--by", "bob", "--json")
	var appr struct {
		Run     payoutRunJSON    `json:"run"`
		Written []payoutFileJSON `json:"written"`
	}
	if err := json.Unmarshal([]byte(lastLine(out)), &appr); err != nil || appr.Run.State != "approved" ||
		appr.Run.Payments != int64(n) || appr.Run.Files != int64(len(appr.Written)) || len(appr.Written) == 0 {
		t.Fatalf("approve: %v %+v\n%s", err, appr, out)
	}
	return filepath.Join(dir, payoutOutboxDir, "run-000001")
}

// TestPayoutSameOperator: the maker of a run may neither approve nor
// refuse it; another operator may, once.
func TestPayoutSameOperator(t *testing.T) {
	t.Parallel()
	dir := payoutDir(t, 12)
	payoutCmd(t, dir, 0, "payout", "prepare", "--by", "alice")
	for _, step := range []string{"approve", "refuse"} {
		code, out, errOut := runCmd(t, context.Background(), nil, "payout", step, "--run", "1", "--by", "alice", "--data", dir)
		if code != 1 || !strings.Contains(errOut, "payout_same_operator") {
			t.Fatalf("%s by the maker: exit %d, want 1 with payout_same_operator:\n%s%s", step, code, out, errOut)
		}
	}
	out := payoutCmd(t, dir, 0, "payout", "refuse", "--run", "1", "--by", "bob", "--json")
	var run payoutRunJSON
	if err := json.Unmarshal([]byte(lastLine(out)), &run); err != nil || run.State != "refused" || run.ApprovedBy != "bob" {
		t.Fatalf("refuse: %v %+v\n%s", err, run, out)
	}
	code, out, errOut := runCmd(t, context.Background(), nil, "payout", "approve", "--run", "1", "--by", "carol", "--data", dir)
	if code != 1 || !strings.Contains(errOut, "payout_run_state") {
		t.Fatalf("approve a refused run: exit %d:\n%s%s", code, out, errOut)
	}
	// The refused run's slots are due again, as second attempts.
	out = payoutCmd(t, dir, 0, "payout", "prepare", "--by", "alice", "--json")
	if !strings.Contains(lastLine(out), `"reserved":12`) {
		t.Fatalf("prepare after refusal: %s", out)
	}
	out = payoutCmd(t, dir, 0, "payout", "runs", "--json")
	if !strings.Contains(out, `"state":"refused"`) || !strings.Contains(out, `"state":"prepared"`) {
		t.Fatalf("runs: %s", out)
	}
}

// TestPayoutIngest answers an approved run with the simulated partner,
// ingests the answer folder, then one answer again (a duplicate: nothing
// done), and wants the exception queue and the reconciliation to agree.
func TestPayoutIngest(t *testing.T) {
	t.Parallel()
	const n = 60
	dir := payoutDir(t, n)
	runDir := preparedApproved(t, dir, n)
	answers := filepath.Join(t.TempDir(), "answers")
	if err := os.MkdirAll(answers, 0o750); err != nil {
		t.Fatal(err)
	}
	cfg := banksim.Config{RejectRate: 0.1, SilenceRate: 0.1, Seed: 3}
	if _, err := banksim.ProcessFolder(runDir, answers, cfg, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	out := payoutCmd(t, dir, 0, "payout", "ingest", answers, "--json")
	var ing struct {
		Files []ingestFileJSON `json:"files"`
		Total struct {
			Posted, Voided, Settled, Conflicts, Unknown, Mismatched int64
		} `json:"total"`
	}
	if err := json.Unmarshal([]byte(lastLine(out)), &ing); err != nil {
		t.Fatal(err)
	}
	// In name order each file's camt.054 comes before its pain.002: the
	// booking posts and settles, and the acceptance then repeats it.
	if len(ing.Files) == 0 || ing.Total.Settled == 0 || ing.Total.Voided == 0 || ing.Total.Posted != 0 ||
		ing.Total.Conflicts+ing.Total.Unknown+ing.Total.Mismatched != 0 || ing.Total.Settled+ing.Total.Voided >= n {
		t.Fatalf("ingest: %+v\n%s", ing.Total, out)
	}
	first := ing.Files[0].File
	out = payoutCmd(t, dir, 0, "payout", "ingest", first, "--json")
	if !strings.Contains(out, "duplicate file") || !strings.Contains(lastLine(out), `"duplicate_file":true`) {
		t.Fatalf("second ingest of %s is not a duplicate:\n%s", first, out)
	}
	unanswered := n - ing.Total.Settled - ing.Total.Voided
	out = payoutCmd(t, dir, 0, "reconcile", "--json")
	var rep payout.Report
	if err := json.Unmarshal([]byte(lastLine(out)), &rep); err != nil || !rep.Clean || rep.Matched != ing.Total.Settled ||
		rep.Rejected != ing.Total.Voided || rep.Unknown != unanswered || rep.OldestAge == "" ||
		!strings.Contains(out, fmt.Sprintf("unknown    %d sent and unanswered", unanswered)) {
		t.Fatalf("reconcile: %v %+v\n%s", err, rep, out)
	}
	out = payoutCmd(t, dir, 0, "payout", "exceptions", "--older-than", "0s", "--json")
	var exc struct {
		Unanswered []unansweredJSON `json:"unanswered"`
	}
	if err := json.Unmarshal([]byte(lastLine(out)), &exc); err != nil || int64(len(exc.Unanswered)) != unanswered {
		t.Fatalf("exceptions: %v, want %d unanswered:\n%s", err, unanswered, out)
	}
	out = payoutCmd(t, dir, 0, "payout", "exceptions", "--json")
	if !strings.Contains(out, "0 payments sent and unanswered for more than 72h0m0s") {
		t.Fatalf("exceptions older than 72h:\n%s", out)
	}
	out = payoutCmd(t, dir, 0, "payout", "funnel", "--json")
	if !strings.Contains(lastLine(out), fmt.Sprintf(`"paid":%d`, ing.Total.Settled)) {
		t.Fatalf("funnel:\n%s", out)
	}
	// Resuming the files of a run whose files are all written writes none.
	out = payoutCmd(t, dir, 0, "payout", "files", "--run", "1", "--json")
	if !strings.Contains(lastLine(out), `"written":[]`) {
		t.Fatalf("files again:\n%s", out)
	}
}

// TestReconcileTampered changes one byte of a written pain.001: reconcile
// must exit non-zero and name the file.
func TestReconcileTampered(t *testing.T) {
	t.Parallel()
	dir := payoutDir(t, 20)
	runDir := preparedApproved(t, dir, 20)
	payoutCmd(t, dir, 0, "reconcile")
	names, err := filepath.Glob(filepath.Join(runDir, "*-BNI-*.xml"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no pain.001 in %s: %v", runDir, err)
	}
	data, err := os.ReadFile(names[0])
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), "<InstdAmt")
	if i < 0 {
		t.Fatalf("no amount in %s", names[0])
	}
	i = strings.IndexByte(string(data[i:]), '>') + i + 1 // the amount's first digit
	data[i] = '9'
	if err := os.WriteFile(names[0], data, 0o640); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, context.Background(), nil, "reconcile", "--data", dir, "--json")
	msgID := strings.TrimSuffix(filepath.Base(names[0]), ".xml")
	if code == 0 || !strings.Contains(out, "MISMATCH file "+msgID) || !strings.Contains(lastLine(out), `"clean":false`) {
		t.Fatalf("reconcile of a tampered file: exit %d, want non-zero naming %s:\n%s%s", code, msgID, out, errOut)
	}
}

// TestPayoutFlags: writing files with PostgreSQL needs a named outbox, and bad
// command lines are usage errors.
func TestPayoutFlags(t *testing.T) {
	t.Parallel()
	code, _, errOut := runCmd(t, context.Background(), nil, "payout", "approve", "--run", "1", "--by", "bob", "--db", "postgres://nobody@127.0.0.1:1/none")
	if code != 1 || !strings.Contains(errOut, "--outbox") {
		t.Fatalf("--db without --outbox: exit %d: %s", code, errOut)
	}
	for _, args := range [][]string{{"payout"}, {"payout", "pay"}, {"payout", "runs", "extra"}} {
		if code, _, errOut := runCmd(t, context.Background(), nil, args...); code != 2 {
			t.Fatalf("%v: exit %d, want 2: %s", args, code, errOut)
		}
	}
	code, _, errOut = runCmd(t, context.Background(), nil, "payout", "approve", "--run", "1", "--data", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "--by") {
		t.Fatalf("approve without --by: exit %d: %s", code, errOut)
	}
}
