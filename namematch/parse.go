package namematch

import "unicode/utf8"

// token is one word of a parsed name: its folded form and its canonical
// key, as offsets into the name's buffers so that parsing does not
// allocate.
type token struct {
	rawLo, rawHi uint16
	keyLo, keyHi uint16
	// connector marks bin/binti: kept for truncation, never compared.
	connector bool
	// repeat marks a key already seen in the name: banks that demand two
	// names print a single name twice ("SUPARMAN SUPARMAN").
	repeat bool
	// initial marks a one-letter token: M., S, H.
	initial bool
}

// name is a parsed name: titles dropped, tokens in written order.
type name struct {
	f     folded
	keys  [keysMax]byte
	nKeys int
	toks  [TokensMax]token
	n     int
}

// parse reads s into p and reports whether it is a name at all: valid
// UTF-8, at most NameMax bytes, with at least one token that is neither a
// title nor a connector.
func (p *name) parse(s string) bool {
	p.n, p.nKeys = 0, 0
	if len(s) > NameMax || !utf8.ValidString(s) {
		return false
	}
	p.f.fold(s)
	lo := 0
	for i := 0; i <= p.f.n; i++ {
		if i == p.f.n || p.f.buf[i] == ' ' {
			p.addChunk(lo, i)
			lo = i + 1
		}
	}
	return p.significant() > 0
}

// addChunk adds one space-separated chunk. "S.Kom" and "S.T.," are read
// whole, dots removed, and dropped as titles; any other chunk is split at
// its dots, so "M.RIZKI" is the initial M and RIZKI, and "IR.JOKO" is the
// title IR and JOKO.
func (p *name) addChunk(lo, hi int) {
	var compact [TokenMax]byte
	n, dotted := 0, false
	for _, c := range p.f.buf[lo:hi] {
		if c == '.' {
			dotted = true
		} else if n < len(compact) {
			compact[n], n = c, n+1
		}
	}
	if n == 0 || isTitle(compact[:n]) || isLeadingHaji(p, compact[:n], dotted, hi) {
		return
	}
	if !dotted {
		p.addToken(lo, hi)
		return
	}
	start := lo
	for i := lo; i <= hi; i++ {
		if i == hi || p.f.buf[i] == '.' {
			if i > start && !isTitle(p.f.buf[start:i]) {
				p.addToken(start, i)
			}
			start = i + 1
		}
	}
}

// isLeadingHaji reports "H." written before a name, the way the title
// Haji is printed ("H. ENCEP"). Anywhere else, or without its dot, or as
// the whole name, a lone H stays an initial; without this rule a
// one-word name with the title would never match its bare self.
func isLeadingHaji(p *name, w []byte, dotted bool, hi int) bool {
	return dotted && p.n == 0 && len(w) == 1 && w[0] == 'h' && hi < p.f.n
}

// isTitle reports a title; a single letter never is one (see titles).
func isTitle(w []byte) bool {
	return utf8.RuneCount(w) > 1 && titles[string(w)]
}

// addToken adds the folded word buf[lo:hi], cut to TokenMax bytes at a
// rune boundary, with its key.
func (p *name) addToken(lo, hi int) {
	if p.n == TokensMax || keysMax-p.nKeys < TokenMax+len("muhammad") {
		return
	}
	if hi-lo > TokenMax {
		hi = lo + TokenMax
		for hi > lo && !utf8.RuneStart(p.f.buf[hi]) {
			hi--
		}
	}
	raw := p.f.buf[lo:hi]
	key := appendKey(p.keys[p.nKeys:p.nKeys], raw)
	t := token{
		rawLo: uint16(lo), rawHi: uint16(hi),
		keyLo: uint16(p.nKeys), keyHi: uint16(p.nKeys + len(key)),
		connector: connectors[string(raw)],
		initial:   utf8.RuneCount(raw) == 1,
	}
	for i := range p.n {
		if !p.toks[i].connector && string(p.key(i)) == string(key) {
			t.repeat = true
		}
	}
	p.toks[p.n] = t
	p.n++
	p.nKeys += len(key)
}

func (p *name) raw(i int) []byte {
	return p.f.buf[p.toks[i].rawLo:p.toks[i].rawHi]
}

func (p *name) key(i int) []byte {
	return p.keys[p.toks[i].keyLo:p.toks[i].keyHi]
}

// counts reports whether token i takes part in the comparison.
func (p *name) counts(i int) bool {
	return !p.toks[i].connector && !p.toks[i].repeat
}

// significant is the number of tokens that take part in the comparison.
func (p *name) significant() int {
	n := 0
	for i := range p.n {
		if p.counts(i) {
			n++
		}
	}
	return n
}

// Normalize returns the canonical keys of the tokens of a name that take
// part in a comparison: titles, connectors and repeated tokens dropped,
// case, diacritics and spelling variants folded ("IR. H. DJOKO
// SOESILO, S.T." is [h joko susilo]). It returns nil for a value that is
// not a name (empty, over NameMax bytes, invalid UTF-8, only titles).
func Normalize(s string) []string {
	var p name
	if !p.parse(s) {
		return nil
	}
	out := make([]string, 0, p.significant())
	for i := range p.n {
		if p.counts(i) {
			out = append(out, string(p.key(i)))
		}
	}
	return out
}
