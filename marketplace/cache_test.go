package marketplace_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/prakerja/prakerja"
)

// TestPlatformBySlugCache: a platform added after the first lookup is
// found at once (a miss reads the store), and a caller changing its answer
// does not change the next one.
func TestPlatformBySlugCache(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, 1)
	known := e.seed.Platforms[0]
	if _, err := e.svc.PlatformBySlug(ctx, "late-platform"); prakerja.ErrorCode(err) != prakerja.CodeUnauthorized {
		t.Fatalf("unknown slug: %v, want %s", err, prakerja.CodeUnauthorized)
	}
	late := &prakerja.Platform{Slug: "late-platform", Name: "Late", KeyHash: bytes.Repeat([]byte{9}, 32)}
	if err := e.store.CreatePlatform(ctx, late, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	got, err := e.svc.PlatformBySlug(ctx, "late-platform")
	if err != nil || got.ID != late.ID {
		t.Fatalf("added platform: %+v, %v; want id %d", got, err, late.ID)
	}
	first, err := e.svc.PlatformBySlug(ctx, known.Slug)
	if err != nil || first.ID != known.ID {
		t.Fatalf("seeded platform: %+v, %v", first, err)
	}
	first.Name = "changed by a caller"
	again, err := e.svc.PlatformBySlug(ctx, known.Slug)
	if err != nil || again.Name != known.Name {
		t.Fatalf("cached platform: %+v, %v; want name %q", again, err, known.Name)
	}
}
