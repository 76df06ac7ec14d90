package storetest

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
)

// testJobSubject checks what jobs read about a participant, and that a
// registration without a card is not found.
func testJobSubject(t *testing.T, open Opener) {
	s, ctx := open(t), context.Background()
	w, ids := MustParticipants(t, s, 2)
	js, err := s.JobSubject(ctx, ids[0])
	must(t, err)
	if js.WaveID != w.ID || js.Scheme != w.Scheme || !js.RevokedAt.IsZero() || len(js.NIKIndex) == 0 ||
		len(js.Phone.Ciphertext) == 0 {
		t.Fatalf("subject = %+v", js)
	}
	_, err = s.JobSubject(ctx, MustCreate(t, s, Unique()).Record.ID)
	WantCode(t, err, prakerja.CodeNotFound)
	page, err := s.WaveParticipantIDs(ctx, w.ID, 0, 1)
	must(t, err)
	rest, err := s.WaveParticipantIDs(ctx, w.ID, page[0], 10)
	must(t, err)
	diff(t, "pages", append(page, rest...), ids)
}

// testRevokeParticipant checks that a card is revoked once: the first call
// marks it, blacklists the NIK and queues the SMS; the second writes
// nothing. The blacklisted NIK is then reported by the screening.
func testRevokeParticipant(t *testing.T, open Opener) {
	s, ctx := open(t), context.Background()
	_, ids := MustParticipants(t, s, 1)
	js, err := s.JobSubject(ctx, ids[0])
	must(t, err)
	r := prakerja.Revocation{RegistrationID: ids[0], Reason: prakerja.RevokeReasonFirstPurchase, NIKIndex: js.NIKIndex}
	msg := &prakerja.Message{RegistrationID: ids[0], Channel: prakerja.ChannelSMS, Template: "card_revoked",
		Locale: "id", Recipient: js.Phone, Params: []byte("v1:params"), CreatedAt: AfterClose}
	for i, want := range []bool{true, false} {
		changed, err := s.RevokeParticipant(ctx, r, msg, AfterClose)
		must(t, err)
		if changed != want {
			t.Fatalf("call %d: changed = %v, want %v", i, changed, want)
		}
	}
	if n := countMessages(t, s, "card_revoked"); n != 1 {
		t.Fatalf("%d revocation messages, want 1", n)
	}
	js, err = s.JobSubject(ctx, ids[0])
	must(t, err)
	if !js.RevokedAt.Equal(AfterClose) {
		t.Fatalf("revoked at %v, want %v", js.RevokedAt, AfterClose)
	}
	found, err := s.ScreenExclusions(ctx, [][]byte{js.NIKIndex, Index("nik", -1)})
	must(t, err)
	diff(t, "screening", found, map[string][]string{string(js.NIKIndex): {prakerja.ExclusionRevoked}})
	r.RegistrationID = MustCreate(t, s, Unique()).Record.ID
	_, err = s.RevokeParticipant(ctx, r, nil, AfterClose)
	WantCode(t, err, prakerja.CodeNotFound)
}
