package namematch

// editDistance returns the optimal-string-alignment Damerau-Levenshtein
// distance between two keys: insertions, deletions, substitutions and
// swaps of two adjacent letters each cost one. Swaps count once because
// they are the commonest typing error ("SUAPRMAN"). It compares bytes;
// keys are cut to TokenMax bytes, so the three rows live on the stack.
func editDistance(a, b []byte) int {
	a, b = a[:min(len(a), TokenMax)], b[:min(len(b), TokenMax)]
	var rows [3][TokenMax + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := range len(b) + 1 {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// typoEditsMax is how many edits two keys of the given length (the longer
// of the two, in bytes) may differ by and still be one name mistyped. A
// short name has no room for a typo: one letter turns ADI into ADE or
// AGUS into AGUN, which are other people; a long one does.
func typoEditsMax(n int) int {
	switch {
	case n < 7:
		return 0
	case n < 11:
		return 1
	default:
		return 2
	}
}

// isTypo reports whether two different keys are one name mistyped. Beyond
// the edit budget, the first letter must agree (typos are rarer at the
// start, and HARTONO and SARTONO are two families), and the last letters
// must not be two different vowels, which in Indonesian mark gender or
// another name (SAPUTRA/SAPUTRI, RIZKI/RIZKA).
func isTypo(a, b []byte) bool {
	edits := typoEditsMax(max(len(a), len(b)))
	if edits == 0 || a[0] != b[0] || abs(len(a)-len(b)) > edits {
		return false
	}
	la, lb := a[len(a)-1], b[len(b)-1]
	if la != lb && isVowel(la) && isVowel(lb) {
		return false
	}
	return editDistance(a, b) <= edits
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
