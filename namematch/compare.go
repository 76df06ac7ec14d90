package namematch

import "bytes"

// Reasons a Result does not match. They are stable codes: payout jobs
// store them and the registrant's screen translates them.
const (
	// ReasonMismatch: the names belong to different people, or one of them
	// is not a name. The payout account must be changed.
	ReasonMismatch = "name_mismatch"
	// ReasonPartial: the names agree as far as they go but leave room for
	// another person (a single shared name, only initials or common names
	// in common). A human, or the registrant with the bank's document,
	// decides.
	ReasonPartial = "name_partial"
)

// truncatedScore is the Score of a name accepted as a bank's truncation.
const truncatedScore = 90

// Result of comparing a registered name with an account holder's name.
type Result struct {
	Match bool
	// Score is 0 to 100: the mean agreement of the tokens of the longer
	// name, for ranking and review screens. Match, not Score, is the
	// decision.
	Score int
	// Reason is "" when Match, else ReasonMismatch or ReasonPartial.
	Reason string
}

// Compare reports whether the holder name a bank or e-wallet returns for an
// account is the registered person's name (see the package documentation
// for the rules). It is symmetric: the arguments are ordered before they
// are read, so Compare(a, b) and Compare(b, a) are the same Result.
func Compare(registered, holder string) Result {
	first, second := registered, holder
	if second < first {
		first, second = second, first
	}
	var x, y name
	if !x.parse(first) || !y.parse(second) {
		return Result{Reason: ReasonMismatch}
	}
	r := align(&x, &y).decide()
	if !r.Match && (isTruncation(&x, &y) || isTruncation(&y, &x)) {
		return Result{Match: true, Score: truncatedScore}
	}
	return r
}

// decide turns an alignment into a Result.
func (a alignment) decide() Result {
	score := a.scoreSum / a.longest
	switch {
	case a.pairs == 0, a.unpairedX > 0 && a.unpairedY > 0:
		// Each name has a word the other lacks: ANDI SAPUTRA and BUDI
		// SAPUTRA, MUHAMMAD RIZKI and MUHAMMAD FAUZI, ANDI S and ANDI B.
		return Result{Score: score, Reason: ReasonMismatch}
	case a.unpairedX == 0 && a.unpairedY == 0:
		// Every word paired: the same name if it is the same keys, or if
		// at least one distinctive word agrees exactly or by a variant.
		if a.exact == a.pairs || a.strong > 0 {
			return Result{Match: true, Score: score}
		}
	default:
		// One name has extra words (a middle name, a patronymic, an H.
		// for Haji): the same person if two whole words, one distinctive,
		// agree and cover at least half the longer name.
		if a.full >= 2 && a.strong > 0 && 2*a.full >= a.longest {
			return Result{Match: true, Score: score}
		}
	}
	return Result{Score: score, Reason: ReasonPartial}
}

// isTruncation reports whether short is long cut by a bank's field length:
// at least truncatedMin characters, the same tokens in the same order
// (connectors included, as the bank prints them), the last one possibly
// cut inside ("SITI NURHALIZA BINTI AHMAD SY" of "… AHMAD SYAHRIR").
func isTruncation(short, long *name) bool {
	if short.n > long.n || short.joinedLen() < truncatedMin {
		return false
	}
	last := short.n - 1
	for i := range last {
		if !bytes.Equal(short.key(i), long.key(i)) {
			return false
		}
	}
	return bytes.HasPrefix(long.raw(last), short.raw(last)) ||
		bytes.HasPrefix(long.key(last), short.key(last))
}

// joinedLen is the length of the tokens joined by single spaces: the
// name as a bank would have printed it, less titles.
func (p *name) joinedLen() int {
	n := max(p.n-1, 0)
	for i := range p.n {
		n += len(p.raw(i))
	}
	return n
}
