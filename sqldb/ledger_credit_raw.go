package sqldb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
)

// On SQLite the ledger's shaped inserts (ledger_credit_shapes.go) run on
// the driver's own prepared statements, through the raw connection of the
// write transaction, instead of through database/sql: for every statement
// of a thousand rows database/sql converts and checks each of its
// thousands of arguments and allocates a slice of them (160 KB), which cost
// about a tenth of the writer's time in a wave's credit. The arguments are
// int64 and []byte only, values the driver takes as they are. The ledger
// transaction then runs on a *sql.Conn of the writer pool (one connection
// on SQLite), so the raw connection is the transaction's own.

// rawStmts are driver statements prepared on one driver connection; only
// the ledger loop uses them.
type rawStmts struct {
	conn  any // the driver connection they were prepared on
	stmts map[string]driver.Stmt
	args  []driver.NamedValue // reused between statements
}

// ledgerConnTx is inTx on a connection of its own, which flushLedger's
// shaped inserts reach through s.ledger.conn.
func (s *Store) ledgerConnTx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	conn, err := s.writer.Conn(ctx)
	if err != nil {
		return storageTrouble(fmt.Errorf("begin: %w", err))
	}
	defer func() {
		if closeErr := conn.Close(); closeErr != nil && err == nil {
			err = storageTrouble(fmt.Errorf("release connection: %w", closeErr))
		}
	}()
	tx, err := conn.BeginTx(ctx, writeTx)
	if err != nil {
		return storageTrouble(fmt.Errorf("begin: %w", err))
	}
	s.ledger.conn = conn
	defer func() { s.ledger.conn = nil }()
	return finishTx(tx, fn(tx))
}

// exec runs query with args on conn's driver connection, prepared once
// per connection. A driver without prepared statements that take
// NamedValues gets errNoRawExec, and the caller uses database/sql.
func (r *rawStmts) exec(ctx context.Context, conn *sql.Conn, query string, args []any) error {
	return conn.Raw(func(dc any) error {
		if dc != r.conn {
			// A new connection: the old one was closed with its statements
			// (SQLite keeps them until finalized, a few KB each, once).
			r.conn, r.stmts = dc, map[string]driver.Stmt{}
		}
		st, ok := r.stmts[query]
		if !ok {
			p, can := dc.(driver.ConnPrepareContext)
			if !can {
				return errNoRawExec
			}
			var err error
			if st, err = p.PrepareContext(ctx, query); err != nil {
				return fmt.Errorf("prepare: %w", err)
			}
			r.stmts[query] = st
		}
		ex, can := st.(driver.StmtExecContext)
		if !can {
			return errNoRawExec
		}
		r.args = r.args[:0]
		for i, a := range args {
			r.args = append(r.args, driver.NamedValue{Ordinal: i + 1, Value: a})
		}
		_, err := ex.ExecContext(ctx, r.args)
		clear(r.args) // keep no blob alive until the next statement
		return err
	})
}

var errNoRawExec = errors.New("the driver runs no raw prepared statements")

// close finalizes the statements while their connection is still the
// writer's, before the store closes it.
func (r *rawStmts) close(ctx context.Context, writer *sql.DB) error {
	if len(r.stmts) == 0 {
		return nil
	}
	conn, err := writer.Conn(ctx)
	if err != nil {
		return fmt.Errorf("close ledger statements: %w", err)
	}
	err = conn.Raw(func(dc any) error {
		if dc != r.conn {
			return nil
		}
		var errs []error
		for q, st := range r.stmts {
			errs = append(errs, st.Close())
			delete(r.stmts, q)
		}
		return errors.Join(errs...)
	})
	return errors.Join(err, conn.Close())
}
