package sqldb

import (
	"context"
	"database/sql"
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
// The statements live in the store's statement cache (stmt_cache.go);
// ledgerStmts only remembers each shape's text, so it is built once, and
// the shapes the last transaction ran unprepared. Only the writer's loop
// goroutine uses a ledgerStmts.
type ledgerStmts struct {
	texts  map[ledgerStmtKey]string
	shapes map[shapeKey]string
	wanted map[string]bool // to prepare on the writer after the transaction
}

type shapeKey struct {
	name string
	rows int
}

type ledgerStmtKey struct {
	head string
	rows int
}

func newLedgerStmts() *ledgerStmts {
	return &ledgerStmts{texts: map[ledgerStmtKey]string{}, shapes: map[shapeKey]string{}, wanted: map[string]bool{}}
}

// shaped is the statement of a credit shape of rows rows, built once.
func (ls *ledgerStmts) shaped(sh shape, rows int) string {
	key := shapeKey{name: sh.name, rows: rows}
	q, ok := ls.shapes[key]
	if !ok {
		q = sh.text(rows)
		ls.shapes[key] = q
	}
	return q
}

// text is the statement of rows rows, built once per shape.
func (ls *ledgerStmts) text(d Dialect, head, tail string, cols, rows int) string {
	key := ledgerStmtKey{head: head + tail, rows: rows}
	q, ok := ls.texts[key]
	if !ok {
		q = d.rebind(head + valuesList(cols, rows) + tail)
		ls.texts[key] = q
	}
	return q
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
		if err := s.ledgerExec(ctx, tx, ls.text(s.dialect, head, tail, cols, end-start), args); err != nil {
			return fmt.Errorf("insert rows %d to %d: %w", start, end, err)
		}
		start = end
	}
	return nil
}

// ledgerExec runs one statement through the statement cache, noting it
// for warming when it is not prepared yet.
func (s *Store) ledgerExec(ctx context.Context, tx *sql.Tx, query string, args []any) error {
	if s.stmts.cached(s.writer, query) == nil {
		s.ledger.stmts.wanted[query] = true
	}
	_, err := s.txExec(ctx, tx, query, args...)
	return err
}
