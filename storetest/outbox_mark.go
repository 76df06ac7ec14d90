package storetest

import (
	"context"
	"strings"
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

// testMarkMessagesFailed records many failed tries at once: each message
// gets its own reason and next attempt, a long reason is cut, an unknown
// id is skipped, and only the failures come due again when their time
// comes.
func testMarkMessagesFailed(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	msgs := queueMessages(t, s, 4)
	long := strings.Repeat("x", 2_000)
	soon, late := T0.Add(time.Minute), T0.Add(time.Hour)
	must(t, s.MarkMessagesFailed(ctx, []prakerja.MessageFailure{
		{ID: msgs[0].ID, Reason: "gateway: 503", Next: soon},
		{ID: msgs[1].ID, Reason: long, Next: late},
		{ID: 424242, Reason: "gone", Next: soon},
	}))
	must(t, s.MarkMessagesFailed(ctx, nil))
	all, err := s.Messages(ctx, prakerja.MessageFilter{Template: "phone_otp"})
	must(t, err)
	byID := map[int64]*prakerja.Message{}
	for _, m := range all {
		byID[m.ID] = m
	}
	if m := byID[msgs[0].ID]; m.LastError != "gateway: 503" || !m.NextAttemptAt.Equal(soon) {
		t.Fatalf("first failure: %q next %v", m.LastError, m.NextAttemptAt)
	}
	if m := byID[msgs[1].ID]; len(m.LastError) == 0 || len(m.LastError) >= len(long) || !m.NextAttemptAt.Equal(late) {
		t.Fatalf("long reason kept %d bytes, next %v", len(m.LastError), m.NextAttemptAt)
	}
	claimed, err := s.ClaimMessages(ctx, soon, 100, time.Minute)
	must(t, err)
	for _, m := range claimed {
		if m.ID == msgs[1].ID {
			t.Fatal("a failure was claimed before its next attempt")
		}
	}
	if err := s.MarkMessagesFailed(ctx, make([]prakerja.MessageFailure, 100_000)); err == nil {
		t.Fatal("no error for 100,000 failures in one call")
	}
}
