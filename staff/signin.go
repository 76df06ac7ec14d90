package staff

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// SignInPassword is the first sign-in step. Unknown usernames, wrong
// passwords, locked and disabled accounts all take one hash's time and
// get one answer (CodeUnauthorized); CodeRateLimited past the per-address
// limit. Success opens a pending session for the TOTP step.
func (s *Service) SignInPassword(ctx context.Context, username, password, clientIP string) (*prakerja.StaffSignIn, error) {
	if err := s.limitAddress(ctx, clientIP); err != nil {
		return nil, err
	}
	username = prakerja.NormalizeUsername(username)
	var st *prakerja.Staff
	if prakerja.ValidUsername(username) && len(password) <= prakerja.StaffPasswordMax {
		var err error
		if st, err = s.store.StaffByUsername(ctx, username); err != nil && prakerja.ErrorCode(err) != prakerja.CodeNotFound {
			return nil, err
		}
	}
	if st == nil {
		_, _ = s.matches(ctx, password, s.dummyHash)
		return nil, s.refuse(ctx, nil, "unknown_user")
	}
	ok, err := s.matches(ctx, password, st.PasswordHash)
	if err != nil {
		return nil, err
	}
	switch {
	case st.Disabled:
		return nil, s.refuse(ctx, st, "disabled")
	case st.Locked(s.now()):
		return nil, s.refuse(ctx, st, "locked")
	case !ok:
		return nil, s.fail(ctx, st, "wrong_password")
	}
	tok, err := s.newSession(ctx, st.ID, false, prakerja.StaffPendingTTL)
	if err != nil {
		return nil, err
	}
	tok.Staff, tok.NeedEnrol = st, !st.TOTPConfirmed
	return tok, nil
}

// refuse audits a refused step that counts against no account (unknown,
// disabled, already locked) and returns the one sign-in error.
func (s *Service) refuse(ctx context.Context, st *prakerja.Staff, reason string) error {
	actor, subject := "", "staff:unknown"
	if st != nil {
		actor, subject = st.Username, st.Subject()
	}
	if err := s.audit(ctx, actor, prakerja.AuditStaffSignInFailed, subject, map[string]string{"reason": reason}); err != nil {
		return err
	}
	return errSignIn()
}

// fail counts a wrong password or code against st, audits it and, when it
// locks the account, the lockout too. It returns the one sign-in error.
func (s *Service) fail(ctx context.Context, st *prakerja.Staff, reason string) error {
	now := s.now()
	after, err := s.store.RecordStaffFailure(ctx, st.ID, now, prakerja.StaffLockoutFailures, prakerja.StaffLockoutFor)
	if err != nil {
		return err
	}
	if err := s.audit(ctx, st.Username, prakerja.AuditStaffSignInFailed, st.Subject(), map[string]string{"reason": reason}); err != nil {
		return err
	}
	if after.Locked(now) && !st.Locked(now) {
		if err := s.audit(ctx, st.Username, prakerja.AuditStaffLocked, st.Subject(),
			map[string]string{"until": after.LockedUntil.Format(time.RFC3339)}); err != nil {
			return err
		}
	}
	return errSignIn()
}

// pending returns the pending session of token and its account. Returns
// CodeUnauthorized when there is none, or the account is disabled or
// locked (the pending session is then ended).
func (s *Service) pending(ctx context.Context, token string) (*prakerja.StaffSession, *prakerja.Staff, error) {
	now := s.now()
	ss, err := s.store.TouchStaffSession(ctx, tokenHash(token), now, now.Add(-prakerja.StaffPendingTTL))
	if err != nil {
		return nil, nil, err
	}
	if ss.Verified {
		return nil, nil, errSignIn()
	}
	st, err := s.store.StaffByID(ctx, ss.StaffID)
	if err != nil {
		return nil, nil, err
	}
	if st.Disabled || st.Locked(now) {
		if err := s.store.DeleteStaffSession(ctx, ss.TokenHash); err != nil {
			return nil, nil, err
		}
		return nil, nil, errSignIn()
	}
	return ss, st, nil
}

// Enrolment returns the TOTP secret for a pending session whose account
// has not confirmed one, creating and storing it (sealed) on first call.
// Returns CodeUnauthorized, or CodeConflict when the account is enrolled:
// a confirmed secret is never shown again.
func (s *Service) Enrolment(ctx context.Context, pendingToken string) (*prakerja.StaffEnrolment, error) {
	_, st, err := s.pending(ctx, pendingToken)
	if err != nil {
		return nil, err
	}
	if st.TOTPConfirmed {
		return nil, prakerja.Errorf(prakerja.CodeConflict, "This account already has an authenticator.")
	}
	var secret string
	if st.TOTPSecret != nil {
		secret, err = s.secretOf(st)
	} else if secret, err = newSecret(st.Username); err == nil {
		err = s.storeSecret(ctx, st, secret)
	}
	if err != nil {
		return nil, err
	}
	return enrolment(st.Username, secret), nil
}

// SignInCode is the second step: a TOTP code for a pending session (it
// also confirms a new enrolment). Returns CodeUnauthorized when the
// pending session is gone or the failure locked the account,
// CodeOTPInvalid for a wrong code, CodeOTPUsed for a replayed one,
// CodeRateLimited. Success ends the pending session and opens a new full
// one, so the token changes at sign-in.
func (s *Service) SignInCode(ctx context.Context, pendingToken, code, clientIP string) (*prakerja.StaffSignIn, error) {
	if err := s.limitAddress(ctx, clientIP); err != nil {
		return nil, err
	}
	ss, st, err := s.pending(ctx, pendingToken)
	if err != nil {
		return nil, err
	}
	if st.TOTPSecret == nil {
		return nil, errSignIn()
	}
	secret, err := s.secretOf(st)
	if err != nil {
		return nil, err
	}
	now := s.now()
	step := matchStep(secret, code, now)
	if step == 0 {
		return nil, s.codeFailed(ctx, st, ss, "wrong_code", prakerja.CodeOTPInvalid)
	}
	if err := s.store.AcceptStaffTOTPStep(ctx, st.ID, step, now); err != nil {
		if prakerja.ErrorCode(err) == prakerja.CodeOTPUsed {
			return nil, s.codeFailed(ctx, st, ss, "replayed_code", prakerja.CodeOTPUsed)
		}
		return nil, err
	}
	return s.finishSignIn(ctx, st, ss)
}

// codeFailed counts a refused code; the failure that locks the account
// also ends the pending session (CodeUnauthorized), others keep it
// (code).
func (s *Service) codeFailed(ctx context.Context, st *prakerja.Staff, ss *prakerja.StaffSession, reason string, code prakerja.Code) error {
	if err := s.fail(ctx, st, reason); err != nil && prakerja.ErrorCode(err) != prakerja.CodeUnauthorized {
		return err
	}
	after, err := s.store.StaffByID(ctx, st.ID)
	if err != nil {
		return err
	}
	if after.Locked(s.now()) {
		if err := s.store.DeleteStaffSession(ctx, ss.TokenHash); err != nil {
			return err
		}
		return errSignIn()
	}
	return prakerja.Errorf(code, "Sign-in failed: wrong code.")
}

// finishSignIn replaces the pending session with a full one and records
// the sign-in.
func (s *Service) finishSignIn(ctx context.Context, st *prakerja.Staff, ss *prakerja.StaffSession) (*prakerja.StaffSignIn, error) {
	now := s.now()
	if err := s.store.ResetStaffFailures(ctx, st.ID, now); err != nil {
		return nil, err
	}
	if err := s.store.DeleteStaffSession(ctx, ss.TokenHash); err != nil {
		return nil, err
	}
	if !st.TOTPConfirmed {
		if err := s.audit(ctx, st.Username, prakerja.AuditStaffTOTPEnrolled, st.Subject(), nil); err != nil {
			return nil, err
		}
	}
	if err := s.audit(ctx, st.Username, prakerja.AuditStaffSignIn, st.Subject(),
		map[string]string{"role": string(st.Role)}); err != nil {
		return nil, err
	}
	tok, err := s.newSession(ctx, st.ID, true, prakerja.StaffSessionMax)
	if err != nil {
		return nil, err
	}
	st.TOTPConfirmed, st.FailedLogins = true, 0
	tok.Staff = st
	return tok, nil
}

// Session returns the staff member of a full session, marking it used.
// Returns CodeUnauthorized for an unknown, pending, idle, expired or
// signed-out session, or a disabled account.
func (s *Service) Session(ctx context.Context, token string) (*prakerja.Staff, error) {
	if token == "" {
		return nil, errSignIn()
	}
	now := s.now()
	ss, err := s.store.TouchStaffSession(ctx, tokenHash(token), now, now.Add(-prakerja.StaffIdleTimeout))
	if err != nil {
		return nil, err
	}
	if !ss.Verified {
		return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "Please sign in.")
	}
	st, err := s.store.StaffByID(ctx, ss.StaffID)
	if err != nil {
		return nil, err
	}
	if st.Disabled {
		return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "Please sign in.")
	}
	return st, nil
}

// SignOut ends the session of token (full or pending), recording who
// signed out when the session was live.
func (s *Service) SignOut(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	if st, err := s.Session(ctx, token); err == nil {
		if err := s.audit(ctx, st.Username, prakerja.AuditStaffSignOut, st.Subject(), nil); err != nil {
			return err
		}
	}
	return s.store.DeleteStaffSession(ctx, tokenHash(token))
}

// newSession stores a session of ttl for staff id and returns its token.
func (s *Service) newSession(ctx context.Context, id int64, verified bool, ttl time.Duration) (*prakerja.StaffSignIn, error) {
	var raw [32]byte
	_, _ = rand.Read(raw[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	token := base64.RawURLEncoding.EncodeToString(raw[:])
	now := s.now()
	ss := &prakerja.StaffSession{TokenHash: tokenHash(token), StaffID: id, Verified: verified, CreatedAt: now,
		ExpiresAt: now.Add(ttl)}
	if err := s.store.CreateStaffSession(ctx, ss); err != nil {
		return nil, fmt.Errorf("staff session: %w", err)
	}
	return &prakerja.StaffSignIn{Token: token, ExpiresAt: ss.ExpiresAt}, nil
}

// tokenHash is what the store keeps of a session token.
func tokenHash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}
