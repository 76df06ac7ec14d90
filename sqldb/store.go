// Package sqldb implements prakerja.Store once, over database/sql, for both
// SQL engines the programme runs on. The engine packages (sqlite, postgres)
// only open connections, configure them and hold the migrations; every query
// and every rule of the contract lives here, so the two engines cannot drift
// apart and the one conformance suite in storetest checks a single code path.
package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
)

// QueryTimeoutDefault bounds every call that comes without an earlier
// deadline, so a stuck lock or a lost connection surfaces as an error instead
// of a hung request.
const QueryTimeoutDefault = 10 * time.Second

// writeTx are the options of every write transaction, stated rather than
// implied: the default level is READ COMMITTED on PostgreSQL, where the rows
// a transaction decides on are locked with FOR UPDATE, and serializable on
// SQLite, whose single writer connection runs one transaction at a time.
var writeTx = &sql.TxOptions{Isolation: sql.LevelDefault}

// Store is the SQL implementation of prakerja.Store.
type Store struct {
	dialect   Dialect
	writer    *sql.DB
	reader    *sql.DB
	q         *queries
	committer *committer
	ledger    *ledgerCommitter
	accounts  accountCache // the ledger loop's (ledger_cache.go)
	stmts     *stmtCache   // prepared hot statements (stmt_cache.go)
	timeout   time.Duration
	latest    int64 // newest migration version this binary carries
	onClose   func() error

	closeOnce sync.Once
	closeErr  error
}

var _ prakerja.Store = (*Store)(nil)

// Options configure New.
type Options struct {
	Dialect Dialect
	// Writer runs every write. On SQLite it must hold at most one
	// connection (SQLite has one writer; more connections only queue on
	// its lock).
	Writer *sql.DB
	// Reader runs the reads; nil means Writer. SQLite uses a separate pool
	// of read-only connections so reads never wait for the writer.
	Reader *sql.DB
	// Migrations are the engine's migration files, so SchemaVersion knows
	// the latest version.
	Migrations fs.FS
	// QueryTimeout bounds a call without its own deadline; 0 means
	// QueryTimeoutDefault.
	QueryTimeout time.Duration
	// OnClose releases what the engine package opened besides the two
	// pools (the pgx pool behind PostgreSQL's *sql.DB). It runs last.
	OnClose func() error
}

// New builds a Store and starts its group committer. It does not touch the
// database, so it works on a database whose schema is not migrated yet
// (SchemaVersion then tells the caller so).
func New(o Options) (*Store, error) {
	if o.Writer == nil {
		return nil, errors.New("sqldb: no writer database")
	}
	if o.Dialect.name == "" {
		return nil, errors.New("sqldb: no dialect")
	}
	latest, err := LatestVersion(o.Migrations)
	if err != nil {
		return nil, err
	}
	s := &Store{
		dialect: o.Dialect,
		writer:  o.Writer,
		reader:  o.Reader,
		q:       newQueries(o.Dialect),
		timeout: o.QueryTimeout,
		latest:  latest,
		onClose: o.OnClose,
	}
	if s.reader == nil {
		s.reader = s.writer
	}
	if s.timeout <= 0 {
		s.timeout = QueryTimeoutDefault
	}
	s.committer = newCommitter(s.writer, s.q, s.dialect)
	s.ledger = newLedgerCommitter(s)
	s.stmts = newStmtCache()
	return s, nil
}

// Dialect returns the engine the store runs on.
func (s *Store) Dialect() Dialect { return s.dialect }

// Writer returns the database that runs the writes, for engine-specific
// tests and tools (for example reading PRAGMAs). Do not write through it
// while the store is in use.
func (s *Store) Writer() *sql.DB { return s.writer }

// Reader returns the database that runs the reads.
func (s *Store) Reader() *sql.DB { return s.reader }

// Ping reports whether both pools answer.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if err := s.writer.PingContext(ctx); err != nil {
		return fmt.Errorf("ping writer: %w", err)
	}
	if err := s.reader.PingContext(ctx); err != nil {
		return fmt.Errorf("ping reader: %w", err)
	}
	return nil
}

// Close stops accepting registrations, waits until the committer has
// written every one already queued (so no acknowledged caller is lost) and
// then closes the databases. Calling it again returns the first result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.committer.close()
		s.ledger.close()
		errs := []error{s.stmts.close()}
		if s.reader != s.writer {
			errs = append(errs, s.reader.Close())
		}
		errs = append(errs, s.writer.Close())
		if s.onClose != nil {
			errs = append(errs, s.onClose())
		}
		if err := errors.Join(errs...); err != nil {
			s.closeErr = fmt.Errorf("close store: %w", err)
		}
	})
	return s.closeErr
}

// bound applies the default query timeout to a context that has no earlier
// deadline.
func (s *Store) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= s.timeout {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, s.timeout)
}

// inTx runs fn in a write transaction and commits it when fn returns nil.
// fn's error is returned unwrapped so coded errors keep their code.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.writer.BeginTx(ctx, writeTx)
	if err != nil {
		return storageTrouble(fmt.Errorf("begin: %w", err))
	}
	return finishTx(tx, fn(tx))
}

// finishTx commits tx when its work (whose error is err) succeeded, and
// rolls it back otherwise.
func finishTx(tx *sql.Tx, err error) error {
	if err != nil {
		if rbErr := rollback(tx); rbErr != nil {
			return storageTrouble(errors.Join(err, rbErr))
		}
		return storageTrouble(err)
	}
	if err := tx.Commit(); err != nil {
		return storageTrouble(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// rollback ends a failed transaction; a transaction the driver already
// ended is not a second failure.
func rollback(tx *sql.Tx) error {
	if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("rollback: %w", err)
	}
	return nil
}
