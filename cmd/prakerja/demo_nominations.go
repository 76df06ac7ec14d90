package main

import (
	"context"
	"fmt"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nomination"
	"github.com/prakerja/prakerja/population"
)

// demoNominationEvery makes one valid attempt in this many a nominee of
// the demo's institution (BPJS Ketenagakerjaan: laid-off workers), before
// the wave, so the draw puts those who join in priority tier 0 and the
// institution's portal has people to follow.
const demoNominationEvery = 40

// nominate sends the demo institution's list through the same path as its
// signed API. Some nominees never register, as in life.
func (d *demo) nominate(ctx context.Context, attempts []population.Attempt) error {
	var rows []nomination.Row
	for i, a := range attempts {
		if a.Kind == population.KindValid && i%demoNominationEvery == 0 {
			rows = append(rows, nomination.Row{NIK: a.Input.NIK, Category: "phk"})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	sub, err := nomination.NewSubmitter(d.app.store, d.app.keys, prakerja.SystemClock{}).
		Submit(ctx, demoPartners[prakerja.RoleInstitution], "prakerja demo", nomination.RowsCSV(rows))
	if err != nil {
		return fmt.Errorf("demo nominations: %w", err)
	}
	if !sub.Stored {
		return fmt.Errorf("demo nominations: %d of %d rows refused", sub.Refused, len(rows))
	}
	d.res.Nominated = len(rows)
	return nil
}
