package selection

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
)

// Wave-1 shape of 2020: joiners and seats.
const (
	Wave1Joiners = 2_078_026
	Wave1Seats   = 168_111
)

// syntheticProvinces are the 34 provinces of 2020 with weights roughly
// proportional to their population (tenths of a million), so the synthetic
// joiners and quotas have the uneven spread of a real wave.
var syntheticProvinces = [...]struct {
	code   string
	weight int
}{
	{"11", 53}, {"12", 148}, {"13", 55}, {"14", 64}, {"15", 35}, {"16", 85}, {"17", 20},
	{"18", 90}, {"19", 15}, {"21", 21}, {"31", 106}, {"32", 483}, {"33", 365}, {"34", 37},
	{"35", 410}, {"36", 119}, {"51", 43}, {"52", 53}, {"53", 53}, {"61", 54}, {"62", 27},
	{"63", 41}, {"64", 38}, {"65", 7}, {"71", 26}, {"72", 30}, {"73", 91}, {"74", 26},
	{"75", 12}, {"76", 14}, {"81", 18}, {"82", 13}, {"91", 11}, {"92", 43},
}

// Synthetic parameters: regencies per province, tier-0 and ineligible
// shares (per mille), the per-KK limit of 2021 onwards.
const (
	syntheticRegencies       = 20
	syntheticTier0PerMille   = 50
	syntheticIneligPerMille  = 100
	syntheticPerKK           = 2
	syntheticFamilySizeMax   = 3
	syntheticStreamSelection = 0x5e1ec7
)

// syntheticReasons are the reason codes of synthetic ineligible joiners.
var syntheticReasons = [...]string{"age_below_minimum", "excluded_group", "identity_not_found", "age_below_minimum;excluded_group"}

// Synthetic returns a deterministic wave of the given shape for tests and
// benchmarks: joiners in families of 1 to 3 sharing a family key and a
// regency, 5% in tier 0, 10% ineligible, and quotas for the 34 provinces
// proportional to their joiners (largest remainder) adding up to seats,
// with a per-KK limit of 2. The same arguments give the same wave.
func Synthetic(joiners, seats int, seed uint64) (*Snapshot, Quotas, error) {
	if joiners < 0 || joiners > ApplicantsMax || seats < 0 || seats > SeatsMax {
		return nil, Quotas{}, fmt.Errorf("synthetic wave: joiners must be 0..%d and seats 0..%d", ApplicantsMax, SeatsMax)
	}
	rng := rand.New(rand.NewPCG(seed, syntheticStreamSelection))
	regions, cum := syntheticRegions()
	perProvince := make([]int, len(syntheticProvinces))
	names := sortedPseudonyms(rng, joiners)
	apps := make([]Applicant, 0, joiners)
	for len(apps) < joiners {
		prov := pickProvince(cum, rng.IntN(cum[len(cum)-1]))
		region := regions[prov*syntheticRegencies+rng.IntN(syntheticRegencies)]
		family := randomPseudonym(rng)
		for k := 1 + rng.IntN(syntheticFamilySizeMax); k > 0 && len(apps) < joiners; k-- {
			apps = append(apps, syntheticApplicant(rng, names[len(apps)], family, region))
			perProvince[prov]++
		}
	}
	snap, err := NewSnapshot(apps)
	if err != nil {
		return nil, Quotas{}, err
	}
	return snap, syntheticQuotas(perProvince, joiners, seats), nil
}

// syntheticRegions returns the regency codes ("11.01" …) and the
// cumulative province weights.
func syntheticRegions() ([]string, []int) {
	regions := make([]string, 0, len(syntheticProvinces)*syntheticRegencies)
	cum := make([]int, len(syntheticProvinces))
	total := 0
	for i, p := range syntheticProvinces {
		for r := 1; r <= syntheticRegencies; r++ {
			regions = append(regions, fmt.Sprintf("%s.%02d", p.code, r))
		}
		total += p.weight
		cum[i] = total
	}
	return regions, cum
}

// pickProvince returns the first index whose cumulative weight exceeds x.
func pickProvince(cum []int, x int) int {
	i, found := slices.BinarySearch(cum, x)
	if found {
		i++
	}
	return i
}

func randomPseudonym(rng *rand.Rand) Pseudonym {
	var p Pseudonym
	for i := 0; i < PseudonymSize; i += 8 {
		v := rng.Uint64()
		for k := range 8 {
			p[i+k] = byte(v >> (8 * k))
		}
	}
	return p
}

// sortedPseudonyms draws n random pseudonyms in ascending order. Handing
// them out in order leaves the applicants already sorted, so NewSnapshot
// finds them in order instead of moving two million 72-byte structs; the
// ranks, being HMACs, are as random either way.
func sortedPseudonyms(rng *rand.Rand, n int) []Pseudonym {
	out := make([]Pseudonym, n)
	for i := range out {
		out[i] = randomPseudonym(rng)
	}
	slices.SortFunc(out, func(a, b Pseudonym) int { return bytes.Compare(a[:], b[:]) })
	return out
}

func syntheticApplicant(rng *rand.Rand, name, family Pseudonym, region string) Applicant {
	a := Applicant{Pseudonym: name, Family: family, Region: region, Tier: 1, Eligible: true}
	if rng.IntN(1000) < syntheticTier0PerMille {
		a.Tier = 0
	}
	if rng.IntN(1000) < syntheticIneligPerMille {
		a.Eligible = false
		a.Reasons = syntheticReasons[rng.IntN(len(syntheticReasons))]
	}
	return a
}

// syntheticQuotas splits seats over the provinces in proportion to their
// joiners by largest remainder (ties to the lower code).
func syntheticQuotas(perProvince []int, joiners, seats int) Quotas {
	q := Quotas{Wave: "synthetic-1", Total: seats, PerKK: syntheticPerKK, Regions: map[string]int{}}
	if joiners == 0 {
		return q
	}
	rem := make([]int, len(perProvince))
	left := seats
	for i, n := range perProvince {
		q.Regions[syntheticProvinces[i].code] = seats * n / joiners
		rem[i] = seats * n % joiners
		left -= seats * n / joiners
	}
	order := make([]int, len(perProvince))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rem[b] - rem[a] })
	for _, i := range order[:left] {
		q.Regions[syntheticProvinces[i].code]++
	}
	return q
}
