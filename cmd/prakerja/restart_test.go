package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registry"
	"github.com/prakerja/prakerja/sqlite"
	"github.com/prakerja/prakerja/verify/verifytest"
)

// childArgsEnv, when set, makes the test binary run one prakerja command
// line (a JSON array) instead of the tests: the restart test runs the real
// command as a process it can kill, without building a second binary.
const childArgsEnv = "PRAKERJA_TEST_CHILD_ARGS"

func init() {
	raw := os.Getenv(childArgsEnv)
	if raw == "" {
		return
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, &Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}, args)
	stop()
	os.Exit(code)
}

// TestServeVerifyRestart is the crash story of the verification
// pipeline: `serve` verifies a backlog against a slow registry, is killed
// with SIGKILL in the middle (claims held, answers in flight), and is
// started again. The second run must finish the backlog: every
// registration in a final status, exactly one identity decision each,
// one eligibility decision for each that passed identity, none twice.
func TestServeVerifyRestart(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs the server twice as a subprocess")
	}
	const n = 10_000
	dir := filepath.Join(t.TempDir(), "data")
	if code, out, errOut := runCmd(t, context.Background(), nil, "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate exit %d: %s %s", code, out, errOut)
	}
	regURL := seedVerify(t, dir, n, 50*time.Millisecond)
	args := []string{"serve", "--data", dir, "--ops-addr", "off", "--registry", regURL, "--verify-lease", "2s",
		"--verify-batch", "200", "--verify-workers", "2", "--registry-concurrency", "2", "--log-level", "warn"}

	first := startChild(t, append(args, "--addr", freeAddr(t)))
	waitFinished(t, dir, func(done int64) bool { return done >= n/10 })
	waitClaimed(t, dir)
	if err := first.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	done, claimed := restartState(t, dir)
	t.Logf("killed with %d of %d finished and %d claimed", done, n, claimed)
	if done >= n {
		t.Fatalf("killed with %d of %d finished: not in the middle", done, n)
	}
	if claimed == 0 {
		// A batch completed between the check and the kill: still a kill
		// mid-way, but without live claims to take over.
		t.Logf("no claim was held at the kill; the restart still must finish the rest exactly once")
	}
	time.Sleep(2100 * time.Millisecond) // the dead server's leases run out

	second := startChild(t, append(args, "--addr", freeAddr(t)))
	waitFinished(t, dir, func(done int64) bool { return done == n })
	if err := second.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := second.Wait(); err != nil {
		t.Fatalf("second serve: %v", err)
	}
	checkRestartRecords(t, dir, n)
}

// seedVerify stores n phone-verified registrations under the data
// folder's development key and starts a registry simulator of their
// population answering after latency (the restart test makes it slow
// enough that killing the server lands mid-way). It returns the
// simulator's URL.
func seedVerify(t *testing.T, dir string, n int, latency time.Duration) string {
	t.Helper()
	ctx := context.Background()
	keyPath := filepath.Join(dir, devKeyFile)
	if err := pii.GenerateDevKeyFile(keyPath); err != nil {
		t.Fatal(err)
	}
	keys, err := pii.LoadKeyFile(keyPath)
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	pop := population.New(2020, population.Options{Ref: now})
	people := verifytest.Registrants(pop, n)
	if _, err := verifytest.Seed(ctx, store, keys, people, now, nil); err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	last := people[len(people)-1].ID.Family()
	persons := 0
	for f := 0; f <= last; f++ {
		persons += len(pop.Family(f).Members)
	}
	sim, err := registry.NewSimulator(registry.SimConfig{Seed: 2020, Ref: now, Population: persons, Latency: latency})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return srv.URL
}

// startChild runs one command line in a child process of the test binary.
func startChild(t *testing.T, args []string) *exec.Cmd {
	t.Helper()
	cmd, stderr := childCmd(t, args)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("child %v stderr:\n%s", args[0], stderr.String())
		}
	})
	return cmd
}

// restartWaitMax bounds each wait for the backlog to move. It is a
// liveness bound, not a speed target: under the race detector, beside the
// package's other parallel tests (argon2id hashing among them), a 2-core
// machine has verified as few as 110 registrations a second here, so
// 10,000 may take minutes.
const restartWaitMax = 4 * time.Minute

// waitFinished polls the database until ok says the registrations in a
// final status are enough, for at most restartWaitMax.
func waitFinished(t *testing.T, dir string, ok func(done int64) bool) {
	t.Helper()
	deadline := time.Now().Add(restartWaitMax)
	for time.Now().Before(deadline) {
		if done, _ := restartState(t, dir); ok(done) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	done, _ := restartState(t, dir)
	db := openReadOnly(t, dir)
	defer db.Close()
	var status string
	var count, claimed, retrying int64
	db.QueryRow(`SELECT status, COUNT(*), SUM(claim_token IS NOT NULL), SUM(retry_at IS NOT NULL)
		FROM registrations WHERE status IN ('phone_verified', 'identity_verified') GROUP BY status`).
		Scan(&status, &count, &claimed, &retrying)
	t.Fatalf("gave up waiting: %d registrations finished; %d %s, %d claimed, %d waiting to retry",
		done, count, status, claimed, retrying)
}

// waitClaimed waits (briefly) until the server holds a claim, so the kill
// lands while a batch is in flight and the restart has leases to take over.
func waitClaimed(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, claimed := restartState(t, dir); claimed > 0 {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// restartState counts registrations in a final status and registrations
// held by a claim, reading the file directly (read-only).
func restartState(t *testing.T, dir string) (done, claimed int64) {
	t.Helper()
	db := openReadOnly(t, dir)
	defer db.Close()
	err := db.QueryRow(`SELECT
		COALESCE(SUM(status IN (?, ?, ?)), 0),
		COALESCE(SUM(claim_token IS NOT NULL AND status IN (?, ?)), 0) FROM registrations`,
		prakerja.StatusIdentityFailed, prakerja.StatusEligible, prakerja.StatusIneligible,
		prakerja.StatusPhoneVerified, prakerja.StatusIdentityVerified).Scan(&done, &claimed)
	if err != nil {
		t.Fatal(err)
	}
	return done, claimed
}

func openReadOnly(t *testing.T, dir string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+sqlite.Path(dir)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// checkRestartRecords asserts the decisions: one identity decision per
// registration, one eligibility decision per registration past identity,
// no (registration, step, round) twice, and nothing left waiting.
func checkRestartRecords(t *testing.T, dir string, n int64) {
	t.Helper()
	db := openReadOnly(t, dir)
	defer db.Close()
	var waiting, passed, identity, identityPeople, eligibility, twice int64
	for _, q := range []struct {
		dst  *int64
		stmt string
	}{
		{&waiting, `SELECT COUNT(*) FROM registrations WHERE status IN ('phone_verified', 'identity_verified')`},
		{&passed, `SELECT COUNT(*) FROM registrations WHERE status IN ('eligible', 'ineligible')`},
		{&identity, `SELECT COUNT(*) FROM step_records WHERE step = 'identity'`},
		{&identityPeople, `SELECT COUNT(DISTINCT registration_id) FROM step_records WHERE step = 'identity'`},
		{&eligibility, `SELECT COUNT(*) FROM step_records WHERE step = 'eligibility'`},
		{&twice, `SELECT COUNT(*) FROM (SELECT 1 FROM step_records
			GROUP BY registration_id, step, round HAVING COUNT(*) > 1)`},
	} {
		if err := db.QueryRow(q.stmt).Scan(q.dst); err != nil {
			t.Fatal(err)
		}
	}
	if waiting != 0 || identity != n || identityPeople != n || eligibility != passed || twice != 0 {
		t.Fatalf("after restart: waiting %d, identity decisions %d for %d people (want %d), eligibility decisions %d for %d, repeated %d",
			waiting, identity, identityPeople, n, eligibility, passed, twice)
	}
}
