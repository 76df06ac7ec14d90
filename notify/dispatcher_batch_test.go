package notify_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/notify"
)

// backlogDispatcher returns a store holding n due announcements and a
// dispatcher sending SMS with s, on a mock clock.
func backlogDispatcher(t *testing.T, n int, s notify.Sender, cfg notify.DispatcherConfig) (prakerja.Store, *mock.Clock, *notify.Dispatcher) {
	t.Helper()
	store, keys := backlogStore(t, n)
	t.Cleanup(func() { store.Close() })
	clock := mock.NewClock(time.Now().UTC().Truncate(time.Microsecond)) // the store keeps microseconds
	d, err := notify.NewDispatcher(store, keys, clock, map[prakerja.Channel]notify.Sender{prakerja.ChannelSMS: s}, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return store, clock, d
}

// unsent lists the messages not recorded sent, by id.
func unsent(t *testing.T, s prakerja.Store) map[int64]*prakerja.Message {
	t.Helper()
	msgs, err := s.Messages(context.Background(), prakerja.MessageFilter{Unsent: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]*prakerja.Message{}
	for _, m := range msgs {
		out[m.ID] = m
	}
	return out
}

// TestDispatcherBatchWithFailures sends rounds of 50 among which every
// seventh message fails: the others are recorded sent (each sent once),
// the failures get their backoff and stay unsent.
func TestDispatcherBatchWithFailures(t *testing.T) {
	t.Parallel()
	fails := func(m notify.Rendered) error {
		if m.MessageID%7 == 0 {
			return errors.New("gateway: status 503")
		}
		return nil
	}
	sender := &fakeSender{fail: fails}
	cfg := notify.DefaultDispatcherConfig()
	cfg.Batch, cfg.Concurrency = 50, 4
	store, clock, d := backlogDispatcher(t, 120, sender, cfg)
	for round, want := range []int{50, 50, 20, 0} {
		sent, failed, err := d.RunOnce(context.Background())
		if err != nil || sent+failed != want {
			t.Fatalf("round %d: %d sent, %d failed, %v; want %d tried", round, sent, failed, err, want)
		}
	}
	left := unsent(t, store)
	if len(left) != 120/7 {
		t.Fatalf("%d unsent, want the %d failures", len(left), 120/7)
	}
	for id, m := range left {
		if id%7 != 0 || m.Attempts != 1 || !strings.Contains(m.LastError, "503") || !m.NextAttemptAt.Equal(clock.Now().Add(cfg.BackoffBase)) {
			t.Fatalf("message %d: attempts %d, error %q, next %v", id, m.Attempts, m.LastError, m.NextAttemptAt)
		}
	}
	seen := map[int64]int{}
	for _, m := range sender.got {
		seen[m.MessageID]++
	}
	if len(seen) != 120-len(left) || len(sender.got) != len(seen) {
		t.Fatalf("%d deliveries of %d messages, want %d once each", len(sender.got), len(seen), 120-len(left))
	}
}

// slowSender takes step of the mock clock per message and notes when each
// send started.
type slowSender struct {
	clock  *mock.Clock
	step   time.Duration
	mu     sync.Mutex
	starts []time.Time
}

func (s *slowSender) Send(context.Context, notify.Rendered) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.starts = append(s.starts, s.clock.Now())
	s.clock.Add(s.step)
	return nil
}

// TestDispatcherRespectsLease: with sends so slow that a batch outlasts
// its lease, a round starts no send without SendTimeout and the time to
// record it left on the lease, and leaves the rest leased, untouched, for
// a later round once the lease has ended.
func TestDispatcherRespectsLease(t *testing.T) {
	t.Parallel()
	cfg := notify.DefaultDispatcherConfig()
	cfg.Batch, cfg.Concurrency = 10, 1
	s := &slowSender{step: cfg.Lease / 5}
	store, clock, d := backlogDispatcher(t, 10, s, cfg)
	s.clock = clock
	claimed := clock.Now()
	sent, failed, err := d.RunOnce(context.Background())
	if err != nil || failed != 0 || sent == 0 || sent == 10 {
		t.Fatalf("RunOnce = %d, %d, %v; want some of 10 sent", sent, failed, err)
	}
	for _, at := range s.starts {
		if at.Add(cfg.SendTimeout).After(claimed.Add(cfg.Lease)) {
			t.Fatalf("a send started at %v, within SendTimeout of the lease's end", at.Sub(claimed))
		}
	}
	left := unsent(t, store)
	if len(left) != 10-sent {
		t.Fatalf("%d unsent after %d sent", len(left), sent)
	}
	for id, m := range left {
		if m.Attempts != 1 || m.LastError != "" || !m.NextAttemptAt.Equal(claimed.Add(cfg.Lease)) {
			t.Fatalf("message %d left: attempts %d, error %q, next %v", id, m.Attempts, m.LastError, m.NextAttemptAt)
		}
	}
	clock.Set(claimed.Add(cfg.Lease))
	if total := drain(t, d); sent+total != 10 || len(s.starts) != 10 {
		t.Fatalf("after the lease: %d more sent, %d sends in all; want 10", total, len(s.starts))
	}
}

// failingFlusher delivers into a buffer whose flush fails.
type failingFlusher struct{ fakeSender }

func (*failingFlusher) Flush() error { return errors.New("disk full") }

// TestDispatcherFlushFailure: a delivery whose buffer could not be written
// out is not recorded sent but failed, to be retried.
func TestDispatcherFlushFailure(t *testing.T) {
	t.Parallel()
	store, _, d := backlogDispatcher(t, 5, &failingFlusher{}, notify.DefaultDispatcherConfig())
	if sent, failed, err := d.RunOnce(context.Background()); err != nil || sent != 0 || failed != 5 {
		t.Fatalf("RunOnce = %d, %d, %v", sent, failed, err)
	}
	for id, m := range unsent(t, store) {
		if !strings.Contains(m.LastError, "disk full") {
			t.Fatalf("message %d: error %q", id, m.LastError)
		}
	}
}
