package registry

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/prakerja/prakerja/dedup"
)

// NameKey folds a name to what the registry compares: its letters and
// digits, upper-cased, with diacritics removed and everything else
// (spaces, apostrophes, dots, hyphens) dropped. NFKD first splits "é" into
// "e" and a combining accent, and compatibility forms such as ligatures
// and full-width letters into plain ones, so dropping the marks leaves the
// base letter. See the package doc for why this is the rule.
func NameKey(name string) string {
	if key, ok := asciiKey(name); ok {
		return key
	}
	out := make([]rune, 0, len(name))
	for _, r := range norm.NFKD.String(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			out = append(out, unicode.ToUpper(r))
		}
	}
	return string(out)
}

// asciiKey is NameKey for the common all-ASCII name, without the
// normalisation pass that NameKey would spend most of its time in; false
// when name has a non-ASCII byte.
func asciiKey(name string) (string, bool) {
	out := make([]byte, 0, len(name))
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= utf8.RuneSelf:
			return "", false
		case 'a' <= c && c <= 'z':
			out = append(out, c-'a'+'A')
		case 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			out = append(out, c)
		}
	}
	return string(out), true
}

// NamesMatch reports whether two names are the same name under NameKey.
func NamesMatch(a, b string) bool { return NameKey(a) == NameKey(b) }

// NameScore is the similarity of two names, 0–100, by the same measure
// the duplicate check uses (dedup.Similarity), so an operator sees one
// notion of "how alike" everywhere. It is information, never a match rule:
// "Budi" and "Budi Santoso" score 70 and do not match.
func NameScore(a, b string) int { return dedup.Similarity(a, b) }
