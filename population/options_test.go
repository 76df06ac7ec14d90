package population

import (
	"testing"
	"time"
)

func TestOptionsNormalize(t *testing.T) {
	t.Parallel()
	jakartaNight := time.Date(2020, 4, 10, 20, 0, 0, 0, time.UTC) // 11 April 03:00 WIB
	tests := []struct {
		name     string
		in       Options
		ref      time.Time
		bad, dup int
	}{
		{"Zero", Options{}, DefaultRef, DefaultBadPerMille, DefaultDuplicatePerMille},
		{"Negative", Options{BadPerMille: -1, DuplicatePerMille: -5}, DefaultRef, 0, 0},
		{"Capped", Options{BadPerMille: 999, DuplicatePerMille: 7}, DefaultRef, maxSharePerMille, 7},
		{"RefIsJakartaDate", Options{Ref: jakartaNight}, time.Date(2020, 4, 11, 0, 0, 0, 0, time.UTC), DefaultBadPerMille, DefaultDuplicatePerMille},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := tc.in.normalize()
			if !got.Ref.Equal(tc.ref) || got.BadPerMille != tc.bad || got.DuplicatePerMille != tc.dup {
				t.Fatalf("normalize(%+v) = %+v, want ref %v bad %d dup %d", tc.in, got, tc.ref, tc.bad, tc.dup)
			}
		})
	}
}

func TestGeneratePanicsOutOfRange(t *testing.T) {
	t.Parallel()
	for _, n := range []int{-1, MaxPersons + 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Generate(%d) did not panic", n)
				}
			}()
			Generate(1, n, Options{})
		}()
	}
}
