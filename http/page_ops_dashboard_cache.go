package http

import (
	"context"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
)

// A wave's funnel counts its pool in one pass over the registrations (the
// province is not a column): seconds on millions of rows. Operators
// reloading the page, or several looking at once, must not repeat it, so
// each wave's funnel is read at most once per funnelCacheTTL, one read at
// a time, and the page says when it was counted.
const (
	funnelCacheTTL = time.Minute
	funnelCacheMax = 32 // waves kept; far more than are looked at in a minute
)

// funnelCache keeps recent wave funnels. The zero value is ready to use.
type funnelCache struct {
	mu      sync.Mutex // held across a read: one funnel query at a time
	entries map[int64]funnelEntry
	since   func(time.Time) time.Duration // monotonic age; nil = time.Since (tests replace it)
}

// age is how long ago t was, monotonically.
func (c *funnelCache) age(t time.Time) time.Duration {
	if c.since != nil {
		return c.since(t)
	}
	return time.Since(t)
}

// funnelEntry is one wave's funnel and when it was read (by the injected
// clock, which the page shows, and monotonic time, which expires it).
type funnelEntry struct {
	funnel *prakerja.WaveFunnel
	at     time.Time
	read   time.Time
}

// get returns wave id's funnel, read now or at most funnelCacheTTL ago,
// and the programme time it was read at. Errors are not kept.
func (c *funnelCache) get(ctx context.Context, store prakerja.DashboardStore, clock prakerja.Clock, id int64) (*prakerja.WaveFunnel, time.Time, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[id]; ok && c.age(e.read) < funnelCacheTTL {
		return e.funnel, e.at, nil
	}
	f, err := store.WaveFunnel(ctx, id)
	if err != nil {
		return nil, time.Time{}, err
	}
	if c.entries == nil {
		c.entries = map[int64]funnelEntry{}
	}
	if len(c.entries) >= funnelCacheMax {
		c.evict()
	}
	e := funnelEntry{funnel: f, at: clock.Now(), read: time.Now()}
	c.entries[id] = e
	return f, e.at, nil
}

// evict drops the expired entries, or the oldest when none has expired.
func (c *funnelCache) evict() {
	var oldest int64
	var oldestRead time.Time
	for id, e := range c.entries {
		if c.age(e.read) >= funnelCacheTTL {
			delete(c.entries, id)
			continue
		}
		if oldestRead.IsZero() || e.read.Before(oldestRead) {
			oldest, oldestRead = id, e.read
		}
	}
	if len(c.entries) >= funnelCacheMax {
		delete(c.entries, oldest)
	}
}
