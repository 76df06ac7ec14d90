package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// flagFixture stores three eligible registrations and three open flags
// between them, scored so each pair sorts apart.
func flagFixture(t *testing.T, s prakerja.Store) (recs []*prakerja.RegistrationRecord, ab, ac, bc prakerja.DuplicateFlag) {
	t.Helper()
	recs = MustCreateIn(t, s, prakerja.StatusEligible, times(3, T0, time.Second))
	ab = prakerja.DuplicateFlag{A: recs[0].ID, B: recs[1].ID, Reason: "name_birth_date", Score: 80}
	ac = prakerja.DuplicateFlag{A: recs[0].ID, B: recs[2].ID, Reason: "phone_shared", Score: 95}
	bc = prakerja.DuplicateFlag{A: recs[1].ID, B: recs[2].ID, Reason: "name_phonetic", Score: 50}
	mustComplete(t, s, prakerja.StepEligibility, nil, []prakerja.DuplicateFlag{ab, ac, bc}, T0, 0, 0)
	all, err := s.DuplicateFlags(context.Background(), prakerja.FlagFilter{})
	must(t, err)
	if len(all) != 3 {
		t.Fatalf("%d flags, want 3", len(all))
	}
	return recs, all[1], all[0], all[2]
}

// flagIDs lists the IDs of flags, for readable diffs.
func flagIDs(flags []prakerja.DuplicateFlag) []int64 {
	out := make([]int64, len(flags))
	for i, f := range flags {
		out[i] = f.ID
	}
	return out
}

// testDuplicateFlags covers listing, review transitions and refusals.
func testDuplicateFlags(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("List", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		recs, ab, ac, bc := flagFixture(t, s)
		tests := []struct {
			name string
			f    prakerja.FlagFilter
			want []int64
		}{
			{"ScoreFirst", prakerja.FlagFilter{}, []int64{ac.ID, ab.ID, bc.ID}},
			{"ByRegistration", prakerja.FlagFilter{RegistrationID: recs[2].ID}, []int64{ac.ID, bc.ID}},
			{"ByStatus", prakerja.FlagFilter{Status: prakerja.FlagConfirmed}, []int64{}},
			{"Page", prakerja.FlagFilter{Offset: 1, Limit: 1}, []int64{ab.ID}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.DuplicateFlags(ctx, tt.f)
				must(t, err)
				diff(t, "flags", flagIDs(got), tt.want)
			})
		}
		_, err := s.DuplicateFlags(ctx, prakerja.FlagFilter{Offset: -1})
		WantCode(t, err, prakerja.CodeInvalid)
	})
	t.Run("Review", func(t *testing.T) { t.Parallel(); testReviewFlag(t, open(t)) })
}

// testReviewFlag confirms one flag (its B becomes ineligible), clears
// another (nothing changes), and checks the refusals.
func testReviewFlag(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	recs, ab, _, bc := flagFixture(t, s)
	at := T0.Add(time.Hour)
	got, err := s.ReviewFlag(ctx, ab.ID, prakerja.FlagConfirmed, "reviewer-7", "same face, two NIKs", at)
	must(t, err)
	want := ab
	want.Status, want.ReviewedAt, want.Reviewer, want.Note = prakerja.FlagConfirmed, at, "reviewer-7", "same face, two NIKs"
	diff(t, "reviewed flag", got, &want)
	b := mustRecord(t, s, recs[1].ID)
	if b.Status != prakerja.StatusIneligible || !b.StatusChangedAt.Equal(at) {
		t.Fatalf("B: %s since %v, want %s since %v", b.Status, b.StatusChangedAt, prakerja.StatusIneligible, at)
	}
	diff(t, "B's reasons", b.Reasons, []string{prakerja.ReasonDuplicateConfirmed})
	wantBacklog(t, s, at.Add(time.Minute), map[prakerja.RegistrationStatus]backlogRow{
		prakerja.StatusEligible:   {2, 61 * time.Minute, 0, 0},
		prakerja.StatusIneligible: {1, time.Minute, 1, 1}})
	_, err = s.ReviewFlag(ctx, bc.ID, prakerja.FlagCleared, "reviewer-7", "twins", at)
	must(t, err)
	if c := mustRecord(t, s, recs[2].ID); c.Status != prakerja.StatusEligible {
		t.Fatalf("clearing changed C to %s", c.Status)
	}
	tests := []struct {
		name     string
		id       int64
		to       prakerja.FlagStatus
		reviewer string
		note     string
		code     prakerja.Code
	}{
		{"ErrConflictReviewed", ab.ID, prakerja.FlagCleared, "r", "", prakerja.CodeConflict},
		{"ErrNotFound", 424242, prakerja.FlagCleared, "r", "", prakerja.CodeNotFound},
		{"ErrBackToOpen", bc.ID, prakerja.FlagOpen, "r", "", prakerja.CodeInvalid},
		{"ErrNoReviewer", bc.ID, prakerja.FlagCleared, "", "", prakerja.CodeInvalid},
		{"ErrReviewerTooLong", bc.ID, prakerja.FlagCleared, strings.Repeat("r", prakerja.ReviewerMax+1), "", prakerja.CodeInvalid},
		{"ErrNoteTooLong", bc.ID, prakerja.FlagCleared, "r", strings.Repeat("n", prakerja.NoteMax+1), prakerja.CodeInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.ReviewFlag(ctx, tt.id, tt.to, tt.reviewer, tt.note, at.Add(time.Hour))
			WantCode(t, err, tt.code)
		})
	}
	confirmed, err := s.DuplicateFlags(ctx, prakerja.FlagFilter{Status: prakerja.FlagConfirmed})
	must(t, err)
	diff(t, "confirmed flags after refusals", confirmed, []prakerja.DuplicateFlag{want})
}
