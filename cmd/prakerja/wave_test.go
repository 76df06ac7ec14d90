package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWaveCreateInWIB creates a wave on a machine whose local zone is
// UTC−8 and checks that the instants were read, stored and printed as WIB.
// It changes time.Local, so it is not parallel (parallel tests of the
// package start only after it has restored the zone).
func TestWaveCreateInWIB(t *testing.T) {
	saved := time.Local
	time.Local = time.FixedZone("PST", -8*60*60)
	defer func() { time.Local = saved }()
	dir := backlogDataDir(t)
	env := map[string]string{"PRAKERJA_DATA": dir}
	code, out, errOut := runStoreCmd(t, env, "wave", "create", "--name", "Gelombang 1",
		"--opens", "2020-04-11 09:00", "--closes", "2020-04-16 16:00", "--quota", "168111",
		"--region-quota", "31=20000", "--region-quota", "31.71=5000", "--regions", "31,32", "--json")
	if code != 0 {
		t.Fatalf("wave create: exit %d: %s", code, errOut)
	}
	var got struct{ Wave waveJSON }
	lastJSON(t, out, &got)
	wantOpens := time.Date(2020, 4, 11, 2, 0, 0, 0, time.UTC)
	wantCloses := time.Date(2020, 4, 16, 9, 0, 0, 0, time.UTC)
	if !got.Wave.OpensAt.Equal(wantOpens) || !got.Wave.ClosesAt.Equal(wantCloses) {
		t.Errorf("stored %v – %v, want %v – %v", got.Wave.OpensAt, got.Wave.ClosesAt, wantOpens, wantCloses)
	}
	if got.Wave.ClosesWIB != "2020-04-16 16:00:00 WIB" || !strings.Contains(out, "closes 2020-04-16 16:00:00 WIB") {
		t.Errorf("closing shown as %q in %q", got.Wave.ClosesWIB, out)
	}
	if got.Wave.RegionQuotas["31.71"] != 5000 || len(got.Wave.Regions) != 2 {
		t.Errorf("quotas %v regions %v", got.Wave.RegionQuotas, got.Wave.Regions)
	}
	code, out, errOut = runStoreCmd(t, env, "wave", "list", "--json")
	var list struct{ Waves []waveJSON }
	lastJSON(t, out, &list)
	if code != 0 || len(list.Waves) != 1 || list.Waves[0].Status != "closed" || !strings.Contains(out, "2020-04-11 09:00:00 WIB") {
		t.Fatalf("wave list: exit %d %s %s", code, out, errOut)
	}
}

// TestWaveCreateRefused checks that bad waves exit 1 with a message saying
// what is wrong, and store nothing.
func TestWaveCreateRefused(t *testing.T) {
	t.Parallel()
	dir := backlogDataDir(t)
	env := map[string]string{"PRAKERJA_DATA": dir}
	csvFile := filepath.Join(t.TempDir(), "quotas.csv")
	if err := os.WriteFile(csvFile, []byte("region,seats\n31,600\n32,500\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"wave", "create", "--name", "G", "--opens", "2030-01-01 09:00", "--closes", "2030-01-05 16:00"}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"ErrClosesBeforeOpens", []string{"wave", "create", "--name", "G", "--opens", "2030-01-05 09:00",
			"--closes", "2030-01-05 09:00", "--quota", "10"}, "closes after it opens"},
		{"ErrBadTime", []string{"wave", "create", "--name", "G", "--opens", "5 Jan", "--closes", "2030-01-05 09:00",
			"--quota", "10"}, "is not a WIB time"},
		{"ErrUnknownRegion", append(base, "--quota", "10", "--regions", "31,99"), `region "99" is no current`},
		{"ErrUnknownRegency", append(base, "--quota", "10", "--region-quota", "31.99=5"), `"31.99" is no current`},
		{"ErrQuotasOverTotal", append(base, "--quota", "1000", "--region-quotas", csvFile), "add up to 1100"},
		{"ErrFileAndFlags", append(base, "--quota", "2000", "--region-quotas", csvFile, "--region-quota", "33=1"), "not both"},
		{"ErrUnknownScheme", append(base, "--quota", "10", "--scheme", "1999"), "--scheme"},
		{"ErrNoQuota", base, "quota is 1 to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runStoreCmd(t, env, tt.args...)
			if code != 1 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, errOut, tt.want)
			}
		})
	}
	code, out, _ := runStoreCmd(t, env, append(base, "--quota", "2000", "--region-quotas", csvFile)...)
	if code != 0 || !strings.Contains(out, "quota 2000") {
		t.Fatalf("wave create from CSV: exit %d %s", code, out)
	}
	code, out, _ = runStoreCmd(t, env, "wave", "list")
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, "upcoming") {
		t.Fatalf("wave list after refusals: exit %d\n%s", code, out)
	}
}
