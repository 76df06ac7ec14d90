package mock

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
)

var _ prakerja.RegistrationService = (*RegistrationService)(nil)

// RegistrationService is a hand-written fake of prakerja.RegistrationService.
// Each method calls the function field of the same name; a test sets only the
// fields its scenario reaches, so an unexpected call panics with a nil
// function and shows the test is wrong.
type RegistrationService struct {
	RegisterFn     func(ctx context.Context, in prakerja.RegisterInput, c prakerja.Client) (*prakerja.Registration, error)
	ConfirmEmailFn func(ctx context.Context, token string) (*prakerja.Registration, *prakerja.SessionToken, error)
	SendPhoneOTPFn func(ctx context.Context, registrationID int64, c prakerja.Client) (time.Time, error)
	VerifyPhoneFn  func(ctx context.Context, registrationID int64, code string) (*prakerja.Registration, error)
	StartLoginFn   func(ctx context.Context, identifier string, c prakerja.Client) (*prakerja.Login, error)
	FinishLoginFn  func(ctx context.Context, loginID, code string) (*prakerja.Registration, *prakerja.SessionToken, error)
	AuthenticateFn func(ctx context.Context, token string) (*prakerja.Registration, error)
	LogoutFn       func(ctx context.Context, token string) error
	RegistrationFn func(ctx context.Context, id int64) (*prakerja.Registration, error)
}

// Register calls RegisterFn.
func (s *RegistrationService) Register(ctx context.Context, in prakerja.RegisterInput, c prakerja.Client) (*prakerja.Registration, error) {
	return s.RegisterFn(ctx, in, c)
}

// ConfirmEmail calls ConfirmEmailFn.
func (s *RegistrationService) ConfirmEmail(ctx context.Context, token string) (*prakerja.Registration, *prakerja.SessionToken, error) {
	return s.ConfirmEmailFn(ctx, token)
}

// SendPhoneOTP calls SendPhoneOTPFn.
func (s *RegistrationService) SendPhoneOTP(ctx context.Context, registrationID int64, c prakerja.Client) (time.Time, error) {
	return s.SendPhoneOTPFn(ctx, registrationID, c)
}

// VerifyPhone calls VerifyPhoneFn.
func (s *RegistrationService) VerifyPhone(ctx context.Context, registrationID int64, code string) (*prakerja.Registration, error) {
	return s.VerifyPhoneFn(ctx, registrationID, code)
}

// StartLogin calls StartLoginFn.
func (s *RegistrationService) StartLogin(ctx context.Context, identifier string, c prakerja.Client) (*prakerja.Login, error) {
	return s.StartLoginFn(ctx, identifier, c)
}

// FinishLogin calls FinishLoginFn.
func (s *RegistrationService) FinishLogin(ctx context.Context, loginID, code string) (*prakerja.Registration, *prakerja.SessionToken, error) {
	return s.FinishLoginFn(ctx, loginID, code)
}

// Authenticate calls AuthenticateFn.
func (s *RegistrationService) Authenticate(ctx context.Context, token string) (*prakerja.Registration, error) {
	return s.AuthenticateFn(ctx, token)
}

// Logout calls LogoutFn.
func (s *RegistrationService) Logout(ctx context.Context, token string) error {
	return s.LogoutFn(ctx, token)
}

// Registration calls RegistrationFn.
func (s *RegistrationService) Registration(ctx context.Context, id int64) (*prakerja.Registration, error) {
	return s.RegistrationFn(ctx, id)
}
