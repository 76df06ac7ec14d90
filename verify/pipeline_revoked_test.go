package verify_test

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/verify/verifytest"
)

// TestRevokedNIKInLaterWave blacklists one eligible registrant's NIK, as a
// card revoked for a missed first-purchase deadline does, and re-runs
// eligibility: exactly that registrant becomes ineligible with
// revoked_before (not excluded_group), the others stay as they were.
func TestRevokedNIKInLaterWave(t *testing.T) {
	t.Parallel()
	const n = 60
	ctx := context.Background()
	e := newEnv(t, n)
	ids := e.seed(t, verifytest.Registrants(e.pop, n))
	drain(t, e.pipeline(t, e.client(t)))
	before := checkFinal(t, e.store, ids)
	var revoked int64
	for _, id := range ids {
		if before[id].Status == prakerja.StatusEligible {
			revoked = id
			break
		}
	}
	if revoked == 0 {
		t.Fatal("no eligible registrant to revoke")
	}
	// The blacklist row RevokeParticipant writes, without a card behind it.
	_, err := e.store.Writer().ExecContext(ctx, `INSERT INTO nik_blacklist (nik_idx, registration_id, reason, created_at)
		VALUES (?, ?, ?, ?)`, before[revoked].NIK.Index, revoked, prakerja.RevokeReasonFirstPurchase, e.now.UnixMicro())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.Rerun(ctx, prakerja.RerunFilter{Step: prakerja.StepEligibility,
		Statuses: []prakerja.RegistrationStatus{prakerja.StatusEligible}}, e.now); err != nil {
		t.Fatal(err)
	}
	drain(t, e.pipeline(t, e.client(t)))
	after := checkFinal(t, e.store, ids)
	for _, id := range ids {
		a := after[id]
		switch {
		case id == revoked && (a.Status != prakerja.StatusIneligible || len(a.Reasons) != 1 || a.Reasons[0] != "revoked_before"):
			t.Errorf("revoked registration: %s %v, want ineligible [revoked_before]", a.Status, a.Reasons)
		case id != revoked && a.Status != before[id].Status:
			t.Errorf("registration %d moved from %s to %s", id, before[id].Status, a.Status)
		}
	}
}
