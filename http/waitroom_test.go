package http

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// liveness bounds every wait in these tests; none is a speed assertion.
const liveness = time.Minute

// gatedRoom is a waiting room in front of a handler that holds each
// request until the test lets it go, so "at capacity" is exact.
type gatedRoom struct {
	room    *waitRoom
	h       http.Handler
	entered chan string // the path of each request that reached the handler
	gate    chan struct{}
}

func newGatedRoom(t *testing.T, cfg WaitRoomConfig) *gatedRoom {
	t.Helper()
	g := &gatedRoom{room: newWaitRoom(cfg, fixedClock{testNow}, true), entered: make(chan string, 64), gate: make(chan struct{})}
	g.h = g.room.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.entered <- r.URL.Path
		if r.Header.Get("X-Hold") != "" {
			select {
			case <-g.gate:
			case <-time.After(liveness):
			}
		}
		w.WriteHeader(http.StatusOK)
	}))
	return g
}

// hold sends n requests that stay in the handler until release.
func (g *gatedRoom) hold(t *testing.T, n int) {
	t.Helper()
	for range n {
		req := httptest.NewRequest("GET", "/daftar", nil)
		req.Header.Set("X-Hold", "1")
		go g.h.ServeHTTP(httptest.NewRecorder(), req)
		g.waitEntered(t)
	}
}

func (g *gatedRoom) release() { g.gate <- struct{}{} }

func (g *gatedRoom) waitEntered(t *testing.T) string {
	t.Helper()
	select {
	case p := <-g.entered:
		return p
	case <-time.After(liveness):
		t.Fatal("no request reached the handler")
		return ""
	}
}

func (g *gatedRoom) do(req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	g.h.ServeHTTP(rec, req)
	return rec
}

func TestWaitRoomAdmitsUnderCapacity(t *testing.T) {
	t.Parallel()
	g := newGatedRoom(t, WaitRoomConfig{Capacity: 3, Wait: time.Millisecond})
	g.hold(t, 2)
	if rec := g.do(httptest.NewRequest("GET", "/daftar", nil)); rec.Code != http.StatusOK {
		t.Fatalf("third of capacity 3: status %d, want 200", rec.Code)
	}
	g.room.mu.Lock()
	defer g.room.mu.Unlock()
	if g.room.issued != 0 || g.room.inFlight != 2 {
		t.Errorf("tickets issued %d, in flight %d; want 0 and the 2 held", g.room.issued, g.room.inFlight)
	}
}

func TestWaitRoomTurnsAwayPastCapacity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, path, accept, lang string
		wantType, wantBody       string
	}{
		{"APIPath", "/api/v1/registrations", "", "", contentTypeProblem, `"type":"https://prakerja.example/problems/waiting_room"`},
		{"AcceptJSON", "/cek-status", "application/json", "", contentTypeProblem, `"code":"unavailable"`},
		{"BrowserIndonesian", "/daftar", "text/html,application/xhtml+xml", "", "text/html; charset=utf-8", "Anda berada di antrean nomor 1."},
		{"BrowserEnglish", "/daftar", "text/html", "en", "text/html; charset=utf-8", "You are number 1 in the queue."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g := newGatedRoom(t, WaitRoomConfig{Capacity: 1, Wait: time.Millisecond})
			g.hold(t, 1)
			defer g.release()
			req := httptest.NewRequest("GET", tt.path, nil)
			req.Header.Set("Accept", tt.accept)
			req.Header.Set("Accept-Language", tt.lang)
			rec := g.do(req)
			if rec.Code != http.StatusServiceUnavailable {
				t.Fatalf("status %d, want 503", rec.Code)
			}
			if got := rec.Header().Get("Retry-After"); got != "1" {
				t.Errorf("Retry-After %q, want 1", got)
			}
			if got := rec.Header().Get("Content-Type"); got != tt.wantType {
				t.Errorf("Content-Type %q, want %q", got, tt.wantType)
			}
			if !strings.Contains(rec.Body.String(), tt.wantBody) {
				t.Errorf("body lacks %q:\n%s", tt.wantBody, rec.Body)
			}
			if rec.Header().Get(ticketHeader) == "" || !strings.Contains(rec.Header().Get("Set-Cookie"), ticketCookie+"=") {
				t.Errorf("no ticket in header or cookie: %v", rec.Header())
			}
		})
	}
}

func TestWaitRoomProblemMembers(t *testing.T) {
	t.Parallel()
	g := newGatedRoom(t, WaitRoomConfig{Capacity: 1, Wait: time.Millisecond})
	g.hold(t, 1)
	defer g.release()
	var got []waitRoomProblem
	for range 3 {
		rec := g.do(httptest.NewRequest("POST", "/api/v1/registrations", nil))
		var p waitRoomProblem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
			t.Fatalf("decode: %v\n%s", err, rec.Body)
		}
		got = append(got, p)
	}
	for i, p := range got {
		if p.Position != uint64(i+1) || p.RetryAfter < 1 || p.Status != 503 || p.Ticket == "" {
			t.Errorf("answer %d: position %d, retry_after %d, status %d, ticket %q; want position %d", i, p.Position, p.RetryAfter, p.Status, p.Ticket, i+1)
		}
	}
}

// TestWaitRoomDueTicketsFirst holds the only slot, queues a new arrival
// and then a holder whose turn has come, and frees the slot: the holder
// must get it though they came later.
func TestWaitRoomDueTicketsFirst(t *testing.T) {
	t.Parallel()
	g := newGatedRoom(t, WaitRoomConfig{Capacity: 1, Wait: liveness, WaitersMax: 8})
	g.hold(t, 1)
	g.room.mu.Lock()
	g.room.issued, g.room.serving = 5, 1 // ticket 1's turn has come, 2–5 wait
	g.room.mu.Unlock()
	due := g.room.encodeTicket(ticket{number: 1, issued: testNow.Unix()})
	early := g.room.encodeTicket(ticket{number: 4, issued: testNow.Unix()})

	send := func(path, tk string) {
		req := httptest.NewRequest("GET", path, nil)
		if tk != "" {
			req.Header.Set(ticketHeader, tk)
		}
		go g.do(req)
	}
	send("/fresh", "")
	g.waitQueued(t, 0, 1)
	send("/early", early) // not due yet: waits with the new arrivals
	g.waitQueued(t, 0, 2)
	send("/due", due)
	g.waitQueued(t, 1, 2)
	g.release() // the held request ends; each next one ends at once
	for _, want := range []string{"/due", "/fresh", "/early"} {
		if got := g.waitEntered(t); got != want {
			t.Fatalf("slot went to %s, want %s", got, want)
		}
	}
}

// waitQueued waits until the room holds due and fresh waiters.
func (g *gatedRoom) waitQueued(t *testing.T, due, fresh int) {
	t.Helper()
	deadline := time.Now().Add(liveness)
	for time.Now().Before(deadline) {
		g.room.mu.Lock()
		d, f := g.room.due.Len(), g.room.fresh.Len()
		g.room.mu.Unlock()
		if d == due && f == fresh {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("waiters never reached due %d, fresh %d", due, fresh)
}

func TestWaitRoomExemptPaths(t *testing.T) {
	t.Parallel()
	g := newGatedRoom(t, WaitRoomConfig{Capacity: 1, Wait: time.Millisecond})
	g.hold(t, 1)
	defer g.release()
	for _, path := range []string{"/healthz", "/metrics", "/api/v1/bank/answers", "/api/v1/platform/charges", "/favicon.ico"} {
		if rec := g.do(httptest.NewRequest("GET", path, nil)); rec.Code != http.StatusOK {
			t.Errorf("%s at capacity: status %d, want 200 (never queued)", path, rec.Code)
		}
		g.waitEntered(t)
	}
	if rec := g.do(httptest.NewRequest("GET", "/daftar", nil)); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("/daftar at capacity: status %d, want 503", rec.Code)
	}
}

func TestWaitRoomMetrics(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, nil)
	env.srv.UseWaitingRoom(env.reg, WaitRoomConfig{Capacity: 7})
	if rec := env.do(httptest.NewRequest("GET", "/healthz", nil)); rec.Code != http.StatusOK {
		t.Fatalf("healthz through the room: %d", rec.Code)
	}
	env.do(httptest.NewRequest("GET", "/api/v1/regions/provinces", nil))
	want := map[string]float64{"prakerja_waitroom_admitted_total": 1, "prakerja_waitroom_turned_away_total": 0,
		"prakerja_waitroom_in_flight": 0, "prakerja_waitroom_queue_length": 0, "prakerja_waitroom_capacity": 7,
		"prakerja_waitroom_limit": 7}
	families, err := env.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range families {
		if strings.HasPrefix(f.GetName(), "prakerja_waitroom_") {
			m := f.GetMetric()[0]
			got[f.GetName()] = m.GetCounter().GetValue() + m.GetGauge().GetValue()
		}
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s = %v, want %v", name, got[name], w)
		}
	}
}
