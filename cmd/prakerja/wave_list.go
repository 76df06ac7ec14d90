package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/prakerja/prakerja"
)

// waveJSON is a wave as the commands print it: instants in UTC (RFC 3339)
// and again as WIB wall-clock text, the form the programme announces.
type waveJSON struct {
	ID           int64          `json:"id"`
	Name         string         `json:"name"`
	Scheme       string         `json:"scheme"`
	Status       string         `json:"status"`
	OpensAt      time.Time      `json:"opens_at"`
	ClosesAt     time.Time      `json:"closes_at"`
	OpensWIB     string         `json:"opens_wib"`
	ClosesWIB    string         `json:"closes_wib"`
	Quota        int            `json:"quota"`
	RegionQuotas map[string]int `json:"region_quotas"`
	Regions      []string       `json:"regions"`
	Joined       int64          `json:"joined"`
}

func waveJSONOf(w *prakerja.Wave, now time.Time, joined int64) waveJSON {
	regions := w.Regions
	if regions == nil {
		regions = []string{}
	}
	quotas := w.RegionQuotas
	if quotas == nil {
		quotas = map[string]int{}
	}
	return waveJSON{ID: w.ID, Name: w.Name, Scheme: w.Scheme, Status: string(w.Status(now)),
		OpensAt: w.OpensAt.UTC(), ClosesAt: w.ClosesAt.UTC(),
		OpensWIB:  w.OpensAt.In(prakerja.WIB).Format(waveShownLayout),
		ClosesWIB: w.ClosesAt.In(prakerja.WIB).Format(waveShownLayout),
		Quota:     w.Quota, RegionQuotas: quotas, Regions: regions, Joined: joined}
}

// waveList prints every wave with its status now and its joins so far.
func waveList(ctx context.Context, w io.Writer, wf *waveFlags) error {
	store, err := wf.sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	waves, err := store.Waves(ctx, time.Time{})
	if err != nil {
		return err
	}
	now := time.Now()
	out := make([]waveJSON, 0, len(waves))
	for i := range waves {
		counts, err := store.WaveJoinCounts(ctx, waves[i].ID)
		if err != nil {
			return err
		}
		var joined int64
		for _, n := range counts {
			joined += n
		}
		out = append(out, waveJSONOf(&waves[i], now, joined))
	}
	printWaves(w, out)
	return reviewEncode(w, *wf.asJSON, map[string][]waveJSON{"waves": out})
}

// printWaves writes the table, times in WIB.
func printWaves(w io.Writer, waves []waveJSON) {
	if len(waves) == 0 {
		fmt.Fprintln(w, "no waves")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSTATUS\tOPENS\tCLOSES\tQUOTA\tJOINED\tREGIONS")
	for _, v := range waves {
		regions := "all"
		if len(v.Regions) > 0 {
			sorted := append([]string(nil), v.Regions...)
			sort.Strings(sorted)
			regions = fmt.Sprint(sorted)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", v.ID, v.Name, v.Status, v.OpensWIB, v.ClosesWIB, v.Quota, v.Joined, regions)
	}
	tw.Flush()
}
