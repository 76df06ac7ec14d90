package sqldb

import (
	"slices"
	"testing"
)

// TestShapedRuns checks that rows split into runs of one shape, at least
// creditRunMin long, and that every other row is left to the generic insert
// exactly once.
func TestShapedRuns(t *testing.T) {
	// Two shapes (rows 0..49, 50..99); rows 25 and 60..69 fit neither;
	// row 30 may not follow row 29.
	fit := func(i int) (int, bool) { return i / 50, i != 25 && (i < 60 || i >= 70) }
	next := func(i int) bool { return i != 30 }
	runs, rest := shapedRuns(100, fit, next)
	if want := [][2]int{{0, 25}, {30, 50}, {70, 100}}; !slices.Equal(runs, want) {
		t.Errorf("runs %v, want %v", runs, want)
	}
	seen := map[int]int{}
	for _, r := range runs {
		k, _ := fit(r[0])
		if r[1]-r[0] < creditRunMin {
			t.Errorf("run %v shorter than %d", r, creditRunMin)
		}
		for i := r[0]; i < r[1]; i++ {
			if k2, ok := fit(i); !ok || k2 != k || (i > r[0] && !next(i)) {
				t.Errorf("row %d in run %v does not fit it", i, r)
			}
			seen[i]++
		}
	}
	for _, i := range rest {
		seen[i]++
	}
	for i := range 100 {
		if seen[i] != 1 {
			t.Errorf("row %d written %d times", i, seen[i])
		}
	}
}
