package main

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqlite"
	"github.com/prakerja/prakerja/storetest"
)

// TestComplaintsDemoAndList seeds the demo's desk on a data folder and
// lists it: a mix of states, the late tickets first, audit records for
// the agents' work, and refused flags.
func TestComplaintsDemoAndList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := backlogDataDir(t)
	store, err := sqlite.OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	recs := storetest.MustCreateIn(t, store, prakerja.StatusEligible, make([]time.Time, 400))
	ids := make([]int64, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	if _, err := store.Writer().Exec(`UPDATE registrations SET phone_verified_at = ?`, now.UnixMicro()); err != nil {
		t.Fatal(err)
	}
	keys, err := pii.NewKeyFile("k1").Keyring()
	if err != nil {
		t.Fatal(err)
	}
	n, err := seedDemoComplaints(ctx, store, keys, mock.NewClock(now), ids, rand.New(rand.NewPCG(7, 7)))
	if err != nil || n != len(ids)/complaintsDemoShare {
		t.Fatalf("seeded %d (%v), want %d", n, err, len(ids)/complaintsDemoShare)
	}
	audits, err := store.AuditEntries(ctx, 0, 1000)
	if err != nil || len(audits) == 0 {
		t.Fatalf("%d audit records (%v), want the agents' work", len(audits), err)
	}
	msgs, err := store.Messages(ctx, prakerja.MessageFilter{Template: "complaint_update"})
	if err != nil || len(msgs) == 0 {
		t.Fatalf("%d notices (%v)", len(msgs), err)
	}
	store.Close()

	var open struct {
		Complaints []complaintRowJSON `json:"complaints"`
		BySLA      map[string]int     `json:"by_sla"`
	}
	code, out, errOut := runStoreCmd(t, nil, "complaints", "list", "--data", dir, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lastJSON(t, out, &open)
	states := map[string]int{}
	for i, r := range open.Complaints {
		states[r.State]++
		if i > 0 && r.SLA == "breached" && open.Complaints[i-1].SLA != "breached" {
			t.Fatalf("breached %s listed after %s", r.Reference, open.Complaints[i-1].Reference)
		}
	}
	if states["open"] == 0 || states["waiting_registrant"]+states["in_progress"] == 0 || open.BySLA["breached"] == 0 {
		t.Fatalf("open queue states %v, sla %v: not a realistic mix", states, open.BySLA)
	}
	var resolved struct {
		Complaints []complaintRowJSON `json:"complaints"`
	}
	code, out, _ = runStoreCmd(t, nil, "complaints", "list", "--data", dir, "--state", "resolved", "--json")
	lastJSON(t, out, &resolved)
	if code != 0 || len(resolved.Complaints) == 0 {
		t.Fatalf("exit %d, %d resolved", code, len(resolved.Complaints))
	}
	if code, _, _ := runStoreCmd(t, nil, "complaints", "list", "--data", dir, "--state", "closed"); code == 0 {
		t.Fatal("an unknown state was accepted")
	}
}
