package registration

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
)

// signIn opens a new session for a registration that just proved control of
// a channel. A fresh token each time prevents session fixation (ASVS 7.2.4).
func (s *Service) signIn(ctx context.Context, regID int64, now time.Time) (*prakerja.Registration, *prakerja.SessionToken, error) {
	r, err := s.Registration(ctx, regID)
	if err != nil {
		return nil, nil, err
	}
	token, raw := newToken()
	sess := &prakerja.Session{
		TokenHash:      s.keys.HMAC(hashSession, raw),
		RegistrationID: regID,
		CreatedAt:      now,
		ExpiresAt:      now.Add(s.cfg.SessionTTL),
	}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return nil, nil, err
	}
	return r, &prakerja.SessionToken{Token: token, ExpiresAt: sess.ExpiresAt}, nil
}

// errUnauthorized is the one answer to any unusable session token, so the
// caller learns nothing about why.
func errUnauthorized() error {
	return prakerja.Errorf(prakerja.CodeUnauthorized, "Please sign in.")
}

// Authenticate resolves a session token to its registration.
func (s *Service) Authenticate(ctx context.Context, token string) (*prakerja.Registration, error) {
	raw, ok := parseToken(token)
	if !ok {
		return nil, errUnauthorized()
	}
	sess, err := s.store.SessionByTokenHash(ctx, s.keys.HMAC(hashSession, raw), s.now())
	if err != nil {
		return nil, err
	}
	r, err := s.Registration(ctx, sess.RegistrationID)
	if prakerja.ErrorCode(err) == prakerja.CodeNotFound {
		return nil, errUnauthorized()
	}
	return r, err
}

// Logout revokes a session on the server (ASVS 7.4.1). A malformed or
// unknown token is not an error: the caller is signed out either way.
func (s *Service) Logout(ctx context.Context, token string) error {
	raw, ok := parseToken(token)
	if !ok {
		return nil
	}
	return s.store.RevokeSession(ctx, s.keys.HMAC(hashSession, raw), s.now())
}
