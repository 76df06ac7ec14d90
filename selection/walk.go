package selection

// walk is the state of the two rounds over the selection order.
type walk struct {
	apps     []Applicant
	region   []int32
	seats    []int // quota per region index
	filled   []int // selected per region index in the regional round
	perKK    int
	family   map[Pseudonym]uint8 // selected per family key, when perKK > 0
	round    []Round             // per order position; 0 = not selected
	total    int
	selected int
}

func newWalk(apps []Applicant, region []int32, q *Quotas, codes []string, n int) *walk {
	w := &walk{apps: apps, region: region, perKK: q.PerKK, total: q.Total,
		seats: make([]int, len(codes)), filled: make([]int, len(codes)), round: make([]Round, n)}
	for i, c := range codes {
		w.seats[i] = q.Regions[c]
	}
	if w.perKK > 0 {
		w.family = make(map[Pseudonym]uint8, min(q.Total, n))
	}
	return w
}

// take selects the applicant at order position pos in round r unless its
// family already has perKK selected.
func (w *walk) take(pos int, idx uint32, r Round) bool {
	if w.perKK > 0 {
		f := w.apps[idx].Family
		if int(w.family[f]) >= w.perKK {
			return false
		}
		w.family[f]++
	}
	w.round[pos] = r
	w.selected++
	return true
}

// regional fills each quota region in selection order; it stops early once
// every regional seat is taken.
func (w *walk) regional(order []rankKey) {
	left := 0
	for _, s := range w.seats {
		left += s
	}
	for pos := 0; pos < len(order) && left > 0; pos++ {
		r := w.region[order[pos].idx]
		if r == outside || w.filled[r] >= w.seats[r] {
			continue
		}
		if w.take(pos, order[pos].idx, RoundRegional) {
			w.filled[r]++
			left--
		}
	}
}

// national fills the seats left after the regional round from everyone
// eligible and not yet selected, in the same order.
func (w *walk) national(order []rankKey) {
	for pos := 0; pos < len(order) && w.selected < w.total; pos++ {
		if w.round[pos] == 0 {
			w.take(pos, order[pos].idx, RoundNational)
		}
	}
}

// assertQuotas panics if the walk broke a quota: a bug, never bad input,
// and one that must not reach a published result.
func (w *walk) assertQuotas() {
	if w.selected > w.total {
		panic("selection: more winners than seats")
	}
	for r, n := range w.filled {
		if n > w.seats[r] {
			panic("selection: a region got more regional winners than its quota")
		}
	}
}

// winners lists the selected in order of rank.
func (w *walk) winners(order []rankKey) []Winner {
	out := make([]Winner, 0, w.selected)
	for pos, r := range w.round {
		if r != 0 {
			out = append(out, Winner{Rank: pos + 1, Applicant: int(order[pos].idx), Round: r})
		}
	}
	return out
}

// summarise counts per quota region, outside them ("-") and in all ("*").
func summarise(apps []Applicant, region []int32, q *Quotas, codes []string, round []Round, order []rankKey) []RegionCount {
	rows := make([]RegionCount, len(codes)+2)
	for i, c := range codes {
		rows[i] = RegionCount{Region: c, Quota: q.Regions[c]}
	}
	out, all := &rows[len(codes)], &rows[len(codes)+1]
	out.Region, all.Region, all.Quota = "-", "*", q.Total
	row := func(idx uint32) *RegionCount {
		if r := region[idx]; r != outside {
			return &rows[r]
		}
		return out
	}
	for i := range apps {
		c := row(uint32(i))
		c.Joined++
		all.Joined++
		if apps[i].Eligible {
			c.Eligible++
			all.Eligible++
		}
	}
	for pos, r := range round {
		c := row(order[pos].idx)
		switch r {
		case RoundRegional:
			c.Regional++
			all.Regional++
		case RoundNational:
			c.National++
			all.National++
		}
	}
	return rows
}
