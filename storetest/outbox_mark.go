package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testMarkMessagesSent records many deliveries at once: more ids than one
// statement carries, an id given twice, one unknown, one already sent
// (which keeps its first time) and one that had failed (whose error is
// cleared). The ones left out stay unsent and claimable.
func testMarkMessagesSent(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	const total, left = 230, 3
	msgs := queueMessages(t, s, total)
	early, later := T0.Add(time.Second), T0.Add(time.Minute)
	must(t, s.MarkMessageSent(ctx, msgs[0].ID, early))
	must(t, s.MarkMessageFailed(ctx, msgs[1].ID, "gateway: 503", T0))
	marked := append(ids(msgs[:total-left]), msgs[5].ID, 424242)
	must(t, s.MarkMessagesSent(ctx, marked, later))
	must(t, s.MarkMessagesSent(ctx, nil, later))

	all, err := s.Messages(ctx, prakerja.MessageFilter{Template: "phone_otp"})
	must(t, err)
	if len(all) != total {
		t.Fatalf("listed %d messages, want %d", len(all), total)
	}
	for _, m := range all { // newest first
		switch {
		case m.ID == msgs[0].ID && !m.SentAt.Equal(early):
			t.Fatalf("message sent before: SentAt %v, want the first time %v", m.SentAt, early)
		case m.ID == msgs[1].ID && (m.LastError != "" || !m.SentAt.Equal(later)):
			t.Fatalf("failed message: error %q, SentAt %v", m.LastError, m.SentAt)
		case m.ID > msgs[0].ID && m.ID < msgs[total-left].ID && !m.SentAt.Equal(later):
			t.Fatalf("message %d: SentAt %v, want %v", m.ID, m.SentAt, later)
		case m.ID >= msgs[total-left].ID && !m.SentAt.IsZero():
			t.Fatalf("message %d left out but sent at %v", m.ID, m.SentAt)
		}
	}
	welcome, err := s.Messages(ctx, prakerja.MessageFilter{Template: "email_confirm"})
	must(t, err)
	claimed, err := s.ClaimMessages(ctx, T0.Add(time.Hour), 100, time.Minute)
	must(t, err)
	diff(t, "claimed", ids(claimed), append([]int64{welcome[0].ID}, ids(msgs[total-left:])...))
	if err := s.MarkMessagesSent(ctx, make([]int64, 100_000), later); err == nil {
		t.Fatal("no error for 100,000 ids in one call")
	}
}
