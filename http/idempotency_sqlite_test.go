package http

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prakerja/prakerja/sqlite"
)

// TestIdempotencySQLite runs the Idempotency-Key protocol against the real
// SQLite store, so the records this package writes (key length, envelope,
// statuses) are ones the store accepts and returns intact.
func TestIdempotencySQLite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "prakerja.db")
	if _, _, err := sqlite.Migrate(ctx, path); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = store.Close() })
	srv := NewServer(Config{}, Deps{Registrations: okService(), Store: store, Clock: fixedClock{testNow}, Logger: slog.New(slog.DiscardHandler)})

	first := newRecorder(srv, idemRequest("e2e-1", registerBody, nil))
	second := newRecorder(srv, idemRequest("e2e-1", registerBody, nil))
	if first.Code != http.StatusCreated || second.Code != http.StatusCreated || second.Header().Get(replayedHeader) != "true" {
		t.Fatalf("got %d then %d %v", first.Code, second.Code, second.Header())
	}
	if !bytes.Equal(first.Body.Bytes(), second.Body.Bytes()) || first.Header().Get("Location") != second.Header().Get("Location") {
		t.Errorf("replay differs: %q %q", first.Body, second.Body)
	}
	reused := newRecorder(srv, idemRequest("e2e-1", strings.Replace(registerBody, "Siti", "Sita", 1), nil))
	if reused.Code != http.StatusUnprocessableEntity {
		t.Errorf("reused key: %d %s", reused.Code, reused.Body)
	}
	if rec := newRecorder(srv, scenario{method: "GET", url: "/healthz"}.request()); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("healthz before SetReady: %d", rec.Code)
	}
	srv.SetReady(true)
	if rec := newRecorder(srv, scenario{method: "GET", url: "/healthz"}.request()); rec.Code != http.StatusOK {
		t.Errorf("healthz on a live store: %d %s", rec.Code, rec.Body)
	}
}
