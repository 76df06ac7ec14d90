// Package sqlite opens the programme's embedded default database: one
// SQLite file, driven by the pure-Go modernc.org/sqlite (so the binary stays
// static), with the store's queries in package sqldb and the schema in
// migrations/.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/prakerja/prakerja/sqldb"
)

// FileName is the database file inside a data folder.
const FileName = "prakerja.db"

// ReadConnsMax bounds the read pool. Reads in WAL mode run beside the
// writer, but a 2-core machine gains nothing from more than a few.
const ReadConnsMax = 4

// BusyTimeoutMs is how long a connection waits for another one's lock
// (another process, or a WAL checkpoint) before reporting SQLITE_BUSY.
const BusyTimeoutMs = 5000

// Page cache sizes, in KiB (a negative cache_size is KiB, not pages).
const (
	WriterCacheKiB = 64 << 10
	ReaderCacheKiB = 16 << 10
)

// WALSizeLimitBytes is the size the write-ahead log is cut back to after a
// checkpoint.
const WALSizeLimitBytes = 64 << 20

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations returns the embedded migration files.
func Migrations() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(fmt.Sprintf("sqlite: embedded migrations: %v", err)) // the embed pattern guarantees the folder
	}
	return sub
}

// dsn is the one place the connections are configured. Every setting is a
// _pragma DSN parameter, so the driver applies it to each connection the
// pool opens, not just the first:
//
//   - busy_timeout comes first (the driver runs it before the others), so a
//     connection that meets a lock waits instead of failing; switching to
//     WAL itself takes a lock.
//   - journal_mode=WAL lets readers run while the writer commits, and makes
//     a commit one append to the log instead of a rewrite of pages.
//   - synchronous=FULL fsyncs the log at every commit, so an acknowledged
//     registration survives a power cut (NORMAL could lose the last ones);
//     group commit pays for it by carrying many registrations per fsync.
//   - foreign_keys=ON makes SQLite check the REFERENCES in the schema,
//     which for historical reasons it does not do by default.
//   - cache_size keeps the B-tree pages of the blind-index indexes in
//     memory: their keys are random hashes, so every registration touches a
//     different leaf of each, and re-reading leaves costs more than RAM
//     (64 MiB on the writer measured 12% more registrations/s than the 2 MiB
//     default; 16 MiB per reader).
//   - journal_size_limit truncates the WAL back to 64 MiB after a
//     checkpoint, so one burst does not leave a huge log file behind.
//   - _txlock=immediate takes the write lock at BEGIN, so a transaction
//     never fails halfway when it upgrades from reading to writing.
//   - query_only=ON on the read pool makes a stray write there an error
//     instead of a second writer racing the first.
func dsn(path string, readOnly bool) string {
	v := url.Values{}
	v.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeoutMs))
	v.Add("_pragma", "journal_mode(WAL)")
	v.Add("_pragma", "synchronous(FULL)")
	v.Add("_pragma", "foreign_keys(ON)")
	v.Add("_pragma", fmt.Sprintf("journal_size_limit(%d)", WALSizeLimitBytes))
	if readOnly {
		v.Add("_pragma", fmt.Sprintf("cache_size(-%d)", ReaderCacheKiB))
		v.Add("_pragma", "query_only(ON)")
	} else {
		v.Add("_pragma", fmt.Sprintf("cache_size(-%d)", WriterCacheKiB))
		v.Set("_txlock", "immediate")
	}
	return path + "?" + v.Encode()
}

// openWriter opens the single-connection writer pool and makes sure the
// connection (and so every PRAGMA) works before anyone relies on it.
func openWriter(ctx context.Context, path string) (*sql.DB, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("sqlite: database path %q is empty or holds ? or #", path)
	}
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// SQLite has one writer. More connections would only wait for its lock
	// (or fail with SQLITE_BUSY), so the pool holds exactly one and
	// database/sql queues the callers in Go instead.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := db.PingContext(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("open %s: %w", path, err), db.Close())
	}
	return db, nil
}

// Open opens the database file at path (creating it if missing) with a
// writer connection and a read pool. It does not migrate: run Migrate
// first, and use sqldb.CheckSchema to refuse an outdated file.
func Open(ctx context.Context, path string) (*sqldb.Store, error) {
	writer, err := openWriter(ctx, path)
	if err != nil {
		return nil, err
	}
	reader, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, errors.Join(fmt.Errorf("open %s for reading: %w", path, err), writer.Close())
	}
	reader.SetMaxOpenConns(ReadConnsMax)
	reader.SetMaxIdleConns(ReadConnsMax)
	if err := reader.PingContext(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("open %s for reading: %w", path, err), reader.Close(), writer.Close())
	}
	s, err := sqldb.New(sqldb.Options{
		Dialect:    sqldb.SQLite,
		Writer:     writer,
		Reader:     reader,
		Migrations: Migrations(),
	})
	if err != nil {
		return nil, errors.Join(err, reader.Close(), writer.Close())
	}
	return s, nil
}

// OpenDir opens dir/prakerja.db, creating dir (readable by its owner only:
// it holds personal data, if encrypted) when it does not exist.
func OpenDir(ctx context.Context, dir string) (*sqldb.Store, error) {
	path, err := prepareDir(dir)
	if err != nil {
		return nil, err
	}
	return Open(ctx, path)
}

// MigrateDir is Migrate for dir/prakerja.db, creating dir like OpenDir.
func MigrateDir(ctx context.Context, dir string) (from, to int64, err error) {
	path, err := prepareDir(dir)
	if err != nil {
		return 0, 0, err
	}
	return Migrate(ctx, path)
}

// Path returns the database file of a data folder.
func Path(dir string) string { return filepath.Join(dir, FileName) }

func prepareDir(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create data folder: %w", err)
	}
	return Path(dir), nil
}

// Migrate applies the pending migrations to the database file at path and
// returns the schema version before and after.
func Migrate(ctx context.Context, path string) (from, to int64, err error) {
	db, err := openWriter(ctx, path)
	if err != nil {
		return 0, 0, err
	}
	from, to, err = sqldb.Migrate(ctx, db, sqldb.SQLite, Migrations())
	if closeErr := db.Close(); closeErr != nil && err == nil {
		err = fmt.Errorf("close %s: %w", path, closeErr)
	}
	return from, to, err
}
