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
	logs := out + errOut + readFile(t, res.ServerLog) + readFile(t, res.MessageLog)
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
