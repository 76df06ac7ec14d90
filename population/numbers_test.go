package population_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/prakerja/prakerja/nik"
	"github.com/prakerja/prakerja/population"
)

func TestNumbers_PassNik(t *testing.T) {
	t.Parallel()
	for _, p := range sample200k() {
		n, err := nik.Check(p.NIK, p.BirthDate, p.Sex, ref)
		if err != nil {
			t.Fatalf("%d: nik.Check(%s, %s, %s) = %v", p.ID, p.NIK, p.BirthDate.Format("2006-01-02"), p.Sex, err)
		}
		if n.District != p.BirthDistrict || n.Retired != p.RetiredCode || !n.BirthDate.Equal(p.BirthDate) {
			t.Fatalf("%d: NIK decodes to %+v; person has district %s, retired %v, born %v", p.ID, n, p.BirthDistrict, p.RetiredCode, p.BirthDate)
		}
		kk, err := nik.ParseKK(p.KK, ref)
		if err != nil {
			t.Fatalf("%d: nik.ParseKK(%s) = %v", p.ID, p.KK, err)
		}
		if kk.District != p.DomicileDistrict || kk.Retired || !nik.IsCurrentDistrict(p.DomicileDistrict) {
			t.Fatalf("%d: KK district %s (retired %v), domicile %s", p.ID, kk.District, kk.Retired, p.DomicileDistrict)
		}
	}
}

func TestNumbers_Unique(t *testing.T) {
	t.Parallel()
	people := sample200k()
	niks := make(map[string]population.PersonID, len(people))
	emails := make(map[string]population.PersonID, len(people))
	phones := make(map[string]population.PersonID, len(people))
	kks := map[string]int{}
	for _, p := range people {
		if q, dup := niks[p.NIK]; dup {
			t.Fatalf("NIK %s of %d and %d", p.NIK, q, p.ID)
		}
		if q, dup := emails[p.Email]; dup {
			t.Fatalf("e-mail %s of %d and %d", p.Email, q, p.ID)
		}
		if q, dup := phones[p.Phone]; dup {
			t.Fatalf("phone %s of %d and %d", p.Phone, q, p.ID)
		}
		if f, seen := kks[p.KK]; seen && f != p.FamilyIndex {
			t.Fatalf("KK %s of families %d and %d", p.KK, f, p.FamilyIndex)
		}
		niks[p.NIK], emails[p.Email], phones[p.Phone], kks[p.KK] = p.ID, p.ID, p.ID, p.FamilyIndex
	}
}

var (
	emailRE = regexp.MustCompile(`^[a-z]+([._]?[a-z]+)?[0-9]+@[a-z]+(\.[a-z]+)+$`)
	phoneRE = regexp.MustCompile(`^\+628[0-9]{8,11}$`)
)

// operators are the mobile prefixes after +62 that the brief allows.
var operators = strings.Fields("811 812 813 821 822 823 851 852 853 814 815 816 855 856 857 858 817 818 819 859 877 878 831 832 833 838 881 882 883 884 885 886 887 888 889 895 896 897 898 899")

func TestNumbers_ContactFormats(t *testing.T) {
	t.Parallel()
	ops := map[string]int{}
	for _, op := range operators {
		ops[op] = 0
	}
	for _, p := range sample10k() {
		if !emailRE.MatchString(p.Email) {
			t.Fatalf("%d: e-mail %q", p.ID, p.Email)
		}
		if !phoneRE.MatchString(p.Phone) {
			t.Fatalf("%d: phone %q", p.ID, p.Phone)
		}
		op := p.Phone[3:6]
		if _, ok := ops[op]; !ok {
			t.Fatalf("%d: phone %s has no Indonesian mobile prefix", p.ID, p.Phone)
		}
		ops[op]++
	}
	for op, n := range ops {
		if n == 0 {
			t.Errorf("prefix %s unused in 10,000 phones", op)
		}
	}
}

func TestNumbers_ProvinceDistribution(t *testing.T) {
	t.Parallel()
	// Approximate SP2020 shares (‰) of the largest provinces and a small one.
	tests := []struct {
		province string
		perMille int
	}{
		{"32", 178}, {"35", 150}, {"33", 135}, {"12", 55}, {"36", 44}, {"31", 39}, {"73", 33},
	}
	count := map[string]int{}
	people := sample200k()
	for _, p := range people {
		count[p.DomicileDistrict[:2]]++
	}
	for _, tc := range tests {
		got := count[tc.province] * 1000 / len(people)
		if got < tc.perMille*85/100 || got > tc.perMille*115/100 {
			t.Errorf("province %s: %d‰ of people, want about %d‰", tc.province, got, tc.perMille)
		}
	}
	papua := 0
	for _, p := range []string{"91", "92", "93", "94", "95", "96"} {
		papua += count[p]
	}
	if got := papua * 1000 / len(people); got < 10 || got > 30 {
		t.Errorf("Papuan provinces: %d‰, want about 20‰", got)
	}
}

func TestNumbers_Origins(t *testing.T) {
	t.Parallel()
	adults, other, retired := 0, 0, 0
	for _, p := range sample200k() {
		bd := p.BirthDistrict
		switch p.Origin {
		case population.OriginNative:
			if bd != p.DomicileDistrict && !p.RetiredCode {
				t.Fatalf("%d: native but NIK district %s, domicile %s", p.ID, bd, p.DomicileDistrict)
			}
		case population.OriginSameRegency:
			if !p.RetiredCode && bd[:5] != p.DomicileDistrict[:5] {
				t.Fatalf("%d: same regency but %s vs %s", p.ID, bd, p.DomicileDistrict)
			}
		case population.OriginOtherProvince:
			if bd[:2] == p.DomicileDistrict[:2] {
				t.Fatalf("%d: other province but %s vs %s", p.ID, bd, p.DomicileDistrict)
			}
		default:
			t.Fatalf("%d: origin %q", p.ID, p.Origin)
		}
		if p.RetiredCode {
			retired++
			r, ok := nik.LookupDistrict(bd)
			if !ok || !r.Retired || p.BirthDate.Year() >= 2022 || (bd[:2] != "91" && bd[:2] != "92") {
				t.Fatalf("%d: retired code %s (%+v) for someone born %v", p.ID, bd, r, p.BirthDate)
			}
		}
		if p.Age >= 18 {
			adults++
			if p.Origin == population.OriginOtherProvince {
				other++
			}
		}
	}
	if share := other * 1000 / adults; share < 40 || share > 60 {
		t.Errorf("adults with a NIK from another province: %d‰, want about 50‰", share)
	}
	if retired == 0 {
		t.Error("no old Papuan NIK with a retired code")
	}
	t.Logf("adults from another province %d‰; retired Papuan codes %d of %d", other*1000/adults, retired, len(sample200k()))
}
