package selection

import (
	"bytes"
	"fmt"
	"testing"
)

// TestSelectDeterministic runs the same selection twice, once from a
// re-parsed snapshot, and wants identical bytes.
func TestSelectDeterministic(t *testing.T) {
	t.Parallel()
	snap, q := mustSynthetic(t, 20_000, 1_500)
	a := resultBytes(t, mustSelect(t, snap, testSeed(1), q))
	var file bytes.Buffer
	snap.WriteTo(&file)
	again, err := ReadSnapshot(&file)
	if err != nil {
		t.Fatal(err)
	}
	if b := resultBytes(t, mustSelect(t, again, testSeed(1), q)); !bytes.Equal(a, b) {
		t.Fatal("the same snapshot and seed gave different bytes")
	}
}

func TestSelectOtherSeedOtherWinners(t *testing.T) {
	t.Parallel()
	snap, q := mustSynthetic(t, 20_000, 1_500)
	a, b := winnerSet(mustSelect(t, snap, testSeed(1), q)), winnerSet(mustSelect(t, snap, testSeed(2), q))
	tier := map[Pseudonym]uint8{}
	for _, x := range snap.Applicants {
		tier[x.Pseudonym] = x.Tier
	}
	drawn, same := 0, 0
	for p := range a {
		if tier[p] == 0 {
			continue // tier 0 fits its seats, so it is selected under any seed
		}
		drawn++
		if _, ok := b[p]; ok {
			same++
		}
	}
	// About 1 in 30 tier-1 applicants wins, so two independent draws
	// share a few of their tier-1 winners, not most of them.
	if drawn == 0 || same > drawn/4 {
		t.Fatalf("%d of %d tier-1 winners are the same under another seed", same, drawn)
	}
}

// TestSelectQuotasAndTiers checks on a synthetic wave: regional winners
// within each quota, the total within seats, nobody ineligible, and in
// every region no tier-1 winner while a tier-0 applicant was passed over
// for no family reason.
func TestSelectQuotasAndTiers(t *testing.T) {
	t.Parallel()
	snap, q := mustSynthetic(t, 30_000, 2_000)
	res := mustSelect(t, snap, testSeed(3), q)
	if res.Selected() != q.Total {
		t.Fatalf("selected %d, want every one of %d seats filled", res.Selected(), q.Total)
	}
	for _, c := range res.Summary[:len(res.Summary)-2] {
		if c.Regional > c.Quota || c.Regional != min(c.Quota, c.Regional+c.National) {
			t.Errorf("region %s: %d regional winners for %d seats", c.Region, c.Regional, c.Quota)
		}
	}
	for _, w := range res.Winners {
		if !snap.Applicants[w.Applicant].Eligible {
			t.Fatalf("ineligible applicant %d selected", w.Applicant)
		}
	}
	checkTierOrder(t, res)
}

// checkTierOrder fails if some region selected a tier-1 applicant while a
// tier-0 applicant of that region whose family had room was left out.
func checkTierOrder(t *testing.T, res *Result) {
	t.Helper()
	won := winnerSet(res)
	lowestTier1 := map[string]bool{}
	for _, w := range res.Winners {
		a := res.Snapshot.Applicants[w.Applicant]
		if a.Tier == 1 && w.Round == RoundRegional {
			lowestTier1[a.Region[:2]] = true
		}
	}
	family := map[Pseudonym]int{}
	for _, w := range res.Winners {
		family[res.Snapshot.Applicants[w.Applicant].Family]++
	}
	for _, a := range res.Snapshot.Applicants {
		if _, ok := won[a.Pseudonym]; !ok && a.Eligible && a.Tier == 0 && lowestTier1[a.Region[:2]] && family[a.Family] < res.Quotas.PerKK {
			t.Fatalf("region %s: tier-0 applicant %s left out while tier 1 was selected", a.Region, a.Pseudonym)
		}
	}
}

// TestSelectRules pins the rules of doc.go on hand-made waves.
func TestSelectRules(t *testing.T) {
	t.Parallel()
	ineligible := func(n int, region string) Applicant {
		a := app(n, n, region, 0)
		a.Eligible, a.Reasons = false, "excluded_group"
		return a
	}
	tests := []struct {
		name string
		apps []Applicant
		q    Quotas
		want map[int]Round // applicant number → round; everyone else unselected
	}{
		{"NoDrawWhenEligibleWithinQuota",
			[]Applicant{app(1, 1, "31", 1), app(2, 2, "31.71", 1), app(3, 3, "32", 1)},
			Quotas{Wave: "w", Total: 5, Regions: map[string]int{"31": 3, "32": 2}},
			map[int]Round{1: RoundRegional, 2: RoundRegional, 3: RoundRegional}},
		{"IneligibleNeverSelected",
			[]Applicant{ineligible(1, "31"), ineligible(2, "31"), app(3, 3, "31", 1)},
			Quotas{Wave: "w", Total: 3, Regions: map[string]int{"31": 3}},
			map[int]Round{3: RoundRegional}},
		{"TierZeroFirst",
			[]Applicant{app(1, 1, "31", 1), app(2, 2, "31", 1), app(3, 3, "31", 0)},
			Quotas{Wave: "w", Total: 1, Regions: map[string]int{"31": 1}},
			map[int]Round{3: RoundRegional}},
		{"UnfilledSeatsGoNational",
			[]Applicant{app(1, 1, "31", 1), app(2, 2, "32", 1), app(3, 3, "32", 1), app(4, 4, "33", 1)},
			Quotas{Wave: "w", Total: 4, Regions: map[string]int{"31": 3, "32": 0}},
			map[int]Round{1: RoundRegional, 2: RoundNational, 3: RoundNational, 4: RoundNational}},
		{"NationalOnly",
			[]Applicant{app(1, 1, "31", 1), app(2, 2, "32", 1)},
			Quotas{Wave: "w", Total: 2},
			map[int]Round{1: RoundNational, 2: RoundNational}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res := mustSelect(t, mustSnapshot(t, tc.apps...), testSeed(5), tc.q)
			got := winnerSet(res)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d winners %v, want %v", len(got), got, tc.want)
			}
			for n, r := range tc.want {
				if got[pn(n)] != r {
					t.Errorf("applicant %d: round %v, want %v", n, got[pn(n)], r)
				}
			}
		})
	}
}

// TestSelectPerKK checks that a family of three tier-0 applicants gets
// two seats under a limit of 2, and the third seat goes to tier 1.
func TestSelectPerKK(t *testing.T) {
	t.Parallel()
	apps := []Applicant{app(1, 9, "31", 0), app(2, 9, "31", 0), app(3, 9, "31", 0), app(4, 4, "31", 1)}
	for _, perKK := range []int{0, 2} {
		q := Quotas{Wave: "w", Total: 3, PerKK: perKK, Regions: map[string]int{"31": 3}}
		got := winnerSet(mustSelect(t, mustSnapshot(t, apps...), testSeed(5), q))
		_, fourth := got[pn(4)]
		if len(got) != 3 || fourth != (perKK == 2) {
			t.Fatalf("per_kk %d: winners %v", perKK, got)
		}
	}
}

// TestSelectDrawOrder checks that with more eligible than seats the
// winners are exactly the lowest ranks, as an auditor would compute them.
func TestSelectDrawOrder(t *testing.T) {
	t.Parallel()
	var apps []Applicant
	for n := 1; n <= 50; n++ {
		apps = append(apps, app(n, n, "31", 1))
	}
	seed := testSeed(9)
	res := mustSelect(t, mustSnapshot(t, apps...), seed, Quotas{Wave: "w", Total: 10, Regions: map[string]int{"31": 10}})
	type ranked struct {
		n    int
		rank string
	}
	var all []ranked
	for n := 1; n <= 50; n++ {
		all = append(all, ranked{n, hmacHex(seed[:], []byte(pn(n).String()))})
	}
	for i := range all { // selection sort by rank: clear over clever
		for j := i + 1; j < len(all); j++ {
			if all[j].rank < all[i].rank {
				all[i], all[j] = all[j], all[i]
			}
		}
	}
	got := winnerSet(res)
	for i, r := range all {
		if _, ok := got[pn(r.n)]; ok != (i < 10) {
			t.Fatalf("applicant %d at rank %d: selected %v", r.n, i+1, ok)
		}
	}
	if fmt.Sprint(res.Winners[0].Rank) != "1" {
		t.Fatalf("first winner has rank %d", res.Winners[0].Rank)
	}
}
