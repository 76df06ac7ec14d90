package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestParseVmHWM reads the peak resident set from /proc/<pid>/status text.
func TestParseVmHWM(t *testing.T) {
	tests := []struct {
		name   string
		status string
		want   int64
		ok     bool
	}{
		{"present", "Name:\tprakerja\nVmPeak:\t  900 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1000 kB\n", 123456, true},
		{"absent", "Name:\tprakerja\nVmRSS:\t 1000 kB\n", 0, false},
		{"empty value", "VmHWM:\n", 0, false},
		{"not a number", "VmHWM:\t lots kB\n", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseVmHWM(strings.NewReader(tt.status))
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: got %d, %v; want %d, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
	if peakRSSMiB() <= 0 {
		t.Errorf("peak RSS of this test process is %v MiB, want > 0 (Linux /proc)", peakRSSMiB())
	}
}

// TestStageTable prints a line per stage with its rate and note, and
// records at most demoStagesMax lines.
func TestStageTable(t *testing.T) {
	d := &demo{}
	d.recordStage("registrations", "HTTP", 3000, 1500_000_000)
	d.recordStage("verification pipeline", "", 0, 0)
	var b bytes.Buffer
	writeStageTable(&b, d.res.Stages, 12.5)
	out := b.String()
	for _, want := range []string{"registrations", "3000", "1.5", "2000", "(HTTP)", "verification pipeline", "whole demo", "12.5"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if d.res.Stages[1].PerSecond != 0 {
		t.Errorf("a stage of no time has rate %v, want 0", d.res.Stages[1].PerSecond)
	}
	for range demoStagesMax + 5 {
		d.recordStage("x", "", 1, 1)
	}
	if len(d.res.Stages) != demoStagesMax {
		t.Errorf("%d stages recorded, want the bound %d", len(d.res.Stages), demoStagesMax)
	}
}
