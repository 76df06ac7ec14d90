package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
)

// Ledger writes are group-committed like registrations: every call becomes
// an operation queued for one loop, which decides whatever has queued up in
// one transaction (one fsync) with the pure engine of package ledger, then
// answers each caller. A purchase that arrives while a wave's credit batch
// commits rides in the next transaction instead of paying its own fsync.
// One loop per store, and on PostgreSQL an advisory lock per transaction,
// make ledger writes serial across every node, as TigerBeetle's single
// core is: the hot accounts (a wave's budget) serialise them anyway.

// Ledger group-commit limits.
const (
	ledgerQueueMax      = 1024                        // operations waiting
	ledgerCommitMax     = 4 * prakerja.LedgerBatchMax // transfers and accounts in one transaction
	ledgerSavepointName = "ledger_op"
)

// ledgerOp is one caller's request: accounts to create, transfers to apply,
// and for applyWith the caller's own writes around them.
type ledgerOp struct {
	ctx       context.Context
	now       time.Time
	accounts  []prakerja.Account
	transfers []prakerja.Transfer
	// atomic: all transfers or none (applyWith), not per transfer.
	atomic bool
	guard  func(ctx context.Context, tx *sql.Tx) error
	record func(ctx context.Context, tx *sql.Tx, results []prakerja.TransferResult) error

	accountResults []prakerja.TransferResult
	results        []prakerja.TransferResult
	err            error
	done           chan struct{}
}

func (op *ledgerOp) size() int { return len(op.accounts) + len(op.transfers) }

func (op *ledgerOp) tooLarge() bool {
	return len(op.accounts) > prakerja.LedgerBatchMax || len(op.transfers) > prakerja.LedgerBatchMax
}

// ledgerCommitter runs the ledger's group-commit loop.
type ledgerCommitter struct {
	s     *Store
	queue chan *ledgerOp
	stmts *ledgerStmts // only the loop uses it
	// conn is the connection of the loop's open transaction on SQLite,
	// whose driver runs raw the statements of raw (ledger_credit_raw.go).
	conn *sql.Conn
	raw  rawStmts

	mu     sync.RWMutex // guards closed against sends on a closed queue
	closed bool
	loop   sync.WaitGroup
}

func newLedgerCommitter(s *Store) *ledgerCommitter {
	c := &ledgerCommitter{s: s, queue: make(chan *ledgerOp, ledgerQueueMax), stmts: newLedgerStmts()}
	c.loop.Add(1)
	go c.run()
	return c
}

// close stops accepting operations and waits until every queued one is
// written and answered.
func (c *ledgerCommitter) close() {
	c.mu.Lock()
	if !c.closed {
		c.closed = true
		close(c.queue)
	}
	c.mu.Unlock()
	c.loop.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), CommitTimeout)
	defer cancel()
	_ = c.raw.close(ctx, c.s.writer) // the store closes the connection next, whatever this did
}

func (c *ledgerCommitter) run() {
	defer c.loop.Done()
	for first := range c.queue {
		ops, n := []*ledgerOp{first}, first.size()
	drain:
		for n < ledgerCommitMax {
			select {
			case op, ok := <-c.queue:
				if !ok {
					break drain
				}
				ops, n = append(ops, op), n+op.size()
			default:
				break drain
			}
		}
		c.s.commitLedger(ops)
		c.prepareWanted()
	}
}

// prepareWanted prepares, between transactions, the insert shapes the
// last one had to prepare for itself. A failure costs only speed: the
// statement is prepared inside the next transaction again.
func (c *ledgerCommitter) prepareWanted() {
	if len(c.stmts.wanted) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), CommitTimeout)
	defer cancel()
	c.s.warmWriter(ctx, slices.Collect(maps.Keys(c.stmts.wanted))...)
	clear(c.stmts.wanted)
}

// submit queues op and waits for its outcome. A caller that gives up after
// its op was taken gets ctx's error while the op may still commit; retrying
// with the same transfer ids is then a no-op ("exists").
func (c *ledgerCommitter) submit(ctx context.Context, op *ledgerOp) error {
	if op.tooLarge() {
		return prakerja.Errorf(prakerja.CodeTooLarge, "At most %d transfers and %d accounts per call.",
			prakerja.LedgerBatchMax, prakerja.LedgerBatchMax)
	}
	op.ctx, op.done = ctx, make(chan struct{})
	if err := c.enqueue(ctx, op); err != nil {
		return err
	}
	select {
	case <-op.done:
		return op.err
	case <-ctx.Done():
		select {
		case <-op.done:
			return op.err
		default:
			return fmt.Errorf("wait for ledger commit: %w", ctx.Err())
		}
	}
}

func (c *ledgerCommitter) enqueue(ctx context.Context, op *ledgerOp) error {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return errClosed
	}
	select {
	case c.queue <- op:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("queue for ledger commit: %w", ctx.Err())
	}
}

// commitLedger writes ops in one transaction. When that transaction fails
// and it held several operations, each is tried alone, so one caller's bad
// write (a constraint its record hook broke) cannot fail the others.
func (s *Store) commitLedger(ops []*ledgerOp) {
	err := s.ledgerTx(ops)
	if err != nil && len(ops) > 1 {
		for _, op := range ops {
			s.commitLedger([]*ledgerOp{op})
		}
		return
	}
	for _, op := range ops {
		if err != nil {
			op.err = err
		}
		close(op.done)
	}
}

// ledgerTx decides and writes ops in one transaction.
func (s *Store) ledgerTx(ops []*ledgerOp) error {
	ctx, cancel := context.WithTimeout(context.Background(), CommitTimeout)
	defer cancel()
	for _, op := range ops {
		op.err, op.results, op.accountResults = nil, nil, nil
	}
	inTx := s.inTx
	if s.creditShapes() {
		inTx = s.ledgerConnTx
	}
	var (
		st *ledgerState
		at stamp
	)
	err := inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if st, at, err = s.loadLedgerState(ctx, tx, ops); err != nil {
			return err
		}
		for _, op := range ops {
			if err := s.applyOp(ctx, tx, st, op); err != nil {
				return err
			}
		}
		return s.flushLedger(ctx, tx, st)
	})
	if err != nil {
		s.accounts.reset()
		return err
	}
	s.accounts.remember(at, st.NextSeq, st.Accounts, st.NewAccounts)
	return nil
}

// applyOp decides one operation inside the batch transaction. It returns
// an error only for a failure that must abort the transaction; refusals go
// to op.err or op.results.
func (s *Store) applyOp(ctx context.Context, tx *sql.Tx, st *ledgerState, op *ledgerOp) error {
	if op.guard != nil {
		if err := op.guard(ctx, tx); err != nil {
			return s.opRefused(op, err)
		}
	}
	st.Now, st.Atomic = op.now, op.atomic || op.record != nil
	m := st.Mark()
	op.accountResults = st.CreateAccounts(op.accounts)
	op.results = st.Apply(op.transfers)
	if op.atomic && !allOK(op.results) {
		st.Rollback(m)
		return nil
	}
	if op.record == nil {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "SAVEPOINT "+ledgerSavepointName); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	if err := op.record(ctx, tx, op.results); err != nil {
		st.Rollback(m)
		if _, rbErr := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT "+ledgerSavepointName); rbErr != nil {
			return errors.Join(err, rbErr)
		}
		if refusedErr := s.opRefused(op, err); refusedErr != nil {
			return refusedErr
		}
	}
	if _, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT "+ledgerSavepointName); err != nil {
		return fmt.Errorf("release savepoint: %w", err)
	}
	return nil
}

// opRefused hands a coded error (a refusal meant for the caller) to the op,
// and returns any other error to abort the transaction.
func (s *Store) opRefused(op *ledgerOp, err error) error {
	var coded *prakerja.Error
	if errors.As(err, &coded) {
		op.err = err
		return nil
	}
	return err
}

func allOK(results []prakerja.TransferResult) bool {
	for _, r := range results {
		if !r.OK() {
			return false
		}
	}
	return true
}

// ApplyTransfers implements prakerja.LedgerStore.
func (s *Store) ApplyTransfers(ctx context.Context, transfers []prakerja.Transfer, now time.Time) ([]prakerja.TransferResult, error) {
	op := &ledgerOp{now: now.UTC(), transfers: append([]prakerja.Transfer(nil), transfers...)}
	if err := s.ledger.submit(ctx, op); err != nil {
		return nil, err
	}
	return op.results, nil
}

// CreateAccounts implements prakerja.LedgerStore.
func (s *Store) CreateAccounts(ctx context.Context, accounts []prakerja.Account, now time.Time) ([]prakerja.TransferResult, error) {
	op := &ledgerOp{now: now.UTC(), accounts: append([]prakerja.Account(nil), accounts...)}
	if err := s.ledger.submit(ctx, op); err != nil {
		return nil, err
	}
	return op.accountResults, nil
}

// ApplyBatch implements prakerja.LedgerStore.
func (s *Store) ApplyBatch(ctx context.Context, accounts []prakerja.Account, transfers []prakerja.Transfer, now time.Time) ([]prakerja.TransferResult, []prakerja.TransferResult, error) {
	op := &ledgerOp{now: now.UTC(), accounts: append([]prakerja.Account(nil), accounts...),
		transfers: append([]prakerja.Transfer(nil), transfers...)}
	if err := s.ledger.submit(ctx, op); err != nil {
		return nil, nil, err
	}
	return op.accountResults, op.results, nil
}

// applyWith applies transfers in one write transaction together with the
// caller's own writes. guard runs first inside the transaction; if it
// returns an error, the transfers are not applied and that error is
// returned (guard's own writes are kept, e.g. an OTP attempt counted).
// Then the transfers are checked and applied all or nothing; if every
// result is OK (created or exists), record runs in the same transaction to
// write the caller's rows; otherwise nothing but guard's writes is kept,
// and the results say why. A coded error from record undoes the transfers
// and record's writes and is returned. The transaction commits durably
// before applyWith returns; calls are group-committed with others.
func (s *Store) applyWith(ctx context.Context, transfers []prakerja.Transfer, now time.Time,
	guard func(ctx context.Context, tx *sql.Tx) error,
	record func(ctx context.Context, tx *sql.Tx, results []prakerja.TransferResult) error,
) ([]prakerja.TransferResult, error) {
	op := &ledgerOp{now: now.UTC(), transfers: append([]prakerja.Transfer(nil), transfers...),
		atomic: true, guard: guard, record: record}
	if err := s.ledger.submit(ctx, op); err != nil {
		return op.results, err
	}
	return op.results, nil
}

// applyEach applies transfers one by one (each created or refused on its
// own, unlike applyWith) and then runs record with the results in the same
// transaction: for batches where one refusal must not stop the rest.
func (s *Store) applyEach(ctx context.Context, transfers []prakerja.Transfer, now time.Time,
	record func(ctx context.Context, tx *sql.Tx, results []prakerja.TransferResult) error,
) ([]prakerja.TransferResult, error) {
	op := &ledgerOp{now: now.UTC(), transfers: append([]prakerja.Transfer(nil), transfers...), record: record}
	if err := s.ledger.submit(ctx, op); err != nil {
		return op.results, err
	}
	return op.results, nil
}
