package dedup

import (
	"slices"
	"strings"
)

// Similarity returns how alike two names are, 0 to 100, on their
// normalised forms: 100 for equal normalised names (including both empty),
// 0 when only one is empty. It is symmetric and tolerant of word order:
// "Siti Aminah" and "Aminah Siti" score 100.
//
// Words are paired greedily, most similar pair first (Jaro-Winkler per
// word). The score is the average similarity of the pairs weighted by
// their length in letters, where a word left without a partner counts with
// half its length and similarity 0: leaving out a word lowers the score
// less than writing it differently. "Siti Aminah"/"Aminah" scores 86,
// "Muhammad Adi Saputra"/"Muhammad Ade Saputra" 97 (which is why the Index
// also asks every word pair to reach WordSimilarityMin).
func Similarity(a, b string) int {
	score, _ := compareNames(NormalizeName(a), NormalizeName(b))
	return score
}

// compareNames returns the Similarity of two normalised names and the
// lowest similarity of a word pair (percent; 100 when no pair). The names
// are put in a fixed order first, so the result is symmetric by
// construction even where greedy pairing breaks ties.
func compareNames(a, b string) (score, weakestPair int) {
	if a > b {
		a, b = b, a
	}
	if a == b {
		return 100, 100
	}
	wa, wb := runeWords(a), runeWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0, 100
	}
	num, den, weakest := align(wa, wb)
	return percent(num, den), percent(weakest, 1)
}

type wordPair struct {
	sim  int64
	i, j int
}

// align pairs words greedily and returns the weighted score as num/den
// (num scaled by simScale) and the weakest pair's similarity.
func align(a, b [][]rune) (num, den, weakest int64) {
	pairs := make([]wordPair, 0, len(a)*len(b))
	for i := range a {
		for j := range b {
			pairs = append(pairs, wordPair{jaroWinkler(a[i], b[j]), i, j})
		}
	}
	slices.SortFunc(pairs, func(x, y wordPair) int {
		if x.sim != y.sim {
			return int(y.sim - x.sim)
		}
		if x.i != y.i {
			return x.i - y.i
		}
		return x.j - y.j
	})
	var usedA, usedB [NameWordsMax]bool
	weakest = simScale
	for _, p := range pairs {
		if usedA[p.i] || usedB[p.j] {
			continue
		}
		usedA[p.i], usedB[p.j] = true, true
		w := int64(len(a[p.i]) + len(b[p.j]))
		num, den = num+2*p.sim*w, den+2*w
		weakest = min(weakest, p.sim)
	}
	den += unpairedLen(a, usedA[:]) + unpairedLen(b, usedB[:])
	return num, den, weakest
}

// unpairedLen is the length of the words left without a partner; align
// doubles paired weights instead of halving this, to stay in integers.
func unpairedLen(words [][]rune, used []bool) int64 {
	n := int64(0)
	for i, w := range words {
		if !used[i] {
			n += int64(len(w))
		}
	}
	return n
}

// percent rounds num/den (num scaled by simScale) to a whole percent.
func percent(num, den int64) int {
	if den == 0 {
		return 100
	}
	return int((num*100 + den*simScale/2) / (den * simScale))
}

// runeWords splits a normalised name into at most NameWordsMax words.
func runeWords(s string) [][]rune {
	fields := strings.Fields(s)
	fields = fields[:min(len(fields), NameWordsMax)]
	out := make([][]rune, len(fields))
	for i, f := range fields {
		out[i] = []rune(f)
	}
	return out
}
