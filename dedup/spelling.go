package dedup

import "strings"

// spell rewrites one lower-case word to modern (EYD, 1972) spelling and
// merges the transliteration variants Indonesian names are written in. It
// is a pure function of the word; NormalizeName repeats it until nothing
// changes. Each rule, with the names it merges:
//
//  1. Doubled letters are written once: Muhammad/Muhamad, Sitti/Siti,
//     Abdullah/Abdulah, Anna/Ana, Noor/Nor, Sa'adah/Sadah.
//  2. Van Ophuijsen (pre-1972) digraphs: oe→u (Soekarno/Sukarno),
//     dj→j (Djoko/Joko), tj→c (Tjokroaminoto/Cokroaminoto).
//  3. In a word that shows one of those three marks, and only there, j→y,
//     nj→ny, sj→sy: Djojohadikusumo/Joyohadikusumo, Tjahjadi/Cahyadi,
//     Soenjoto/Sunyoto. Elsewhere j is the modern j and nj, sj are n+j, s+j
//     ("Panjaitan", "Masjid", "Joko"), so "Jusuf" stays jusuf and does not
//     become Yusuf; AltPhoneticKey reads every j as y for that case.
//  4. Latin digraphs of Arabic and Dutch names: ch→kh (Chairul/Khairul),
//     dh→d (Ramadhan/Ramadan), th→t (Fathur/Fatur), ph→f (Stephanus/
//     Stefanus), sh→sy (Shafira/Syafira), dz→z (Dzulkifli/Zulkifli), q→k
//     (Taufiq/Taufik, Rizqi/Rizki). "ch" is always kh here: "Chandra" is
//     khandra, which still equals itself.
//  5. A final y after a consonant is i: Rizky/Rizki, Rudy/Rudi, Yenny/Yeni.
//     After a vowel it stays ("Karamoy", "Auparay").
//  6. The Arabic article assimilated after "abdu" is undone: Abdurrahman/
//     Abdulrahman, Abdussalam/Abdulsalam (see abduPrefix).
//
// Deliberately not rules: a dropped consonant (Andrianto/Adrianto) and
// vowels (Adi/Ade, Dewi/Dewa, Eko/Eka), which tell different names apart;
// and ae/ai (Zulkarnaen/Zulkarnain), kh/h (Khairul/Hairul), f/p
// (Fitri/Pitri), which are pronunciation rather than spelling and are left
// to PhoneticKey, so that equal normalised names stay the strong (95)
// evidence. Letters outside a–z pass through unchanged.
func spell(w string) string {
	w = squeeze(w)
	w = oldSpelling(w)
	w = digraphs.Replace(w)
	w = squeeze(w)
	w = finalY(w)
	return abduPrefix(w)
}

// digraphs is rule 4. strings.Replacer matches left to right without
// overlaps, so "sch" is s+kh and "tth" (squeezed first) is t.
var digraphs = strings.NewReplacer(
	"ch", "kh", "dh", "d", "th", "t", "ph", "f", "sh", "sy", "dz", "z", "q", "k",
)

// isOld reports whether a word shows an unmistakable pre-1972 mark: oe,
// dj or tj. Modern spelling never writes dj or tj, and oe only in a few
// Christian names (Noel, Zoe), which then read as "nul" and "zu" on both
// sides of a comparison.
func isOld(w string) bool {
	return strings.Contains(w, "oe") || strings.Contains(w, "dj") || strings.Contains(w, "tj")
}

// oldSpelling applies rules 2 and 3 in one left-to-right scan, so the j of
// "dj" stays a j while the other j of an old word becomes y.
func oldSpelling(w string) string {
	old := isOld(w)
	if !old {
		return w
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		pair := ""
		if i+1 < len(w) {
			pair = w[i : i+2]
		}
		switch {
		case pair == "oe":
			b, i = append(b, 'u'), i+1
		case pair == "dj":
			b, i = append(b, 'j'), i+1
		case pair == "tj":
			b, i = append(b, 'c'), i+1
		case old && (pair == "nj" || pair == "sj"):
			b, i = append(b, w[i], 'y'), i+1
		case old && w[i] == 'j':
			b = append(b, 'y')
		default:
			b = append(b, w[i])
		}
	}
	return string(b)
}

// squeeze writes every run of one ASCII letter once (rule 1). Other bytes
// are left alone, so multi-byte letters are never cut.
func squeeze(w string) string {
	for i := 1; i < len(w); i++ {
		if w[i] == w[i-1] && w[i] < 0x80 {
			return squeezeFrom(w, i)
		}
	}
	return w
}

func squeezeFrom(w string, i int) string {
	b := []byte(w[:i])
	for ; i < len(w); i++ {
		if w[i] == w[i-1] && w[i] < 0x80 {
			continue
		}
		b = append(b, w[i])
	}
	return string(b)
}

// finalY is rule 5.
func finalY(w string) string {
	n := len(w)
	if n >= 2 && w[n-1] == 'y' && isConsonant(w[n-2]) {
		return w[:n-1] + "i"
	}
	return w
}

// abduPrefix is rule 6: "abdu" followed by a sun letter other than l (t, d,
// r, z, s, n) is the article al- assimilated, as in "Abdurrahman" (squeezed
// to abdurahman), so it is written "abdul" + that letter.
func abduPrefix(w string) string {
	if len(w) > 5 && strings.HasPrefix(w, "abdu") && strings.IndexByte("tdrzsn", w[4]) >= 0 {
		return "abdul" + w[4:]
	}
	return w
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func isConsonant(c byte) bool { return c >= 'a' && c <= 'z' && !isVowel(c) }
