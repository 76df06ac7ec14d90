package sqldb_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/sqlitetest"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/partnerauth"
)

// TestRecordSignatureGrouped: the group-committed recorder keeps
// RecordSignature's contract: a live duplicate is a replay, per key, an
// expired one is taken over, and a short signature is refused.
func TestRecordSignatureGrouped(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sqlitetest.Open(t)
	now := time.Date(2026, time.March, 2, 3, 4, 5, 0, time.UTC)
	keys := partnerauth.NewKeys(s, sqlitetest.Keys(t), mock.NewClock(now))
	ka, _, err := keys.Create(ctx, prakerja.PartnerPlatform, "tokopedia", "test")
	if err != nil {
		t.Fatal(err)
	}
	kb, _, err := keys.Create(ctx, prakerja.PartnerPlatform, "bukalapak", "test")
	if err != nil {
		t.Fatal(err)
	}
	sig := bytes.Repeat([]byte{7}, prakerja.PartnerSignatureLen)
	exp := now.Add(5 * time.Minute)
	if err := s.RecordSignatureGrouped(ctx, ka.KeyID, sig, exp, now); err != nil {
		t.Fatalf("first: %v", err)
	}
	if err := s.RecordSignatureGrouped(ctx, ka.KeyID, sig, exp, now.Add(time.Minute)); prakerja.ErrorCode(err) != prakerja.CodeSignatureReplayed {
		t.Fatalf("replay: %v, want %s", err, prakerja.CodeSignatureReplayed)
	}
	if err := s.RecordSignature(ctx, ka.KeyID, sig, exp, now.Add(time.Minute)); prakerja.ErrorCode(err) != prakerja.CodeSignatureReplayed {
		t.Fatalf("replay seen by RecordSignature: %v", err)
	}
	if err := s.RecordSignatureGrouped(ctx, kb.KeyID, sig, exp, now); err != nil {
		t.Fatalf("other key: %v", err)
	}
	if err := s.RecordSignatureGrouped(ctx, ka.KeyID, sig, exp.Add(time.Hour), exp); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if err := s.RecordSignatureGrouped(ctx, ka.KeyID, sig[:8], exp, now); prakerja.ErrorCode(err) != prakerja.CodeInvalid {
		t.Fatalf("short signature: %v, want %s", err, prakerja.CodeInvalid)
	}
}
