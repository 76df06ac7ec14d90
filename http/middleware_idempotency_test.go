package http

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// idemRequest is a registration POST with an Idempotency-Key.
func idemRequest(key, body string, extra map[string]string) *http.Request {
	return scenario{method: "POST", url: "/api/v1/registrations", body: body,
		header: merge(map[string]string{"Idempotency-Key": key}, extra)}.request()
}

func TestIdempotencyOKReplay(t *testing.T) {
	t.Parallel()
	svc := okService()
	var calls atomic.Int32
	svc.RegisterFn = func(context.Context, prakerja.RegisterInput, prakerja.Client) (*prakerja.Registration, error) {
		calls.Add(1)
		return testRegistration(prakerja.StatusRegistered), nil
	}
	env := newTestEnv(t, svc)
	first := env.do(idemRequest("k-1", registerBody, nil))
	second := env.do(idemRequest("k-1", registerBody, nil))
	if calls.Load() != 1 {
		t.Fatalf("Register called %d times, want 1", calls.Load())
	}
	if first.Code != http.StatusCreated || second.Code != http.StatusCreated {
		t.Fatalf("status %d then %d", first.Code, second.Code)
	}
	if !bytes.Equal(first.Body.Bytes(), second.Body.Bytes()) {
		t.Errorf("replayed body %q, want %q", second.Body, first.Body)
	}
	if got := second.Header().Get(replayedHeader); got != "true" {
		t.Errorf("%s = %q on replay", replayedHeader, got)
	}
	if got := first.Header().Get(replayedHeader); got != "" {
		t.Errorf("%s = %q on first answer", replayedHeader, got)
	}
	if a, b := first.Header().Get("Location"), second.Header().Get("Location"); a == "" || a != b {
		t.Errorf("Location %q then %q", a, b)
	}
	if ct := second.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("replayed Content-Type %q", ct)
	}
}

func TestIdempotencyOKReplayOfError(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, failingService(prakerja.Errorf(prakerja.CodeNIKTaken, "Taken.")))
	first := env.do(idemRequest("k-2", registerBody, nil))
	second := env.do(idemRequest("k-2", registerBody, nil))
	if first.Code != http.StatusConflict || second.Code != http.StatusConflict || first.Body.String() != second.Body.String() {
		t.Fatalf("got %d %q then %d %q", first.Code, first.Body, second.Code, second.Body)
	}
	if second.Header().Get("Content-Type") != contentTypeProblem {
		t.Errorf("replayed Content-Type %q", second.Header().Get("Content-Type"))
	}
}

func TestIdempotencyErrKeyReused(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	env.do(idemRequest("k-3", registerBody, nil))
	rec := env.do(idemRequest("k-3", strings.Replace(registerBody, "Siti", "Sita", 1), nil))
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"code":"idempotency_key_reused"`) {
		t.Fatalf("got %d %s", rec.Code, rec.Body)
	}
}

func TestIdempotencyErrInProgress(t *testing.T) {
	t.Parallel()
	svc := okService()
	started, release := make(chan struct{}), make(chan struct{})
	svc.RegisterFn = func(context.Context, prakerja.RegisterInput, prakerja.Client) (*prakerja.Registration, error) {
		close(started)
		<-release
		return testRegistration(prakerja.StatusRegistered), nil
	}
	env := newTestEnv(t, svc)
	done := make(chan int)
	go func() { done <- env.do(idemRequest("k-4", registerBody, nil)).Code }()
	<-started
	rec := env.do(idemRequest("k-4", registerBody, nil))
	close(release)
	if first := <-done; first != http.StatusCreated {
		t.Errorf("first request status %d", first)
	}
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), `"code":"idempotency_in_progress"`) {
		t.Fatalf("got %d %s", rec.Code, rec.Body)
	}
	if rec.Header().Get("Retry-After") == "" {
		t.Error("no Retry-After on in-progress answer")
	}
}

func TestIdempotencyOKNamespacedPerRoute(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	env.do(idemRequest("same", registerBody, nil))
	req := scenario{method: "POST", url: "/api/v1/logins", body: `{"identifier":"x"}`,
		header: map[string]string{"Idempotency-Key": "same"}}.request()
	if rec := env.do(req); rec.Code != http.StatusAccepted {
		t.Fatalf("same key on another route: %d %s", rec.Code, rec.Body)
	}
}

func TestIdempotencyOKNamespacedPerSession(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	env.do(idemRequest("same", registerBody, nil))
	rec := env.do(idemRequest("same", registerBody, map[string]string{"Cookie": sessionCookie + "=other"}))
	if rec.Code != http.StatusCreated || rec.Header().Get(replayedHeader) != "" {
		t.Fatalf("another session saw a replay: %d %v", rec.Code, rec.Header())
	}
}

func TestIdempotencyOKTransientNotStored(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, failingService(prakerja.Errorf(prakerja.CodeUnavailable, "Busy.")))
	env.do(idemRequest("k-5", registerBody, nil))
	for key, rec := range env.store.records {
		if rec.Status != 0 {
			t.Errorf("stored a 5xx answer under %s: %d", key, rec.Status)
		}
	}
}

func TestIdempotencyOKPendingTakenOverAfterTTL(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	key := "http:stale"
	env.store.records[key] = prakerja.IdempotentResponse{Key: key, CreatedAt: testNow.Add(-time.Hour)}
	got, err := env.store.BeginIdempotent(context.Background(), key, nil, testNow, time.Minute)
	if err != nil || got != nil {
		t.Fatalf("stale claim not taken over: %v %v", got, err)
	}
}

func TestIdempotencyErrKeyTooLong(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	rec := env.do(idemRequest(strings.Repeat("k", IdempotencyKeyMax+1), registerBody, nil))
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "Idempotency-Key") {
		t.Fatalf("got %d %s", rec.Code, rec.Body)
	}
}

func TestIdempotencyErrKeyNotASCII(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	if rec := env.do(idemRequest("kunci-é", registerBody, nil)); rec.Code != http.StatusBadRequest {
		t.Fatalf("got %d %s", rec.Code, rec.Body)
	}
}

func TestIdempotencyOKWithoutKey(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	env.do(scenario{method: "POST", url: "/api/v1/registrations", body: registerBody}.request())
	if env.store.begins != 0 {
		t.Fatalf("BeginIdempotent called %d times without a key", env.store.begins)
	}
}

func TestStoredRecordRoundTrip(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	h.Set("Location", "/api/v1/registrations/1")
	h.Set("Set-Cookie", "prakerja_session=secret")
	stored := encodeStored(h, []byte("{\"a\":\n\n1}"))
	if bytes.Contains(stored, []byte("secret")) {
		t.Fatal("a session cookie was stored")
	}
	got, body := decodeStored(stored)
	if got["Location"] != "/api/v1/registrations/1" || string(body) != "{\"a\":\n\n1}" {
		t.Fatalf("got %v %q", got, body)
	}
}
