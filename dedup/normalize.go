package dedup

import (
	"slices"
	"strings"
)

// NormalizeName returns the form of a full name used for matching, never
// for display: lower-case ASCII words (letters of other scripts pass
// through) separated by single spaces. Two spellings of one name give one
// string, so equality of normalised names is the strongest name evidence.
//
// In order:
//   - at most NameInputMax bytes are read; diacritics, apostrophes and
//     hyphens go, other punctuation separates words (rawWords);
//   - titles and honorifics are dropped, with their dots ("Hj.", "S.Kom",
//     "Dr.", "Bapak"), and so are "bin" and "binti", the father's name
//     after them kept (words.go);
//   - each word is brought to modern spelling (spell: oe→u, dj→j, tj→c,
//     j→y in old words, ch→kh, q→k, doubled letters once, …);
//   - common variants become one word (Muhammad, Moh., M. → muhamad;
//     Noor, Nurul → nur);
//   - the particles nur, al and abdul are joined to the next word;
//   - words longer than WordMax are dropped, and at most NameWordsMax kept.
//
// The word steps repeat until nothing changes (at most normalizePassesMax
// times), which makes NormalizeName idempotent:
// NormalizeName(NormalizeName(s)) == NormalizeName(s); FuzzNormalizeName
// checks it.
// Examples: "Ir. H. Soekarno" → "sukarno"; "Moh. Nur'aini" → "muhamad
// nuraini"; "Djojohadikusumo" → "joyohadikusumo"; "Siti Nur Hayati,
// S.Pd." → "siti nurhayati". A name of titles only gives "".
func NormalizeName(s string) string {
	words := dropTitles(rawWords(s))
	for range normalizePassesMax {
		next := wordPass(words)
		if slices.Equal(next, words) {
			break
		}
		words = next
	}
	return strings.Join(words, " ")
}

// dropTitles drops raw words that are titles once their dots are removed
// ("s.kom", "h.") and splits the others at their dots ("m.yusuf").
func dropTitles(raw []string) []string {
	words := make([]string, 0, len(raw))
	for _, r := range raw {
		if titles[strings.ReplaceAll(r, ".", "")] {
			continue
		}
		for part := range strings.SplitSeq(r, ".") {
			if part != "" {
				words = append(words, part)
			}
		}
	}
	return words
}

// wordPass applies the word rules once: spelling, variants, dropped words,
// particles, limits. Titles are looked up again after spelling, so a word
// that only becomes a title there ("Hadj") is dropped too, and no output
// word is ever a title.
func wordPass(in []string) []string {
	out := make([]string, 0, len(in))
	for _, w := range in {
		if w = word(w); keep(w) {
			out = append(out, w)
		}
	}
	out = joinParticles(out)
	return out[:min(len(out), NameWordsMax)]
}

// word is one word in modern spelling with its variant merged.
func word(w string) string {
	w = spell(w)
	if v, ok := variants[w]; ok {
		return v
	}
	return w
}

// keep reports whether a normalised word belongs in the output.
func keep(w string) bool {
	return w != "" && !titles[w] && !connectors[w] && len(w) <= WordMax
}

// joinParticles joins each particle to the word after it, in place. The
// joined word is normalised again and joined on while it is still a
// particle ("Abd L", abdull, squeezes back to abdul), so one pass settles
// a chain of particles.
func joinParticles(words []string) []string {
	out := words[:0]
	for i := 0; i < len(words); i++ {
		w := words[i]
		for particles[w] && i+1 < len(words) {
			w = word(w + words[i+1])
			i++
		}
		out = append(out, w)
	}
	return out
}
