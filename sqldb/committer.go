package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prakerja/prakerja"
)

// Group commit. With synchronous=FULL every SQLite commit is an fsync, and
// a disk does a few hundred of those a second; registrations arrive faster
// than that at the opening of a wave. So concurrent CreateRegistration (and
// HitRateLimit) calls are queued for a committer loop that writes whatever
// has queued up in one transaction and one fsync, then answers each caller.
// While one batch commits, the next one queues, so batches grow with the
// load and no timer adds latency when the load is low. SQLite runs one loop
// (it has one writer); PostgreSQL runs a few, whose transactions overlap.

// CommitBatchMax bounds the calls one transaction carries: large enough that
// one fsync absorbs a burst, small enough that a transaction stays short and
// a failed one fails few callers.
const CommitBatchMax = 512

// CommitQueueMax bounds the calls waiting for the committer. A full queue
// pushes back: callers wait to enqueue until their context ends.
const CommitQueueMax = 4 * CommitBatchMax

// CommitAttemptsMax bounds how often a batch is tried when PostgreSQL
// aborts it for a deadlock, which concurrent batches (of this node's loops
// or of other nodes) inserting the same values in opposite orders can cause.
const CommitAttemptsMax = 3

// CommitTimeout bounds one batch transaction. It does not derive from any
// caller's context, so a caller that gives up never aborts the others.
const CommitTimeout = 30 * time.Second

// errClosed answers calls made after Close.
var errClosed = prakerja.Errorf(prakerja.CodeUnavailable, "The service is shutting down; try again shortly.")

// jobKind says what a job writes.
type jobKind uint8

const (
	jobRegistration jobKind = iota + 1
	jobRateLimit
)

// job is one call waiting for the committer. The caller fills the input,
// the committer the output, and closing done hands the output back. The
// inputs are copies, so a caller that stops waiting may reuse its values
// while the committer still reads them.
type job struct {
	ctx  context.Context
	kind jobKind

	record       prakerja.RegistrationRecord
	challenge    prakerja.Challenge
	message      prakerja.Message
	hasChallenge bool
	hasMessage   bool
	rateKey      string
	rateWindow   int64 // microseconds

	registrationID int64
	challengeID    int64
	messageID      int64
	hits           int64
	err            error
	done           chan struct{}
}

// committer owns the writer connection's group-commit transactions.
type committer struct {
	db      *sql.DB
	q       *queries
	dialect Dialect
	queue   chan *job

	mu     sync.RWMutex // guards closed against sends on a closed queue
	closed bool

	loops sync.WaitGroup // the running loop goroutines
	hits  atomic.Int64   // rate-limit hits written, to pace pruning
}

// newCommitter starts the dialect's number of committer loops: one on
// SQLite, whose single writer connection runs one transaction at a time,
// several on PostgreSQL, where concurrent transactions overlap their round
// trips and fsyncs.
func newCommitter(db *sql.DB, q *queries, d Dialect) *committer {
	c := &committer{
		db:      db,
		q:       q,
		dialect: d,
		queue:   make(chan *job, CommitQueueMax),
	}
	for range max(d.committers, 1) {
		c.loops.Add(1)
		go c.loop()
	}
	return c
}

// submit queues j and waits for its outcome or for ctx to end. A caller
// that leaves after its job was taken into a batch gets ctx's error, but the
// batch goes on, so its write may still have been committed.
func (c *committer) submit(ctx context.Context, j *job) error {
	if err := c.enqueue(ctx, j); err != nil {
		return err
	}
	select {
	case <-j.done:
		return j.err
	case <-ctx.Done():
		select {
		case <-j.done:
			return j.err
		default:
			return fmt.Errorf("wait for commit: %w", ctx.Err())
		}
	}
}

func (c *committer) enqueue(ctx context.Context, j *job) error {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return errClosed
	}
	select {
	case c.queue <- j:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("queue for commit: %w", ctx.Err())
	}
}

// close refuses new calls, lets the committer write every queued one and
// waits for it to finish.
func (c *committer) close() {
	c.mu.Lock()
	if !c.closed {
		c.closed = true
		close(c.queue)
	}
	c.mu.Unlock()
	c.loops.Wait()
}

// loop runs until close: it takes the first waiting job, adds whatever else
// is already queued up to CommitBatchMax, and commits them together.
func (c *committer) loop() {
	defer c.loops.Done()
	batch := make([]*job, 0, CommitBatchMax)
	for first := range c.queue {
		batch = append(batch[:0], first)
		batch = c.fill(batch)
		c.commit(batch)
		clear(batch) // let answered jobs be collected
	}
}

// fill adds queued jobs to batch without waiting for more.
func (c *committer) fill(batch []*job) []*job {
	for len(batch) < CommitBatchMax {
		select {
		case j, ok := <-c.queue:
			if !ok {
				return batch
			}
			batch = append(batch, j)
		default:
			return batch
		}
	}
	return batch
}

// commit writes a batch and answers every caller in it. Jobs whose caller
// has already left are dropped unwritten. If the transaction fails, every
// caller in it gets the failure.
func (c *committer) commit(batch []*job) {
	live := batch[:0]
	for _, j := range batch {
		if err := j.ctx.Err(); err != nil {
			j.err = fmt.Errorf("queue for commit: %w", err)
			close(j.done)
			continue
		}
		live = append(live, j)
	}
	if len(live) == 0 {
		return
	}
	var err error
	for attempt := 1; attempt <= CommitAttemptsMax; attempt++ {
		err = c.write(live)
		if err == nil || !c.dialect.retryable(err) {
			break
		}
	}
	for _, j := range live {
		if err != nil {
			j.err = fmt.Errorf("group commit of %d: %w", len(live), storageTrouble(err))
		}
		close(j.done)
	}
}

// write runs one transaction over jobs. Statements are prepared once per
// transaction, so each job costs only its own executions.
func (c *committer) write(jobs []*job) error {
	ctx, cancel := context.WithTimeout(context.Background(), CommitTimeout)
	defer cancel()
	tx, err := c.db.BeginTx(ctx, writeTx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	b := batch{c: c, tx: tx, entered: entered{}}
	for _, j := range jobs {
		if err := b.apply(ctx, j); err != nil {
			return errors.Join(err, rollback(tx))
		}
	}
	if err := b.entered.write(ctx, tx, c.q); err != nil {
		return errors.Join(err, rollback(tx))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
