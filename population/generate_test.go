package population_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/population"
)

func TestGenerate_Deterministic(t *testing.T) {
	t.Parallel()
	a := population.Generate(testSeed, 3_000, population.Options{})
	b := population.Generate(testSeed, 3_000, population.Options{Ref: ref})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed and options gave different people")
	}
	c := population.Generate(testSeed+1, 3_000, population.Options{})
	same := 0
	for i := range a {
		if a[i].NIK == c[i].NIK || a[i].FullName == c[i].FullName && a[i].Email == c[i].Email {
			same++
		}
	}
	if same > 30 {
		t.Fatalf("seeds %d and %d share %d of %d people", testSeed, testSeed+1, same, len(a))
	}
}

func TestGenerate_PrefixAndRandomAccess(t *testing.T) {
	t.Parallel()
	small := population.Generate(testSeed, 1_001, population.Options{})
	all := sample10k()
	if !reflect.DeepEqual(small, all[:len(small)]) {
		t.Fatal("Generate(n) is not a prefix of Generate(n+k)")
	}
	pop := population.New(testSeed, population.Options{})
	for i := 0; i < len(all); i += 37 {
		p := all[i]
		got, ok := population.PersonAt(testSeed, p.ID, population.Options{})
		if !ok || !reflect.DeepEqual(got, p) {
			t.Fatalf("PersonAt(%d) = %+v, %v; want %+v", p.ID, got, ok, p)
		}
		if p.ID.Family() != p.FamilyIndex || p.ID.Member() != p.Member {
			t.Fatalf("ID %d does not address family %d member %d", p.ID, p.FamilyIndex, p.Member)
		}
		fam := pop.Family(p.FamilyIndex)
		if !reflect.DeepEqual(fam.Members[p.Member], p) {
			t.Fatalf("Family(%d).Members[%d] differs from Generate", p.FamilyIndex, p.Member)
		}
	}
	for i := 1; i < len(all); i++ {
		if all[i].ID <= all[i-1].ID {
			t.Fatalf("IDs not ascending at %d", i)
		}
	}
	if _, ok := pop.Person(population.NewPersonID(0, population.MaxMembers-1)); ok && len(pop.Family(0).Members) < population.MaxMembers {
		t.Fatal("an empty member slot returned a person")
	}
}

func TestGenerate_RefOnlyShiftsDates(t *testing.T) {
	t.Parallel()
	a := population.Generate(testSeed, 500, population.Options{Ref: date(2020, 4, 11)})
	b := population.Generate(testSeed, 500, population.Options{Ref: date(2024, 9, 18)})
	for i := range a {
		if a[i].FullName != b[i].FullName || a[i].NIK[:10] != b[i].NIK[:10] || a[i].NIK[12:] != b[i].NIK[12:] {
			t.Fatalf("person %d changed with Ref beyond its dates: %q %s vs %q %s", i, a[i].FullName, a[i].NIK, b[i].FullName, b[i].NIK)
		}
		if a[i].Age != b[i].Age {
			t.Fatalf("age is relative to Ref: %d vs %d", a[i].Age, b[i].Age)
		}
	}
}

func TestGenerate_Families(t *testing.T) {
	t.Parallel()
	pop := population.New(testSeed, population.Options{})
	sizes := map[int]int{}
	for f := 0; f < 5_000; f++ {
		fam := pop.Family(f)
		n := len(fam.Members)
		sizes[n]++
		if n < 1 || n > population.MaxMembers {
			t.Fatalf("family %d has %d members", f, n)
		}
		head := fam.Members[0]
		if head.Role != population.RoleHead || head.Age < 18 {
			t.Fatalf("family %d: first member %s aged %d", f, head.Role, head.Age)
		}
		for i, m := range fam.Members {
			if m.KK != fam.KK || m.DomicileDistrict != fam.District || m.FamilyIndex != f || m.Member != i {
				t.Fatalf("family %d member %d: KK %s/%s, domicile %s/%s", f, i, m.KK, fam.KK, m.DomicileDistrict, fam.District)
			}
			if m.Role == population.RoleChild && head.Age-m.Age < 18 {
				t.Fatalf("family %d: child aged %d, head aged %d", f, m.Age, head.Age)
			}
			if m.Role == population.RoleSpouse && (i != 1 || m.Sex == head.Sex) {
				t.Fatalf("family %d: spouse at %d, sex %s like the head", f, i, m.Sex)
			}
		}
		if fam.KKDate.After(ref) {
			t.Fatalf("family %d: KK registered %v, after the reference date", f, fam.KKDate)
		}
	}
	for n := 1; n <= population.MaxMembers; n++ {
		if sizes[n] == 0 {
			t.Errorf("no family of %d in 5,000 (sizes %v)", n, sizes)
		}
	}
}

func TestGenerate_Ages(t *testing.T) {
	t.Parallel()
	registrants, young := 0, 0
	for _, p := range sample200k() {
		if got := population.AgeOn(p.BirthDate, ref); got != p.Age {
			t.Fatalf("%d: Age=%d but born %s is %d on %s", p.ID, p.Age, p.BirthDate.Format("2006-01-02"), got, ref.Format("2006-01-02"))
		}
		if p.BirthDate.After(ref) || p.Age < 0 || p.Age > 90 {
			t.Fatalf("%d: born %v, age %d", p.ID, p.BirthDate, p.Age)
		}
		if want := p.Age >= population.MinRegistrantAge && p.Age <= population.MaxRegistrantAge; p.Registrant != want {
			t.Fatalf("%d: Registrant=%v at age %d", p.ID, p.Registrant, p.Age)
		}
		if p.Registrant {
			registrants++
			if p.Age <= 35 {
				young++
			}
		}
	}
	// The 2020 registrants were mostly young adults.
	if share := young * 1000 / registrants; share < 550 || share > 850 {
		t.Fatalf("registrants aged 18–35: %d‰, want 550–850‰", share)
	}
	t.Logf("registrants %d of %d people; aged 18–35: %d‰", registrants, len(sample200k()), young*1000/registrants)
}

func TestGenerate_Names(t *testing.T) {
	t.Parallel()
	var accented, apostrophe, balinese, batak int
	for _, p := range sample10k() {
		n := p.FullName
		if n == "" || n != strings.TrimSpace(n) || strings.Contains(n, "  ") || len([]rune(n)) > prakerja.FullNameMax {
			t.Fatalf("%d: badly formed name %q", p.ID, n)
		}
		for _, c := range n {
			if unicode.IsDigit(c) {
				t.Fatalf("%d: digit in name %q", p.ID, n)
			}
		}
		if !isASCII(n) {
			accented++
		}
		if strings.Contains(n, "'") {
			apostrophe++
		}
		switch {
		case strings.HasPrefix(n, "I "):
			balinese++
			if p.Sex != "M" {
				t.Fatalf("%d: %q is a man's name, sex %s", p.ID, n, p.Sex)
			}
		case strings.HasPrefix(n, "Ni "):
			balinese++
			if p.Sex != "F" {
				t.Fatalf("%d: %q is a woman's name, sex %s", p.ID, n, p.Sex)
			}
		}
		if strings.HasSuffix(n, " Siregar") || strings.HasSuffix(n, " Simanjuntak") || strings.HasSuffix(n, " Nasution") {
			batak++
		}
	}
	if accented == 0 || apostrophe == 0 || balinese == 0 || batak == 0 {
		t.Fatalf("in 10,000 names: %d with diacritics, %d with apostrophes, %d Balinese, %d Batak; want some of each",
			accented, apostrophe, balinese, batak)
	}
	t.Logf("in 10,000 names: %d with diacritics, %d with apostrophes, %d Balinese", accented, apostrophe, balinese)
}

func TestGenerate_RegionsFlavourNames(t *testing.T) {
	t.Parallel()
	var bali, baliStyle, sumut, marga int
	for _, p := range sample10k() {
		switch p.DomicileDistrict[:2] {
		case "51":
			bali++
			if strings.HasPrefix(p.FullName, "I ") || strings.HasPrefix(p.FullName, "Ni ") {
				baliStyle++
			}
		case "12":
			sumut++
			if strings.Count(p.FullName, " ") >= 1 {
				marga++
			}
		}
	}
	if bali == 0 || baliStyle*2 < bali {
		t.Fatalf("Bali: %d of %d people have Balinese names, want most", baliStyle, bali)
	}
	if sumut == 0 || marga*2 < sumut {
		t.Fatalf("North Sumatra: %d of %d have a second name, want most", marga, sumut)
	}
}
