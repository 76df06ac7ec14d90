package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
	"github.com/prakerja/prakerja/sqldb"
)

// The 2020 wave-1 shape the full-scale demo keeps at every size: at
// 7,600,000 registrants exactly 2,078,026 joiners and 168,111 seats,
// proportionally fewer below.
const (
	wave1Registrants = 7_600_000
	wave1Joiners     = 2_078_026
	wave1Selected    = 168_111
	demoScaleScore   = 80 // the bulk joiners' test score, a pass
)

// wave1Share is n's share of a wave-1 figure: of × n / 7,600,000, rounded.
func wave1Share(n, of int) int {
	return int(math.Round(float64(n) * float64(of) / wave1Registrants))
}

// scaleJoiners are the joiners the full-scale demo picked.
type scaleJoiners struct {
	ids       []int64
	districts []string
	eligible  map[string]int // province → eligible registrants
	joined    map[string]int // province → joiners
}

// pickJoiners pages through every eligible registrant and keeps want of
// them, spread evenly over the id order, with each province's counts.
func (d *demo) pickJoiners(ctx context.Context, want, eligible int, p *progress) (*scaleJoiners, error) {
	j := &scaleJoiners{eligible: map[string]int{}, joined: map[string]int{}}
	k := 0
	for after := int64(0); ; {
		ids, districts, next, err := d.app.store.EligiblePage(ctx, after, sqldb.EligiblePageMax)
		if err != nil || next == 0 {
			return j, err
		}
		for i, id := range ids {
			prov := provinceOf(districts[i])
			j.eligible[prov]++
			// The k-th of eligible is picked when it moves k·want/eligible
			// past a whole number: exactly want picks, evenly spread.
			if eligible > 0 && (k+1)*want/eligible > k*want/eligible {
				j.ids, j.districts = append(j.ids, id), append(j.districts, districts[i])
				j.joined[prov]++
			}
			k++
		}
		p.Add(len(ids))
		after = next
	}
}

// provinceOf is a dotted district code's province: "31.71.01" → "31".
func provinceOf(district string) string {
	code, _, _ := strings.Cut(district, ".")
	return code
}

// scaleWave is the full-scale wave: joiners and seats in the 2020 shape,
// tests and joins stored in bulk while the wave is open, then the real
// draw as `prakerja selection run` does it.
func (d *demo) scaleWave(ctx context.Context) error {
	start := time.Now()
	w := &demoWaveResult{Name: demoWaveName}
	d.res.Wave = w
	w.Eligible = d.res.Funnel[string(prakerja.StatusEligible)]
	want := min(wave1Share(d.opts.registrants, wave1Joiners), w.Eligible)
	var j *scaleJoiners
	if err := d.stageNote(ctx, "wave: joiners picked", "all eligible read by id", func(ctx context.Context) (int, error) {
		p := startProgress(d.env.Stderr, "reading the eligible", w.Eligible)
		defer p.Finish()
		var err error
		j, err = d.pickJoiners(ctx, want, w.Eligible, p)
		return w.Eligible, err
	}); err != nil {
		return err
	}
	wave, err := d.scaleCreateWave(ctx, w, j)
	if err != nil {
		return err
	}
	if err := d.commitSeed(ctx, w, wave); err != nil {
		return err
	}
	if err := d.stageNote(ctx, "wave: tests and joins", "bulk, while the wave is open", func(ctx context.Context) (int, error) {
		err := d.bulkJoin(ctx, w, wave, j)
		return w.Joined, err
	}); err != nil {
		return err
	}
	if err := d.stageNote(ctx, "wave: closed early", "joins in; the operator's audited close", func(ctx context.Context) (int, error) {
		return w.Joined, d.closeEarly(ctx, w, wave)
	}); err != nil {
		return err
	}
	err = d.stageNote(ctx, "selection and announcements", "selection run, outbox drained", func(ctx context.Context) (int, error) {
		err := d.scaleSelection(ctx, w, wave)
		return w.Joined, err
	})
	w.Seconds = time.Since(start).Seconds()
	return err
}

// demoCloseOperator is the operator the audit log names for the
// full-scale demo's early close.
const demoCloseOperator = "operator.demo"

// closeEarly closes the wave now, as `prakerja wave close` does, once
// every joiner is in: the planned close is sized for the slowest host, and
// waiting it out on a fast one is minutes of nothing. A planned close
// that came first is kept.
func (d *demo) closeEarly(ctx context.Context, w *demoWaveResult, wave *prakerja.Wave) error {
	closed, err := d.app.store.CloseWaveEarly(prakerja.WithAuditActor(ctx, demoCloseOperator), wave.ID, time.Now().UTC())
	if prakerja.ErrorCode(err) == prakerja.CodeWaveClosed {
		return nil
	}
	if err != nil {
		return err
	}
	*wave = *closed
	w.ClosesWIB = wave.ClosesAt.In(prakerja.WIB).Format(waveShownLayout)
	fmt.Fprintf(d.env.Stderr, "wave %d closed early by %s at %s, every joiner in\n", wave.ID, demoCloseOperator, w.ClosesWIB)
	return nil
}

// scaleCreateWave opens the wave now with the wave-1 share of seats spread
// over provinces by their joiners, closing when the bulk joins should be
// done at demoScaleJoinRate, with a margin.
func (d *demo) scaleCreateWave(ctx context.Context, w *demoWaveResult, j *scaleJoiners) (*prakerja.Wave, error) {
	seats := max(1, min(wave1Share(d.opts.registrants, wave1Selected), len(j.ids)))
	quotas := proportionalQuotas(j.joined, seats)
	now := time.Now()
	expect := time.Duration(float64(len(j.ids)) / demoScaleJoinRate * 1.5 * float64(time.Second))
	closes := now.Add(expect + demoCloseMargin + 10*time.Second).Truncate(time.Second).Add(time.Second)
	wave := &prakerja.Wave{Name: demoWaveName, Scheme: "2020", OpensAt: now.Add(-time.Second), ClosesAt: closes,
		Quota: seats, RegionQuotas: quotas}
	if err := d.app.store.CreateWave(ctx, wave, now); err != nil {
		return nil, fmt.Errorf("create the demo wave: %w", readableError(err))
	}
	w.ID, w.Quota = wave.ID, seats
	w.ClosesWIB = wave.ClosesAt.In(prakerja.WIB).Format(waveShownLayout)
	for code, n := range j.eligible {
		name := code
		if r, ok := nik.LookupProvince(code); ok {
			name = r.Name
		}
		w.Provinces = append(w.Provinces, demoWaveProvince{Code: code, Name: name, Eligible: n, Joined: j.joined[code], Quota: quotas[code]})
	}
	slices.SortFunc(w.Provinces, func(a, b demoWaveProvince) int { return b.Eligible - a.Eligible })
	fmt.Fprintf(d.env.Stderr, "wave %d %q: opens now, closes %s; %d joiners for %d seats over %d provinces\n",
		wave.ID, wave.Name, w.ClosesWIB, len(j.ids), seats, len(quotas))
	return wave, nil
}

// demoScaleJoinRate is the bulk join pace (a second) the wave's close
// allows for, with half again to spare: 52,000/s were measured on a
// 2-core machine at load 15. Joins the close cuts off are refused as late
// ones are (wave_closed), not an error.
const demoScaleJoinRate = 20_000

// bulkJoin stores each joiner's passed test and join, in transactions of
// demoSeedTxRows.
func (d *demo) bulkJoin(ctx context.Context, w *demoWaveResult, wave *prakerja.Wave, j *scaleJoiners) error {
	p := startProgress(d.env.Stderr, "joining "+wave.Name, len(j.ids))
	defer p.Finish()
	regions := make([]string, 0, demoSeedTxRows)
	for start := 0; start < len(j.ids); start += demoSeedTxRows {
		end := min(start+demoSeedTxRows, len(j.ids))
		regions = regions[:0]
		for _, district := range j.districts[start:end] {
			r, ok := wave.RegionOf(district)
			if !ok {
				return fmt.Errorf("district %s is outside the demo wave", district)
			}
			regions = append(regions, r)
		}
		err := d.app.store.BulkJoinWave(ctx, wave.ID, j.ids[start:end], regions, demoScaleScore, time.Now())
		if prakerja.ErrorCode(err) == prakerja.CodeWaveClosed {
			w.LateRefused = len(j.ids) - start
			break
		}
		if err != nil {
			return err
		}
		p.Add(end - start)
		w.Joined = end
	}
	w.TookTest, w.Passed = len(j.ids), len(j.ids)
	return nil
}

// scaleSelection is runSelection with the full-scale outbox wait: the
// announcements of two million joiners take longer than two minutes.
func (d *demo) scaleSelection(ctx context.Context, w *demoWaveResult, wave *prakerja.Wave) error {
	if err := d.runSelection(ctx, w, wave, d.scaleDrain); err != nil {
		return err
	}
	w.CardsIssued = w.Selected
	return nil
}
