package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// newChallenge returns a phone OTP challenge for a registration; code
// numbers its code hash.
func newChallenge(registrationID int64, purpose prakerja.ChallengePurpose, code int64, createdAt time.Time) *prakerja.Challenge {
	return &prakerja.Challenge{
		RegistrationID: registrationID,
		Purpose:        purpose,
		Channel:        prakerja.ChannelSMS,
		CodeHash:       Index("otp", code),
		MaxAttempts:    3,
		ExpiresAt:      createdAt.Add(5 * time.Minute),
		CreatedAt:      createdAt,
	}
}

// otpMessage is the SMS that delivers a phone OTP.
func otpMessage(registrationID int64, createdAt time.Time) *prakerja.Message {
	return &prakerja.Message{
		RegistrationID: registrationID,
		Channel:        prakerja.ChannelSMS,
		Template:       "phone_otp",
		Locale:         "id",
		Recipient:      prakerja.Sealed{Ciphertext: []byte("v1:ct:phone")},
		Params:         []byte("v1:params:otp"),
		CreatedAt:      createdAt,
	}
}

// testChallenges covers storing challenges with and without their
// message, finding the newest and counting recent ones.
func testChallenges(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("OKWithMessage", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		id := MustCreate(t, s, Unique()).Record.ID
		c, m := newChallenge(id, prakerja.PurposePhoneVerify, 1, T0), otpMessage(id, T0)
		must(t, s.CreateChallenge(ctx, c, m))
		if c.ID == 0 || m.ID == 0 {
			t.Fatalf("IDs not filled in: %d %d", c.ID, m.ID)
		}
		got, err := s.LatestChallenge(ctx, id, prakerja.PurposePhoneVerify)
		must(t, err)
		diff(t, "challenge", got, c)
		msgs, err := s.Messages(ctx, prakerja.MessageFilter{RegistrationID: id, Template: "phone_otp"})
		must(t, err)
		diff(t, "messages", msgs, []*prakerja.Message{m})
	})
	t.Run("OKWithoutMessage", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		id := MustCreate(t, s, Unique()).Record.ID
		must(t, s.CreateChallenge(ctx, newChallenge(id, prakerja.PurposeLogin, 1, T0), nil))
		msgs, err := s.Messages(ctx, prakerja.MessageFilter{RegistrationID: id})
		must(t, err)
		if len(msgs) != 1 { // the welcome message only
			t.Fatalf("%d messages, want 1", len(msgs))
		}
	})
	t.Run("Latest", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		id := MustCreate(t, s, Unique()).Record.ID
		older, newer := newChallenge(id, prakerja.PurposePhoneVerify, 1, T0), newChallenge(id, prakerja.PurposePhoneVerify, 2, T0.Add(time.Minute))
		must(t, s.CreateChallenge(ctx, newer, nil)) // stored first, still the newest
		must(t, s.CreateChallenge(ctx, older, nil))
		got, err := s.LatestChallenge(ctx, id, prakerja.PurposePhoneVerify)
		must(t, err)
		diff(t, "latest", got, newer)
		_, err = s.LatestChallenge(ctx, id, prakerja.PurposeLogin)
		WantCode(t, err, prakerja.CodeNotFound)
		_, err = s.LatestChallenge(ctx, id+1000, prakerja.PurposePhoneVerify)
		WantCode(t, err, prakerja.CodeNotFound)
	})
	t.Run("CountSince", func(t *testing.T) { t.Parallel(); testCountChallengesSince(t, open(t)) })
}

// testConsumeChallenge walks a challenge through every answer, with an
// explicit now, and checks that wrong codes are counted durably.
func testConsumeChallenge(t *testing.T, open Opener) {
	ctx := context.Background()
	right, wrong := Index("otp", 7), Index("otp", 8)
	expires := T0.Add(5 * time.Minute)
	tests := []struct {
		name     string
		attempts int       // wrong tries already made
		used     time.Time // already used at
		code     []byte
		now      time.Time
		want     prakerja.Code
		wantTry  int // attempts stored afterwards
	}{
		{"OK", 0, time.Time{}, right, T0.Add(time.Minute), "", 0},
		{"OKLastTry", 2, time.Time{}, right, T0.Add(time.Minute), "", 2},
		{"ErrOTPInvalid", 0, time.Time{}, wrong, T0.Add(time.Minute), prakerja.CodeOTPInvalid, 1},
		{"ErrOTPInvalidLastTry", 2, time.Time{}, wrong, T0.Add(time.Minute), prakerja.CodeOTPInvalid, 3},
		{"ErrOTPExhausted", 3, time.Time{}, right, T0.Add(time.Minute), prakerja.CodeOTPExhausted, 3},
		{"ErrOTPExpired", 0, time.Time{}, right, expires, prakerja.CodeOTPExpired, 0},
		{"ErrOTPExpiredBeforeExhausted", 3, time.Time{}, right, expires.Add(time.Hour), prakerja.CodeOTPExpired, 3},
		{"ErrOTPUsed", 0, T0.Add(time.Second), right, T0.Add(time.Minute), prakerja.CodeOTPUsed, 0},
		{"ErrOTPUsedBeforeExpired", 0, T0.Add(time.Second), wrong, expires.Add(time.Hour), prakerja.CodeOTPUsed, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := open(t)
			id := MustCreate(t, s, Unique()).Record.ID
			c := newChallenge(id, prakerja.PurposeLogin, 7, T0)
			c.Attempts, c.UsedAt = tt.attempts, tt.used
			must(t, s.CreateChallenge(ctx, c, nil))
			got, err := s.ConsumeChallenge(ctx, c.ID, tt.code, tt.now)
			WantCode(t, err, tt.want)
			stored, err2 := s.LatestChallenge(ctx, id, prakerja.PurposeLogin)
			must(t, err2)
			if stored.Attempts != tt.wantTry {
				t.Fatalf("attempts stored = %d, want %d", stored.Attempts, tt.wantTry)
			}
			if tt.want == "" {
				if !got.UsedAt.Equal(tt.now) || !stored.UsedAt.Equal(tt.now) {
					t.Fatalf("UsedAt = %v (stored %v), want %v", got.UsedAt, stored.UsedAt, tt.now)
				}
				diff(t, "consumed challenge", got, stored)
			}
		})
	}
	t.Run("ErrNotFound", func(t *testing.T) {
		t.Parallel()
		_, err := open(t).ConsumeChallenge(ctx, 424242, right, T0)
		WantCode(t, err, prakerja.CodeNotFound)
	})
	t.Run("TriesRunOut", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		c := newChallenge(MustCreate(t, s, Unique()).Record.ID, prakerja.PurposeLogin, 7, T0)
		must(t, s.CreateChallenge(ctx, c, nil))
		for i := range c.MaxAttempts {
			_, err := s.ConsumeChallenge(ctx, c.ID, wrong, T0.Add(time.Duration(i)*time.Second))
			WantCode(t, err, prakerja.CodeOTPInvalid)
		}
		_, err := s.ConsumeChallenge(ctx, c.ID, right, T0.Add(time.Minute))
		WantCode(t, err, prakerja.CodeOTPExhausted)
	})
	t.Run("ConcurrentRightCode", func(t *testing.T) { t.Parallel(); testConcurrentConsume(t, open(t)) })
}

// testConcurrentConsume: many callers present the right code at once;
// exactly one may use it.
func testConcurrentConsume(t *testing.T, s prakerja.Store) {
	c := newChallenge(MustCreate(t, s, Unique()).Record.ID, prakerja.PurposeLogin, 7, T0)
	must(t, s.CreateChallenge(context.Background(), c, nil))
	codes := make([]prakerja.Code, 20)
	var wg sync.WaitGroup
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.ConsumeChallenge(context.Background(), c.ID, c.CodeHash, T0.Add(time.Second))
			codes[i] = prakerja.ErrorCode(err)
		}()
	}
	wg.Wait()
	ok := 0
	for _, code := range codes {
		switch code {
		case "":
			ok++
		case prakerja.CodeOTPUsed:
		default:
			t.Fatalf("concurrent consume: code %q", code)
		}
	}
	if ok != 1 {
		t.Fatalf("%d callers used the code, want 1", ok)
	}
}

// testCountChallengesSince counts challenges from a point in time on,
// the boundary included.
func testCountChallengesSince(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	id := MustCreate(t, s, Unique()).Record.ID
	for i := range 4 {
		must(t, s.CreateChallenge(ctx, newChallenge(id, prakerja.PurposePhoneVerify, int64(i), T0.Add(time.Duration(i)*time.Minute)), nil))
	}
	for _, tt := range []struct {
		name    string
		purpose prakerja.ChallengePurpose
		since   time.Time
		want    int64
	}{
		{"All", prakerja.PurposePhoneVerify, T0, 4},
		{"AtBoundary", prakerja.PurposePhoneVerify, T0.Add(2 * time.Minute), 2},
		{"None", prakerja.PurposePhoneVerify, T0.Add(time.Hour), 0},
		{"OtherPurpose", prakerja.PurposeLogin, T0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			n, err := s.CountChallengesSince(ctx, id, tt.purpose, tt.since)
			must(t, err)
			if n != tt.want {
				t.Fatalf("CountChallengesSince = %d, want %d", n, tt.want)
			}
		})
	}
}
