package population

// provinceWeight is each province's population in thousands, rounded. These
// are approximations of the 2020 census (SP2020) by Kemendagri province
// code, good enough to make Java dominate and Papua stay small; they are not
// an official table. The 2022–2023 Papuan splits (93–96 out of 91 and 92)
// are estimated from their regencies' 2020 counts.
var provinceWeight = map[string]int{
	"11": 5274,  // Aceh
	"12": 14799, // Sumatera Utara
	"13": 5534,  // Sumatera Barat
	"14": 6394,  // Riau
	"15": 3548,  // Jambi
	"16": 8467,  // Sumatera Selatan
	"17": 2011,  // Bengkulu
	"18": 9008,  // Lampung
	"19": 1456,  // Kepulauan Bangka Belitung
	"21": 2064,  // Kepulauan Riau
	"31": 10562, // DKI Jakarta
	"32": 48274, // Jawa Barat
	"33": 36516, // Jawa Tengah
	"34": 3669,  // DI Yogyakarta
	"35": 40666, // Jawa Timur
	"36": 11905, // Banten
	"51": 4317,  // Bali
	"52": 5320,  // Nusa Tenggara Barat
	"53": 5326,  // Nusa Tenggara Timur
	"61": 5414,  // Kalimantan Barat
	"62": 2670,  // Kalimantan Tengah
	"63": 4073,  // Kalimantan Selatan
	"64": 3766,  // Kalimantan Timur
	"65": 701,   // Kalimantan Utara
	"71": 2622,  // Sulawesi Utara
	"72": 2986,  // Sulawesi Tengah
	"73": 9074,  // Sulawesi Selatan
	"74": 2625,  // Sulawesi Tenggara
	"75": 1171,  // Gorontalo
	"76": 1419,  // Sulawesi Barat
	"81": 1848,  // Maluku
	"82": 1283,  // Maluku Utara
	"91": 1060,  // Papua (after the 2022 split)
	"92": 560,   // Papua Barat (after the 2022 split)
	"93": 520,   // Papua Selatan
	"94": 1430,  // Papua Tengah
	"95": 1410,  // Papua Pegunungan
	"96": 600,   // Papua Barat Daya
}

// fallbackProvinceWeight covers a province added to the nik tables after
// this table was written; a test insists every province is listed.
const fallbackProvinceWeight = 500

// registrantAgeBands skews the ages of the people a family is built around
// young, as the 2020 registrants were (most under 35). The weights are per
// year of age inside each band; they are an approximation, not a published
// table.
var registrantAgeBands = []struct{ lo, hi, perYear int }{
	{18, 24, 47},
	{25, 29, 46},
	{30, 34, 32},
	{35, 39, 21},
	{40, 44, 14},
	{45, 49, 10},
	{50, 54, 6},
	{55, 59, 3},
	{60, 64, 2},
}

// Registrant age bounds: 18 is the legal minimum (Perpres 36/2020); 64 the
// upper bound later schemes state.
const (
	MinRegistrantAge = 18
	MaxRegistrantAge = 64
	// maxAge caps parents' ages so every two-digit NIK year resolves to the
	// right century (anyone under 100).
	maxAge = 90
)

// registrantAgeWeights expands registrantAgeBands into one weight per age,
// index 0 = MinRegistrantAge.
var registrantAgeWeights = func() []int {
	w := make([]int, MaxRegistrantAge-MinRegistrantAge+1)
	for _, b := range registrantAgeBands {
		for a := b.lo; a <= b.hi; a++ {
			w[a-MinRegistrantAge] = b.perYear
		}
	}
	return w
}()

func registrantAge(r *stream) int {
	return MinRegistrantAge + weighted(r, registrantAgeWeights)
}
