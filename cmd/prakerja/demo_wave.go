package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
	"github.com/prakerja/prakerja/onlinetest"
	"github.com/prakerja/prakerja/selection"
)

// Wave shares of the demo. Not every eligible registrant takes part in
// the first wave: in 2020, 2.08 million of 5.96 million accounts joined
// wave 1 (35%), the rest later waves. The demo has 40% of the eligible take
// the test in wave 1 (which also keeps the wave, at two server writes per
// test, to about 20 s of the default demo on two cores), 90% of them pass,
// and those join. Seats are 10% of the eligible, about 28% of the joiners:
// 2020's 8% of joiners would leave most provinces of a small demo with no
// seat at all, while 28% still draws in every province with more joiners
// than seats.
const (
	demoWaveName       = "Gelombang 1"
	demoTestTakePct    = 40 // of eligible registrants, take the online test in wave 1
	demoTestPassPct    = 90 // of those, answer well enough to pass
	demoWaveQuotaPct   = 10 // seats, of eligible registrants
	demoCloseMargin    = 3 * time.Second
	demoProvincesShown = 10
)

// demoWaveResult is the wave's funnel, printed and in the JSON "wave" object.
type demoWaveResult struct {
	ID             int64                `json:"id"`
	Name           string               `json:"name"`
	ClosesWIB      string               `json:"closes_wib"`
	Commitment     string               `json:"commitment"`
	Eligible       int                  `json:"eligible"`
	TookTest       int                  `json:"took_test"`
	Passed         int                  `json:"passed"`
	Joined         int                  `json:"joined"`
	LateRefused    int                  `json:"late_joins_refused"`
	Quota          int                  `json:"quota"`
	Selected       int                  `json:"selected"`
	CardsIssued    int                  `json:"cards_issued"`
	Announcements  int                  `json:"announcements"`
	Verified       bool                 `json:"artefacts_verified"`
	ManifestSHA256 string               `json:"manifest_sha256"`
	Artefacts      string               `json:"artefacts"`
	SeedFile       string               `json:"seed_file"`
	Provinces      []demoWaveProvince   `json:"provinces"`
	Statuses       map[string]int       `json:"statuses_after"`
	Seconds        float64              `json:"seconds"`
	regByIndex     map[int]*demoWaveReg // by index into confirmedIDs
}

// demoWaveProvince is one province's line of the wave funnel.
type demoWaveProvince struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Eligible int    `json:"eligible"`
	Joined   int    `json:"joined"`
	Quota    int    `json:"quota"`
	Selected int    `json:"selected"`
}

// demoWaveReg is what the wave phase knows of one eligible registrant.
type demoWaveReg struct {
	id       int64
	province string
	passed   bool
	joined   bool
}

// runWave takes the eligible registrants through the online test, opens a
// wave whose close is a WIB instant just after the joins should be done,
// commits the seed, joins those who passed, waits for the close, runs and
// verifies the selection and waits for the announcements.
func (d *demo) runWave(ctx context.Context) error {
	start := time.Now()
	w := &demoWaveResult{Name: demoWaveName}
	d.res.Wave = w
	idx, err := d.eligibleRegistrants(ctx, w)
	if err != nil || len(idx) == 0 {
		return err
	}
	if err := d.takeTests(ctx, w, idx); err != nil {
		return err
	}
	var joiners []int
	for _, i := range idx {
		if w.regByIndex[i].passed {
			joiners = append(joiners, i)
		}
	}
	// One who passed waits too long and tries after the close.
	var late = -1
	if len(joiners) > 1 {
		late, joiners = joiners[len(joiners)-1], joiners[:len(joiners)-1]
	}
	wave, err := d.createWave(ctx, w, idx, len(joiners))
	if err != nil {
		return err
	}
	if err := d.commitSeed(ctx, w, wave); err != nil {
		return err
	}
	if err := d.joinWave(ctx, w, wave, joiners); err != nil {
		return err
	}
	if err := d.awaitClose(ctx, wave); err != nil {
		return err
	}
	if late >= 0 {
		r, err := d.client.do(ctx, "POST", "/api/v1/waves/"+strconv.FormatInt(wave.ID, 10)+"/joins", struct{}{}, d.res.sessions[late])
		if err != nil {
			return err
		}
		if r.Code == string(prakerja.CodeWaveClosed) {
			w.LateRefused++
		} else {
			d.res.Unexpected++
		}
	}
	if err := d.runSelection(ctx, w, wave, d.drainOutbox); err != nil {
		return err
	}
	if err := d.collectWave(ctx, w, joiners); err != nil {
		return err
	}
	w.Seconds = time.Since(start).Seconds()
	return nil
}

// eligibleRegistrants reads which phone-verified registrants the pipeline
// found eligible, and their provinces; it returns their indexes into
// confirmedIDs.
func (d *demo) eligibleRegistrants(ctx context.Context, w *demoWaveResult) ([]int, error) {
	var verified []int
	for i, ok := range d.phoneVerified {
		if ok {
			verified = append(verified, i)
		}
	}
	regs := make([]*demoWaveReg, len(verified))
	p := startProgress(d.env.Stderr, "reading eligibility", len(verified))
	err := d.parallel(ctx, len(verified), p, func(ctx context.Context, k int) error {
		id := d.confirmedIDs[verified[k]]
		r, err := d.app.store.Registration(ctx, id)
		if err != nil {
			return err
		}
		if r.Status == prakerja.StatusEligible {
			prov, _, _ := strings.Cut(r.DomicileDistrict, ".")
			regs[k] = &demoWaveReg{id: id, province: prov}
		}
		return nil
	})
	p.Finish()
	if err != nil {
		return nil, err
	}
	w.regByIndex = map[int]*demoWaveReg{}
	var idx []int
	for k, r := range regs {
		if r != nil {
			idx = append(idx, verified[k])
			w.regByIndex[verified[k]] = r
		}
	}
	w.Eligible = len(idx)
	return idx, nil
}

// takeTests has most eligible registrants take the online test over the
// API with their session. The demo stands in for the registrant: it reads
// the answer key from the stored attempt (as it reads OTPs from the
// outbox) and answers every question right, or, for a few, every scored
// question wrong.
func (d *demo) takeTests(ctx context.Context, w *demoWaveResult, idx []int) error {
	var takers []int
	for k, i := range idx {
		if chosen(k+3, demoTestTakePct) {
			takers = append(takers, i)
		}
	}
	var passed, unexpected atomic.Int64
	p := startProgress(d.env.Stderr, "taking the online test", len(takers))
	t0 := time.Now()
	err := d.parallel(ctx, len(takers), p, func(ctx context.Context, k int) error {
		i := takers[k]
		session := d.res.sessions[i]
		var started struct {
			ID int64 `json:"id"`
		}
		status, code, err := d.client.doInto(ctx, "POST", "/api/v1/tests", struct{}{}, session, &started)
		if err != nil || status != 201 {
			return errors.Join(err, fmt.Errorf("starting the online test answered %d %s", status, code))
		}
		attemptID := started.ID
		ta, err := d.app.store.TestAttempt(ctx, attemptID)
		if err != nil {
			return err
		}
		var a onlinetest.Attempt
		if err := json.Unmarshal(ta.Doc, &a); err != nil {
			return fmt.Errorf("test attempt %d: %w", attemptID, err)
		}
		pass := chosen(k+11, demoTestPassPct)
		answers := demoAnswers(&a, pass)
		var outcome struct {
			Passed bool `json:"passed"`
		}
		status, code, err = d.client.doInto(ctx, "POST", "/api/v1/tests/"+strconv.FormatInt(attemptID, 10)+"/answers",
			map[string]any{"answers": answers}, session, &outcome)
		if err != nil || status != 200 {
			return errors.Join(err, fmt.Errorf("submitting the online test answered %d %s", status, code))
		}
		got := outcome.Passed
		if got != pass {
			unexpected.Add(1)
		}
		if got {
			passed.Add(1)
			w.regByIndex[i].passed = true
		}
		return nil
	})
	p.Finish()
	if len(takers) > 0 {
		d.testRate = float64(len(takers)) / time.Since(t0).Seconds()
	}
	w.TookTest, w.Passed = len(takers), int(passed.Load())
	d.res.Unexpected += int(unexpected.Load())
	return err
}

// demoAnswers answers every item of a: the right option (the most points)
// to pass, otherwise a wrong one (the fewest points).
func demoAnswers(a *onlinetest.Attempt, pass bool) []onlinetest.Answer {
	out := make([]onlinetest.Answer, 0, len(a.Items))
	for _, it := range a.Items {
		best, bestPts := 0, math.MinInt
		worst, worstPts := 0, math.MaxInt
		for j, o := range it.Options {
			pts := 0
			switch {
			case it.Kind == onlinetest.KindChoice && o.Correct:
				pts = 1
			case it.Kind == onlinetest.KindLikert && o.Points != nil:
				pts = *o.Points
			}
			if pts > bestPts {
				best, bestPts = j, pts
			}
			if pts < worstPts {
				worst, worstPts = j, pts
			}
		}
		opt := worst
		if pass {
			opt = best
		}
		out = append(out, onlinetest.Answer{QuestionID: it.QuestionID, Option: opt})
	}
	return out
}

// createWave opens the wave now and closes it at a whole WIB second a few
// seconds after the joins should be done, judged by the throughput the
// registrations and the tests had, the slower of the two (a join is one
// request, a registration one, a test two), with a quarter to spare. Seats
// are a share of the eligible, spread over provinces in proportion to
// their eligible registrants (largest remainder).
func (d *demo) createWave(ctx context.Context, w *demoWaveResult, idx []int, joins int) (*prakerja.Wave, error) {
	perProv := map[string]int{}
	for _, i := range idx {
		perProv[w.regByIndex[i].province]++
	}
	total := max(1, w.Eligible*demoWaveQuotaPct/100)
	quotas := proportionalQuotas(perProv, total)
	rate := max(min(d.res.RegisterPerSec, 2*d.testRate), 50)
	expect := time.Duration(float64(joins) / rate * 1.25 * float64(time.Second))
	now := time.Now()
	closes := now.Add(expect + demoCloseMargin).Truncate(time.Second).Add(time.Second)
	wave := &prakerja.Wave{Name: demoWaveName, Scheme: "2020", OpensAt: now.Add(-time.Second), ClosesAt: closes,
		Quota: total, RegionQuotas: quotas}
	if err := d.app.store.CreateWave(ctx, wave, now); err != nil {
		return nil, fmt.Errorf("create the demo wave: %w", readableError(err))
	}
	w.ID, w.Quota = wave.ID, total
	w.ClosesWIB = wave.ClosesAt.In(prakerja.WIB).Format(waveShownLayout)
	for code, n := range perProv {
		name := code
		if r, ok := nik.LookupProvince(code); ok {
			name = r.Name
		}
		w.Provinces = append(w.Provinces, demoWaveProvince{Code: code, Name: name, Eligible: n, Quota: quotas[code]})
	}
	slices.SortFunc(w.Provinces, func(a, b demoWaveProvince) int {
		if a.Eligible != b.Eligible {
			return b.Eligible - a.Eligible
		}
		return strings.Compare(a.Code, b.Code)
	})
	fmt.Fprintf(d.env.Stderr, "wave %d %q: opens now, closes %s; %d seats over %d provinces (scheme 2020)\n",
		wave.ID, wave.Name, w.ClosesWIB, total, len(quotas))
	return wave, nil
}

// proportionalQuotas spreads total seats over regions in proportion to
// counts, by largest remainder; regions that get no seat are left out
// (their joiners compete in the national round).
func proportionalQuotas(counts map[string]int, total int) map[string]int {
	sum := 0
	codes := make([]string, 0, len(counts))
	for code, n := range counts {
		sum += n
		codes = append(codes, code)
	}
	slices.Sort(codes)
	if sum == 0 {
		return nil
	}
	out := map[string]int{}
	type rem struct {
		code string
		r    int
	}
	var rems []rem
	given := 0
	for _, code := range codes {
		q := counts[code] * total / sum
		out[code] = q
		given += q
		rems = append(rems, rem{code, counts[code] * total % sum})
	}
	slices.SortStableFunc(rems, func(a, b rem) int { return b.r - a.r })
	for k := 0; given < total && k < len(rems); k++ {
		out[rems[k].code]++
		given++
	}
	for code, q := range out {
		if q == 0 {
			delete(out, code)
		}
	}
	return out
}

// commitSeed draws the selection seed into the data folder (0600) and
// stores its commitment before the close, as `prakerja selection commit`.
func (d *demo) commitSeed(ctx context.Context, w *demoWaveResult, wave *prakerja.Wave) error {
	dir := filepath.Join(d.res.Data, "selection")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("selection folder: %w", err)
	}
	w.SeedFile = filepath.Join(dir, fmt.Sprintf("wave-%d.seed", wave.ID))
	w.Artefacts = filepath.Join(dir, fmt.Sprintf("wave-%d", wave.ID))
	seed, err := selection.NewSeed()
	if err != nil {
		return fmt.Errorf("draw a seed: %w", err)
	}
	if err := writeSeedFile(w.SeedFile, seed); err != nil {
		return err
	}
	w.Commitment = seed.Commit()
	if err := d.app.store.CommitSelection(ctx, wave.ID, w.Commitment, time.Now()); err != nil {
		return errors.Join(err, os.Remove(w.SeedFile))
	}
	fmt.Fprintf(d.env.Stderr, "selection commitment %s published before the close\n", w.Commitment)
	return nil
}

// joinWave has everyone who passed join over the API with their session.
func (d *demo) joinWave(ctx context.Context, w *demoWaveResult, wave *prakerja.Wave, joiners []int) error {
	path := "/api/v1/waves/" + strconv.FormatInt(wave.ID, 10) + "/joins"
	var joined atomic.Int64
	p := startProgress(d.env.Stderr, "joining "+wave.Name, len(joiners))
	err := d.parallel(ctx, len(joiners), p, func(ctx context.Context, k int) error {
		i := joiners[k]
		r, err := d.client.do(ctx, "POST", path, struct{}{}, d.res.sessions[i])
		if err != nil {
			return err
		}
		if r.Status != 201 {
			return fmt.Errorf("joining the wave answered %d %s (the close came too soon?)", r.Status, r.Code)
		}
		joined.Add(1)
		w.regByIndex[i].joined = true
		return nil
	})
	p.Finish()
	w.Joined = int(joined.Load())
	return err
}

// awaitClose waits for the closing instant by the clock, counting down.
func (d *demo) awaitClose(ctx context.Context, wave *prakerja.Wave) error {
	left := time.Until(wave.ClosesAt)
	if left <= 0 {
		return nil
	}
	steps := int(left/(100*time.Millisecond)) + 1
	p := startProgress(d.env.Stderr, fmt.Sprintf("waiting for the close (%.1f s)", left.Seconds()), steps)
	defer p.Finish()
	for time.Now().Before(wave.ClosesAt) {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(min(100*time.Millisecond, max(time.Until(wave.ClosesAt), time.Millisecond))):
		}
		p.Add(1)
	}
	return nil
}

// runSelection runs the draw as `prakerja selection run` does, publishing
// to the data folder, verifies the artefacts from the files alone, and
// waits with drain for the announcements to leave the outbox.
func (d *demo) runSelection(ctx context.Context, w *demoWaveResult, wave *prakerja.Wave, drain func(context.Context) error) error {
	seedFile, out, prefix, cardKey, company := w.SeedFile, w.Artefacts, cardPrefixDefault, "", vaCompanyDefault
	f := &runFlags{selectionFlags: &selectionFlags{seedFile: &seedFile}, out: &out, prefix: &prefix, cardKey: &cardKey, company: &company}
	stored, err := d.app.store.Wave(ctx, wave.ID)
	if err != nil {
		return err
	}
	res, err := selectionRun(ctx, d.app.store, d.app.keys, stored, f, prakerja.SystemClock{})
	if err != nil {
		return fmt.Errorf("selection: %w", err)
	}
	w.Selected, w.ManifestSHA256, w.Announcements = res.Selected, res.ManifestSHA256, res.Joined
	rep, err := selection.Verify(out)
	if err != nil {
		return fmt.Errorf("the published selection does not verify: %w", err)
	}
	w.Verified = rep.Selected == res.Selected && rep.Applicants == res.Joined
	fmt.Fprintf(d.env.Stderr, "selection: %d of %d joiners selected, artefacts in %s verified\n", res.Selected, res.Joined, out)
	sent := d.res.MessagesQueued
	if err := drain(ctx); err != nil {
		return err
	}
	d.res.MessagesQueued = sent + int64(w.Announcements)
	return nil
}

// collectWave reads each joiner's outcome back from the store: selected per
// province and cards issued.
func (d *demo) collectWave(ctx context.Context, w *demoWaveResult, joiners []int) error {
	selected := make([]bool, len(joiners))
	p := startProgress(d.env.Stderr, "reading outcomes", len(joiners))
	err := d.parallel(ctx, len(joiners), p, func(ctx context.Context, k int) error {
		r, err := d.app.store.Registration(ctx, w.regByIndex[joiners[k]].id)
		if err != nil {
			return err
		}
		selected[k] = r.Status == prakerja.StatusSelected
		return nil
	})
	p.Finish()
	if err != nil {
		return err
	}
	pos := map[string]int{}
	for k, p := range w.Provinces {
		pos[p.Code] = k
	}
	for k, i := range joiners {
		r := w.regByIndex[i]
		if !r.joined {
			continue
		}
		pr := &w.Provinces[pos[r.province]]
		pr.Joined++
		if selected[k] {
			pr.Selected++
			w.CardsIssued++
		}
	}
	funnel, err := d.app.store.Funnel(ctx)
	if err != nil {
		return err
	}
	w.Statuses = map[string]int{}
	for status, n := range funnel {
		w.Statuses[string(status)] = int(n)
	}
	return nil
}

// reportWave prints the wave funnel and the provinces with the most
// eligible registrants.
func (d *demo) reportWave(row func(label string, n, of int)) {
	w := d.res.Wave
	if w == nil {
		return
	}
	out := d.env.Stdout
	fmt.Fprintf(out, "\nWave %d %q (closed %s, %.1f s)\n", w.ID, w.Name, w.ClosesWIB, w.Seconds)
	row("eligible", w.Eligible, 0)
	row("took the online test", w.TookTest, w.Eligible)
	row("passed", w.Passed, w.TookTest)
	row("joined the wave", w.Joined, w.Passed)
	row("late join refused (wave_closed)", w.LateRefused, 0)
	row("seats (quota)", w.Quota, w.Joined)
	row("selected", w.Selected, w.Joined)
	row("cards issued", w.CardsIssued, w.Selected)
	row("announced by SMS", w.Announcements, w.Joined)
	fmt.Fprintf(out, "\n  %-32s %8s %8s %8s %8s\n", "province", "eligible", "joined", "quota", "selected")
	shown := w.Provinces
	if len(shown) > demoProvincesShown {
		shown = shown[:demoProvincesShown]
	}
	for _, p := range shown {
		fmt.Fprintf(out, "  %-32s %8d %8d %8d %8d\n", p.Code+" "+truncateRunes(p.Name, 29), p.Eligible, p.Joined, p.Quota, p.Selected)
	}
	if rest := w.Provinces[len(shown):]; len(rest) > 0 {
		var e, j, q, s int
		for _, p := range rest {
			e, j, q, s = e+p.Eligible, j+p.Joined, q+p.Quota, s+p.Selected
		}
		fmt.Fprintf(out, "  %-32s %8d %8d %8d %8d\n", fmt.Sprintf("%d other provinces", len(rest)), e, j, q, s)
	}
	verified := "verified"
	if !w.Verified {
		verified = "NOT verified"
	}
	fmt.Fprintf(out, "\n  selection artefacts %s (%s); seed %s\n", w.Artefacts, verified, w.SeedFile)
	fmt.Fprintf(out, "  re-check them with: prakerja selection verify %s\n", w.Artefacts)
}

// truncateRunes cuts s to n runes.
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
