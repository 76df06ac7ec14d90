package population

import (
	"strings"
	"testing"

	"github.com/prakerja/prakerja/nik"
)

// White-box checks of the arithmetic the uniqueness argument rests on.

func TestPermutationInverts(t *testing.T) {
	t.Parallel()
	for _, bits := range []uint{familyBits, contactBits} {
		p := newPermutation(42, domFeistel, bits)
		r := newStream(1, 99, 0)
		for i := 0; i < 10_000; i++ {
			x := r.next() & (1<<bits - 1)
			y := p.apply(x)
			if y >= 1<<bits {
				t.Fatalf("apply(%d)=%d, outside %d bits", x, y, bits)
			}
			if got := p.invert(y); got != x {
				t.Fatalf("invert(apply(%d))=%d", x, got)
			}
		}
	}
}

func TestDaySlotsInvert(t *testing.T) {
	t.Parallel()
	for _, nb := range []uint64{1, 7, 365, uint64(nikBlocks)} {
		for y := uint64(0); y < nb*daysPerYear; y += 1 + nb/3 {
			for o := originNative; o < numOrigins; o++ {
				doy, serial := nikDay(7, 123, o, y, nb)
				if serial < 1 || serial > serialMax || doy < 0 || doy >= daysPerYear {
					t.Fatalf("nikDay(y=%d, nb=%d) = %d, %d", y, nb, doy, serial)
				}
				gotO, block := nikOrigin(serial)
				if got := nikSlot(7, 123, gotO, block, doy, nb); gotO != o || got != y {
					t.Fatalf("nikSlot(nikDay(%d, %d)) = %d, %d", o, y, gotO, got)
				}
			}
			doy, serial := kkDay(7, 123, y, nb)
			if got := kkSlot(7, 123, doy, serial, nb); got != y {
				t.Fatalf("kkSlot(kkDay(%d)) = %d", y, got)
			}
		}
	}
}

func TestCalendar(t *testing.T) {
	t.Parallel()
	for doy := 0; doy < daysPerYear; doy++ {
		m, d := monthDay(doy)
		if got, ok := dayOfYear(m, d); !ok || got != doy {
			t.Fatalf("dayOfYear(monthDay(%d)=%d/%d) = %d, %v", doy, m, d, got, ok)
		}
	}
	if _, ok := dayOfYear(2, 29); ok {
		t.Fatal("29 February must not be a generated day")
	}
}

func TestAtlas(t *testing.T) {
	t.Parallel()
	a := theAtlas()
	if got, want := len(a.districts), 7000; got < want {
		t.Fatalf("districts=%d, want at least %d", got, want)
	}
	total := uint64(0)
	for i, d := range a.districts {
		if d.start != total || d.size == 0 {
			t.Fatalf("district %s: start=%d size=%d, want start %d and size > 0", d.code, d.start, d.size, total)
		}
		total += d.size
		for o := originSameRegency; o < numOrigins; o++ {
			to := a.districts[d.moveTo[o]]
			if a.districts[to.moveFrom[o]].code != d.code {
				t.Fatalf("moveFrom does not invert moveTo for %s", d.code)
			}
		}
		if to := a.districts[d.moveTo[originSameRegency]]; to.code[:5] != d.code[:5] {
			t.Fatalf("same-regency move %s → %s", d.code, to.code)
		}
		if to := a.districts[d.moveTo[originOtherProvince]]; to.province == d.province {
			t.Fatalf("other-province move %s → %s", d.code, to.code)
		}
		if got := a.locate(d.start + d.size - 1); got != i {
			t.Fatalf("locate(last slot of %s) = %d, want %d", d.code, got, i)
		}
	}
	if total != MaxFamilies {
		t.Fatalf("intervals cover %d slots, want %d", total, MaxFamilies)
	}
}

func TestRetiredCodes(t *testing.T) {
	t.Parallel()
	a := theAtlas()
	if got := len(a.retired); got < 500 {
		t.Fatalf("retired codes linked = %d, want most of the 594", got)
	}
	for code, i := range a.retired {
		r, ok := nik.LookupDistrict(code)
		if !ok || !r.Retired || !(strings.HasPrefix(code, "91.") || strings.HasPrefix(code, "92.")) {
			t.Fatalf("retired link %s: lookup %+v, %v", code, r, ok)
		}
		if d := a.districts[i]; d.retired != code || d.province < "91" {
			t.Fatalf("retired %s links to %s (%q)", code, d.code, d.retired)
		}
	}
}

func TestProvinceWeightsCoverNik(t *testing.T) {
	t.Parallel()
	for _, p := range nik.Provinces() {
		if _, ok := provinceWeight[p.Code]; !ok {
			t.Errorf("province %s %s has no weight", p.Code, p.Name)
		}
		if _, ok := provinceCultures[p.Code]; !ok {
			t.Errorf("province %s %s has no naming cultures", p.Code, p.Name)
		}
	}
}

func TestPhoneCapacity(t *testing.T) {
	t.Parallel()
	if !phoneCapacityOK() {
		t.Fatal("a mobile prefix cannot hold its share of contact ids")
	}
	for _, p := range mobilePrefixes {
		if n := len(p.prefix) + p.digits; n < 9 || n > 12 {
			t.Errorf("prefix %s: %d digits after +62, want 9–12", p.prefix, n)
		}
	}
}

func TestNameTableSizes(t *testing.T) {
	t.Parallel()
	given := map[string]bool{}
	for _, list := range [][]string{
		javaneseMale, javaneseFemale, sundaneseMale, sundaneseFemale, batakMale, batakFemale,
		minangMale, minangFemale, muslimMale, muslimFemale, modernMale, modernFemale,
		balineseMale, balineseFemale, bugisMale, bugisFemale, christianMale, christianFemale,
		chineseMale, chineseFemale, papuanMale, papuanFemale,
	} {
		for _, n := range list {
			given[n] = true
		}
	}
	family := map[string]bool{}
	for _, list := range [][]string{
		batakMarga, minangSuku, chineseSurnames, minahasaFam, malukuFam, papuanFam, nusaTenggaraFam,
		javaneseSecondMale, javaneseSecondFemale, sundaneseSecondMale, sundaneseSecondFemale,
		muslimSecondMale, muslimSecondFemale, modernSecondMale, modernSecondFemale,
	} {
		for _, n := range list {
			family[n] = true
		}
	}
	if len(given) < 200 || len(family) < 150 {
		t.Fatalf("given names=%d (want ≥200), family names=%d (want ≥150)", len(given), len(family))
	}
	t.Logf("given names %d, family and second names %d", len(given), len(family))
}

func TestAsciiFold(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Nur'aini", "nuraini"},
		{"Mahéndra", "mahendra"},
		{"Zulkarnaén", "zulkarnaen"},
		{"Renée", "renee"},
		{"Zoë", "zoe"},
		{"Ma’ruf", "maruf"},
	}
	for _, tc := range tests {
		if got := asciiFold(tc.in); got != tc.want {
			t.Errorf("asciiFold(%q)=%q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestWholeDistrictUnique builds every person whose NIK could carry a
// district's code (its own families and everyone who moved out of the two
// districts that send NIKs to it) and checks their NIKs are distinct: the
// uniqueness argument at full capacity, not just on a sample.
func TestWholeDistrictUnique(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, code string }{
		{"Jakarta", "31.71.01"},
		{"Merauke", "93.01.01"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := New(7, Options{})
			a := p.atlas
			e, ok := a.current[tc.code]
			if !ok {
				t.Skipf("%s is not a current district", tc.code)
			}
			sources := []int32{e, a.districts[e].moveFrom[originSameRegency], a.districts[e].moveFrom[originOtherProvince]}
			niks, kks, people := map[string]PersonID{}, map[string]int{}, 0
			for si, h := range sources {
				d := a.districts[h]
				var buf []Person
				for l := uint64(0); l < d.size; l++ {
					f := int(p.perm.invert(d.start + l))
					var fam Family
					fam, buf = p.build(f, buf[:0])
					if si == 0 {
						if g, dup := kks[fam.KK]; dup {
							t.Fatalf("KK %s of families %d and %d", fam.KK, g, f)
						}
						kks[fam.KK] = f
					}
					for _, m := range fam.Members {
						if m.BirthDistrict != tc.code && m.BirthDistrict != a.districts[e].retired {
							continue
						}
						people++
						if q, dup := niks[m.NIK]; dup {
							t.Fatalf("NIK %s of %d and %d", m.NIK, q, m.ID)
						}
						niks[m.NIK] = m.ID
					}
				}
			}
			t.Logf("%s: %d families, %d NIKs with its code, all distinct", tc.code, len(kks), people)
		})
	}
}

func TestEmailWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want []string
	}{
		{"I Made Suardana", []string{"made", "suardana"}},
		{"Ai", []string{"ai"}},
		{"Nur'aini da Costa", []string{"nuraini", "costa"}},
		{"'", nil},
	}
	for _, tc := range tests {
		if got := emailWords(tc.name); strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("emailWords(%q)=%q, want %q", tc.name, got, tc.want)
		}
	}
}
