package selection

import (
	"testing"
)

// BenchmarkSelectWave1 selects on the shape of 2020 wave 1 (2,078,026
// joiners, 168,111 seats, 34 provincial quotas, 2 tiers).
func BenchmarkSelectWave1(b *testing.B) {
	snap, q, err := Synthetic(Wave1Joiners, Wave1Seats, 1)
	if err != nil {
		b.Fatal(err)
	}
	seed := testSeed(1)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := Select(snap, seed, q)
		if err != nil || res.Selected() != Wave1Seats {
			b.Fatalf("Select: %v, %d selected", err, res.Selected())
		}
	}
}

// BenchmarkVerifyWave1 verifies published wave-1-shaped artefacts: read,
// hash, parse, reselect and compare.
func BenchmarkVerifyWave1(b *testing.B) {
	snap, q, err := Synthetic(Wave1Joiners, Wave1Seats, 1)
	if err != nil {
		b.Fatal(err)
	}
	seed := testSeed(1)
	dir := b.TempDir()
	if _, _, err := Publish(dir, seed.Commit(), seed, snap, q); err != nil {
		b.Fatal(err)
	}
	snap = nil
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Verify(dir); err != nil {
			b.Fatal(err)
		}
	}
}
