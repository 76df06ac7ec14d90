package namematch

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormalize(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in string
		want     []string
	}{
		{"OKTitlesEverywhere", "IR. H. DJOKO SOESILO, S.T., M.M.", []string{"joko", "susilo"}},
		{"OKOldSpellingJY", "Tjahjo Koemolo", []string{"cahyo", "kumolo"}},
		{"OKDjBeforeJY", "Djojohadikoesoemo", []string{"joyohadikusumo"}},
		{"OKModernJKept", "Panjaitan Joko", []string{"panjaitan", "joko"}},
		{"OKGluedInitial", "M.RIZKI", []string{"m", "rizki"}},
		{"OKMuhammadFamily", "Muhammad Muh Moch Mochamad Mohammad Muhamad", []string{"muhammad"}},
		{"OKDiacriticsApostrophe", "NUR'AINI Zulkarnaén", []string{"nuraini", "zulkarnaen"}},
		{"OKConnectorDropped", "Siti Nurhalizah binti Ahmad", []string{"siti", "nurhaliza", "ahmad"}},
		{"OKDigraphs", "Chairul Fathurrahman Shafira Taufiq",
			[]string{"khairul", "faturahman", "syafira", "taufik"}},
		{"OKLetterFold", "Großmann Øyvind", []string{"grosman", "oyvind"}},
		{"OKNonLatinKept", "БОРИС 王", []string{"борис", "王"}},
		{"OKDigitsSeparate", "BUDI2SANTOSO", []string{"budi", "santoso"}},
		{"OKLongTokenCut", strings.Repeat("A", 40), []string{"a"}},
		{"ErrEmpty", "", nil},
		{"ErrOnlyTitles", "Dr. Ir. H.J. S.Kom", nil},
		{"ErrOnlyPunctuation", " .,;- ", nil},
		{"ErrTooLong", strings.Repeat("x", NameMax+1), nil},
		{"ErrInvalidUTF8", "SITI \xc3", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, Normalize(tc.in)); diff != "" {
				t.Errorf("Normalize(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestNormalize_TokensBounded(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := range 30 {
		b.WriteString(string(rune('A'+i%26)) + "X ")
	}
	if got := len(Normalize(b.String())); got > TokensMax {
		t.Errorf("len(Normalize(30 words)) = %d, want at most %d", got, TokensMax)
	}
}

func TestEditDistance(t *testing.T) {
	t.Parallel()
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"budi", "", 4}, {"kurniawan", "kurniwan", 1},
		{"setiadi", "setaidi", 1}, {"suparman", "suparmin", 1}, {"abc", "cba", 2},
	}
	for _, tc := range cases {
		if got := editDistance([]byte(tc.a), []byte(tc.b)); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
