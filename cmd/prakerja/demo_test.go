package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/selection"
)

// TestDemo runs a small demo end to end over real HTTP and then scans every
// log and output it produced for the personal data it used: no NIK, KK,
// phone or e-mail may appear in any of them.
func TestDemo(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	const n = 400
	code, out, errOut := runCmd(t, context.Background(), nil, "demo", "--registrants", "400", "--data", dir, "--json", "--workers", "8")
	if code != 0 {
		t.Fatalf("demo exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	var res demoResult
	if err := json.Unmarshal([]byte(lastLine(out)), &res); err != nil {
		t.Fatalf("last line is not JSON: %v\n%s", err, out)
	}
	if res.Attempts != n || res.Unexpected != 0 || res.Created == 0 || res.PhoneVerified == 0 || res.SignIns == 0 {
		t.Fatalf("funnel = %+v, want %d attempts, none unexpected, some verified and signed in", res, n)
	}
	// Every phone-verified registrant went through the pipeline: decided,
	// none left waiting, and each one who fell out with a reason.
	decided := res.Funnel["identity_failed"] + res.Funnel["eligible"] + res.Funnel["ineligible"]
	if decided != res.PhoneVerified || res.Funnel["phone_verified"]+res.Funnel["identity_verified"] != 0 {
		t.Errorf("store funnel %v: want all %d phone-verified registrants decided", res.Funnel, res.PhoneVerified)
	}
	if res.Funnel["eligible"] == 0 || len(res.ExclusionLists) == 0 {
		t.Errorf("funnel %v, lists %v: want some eligible and lists imported", res.Funnel, res.ExclusionLists)
	}
	for _, st := range []string{"identity_failed", "ineligible"} {
		total := 0
		for _, n := range res.Reasons[st] {
			total += n
		}
		if total < res.Funnel[st] {
			t.Errorf("%s: %d registrants but only %d reasons", st, res.Funnel[st], total)
		}
	}
	checkDemoWave(t, &res)
	checkStages(t, res.Stages, "registrations", "verification pipeline", "wave (tests, joins, selection)", "money (credit to payouts)")
	logs := out + errOut + readFile(t, res.ServerLog) + readFile(t, res.MessageLog)
	// The published artefacts are public: they must hold no personal data either.
	artefacts, err := os.ReadDir(res.Wave.Artefacts)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range artefacts {
		logs += readFile(t, filepath.Join(res.Wave.Artefacts, e.Name()))
	}
	for _, a := range population.Attempts(2020, n, population.Options{Ref: time.Now()}) {
		for field, v := range map[string]string{"nik": a.Input.NIK, "kk": a.Input.KK, "phone": a.Input.Phone, "email": a.Input.Email} {
			if len(v) >= 8 && strings.Contains(logs, v) {
				t.Fatalf("a %s used by the demo appears in its logs or output", field)
			}
		}
	}
	// A second run on the same folder starts afresh instead of failing.
	if code, out, errOut := runCmd(t, context.Background(), nil, "demo", "--registrants", "20", "--data", dir, "--workers", "2"); code != 0 {
		t.Fatalf("second demo exit %d\n%s\n%s", code, out, errOut)
	}
}

// checkDemoWave checks the wave funnel of a demo: tests taken and some
// failed, joins, a late join refused, a real draw within the quota, one
// card per winner, and artefacts that verify from the files alone.
func checkDemoWave(t *testing.T, res *demoResult) {
	t.Helper()
	w := res.Wave
	if w == nil {
		t.Fatal("the demo ran no wave")
	}
	if w.Eligible != res.Funnel["eligible"] || w.TookTest == 0 || w.Passed == 0 || w.Passed >= w.TookTest {
		t.Errorf("wave funnel %+v: want the %d eligible to take tests, some passing and some failing", w, res.Funnel["eligible"])
	}
	if w.Joined == 0 || w.Joined > w.Passed || w.LateRefused != 1 {
		t.Errorf("wave funnel %+v: want joins by those who passed and one late join refused", w)
	}
	if w.Selected == 0 || w.Selected > w.Quota || w.Selected >= w.Joined || w.CardsIssued != w.Selected {
		t.Errorf("wave funnel %+v: want a draw (0 < selected ≤ quota, selected < joined) and a card per winner", w)
	}
	if w.Announcements != w.Joined || w.Statuses["selected"] != w.Selected {
		t.Errorf("wave funnel %+v: want every joiner announced and the winners selected in the store", w)
	}
	var joined, selected, quota int
	for _, p := range w.Provinces {
		joined, selected, quota = joined+p.Joined, selected+p.Selected, quota+p.Quota
	}
	if joined != w.Joined || selected != w.Selected || quota != w.Quota {
		t.Errorf("provinces add up to %d joined, %d selected, %d seats; want %d, %d, %d", joined, selected, quota, w.Joined, w.Selected, w.Quota)
	}
	rep, err := selection.Verify(w.Artefacts)
	if err != nil || !w.Verified {
		t.Fatalf("the demo's artefacts do not verify: %v", err)
	}
	if rep.Selected != w.Selected || rep.Applicants != w.Joined {
		t.Errorf("verified %+v, want %d applicants and %d selected", rep, w.Joined, w.Selected)
	}
	if fi, err := os.Stat(w.SeedFile); err != nil || fi.Mode().Perm() != seedFileMode {
		t.Errorf("seed file %s: %v, want mode %v", w.SeedFile, err, os.FileMode(seedFileMode))
	}
	if code, out, errOut := runCmd(t, context.Background(), nil, "selection", "verify", w.Artefacts); code != 0 {
		t.Errorf("prakerja selection verify exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestDemoRefusesForeignFolder keeps the demo from wiping data it did not make.
func TestDemoRefusesForeignFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keep := filepath.Join(dir, "precious.txt")
	if err := os.WriteFile(keep, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCmd(t, context.Background(), nil, "demo", "--registrants", "10", "--data", dir)
	if code == 0 || !strings.Contains(errOut, "did not make") {
		t.Fatalf("demo on a foreign folder: exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Fatalf("the foreign file is gone: %v", err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
