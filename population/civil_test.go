package population_test

import (
	"strings"
	"testing"

	"github.com/prakerja/prakerja/population"
)

// TestCivilShares checks, on 200,000 people, that citizenship and
// occupation follow the documented shares: about 0.2% foreign nationals,
// students about 30% of ages 18–24, about 5% of 25–29 and none older, and
// every occupation in Dukcapil's upper-case spelling.
func TestCivilShares(t *testing.T) {
	t.Parallel()
	var foreign, young, youngStudents, late, lateStudents int
	for _, p := range sample200k() {
		if !p.Citizen {
			foreign++
		}
		student := p.Occupation == population.OccupationStudent
		switch {
		case p.Occupation == "" || p.Occupation != strings.ToUpper(p.Occupation):
			t.Fatalf("%d: occupation %q, want upper-case text", p.ID, p.Occupation)
		case p.Age >= 18 && p.Age <= 24:
			young++
			youngStudents += b2i(student)
		case p.Age >= 25 && p.Age <= 29:
			late++
			lateStudents += b2i(student)
		case p.Age >= 30 && student:
			t.Fatalf("%d: a student aged %d", p.ID, p.Age)
		}
	}
	n := len(sample200k())
	checkPerMille(t, "foreign nationals", foreign, n, 1, 4)
	checkPerMille(t, "students aged 18–24", youngStudents, young, 270, 330)
	checkPerMille(t, "students aged 25–29", lateStudents, late, 35, 65)
}

func checkPerMille(t *testing.T, what string, got, of, lo, hi int) {
	t.Helper()
	if of == 0 {
		t.Fatalf("%s: no people in the group", what)
	}
	if pm := got * 1000 / of; pm < lo || pm > hi {
		t.Errorf("%s: %d of %d (%d‰), want %d–%d‰", what, got, of, pm, lo, hi)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
