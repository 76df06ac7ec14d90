package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// A wave's credit writes tens of thousands of rows per transaction in
// multi-row inserts of up to SelectionBatchMax rows. Preparing such a
// statement (12,000 placeholders) costs about as much as a tenth of the
// rows it inserts, so the ledger keeps its insert statements prepared on
// the writer across transactions, one per (statement, row count). Row
// counts are SelectionBatchMax or a power of two below it, so a batch of
// any size uses at most a dozen shapes per statement. Statements are
// prepared between transactions only: the writer may hold a single
// connection, which the open transaction owns. A shape first needed inside
// a transaction is prepared on that transaction (as before) and on the
// writer after it commits.
//
// Only the writer's loop goroutine uses a ledgerStmts.
type ledgerStmts struct {
	ready  map[ledgerStmtKey]*sql.Stmt
	wanted map[ledgerStmtKey]string // shape → its SQL, to prepare after the transaction
}

type ledgerStmtKey struct {
	head string
	rows int
}

func newLedgerStmts() *ledgerStmts {
	return &ledgerStmts{ready: map[ledgerStmtKey]*sql.Stmt{}, wanted: map[ledgerStmtKey]string{}}
}

// prepareWanted prepares on db the shapes transactions asked for. A
// failure only leaves a shape unprepared: the next transaction prepares it
// for itself again.
func (ls *ledgerStmts) prepareWanted(ctx context.Context, db *sql.DB) error {
	var errs []error
	for key, query := range ls.wanted {
		stmt, err := db.PrepareContext(ctx, query)
		if err != nil {
			errs = append(errs, fmt.Errorf("prepare ledger insert of %d rows: %w", key.rows, err))
			continue
		}
		ls.ready[key] = stmt
		delete(ls.wanted, key)
	}
	return errors.Join(errs...)
}

func (ls *ledgerStmts) close() {
	for key, stmt := range ls.ready {
		stmt.Close()
		delete(ls.ready, key)
	}
}

// ledgerChunk is the row count of the next statement for n rows left:
// SelectionBatchMax, else the largest power of two not above n.
func ledgerChunk(n int) int {
	if n >= SelectionBatchMax {
		return SelectionBatchMax
	}
	c := 1
	for c*2 <= n {
		c *= 2
	}
	return c
}

// ledgerExecRows inserts n rows like execRowsTail, through statements kept
// prepared across transactions.
func (s *Store) ledgerExecRows(ctx context.Context, tx *sql.Tx, head, tail string, cols, n int,
	row func(i int, args []any) ([]any, error)) error {
	ls := s.ledger.stmts
	args := make([]any, 0, cols*min(n, SelectionBatchMax))
	for start := 0; start < n; {
		end := start + ledgerChunk(n-start)
		args = args[:0]
		for i := start; i < end; i++ {
			var err error
			if args, err = row(i, args); err != nil {
				return err
			}
		}
		if err := ls.exec(ctx, tx, s.dialect, head, tail, cols, end-start, args); err != nil {
			return fmt.Errorf("insert rows %d to %d: %w", start, end, err)
		}
		start = end
	}
	return nil
}

// exec runs one statement of rows rows: the prepared one when there is
// one, else ad hoc, noting the shape for prepareWanted.
func (ls *ledgerStmts) exec(ctx context.Context, tx *sql.Tx, d Dialect, head, tail string, cols, rows int, args []any) error {
	key := ledgerStmtKey{head: head + tail, rows: rows}
	if stmt, ok := ls.ready[key]; ok {
		txStmt := tx.StmtContext(ctx, stmt)
		_, err := txStmt.ExecContext(ctx, args...)
		if closeErr := txStmt.Close(); err == nil && closeErr != nil {
			err = closeErr
		}
		return err
	}
	query := d.rebind(head + valuesList(cols, rows) + tail)
	ls.wanted[key] = query
	_, err := tx.ExecContext(ctx, query, args...)
	return err
}
