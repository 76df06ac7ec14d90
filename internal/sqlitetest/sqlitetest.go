// Package sqlitetest opens throw-away SQLite stores for the tests of the
// service packages, so each package does not repeat the set-up.
package sqlitetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/sqlite"
)

// Open migrates a new database in a temporary folder and opens it; the
// store is closed when the test ends.
func Open(tb testing.TB) *sqldb.Store {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), sqlite.FileName)
	if _, _, err := sqlite.Migrate(ctx, path); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() { _ = store.Close() })
	return store
}

// Keys is a test keyring for sealing personal data.
func Keys(tb testing.TB) *pii.Keyring {
	tb.Helper()
	keys, err := pii.NewKeyFile("k1").Keyring()
	if err != nil {
		tb.Fatal(err)
	}
	return keys
}
