// Package storetest is the one conformance suite every prakerja.Store
// implementation passes unchanged. It runs against real databases only:
// the point is to pin down what the SQL does (unique indexes, locking,
// transactions), which no fake can tell.
package storetest

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
)

// Opener returns a fresh, migrated, empty store for one test and arranges
// for it to be closed when the test ends.
type Opener func(t *testing.T) prakerja.Store

// Run runs the whole suite. Every test gets its own store, so they run in
// parallel.
func Run(t *testing.T, open Opener) {
	groups := []struct {
		name string
		run  func(t *testing.T, open Opener)
	}{
		{"CreateRegistration", testCreateRegistration},
		{"CreateRegistrationRace", testCreateRegistrationRace},
		{"BulkRegistrations", testBulkRegistrations},
		{"BulkConfirmContact", testBulkConfirmContact},
		{"BulkJoinWave", testBulkJoinWave},
		{"BulkLoadRegistrations", testBulkLoadRegistrations},
		{"RegistrationReads", testRegistrationReads},
		{"Challenges", testChallenges},
		{"ConsumeChallenge", testConsumeChallenge},
		{"ConsumeEffects", testConsumeEffects},
		{"ConsumeLink", testConsumeLink},
		{"RateLimit", testRateLimit},
		{"Sessions", testSessions},
		{"Outbox", testOutbox},
		{"Idempotency", testIdempotency},
		{"Lifecycle", testLifecycle},
		{"ClaimWork", testClaimWork},
		{"CompleteWork", testCompleteWork},
		{"Rerun", testRerun},
		{"Backlog", testBacklog},
		{"ReasonCounts", testReasonCounts},
		{"DedupPeople", testDedupPeople},
		{"Exclusions", testExclusions},
		{"Nominations", testNominations},
		{"DuplicateFlags", testDuplicateFlags},
		{"Disputes", testDisputes},
		{"CreateWave", testCreateWave},
		{"CreateWaveInvalid", testCreateWaveInvalid},
		{"CloseWaveEarly", testCloseWaveEarly},
		{"JoinWaveClock", testJoinWaveClock},
		{"JoinWaveRules", testJoinWaveRules},
		{"JoinWaveIdempotent", testJoinWaveIdempotent},
		{"JoinWaveLater", testJoinWaveLater},
		{"JoinWaveRace", testJoinWaveRace},
		{"TestResults", testTestResults},
		{"CommitSelection", testCommitSelection},
		{"SelectionApplicants", testSelectionApplicants},
		{"RecordSelection", testRecordSelection},
		{"RecordSelectionRefused", testRecordSelectionRefused},
		{"RecordSelectionBatches", testRecordSelectionBatches},
		{"TestAttempts", testTestAttempts},
		{"TestAttemptRules", testTestAttemptRules},
		{"TestAttemptRace", testTestAttemptRace},
		{"LedgerAccounts", testLedgerAccounts},
		{"LedgerTransfers", testLedgerTransfers},
		{"LedgerLinked", testLedgerLinked},
		{"LedgerTwoPhase", testLedgerTwoPhase},
		{"LedgerRefund", testLedgerRefund},
		{"LedgerHotAccount", testLedgerHotAccount},
		{"LedgerModel", testLedgerModel},
		{"LedgerLookups", testLedgerLookups},
		{"WaveParticipants", testWaveParticipants},
		{"JobsEnqueue", testJobsEnqueue},
		{"JobsClaim", testJobsClaim},
		{"JobsFail", testJobsFail},
		{"JobsCounts", testJobsCounts},
		{"JobsRace", testJobsRace},
		{"JobSubject", testJobSubject},
		{"RevokeParticipant", testRevokeParticipant},
		{"RevokeKeepsBuyer", testRevokeKeepsBuyer},
		{"Surveys", testSurveys},
		{"MarketCatalogue", testMarketCatalogue},
		{"MarketCardHolder", testMarketCardHolder},
		{"MarketPurchase", testMarketPurchase},
		{"MarketRefusals", testMarketRefusals},
		{"MarketConfirmRace", testMarketConfirmRace},
		{"Payouts", testPayouts},
		{"AuditChain", testAuditChain},
		{"AuditActions", testAuditActions},
		{"Dashboard", testDashboard},
		{"RegistrantView", testRegistrantView},
		{"Staff", testStaff},
		{"StaffLockout", testStaffLockout},
		{"StaffTOTPStep", testStaffTOTPStep},
		{"StaffSessions", testStaffSessions},
		{"Targeting", testTargeting},
		{"DataRequests", testDataRequests},
		{"WithdrawnSkipped", testWithdrawnSkipped},
		{"Complaints", testComplaints},
		{"ComplaintNotesLimit", testComplaintNotesLimit},
		{"ComplaintQueue", testComplaintQueue},
		{"ComplaintRace", testComplaintRace},
		{"PartnerKeys", testPartnerKeys},
		{"PlatformReport", testPlatformReport},
		{"InstitutionNominees", testInstitutionNominees},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			t.Parallel()
			g.run(t, open)
		})
	}
}

// T0 is the suite's "now": every time is derived from it, never from the
// wall clock. It carries microseconds only, the store's precision.
var T0 = time.Date(2025, time.April, 11, 2, 30, 0, 123456000, time.UTC)

// raceWorkers is how many goroutines the race tests run at once.
const raceWorkers = 50

// seq numbers fixtures so every value is unique across the whole test run.
var seq atomic.Int64

// Fixture values are deterministic functions of a number, so a test can
// make two registrations share exactly one value.

// Index is a fake blind index: a SHA-256 like the real keyed hash.
func Index(kind string, n int64) []byte {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s:%d", kind, n))
	return sum[:]
}

// Sealed is a fake sealed value for kind and n.
func Sealed(kind string, n int64) prakerja.Sealed {
	return prakerja.Sealed{Ciphertext: fmt.Appendf(nil, "v1:ct:%s:%d", kind, n), Index: Index(kind, n)}
}

// Values picks the number behind each personal-data field of a fixture.
type Values struct{ NIK, Email, Phone, KK int64 }

// Unique returns Values no other call returns.
func Unique() Values {
	n := seq.Add(1)
	return Values{NIK: n, Email: n, Phone: n, KK: n}
}

// NewRegistration returns a registration with its e-mail confirmation
// challenge and welcome message, as the service would build it.
func NewRegistration(v Values) *prakerja.NewRegistration {
	return &prakerja.NewRegistration{
		Record: &prakerja.RegistrationRecord{
			FullName:         fmt.Sprintf("Siti Rahayu %d", v.NIK),
			NIK:              Sealed("nik", v.NIK),
			Email:            Sealed("email", v.Email),
			Phone:            Sealed("phone", v.Phone),
			KK:               Sealed("kk", v.KK),
			BirthDate:        "1995-08-17",
			Sex:              "F",
			DomicileDistrict: "31.71.01",
			Status:           prakerja.StatusRegistered,
			CreatedAt:        T0,
			UpdatedAt:        T0,
		},
		Challenge: &prakerja.Challenge{
			Purpose:     prakerja.PurposeEmailConfirm,
			Channel:     prakerja.ChannelEmail,
			CodeHash:    Index("link", v.NIK),
			MaxAttempts: 5,
			ExpiresAt:   T0.Add(24 * time.Hour),
			CreatedAt:   T0,
		},
		Message: &prakerja.Message{
			Channel:   prakerja.ChannelEmail,
			Template:  "email_confirm",
			Locale:    "id",
			Recipient: prakerja.Sealed{Ciphertext: Sealed("email", v.Email).Ciphertext},
			Params:    fmt.Appendf(nil, `v1:params:%d`, v.NIK),
			CreatedAt: T0,
		},
	}
}

// MustCreate stores a fresh registration and returns it. Fatal on error.
func MustCreate(tb testing.TB, s prakerja.Store, v Values) *prakerja.NewRegistration {
	tb.Helper()
	nr := NewRegistration(v)
	if err := s.CreateRegistration(context.Background(), nr); err != nil {
		tb.Fatalf("CreateRegistration: %v", err)
	}
	return nr
}

// WantCode fails unless err carries code ("" means no error).
func WantCode(tb testing.TB, err error, code prakerja.Code) {
	tb.Helper()
	if got := prakerja.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// wantNoPersonalData fails if err's text holds any byte string of the
// given sealed values (their index or ciphertext, raw or as text).
func wantNoPersonalData(tb testing.TB, err error, values ...prakerja.Sealed) {
	tb.Helper()
	text := err.Error()
	for _, v := range values {
		for _, b := range [][]byte{v.Index, v.Ciphertext} {
			if strings.Contains(text, string(b)) || strings.Contains(text, fmt.Sprintf("%x", b)) {
				tb.Fatalf("error %q holds personal data", text)
			}
		}
	}
}

// diff fails with a readable diff when got and want differ.
func diff(tb testing.TB, what string, got, want any) {
	tb.Helper()
	if d := cmp.Diff(want, got); d != "" {
		tb.Fatalf("%s mismatch (-want +got):\n%s", what, d)
	}
}

// must fails on err.
func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// isCanceled tells a context error apart from a store failure.
func isCanceled(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
