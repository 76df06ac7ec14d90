package notify

import (
	"context"
	"fmt"

	"github.com/prakerja/prakerja"
)

// Flusher is a Sender that buffers what it sends. The dispatcher calls
// Flush before it records the buffered messages sent, so a crash loses
// only deliveries that are not yet recorded, and those are sent again.
type Flusher interface {
	Flush() error
}

// outcome is one tried message: delivered by s when err is nil.
type outcome struct {
	m   *prakerja.Message
	r   Rendered // for scrubbing the failure reason
	s   Sender
	err error
}

// recorder writes a round's outcomes as they arrive, group-committed: it
// takes whatever has queued up while the previous write ran and records
// every delivery in it with one MarkMessagesSent. A fast sender therefore
// costs one transaction per many messages, and a slow one still gets each
// message recorded soon after it went out. Failures are recorded the same
// way, each with its backoff, in one transaction per group: a gateway that
// is down fails a whole batch at once. Writes run even after the
// round's context ends (within markTimeout), so a shutdown mid-send does
// not forget deliveries and send them twice.
type recorder struct {
	d    *Dispatcher
	in   chan outcome
	done chan struct{}

	// Written by run, read after done is closed.
	sent, failed int
	errs         []error
}

func newRecorder(d *Dispatcher, n int) *recorder {
	return &recorder{d: d, in: make(chan outcome, max(n, 1)), done: make(chan struct{})}
}

// run records until in is closed and drained, then closes done.
func (r *recorder) run(ctx context.Context) {
	defer close(r.done)
	group := make([]outcome, 0, cap(r.in))
	for o := range r.in {
		group = append(group[:0], o)
	more:
		for len(group) < cap(r.in) {
			select {
			case o, ok := <-r.in:
				if !ok {
					break more
				}
				group = append(group, o)
			default:
				break more
			}
		}
		r.record(ctx, group)
	}
}

// record writes one group: flushes the buffering senders of its
// deliveries (a failed flush turns those deliveries into failures), marks
// the rest sent in one transaction, and the failures in another.
func (r *recorder) record(ctx context.Context, group []outcome) {
	flushed := map[Sender]error{}
	ids := make([]int64, 0, len(group))
	var fails []prakerja.MessageFailure
	for i := range group {
		o := &group[i]
		if o.err == nil {
			if f, ok := o.s.(Flusher); ok {
				err, done := flushed[o.s]
				if !done {
					err = f.Flush()
					flushed[o.s] = err
				}
				if err != nil {
					o.err = fmt.Errorf("flush: %w", err)
				}
			}
		}
		if o.err != nil {
			fails = append(fails, r.d.failure(ctx, *o))
			continue
		}
		ids = append(ids, o.m.ID)
	}
	r.sent, r.failed = r.sent+len(ids), r.failed+len(fails)
	if len(fails) > 0 {
		if err := r.write(ctx, func(ctx context.Context) error { return r.d.store.MarkMessagesFailed(ctx, fails) }); err != nil {
			r.errs = append(r.errs, fmt.Errorf("mark %d messages failed: %w", len(fails), err))
		}
	}
	if len(ids) == 0 {
		return
	}
	err := r.write(ctx, func(ctx context.Context) error {
		return r.d.store.MarkMessagesSent(ctx, ids, r.d.clock.Now().UTC())
	})
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("mark %d messages sent: %w", len(ids), err))
	}
}

// write runs one store write within markTimeout, even once ctx has ended.
func (r *recorder) write(ctx context.Context, fn func(context.Context) error) error {
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
	defer cancel()
	return fn(wctx)
}
