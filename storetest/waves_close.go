package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testCloseWaveEarly: an operator closes an open, committed wave now; joins
// and commitments are refused from that instant, the draw may run at once,
// the close is audited, and every wrong case is refused without a change.
func testCloseWaveEarly(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	closeAt := T0.Add(time.Hour)
	uncommitted := mustWave(t, s, NewWave("Gelombang tanpa komitmen"))
	_, err := s.CloseWaveEarly(ctx, uncommitted.ID, closeAt)
	WantCode(t, err, prakerja.CodeConflict)
	_, err = s.CloseWaveEarly(ctx, uncommitted.ID+1000, closeAt)
	WantCode(t, err, prakerja.CodeNotFound)

	n := int(seq.Add(1))
	w, ids := committedWave(t, s, n, 2)
	for _, tc := range []struct {
		name string
		now  time.Time
		want prakerja.Code
	}{
		{"before the opening", WaveOpens.Add(-time.Minute), prakerja.CodeWaveNotOpen},
		{"at the opening", WaveOpens, prakerja.CodeWaveNotOpen},
		{"at the planned close", WaveCloses, prakerja.CodeWaveClosed},
	} {
		_, err := s.CloseWaveEarly(ctx, w.ID, tc.now)
		WantCode(t, err, tc.want)
	}
	if got, err := s.Wave(ctx, w.ID); err != nil || !got.ClosesAt.Equal(WaveCloses) {
		t.Fatalf("a refused close changed the wave: %v, %v", got, err)
	}

	as := prakerja.WithAuditActor(ctx, "operator.budi")
	e := wantAuditOnce(t, s, prakerja.AuditWaveClosedEarly, "operator.budi", func() string {
		closed, err := s.CloseWaveEarly(as, w.ID, closeAt)
		must(t, err)
		if !closed.ClosesAt.Equal(closeAt) {
			t.Fatalf("closed at %v, want %v", closed.ClosesAt, closeAt)
		}
		return subjectOf("wave", w.ID)
	})
	if !strings.Contains(e.Detail, WaveCloses.UTC().Format(time.RFC3339)) {
		t.Fatalf("the audit detail %s lacks the planned close", e.Detail)
	}
	got, err := s.Wave(ctx, w.ID)
	must(t, err)
	if !got.ClosesAt.Equal(closeAt) || got.Status(closeAt) != prakerja.WaveClosed {
		t.Fatalf("stored close %v status %s, want %v closed", got.ClosesAt, got.Status(closeAt), closeAt)
	}
	late := mustJoiner(t, s, "31.71.01")
	_, _, err = s.JoinWave(ctx, w.ID, late.ID, closeAt)
	WantCode(t, err, prakerja.CodeWaveClosed)
	_, err = s.CloseWaveEarly(ctx, w.ID, closeAt.Add(time.Minute))
	WantCode(t, err, prakerja.CodeWaveClosed)
	rec := selectionRecord(w, n, ids, ids[:1], "closed early")
	_, err = s.RecordSelection(ctx, rec, SeqCards{}, closeAt)
	must(t, err)
}
