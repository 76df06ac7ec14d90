package storetest

import (
	"context"
	"testing"
)

// testWaveParticipants pages through a drawn wave's participants in
// registration order, each with its card and none revoked, and only its own.
func testWaveParticipants(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	lw := MustLedgerWave(t, s, 5, 0)
	var got []int64
	for after := int64(0); ; {
		page, err := s.WaveParticipants(ctx, lw.Wave.ID, after, 2)
		must(t, err)
		for _, p := range page {
			if p.WaveID != lw.Wave.ID || p.CardNumber == "" || !p.RevokedAt.IsZero() {
				t.Fatalf("participant %+v", p)
			}
			got = append(got, p.RegistrationID)
		}
		if len(page) < 2 {
			break
		}
		after = page[len(page)-1].RegistrationID
	}
	diff(t, "participants", got, lw.Participants)
	none, err := s.WaveParticipants(ctx, lw.Wave.ID+1, 0, 10)
	must(t, err)
	if len(none) != 0 {
		t.Fatalf("another wave has %d participants", len(none))
	}
}
