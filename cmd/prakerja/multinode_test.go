package main

import (
	"context"
	"database/sql"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registry"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/verify/verifytest"
)

// TestMultiNodePostgres is the scale-out story: three `serve` processes
// on loopback share one PostgreSQL schema, a key file and a payout outbox
// folder, behind a round-robin proxy. Registrants go through the API
// concurrently (each registration sent twice under one Idempotency-Key),
// the three verification pipelines and job runners share the work, one
// node is killed with SIGKILL in the middle of it, and the other two must
// finish: every registration once with one identity decision, every
// unlock job's transfer once. Then two makers prepare a payout run at once
// and two checkers' processes approve each run at once: one approval wins,
// the winner is killed while it writes the files, `payout files` finishes
// them, every payment is in exactly one file, and `ledger check` and
// `reconcile` pass.
// PRAKERJA_MULTINODE_N sets the size (default 120 registrants and 120
// participants).
func TestMultiNodePostgres(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs three servers as subprocesses")
	}
	base := os.Getenv("PRAKERJA_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PRAKERJA_TEST_POSTGRES is not set; CI must run the PostgreSQL tests")
		}
		t.Skip("PRAKERJA_TEST_POSTGRES is not set")
	}
	n := mnSize(t, 120)
	ctx := context.Background()
	c, store, keys, people := mnSetup(t, ctx, testSchemaURL(t, base), n)
	waveID, regs := mnSeedWave(t, ctx, store, n)
	start := time.Now()
	c.start(t, 3)
	mnEnqueueUnlocks(t, ctx, store, waveID, regs, 15*time.Second)
	reg := &mnRegistrar{client: newAPIClient(c.proxy.URL, 32), store: store, keys: keys, db: c.db}
	ids, errc := mnRegisterAll(ctx, reg, people)
	// The kill lands while the pipelines verify and the runners unlock.
	c.waitCount(t, "a third of the identity decisions", `SELECT COUNT(*) FROM step_records WHERE step = 'identity'`,
		func(k int64) bool { return k >= int64(n/3) })
	jobsDone := c.count(t, `SELECT COUNT(*) FROM jobs WHERE done_at IS NOT NULL`)
	leased := c.count(t, `SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND lease_until IS NOT NULL`)
	c.kill(t, 0)
	t.Logf("node 0 killed at %.1fs with %d of %d unlock jobs done, %d held by a lease (any node's)", time.Since(start).Seconds(), jobsDone, 2*n, leased)
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	t.Logf("answers lost with the killed node: %d e-mail confirmations replayed without a session (signed in again), %d SMS retries refused by the resend limit, %d code retries found the code spent, %d registration retries found their own NIK taken",
		reg.signIns.Load(), reg.limited.Load(), reg.spent.Load(), reg.taken.Load())
	t.Logf("registrations answered at %.1fs", time.Since(start).Seconds())
	c.checkRegistrations(t, ids, n)
	t.Logf("registrations verified at %.1fs", time.Since(start).Seconds())
	c.waitCount(t, "every unlock job", `SELECT COUNT(*) FROM jobs WHERE kind = 'unlock_incentive' AND done_at IS NOT NULL`,
		func(k int64) bool { return k == int64(2*n) })
	c.checkJobs(t, regs)
	payStart := time.Now()
	runs := c.payout(t, ctx, store, keys, regs)
	c.checkPayout(t, regs, runs)
	t.Logf("payout prepared and approved in %.1fs", time.Since(payStart).Seconds())
	for _, line := range [][]string{
		{"ledger", "check", "--db", c.dbURL},
		{"reconcile", "--db", c.dbURL, "--keys", c.keys, "--outbox", c.outbox},
	} {
		if code, out, errOut := runCmd(t, ctx, nil, line...); code != 0 {
			t.Fatalf("%v: exit %d: %s %s", line[:2], code, out, errOut)
		}
	}
	t.Logf("%d registrants and %d participants on three nodes (one killed) in %.1fs", n, n, time.Since(start).Seconds())
	c.stop(t)
}

// mnSetup migrates the schema, writes the key file, starts a registry
// simulator of the population and returns the cluster (not started), a
// store and keyring for the test's own reads, and n registrants.
func mnSetup(t *testing.T, ctx context.Context, dbURL string, n int) (*mnCluster, *sqldb.Store, *pii.Keyring, []population.Person) {
	t.Helper()
	dir := t.TempDir()
	c := &mnCluster{dbURL: dbURL, keys: filepath.Join(dir, "keys.json"), outbox: filepath.Join(dir, "payouts"), data: filepath.Join(dir, "data")}
	if code, out, errOut := runCmd(t, ctx, nil, "migrate", "--db", dbURL); code != 0 {
		t.Fatalf("migrate exit %d: %s %s", code, out, errOut)
	}
	if err := pii.GenerateDevKeyFile(c.keys); err != nil {
		t.Fatal(err)
	}
	keys, err := pii.LoadKeyFile(c.keys)
	if err != nil {
		t.Fatal(err)
	}
	sf := &storeFlags{DB: dbURL}
	store, err := sf.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if c.db, err = sql.Open("pgx", dbURL); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.db.Close() })
	now := time.Now().UTC()
	pop := population.New(2020, population.Options{Ref: now})
	people := verifytest.Registrants(pop, n)
	persons := 0
	for f := 0; f <= people[len(people)-1].ID.Family(); f++ {
		persons += len(pop.Family(f).Members)
	}
	sim, err := registry.NewSimulator(registry.SimConfig{Seed: 2020, Ref: now, Population: persons, Latency: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	c.registry = srv.URL
	return c, store, keys, people
}

// mnRegisterAll registers every person through the proxy, 16 at a time,
// in the background; the channel yields the first error once all are
// done, and ids[i] is person i's registration.
func mnRegisterAll(ctx context.Context, r *mnRegistrar, people []population.Person) ([]int64, <-chan error) {
	ids := make([]int64, len(people))
	errc := make(chan error, 1)
	go func() {
		var mu sync.Mutex
		var errs []error
		sem := make(chan struct{}, 16)
		var wg sync.WaitGroup
		for i, p := range people {
			sem <- struct{}{}
			wg.Go(func() {
				defer func() { <-sem }()
				id, err := r.register(ctx, i, p)
				ids[i] = id
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		errc <- errors.Join(errs...)
	}()
	return ids, errc
}

// checkRegistrations waits for every registration to reach a final
// status and holds them to exactly once: n rows for n people, distinct
// ids, one identity decision each, one eligibility decision for each that
// passed identity, no (registration, step, round) twice.
func (c *mnCluster) checkRegistrations(t *testing.T, ids []int64, n int) {
	t.Helper()
	seen := map[int64]bool{}
	for _, id := range ids {
		if id == 0 || seen[id] {
			t.Fatalf("registration id %d missing or given twice", id)
		}
		seen[id] = true
	}
	final := `SELECT COUNT(*) FROM registrations WHERE status IN ('identity_failed', 'eligible', 'ineligible')`
	c.waitCount(t, "every registration verified", final, func(k int64) bool { return k == int64(n) })
	total := c.count(t, `SELECT COUNT(*) FROM registrations r WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.registration_id = r.id)`)
	identity := c.count(t, `SELECT COUNT(*) FROM step_records WHERE step = 'identity'`)
	people := c.count(t, `SELECT COUNT(DISTINCT registration_id) FROM step_records WHERE step = 'identity'`)
	passed := c.count(t, `SELECT COUNT(*) FROM registrations WHERE status IN ('eligible', 'ineligible')`)
	eligibility := c.count(t, `SELECT COUNT(*) FROM step_records WHERE step = 'eligibility'`)
	twice := c.count(t, `SELECT COUNT(*) FROM (SELECT 1 FROM step_records GROUP BY registration_id, step, round HAVING COUNT(*) > 1) d`)
	t.Logf("registrations: %d through the API, %d identity decisions, %d passed identity", total, identity, passed)
	if total != int64(n) || identity != int64(n) || people != int64(n) || eligibility != passed || twice != 0 {
		t.Fatalf("registrations %d (want %d), identity decisions %d for %d people, eligibility %d for %d, repeated %d",
			total, n, identity, people, eligibility, passed, twice)
	}
}
