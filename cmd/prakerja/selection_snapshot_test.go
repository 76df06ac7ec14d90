package main

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/selection"
	"github.com/prakerja/prakerja/sqlite"
	"github.com/prakerja/prakerja/storetest"
)

// TestSnapshotNominee freezes a wave of six DKI Jakarta joiners for one
// seat, one of them nominated by BPJS Ketenagakerjaan: the nominee's line
// is in tier 0, everyone else's in tier 1, and the draw picks the nominee
// whatever the seed, since tiers rank before the HMAC.
func TestSnapshotNominee(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	if code, _, stderr := runCmd(t, ctx, nil, "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate: %d %s", code, stderr)
	}
	s, err := sqlite.OpenDir(ctx, dir)
	must(t, err)
	defer s.Close()
	w := &prakerja.Wave{Name: "Gelombang Uji", Scheme: "2020", OpensAt: selOpens, ClosesAt: selCloses,
		Quota: 1, RegionQuotas: map[string]int{"31": 1}}
	must(t, s.CreateWave(ctx, w, selOpens))
	joinAt := selOpens.Add(time.Hour)
	var nominee prakerja.NewRegistration
	for i, district := range selectionJoiners[:6] {
		nr := storetest.NewRegistration(storetest.Unique())
		nr.Challenge, nr.Message = nil, nil
		nr.Record.Status, nr.Record.DomicileDistrict = prakerja.StatusEligible, district
		must(t, s.CreateRegistration(ctx, nr))
		must(t, s.RecordTestResult(ctx, &prakerja.TestResult{RegistrationID: nr.Record.ID, Score: 80, Passed: true, TakenAt: joinAt}))
		if _, _, err := s.JoinWave(ctx, w.ID, nr.Record.ID, joinAt); err != nil {
			t.Fatal(err)
		}
		if i == 4 {
			nominee = *nr
		}
	}
	imp := &prakerja.NominationImport{Institution: "bpjs_tk", Name: "BPJS Ketenagakerjaan"}
	sent := false
	must(t, s.ImportNominations(ctx, imp, func() ([]prakerja.NominationEntry, error) {
		if sent {
			return nil, nil
		}
		sent = true
		return []prakerja.NominationEntry{{NIKIndex: nominee.Record.NIK.Index, Category: prakerja.NominationPHK}}, nil
	}, joinAt))

	keys, err := pii.NewKeyFile("k1").Keyring()
	must(t, err)
	fr, err := freezeApplicants(ctx, s, keys, w.ID)
	must(t, err)
	for _, app := range fr.snap.Applicants {
		want := uint8(prakerja.TierGeneral)
		if fr.joiners[app.Pseudonym].registrationID == nominee.Record.ID {
			want = prakerja.TierNominated
		}
		if app.Tier != want {
			t.Fatalf("registration %d in tier %d, want %d", fr.joiners[app.Pseudonym].registrationID, app.Tier, want)
		}
	}
	quotas := selection.Quotas{Wave: "wave-1", Total: 1, PerKK: 1, Regions: map[string]int{"31": 1}}
	for range 5 {
		seed, err := selection.NewSeed()
		must(t, err)
		res, err := selection.Select(fr.snap, seed, quotas)
		must(t, err)
		if len(res.Winners) != 1 {
			t.Fatalf("%d winners, want 1", len(res.Winners))
		}
		won := fr.snap.Applicants[res.Winners[0].Applicant]
		if got := fr.joiners[won.Pseudonym].registrationID; got != nominee.Record.ID {
			t.Fatalf("seed %s selected registration %d, want the nominee %d", seed, got, nominee.Record.ID)
		}
	}
}
