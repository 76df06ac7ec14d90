package dedup_test

import (
	"strings"
	"testing"

	"github.com/prakerja/prakerja/dedup"
)

// TestNormalizeName checks each rule of NormalizeName on a name it exists
// for.
func TestNormalizeName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"CaseAndSpaces", "  SITI   aminah ", "siti aminah"},
		{"Diacritics", "Zulkarnaén Mahéndra", "zulkarnaen mahendra"},
		{"ApostropheJoins", "Nur'aini Ma’ruf", "nuraini maruf"},
		{"HyphenJoins", "Butar-butar", "butarbutar"},
		{"PunctuationSeparates", "Budi,Santoso", "budi santoso"},
		{"OldOeToU", "Soekarno", "sukarno"},
		{"OldDjToJ", "Djoko", "joko"},
		{"OldTjToC", "Tjokroaminoto", "cokroaminoto"},
		{"OldWordJToY", "Djojohadikusumo", "joyohadikusumo"},
		{"OldWordTjJ", "Tjahjadi", "cahyadi"},
		{"OldWordNjToNy", "Soenjoto", "sunyoto"},
		{"OldWordSjToSy", "Tjasjono", "casyono"},
		{"ModernJStays", "Jusuf", "jusuf"},
		{"ModernNjStays", "Panjaitan", "panjaitan"},
		{"ChToKh", "Chairul", "khairul"},
		{"DhToD", "Ramadhan", "ramadan"},
		{"ThToT", "Fathur", "fatur"},
		{"PhToF", "Stephanus", "stefanus"},
		{"ShToSy", "Shafira", "syafira"},
		{"DzToZ", "Dzulkifli", "zulkifli"},
		{"QToK", "Taufiq", "taufik"},
		{"DoubledOnce", "Sitti Abdullah", "siti abdulah"},
		{"FinalYAfterConsonant", "Rizky Yenny", "rizki yeni"},
		{"FinalYAfterVowelStays", "Karamoy", "karamoy"},
		{"Muhammad", "Mohammad", "muhamad"},
		{"MuhammadAbbreviated", "Moh. Hatta", "muhamad hata"},
		{"MuhammadInitialWithDot", "M.Yusuf", "muhamad yusuf"},
		{"MochammadJavanese", "Mochammad", "muhamad"},
		{"Achmad", "Achmad", "ahmad"},
		{"NoorIsNur", "Noor Hayati", "nurhayati"},
		{"NurulIsNurJoined", "Nurul Huda", "nurhuda"},
		{"NurAlone", "Siti Nur", "siti nur"},
		{"AlJoined", "Al Fatih", "alfatih"},
		{"AbdurrahmanAssimilated", "Abdurrahman", "abdulrahman"},
		{"AbdulJoined", "Abdul Rahman", "abdulrahman"},
		{"AbdurApart", "Abdur Rahman", "abdulrahman"},
		{"ParticleChain", "Abd L Ali", "abdulali"},
		{"TitlesDropped", "Dr. Ir. H. Budi Santoso, M.Si.", "budi santoso"},
		{"DegreeWithoutComma", "Siti Aminah S.Pd", "siti aminah"},
		{"TitleGluedToName", "Hj.Siti", "siti"},
		{"HonorificsDropped", "Bapak Agus Ibu Sri", "agus sri"},
		{"BinDroppedFatherKept", "Ahmad bin Abdullah", "ahmad abdulah"},
		{"BintiDropped", "Siti binti Umar", "siti umar"},
		{"OnlyTitles", "Dr. H.", ""},
		{"Empty", "", ""},
		{"DigitsSeparate", "Budi2Santoso", "budi santoso"},
		{"BadUTF8Separates", "Budi\xffSantoso", "budi santoso"},
		{"OtherScriptsKeptWithoutMarks", "Ahmad أحمد", "ahmad احمد"},
		{"LigatureAndSharpS", "ﬁtri Straße", "fitri strase"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := dedup.NormalizeName(tt.in); got != tt.want {
				t.Fatalf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestNormalizeNameMerges lists spellings of one name that must meet.
func TestNormalizeNameMerges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		variants []string
	}{
		{"Sukarno", []string{"Soekarno", "Sukarno", "Ir. Soekarno"}},
		{"Joyohadikusumo", []string{"Djojohadikusumo", "Joyohadikusumo"}},
		{"Cokroaminoto", []string{"Tjokroaminoto", "Cokroaminoto"}},
		{"Cahyono", []string{"Tjahjono", "Cahyono"}},
		{"Sutrisno", []string{"Soetrisno", "Sutrisno"}},
		{"Juwita", []string{"Djuwita", "Juwita"}},
		{"Nuraini", []string{"Nur'aini", "Nuraini", "Nur Aini", "Nurul Aini", "Noor Aini"}},
		{"Muhammad", []string{"Muhammad", "Mohammad", "Muhamad", "Mohamad", "Moh.", "Muh.", "M.", "Mochamad", "Mohammed", "Mhd."}},
		{"Zulkarnaen", []string{"Zulkarnaén", "Zulkarnaen", "ZULKARNAEN"}},
		{"Rizki", []string{"Rizky", "Rizki", "Rizqi", "Rizqy"}},
		{"Khairul", []string{"Chairul", "Khairul"}},
		{"Abdulrahman", []string{"Abdurrahman", "Abdul Rahman", "Abdulrahman", "Abdur Rahman", "Abd. Rahman"}},
		{"Siti", []string{"Siti", "Sitti", "Hj. Siti"}},
		{"Syafii", []string{"Syafi'i", "Syafii", "Shafi'i"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want := dedup.NormalizeName(tt.variants[0])
			for _, v := range tt.variants[1:] {
				if got := dedup.NormalizeName(v); got != want {
					t.Errorf("NormalizeName(%q) = %q, want %q as for %q", v, got, want, tt.variants[0])
				}
			}
		})
	}
}

// TestNormalizeNameKeepsApart lists names that normalisation must not
// merge: different names, or variants left to the phonetic key.
func TestNormalizeNameKeepsApart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
	}{
		{"AdiAde", "Adi", "Ade"},
		{"DewiDewa", "Dewi", "Dewa"},
		{"EkoEka", "Eko", "Eka"},
		{"PutraPutri", "Putra", "Putri"},
		{"AndriantoAdrianto", "Andrianto", "Adrianto"},
		{"HasanHusein", "Hasan", "Husein"},
		{"JokoYoko", "Joko", "Yoko"},
		{"JusufYusufLeftToAltKey", "Jusuf", "Yusuf"},
		{"ZulkarnaenZulkarnainLeftToKey", "Zulkarnaen", "Zulkarnain"},
		{"KhairulHairulLeftToKey", "Khairul", "Hairul"},
		{"AhmadBinAbdullahAhmad", "Ahmad bin Abdullah", "Ahmad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if a, b := dedup.NormalizeName(tt.a), dedup.NormalizeName(tt.b); a == b {
				t.Fatalf("NormalizeName(%q) = NormalizeName(%q) = %q", tt.a, tt.b, a)
			}
		})
	}
}

// TestNormalizeNameLimits checks the named bounds on hostile input.
func TestNormalizeNameLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		words int
	}{
		{"ManyWordsCut", strings.Repeat("Budi Agus ", 40), dedup.NameWordsMax},
		{"LongWordDropped", "Budi " + strings.Repeat("ab", dedup.WordMax), 1},
		// Only NameInputMax bytes are read: "Budi" is never seen, and the
		// run of x is written once.
		{"LongInputCut", strings.Repeat("x", 10*dedup.NameInputMax) + " Budi", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := dedup.NormalizeName(tt.in)
			if n := len(strings.Fields(got)); n != tt.words {
				t.Fatalf("NormalizeName gave %d words (%q), want %d", n, got, tt.words)
			}
		})
	}
}

// TestNormalizeNamePopulation checks idempotence on every synthetic name,
// which include Dutch-era spellings, apostrophes and accents.
func TestNormalizeNamePopulation(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, p := range sample() {
		if seen[p.FullName] {
			continue
		}
		seen[p.FullName] = true
		n := dedup.NormalizeName(p.FullName)
		if n == "" || dedup.NormalizeName(n) != n {
			t.Errorf("NormalizeName(%q) = %q: empty or not idempotent", p.FullName, n)
		}
	}
}
