package namematch

import "bytes"

// pairKind is how strongly two tokens agree, strongest first; the tiers of
// align pair tokens in this order.
type pairKind uint8

const (
	kindNone    pairKind = iota
	kindExact            // same key: SOEKARNO and SUKARNO, M and M
	kindVariant          // same but for j/y or kh/c: JUSUF and YUSUF
	kindTypo             // within the edit budget: KURNIAWAN and KURNIWAN
	kindInitial          // an initial and a word it begins: M and MUHAMMAD
)

// pairScore is each kind's contribution to Result.Score.
var pairScore = [...]int{
	kindNone: 0, kindExact: 100, kindVariant: 95, kindTypo: 85, kindInitial: 70,
}

// tokenMatch returns how token i of x and token j of y agree.
func tokenMatch(x *name, i int, y *name, j int) pairKind {
	kx, ky := x.key(i), y.key(j)
	if bytes.Equal(kx, ky) {
		return kindExact
	}
	ix, iy := x.toks[i].initial, y.toks[j].initial
	switch {
	case ix && iy:
		return kindNone
	case ix:
		return initialOf(x.raw(i), y.raw(j), ky)
	case iy:
		return initialOf(y.raw(j), x.raw(i), kx)
	case equalLoose(kx, ky):
		return kindVariant
	case isTypo(kx, ky):
		return kindTypo
	}
	return kindNone
}

// initialOf reports whether the one-letter token initial begins the word,
// as written or in its key (T is Tjahjo, and C is Cahyo too).
func initialOf(initial, raw, key []byte) pairKind {
	if bytes.HasPrefix(raw, initial) || bytes.HasPrefix(key, initial) {
		return kindInitial
	}
	return kindNone
}

// equalLoose reports whether two keys are equal once every j is read as y
// and every kh as c. The first is the pre-1972 j of a word without any
// other old mark (Jusuf, Jahja); the second undoes ch→kh where the ch was
// a c all along (Chandra, Candra).
func equalLoose(a, b []byte) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ca, na := looseUnit(a, i)
		cb, nb := looseUnit(b, j)
		if ca != cb {
			return false
		}
		i, j = i+na, j+nb
	}
	return i == len(a) && j == len(b)
}

// looseUnit returns the letter at w[i] as equalLoose reads it and how many
// bytes it spans.
func looseUnit(w []byte, i int) (byte, int) {
	switch {
	case w[i] == 'j':
		return 'y', 1
	case w[i] == 'k' && i+1 < len(w) && w[i+1] == 'h':
		return 'c', 2
	}
	return w[i], 1
}

// alignment is the outcome of pairing the tokens of two names.
type alignment struct {
	pairs     int // tokens paired, of any kind
	exact     int // pairs of kindExact
	full      int // pairs of two whole words (not initials)
	strong    int // exact or variant pairs of whole words not in commonKeys
	unpairedX int // tokens of x left without a partner
	unpairedY int
	scoreSum  int
	longest   int // significant tokens of the longer name
}

// align pairs the tokens of x and y one to one, in any order (banks and
// the registry disagree on which name comes first), tier by tier from
// kindExact to kindInitial, so that an exact partner is never taken by a
// weaker one. Within a tier the first free partner in written order wins,
// which makes the result deterministic. Each pair of tokens is compared
// once, at most TokensMax² times per call.
func align(x, y *name) alignment {
	var kinds [TokensMax][TokensMax]pairKind
	for i := range x.n {
		for j := range y.n {
			if x.counts(i) && y.counts(j) {
				kinds[i][j] = tokenMatch(x, i, y, j)
			}
		}
	}
	var usedX, usedY [TokensMax]bool
	var a alignment
	for kind := kindExact; kind <= kindInitial; kind++ {
		for i := range x.n {
			if usedX[i] {
				continue
			}
			for j := range y.n {
				if usedY[j] || kinds[i][j] != kind {
					continue
				}
				usedX[i], usedY[j] = true, true
				a.add(kind, x, i)
				break
			}
		}
	}
	nx, ny := x.significant(), y.significant()
	a.unpairedX, a.unpairedY = nx-a.pairs, ny-a.pairs
	a.longest = max(nx, ny)
	return a
}

func (a *alignment) add(kind pairKind, x *name, i int) {
	a.pairs++
	a.scoreSum += pairScore[kind]
	if kind == kindExact {
		a.exact++
	}
	whole := kind != kindInitial && !x.toks[i].initial
	if whole {
		a.full++
	}
	if whole && kind <= kindVariant && !commonKeys[string(x.key(i))] {
		a.strong++
	}
}
