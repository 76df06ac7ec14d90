package main

import (
	"slices"
	"testing"
	"time"

	"github.com/prakerja/prakerja/population"
)

// TestAttemptDeps checks the order the demo keeps while sending attempts
// concurrently: every duplicate waits for its original, and a person's
// own registration waits for the duplicate that carries their NIK with
// someone else's e-mail or phone.
func TestAttemptDeps(t *testing.T) {
	atts := population.Attempts(7, 20_000, population.Options{Ref: time.Now(), DuplicatePerMille: 100})
	kinds := map[string]int{}
	for i, a := range atts {
		deps := attemptDeps(atts, i)
		for _, dep := range deps {
			if dep >= i {
				t.Fatalf("attempt %d waits for a later one, %d", i, dep)
			}
		}
		if a.Original >= 0 && !slices.Contains(deps, a.Original) {
			t.Fatalf("duplicate %d (%s) does not wait for its original %d", i, a.Kind, a.Original)
		}
		if a.Kind == population.KindDuplicateEmail || a.Kind == population.KindDuplicatePhone {
			kinds[a.Kind]++
			own := -1
			for j := i + 1; j < len(atts) && j <= i+2; j++ {
				if atts[j].Person == a.Person && atts[j].Kind == population.KindValid {
					own = j
				}
			}
			if own >= 0 && !slices.Contains(attemptDeps(atts, own), i) {
				t.Fatalf("registration %d does not wait for the duplicate %d carrying its NIK", own, i)
			}
		}
	}
	if kinds[population.KindDuplicateEmail] == 0 || kinds[population.KindDuplicatePhone] == 0 {
		t.Fatalf("the sample holds no e-mail or phone duplicates: %v", kinds)
	}
}
