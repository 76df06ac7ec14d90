package dedup

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzNormalizeName checks that NormalizeName never panics, is idempotent,
// and keeps its output form and limits; and that the keys and Similarity
// built on it never panic and agree with it.
func FuzzNormalizeName(f *testing.F) {
	for _, s := range []string{
		"Ir. H. Soekarno", "Moh. Nur'aini", "Djojohadikusumo", "Tjahjadi Soenjoto",
		"Dr. Ir. Hj. Siti Aminah binti Abdullah, M.Si.", "Zulkarnaén", "Noël",
		"M.Yusuf", "Abdur Rahman", "Nur Nurul Al", "ǅemal Straße", "", " . ' - ",
		"Ni Luh Putu Ayu Lestari", "\xff\xfe", "ﷺ", "Ⅻ", "ﬁ", "İ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeName(s)
		if again := NormalizeName(n); again != n {
			t.Fatalf("NormalizeName(%q) = %q, but NormalizeName(%q) = %q", s, n, n, again)
		}
		checkNormalForm(t, n)
		if k := PhoneticKey(s); k != phoneticKey(n) || !utf8.ValidString(k) {
			t.Errorf("PhoneticKey(%q) = %q, not the key of %q", s, k, n)
		}
		AltPhoneticKey(s)
		if got := Similarity(s, s); got != 100 {
			t.Errorf("Similarity(%q, itself) = %d, want 100", s, got)
		}
	})
}

// checkNormalForm checks the output contract of NormalizeName.
func checkNormalForm(t *testing.T, n string) {
	t.Helper()
	if !utf8.ValidString(n) || strings.TrimSpace(n) != n || strings.Contains(n, "  ") {
		t.Fatalf("%q: not valid UTF-8 words separated by single spaces", n)
	}
	words := strings.Fields(n)
	if len(words) > NameWordsMax {
		t.Errorf("%q: %d words, over NameWordsMax", n, len(words))
	}
	for _, w := range words {
		if len(w) > WordMax {
			t.Errorf("%q: word %q over WordMax", n, w)
		}
		for _, r := range w {
			if !unicode.IsLetter(r) || unicode.IsUpper(r) {
				t.Errorf("%q: rune %q is not a lower-case letter", n, r)
			}
		}
	}
}
