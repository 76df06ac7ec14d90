package dedup

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letterFolds are Latin letters that have no decomposition to a base letter
// but are written for one in Indonesian names typed abroad or copied from
// foreign documents.
var letterFolds = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ħ': "h",
}

// rawWords splits a name into lower-case words without diacritics. It reads
// at most NameInputMax bytes and returns at most rawWordsMax words.
//
// Diacritics go (NFKD, then combining marks dropped): "Zulkarnaén" and
// "Zulkarnaen" are one name, and keyboards differ in whether they offer é.
// Apostrophes and hyphens are deleted inside a word, because Indonesian
// writes the Arabic ʿain both ways ("Nur'aini", "Nuraini") and reduplicated
// marga both ways ("Butar-butar", "Butarbutar"). Dots are kept for now,
// because "S.Kom" and "Hj." are recognised as titles with their dots removed
// before a dot splits "M.Yusuf" into two words. Anything else that is not a
// letter (digits, commas, symbols, bad UTF-8) separates words.
func rawWords(s string) []string {
	// Bad UTF-8 becomes a separator before NFKD, which would otherwise
	// leave the letters after it undecomposed.
	s = norm.NFKD.String(strings.ToValidUTF8(clip(s, NameInputMax), " "))
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 && len(words) < rawWordsMax {
			words = append(words, w.String())
		}
		w.Reset()
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.M, r), isApostrophe(r), r == '-', r == '‐':
		case r == '.':
			w.WriteByte('.')
		case unicode.IsLetter(r):
			writeLetter(&w, unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return words
}

// writeLetter writes a lower-case letter, folded when it has a fold.
func writeLetter(w *strings.Builder, r rune) {
	if f, ok := letterFolds[r]; ok {
		w.WriteString(f)
		return
	}
	// A lower-case form may itself decompose (rare compatibility letters);
	// writing its NFKD form without marks keeps the output a fixed point.
	if r >= utf8.RuneSelf && !norm.NFKD.IsNormalString(string(r)) {
		for _, d := range norm.NFKD.String(string(r)) {
			if !unicode.Is(unicode.M, d) && !isApostrophe(d) && unicode.IsLetter(d) {
				w.WriteRune(unicode.ToLower(d))
			}
		}
		return
	}
	w.WriteRune(r)
}

// isApostrophe reports the marks Indonesians type for the ʿain and hamzah:
// ASCII and typographic apostrophes, modifier letters and accents typed
// alone. NFKD has already turned U+00B4 (´) into a space and a mark.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', 'ʽ', '`', '′':
		return true
	}
	return false
}

// clip returns at most max bytes of s, cut at a rune boundary.
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}
