// Package postgres opens the programme's database for scale: PostgreSQL
// through a pgx connection pool, with the store's queries in package sqldb
// and the schema in migrations/.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/prakerja/prakerja/sqldb"
)

// PoolConnsMax bounds the connections one process holds. PostgreSQL's
// default max_connections is 100 and several nodes share it.
const PoolConnsMax = 16

// MigrationLockWaitSecondsMax bounds how long `prakerja migrate` waits for
// another node's migration to finish, probing once a second.
const MigrationLockWaitSecondsMax = 300

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations returns the embedded migration files.
func Migrations() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(fmt.Sprintf("postgres: embedded migrations: %v", err)) // the embed pattern guarantees the folder
	}
	return sub
}

// IsURL reports whether s is a PostgreSQL connection URL.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Redact returns dbURL without its password, for logs and messages.
func Redact(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		return "postgres://(unparseable URL)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// openPool opens a pgx pool and the *sql.DB over it. Closing the *sql.DB
// does not close the pool, so callers close both.
func openPool(ctx context.Context, dbURL string) (*pgxpool.Pool, *sql.DB, error) {
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		// pgx's parse errors can quote the URL, password included.
		return nil, nil, errors.New("parse database URL: not a valid PostgreSQL URL")
	}
	cfg.MaxConns = PoolConnsMax
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("connect to database: %w", err)
	}
	db := stdlib.OpenDBFromPool(pool)
	if err := db.PingContext(ctx); err != nil {
		err = errors.Join(fmt.Errorf("connect to database: %w", err), db.Close())
		pool.Close()
		return nil, nil, err
	}
	return pool, db, nil
}

// Open connects to the database at dbURL. It does not migrate: run Migrate
// first, and use sqldb.CheckSchema to refuse an outdated schema. Add
// search_path=NAME to the URL to work in a schema other than public.
func Open(ctx context.Context, dbURL string) (*sqldb.Store, error) {
	pool, db, err := openPool(ctx, dbURL)
	if err != nil {
		return nil, err
	}
	s, err := sqldb.New(sqldb.Options{
		Dialect:    sqldb.PostgreSQL,
		Writer:     db,
		Migrations: Migrations(),
		OnClose:    func() error { pool.Close(); return nil },
	})
	if err != nil {
		err = errors.Join(err, db.Close())
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Migrate applies the pending migrations to the database at dbURL and
// returns the schema version before and after. Concurrent runs (several
// nodes starting at once) take turns on an advisory lock keyed by the
// schema they migrate.
func Migrate(ctx context.Context, dbURL string) (from, to int64, err error) {
	pool, db, err := openPool(ctx, dbURL)
	if err != nil {
		return 0, 0, err
	}
	defer pool.Close()
	defer func() {
		if closeErr := db.Close(); closeErr != nil && err == nil {
			err = fmt.Errorf("close database: %w", closeErr)
		}
	}()
	locker, err := schemaLocker(ctx, db)
	if err != nil {
		return 0, 0, err
	}
	return sqldb.Migrate(ctx, db, sqldb.PostgreSQL, Migrations(), goose.WithSessionLocker(locker))
}

// schemaLocker returns an advisory lock private to the current schema, so
// migrating one schema never waits for another (tests migrate many at once).
func schemaLocker(ctx context.Context, db *sql.DB) (lock.SessionLocker, error) {
	var schema string
	if err := db.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return nil, fmt.Errorf("read current schema: %w", err)
	}
	h := fnv.New64a()
	h.Write([]byte("prakerja migrate " + schema))
	locker, err := lock.NewPostgresSessionLocker(
		lock.WithLockID(int64(h.Sum64()>>1)),
		lock.WithLockTimeout(1, MigrationLockWaitSecondsMax),
	)
	if err != nil {
		return nil, fmt.Errorf("migration lock: %w", err)
	}
	return locker, nil
}
