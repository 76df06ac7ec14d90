package sqldb

import (
	"context"
	"fmt"
	"time"
)

// RateLimitKeyMax bounds a rate-limit key (for example "otp:ip:<hash>").
const RateLimitKeyMax = 200

// RateLimitRetention is how long a window is kept after a later window
// starts. Windows must be shorter than this, or pruning would forget hits
// of a window still in use.
const RateLimitRetention = 7 * 24 * time.Hour

// rateLimitPruneEvery is how many hits pass between two prunes of old
// windows: rare enough to cost nothing, often enough to keep the table to
// the windows of the last RateLimitRetention.
const rateLimitPruneEvery = 4096

const (
	sqlHitRateLimit = `INSERT INTO rate_limits (key, window_start, hits) VALUES (?, ?, 1)
	ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`
	sqlPruneRateLimits = `DELETE FROM rate_limits WHERE window_start < ?`
)

// HitRateLimit adds one hit to key's window starting at windowStart and
// returns the hits in that window so far. Hits go through the group
// committer with registrations, because a rate limit is checked on the same
// hot path and one fsync per hit would cap it at the disk's fsync rate.
func (s *Store) HitRateLimit(ctx context.Context, key string, windowStart time.Time) (int64, error) {
	if key == "" || len(key) > RateLimitKeyMax {
		return 0, fmt.Errorf("hit rate limit: key of %d bytes, want 1 to %d", len(key), RateLimitKeyMax)
	}
	if windowStart.IsZero() {
		return 0, fmt.Errorf("hit rate limit: no window start")
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	j := &job{ctx: ctx, kind: jobRateLimit, rateKey: key, rateWindow: windowStart.UnixMicro(), done: make(chan struct{})}
	if err := s.committer.submit(ctx, j); err != nil {
		return 0, fmt.Errorf("hit rate limit: %w", err)
	}
	return j.hits, nil
}

// PruneRateLimits deletes the windows that started before before and
// returns how many it deleted. HitRateLimit already prunes now and then;
// this is for operators and tests.
func (s *Store) PruneRateLimits(ctx context.Context, before time.Time) (int64, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	res, err := s.writer.ExecContext(ctx, s.q.pruneRateLimits, before.UnixMicro())
	if err != nil {
		return 0, fmt.Errorf("prune rate limits: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("prune rate limits: %w", err)
	}
	return n, nil
}
