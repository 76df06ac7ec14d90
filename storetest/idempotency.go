package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testIdempotency walks an Idempotency-Key through its life: claimed,
// seen while in flight, finished and replayed, reused with another
// request, and taken over after its claim went stale.
func testIdempotency(t *testing.T, open Opener) {
	ctx := context.Background()
	ttl := time.Minute
	hashA, hashB := Index("request", 1), Index("request", 2)
	begin := func(t *testing.T, s prakerja.Store, key string, hash []byte, now time.Time) *prakerja.IdempotentResponse {
		t.Helper()
		r, err := s.BeginIdempotent(ctx, key, hash, now, ttl)
		must(t, err)
		return r
	}
	t.Run("NewPendingFinishReplay", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		if r := begin(t, s, "k1", hashA, T0); r != nil {
			t.Fatalf("new key: got record %+v, want nil", r)
		}
		pending := begin(t, s, "k1", hashA, T0.Add(ttl)) // not yet stale: ttl is not "older than ttl"
		diff(t, "pending", pending, &prakerja.IdempotentResponse{Key: "k1", RequestHash: hashA, CreatedAt: T0})
		done := &prakerja.IdempotentResponse{Key: "k1", RequestHash: hashA, Status: 201, ContentType: "application/json", Body: []byte(`{"id":1}`)}
		must(t, s.FinishIdempotent(ctx, done))
		replay := begin(t, s, "k1", hashA, T0.Add(time.Hour))
		want := *done
		want.CreatedAt = T0
		diff(t, "replay", replay, &want)
		reused := begin(t, s, "k1", hashB, T0.Add(time.Hour))
		diff(t, "reused with another request", reused, &want)
		WantCode(t, s.FinishIdempotent(ctx, done), prakerja.CodeConflict)
	})
	t.Run("TakeOverStale", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		begin(t, s, "k2", hashA, T0)
		if r := begin(t, s, "k2", hashB, T0.Add(ttl+time.Microsecond)); r != nil {
			t.Fatalf("stale claim: got record %+v, want nil (take over)", r)
		}
		pending := begin(t, s, "k2", hashA, T0.Add(ttl+time.Second))
		diff(t, "taken-over claim", pending, &prakerja.IdempotentResponse{Key: "k2", RequestHash: hashB, CreatedAt: T0.Add(ttl + time.Microsecond)})
		old := &prakerja.IdempotentResponse{Key: "k2", RequestHash: hashA, Status: 200}
		WantCode(t, s.FinishIdempotent(ctx, old), prakerja.CodeConflict)
		must(t, s.FinishIdempotent(ctx, &prakerja.IdempotentResponse{Key: "k2", RequestHash: hashB, Status: 200}))
	})
	t.Run("Release", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		releaser, ok := s.(interface {
			ReleaseIdempotent(ctx context.Context, key string) error
		})
		if !ok {
			t.Skip("store has no ReleaseIdempotent")
		}
		begin(t, s, "pending", hashA, T0)
		begin(t, s, "done", hashA, T0)
		must(t, s.FinishIdempotent(ctx, &prakerja.IdempotentResponse{Key: "done", RequestHash: hashA, Status: 200}))
		for _, key := range []string{"pending", "done", "unknown"} {
			must(t, releaser.ReleaseIdempotent(ctx, key))
		}
		if r := begin(t, s, "pending", hashB, T0.Add(time.Second)); r != nil {
			t.Fatalf("released key: got record %+v, want nil", r)
		}
		if r := begin(t, s, "done", hashA, T0.Add(time.Second)); r == nil || r.Status != 200 {
			t.Fatalf("finished key after release: %+v, want its stored answer", r)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		t.Parallel()
		err := open(t).FinishIdempotent(ctx, &prakerja.IdempotentResponse{Key: "nope", RequestHash: hashA, Status: 200})
		WantCode(t, err, prakerja.CodeNotFound)
	})
	t.Run("ErrInvalidKey", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		for _, key := range []string{"", strings.Repeat("k", 10_000)} {
			_, err := s.BeginIdempotent(ctx, key, hashA, T0, ttl)
			WantCode(t, err, prakerja.CodeInvalid)
		}
	})
}
