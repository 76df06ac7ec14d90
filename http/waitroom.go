package http

import (
	"container/list"
	"context"
	"crypto/rand"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/prakerja/prakerja"
)

// Waiting-room limits. An opening rush sends far more registrants than
// the database can take at once; past CapacityDefault requests in flight
// the server answers the rest at once with their place in the queue
// instead of letting every request slow down (RELIABILITY.md §4).
const (
	// CapacityDefault bounds requests served at once. Registration
	// throughput on SQLite rises with concurrency up to about 256 clients
	// (more share one fsync) and p99 grows past it (docs/BENCHMARKS.md),
	// and `bench register` drives exactly 256, so the default never turns
	// its clients away.
	CapacityDefault = 256
	// CapacityMax bounds --capacity: each admitted request holds a
	// goroutine, a connection and a database wait.
	CapacityMax = 65536
	// waitRoomWaitDefault is how long a request past capacity may wait for
	// a slot before it is turned away: long enough to ride out a burst of
	// a few milliseconds, short enough that admitted latency stays low.
	waitRoomWaitDefault = 50 * time.Millisecond
	// LatencyTargetDefault is the WaitRoomConfig.LatencyTarget `loadtest`
	// runs with and the README recommends for an opening rush: the p99
	// time in the handler the adaptive bound aims at, leaving room under
	// the 200 ms promised to admitted requests for the wait for a slot and
	// the network. serve keeps the bound fixed unless told, so test
	// harnesses on slow CI hosts are never turned away.
	LatencyTargetDefault = 100 * time.Millisecond
	// waitRoomWaitMax bounds WaitRoomConfig.Wait.
	waitRoomWaitMax = time.Second
	// ticketTTL is how long a ticket keeps its holder's place and, once
	// due, their priority over new arrivals (enough to finish registering).
	ticketTTL = 30 * time.Minute
	// retryAfterMax bounds the Retry-After of a long queue, so a client
	// comes back and learns its new position rather than disappearing.
	retryAfterMax = 60 * time.Second
)

// WaitRoomConfig sets the public listener's admission control. Zero fields
// take the defaults above.
type WaitRoomConfig struct {
	// Capacity is the number of requests served at once, 1..CapacityMax.
	Capacity int
	// Wait is how long a request past capacity waits for a slot before it
	// is turned away, at most waitRoomWaitMax.
	Wait time.Duration
	// WaitersMax bounds the requests waiting for a slot; past it they are
	// turned away at once. Zero means Capacity.
	WaitersMax int
	// LatencyTarget, when set, makes the bound adaptive: the room lowers
	// the number served at once while admitted requests' p99 time in the
	// handler is over it, and raises it back towards Capacity while under
	// it. Concurrency is only a proxy: on a slower or busier host the
	// same Capacity means a longer wait for everyone admitted. Zero keeps
	// Capacity fixed.
	LatencyTarget time.Duration
}

// withDefaults fills zero fields and clamps the rest to their bounds.
func (c WaitRoomConfig) withDefaults() WaitRoomConfig {
	if c.Capacity <= 0 {
		c.Capacity = CapacityDefault
	}
	c.Capacity = min(c.Capacity, CapacityMax)
	setDur(&c.Wait, waitRoomWaitDefault)
	c.Wait = min(c.Wait, waitRoomWaitMax)
	if c.WaitersMax <= 0 {
		c.WaitersMax = c.Capacity
	}
	c.WaitersMax = min(c.WaitersMax, CapacityMax)
	return c
}

// UseWaitingRoom puts admission control in front of the public handler
// (not the operator console). Call it once, before Serve or Handler.
func (s *Server) UseWaitingRoom(reg *prometheus.Registry, cfg WaitRoomConfig) {
	room := newWaitRoom(cfg, s.clock, s.cfg.SecureCookies)
	if reg != nil {
		room.register(reg)
	}
	s.handler = room.wrap(s.handler)
}

// waitRoom bounds the requests in flight. Requests past capacity wait up
// to cfg.Wait for a slot; a freed slot goes first to a holder of a due
// ticket, then to new arrivals, in arrival order. Those still without a
// slot are turned away with a ticket whose number, less the now-serving
// counter, is their place in the queue. Tickets are signed and carry no
// personal data, so the room keeps no state per client.
type waitRoom struct {
	cfg    WaitRoomConfig
	clock  prakerja.Clock
	secure bool // tickets' cookies are Secure
	key    []byte
	m      waitRoomMetrics

	mu       sync.Mutex
	inFlight int
	limit    int // the bound now: Capacity, or less under LatencyTarget
	tuner    limitTuner
	due      list.List // *waiter holding due tickets
	fresh    list.List // *waiter without a due ticket
	issued   uint64    // the last ticket number given out
	serving  uint64    // tickets numbered up to serving are due
	rate     admitRate
}

// waiter is one request waiting for a slot; granted is set under mu.
type waiter struct {
	ready   chan struct{}
	granted bool
}

func newWaitRoom(cfg WaitRoomConfig, clock prakerja.Clock, secure bool) *waitRoom {
	key := make([]byte, 32)
	_, _ = rand.Read(key) // per process: the counters restart with it
	if clock == nil {
		clock = prakerja.SystemClock{}
	}
	cfg = cfg.withDefaults()
	return &waitRoom{cfg: cfg, clock: clock, secure: secure, key: key, m: newWaitRoomMetrics(), limit: cfg.Capacity}
}

// wrap admits, makes wait or turns away each request to next.
func (room *waitRoom) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if waitRoomExempt(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		now := room.clock.Now()
		t, held := room.readTicket(r, now)
		if !room.acquire(r.Context(), held && room.isDue(t)) {
			room.turnAway(w, r, t, held, now)
			return
		}
		start := time.Now()
		defer func() { room.release(time.Since(start)) }()
		next.ServeHTTP(w, r)
	})
}

// waitRoomExemptPrefixes are never queued: load balancers' health checks,
// Prometheus, and partner machines' signed calls (few, authenticated, and
// a bank's answer file must not wait behind an opening rush).
var waitRoomExemptPrefixes = []string{
	"/healthz", "/metrics", "/favicon.ico", "/robots.txt", "/static/",
	"/api/v1/platform/", "/api/v1/provider/", "/api/v1/institution/", "/api/v1/bank/",
}

func waitRoomExempt(path string) bool {
	for _, p := range waitRoomExemptPrefixes {
		if path == p || strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// isDue says whether ticket t's turn has come.
func (room *waitRoom) isDue(t ticket) bool {
	room.mu.Lock()
	defer room.mu.Unlock()
	return t.number <= room.serving
}

// acquire takes a slot, waiting at most cfg.Wait; due ticket holders go
// before new arrivals both for a free slot and in the wait.
func (room *waitRoom) acquire(ctx context.Context, due bool) bool {
	room.mu.Lock()
	if room.inFlight < room.limit && (due || room.due.Len() == 0 && room.fresh.Len() == 0) {
		room.inFlight++
		room.admittedLocked()
		room.mu.Unlock()
		return true
	}
	room.tuner.pressed = true
	if room.due.Len()+room.fresh.Len() >= room.cfg.WaitersMax {
		room.mu.Unlock()
		return false
	}
	w := &waiter{ready: make(chan struct{})}
	q := &room.fresh
	if due {
		q = &room.due
	}
	e := q.PushBack(w)
	room.mu.Unlock()

	timer := time.NewTimer(room.cfg.Wait)
	defer timer.Stop()
	select {
	case <-w.ready:
		return true
	case <-timer.C:
	case <-ctx.Done():
	}
	room.mu.Lock()
	defer room.mu.Unlock()
	if w.granted { // granted while the timer fired: keep the slot
		return true
	}
	q.Remove(e)
	return false
}

// release hands the slot to the next waiter, due tickets first, or frees
// it; took is how long the request was served, for the adaptive bound.
func (room *waitRoom) release(took time.Duration) {
	room.mu.Lock()
	defer room.mu.Unlock()
	if room.cfg.LatencyTarget > 0 {
		room.limit = room.tuner.observe(took, room.limit, room.cfg)
	}
	if room.inFlight > room.limit { // the bound was lowered: drain
		room.inFlight--
		return
	}
	for _, q := range []*list.List{&room.due, &room.fresh} {
		if e := q.Front(); e != nil {
			w := q.Remove(e).(*waiter)
			w.granted = true
			close(w.ready)
			room.admittedLocked()
			return
		}
	}
	room.inFlight--
}

// admittedLocked counts one admission and lets the next ticket's turn come:
// each slot handed out is one place the queue moves up.
func (room *waitRoom) admittedLocked() {
	room.m.admitted.Inc()
	room.rate.add(room.clock.Now())
	if room.serving < room.issued {
		room.serving++
	}
}

// snapshot returns the counters for metrics and answers.
func (room *waitRoom) snapshot() (inFlight int, queued uint64) {
	room.mu.Lock()
	defer room.mu.Unlock()
	return room.inFlight, room.issued - room.serving
}
