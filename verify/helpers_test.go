package verify_test

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
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/sqlite"
	"github.com/prakerja/prakerja/verify"
	"github.com/prakerja/prakerja/verify/verifytest"
)

// popSeed is the tests' population; the simulator answers from the same.
const popSeed = 2020

// env is one test's store, keys, population and simulated registry.
type env struct {
	store *sqldb.Store
	keys  *pii.Keyring
	pop   *population.Population
	sim   *registry.Simulator
	url   string // the simulator's base URL
	now   time.Time
}

// newEnv opens a fresh SQLite store and a simulator covering the first
// families up to and including the one of registrant n-1 of the
// population.
func newEnv(t testing.TB, n int) *env {
	t.Helper()
	return newEnvOn(t, openSQLite(t), n)
}

func newEnvOn(t testing.TB, store *sqldb.Store, n int) *env {
	t.Helper()
	keys, err := pii.NewKeyFile("k1").Keyring()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	pop := population.New(popSeed, population.Options{Ref: now})
	sim, err := registry.NewSimulator(registry.SimConfig{Seed: popSeed, Ref: now, Population: personsUpTo(pop, n)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return &env{store: store, keys: keys, pop: pop, sim: sim, url: srv.URL, now: now}
}

// personsUpTo counts the people of the families holding the first n
// registrants, the simulator's population size that knows all of them.
func personsUpTo(pop *population.Population, n int) int {
	seen, persons := 0, 0
	for f := 0; seen < n; f++ {
		for _, p := range pop.Family(f).Members {
			if p.Registrant {
				seen++
			}
		}
		persons += len(pop.Family(f).Members)
	}
	return persons
}

func openSQLite(t testing.TB) *sqldb.Store {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	if _, _, err := sqlite.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// openPostgres opens a fresh schema on PRAKERJA_TEST_POSTGRES; it skips
// without one, except under CI=true.
func openPostgres(t testing.TB) *sqldb.Store {
	t.Helper()
	base := os.Getenv("PRAKERJA_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PRAKERJA_TEST_POSTGRES is not set; CI must run the PostgreSQL tests")
		}
		t.Skip("PRAKERJA_TEST_POSTGRES is not set")
	}
	random := make([]byte, 8)
	rand.Read(random)
	schema := "verify_" + hex.EncodeToString(random)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	ctx := context.Background()
	if _, _, err := postgres.Migrate(ctx, u.String()); err != nil {
		t.Fatal(err)
	}
	s, err := postgres.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// seed stores people as phone-verified registrations.
func (e *env) seed(t testing.TB, people []population.Person) []int64 {
	t.Helper()
	ids, err := verifytest.Seed(context.Background(), e.store, e.keys, people, e.now, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// client is a registry client for the simulator, or for url when given.
func (e *env) client(t testing.TB, adjust ...func(*registry.Config)) *registry.Client {
	t.Helper()
	cfg := registry.Config{URL: e.url, Timeout: 5 * time.Second}
	for _, f := range adjust {
		f(&cfg)
	}
	c, err := registry.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pipeline builds a pipeline with test-sized batches and backoff.
func (e *env) pipeline(t testing.TB, reg registry.Checker, adjust ...func(*verify.Config)) *verify.Pipeline {
	t.Helper()
	sch, err := scheme.Load("2020")
	if err != nil {
		t.Fatal(err)
	}
	cfg := verify.Config{
		Batch: 100, Concurrency: 2, Lease: 10 * time.Second, IdlePoll: 20 * time.Millisecond,
		BackoffBase: 10 * time.Millisecond, BackoffMax: 50 * time.Millisecond,
	}
	for _, f := range adjust {
		f(&cfg)
	}
	p, err := verify.New(verify.Deps{
		Store: e.store, Registry: reg, Scheme: sch, Keys: e.keys, Clock: prakerja.SystemClock{},
	}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// drain drains p within a minute.
func drain(t testing.TB, p *verify.Pipeline) verify.Counts {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := p.Drain(ctx)
	if err != nil {
		t.Fatalf("Drain: %v", err)
	}
	return c
}

// final reports whether a status ends the pipeline.
func final(s prakerja.RegistrationStatus) bool {
	switch s {
	case prakerja.StatusIdentityFailed, prakerja.StatusEligible, prakerja.StatusIneligible:
		return true
	}
	return false
}

// checkFinal asserts that every registration ended in a final status,
// failures with reasons, with exactly one decision per step and round,
// and returns the registrations by id.
func checkFinal(t testing.TB, s *sqldb.Store, ids []int64) map[int64]*prakerja.RegistrationRecord {
	t.Helper()
	ctx := context.Background()
	out := make(map[int64]*prakerja.RegistrationRecord, len(ids))
	for _, id := range ids {
		r, err := s.Registration(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		out[id] = r
		if !final(r.Status) {
			t.Fatalf("registration %d ended in %s", id, r.Status)
		}
		if r.Status != prakerja.StatusEligible && len(r.Reasons) == 0 {
			t.Fatalf("registration %d is %s without a reason", id, r.Status)
		}
		checkRecords(t, s, r)
	}
	return out
}

// checkRecords asserts one StepRecord per (step, round) and that the
// latest record of the last step matches the status.
func checkRecords(t testing.TB, s *sqldb.Store, r *prakerja.RegistrationRecord) {
	t.Helper()
	recs, err := s.StepRecords(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		step  prakerja.Step
		round int
	}
	seen := map[key]bool{}
	for _, rec := range recs {
		k := key{rec.Step, rec.Round}
		if seen[k] {
			t.Fatalf("registration %d: two %s decisions in round %d", r.ID, rec.Step, rec.Round)
		}
		seen[k] = true
	}
	if len(recs) == 0 || recs[len(recs)-1].Status != r.Status {
		t.Fatalf("registration %d is %s but its last decision says otherwise (%d records)", r.ID, r.Status, len(recs))
	}
}
