package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/prakerja/prakerja/selection"
)

// benchSelectResult is the JSON line of `bench select`.
type benchSelectResult struct {
	Joiners         int     `json:"joiners"`
	Selected        int     `json:"selected"`
	Seconds         float64 `json:"seconds"`
	VerifySeconds   float64 `json:"verify_seconds"`
	PublishSeconds  float64 `json:"publish_seconds"`
	GenerateSeconds float64 `json:"generate_seconds"`
	PeakRSSMB       float64 `json:"peak_rss_mb"`
}

// benchSelectFlags is the command line of `bench select`.
type benchSelectFlags struct {
	joiners, quota int
	dir            string
	seed           uint64
	asJSON         bool
	cpuProfile     string
}

func parseBenchSelectFlags(env *Env, args []string) (*benchSelectFlags, error) {
	fs := newFlagSet("bench select", env.Stderr)
	f := &benchSelectFlags{}
	fs.IntVar(&f.joiners, "joiners", selection.Wave1Joiners, "joiners of the synthetic wave (2020 wave 1 by default)")
	fs.IntVar(&f.quota, "quota", selection.Wave1Seats, "seats, split over 34 provinces in proportion to their joiners")
	fs.StringVar(&f.dir, "dir", "", "publish the artefacts here (default: a temporary folder, removed afterwards)")
	fs.Uint64Var(&f.seed, "seed", 2020, "seed of the synthetic wave and of the selection seed")
	fs.BoolVar(&f.asJSON, "json", false, "end with one JSON object")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the selection to FILE")
	if _, err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	if f.joiners < 1 || f.joiners > selection.ApplicantsMax || f.quota < 0 || f.quota > selection.SeatsMax {
		return nil, fmt.Errorf("--joiners must be 1..%d and --quota 0..%d", selection.ApplicantsMax, selection.SeatsMax)
	}
	return f, nil
}

// runBenchSelect times a selection on a synthetic wave held in memory,
// then publishes its artefacts and times Verify on them, which reads
// everything back from the files.
func runBenchSelect(_ context.Context, env *Env, args []string) error {
	f, err := parseBenchSelectFlags(env, args)
	if err != nil {
		return err
	}
	res := benchSelectResult{Joiners: f.joiners}
	start := time.Now()
	snap, q, err := selection.Synthetic(f.joiners, f.quota, f.seed)
	if err != nil {
		return err
	}
	res.GenerateSeconds = time.Since(start).Seconds()
	seed := benchSelectSeed(f.seed)
	if err := benchSelectRun(f, snap, seed, q, &res); err != nil {
		return err
	}
	dir, cleanup, err := benchSelectDir(f.dir)
	if err != nil {
		return err
	}
	defer cleanup()
	if err := benchPublishVerify(dir, snap, seed, q, &res); err != nil {
		return err
	}
	res.PeakRSSMB = peakRSSMB()
	fmt.Fprintf(env.Stdout, "selected %d of %d joiners in %.2fs; published in %.2fs; verified in %.2fs; peak RSS %.0f MB\n",
		res.Selected, res.Joiners, res.Seconds, res.PublishSeconds, res.VerifySeconds, res.PeakRSSMB)
	if f.asJSON {
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	return nil
}

// benchSelectSeed derives the selection seed from --seed, so a rerun into
// the same --dir publishes identical files instead of being refused.
func benchSelectSeed(s uint64) selection.Seed {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], s)
	return sha256.Sum256(append([]byte("prakerja bench select "), b[:]...))
}

// benchSelectRun times Select under the CPU profile, if asked for.
func benchSelectRun(f *benchSelectFlags, snap *selection.Snapshot, seed selection.Seed, q selection.Quotas, res *benchSelectResult) error {
	stopProfile, err := startCPUProfile(f.cpuProfile)
	if err != nil {
		return err
	}
	start := time.Now()
	r, err := selection.Select(snap, seed, q)
	res.Seconds = time.Since(start).Seconds()
	stopProfile()
	if err != nil {
		return err
	}
	res.Selected = r.Selected()
	return nil
}

// benchSelectDir returns the folder to publish to: dir, or a new
// temporary one that cleanup removes.
func benchSelectDir(dir string) (string, func(), error) {
	if dir != "" {
		return dir, func() {}, nil
	}
	tmp, err := os.MkdirTemp("", "prakerja-bench-select-")
	if err != nil {
		return "", nil, fmt.Errorf("temp folder: %w", err)
	}
	return tmp, func() { os.RemoveAll(tmp) }, nil
}

// benchPublishVerify publishes the artefacts and verifies them.
func benchPublishVerify(dir string, snap *selection.Snapshot, seed selection.Seed, q selection.Quotas, res *benchSelectResult) error {
	start := time.Now()
	if _, _, err := selection.Publish(dir, seed.Commit(), seed, snap, q); err != nil {
		return err
	}
	res.PublishSeconds = time.Since(start).Seconds()
	start = time.Now()
	rep, err := selection.Verify(dir)
	res.VerifySeconds = time.Since(start).Seconds()
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	if rep.Selected != res.Selected {
		return fmt.Errorf("verify recomputed %d winners, the run selected %d", rep.Selected, res.Selected)
	}
	return nil
}

// peakRSSMB reads the process's peak resident set (VmHWM) in MiB from
// /proc/self/status; 0 where there is no such file.
func peakRSSMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				return 0
			}
			return kb / 1024
		}
	}
	return 0
}
