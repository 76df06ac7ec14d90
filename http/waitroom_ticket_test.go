package http

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestWaitRoomTicketKeepsPlace(t *testing.T) {
	t.Parallel()
	g := newGatedRoom(t, WaitRoomConfig{Capacity: 1, Wait: time.Millisecond})
	g.hold(t, 1)
	defer g.release()
	first := g.do(httptest.NewRequest("GET", "/api/v1/waves", nil)).Header().Get(ticketHeader)
	g.do(httptest.NewRequest("GET", "/api/v1/waves", nil)) // a later arrival
	req := httptest.NewRequest("GET", "/api/v1/waves", nil)
	req.Header.Set(ticketHeader, first)
	var p waitRoomProblem
	if err := json.Unmarshal(g.do(req).Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if p.Position != 1 || p.Ticket != first {
		t.Errorf("returning holder: position %d (want 1), same ticket %v", p.Position, p.Ticket == first)
	}
	cookieReq := httptest.NewRequest("GET", "/daftar", nil)
	cookieReq.AddCookie(&http.Cookie{Name: ticketCookie, Value: first})
	if body := g.do(cookieReq).Body.String(); !strings.Contains(body, "nomor 1.") {
		t.Errorf("ticket in cookie: page lacks position 1:\n%s", body)
	}
}

func TestWaitRoomBadTickets(t *testing.T) {
	t.Parallel()
	room := newWaitRoom(WaitRoomConfig{}, fixedClock{testNow}, false)
	other := newWaitRoom(WaitRoomConfig{}, fixedClock{testNow}, false)
	good := room.encodeTicket(ticket{number: 7, issued: testNow.Unix()})
	altered := []byte(good)
	altered[3] ^= 1
	tests := []struct {
		name, value string
		ok          bool
	}{
		{"OK", good, true},
		{"Empty", "", false},
		{"NotBase64", strings.Repeat("!", ticketLen), false},
		{"Altered", string(altered), false},
		{"Truncated", good[:ticketLen-1], false},
		{"Long", good + "A", false},
		{"OtherProcess", other.encodeTicket(ticket{number: 7, issued: testNow.Unix()}), false},
		{"Expired", room.encodeTicket(ticket{number: 7, issued: testNow.Add(-ticketTTL - time.Second).Unix()}), false},
		{"FromTheFuture", room.encodeTicket(ticket{number: 7, issued: testNow.Add(time.Hour).Unix()}), false},
		{"NumberZero", room.encodeTicket(ticket{number: 0, issued: testNow.Unix()}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := room.decodeTicket(tt.value, testNow)
			if ok != tt.ok || ok && got.number != 7 {
				t.Errorf("decode: %+v, %v; want ok %v", got, ok, tt.ok)
			}
		})
	}
}

// TestWaitRoomForgedTicketGetsNewPlace checks that a forged ticket is
// answered like no ticket: a new place at the back, not an error.
func TestWaitRoomForgedTicketGetsNewPlace(t *testing.T) {
	t.Parallel()
	g := newGatedRoom(t, WaitRoomConfig{Capacity: 1, Wait: time.Millisecond})
	g.hold(t, 1)
	defer g.release()
	g.do(httptest.NewRequest("GET", "/api/v1/waves", nil))
	req := httptest.NewRequest("GET", "/api/v1/waves", nil)
	req.Header.Set(ticketHeader, strings.Repeat("A", ticketLen))
	rec := g.do(req)
	var p waitRoomProblem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || rec.Code != 503 {
		t.Fatalf("status %d, decode %v", rec.Code, err)
	}
	if p.Position != 2 {
		t.Errorf("forged ticket: position %d, want 2 (a new place)", p.Position)
	}
}
