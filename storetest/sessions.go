package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testSessions checks that only a known, unexpired, unrevoked session is
// returned, and that revoking is idempotent.
func testSessions(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	id := MustCreate(t, s, Unique()).Record.ID
	live := &prakerja.Session{TokenHash: Index("token", 1), RegistrationID: id, CreatedAt: T0, ExpiresAt: T0.Add(time.Hour)}
	revoked := &prakerja.Session{TokenHash: Index("token", 2), RegistrationID: id, CreatedAt: T0, ExpiresAt: T0.Add(time.Hour)}
	for _, sess := range []*prakerja.Session{live, revoked} {
		must(t, s.CreateSession(ctx, sess))
		if sess.ID == 0 {
			t.Fatal("session ID not filled in")
		}
	}
	must(t, s.RevokeSession(ctx, revoked.TokenHash, T0.Add(time.Minute)))
	tests := []struct {
		name string
		hash []byte
		now  time.Time
		want prakerja.Code
	}{
		{"OK", live.TokenHash, T0.Add(59 * time.Minute), ""},
		{"ErrUnauthorizedUnknown", Index("token", 3), T0, prakerja.CodeUnauthorized},
		{"ErrUnauthorizedExpired", live.TokenHash, T0.Add(time.Hour), prakerja.CodeUnauthorized},
		{"ErrUnauthorizedRevoked", revoked.TokenHash, T0.Add(2 * time.Minute), prakerja.CodeUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.SessionByTokenHash(ctx, tt.hash, tt.now)
			WantCode(t, err, tt.want)
			if tt.want == "" {
				diff(t, "session", got, live)
			}
		})
	}
	t.Run("RevokeTwice", func(t *testing.T) {
		must(t, s.RevokeSession(ctx, revoked.TokenHash, T0.Add(3*time.Minute)))
		must(t, s.RevokeSession(ctx, Index("token", 4), T0))
	})
	t.Run("RevokeThenUnauthorized", func(t *testing.T) {
		must(t, s.RevokeSession(ctx, live.TokenHash, T0.Add(time.Minute)))
		_, err := s.SessionByTokenHash(ctx, live.TokenHash, T0.Add(2*time.Minute))
		WantCode(t, err, prakerja.CodeUnauthorized)
	})
}
