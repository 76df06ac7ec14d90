package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// backlogRow is the expected part of a BacklogRow.
type backlogRow struct {
	count          int64
	oldest         time.Duration
	minute, hourly int64
}

// wantBacklog checks the rows of the given statuses and that every other
// status is empty.
func wantBacklog(t *testing.T, s prakerja.Store, now time.Time, want map[prakerja.RegistrationStatus]backlogRow) {
	t.Helper()
	rows, err := s.Backlog(context.Background(), now)
	must(t, err)
	if len(rows) != len(prakerja.Statuses()) {
		t.Fatalf("%d backlog rows, want %d", len(rows), len(prakerja.Statuses()))
	}
	for i, r := range rows {
		w := want[r.Status]
		if r.Status != prakerja.Statuses()[i] {
			t.Fatalf("row %d is %s, want %s", i, r.Status, prakerja.Statuses()[i])
		}
		got := backlogRow{r.Count, r.Oldest, r.EnteredLastMinute, r.EnteredLastHour}
		if got != w {
			t.Fatalf("backlog at %v, %s = %+v, want %+v", now, r.Status, got, w)
		}
	}
}

// testBacklog moves time across minute and hour boundaries and checks
// counts, the oldest age and throughput. T0 is 02:30:00.123456.
func testBacklog(t *testing.T, open Opener) {
	t.Run("Empty", func(t *testing.T) {
		t.Parallel()
		wantBacklog(t, open(t), T0, nil)
	})
	t.Run("ChallengeEffectsCount", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		nr := MustCreate(t, s, Unique())
		_, err := s.ConsumeLink(context.Background(), prakerja.PurposeEmailConfirm, nr.Challenge.CodeHash, T0.Add(30*time.Second))
		must(t, err)
		wantBacklog(t, s, T0.Add(time.Minute), map[prakerja.RegistrationStatus]backlogRow{
			prakerja.StatusRegistered:    {0, 0, 1, 1},
			prakerja.StatusEmailVerified: {1, 30 * time.Second, 1, 1}})
	})
	t.Run("MovingTime", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		MustCreateIn(t, s, prakerja.StatusRegistered, times(2, T0, 0))
		MustCreateIn(t, s, prakerja.StatusPhoneVerified, times(3, T0.Add(10*time.Second), time.Second))
		pv, reg := prakerja.StatusPhoneVerified, prakerja.StatusRegistered
		wantBacklog(t, s, T0.Add(30*time.Second), map[prakerja.RegistrationStatus]backlogRow{
			reg: {2, 30 * time.Second, 0, 0}, pv: {3, 20 * time.Second, 0, 0}})
		wantBacklog(t, s, T0.Add(time.Minute), map[prakerja.RegistrationStatus]backlogRow{
			reg: {2, time.Minute, 2, 2}, pv: {3, 50 * time.Second, 3, 3}})
		items := mustClaim(t, s, prakerja.StepIdentity, T0.Add(90*time.Second), 2, time.Minute)
		mustComplete(t, s, prakerja.StepIdentity, decide(items, prakerja.StatusIdentityVerified), nil, T0.Add(90*time.Second), 2, 0)
		wantBacklog(t, s, T0.Add(2*time.Minute), map[prakerja.RegistrationStatus]backlogRow{
			reg: {2, 2 * time.Minute, 0, 2}, pv: {1, 2*time.Minute - 12*time.Second, 0, 3},
			prakerja.StatusIdentityVerified: {2, 30 * time.Second, 2, 2}})
		wantBacklog(t, s, T0.Add(61*time.Minute), map[prakerja.RegistrationStatus]backlogRow{
			reg: {2, 61 * time.Minute, 0, 0}, pv: {1, 61*time.Minute - 12*time.Second, 0, 0},
			prakerja.StatusIdentityVerified: {2, 59*time.Minute + 30*time.Second, 0, 2}})
	})
}

// testReasonCounts counts reason codes among registrations in a status.
func testReasonCounts(t *testing.T, open Opener) {
	s := open(t)
	MustCreateIn(t, s, prakerja.StatusPhoneVerified, times(4, T0, time.Second))
	items := mustClaim(t, s, prakerja.StepIdentity, T0, 4, time.Minute)
	kk, name, birth := prakerja.ReasonIdentityKKMismatch, prakerja.ReasonIdentityNameMismatch, prakerja.ReasonIdentityBirthDateMismatch
	results := decide(items[:1], prakerja.StatusIdentityFailed, kk)
	results = append(results, decide(items[1:2], prakerja.StatusIdentityFailed, kk, name)...)
	results = append(results, decide(items[2:3], prakerja.StatusIdentityFailed, name, birth)...)
	results = append(results, decide(items[3:], prakerja.StatusIdentityVerified)...)
	mustComplete(t, s, prakerja.StepIdentity, results, nil, T0, 4, 0)
	for _, tt := range []struct {
		status prakerja.RegistrationStatus
		want   map[string]int64
	}{
		{prakerja.StatusIdentityFailed, map[string]int64{kk: 2, name: 2, birth: 1}},
		{prakerja.StatusIdentityVerified, map[string]int64{}},
		{prakerja.StatusIneligible, map[string]int64{}},
	} {
		t.Run(string(tt.status), func(t *testing.T) {
			got, err := s.ReasonCounts(context.Background(), tt.status)
			must(t, err)
			diff(t, "reason counts", got, tt.want)
		})
	}
}

// testDedupPeople streams only registrations past the identity step, in
// id order, and stops at the callback's error.
func testDedupPeople(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	var want []prakerja.DedupPerson
	for _, st := range []prakerja.RegistrationStatus{prakerja.StatusPhoneVerified, prakerja.StatusIdentityVerified,
		prakerja.StatusIdentityFailed, prakerja.StatusEligible, prakerja.StatusIneligible} {
		r := MustCreateIn(t, s, st, []time.Time{T0})[0]
		if st != prakerja.StatusPhoneVerified && st != prakerja.StatusIdentityFailed {
			want = append(want, prakerja.DedupPerson{ID: r.ID, NIKIndex: r.NIK.Index, KKIndex: r.KK.Index,
				PhoneIndex: r.Phone.Index, FullName: r.FullName, BirthDate: r.BirthDate})
		}
	}
	var got []prakerja.DedupPerson
	must(t, s.DedupPeople(ctx, func(p prakerja.DedupPerson) error { got = append(got, p); return nil }))
	diff(t, "dedup people", got, want)
	stop := errors.New("stop")
	calls := 0
	err := s.DedupPeople(ctx, func(prakerja.DedupPerson) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Fatalf("DedupPeople = %v after %d calls, want the callback's error after 1", err, calls)
	}
	kk, err := s.KKParticipants(ctx, [][]byte{want[0].KKIndex})
	must(t, err)
	if len(prakerja.ParticipantStatuses) == 0 && len(kk) != 0 {
		t.Fatalf("KKParticipants = %v without participant statuses, want none", kk)
	}
}
