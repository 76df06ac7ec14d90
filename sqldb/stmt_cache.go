package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// stmtCacheMax bounds the prepared statements one cache keeps per pool;
// the store's hot statements are a few dozen fixed query texts.
const stmtCacheMax = 256

// stmtCache keeps prepared statements by pool and query text, so a hot
// statement is parsed once per connection instead of on every call. With
// the pure-Go SQLite driver, parsing the purchase read (five joins) costs
// about 600 µs and running it prepared about 55 µs; PostgreSQL gains less
// but loses nothing. database/sql re-prepares a statement on each pool
// connection as needed, and Tx.StmtContext reuses the one prepared on the
// transaction's connection.
type stmtCache struct {
	mu     sync.Mutex
	stmts  map[*sql.DB]map[string]*sql.Stmt
	closed bool
}

func newStmtCache() *stmtCache {
	return &stmtCache{stmts: map[*sql.DB]map[string]*sql.Stmt{}}
}

// get returns the prepared statement of query on db, preparing it the
// first time. A full cache, or a closed one, answers nil: the caller then
// runs the query unprepared. The lock is not held while preparing, which
// waits for a pool connection: a write transaction holding SQLite's one
// writer connection may meanwhile look up its own statements.
func (c *stmtCache) get(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	st, ok := c.stmts[db][query]
	full := c.closed || len(c.stmts[db]) >= stmtCacheMax
	c.mu.Unlock()
	if ok || full {
		return st, nil
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.stmts[db][query]; ok || c.closed {
		_ = st.Close() // another caller prepared it first, or the store closed
		return prev, nil
	}
	if c.stmts[db] == nil {
		c.stmts[db] = map[string]*sql.Stmt{}
	}
	c.stmts[db][query] = st
	return st, nil
}

// cached returns the statement of query on db only if it was prepared
// before: inside a write transaction preparing would wait for a pool
// connection, and SQLite's writer pool has only the one the transaction
// holds.
func (c *stmtCache) cached(db *sql.DB, query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	return c.stmts[db][query]
}

// warmWriter prepares write-transaction statements on the writer pool.
// Call it outside any transaction; a failure only leaves them unprepared.
func (s *Store) warmWriter(ctx context.Context, queries ...string) {
	for _, q := range queries {
		if s.stmts.cached(s.writer, q) == nil {
			_, _ = s.stmts.get(ctx, s.writer, q)
		}
	}
}

// close releases every statement; later gets answer nil.
func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	var errs []error
	for db, byQuery := range c.stmts {
		for _, st := range byQuery {
			errs = append(errs, st.Close())
		}
		delete(c.stmts, db)
	}
	return errors.Join(errs...)
}

// readRow runs a one-row read on the read pool, prepared when it can be.
func (s *Store) readRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st, err := s.stmts.get(ctx, s.reader, query); err == nil && st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.reader.QueryRowContext(ctx, query, args...)
}

// readRows runs a read on the read pool, prepared when it can be.
func (s *Store) readRows(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st, err := s.stmts.get(ctx, s.reader, query); err == nil && st != nil {
		return st.QueryContext(ctx, args...)
	}
	return s.reader.QueryContext(ctx, query, args...)
}

// txRow runs a one-row statement in a write transaction, prepared when
// warmWriter prepared it.
func (s *Store) txRow(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	if st := s.stmts.cached(s.writer, query); st != nil {
		return tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, query, args...)
}

// txExec runs a statement in a write transaction, prepared when
// warmWriter prepared it.
func (s *Store) txExec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if st := s.stmts.cached(s.writer, query); st != nil {
		return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, query, args...)
}

// txStmtRower is a write transaction's prepared statement as a queryRower,
// so the shared inserts (challenge, message) run prepared too.
type txStmtRower struct {
	s     *Store
	tx    *sql.Tx
	query string
}

func (r txStmtRower) QueryRowContext(ctx context.Context, args ...any) *sql.Row {
	return r.s.txRow(ctx, r.tx, r.query, args...)
}
