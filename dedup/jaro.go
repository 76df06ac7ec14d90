package dedup

// simScale is the fixed-point scale of word similarities: 1,000,000 is
// identical. Integer arithmetic makes scores the same on every platform
// (Go may fuse floating-point operations differently on arm64 and amd64),
// which matters once scores are stored and compared.
const simScale = 1_000_000

// jaroWinkler returns the Jaro-Winkler similarity of two words, scaled by
// simScale: the Jaro similarity, raised by 0.1 per letter of common prefix
// (at most 4) when it is above 0.7, as Winkler proposed for names (typos
// are rarer at the start). Words are compared by rune; each is at most
// WordMax bytes, so at most WordMax runes.
func jaroWinkler(a, b []rune) int64 {
	a, b = a[:min(len(a), WordMax)], b[:min(len(b), WordMax)]
	if len(a) == 0 || len(b) == 0 {
		if len(a) == len(b) {
			return simScale
		}
		return 0
	}
	m, t := jaroMatches(a, b)
	if m == 0 {
		return 0
	}
	// Jaro = (m/la + m/lb + (m-t)/m) / 3 = num / den.
	la, lb := int64(len(a)), int64(len(b))
	num := m*m*lb + m*m*la + (m-t)*la*lb
	den := 3 * la * lb * m
	if 10*num <= 7*den {
		return num * simScale / den
	}
	l := int64(0)
	for l < 4 && l < la && l < lb && a[l] == b[l] {
		l++
	}
	// Winkler = J + l/10·(1-J) = ((10-l)·num + l·den) / (10·den).
	return ((10-l)*num + l*den) * simScale / (10 * den)
}

// jaroMatches returns the number of matching runes (equal and no further
// apart than half the longer word, less one) and half the number of
// matched runes out of order.
func jaroMatches(a, b []rune) (m, t int64) {
	var usedA, usedB [WordMax]bool
	window := max(len(a), len(b))/2 - 1
	window = max(window, 0)
	for i, r := range a {
		for j := max(0, i-window); j < min(len(b), i+window+1); j++ {
			if !usedB[j] && b[j] == r {
				usedA[i], usedB[j] = true, true
				m++
				break
			}
		}
	}
	j := 0
	for i := range a {
		if !usedA[i] {
			continue
		}
		for !usedB[j] {
			j++
		}
		if a[i] != b[j] {
			t++
		}
		j++
	}
	return m, t / 2
}
