package namematch

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letterFolds are Latin letters with no decomposition to a base letter that
// are still typed for one in names copied from foreign documents.
var letterFolds = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ħ': "h",
}

// folded is a name reduced to lower-case letters, dots and single spaces,
// in a fixed buffer so that folding does not allocate.
type folded struct {
	buf [foldedMax]byte
	n   int
}

// fold writes s into f. Case and diacritics go ("Zulkarnaén" is
// "zulkarnaen": keyboards differ in whether they offer é). Apostrophes and
// hyphens are deleted inside a word, because the Arabic ʿain is written
// both ways ("NUR'AINI", "NURAINI") and so are reduplicated names
// ("BUTAR-BUTAR"). Dots stay, so that titles such as "S.Kom" can be told
// from initials ("M.RIZKI") later. Anything else separates words. The
// caller has checked that s is valid UTF-8 and at most NameMax bytes.
func (f *folded) fold(s string) {
	f.n = 0
	for i, r := range s {
		switch {
		case r < utf8.RuneSelf:
			f.foldASCII(byte(r))
		case isApostrophe(r), r == '‐', r == '‑':
		default:
			f.foldRune(s[i : i+utf8.RuneLen(r)])
		}
	}
	if f.n > 0 && f.buf[f.n-1] == ' ' {
		f.n--
	}
}

func (f *folded) foldASCII(c byte) {
	switch {
	case 'a' <= c && c <= 'z', c == '.':
		f.put(c)
	case 'A' <= c && c <= 'Z':
		f.put(c + 'a' - 'A')
	case c == '\'' || c == '`' || c == '-':
	default:
		f.space()
	}
}

// foldRune folds one non-ASCII rune, given as its UTF-8 bytes, through
// letterFolds or its NFKD decomposition with the combining marks dropped.
func (f *folded) foldRune(r string) {
	if to, ok := letterFolds[unicode.ToLower(firstRune(r))]; ok {
		for i := 0; i < len(to); i++ {
			f.put(to[i])
		}
		return
	}
	// The decomposition comes from the normalisation tables without
	// allocating; Hangul, decomposed by algorithm, stays as written.
	if d := norm.NFKD.PropertiesString(r).Decomposition(); d != nil {
		r = string(d)
	}
	for _, d := range r {
		switch {
		case d < utf8.RuneSelf:
			f.foldASCII(byte(d))
		case unicode.Is(unicode.Mn, d), isApostrophe(d):
		case unicode.IsLetter(d):
			f.putRune(unicode.ToLower(d))
		default:
			f.space()
		}
	}
}

// isApostrophe reports the marks Indonesians type for the ʿain and hamzah.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', 'ʽ', '`', '′', '´':
		return true
	}
	return false
}

func (f *folded) put(c byte) {
	if f.n < len(f.buf) {
		f.buf[f.n] = c
		f.n++
	}
}

// putRune writes r whole or not at all, so the buffer stays valid UTF-8
// when a long name of compatibility characters fills it.
func (f *folded) putRune(r rune) {
	if f.n+utf8.RuneLen(r) <= len(f.buf) {
		f.n += utf8.EncodeRune(f.buf[f.n:], r)
	}
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func (f *folded) space() {
	if f.n > 0 && f.buf[f.n-1] != ' ' {
		f.put(' ')
	}
}
