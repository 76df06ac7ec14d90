package http

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkWaitRoomTurnAway measures what one turned-away request costs
// the server (ticket, position, problem document), the answer thousands
// of registrants get each second in a rush; it must stay far below the
// cost of a registration.
func BenchmarkWaitRoomTurnAway(b *testing.B) {
	for _, bc := range []struct{ name, path, accept string }{
		{"API", "/api/v1/registrations", "application/json"},
		{"Page", "/daftar", "text/html"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			room := newWaitRoom(WaitRoomConfig{Capacity: 1, WaitersMax: 1}, fixedClock{testNow}, true)
			room.inFlight = 1
			room.due.PushBack(&waiter{}) // full, and the wait line too: turned away at once
			h := room.wrap(http.NotFoundHandler())
			req := httptest.NewRequest("POST", bc.path, nil)
			req.Header.Set("Accept", bc.accept)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusServiceUnavailable {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}
