package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// partnerKey is a valid key of a partner; sealed bytes stand in for the
// keyring's ciphertext, which the store never opens.
func partnerKey(kind prakerja.PartnerKind, partner string, n int64, at time.Time) *prakerja.PartnerKey {
	return &prakerja.PartnerKey{KeyID: fmt.Sprintf("pk_test%08d", n), Kind: kind, Partner: partner,
		SecretSealed: Index("sealed", n), CreatedBy: "storetest", CreatedAt: at}
}

func partnerAudit(action string, n int64) *prakerja.AuditEntry {
	return &prakerja.AuditEntry{At: T0, Actor: "storetest", Action: action, Subject: fmt.Sprintf("partner_key:%d", n), Detail: "{}"}
}

// testPartnerKeys: keys are created with their audit record, at most two
// active per partner (even when created concurrently), listed newest
// first, revoked once; signatures are refused while remembered and taken
// over once expired.
func testPartnerKeys(t *testing.T, open Opener) {
	s := open(t)
	ctx := context.Background()
	n := seq.Add(1)
	k1 := partnerKey(prakerja.PartnerPlatform, "tokopedia", n, T0)
	must(t, s.CreatePartnerKey(ctx, k1, partnerAudit(prakerja.AuditPartnerKeyCreated, n)))
	got, err := s.PartnerKey(ctx, k1.KeyID)
	must(t, err)
	if got.Kind != k1.Kind || got.Partner != k1.Partner || string(got.SecretSealed) != string(k1.SecretSealed) ||
		!got.CreatedAt.Equal(T0) || !got.Active() {
		t.Fatalf("read back %+v, want %+v", got, k1)
	}
	WantCode(t, s.CreatePartnerKey(ctx, k1, partnerAudit(prakerja.AuditPartnerKeyCreated, n)), prakerja.CodeConflict)
	bad := partnerKey("robot", "x", seq.Add(1), T0)
	WantCode(t, s.CreatePartnerKey(ctx, bad, partnerAudit(prakerja.AuditPartnerKeyCreated, n)), prakerja.CodeInvalid)
	_, err = s.PartnerKey(ctx, "pk_nosuchkey")
	WantCode(t, err, prakerja.CodeNotFound)

	// Concurrent creations for one partner: exactly one more fits.
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[prakerja.Code]int{}
	for range 6 {
		wg.Go(func() {
			m := seq.Add(1)
			err := s.CreatePartnerKey(ctx, partnerKey(prakerja.PartnerPlatform, "tokopedia", m, T0.Add(time.Second)),
				partnerAudit(prakerja.AuditPartnerKeyCreated, m))
			mu.Lock()
			codes[prakerja.ErrorCode(err)]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if codes[""] != 1 || codes[prakerja.CodeConflict] != 5 {
		t.Fatalf("concurrent creations: %v, want one success and five conflicts", codes)
	}
	other := partnerKey(prakerja.PartnerInstitution, "bpjs_tk", seq.Add(1), T0)
	must(t, s.CreatePartnerKey(ctx, other, partnerAudit(prakerja.AuditPartnerKeyCreated, n)))

	list, err := s.PartnerKeys(ctx, prakerja.PartnerKeyFilter{Kind: prakerja.PartnerPlatform, Partner: "tokopedia"})
	must(t, err)
	if len(list) != 2 || list[1].KeyID != k1.KeyID {
		t.Fatalf("platform keys: %d, last %v; want 2, oldest last", len(list), list)
	}
	revoked, err := s.RevokePartnerKey(ctx, k1.KeyID, T0.Add(time.Hour), partnerAudit(prakerja.AuditPartnerKeyRevoked, n))
	must(t, err)
	if revoked.Active() || !revoked.RevokedAt.Equal(T0.Add(time.Hour)) {
		t.Fatalf("revoked = %+v", revoked)
	}
	_, err = s.RevokePartnerKey(ctx, k1.KeyID, T0.Add(time.Hour), partnerAudit(prakerja.AuditPartnerKeyRevoked, n))
	WantCode(t, err, prakerja.CodeConflict)
	_, err = s.RevokePartnerKey(ctx, "pk_nosuchkey", T0, partnerAudit(prakerja.AuditPartnerKeyRevoked, n))
	WantCode(t, err, prakerja.CodeNotFound)
	active, err := s.PartnerKeys(ctx, prakerja.PartnerKeyFilter{Partner: "tokopedia"})
	must(t, err)
	all, err := s.PartnerKeys(ctx, prakerja.PartnerKeyFilter{WithRevoked: true})
	must(t, err)
	if len(active) != 1 || len(all) != 3 {
		t.Fatalf("after revoke: %d active of tokopedia, %d in all; want 1 and 3", len(active), len(all))
	}
	audit, err := s.AuditEntries(ctx, 0, 100)
	must(t, err)
	if len(audit) != 4 || audit[3].Action != prakerja.AuditPartnerKeyRevoked {
		t.Fatalf("audit records: %d, want 4 ending with the revoke", len(audit))
	}
	testPartnerSignatures(t, s, k1.KeyID, other.KeyID)
}

func testPartnerSignatures(t *testing.T, s prakerja.Store, keyID, otherID string) {
	ctx := context.Background()
	sig := Index("sig", seq.Add(1))
	exp := T0.Add(5 * time.Minute)
	must(t, s.RecordSignature(ctx, keyID, sig, exp, T0))
	WantCode(t, s.RecordSignature(ctx, keyID, sig, exp, T0.Add(time.Minute)), prakerja.CodeSignatureReplayed)
	must(t, s.RecordSignature(ctx, otherID, sig, exp, T0)) // per key
	WantCode(t, s.RecordSignature(ctx, keyID, sig[:8], exp, T0), prakerja.CodeInvalid)
	// Past its expiry the row is pruned (or taken over) and accepted again.
	must(t, s.RecordSignature(ctx, keyID, sig, exp.Add(10*time.Minute), exp))
	WantCode(t, s.RecordSignature(ctx, keyID, sig, exp.Add(10*time.Minute), exp.Add(time.Minute)), prakerja.CodeSignatureReplayed)

	// Concurrent uses of one signature: exactly one wins.
	sig2 := Index("sig", seq.Add(1))
	var wg sync.WaitGroup
	var ok, replayed sync.Map
	for i := range 10 {
		wg.Go(func() {
			err := s.RecordSignature(ctx, keyID, sig2, exp, T0)
			switch prakerja.ErrorCode(err) {
			case "":
				ok.Store(i, true)
			case prakerja.CodeSignatureReplayed:
				replayed.Store(i, true)
			default:
				t.Errorf("concurrent record: %v", err)
			}
		})
	}
	wg.Wait()
	var wins int
	ok.Range(func(any, any) bool { wins++; return true })
	if wins != 1 {
		t.Fatalf("%d concurrent uses of one signature accepted, want 1", wins)
	}
}
