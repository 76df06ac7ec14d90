package namematch

import (
	"testing"
)

// FuzzCompare checks the invariants payouts rely on for any input: no
// panic, a Score in range and a Reason that agrees with Match, a name
// always matches itself, and the decision does not depend on which side
// the bank's name is passed.
func FuzzCompare(f *testing.F) {
	for _, p := range benchPairs {
		f.Add(p[0], p[1])
	}
	f.Add("M. RIZKI", "MUHAMMAD RIZKI")
	f.Add("H.J. S.Kom", "T.")
	f.Add("БОРИС 王", "\xff")
	f.Fuzz(func(t *testing.T, a, b string) {
		got := Compare(a, b)
		if got.Score < 0 || got.Score > 100 {
			t.Errorf("Compare(%q, %q).Score = %d, want 0..100", a, b, got.Score)
		}
		if got.Match != (got.Reason == "") {
			t.Errorf("Compare(%q, %q) = %+v: Reason must be empty exactly when Match", a, b, got)
		}
		if rev := Compare(b, a); rev != got {
			t.Errorf("Compare(%q, %q) = %+v, but reversed = %+v", a, b, got, rev)
		}
		if Normalize(a) != nil && !Compare(a, a).Match {
			t.Errorf("Compare(%q, itself) = %+v, want a match", a, Compare(a, a))
		}
	})
}
