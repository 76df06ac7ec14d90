package population

// Civil status is drawn from its own stream, keyed by (seed, person ID),
// and never from the family stream: adding it left every earlier field of
// every person exactly as it was.

// Occupations the generator writes, as Dukcapil spells the KTP's
// Pekerjaan field (upper case, slashes without spaces).
const (
	OccupationStudent   = "PELAJAR/MAHASISWA"
	OccupationNone      = "BELUM/TIDAK BEKERJA"
	OccupationHousehold = "MENGURUS RUMAH TANGGA"
	OccupationRetired   = "PENSIUNAN"
)

// Shares per thousand. Foreign residents with a NIK (holders of a KITAP)
// are a small minority; students are common among the young registrants,
// as the 2020 cohort was.
const (
	foreignPerMille      = 2
	studentYoungPerMille = 300 // ages 18–24
	studentLatePerMille  = 50  // ages 25–29
	// schoolAgeMin is the age from which a child's KTP-era record says
	// PELAJAR/MAHASISWA rather than BELUM/TIDAK BEKERJA.
	schoolAgeMin = 5
	// retirementAge is when PENSIUNAN appears among the occupations.
	retirementAge = 58
)

// occupationTable is a weighted list of occupations.
type occupationTable struct {
	names   []string
	weights []int
}

func newOccupationTable(pairs ...any) occupationTable {
	var t occupationTable
	for i := 0; i+1 < len(pairs); i += 2 {
		t.names = append(t.names, pairs[i].(string))
		t.weights = append(t.weights, pairs[i+1].(int))
	}
	return t
}

// Working-age occupations (weights per thousand), roughly the mix of the
// 2020 Sakernas labour-force survey as the KTP records it.
var (
	menWork = newOccupationTable(
		"KARYAWAN SWASTA", 280, "WIRASWASTA", 200, "PETANI/PEKEBUN", 170,
		"BURUH HARIAN LEPAS", 120, "PEDAGANG", 70, OccupationNone, 90,
		"SOPIR", 40, "NELAYAN/PERIKANAN", 30,
	)
	womenWork = newOccupationTable(
		OccupationHousehold, 350, "KARYAWAN SWASTA", 180, "WIRASWASTA", 120,
		"PETANI/PEKEBUN", 100, "PEDAGANG", 80, "BURUH HARIAN LEPAS", 60,
		OccupationNone, 80, "GURU", 30,
	)
	elderWork = newOccupationTable(
		OccupationRetired, 250, "PETANI/PEKEBUN", 250, "WIRASWASTA", 150,
		OccupationHousehold, 200, "PEDAGANG", 50, OccupationNone, 100,
	)
)

// civil returns whether person id is a citizen (WNI) and their
// occupation.
func (p *Population) civil(id PersonID, male bool, age int) (bool, string) {
	r := newStream(p.seed, domCivil, uint64(id))
	citizen := !r.perMille(foreignPerMille)
	return citizen, occupation(&r, male, age)
}

// occupation draws the Pekerjaan of a person of the given sex and age.
func occupation(r *stream, male bool, age int) string {
	x := r.intn(1000) // always drawn, so the branches below share one layout
	switch {
	case age < schoolAgeMin:
		return OccupationNone
	case age < MinRegistrantAge:
		return OccupationStudent
	case age <= 24 && x < studentYoungPerMille:
		return OccupationStudent
	case age >= 25 && age <= 29 && x < studentLatePerMille:
		return OccupationStudent
	}
	t := &menWork
	switch {
	case age >= retirementAge:
		t = &elderWork
	case !male:
		t = &womenWork
	}
	return t.names[weighted(r, t.weights)]
}
