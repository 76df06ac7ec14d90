package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testConsumeEffects checks what using each kind of challenge does to
// the registration: statuses only move forward, the first verification
// time is kept, and the status change time moves only with the status.
func testConsumeEffects(t *testing.T, open Opener) {
	ctx := context.Background()
	t1, t2 := T0.Add(time.Minute), T0.Add(2*time.Minute)
	tests := []struct {
		name    string
		steps   []prakerja.ChallengePurpose // used in order, at t1, t2 …
		status  prakerja.RegistrationStatus
		email   time.Time
		phone   time.Time
		updated time.Time
		changed time.Time
	}{
		{"EmailConfirm", []prakerja.ChallengePurpose{prakerja.PurposeEmailConfirm}, prakerja.StatusEmailVerified, t1, time.Time{}, t1, t1},
		{"PhoneAfterEmail", []prakerja.ChallengePurpose{prakerja.PurposeEmailConfirm, prakerja.PurposePhoneVerify}, prakerja.StatusPhoneVerified, t1, t2, t2, t2},
		{"PhoneFromRegistered", []prakerja.ChallengePurpose{prakerja.PurposePhoneVerify}, prakerja.StatusPhoneVerified, time.Time{}, t1, t1, t1},
		{"EmailAfterPhoneKeepsStatus", []prakerja.ChallengePurpose{prakerja.PurposePhoneVerify, prakerja.PurposeEmailConfirm}, prakerja.StatusPhoneVerified, t2, t1, t2, t1},
		{"EmailTwiceKeepsFirstTime", []prakerja.ChallengePurpose{prakerja.PurposeEmailConfirm, prakerja.PurposeEmailConfirm}, prakerja.StatusEmailVerified, t1, time.Time{}, t2, t1},
		{"LoginChangesNothing", []prakerja.ChallengePurpose{prakerja.PurposeLogin}, prakerja.StatusRegistered, time.Time{}, time.Time{}, T0, T0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := open(t)
			nr := MustCreate(t, s, Unique())
			id := nr.Record.ID
			for i, purpose := range tt.steps {
				c := newChallenge(id, purpose, int64(i), T0)
				must(t, s.CreateChallenge(ctx, c, nil))
				_, err := s.ConsumeChallenge(ctx, c.ID, c.CodeHash, T0.Add(time.Duration(i+1)*time.Minute))
				must(t, err)
			}
			want := *nr.Record
			want.Status, want.EmailVerifiedAt, want.PhoneVerifiedAt, want.UpdatedAt = tt.status, tt.email, tt.phone, tt.updated
			want.StatusChangedAt = tt.changed
			got, err := s.Registration(ctx, id)
			must(t, err)
			diff(t, "registration", got, &want)
			wantFunnel(t, s, tt.status, 1)
		})
	}
}

// testConsumeLink covers links found by the hash of their secret.
func testConsumeLink(t *testing.T, open Opener) {
	ctx := context.Background()
	tests := []struct {
		name    string
		purpose prakerja.ChallengePurpose
		secret  []byte // nil: the registration's own link
		now     time.Time
		want    prakerja.Code
	}{
		{"OK", prakerja.PurposeEmailConfirm, nil, T0.Add(time.Hour), ""},
		{"ErrNotFoundWrongSecret", prakerja.PurposeEmailConfirm, Index("link", -1), T0.Add(time.Hour), prakerja.CodeNotFound},
		{"ErrNotFoundWrongPurpose", prakerja.PurposeLogin, nil, T0.Add(time.Hour), prakerja.CodeNotFound},
		{"ErrNotFoundEmpty", prakerja.PurposeEmailConfirm, []byte{}, T0.Add(time.Hour), prakerja.CodeNotFound},
		{"ErrOTPExpired", prakerja.PurposeEmailConfirm, nil, T0.Add(24 * time.Hour), prakerja.CodeOTPExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := open(t)
			nr := MustCreate(t, s, Unique())
			MustCreate(t, s, Unique()) // another link that must not match
			secret := tt.secret
			if secret == nil {
				secret = nr.Challenge.CodeHash
			}
			got, err := s.ConsumeLink(ctx, tt.purpose, secret, tt.now)
			WantCode(t, err, tt.want)
			if tt.want != "" {
				return
			}
			want := *nr.Challenge
			want.UsedAt = tt.now
			diff(t, "consumed link", got, &want)
			r, err := s.Registration(ctx, nr.Record.ID)
			must(t, err)
			if r.Status != prakerja.StatusEmailVerified {
				t.Fatalf("status = %s, want %s", r.Status, prakerja.StatusEmailVerified)
			}
		})
	}
	t.Run("ErrOTPUsed", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		nr := MustCreate(t, s, Unique())
		_, err := s.ConsumeLink(ctx, prakerja.PurposeEmailConfirm, nr.Challenge.CodeHash, T0.Add(time.Minute))
		must(t, err)
		_, err = s.ConsumeLink(ctx, prakerja.PurposeEmailConfirm, nr.Challenge.CodeHash, T0.Add(2*time.Minute))
		WantCode(t, err, prakerja.CodeOTPUsed)
	})
}
