package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"

	"github.com/prakerja/prakerja"
)

// gooseTable is where goose records applied migrations (its default name).
const gooseTable = goose.DefaultTablename

const sqlSchemaVersion = `SELECT COALESCE(MAX(version_id), 0) FROM ` + gooseTable

// SchemaVersion returns the newest migration applied to the database (0
// when none is) and the newest this binary carries. It only reads, unlike
// goose's own version query, which creates its table when missing.
func (s *Store) SchemaVersion(ctx context.Context) (current, latest int64, err error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var tables int64
	if err := s.reader.QueryRowContext(ctx, s.q.tableExists, gooseTable).Scan(&tables); err != nil {
		return 0, 0, fmt.Errorf("schema version: %w", err)
	}
	if tables == 0 {
		return 0, s.latest, nil
	}
	if err := s.reader.QueryRowContext(ctx, s.q.schemaVersion).Scan(&current); err != nil {
		return 0, 0, fmt.Errorf("schema version: %w", err)
	}
	return current, s.latest, nil
}

// Versioner is the part of prakerja.Store that CheckSchema needs.
type Versioner interface {
	SchemaVersion(ctx context.Context) (current, latest int64, err error)
}

// CheckSchema refuses a database whose schema is not the one this binary
// was built for, with a message that says what to do. Serving on an older
// schema would fail request by request on missing columns; on a newer one it
// could write rows a newer binary does not expect. Returns CodeSchemaOutdated.
func CheckSchema(ctx context.Context, v Versioner) error {
	current, latest, err := v.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("check schema: %w", err)
	}
	switch {
	case current < latest:
		return prakerja.Errorf(prakerja.CodeSchemaOutdated,
			"database schema is at version %d but this prakerja needs %d: run `prakerja migrate`", current, latest)
	case current > latest:
		return prakerja.Errorf(prakerja.CodeSchemaOutdated,
			"database schema is at version %d, newer than this prakerja knows (%d): upgrade prakerja", current, latest)
	}
	return nil
}

// Migrate applies the pending migrations in fsys to db, each in its own
// transaction and recorded in goose's table, and returns the schema
// version before and after. opts are added to the provider's (the
// PostgreSQL engine passes its advisory lock).
func Migrate(ctx context.Context, db *sql.DB, d Dialect, fsys fs.FS, opts ...goose.ProviderOption) (from, to int64, err error) {
	p, err := newProvider(d, db, fsys, opts...)
	if err != nil {
		return 0, 0, err
	}
	if from, err = p.GetDBVersion(ctx); err != nil {
		return 0, 0, fmt.Errorf("read schema version: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return from, from, fmt.Errorf("apply migrations: %w", err)
	}
	if to, err = p.GetDBVersion(ctx); err != nil {
		return from, from, fmt.Errorf("read schema version: %w", err)
	}
	return from, to, nil
}

// newProvider is the one place goose is configured: quiet (the CLI prints
// its own summary) and blind to goose's process-wide registry of Go
// migrations, so only this engine's files count.
func newProvider(d Dialect, db *sql.DB, fsys fs.FS, opts ...goose.ProviderOption) (*goose.Provider, error) {
	if fsys == nil {
		return nil, errors.New("sqldb: no migrations")
	}
	opts = append([]goose.ProviderOption{goose.WithDisableGlobalRegistry(true), goose.WithVerbose(false)}, opts...)
	p, err := goose.NewProvider(d.goose, db, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	return p, nil
}

// LatestVersion is the newest migration version in fsys, read from the
// file names the way goose reads them, without a database.
func LatestVersion(fsys fs.FS) (int64, error) {
	if fsys == nil {
		return 0, errors.New("sqldb: no migrations")
	}
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return 0, fmt.Errorf("list migrations: %w", err)
	}
	var latest int64
	for _, name := range names {
		v, err := goose.NumericComponent(name)
		if err != nil {
			return 0, fmt.Errorf("migration %s: %w", name, err)
		}
		latest = max(latest, v)
	}
	if latest == 0 {
		return 0, errors.New("sqldb: no migrations")
	}
	return latest, nil
}
