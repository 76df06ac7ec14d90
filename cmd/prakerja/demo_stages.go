package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// demoStage is one line of the demo's stage timing table: how long a stage
// took for how many items, and the process's peak resident memory when it
// ended, so a run at any size shows where its time and memory went.
type demoStage struct {
	Name       string  `json:"name"`
	Items      int     `json:"items"`
	Seconds    float64 `json:"seconds"`
	PerSecond  float64 `json:"per_second"`
	PeakRSSMiB float64 `json:"peak_rss_mib"`
	// GoMiB is the Go runtime's own memory at the stage's end (heap,
	// stacks, runtime; not SQLite's page caches, which the pure-Go driver
	// allocates outside the Go heap), so RSS minus it is the database's.
	GoMiB float64 `json:"go_mib"`
	Note  string  `json:"note,omitempty"`
}

// demoStagesMax bounds the table; the demo has a fixed, small set of stages.
const demoStagesMax = 64

// stage runs fn as a named stage and records its line. fn returns how
// many items the stage handled (registrations, joiners, participants).
func (d *demo) stage(ctx context.Context, name string, fn func(ctx context.Context) (int, error)) error {
	return d.stageNote(ctx, name, "", fn)
}

// stageNote is stage with a note for the table, such as which steps of the
// stage went through HTTP and which through the store in bulk.
func (d *demo) stageNote(ctx context.Context, name, note string, fn func(ctx context.Context) (int, error)) error {
	start := time.Now()
	items, err := fn(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	d.recordStage(name, note, items, time.Since(start))
	return nil
}

// recordStage adds a line to the table.
func (d *demo) recordStage(name, note string, items int, took time.Duration) {
	if len(d.res.Stages) >= demoStagesMax {
		return
	}
	s := demoStage{Name: name, Items: items, Seconds: took.Seconds(), PeakRSSMiB: peakRSSMiB(), GoMiB: goMiB(), Note: note}
	if s.Seconds > 0 {
		s.PerSecond = float64(items) / s.Seconds
	}
	d.res.Stages = append(d.res.Stages, s)
}

// writeStageTable prints the stage timing table.
func writeStageTable(w io.Writer, stages []demoStage, total float64) {
	if len(stages) == 0 {
		return
	}
	fmt.Fprintf(w, "\nStages\n  %-30s %10s %9s %10s %9s %7s\n", "stage", "items", "seconds", "items/s", "peak MiB", "Go MiB")
	for _, s := range stages {
		fmt.Fprintf(w, "  %-30s %10d %9.1f %10.0f %9.0f %7.0f", truncateRunes(s.Name, 30), s.Items, s.Seconds, s.PerSecond, s.PeakRSSMiB, s.GoMiB)
		if s.Note != "" {
			fmt.Fprintf(w, "  (%s)", s.Note)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "  %-30s %10s %9.1f %10s %9.0f\n", "whole demo", "", total, "", peakRSSMiB())
}

// goMiB is the memory the Go runtime holds from the system, less what it
// has released back.
func goMiB() float64 {
	sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 || sample[1].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return float64(sample[0].Value.Uint64()-sample[1].Value.Uint64()) / (1 << 20)
}

// peakRSSMiB is the process's peak resident set (VmHWM) in MiB, or 0
// where /proc is not available.
func peakRSSMiB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	kib, _ := parseVmHWM(f)
	return float64(kib) / 1024
}

// parseVmHWM reads the VmHWM line ("VmHWM:   123456 kB") of a
// /proc/<pid>/status file and returns its value in KiB.
func parseVmHWM(r io.Reader) (int64, bool) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:")
		if !ok {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) == 0 {
			return 0, false
		}
		n, err := strconv.ParseInt(fields[0], 10, 64)
		return n, err == nil
	}
	return 0, false
}
