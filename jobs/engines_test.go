package jobs_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/prakerja/prakerja/postgres"
	"github.com/prakerja/prakerja/sqldb"
)

// opener returns a fresh, migrated store for one test.
type opener func(t *testing.T) *sqldb.Store

// eachEngine runs test on SQLite and, with PRAKERJA_TEST_POSTGRES, on
// PostgreSQL, where concurrent runners really write in parallel.
func eachEngine(t *testing.T, test func(t *testing.T, open opener)) {
	t.Run("sqlite", func(t *testing.T) { test(t, openSQLite) })
	t.Run("postgres", func(t *testing.T) { test(t, openPostgres) })
}

// openPostgres opens a fresh schema on PRAKERJA_TEST_POSTGRES; it skips
// without one, except under CI=true.
func openPostgres(t *testing.T) *sqldb.Store {
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
	schema := "jobs_" + hex.EncodeToString(random)
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
