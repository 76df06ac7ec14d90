package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/sqlite"
	"github.com/prakerja/prakerja/storetest"
)

// mustOpen returns a store on a fresh, migrated file in t's temp folder,
// closed when the test ends.
func mustOpen(tb testing.TB) *sqldb.Store {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), sqlite.FileName)
	if _, _, err := sqlite.Migrate(context.Background(), path); err != nil {
		tb.Fatalf("Migrate: %v", err)
	}
	return mustOpenPath(tb, path)
}

func mustOpenPath(tb testing.TB, path string) *sqldb.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), path)
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

// TestPragmas checks the settings actually in force on the connections,
// not the DSN that asked for them.
func TestPragmas(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	tests := []struct {
		name   string
		pool   string
		pragma string
		want   string
	}{
		{"WriterBusyTimeout", "writer", "busy_timeout", "5000"},
		{"WriterJournalMode", "writer", "journal_mode", "wal"},
		{"WriterSynchronous", "writer", "synchronous", "2"}, // FULL
		{"WriterForeignKeys", "writer", "foreign_keys", "1"},
		{"WriterNotQueryOnly", "writer", "query_only", "0"},
		{"WriterCacheSize", "writer", "cache_size", "-65536"},
		{"WriterJournalSizeLimit", "writer", "journal_size_limit", "67108864"},
		{"ReaderBusyTimeout", "reader", "busy_timeout", "5000"},
		{"ReaderJournalMode", "reader", "journal_mode", "wal"},
		{"ReaderQueryOnly", "reader", "query_only", "1"},
		{"ReaderCacheSize", "reader", "cache_size", "-16384"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := s.Writer()
			if tt.pool == "reader" {
				db = s.Reader()
			}
			var got string
			if err := db.QueryRowContext(ctx, "PRAGMA "+tt.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if !strings.EqualFold(got, tt.want) {
				t.Fatalf("PRAGMA %s = %q, want %q", tt.pragma, got, tt.want)
			}
		})
	}
	t.Run("WriterHasOneConnection", func(t *testing.T) {
		if got := s.Writer().Stats().MaxOpenConnections; got != 1 {
			t.Fatalf("writer MaxOpenConnections = %d, want 1", got)
		}
	})
	t.Run("ErrReaderWrite", func(t *testing.T) {
		_, err := s.Reader().ExecContext(ctx, "DELETE FROM rate_limits")
		if err == nil {
			t.Fatal("the read pool accepted a write")
		}
	})
}

// TestCheckSchema checks that an unmigrated or a too-new database is
// refused with a message that says what to do.
func TestCheckSchema(t *testing.T) {
	ctx := context.Background()
	t.Run("ErrSchemaOutdated", func(t *testing.T) {
		s := mustOpenPath(t, filepath.Join(t.TempDir(), sqlite.FileName))
		err := sqldb.CheckSchema(ctx, s)
		if prakerja.ErrorCode(err) != prakerja.CodeSchemaOutdated {
			t.Fatalf("CheckSchema = %v, want %s", err, prakerja.CodeSchemaOutdated)
		}
		if want := fmt.Sprintf("database schema is at version 0 but this prakerja needs %d: run `prakerja migrate`", latestVersion(t)); prakerja.ErrorMessage(err) != want {
			t.Fatalf("message = %q, want %q", prakerja.ErrorMessage(err), want)
		}
		// SchemaVersion only reads: the file still has no goose table.
		var n int
		if err := s.Reader().QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name = 'goose_db_version'").Scan(&n); err != nil || n != 0 {
			t.Fatalf("goose table count = %d, %v; want 0", n, err)
		}
	})
	t.Run("ErrSchemaNewer", func(t *testing.T) {
		s := mustOpen(t)
		if _, err := s.Writer().ExecContext(ctx, "INSERT INTO goose_db_version (version_id, is_applied) VALUES (999, 1)"); err != nil {
			t.Fatal(err)
		}
		err := sqldb.CheckSchema(ctx, s)
		if prakerja.ErrorCode(err) != prakerja.CodeSchemaOutdated || !strings.Contains(err.Error(), "upgrade prakerja") {
			t.Fatalf("CheckSchema = %v, want %s asking for an upgrade", err, prakerja.CodeSchemaOutdated)
		}
	})
	t.Run("OK", func(t *testing.T) {
		if err := sqldb.CheckSchema(ctx, mustOpen(t)); err != nil {
			t.Fatal(err)
		}
	})
}

// TestMigrate checks versions before and after, that a second run is a
// no-op, and that migration versions are 1, 2, 3 … (the CLI counts
// applied migrations as a difference of versions).
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	files, err := fs.Glob(sqlite.Migrations(), "*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("migrations: %v, %v", files, err)
	}
	for i, f := range files {
		if want := fmt.Sprintf("%05d_", i+1); !strings.HasPrefix(f, want) {
			t.Fatalf("migration %q is not numbered %s…", f, want)
		}
	}
	from, to, err := sqlite.MigrateDir(ctx, dir)
	if err != nil || from != 0 || to != int64(len(files)) {
		t.Fatalf("first Migrate = %d, %d, %v; want 0, %d", from, to, err, len(files))
	}
	from, to, err = sqlite.MigrateDir(ctx, dir)
	if err != nil || from != to || to != int64(len(files)) {
		t.Fatalf("second Migrate = %d, %d, %v; want %d twice", from, to, err, len(files))
	}
	info, err := os.Stat(dir)
	if err != nil || info.Mode().Perm() != 0o700 {
		t.Fatalf("data folder: %v, %v; want mode 0700", info, err)
	}
}

// TestCloseDrains closes the store while registrations are in flight and
// checks, on a fresh connection, that every acknowledged one was stored
// and every other one was told the service is unavailable.
func TestCloseDrains(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	if _, _, err := sqlite.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	const n = 300
	regs := make([]*prakerja.NewRegistration, n)
	errs := make([]error, n)
	var started, wg sync.WaitGroup
	for i := range regs {
		regs[i] = storetest.NewRegistration(storetest.Unique())
		started.Add(1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			started.Done()
			errs[i] = s.CreateRegistration(ctx, regs[i])
		}()
	}
	started.Wait() // every call is on its way: Close races them
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	reopened := mustOpenPath(t, path)
	acknowledged := 0
	for i, err := range errs {
		switch {
		case err == nil:
			acknowledged++
			if _, err := reopened.Registration(ctx, regs[i].Record.ID); err != nil {
				t.Fatalf("acknowledged registration %d lost: %v", i, err)
			}
		case prakerja.ErrorCode(err) != prakerja.CodeUnavailable:
			t.Fatalf("registration %d: %v, want success or %s", i, err, prakerja.CodeUnavailable)
		}
	}
	t.Logf("%d of %d registrations acknowledged before Close", acknowledged, n)
}

// BenchmarkCreateRegistration measures durable (synchronous=FULL)
// registrations per second through the group committer, with many
// concurrent callers as an HTTP server under load would have.
func BenchmarkCreateRegistration(b *testing.B) {
	storetest.BenchmarkCreateRegistration(b, mustOpen(b))
}

// latestVersion is the newest migration this binary carries, so the
// expected messages follow new migrations.
func latestVersion(tb testing.TB) int64 {
	tb.Helper()
	v, err := sqldb.LatestVersion(sqlite.Migrations())
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

// TestMigrateKeepsRegistrations migrates a database holding a registration
// from version 1 and checks that serving is refused until it is migrated,
// and that the backfilled status change time is its last update.
func TestMigrateKeepsRegistrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sqlite.Migrations(), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 1); err != nil {
		t.Fatal(err)
	}
	_, err = db.ExecContext(ctx, `INSERT INTO registrations (id, full_name, nik_ct, nik_idx, email_ct, email_idx,
		phone_ct, phone_idx, birth_date, sex, domicile_district, status, created_at, updated_at)
		VALUES (7, 'Budi', x'01', x'02', x'03', x'04', x'05', x'06', '1990-01-01', 'M', '31.71.01', 'phone_verified', 1, 42)`)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	err = sqldb.CheckSchema(ctx, mustOpenPath(t, path))
	if prakerja.ErrorCode(err) != prakerja.CodeSchemaOutdated || !strings.Contains(err.Error(), "at version 1") {
		t.Fatalf("CheckSchema on version 1 = %v, want %s", err, prakerja.CodeSchemaOutdated)
	}
	if from, to, err := sqlite.Migrate(ctx, path); err != nil || from != 1 || to != latestVersion(t) {
		t.Fatalf("Migrate = %d, %d, %v; want 1, %d", from, to, err, latestVersion(t))
	}
	r, err := mustOpenPath(t, path).Registration(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if !r.StatusChangedAt.Equal(time.UnixMicro(42)) || r.Reasons != nil {
		t.Fatalf("migrated registration: changed at %v, reasons %v; want %v and none", r.StatusChangedAt, r.Reasons, time.UnixMicro(42))
	}
}

// TestLedgerTwoWriters runs two stores on one data folder's file.
func TestLedgerTwoWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	if _, _, err := sqlite.Migrate(context.Background(), path); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	storetest.LedgerTwoWriters(t, mustOpenPath(t, path), mustOpenPath(t, path))
}
