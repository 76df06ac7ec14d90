package storetest

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/audit"
)

// auditSeq is the chain's newest sequence number, 0 while empty.
func auditSeq(tb testing.TB, s prakerja.Store) int64 {
	tb.Helper()
	head, err := s.AuditHead(context.Background())
	if prakerja.ErrorCode(err) == prakerja.CodeNotFound {
		return 0
	}
	must(tb, err)
	return head.Seq
}

// wantAuditOnce runs act, which returns the subject it acted on, and wants
// exactly one new record: action by actor on that subject, its detail a
// JSON object.
func wantAuditOnce(t *testing.T, s prakerja.Store, action, actor string, act func() string) *prakerja.AuditEntry {
	t.Helper()
	before := auditSeq(t, s)
	subject := act()
	entries, err := s.AuditEntries(context.Background(), before, 10)
	must(t, err)
	if len(entries) != 1 {
		t.Fatalf("%s: %d new audit records, want 1", action, len(entries))
	}
	e := entries[0]
	if e.Action != action || e.Actor != actor || e.Subject != subject {
		t.Fatalf("audit record = %s by %q on %q, want %s by %q on %q", e.Action, e.Actor, e.Subject, action, actor, subject)
	}
	var detail map[string]any
	if err := json.Unmarshal([]byte(e.Detail), &detail); err != nil {
		t.Fatalf("%s detail %q is not a JSON object: %v", action, e.Detail, err)
	}
	return e
}

// wantNoAudit runs act and wants no new record (a repeat that changed
// nothing, or a refused action).
func wantNoAudit(t *testing.T, s prakerja.Store, what string, act func()) {
	t.Helper()
	before := auditSeq(t, s)
	act()
	if after := auditSeq(t, s); after != before {
		t.Fatalf("%s appended %d audit records, want none", what, after-before)
	}
}

// subjectOf names a row as the store's audit records do.
func subjectOf(kind string, id int64) string { return kind + ":" + strconv.FormatInt(id, 10) }

// testAuditActions checks that each covered store action appends exactly
// one audit record in its transaction, by the actor the context names (or
// the reviewer, or "system"), that a repeat or a refusal appends none, and
// that the chain stays intact.
func testAuditActions(t *testing.T, open Opener) {
	s := open(t)
	as := func(actor string) context.Context { return prakerja.WithAuditActor(context.Background(), actor) }
	t.Run("Imports", func(t *testing.T) { testAuditImports(t, s, as) })
	t.Run("Selection", func(t *testing.T) { testAuditSelection(t, s, as) })
	t.Run("Reviews", func(t *testing.T) { testAuditReviews(t, s, as) })
	t.Run("Ledger", func(t *testing.T) { testAuditLedger(t, s, as) })
	r, err := audit.Verify(context.Background(), s, nil)
	must(t, err)
	if len(r.Breaches) > 0 || r.Records == 0 {
		t.Fatalf("audit chain: %d records, breaches %v", r.Records, r.Breaches)
	}
}

// testAuditImports: an exclusion list and a nomination list, the second
// refused as invalid (nothing stored, nothing recorded).
func testAuditImports(t *testing.T, s prakerja.Store, as func(string) context.Context) {
	e := wantAuditOnce(t, s, prakerja.AuditExclusionImported, "operator.ani", func() string {
		imp := &prakerja.ExclusionImport{Category: "pkh", Source: "kemensos.csv", SHA256: strings.Repeat("ab", 32)}
		must(t, s.ImportExclusions(as("operator.ani"), imp, batches(0, []int64{-901, -902}), T0))
		return subjectOf("exclusion_import", imp.ID)
	})
	if !strings.Contains(e.Detail, `"entries":2`) || strings.Contains(e.Detail, "nik") {
		t.Fatalf("exclusion import detail %s", e.Detail)
	}
	wantAuditOnce(t, s, prakerja.AuditNominationImported, prakerja.AuditSystem, func() string {
		imp := &prakerja.NominationImport{Institution: "bpjs_tk", Name: "BPJS Ketenagakerjaan", SHA256: strings.Repeat("cd", 32)}
		must(t, s.ImportNominations(context.Background(), imp, nominees(0, []int64{-903}), T0))
		return subjectOf("nomination_import", imp.ID)
	})
	wantNoAudit(t, s, "a refused import", func() {
		err := s.ImportExclusions(context.Background(), &prakerja.ExclusionImport{Category: "Not Snake"}, batches(0), T0)
		WantCode(t, err, prakerja.CodeInvalid)
	})
}

// testAuditSelection: a wave created, committed, drawn, and drawn again
// with the same publication (a no-op, unrecorded).
func testAuditSelection(t *testing.T, s prakerja.Store, as func(string) context.Context) {
	var w *prakerja.Wave
	wantAuditOnce(t, s, prakerja.AuditWaveCreated, "operator.ani", func() string {
		w = NewWave("Gelombang Audit")
		must(t, s.CreateWave(as("operator.ani"), w, T0))
		return subjectOf("wave", w.ID)
	})
	ids := make([]int64, 2)
	for i := range ids {
		rec := mustJoiner(t, s, "31.71.01")
		_, _, err := s.JoinWave(context.Background(), w.ID, rec.ID, T0)
		must(t, err)
		ids[i] = rec.ID
	}
	n := int(seq.Add(1))
	seed, commitment := SelectionSeed(n)
	e := wantAuditOnce(t, s, prakerja.AuditSelectionCommitted, "prakerja selection commit", func() string {
		must(t, s.CommitSelection(as("prakerja selection commit"), w.ID, commitment, T0))
		return subjectOf("wave", w.ID)
	})
	if !strings.Contains(e.Detail, commitment) {
		t.Fatalf("commit detail %s lacks the commitment", e.Detail)
	}
	rec := selectionRecord(w, n, ids, ids[:1], "audit manifest")
	e = wantAuditOnce(t, s, prakerja.AuditSelectionRecorded, "prakerja selection run", func() string {
		_, err := s.RecordSelection(as("prakerja selection run"), rec, SeqCards{}, AfterClose)
		must(t, err)
		return subjectOf("wave", w.ID)
	})
	for _, want := range []string{seed, rec.SnapshotSHA256, rec.ManifestSHA256, `"selected":1`, `"announcements":2`} {
		if !strings.Contains(e.Detail, want) {
			t.Fatalf("draw detail %s lacks %s", e.Detail, want)
		}
	}
	wantNoAudit(t, s, "recording the same draw again", func() {
		_, err := s.RecordSelection(context.Background(), rec, SeqCards{}, AfterClose)
		must(t, err)
	})
}

// testAuditReviews: a flag confirmed by a signed-in verifier (the
// context's actor), a flag cleared from a form's reviewer name, a dispute
// upheld; a second decision on a decided flag is refused unrecorded.
func testAuditReviews(t *testing.T, s prakerja.Store, as func(string) context.Context) {
	_, ab, ac, _ := flagFixture(t, s)
	wantAuditOnce(t, s, prakerja.AuditFlagReviewed, "verifier.budi", func() string {
		_, err := s.ReviewFlag(as("verifier.budi"), ab.ID, prakerja.FlagConfirmed, "Budi Santoso", "same person", T0)
		must(t, err)
		return subjectOf("flag", ab.ID)
	})
	wantAuditOnce(t, s, prakerja.AuditFlagReviewed, "Budi Santoso", func() string {
		_, err := s.ReviewFlag(context.Background(), ac.ID, prakerja.FlagCleared, "Budi Santoso", "", T0)
		must(t, err)
		return subjectOf("flag", ac.ID)
	})
	wantNoAudit(t, s, "a second decision", func() {
		_, err := s.ReviewFlag(context.Background(), ab.ID, prakerja.FlagCleared, "Budi Santoso", "", T0)
		WantCode(t, err, prakerja.CodeConflict)
	})
	holder := MustCreate(t, s, Unique()).Record
	d := newDispute(holder, seq.Add(1))
	must(t, s.CreateDispute(context.Background(), d, T0))
	e := wantAuditOnce(t, s, prakerja.AuditDisputeResolved, "verifier.budi", func() string {
		_, err := s.ResolveDispute(as("verifier.budi"), d.ID, prakerja.DisputeUpheld, "Budi Santoso", "KTP checked", T0)
		must(t, err)
		return subjectOf("dispute", d.ID)
	})
	if strings.Contains(e.Detail, d.FullName) || strings.Contains(e.Detail, "KTP") {
		t.Fatalf("dispute detail %s carries the claimant's name or the note", e.Detail)
	}
}

// testAuditLedger: a card revoked (once; the repeat is unrecorded) and a
// sweep voiding an expired reservation (an empty sweep is unrecorded).
func testAuditLedger(t *testing.T, s prakerja.Store, as func(string) context.Context) {
	ctx := context.Background()
	_, ids := MustParticipants(t, s, 1)
	js, err := s.JobSubject(ctx, ids[0])
	must(t, err)
	r := prakerja.Revocation{RegistrationID: ids[0], Reason: prakerja.RevokeReasonFirstPurchase, NIKIndex: js.NIKIndex}
	wantAuditOnce(t, s, prakerja.AuditParticipantRevoked, prakerja.AuditSystem, func() string {
		_, err := s.RevokeParticipant(ctx, r, nil, AfterClose)
		must(t, err)
		return subjectOf("registration", ids[0])
	})
	wantNoAudit(t, s, "revoking again", func() {
		_, err := s.RevokeParticipant(ctx, r, nil, AfterClose)
		must(t, err)
	})
	_, p := creditedParticipant(t, s)
	MustApply(t, s, prakerja.Transfer{ID: tid(201), DebitAccount: prakerja.ParticipantAccountID(p, prakerja.AccountIncentiveAvailable),
		CreditAccount: prakerja.SystemAccountID(prakerja.AccountPayoutClearing, 0, 1), Amount: 100_000, Ledger: 1,
		Code: prakerja.TransferPayout, Flags: prakerja.TransferPending, Timeout: time.Minute})
	e := wantAuditOnce(t, s, prakerja.AuditPendingExpired, "prakerja ledger sweep", func() string {
		n, err := s.ExpirePending(as("prakerja ledger sweep"), AfterClose.Add(time.Hour), 10)
		must(t, err)
		if n != 1 {
			t.Fatalf("swept %d, want 1", n)
		}
		return "ledger"
	})
	if !strings.Contains(e.Detail, `"voided":1`) {
		t.Fatalf("sweep detail %s", e.Detail)
	}
	wantNoAudit(t, s, "an empty sweep", func() {
		_, err := s.ExpirePending(ctx, AfterClose.Add(2*time.Hour), 10)
		must(t, err)
	})
}
