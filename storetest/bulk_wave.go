package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// bulkWave is the full-scale demo's bulk wave path, which stores offer
// beside prakerja.Store.
type bulkWave interface {
	EligiblePage(ctx context.Context, afterID int64, limit int) ([]int64, []string, int64, error)
	BulkJoinWave(ctx context.Context, waveID int64, ids []int64, regions []string, score int, now time.Time) error
}

// testBulkJoinWave pages through the eligible only, joins them in bulk with
// a passed test, and refuses a closed wave.
func testBulkJoinWave(t *testing.T, open Opener) {
	s := open(t)
	b, ok := s.(bulkWave)
	if !ok {
		t.Skip("store has no bulk wave path")
	}
	ctx := context.Background()
	w := mustWave(t, s, NewWave("Gelombang bulk"))
	var want []int64
	for i := range 5 {
		want = append(want, mustRegistrant(t, s, prakerja.StatusEligible, "31.71.01").ID)
		if i%2 == 0 {
			mustRegistrant(t, s, prakerja.StatusIneligible, "31.71.01")
		}
	}
	var ids []int64
	var regions []string
	for after := int64(0); ; {
		page, districts, next, err := b.EligiblePage(ctx, after, 2)
		if err != nil {
			t.Fatal(err)
		}
		if next == 0 {
			break
		}
		for i := range page {
			if districts[i] != "31.71.01" {
				t.Fatalf("district %q, want 31.71.01", districts[i])
			}
			regions = append(regions, "31")
		}
		ids = append(ids, page...)
		after = next
	}
	if !slices.Equal(ids, want) {
		t.Fatalf("eligible pages %v, want %v", ids, want)
	}
	at := WaveOpens.Add(time.Hour)
	if err := b.BulkJoinWave(ctx, w.ID, ids, regions, 80, WaveCloses.Add(time.Second)); err == nil {
		t.Fatal("bulk joins of a closed wave were accepted")
	}
	if err := b.BulkJoinWave(ctx, w.ID, ids, regions, 80, at); err != nil {
		t.Fatalf("BulkJoinWave: %v", err)
	}
	for _, id := range ids {
		joins, err := s.WaveJoinsOf(ctx, id)
		if err != nil || len(joins) != 1 || joins[0].WaveID != w.ID || joins[0].Region != "31" {
			t.Errorf("registration %d joins %+v (%v), want one of wave %d in region 31", id, joins, err, w.ID)
		}
		r, err := s.TestResult(ctx, id)
		if err != nil || !r.Passed || r.Score != 80 || !r.PassedAt.Equal(utcMicro(at)) {
			t.Errorf("registration %d test result %+v (%v), want passed with 80", id, r, err)
		}
	}
	if err := b.BulkJoinWave(ctx, w.ID, ids[:1], regions[:1], 90, at); err != nil {
		t.Errorf("joining again: %v, want the join kept", err)
	}
}
