package selection

// Round says how a winner was selected.
type Round uint8

// Rounds, in the order they run.
const (
	RoundRegional Round = 1 // within the applicant's quota region
	RoundNational Round = 2 // for a seat left over after the regional round
)

func (r Round) String() string {
	switch r {
	case RoundRegional:
		return "regional"
	case RoundNational:
		return "national"
	}
	return "none"
}

// Winner is one selected applicant.
type Winner struct {
	// Rank is the 1-based position of the applicant in the selection order
	// of all eligible applicants (tier, then HMAC rank).
	Rank      int
	Applicant int // index into Snapshot.Applicants
	Round     Round
}

// RegionCount is one line of the summary.
type RegionCount struct {
	Region   string // a quota region, "-" for outside every one, "*" for all
	Quota    int
	Joined   int
	Eligible int
	Regional int // selected in the regional round
	National int // selected in the national round
}

// Result is the outcome of one selection. It is a pure function of the
// snapshot, the seed and the quotas.
type Result struct {
	Snapshot *Snapshot
	Seed     Seed
	Quotas   Quotas
	Eligible int
	Winners  []Winner      // ascending by Rank
	Summary  []RegionCount // quota regions by code, then "-", then "*"
}

// Select runs the selection of doc.go. It reads snap and never changes it.
// It returns a CodeQuotasInvalid error for quotas that break a rule.
func Select(snap *Snapshot, seed Seed, q Quotas) (*Result, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	codes := q.regionCodes()
	region := regionIndex(snap.Applicants, &q, codes)
	order := rankOrder(snap.Applicants, seed)
	w := newWalk(snap.Applicants, region, &q, codes, len(order))
	w.regional(order)
	w.national(order)
	res := &Result{Snapshot: snap, Seed: seed, Quotas: q, Eligible: len(order)}
	res.Winners = w.winners(order)
	res.Summary = summarise(snap.Applicants, region, &q, codes, w.round, order)
	w.assertQuotas()
	return res, nil
}

// outside is the region index of an applicant under no quota region.
const outside = -1

// regionIndex maps each applicant to the index of its quota region in
// codes, or outside. Region strings repeat, so each distinct one is looked
// up once.
func regionIndex(apps []Applicant, q *Quotas, codes []string) []int32 {
	pos := make(map[string]int32, len(codes))
	for i, c := range codes {
		pos[c] = int32(i)
	}
	memo := map[string]int32{}
	out := make([]int32, len(apps))
	for i := range apps {
		r := apps[i].Region
		idx, ok := memo[r]
		if !ok {
			idx = outside
			if qr, found := q.quotaRegion(r); found {
				idx = pos[qr]
			}
			memo[r] = idx
		}
		out[i] = idx
	}
	return out
}
