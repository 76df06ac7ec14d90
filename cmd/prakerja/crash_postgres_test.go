package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/postgres"
	"github.com/prakerja/prakerja/registry"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/verify/verifytest"
)

// TestCrashPostgresConnectionLost terminates the server's PostgreSQL
// backends (pg_terminate_backend) again and again while `serve` takes
// registrations and verifies a backlog. The server must carry on on fresh
// connections: every acknowledged registration present once, every
// registration sent stored exactly once after the retries, and every
// backlog registration decided exactly once.
func TestCrashPostgresConnectionLost(t *testing.T) {
	t.Parallel()
	cfg := crashSettings(t, 400)
	start := time.Now()
	base := os.Getenv("PRAKERJA_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PRAKERJA_TEST_POSTGRES is not set; CI must run the PostgreSQL tests")
		}
		t.Skip("PRAKERJA_TEST_POSTGRES is not set")
	}
	app := "prakerja_crash_" + randomHex(t)
	dbURL := withAppName(t, testSchemaURL(t, base), app)
	if code, out, errOut := runCmd(t, context.Background(), nil, "migrate", "--db", dbURL); code != 0 {
		t.Fatalf("migrate exit %d: %s %s", code, out, errOut)
	}
	keyFile := filepath.Join(t.TempDir(), "keys.json")
	if err := pii.GenerateDevKeyFile(keyFile); err != nil {
		t.Fatal(err)
	}
	keys, err := pii.LoadKeyFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	store, err := postgres.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	backlog := cfg.size
	regURL, seeded := seedPostgresBacklog(t, store, keys, backlog)

	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	g := newIngest(t, cfg.seed|1<<40, cfg.size) // another population than the backlog's
	if n := g.dropClashes(seeded); n > 0 {
		t.Logf("%d generated bodies share a NIK, e-mail or phone with the backlog; not sent", n)
	}
	g.extra = backlog
	logs := &crashLogs{}
	srv := startServe(t, logs, nil, "--db", dbURL, "--keys", keyFile, "--registry", regURL, "--verify-lease", "2s",
		"--verify-batch", "50", "--log-level", "info", "--jobs=false", "--data", t.TempDir())
	done := make(chan error, 1)
	go func() {
		for g.left() > 0 {
			if err := g.round(srv.base, 8); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	terminated := 0
	for kill := 0; kill < 2*cfg.kills+2; kill++ {
		cfg.pause(300 * time.Millisecond)
		terminated += terminateBackends(t, admin, app)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the backlog to be decided", func() bool { return pgFinished(t, store) == int64(backlog) })
	srv.stop(t)
	tally := g.check(t, store, keys, true)
	wantTally(t, tally)
	wantPostgresRecords(t, store, int64(backlog+len(g.inputs)), int64(backlog))
	logs.wantNone(t, g.secrets())
	t.Logf("postgres connections lost: %d backends terminated, %d registrations (%d acknowledged, %d retried-duplicate), backlog %d decided once, lost 0, doubled 0, answers %v, %.1fs",
		terminated, len(g.inputs), tally.acked, tally.retriedDup, backlog, g.codes, time.Since(start).Seconds())
}

func randomHex(t *testing.T) string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// withAppName names the connections, so the test can find the server's
// backends in pg_stat_activity.
func withAppName(t *testing.T, dbURL, app string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("application_name", app)
	u.RawQuery = q.Encode()
	return u.String()
}

// terminateBackends ends every backend of the named application.
func terminateBackends(t *testing.T, admin *sql.DB, app string) int {
	t.Helper()
	var n int
	err := admin.QueryRow(`SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE application_name = $1 AND pid <> pg_backend_pid()) AS ended`, app).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// seedPostgresBacklog stores n phone-verified registrations and returns
// the URL of a registry simulator of their population, and the people.
func seedPostgresBacklog(t *testing.T, store *sqldb.Store, keys *pii.Keyring, n int) (string, []population.Person) {
	t.Helper()
	now := time.Now().UTC()
	pop := population.New(2020, population.Options{Ref: now})
	people := verifytest.Registrants(pop, n)
	if _, err := verifytest.Seed(context.Background(), store, keys, people, now, nil); err != nil {
		t.Fatal(err)
	}
	persons := 0
	for f := 0; f <= people[len(people)-1].ID.Family(); f++ {
		persons += len(pop.Family(f).Members)
	}
	sim, err := registry.NewSimulator(registry.SimConfig{Seed: 2020, Ref: now, Population: persons, Latency: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return srv.URL, people
}

// pgFinished counts the backlog registrations in a final status.
func pgFinished(t *testing.T, store *sqldb.Store) int64 {
	t.Helper()
	var done int64
	err := store.Reader().QueryRow(`SELECT COUNT(*) FROM registrations WHERE status IN ($1, $2, $3)`,
		prakerja.StatusIdentityFailed, prakerja.StatusEligible, prakerja.StatusIneligible).Scan(&done)
	if err != nil {
		t.Fatal(err)
	}
	return done
}

// wantPostgresRecords checks the totals: total registrations, one identity
// decision per backlog registration, none repeated.
func wantPostgresRecords(t *testing.T, store *sqldb.Store, total, backlog int64) {
	t.Helper()
	var regs, identity, people, twice int64
	for _, q := range []struct {
		dst  *int64
		stmt string
	}{
		{&regs, `SELECT COUNT(*) FROM registrations`},
		{&identity, `SELECT COUNT(*) FROM step_records WHERE step = 'identity'`},
		{&people, `SELECT COUNT(DISTINCT registration_id) FROM step_records WHERE step = 'identity'`},
		{&twice, `SELECT COUNT(*) FROM (SELECT 1 FROM step_records GROUP BY registration_id, step, round HAVING COUNT(*) > 1) AS d`},
	} {
		if err := store.Reader().QueryRow(q.stmt).Scan(q.dst); err != nil {
			t.Fatal(err)
		}
	}
	if regs != total || identity != backlog || people != backlog || twice != 0 {
		t.Fatalf("registrations %d (want %d), identity decisions %d for %d (want %d), repeated %d",
			regs, total, identity, people, backlog, twice)
	}
}
