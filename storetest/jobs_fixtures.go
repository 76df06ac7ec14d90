package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/prakerja/prakerja"
)

// MustParticipants stores a wave whose n joiners were all selected, and
// returns it with their registration ids (cards issued by SeqCards). It
// is exported for the jobs package, which needs real participants.
func MustParticipants(tb testing.TB, s prakerja.Store, n int) (*prakerja.Wave, []int64) {
	tb.Helper()
	k := int(seq.Add(1))
	w, ids := committedWave(tb, s, k, n)
	rec := selectionRecord(w, k, ids, ids, fmt.Sprintf("manifest %d", k))
	if _, err := s.RecordSelection(context.Background(), rec, SeqCards{}, AfterClose); err != nil {
		tb.Fatalf("record selection: %v", err)
	}
	return w, ids
}

// job returns a job fixture of kind for registration id, due at T0.
func job(kind prakerja.JobKind, id int64, slot int) prakerja.Job {
	return prakerja.Job{Kind: kind, Key: prakerja.JobKey(id, slot), RegistrationID: id, Slot: slot, DueAt: T0}
}
