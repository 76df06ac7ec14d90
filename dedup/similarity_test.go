package dedup_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/prakerja/prakerja/dedup"
)

// TestSimilarity pins scores of typical pairs; they are integers computed
// without floating point, so they are the same on every platform.
func TestSimilarity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"Equal", "Siti Aminah", "Siti Aminah", 100},
		{"EqualAfterNormalising", "Hj. Siti Aminah", "SITI AMINAH", 100},
		{"WordOrder", "Siti Aminah", "Aminah Siti", 100},
		{"SpellingVariant", "Soekarno", "Sukarno", 100},
		{"TypoInLongWord", "Kurniawan", "Kurniwan", 95},
		{"WordLeftOut", "Siti Aminah", "Aminah", 86},
		{"TwinNames", "Muhammad Adi Saputra", "Muhammad Ade Saputra", 97},
		{"ShortWordsOneVowel", "Adi", "Ade", 82},
		{"DewiDewa", "Dewi", "Dewa", 88},
		{"DifferentNames", "Hasan", "Husein", 70},
		{"Unrelated", "Budi Santoso", "Agus Salim", 54},
		{"BothEmpty", "", "Dr.", 100},
		{"OneEmpty", "Budi", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := dedup.Similarity(tt.a, tt.b); got != tt.want {
				t.Fatalf("Similarity(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// TestSimilarityProperties checks, over pairs of synthetic names, that
// Similarity is symmetric, within 0–100, 100 for a name and itself and
// for the name with its words reversed when that gives the same normalised
// words (a particle binds to the word after it: "Abdul Rahman" is one word,
// "Rahman Abdul" two).
func TestSimilarityProperties(t *testing.T) {
	t.Parallel()
	people := sample()[:600]
	for i, p := range people {
		a := p.FullName
		if got := dedup.Similarity(a, a); got != 100 {
			t.Errorf("Similarity(%q, itself) = %d", a, got)
		}
		if sameWords(a, reverseWords(a)) && dedup.Similarity(a, reverseWords(a)) != 100 {
			t.Errorf("Similarity(%q, %q) = %d, want 100", a, reverseWords(a), dedup.Similarity(a, reverseWords(a)))
		}
		for _, q := range people[i+1 : min(i+40, len(people))] {
			ab, ba := dedup.Similarity(a, q.FullName), dedup.Similarity(q.FullName, a)
			if ab != ba || ab < 0 || ab > 100 {
				t.Errorf("Similarity(%q, %q) = %d, reversed %d", a, q.FullName, ab, ba)
			}
		}
	}
}

// sameWords reports whether two names normalise to the same words in
// any order.
func sameWords(a, b string) bool {
	wa, wb := strings.Fields(dedup.NormalizeName(a)), strings.Fields(dedup.NormalizeName(b))
	slices.Sort(wa)
	slices.Sort(wb)
	return slices.Equal(wa, wb)
}

func reverseWords(s string) string {
	w := strings.Fields(s)
	for i, j := 0, len(w)-1; i < j; i, j = i+1, j-1 {
		w[i], w[j] = w[j], w[i]
	}
	return strings.Join(w, " ")
}
