package dedup

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// PhoneticKey returns a key that is equal for names that sound alike in
// Indonesian: NormalizeName(s), each word keyed (wordKey), the word keys
// sorted so word order does not matter, joined by single spaces. The key is
// for comparing, not reading; it is stable for a given KeyVersion.
//
//	Fatimah, Fatima               → patima
//	Khadijah, Hadijah             → hadija
//	Zulkarnaén, Zulkarnain        → julkarnain
//	Saifuddin, Saepudin           → saipudin
//	Febriyanti, Pebrianti         → pebrianti
//	Cornelia, Kornelia            → kornelia
//	Siti Aminah, Aminah Siti      → amina siti
//
// Vowels are kept, so names that differ by a vowel stay apart: Adi (adi)
// and Ade (ade), Dewi and Dewa, Rina and Rini. Twins are often named so,
// and they share a KK and a birth date.
func PhoneticKey(s string) string { return phoneticKey(NormalizeName(s)) }

// AltPhoneticKey is PhoneticKey with every j (and z, which the key reads as
// j) read as y, as pre-1972 spelling wrote it: "Jusuf" and "Yusuf",
// "Jahja" and "Yahya", "Zainal" and "Yainal" share it. NormalizeName
// applies j→y only to words that show other old spelling, because modern
// Joko is not Yoko; this key is the lenient alternative for comparing
// names already known to share a KK and birth date.
func AltPhoneticKey(s string) string { return altKey(NormalizeName(s)) }

func phoneticKey(normalized string) string {
	words := strings.Fields(normalized)
	for i, w := range words {
		words[i] = wordKey(w)
	}
	slices.Sort(words)
	return strings.Join(words, " ")
}

// jzAsY reads j and z as y, before the key's y rules apply.
var jzAsY = strings.NewReplacer("j", "y", "z", "y")

func altKey(normalized string) string { return phoneticKey(jzAsY.Replace(normalized)) }

// keyClasses merges letters and letter groups that Indonesians pronounce,
// and so write, interchangeably in names:
//   - kh→h (Khairul/Hairul), sy→s (Syamsul/Samsul);
//   - ae, ei→ai (Zaenal/Zainal, Husein/Husain), ao→au, ou→u, ie→i
//     (Sofie/Sofi);
//   - f, v→p: Sundanese and Javanese say p for the Arabic f (Fitri/Pitri,
//     Saifudin/Saepudin) and for v (Novi/Nopi);
//   - z→j, the Javanese and Sundanese reading of the Arabic z
//     (Zainal/Jaenal, Zakaria/Jakaria);
//   - x→ks; c→k except before e, i or y, where Indonesian c (Cecep, Cici)
//     is kept apart from k: Cornelia/Kornelia, Marcus/Markus.
//
// "ny" and "ce", "ci", "cy" map to themselves only to win the match at
// their position over the shorter rules.
var keyClasses = strings.NewReplacer(
	"kh", "h", "sy", "s", "ny", "ny",
	"ae", "ai", "ei", "ai", "ao", "au", "ou", "u", "ie", "i",
	"ce", "ce", "ci", "ci", "cy", "cy", "c", "k",
	"x", "ks", "z", "j", "f", "p", "v", "p", "q", "k",
)

// wordKey keys one normalised word: keyClasses, then, in one scan that
// looks at the previous output letter,
//   - y after i and w after u are dropped (Febriyanti/Febrianti,
//     Suwarni/Suarni);
//   - y after a consonant other than n is i, w after a consonant is u
//     (Dyah/Diah, Swastika/Suastika); "ny" stays;
//   - h after a consonant is silent (Bhakti/Bakti, Ghani/Gani);
//   - a final h after a vowel is silent (Fatimah/Fatima, Aminah/Amina);
//   - a letter equal to the one before is written once.
func wordKey(w string) string {
	w = keyClasses.Replace(w)
	out := make([]byte, 0, len(w))
	var prev byte // last ASCII letter written; 0 after a non-ASCII letter
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			_, n := utf8.DecodeRuneInString(w[i:])
			out, prev = append(out, w[i:i+n]...), 0
			i += n - 1
			continue
		}
		switch {
		case c == 'y' && prev == 'i', c == 'w' && prev == 'u':
			continue
		case c == 'y' && isConsonant(prev) && prev != 'n':
			c = 'i'
		case c == 'w' && isConsonant(prev):
			c = 'u'
		case c == 'h' && isConsonant(prev):
			continue
		case c == 'h' && i == len(w)-1 && isVowel(prev):
			continue
		}
		if c == prev {
			continue
		}
		out, prev = append(out, c), c
	}
	return string(out)
}
