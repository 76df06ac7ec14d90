package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/sqlite"
)

// selectionScaleEnv names the number of joiners TestSelectionScale seeds;
// unset skips it (200,000 take about a minute to seed on a laptop).
const selectionScaleEnv = "PRAKERJA_SELECTION_JOINERS"

// TestSelectionScale measures `selection run` on SQLite with a large wave
// whose joiners are inserted with plain SQL (the registration path is
// measured elsewhere): its report is the run's JSON line.
func TestSelectionScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv(selectionScaleEnv))
	if n <= 0 {
		t.Skipf("set %s=200000 to measure", selectionScaleEnv)
	}
	ctx := context.Background()
	dir := t.TempDir()
	if code, _, stderr := runCmd(t, ctx, nil, "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate: %s", stderr)
	}
	waveID := seedScaleWave(t, dir, n)
	seedFile, out := filepath.Join(t.TempDir(), "seed.txt"), filepath.Join(t.TempDir(), "wave")
	base := []string{"--data", dir, "--wave", strconv.FormatInt(waveID, 10), "--seed-file", seedFile}
	cmd := func(args ...string) (int, string, string) {
		return runCmd(t, ctx, nil, append(append([]string{"selection"}, args...), base...)...)
	}
	if code, _, stderr := cmd("commit", "--now", selOpens.Format(time.RFC3339)); code != 0 {
		t.Fatalf("commit: %s", stderr)
	}
	code, stdout, stderr := cmd("run", "--now", selCloses.Format(time.RFC3339), "--out", out, "--json")
	if code != 0 {
		t.Fatalf("run: %s", stderr)
	}
	t.Logf("run: %s", lastLine(stdout))
	start := time.Now()
	if code, _, stderr := runCmd(t, ctx, nil, "selection", "verify", out); code != 0 {
		t.Fatalf("verify: %s", stderr)
	}
	t.Logf("verify: %.2f s", time.Since(start).Seconds())
}

// seedScaleWave inserts n eligible, tested joiners of a wave with 8% of
// them in seats, spread over 34 provinces with a quota each.
func seedScaleWave(t *testing.T, dir string, n int) int64 {
	ctx := context.Background()
	s, err := sqlite.OpenDir(ctx, dir)
	must(t, err)
	defer s.Close()
	quotas := map[string]int{}
	for p := 11; p < 11+34; p++ {
		quotas[strconv.Itoa(p)] = n * 8 / 100 / 34
	}
	w := &prakerja.Wave{Name: "Gelombang Skala", Scheme: "2020", OpensAt: selOpens, ClosesAt: selCloses,
		Quota: n * 8 / 100, RegionQuotas: quotas}
	must(t, s.CreateWave(ctx, w, selOpens))
	tx, err := s.Writer().BeginTx(ctx, nil)
	must(t, err)
	reg, err := tx.PrepareContext(ctx, `INSERT INTO registrations (full_name, nik_ct, nik_idx, email_ct, email_idx,
	phone_ct, phone_idx, kk_ct, kk_idx, birth_date, sex, domicile_district, status, created_at, updated_at)
	VALUES ('x', ?, ?, ?, ?, ?, ?, ?, ?, '1995-08-17', 'F', ?, 'eligible', 0, 0) RETURNING id`)
	must(t, err)
	join, err := tx.PrepareContext(ctx, `INSERT INTO wave_joins (wave_id, registration_id, region, joined_at) VALUES (?, ?, ?, 0)`)
	must(t, err)
	for i := range n {
		v := []byte(fmt.Sprintf("v1:%d", i))
		kk := []byte(fmt.Sprintf("kk:%d", i/2)) // families of two
		province := strconv.Itoa(11 + i%34)
		var id int64
		must(t, reg.QueryRowContext(ctx, v, v, v, v, v, v, kk, kk, province+".01.01").Scan(&id))
		_, err := join.ExecContext(ctx, w.ID, id, province)
		must(t, err)
	}
	must(t, tx.Commit())
	return w.ID
}
