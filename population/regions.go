package population

import (
	"sort"
	"strings"
	"sync"

	"github.com/prakerja/prakerja/nik"
)

// district is one current Kemendagri district with everything the
// generator needs about it.
type district struct {
	code     string // dotted, "32.73.01"
	digits   [6]byte
	province string // "32"
	start    uint64 // first family slot of the district's interval
	size     uint64 // number of family slots: its share of MaxFamilies
	// moveTo are the NIK districts of people who moved here: index
	// originSameRegency is the next district of the same regency,
	// originOtherProvince a district half the country away. Each is a
	// permutation of all districts, so every NIK district has one source.
	moveTo [numOrigins]int32
	// moveFrom inverts moveTo.
	moveFrom [numOrigins]int32
	retired  string // the retired Papuan code this district took over, or ""
}

// atlas is the district map, built once from the nik tables.
type atlas struct {
	districts []district
	current   map[string]int32 // dotted current code → index
	retired   map[string]int32 // dotted retired code → index of its successor
}

var theAtlas = sync.OnceValue(buildAtlas)

func buildAtlas() *atlas {
	a := &atlas{current: map[string]int32{}, retired: map[string]int32{}}
	counts := map[string]int{}
	for _, p := range nik.Provinces() {
		for _, r := range nik.Regencies(p.Code) {
			for _, d := range nik.Districts(r.Code) {
				a.add(d.Code)
				counts[p.Code]++
			}
		}
	}
	a.sizeIntervals(counts)
	a.linkSameRegency()
	a.linkOtherProvince()
	a.linkRetired()
	a.assertCapacity()
	return a
}

func (a *atlas) add(code string) {
	d := district{code: code, province: code[:2], digits: codeDigits(code)}
	a.current[code] = int32(len(a.districts))
	a.districts = append(a.districts, d)
}

// sizeIntervals gives each district a slot interval proportional to its
// province's weight divided evenly among the province's districts. Integer
// arithmetic only, so every platform cuts the same intervals.
func (a *atlas) sizeIntervals(counts map[string]int) {
	total := uint64(0)
	for p := range counts {
		total += uint64(weightOf(p))
	}
	used := uint64(0)
	for i := range a.districts {
		d := &a.districts[i]
		d.size = MaxFamilies * uint64(weightOf(d.province)) / (total * uint64(counts[d.province]))
		used += d.size
	}
	// Hand the rounding remainder out one slot at a time.
	for i := 0; used < MaxFamilies; i = (i + 1) % len(a.districts) {
		a.districts[i].size++
		used++
	}
	start := uint64(0)
	for i := range a.districts {
		a.districts[i].start = start
		start += a.districts[i].size
	}
}

func weightOf(province string) int {
	if w, ok := provinceWeight[province]; ok {
		return w
	}
	return fallbackProvinceWeight
}

// locate finds the district whose interval holds slot v.
func (a *atlas) locate(v uint64) int {
	ds := a.districts
	i := sort.Search(len(ds), func(i int) bool { return ds[i].start+ds[i].size > v })
	return i
}

// linkSameRegency rotates each regency's districts by one: people who moved
// within a regency got their NIK in the next district.
func (a *atlas) linkSameRegency() {
	for lo := 0; lo < len(a.districts); {
		hi := lo
		for hi < len(a.districts) && a.districts[hi].code[:5] == a.districts[lo].code[:5] {
			hi++
		}
		for i := lo; i < hi; i++ {
			j := i + 1
			if j == hi {
				j = lo
			}
			a.districts[i].moveTo[originSameRegency] = int32(j)
			a.districts[j].moveFrom[originSameRegency] = int32(i)
		}
		lo = hi
	}
}

// linkOtherProvince rotates the national list by half: no province holds
// half of all districts, so the NIK district is always in another province.
func (a *atlas) linkOtherProvince() {
	n := len(a.districts)
	for i := range a.districts {
		j := (i + n/2) % n
		if a.districts[i].province == a.districts[j].province {
			panic("population: other-province rotation stayed in " + a.districts[i].province)
		}
		a.districts[i].moveTo[originOtherProvince] = int32(j)
		a.districts[j].moveFrom[originOtherProvince] = int32(i)
	}
}

// retiredProvinces held every code withdrawn by the 2022–2025 Papuan splits.
var retiredProvinces = []string{"91", "92"}

// linkRetired pairs current districts of the Papuan provinces with the
// retired code they had before the split, matching regency and district
// names. Only one-to-one matches are kept, so a retired code always decodes
// to one current district.
func (a *atlas) linkRetired() {
	old := map[string][]string{} // name key → retired codes
	for _, p := range retiredProvinces {
		for k := 1; k <= 99; k++ {
			rc := p + "." + two(k)
			reg, ok := nik.LookupRegency(rc)
			if !ok {
				continue
			}
			for c := 1; c <= 99; c++ {
				if d, ok := nik.LookupDistrict(rc + "." + two(c)); ok && d.Retired {
					nk := nameKey(reg.Name, d.Name)
					old[nk] = append(old[nk], d.Code)
				}
			}
		}
	}
	cur := map[string][]int32{}
	for i, d := range a.districts {
		if d.province < "91" {
			continue
		}
		reg, _ := nik.LookupRegency(d.code[:5])
		dist, _ := nik.LookupDistrict(d.code)
		nk := nameKey(reg.Name, dist.Name)
		cur[nk] = append(cur[nk], int32(i))
	}
	for nk, codes := range old {
		if is := cur[nk]; len(codes) == 1 && len(is) == 1 {
			a.districts[is[0]].retired = codes[0]
			a.retired[codes[0]] = is[0]
		}
	}
}

// nameKey normalises "KAB. MERAUKE"/"Kabupaten Merauke" + "Merauke" alike,
// keeping kabupaten and kota apart (Kabupaten Sorong ≠ Kota Sorong).
func nameKey(regency, dist string) string {
	r := strings.ToLower(strings.Join(strings.Fields(regency), " "))
	switch {
	case strings.HasPrefix(r, "kab. "):
		r = "kab " + r[len("kab. "):]
	case strings.HasPrefix(r, "kabupaten "):
		r = "kab " + r[len("kabupaten "):]
	}
	return r + "|" + strings.ToLower(strings.Join(strings.Fields(dist), " "))
}

func two(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

// assertCapacity checks the arithmetic of the package doc: every member
// slot of the largest district fits the NIK serial space of one origin,
// and every family slot fits the KK serial space.
func (a *atlas) assertCapacity() {
	for _, d := range a.districts {
		if d.size*MaxMembers > uint64(nikCapacity) || d.size > uint64(kkCapacity) {
			panic("population: district " + d.code + " too large for its serial space")
		}
	}
}
