package storetest

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
)

// testLifecycle covers the schema version, Ping, and Close.
func testLifecycle(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("SchemaVersion", func(t *testing.T) {
		t.Parallel()
		current, latest, err := open(t).SchemaVersion(ctx)
		must(t, err)
		if latest < 1 || current != latest {
			t.Fatalf("SchemaVersion = %d, %d; want the latest (≥ 1) twice", current, latest)
		}
	})
	t.Run("Ping", func(t *testing.T) {
		t.Parallel()
		must(t, open(t).Ping(ctx))
	})
	t.Run("ErrUnavailableAfterClose", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		must(t, s.Close())
		err := s.CreateRegistration(ctx, NewRegistration(Unique()))
		WantCode(t, err, prakerja.CodeUnavailable)
		must(t, s.Close()) // closing twice is harmless
	})
	t.Run("CanceledWhileQueued", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		canceled, cancel := context.WithCancel(ctx)
		cancel()
		err := s.CreateRegistration(canceled, NewRegistration(Unique()))
		if !isCanceled(err) {
			t.Fatalf("CreateRegistration with a canceled context: %v, want context.Canceled", err)
		}
		MustCreate(t, s, Unique()) // the committer goes on
	})
}
