package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/postgres"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/storetest"
)

// baseURL is the test server from PRAKERJA_TEST_POSTGRES. Without it the
// tests skip, except under CI=true, where a skipped PostgreSQL suite would
// hide a broken engine.
func baseURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv("PRAKERJA_TEST_POSTGRES")
	if u == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("PRAKERJA_TEST_POSTGRES is not set; CI must run the PostgreSQL suite")
		}
		tb.Skip("PRAKERJA_TEST_POSTGRES is not set")
	}
	return u
}

// freshSchema creates an empty schema, dropped when the test ends, and
// returns a URL whose connections work in it. Tests therefore share one
// server and still run in parallel without seeing each other's rows.
func freshSchema(tb testing.TB) string {
	tb.Helper()
	base := baseURL(tb)
	random := make([]byte, 8)
	if _, err := rand.Read(random); err != nil {
		tb.Fatal(err)
	}
	schema := "s_" + hex.EncodeToString(random)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			tb.Error(err)
			return
		}
		defer admin.Close()
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			tb.Errorf("drop schema: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// mustOpen returns a store on a fresh, migrated schema, closed when the
// test ends (before its schema is dropped).
func mustOpen(tb testing.TB) *sqldb.Store {
	tb.Helper()
	dbURL := freshSchema(tb)
	if _, _, err := postgres.Migrate(context.Background(), dbURL); err != nil {
		tb.Fatalf("Migrate: %v", err)
	}
	return mustOpenURL(tb, dbURL)
}

func mustOpenURL(tb testing.TB, dbURL string) *sqldb.Store {
	tb.Helper()
	s, err := postgres.Open(context.Background(), dbURL)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// TestStore runs the conformance suite every store passes.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) prakerja.Store { return mustOpen(t) })
}

// TestMigrate checks versions before and after and that a second run is a
// no-op.
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	dbURL := freshSchema(t)
	from, to, err := postgres.Migrate(ctx, dbURL)
	if err != nil || from != 0 || to < 1 {
		t.Fatalf("first Migrate = %d, %d, %v; want 0, ≥ 1", from, to, err)
	}
	again, to2, err := postgres.Migrate(ctx, dbURL)
	if err != nil || again != to || to2 != to {
		t.Fatalf("second Migrate = %d, %d, %v; want %d twice", again, to2, err, to)
	}
}

// TestCheckSchema checks that an unmigrated schema is refused with a
// message that says what to do.
func TestCheckSchema(t *testing.T) {
	ctx := context.Background()
	t.Run("ErrSchemaOutdated", func(t *testing.T) {
		err := sqldb.CheckSchema(ctx, mustOpenURL(t, freshSchema(t)))
		if want := fmt.Sprintf("database schema is at version 0 but this prakerja needs %d: run `prakerja migrate`", latestVersion(t)); prakerja.ErrorCode(err) != prakerja.CodeSchemaOutdated || prakerja.ErrorMessage(err) != want {
			t.Fatalf("CheckSchema = %v, want %s: %q", err, prakerja.CodeSchemaOutdated, want)
		}
	})
	t.Run("OK", func(t *testing.T) {
		if err := sqldb.CheckSchema(ctx, mustOpen(t)); err != nil {
			t.Fatal(err)
		}
	})
}

// TestRedact checks that a password never reaches a message.
func TestRedact(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"UserPassword", "postgres://app:s3cret@db:5432/prakerja?sslmode=require", "postgres://app@db:5432/prakerja?sslmode=require"},
		{"QueryPassword", "postgresql://db/prakerja?password=s3cret&sslmode=disable", "postgresql://db/prakerja?sslmode=disable"},
		{"NoPassword", "postgres://postgres@127.0.0.1:5432/test", "postgres://postgres@127.0.0.1:5432/test"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := postgres.Redact(tt.in); got != tt.want || strings.Contains(got, "s3cret") {
				t.Fatalf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// BenchmarkCreateRegistration measures durable registrations per second
// through the group committer, with many concurrent callers as an HTTP
// server under load would have.
func BenchmarkCreateRegistration(b *testing.B) {
	s := mustOpen(b)
	storetest.BenchmarkCreateRegistration(b, s)
}

// latestVersion is the newest migration this binary carries, so the
// expected messages follow new migrations.
func latestVersion(tb testing.TB) int64 {
	tb.Helper()
	v, err := sqldb.LatestVersion(postgres.Migrations())
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// BenchmarkPipeline measures claiming and completing pipeline work in
// batches of storetest.BenchPipelineBatch.
func BenchmarkPipeline(b *testing.B) {
	storetest.BenchmarkPipeline(b, mustOpen(b))
}

// BenchmarkImportExclusions measures importing a list of
// storetest.BenchImportEntries NIK indexes.
func BenchmarkImportExclusions(b *testing.B) {
	storetest.BenchmarkImportExclusions(b, mustOpen(b))
}

// TestLedgerTwoWriters runs two stores (two nodes) on one schema.
func TestLedgerTwoWriters(t *testing.T) {
	dbURL := freshSchema(t)
	if _, _, err := postgres.Migrate(context.Background(), dbURL); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	storetest.LedgerTwoWriters(t, mustOpenURL(t, dbURL), mustOpenURL(t, dbURL))
}
