package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// queueMessages stores n SMS messages for a new registration, due at
// T0+i seconds, and returns them in that order.
func queueMessages(t *testing.T, s prakerja.Store, n int) []*prakerja.Message {
	t.Helper()
	id := MustCreate(t, s, Unique()).Record.ID
	msgs := make([]*prakerja.Message, n)
	for i := range msgs {
		m := otpMessage(id, T0)
		m.NextAttemptAt = T0.Add(time.Duration(i) * time.Second)
		must(t, s.CreateChallenge(context.Background(), newChallenge(id, prakerja.PurposePhoneVerify, int64(i), T0), m))
		msgs[i] = m
	}
	return msgs
}

func ids(msgs []*prakerja.Message) []int64 {
	out := make([]int64, len(msgs))
	for i, m := range msgs {
		out[i] = m.ID
	}
	return out
}

// testOutbox covers claiming with leases, delivery outcomes, listing, and
// concurrent senders.
func testOutbox(t *testing.T, open Opener) {
	ctx := context.Background()
	lease := 30 * time.Second
	t.Run("ClaimLeaseRetry", func(t *testing.T) { t.Parallel(); testClaimLeaseRetry(t, open(t)) })
	t.Run("ClaimLimitOldestFirst", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		msgs := queueMessages(t, s, 5)
		got, err := s.ClaimMessages(ctx, T0.Add(time.Hour), 3, lease)
		must(t, err)
		if len(got) != 3 {
			t.Fatalf("claimed %d, want 3", len(got))
		}
		for _, m := range got {
			if m.ID == msgs[3].ID || m.ID == msgs[4].ID {
				t.Fatalf("claimed message %d before older ones", m.ID)
			}
		}
		if _, err := s.ClaimMessages(ctx, T0, 0, lease); err == nil {
			t.Fatal("no error for limit 0")
		}
	})
	t.Run("MarkSent", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		m := queueMessages(t, s, 1)[0]
		must(t, s.MarkMessageSent(ctx, m.ID, T0.Add(time.Second)))
		must(t, s.MarkMessageSent(ctx, m.ID, T0.Add(time.Minute))) // keeps the first time
		got, err := s.Messages(ctx, prakerja.MessageFilter{Template: "phone_otp"})
		must(t, err)
		if !got[0].SentAt.Equal(T0.Add(time.Second)) {
			t.Fatalf("SentAt = %v, want %v", got[0].SentAt, T0.Add(time.Second))
		}
		WantCode(t, s.MarkMessageSent(ctx, 424242, T0), prakerja.CodeNotFound)
		WantCode(t, s.MarkMessageFailed(ctx, 424242, "x", T0), prakerja.CodeNotFound)
	})
	t.Run("MarkManySent", func(t *testing.T) { t.Parallel(); testMarkMessagesSent(t, open(t)) })
	t.Run("MarkManyFailed", func(t *testing.T) { t.Parallel(); testMarkMessagesFailed(t, open(t)) })
	t.Run("Filter", func(t *testing.T) { t.Parallel(); testMessagesFilter(t, open(t)) })
	t.Run("ConcurrentClaimers", func(t *testing.T) { t.Parallel(); testConcurrentClaimers(t, open(t)) })
}

// testMessagesFilter lists messages by each filter combination.
func testMessagesFilter(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	a := MustCreate(t, s, Unique())
	b := MustCreate(t, s, Unique())
	otp := otpMessage(a.Record.ID, T0)
	must(t, s.CreateChallenge(ctx, newChallenge(a.Record.ID, prakerja.PurposePhoneVerify, 1, T0), otp))
	must(t, s.MarkMessageSent(ctx, a.Message.ID, T0))
	tests := []struct {
		name string
		f    prakerja.MessageFilter
		want []int64 // newest first
	}{
		{"All", prakerja.MessageFilter{}, []int64{otp.ID, b.Message.ID, a.Message.ID}},
		{"Registration", prakerja.MessageFilter{RegistrationID: a.Record.ID}, []int64{otp.ID, a.Message.ID}},
		{"Template", prakerja.MessageFilter{Template: "email_confirm"}, []int64{b.Message.ID, a.Message.ID}},
		{"Unsent", prakerja.MessageFilter{Unsent: true}, []int64{otp.ID, b.Message.ID}},
		{"RegistrationTemplateUnsent", prakerja.MessageFilter{RegistrationID: a.Record.ID, Template: "email_confirm", Unsent: true}, []int64{}},
		{"Limit", prakerja.MessageFilter{Limit: 2}, []int64{otp.ID, b.Message.ID}},
		{"LimitOverMax", prakerja.MessageFilter{Limit: prakerja.MessagesPageMax + 1}, []int64{otp.ID, b.Message.ID, a.Message.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Messages(ctx, tt.f)
			must(t, err)
			diff(t, "messages", ids(got), tt.want)
		})
	}
}

// testConcurrentClaimers: several senders claim in small batches until
// the outbox is empty; together they must get every message exactly once.
func testConcurrentClaimers(t *testing.T, s prakerja.Store) {
	const total, senders, batch = 120, 4, 7
	want := map[int64]bool{}
	for _, m := range queueMessages(t, s, total) {
		want[m.ID] = true
	}
	welcome, err := s.Messages(context.Background(), prakerja.MessageFilter{Template: "email_confirm"})
	must(t, err)
	want[welcome[0].ID] = true
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				got, err := s.ClaimMessages(context.Background(), T0.Add(time.Hour), batch, time.Hour)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, m := range got {
					seen[m.ID]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != len(want) {
		t.Fatalf("claimed %d distinct messages, want %d", len(seen), len(want))
	}
	for id, n := range seen {
		if n != 1 || !want[id] {
			t.Fatalf("message %d claimed %d times (known: %v)", id, n, want[id])
		}
	}
}

// testClaimLeaseRetry follows messages through claim, lease, delivery
// and retry, checking which are claimable at each moment.
func testClaimLeaseRetry(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	lease := 30 * time.Second
	msgs := queueMessages(t, s, 3) // due at T0, T0+1s, T0+2s; plus one welcome e-mail due at T0
	welcome, err := s.Messages(ctx, prakerja.MessageFilter{Template: "email_confirm"})
	must(t, err)
	now := T0.Add(time.Second)
	got, err := s.ClaimMessages(ctx, now, 10, lease)
	must(t, err)
	diff(t, "claimed", ids(got), []int64{welcome[0].ID, msgs[0].ID, msgs[1].ID})
	for _, m := range got {
		if m.Attempts != 1 || !m.NextAttemptAt.Equal(now.Add(lease)) {
			t.Fatalf("claimed message: attempts %d, next %v; want 1, %v", m.Attempts, m.NextAttemptAt, now.Add(lease))
		}
	}
	again, err := s.ClaimMessages(ctx, now.Add(lease-time.Microsecond), 10, lease)
	must(t, err)
	diff(t, "claimed during the lease", ids(again), []int64{msgs[2].ID})
	must(t, s.MarkMessageSent(ctx, msgs[0].ID, now))
	must(t, s.MarkMessageFailed(ctx, msgs[1].ID, "gateway: 503", now.Add(time.Hour)))
	after, err := s.ClaimMessages(ctx, now.Add(lease), 10, lease)
	must(t, err)
	diff(t, "claimed after the lease", ids(after), []int64{welcome[0].ID})
	if after[0].Attempts != 2 {
		t.Fatalf("attempts = %d, want 2", after[0].Attempts)
	}
	must(t, s.MarkMessageSent(ctx, welcome[0].ID, now.Add(lease)))
	failed, err := s.ClaimMessages(ctx, now.Add(time.Hour), 10, lease)
	must(t, err)
	diff(t, "claimed after the retry time", ids(failed), []int64{msgs[1].ID, msgs[2].ID})
	if failed[0].LastError != "gateway: 503" {
		t.Fatalf("LastError = %q", failed[0].LastError)
	}
}
