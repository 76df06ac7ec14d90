// Package prakerja holds the domain of the Kartu Prakerja programme: its
// types, the contracts of its services and stores, and its error codes. It
// imports only the standard library; adapters live in sub-packages and the
// wiring lives in cmd/prakerja.
package prakerja

import (
	"errors"
	"fmt"
	"time"
)

// Code is a stable, machine-readable error code. The set is closed: every
// code the system can return is declared below, and http/ maps each one to a
// status. Clients and translations key on these strings, so never rename one.
type Code string

// General codes.
const (
	CodeInvalid            Code = "invalid"                 // input failed validation; see Fields
	CodeMalformed          Code = "malformed_request"       // body is not parseable JSON / form
	CodeTooLarge           Code = "body_too_large"          // request body over its limit
	CodeUnsupportedMedia   Code = "unsupported_media"       // wrong Content-Type
	CodeNotFound           Code = "not_found"               // no such resource
	CodeConflict           Code = "conflict"                // state does not allow the operation
	CodeUnauthorized       Code = "unauthorized"            // no valid session
	CodeForbidden          Code = "forbidden"               // session lacks the right
	CodeRateLimited        Code = "rate_limited"            // too many attempts; retry later
	CodeIdempotencyReused  Code = "idempotency_key_reused"  // same key, different request
	CodeIdempotencyPending Code = "idempotency_in_progress" // same key still being processed
	CodeSchemaOutdated     Code = "schema_outdated"         // database needs `prakerja migrate`
	CodeUnavailable        Code = "unavailable"             // overloaded or shutting down
	CodeInternal           Code = "internal"                // a bug or an outage; details only in logs
)

// Registration codes.
const (
	CodeNIKTaken   Code = "nik_taken"
	CodeEmailTaken Code = "email_taken"
	CodePhoneTaken Code = "phone_taken"
)

// NIK and KK validation codes: one per distinct failure, so a registrant can
// be told exactly which digits are wrong.
const (
	CodeNIKFormat            Code = "nik_format"              // not exactly 16 digits
	CodeNIKRegionUnknown     Code = "nik_region_unknown"      // PPKKCC is no Kemendagri district, current or historical
	CodeNIKBirthDateInvalid  Code = "nik_birth_date_invalid"  // DDMMYY is not a real date (after the +40 for women)
	CodeNIKBirthDateFuture   Code = "nik_birth_date_future"   // never produced for 2-digit years; kept for explicit dates
	CodeNIKSerialZero        Code = "nik_serial_zero"         // serial 0000
	CodeNIKBirthDateMismatch Code = "nik_birth_date_mismatch" // stated birth date differs from the NIK's
	CodeNIKSexMismatch       Code = "nik_sex_mismatch"        // stated sex differs from the NIK's
	CodeKKFormat             Code = "kk_format"
	CodeKKRegionUnknown      Code = "kk_region_unknown"
	CodeKKDateInvalid        Code = "kk_date_invalid"
	CodeKKSerialZero         Code = "kk_serial_zero"
)

// Field validation codes used inside Error.Fields.
const (
	CodeRequired      Code = "required"
	CodeTooLong       Code = "too_long"
	CodeBadFormat     Code = "bad_format"
	CodeBadValue      Code = "bad_value"
	CodeUnknownRegion Code = "unknown_region"
)

// One-time code (OTP) and link codes.
const (
	CodeOTPInvalid   Code = "otp_invalid"   // wrong code
	CodeOTPExpired   Code = "otp_expired"   // past its expiry
	CodeOTPUsed      Code = "otp_used"      // already consumed
	CodeOTPExhausted Code = "otp_exhausted" // too many wrong tries
)

// Programme scheme codes.
const (
	CodeSchemeInvalid Code = "scheme_invalid"
	CodeSchemeUnknown Code = "scheme_unknown"
)

// Wave codes: why a join was refused. Each is distinct so the dashboard can
// tell a registrant what to do next (wait, take the test, pick another wave).
const (
	CodeWaveNotOpen     Code = "wave_not_open"     // before the wave's opening instant
	CodeWaveClosed      Code = "wave_closed"       // at or after the closing instant, by the server's clock
	CodeNotVerified     Code = "not_verified"      // the registration is not eligible (yet)
	CodeTestNotPassed   Code = "test_not_passed"   // no passed online test
	CodeOutsideRegion   Code = "outside_region"    // domicile outside the wave's regions
	CodeOtherWaveJoined Code = "other_wave_joined" // already in another wave that has not closed
)

// Online-test codes: why an attempt may not start or an answer sheet is
// refused. Each tells the registrant something different to do (wait, stop,
// finish the open attempt), so none is folded into conflict.
const (
	CodeTestDeadlinePassed    Code = "test_deadline_passed"    // answers sent after the attempt's deadline, to the second
	CodeTestRetakeWait        Code = "test_retake_wait"        // the wait after a failed attempt has not passed; Retry says how long
	CodeTestAttemptsExhausted Code = "test_attempts_exhausted" // every allowed attempt is used
	CodeTestInProgress        Code = "test_in_progress"        // an attempt is still open; finish it first
	CodeTestAlreadyPassed     Code = "test_already_passed"     // a pass is final and kept across waves
	CodeTestSubmitted         Code = "test_submitted"          // this attempt's answers were already sent
)

// Marketplace codes: why a card payment or a voucher step was refused. Each
// tells a platform, a provider or a participant something different to do,
// so none is folded into conflict.
const (
	CodeCardUnknown         Code = "card_unknown"         // no participant holds this card number
	CodeCardRevoked         Code = "card_revoked"         // the card was revoked (deadline missed, ineligible)
	CodeBalanceInsufficient Code = "balance_insufficient" // the price is more than the training balance left
	CodeCourseInactive      Code = "course_inactive"      // the course is not for sale now
	CodeProgrammeEnded      Code = "programme_ended"      // past the scheme's last day for spending the balance
	CodeOrderTaken          Code = "order_taken"          // the platform used this order id before
	CodeVoucherUnknown      Code = "voucher_unknown"      // no voucher with this code (for this platform or provider)
	CodeVoucherState        Code = "voucher_state"        // the voucher is not in a state that allows the step
	CodeReviewRequired      Code = "review_required"      // a completed training waits for its review first
)

// Survey codes (issue 5): why a survey cannot be answered now. Each tells
// the participant something different (wait for the training, too late,
// nothing more to do).
const (
	CodeSurveyNotOpen Code = "survey_not_open" // training not finished or the survey before not done
	CodeSurveyClosed  Code = "survey_closed"   // the programme has ended, or the card was revoked
	CodeSurveyDone    Code = "survey_done"     // this survey was answered already
)

// FieldError names one bad input field and why.
type FieldError struct {
	Field   string `json:"field"`
	Code    Code   `json:"code"`
	Message string `json:"message"`
}

// Error is the one error type that crosses package boundaries. Message is
// safe to show to a user: it never holds personal data (NIK, KK, phone,
// e-mail) nor internal details.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	// Retry, for CodeRateLimited and CodeUnavailable, is how long the
	// caller should wait; the HTTP layer sends it as Retry-After.
	Retry time.Duration
}

// RetryAfter returns how long to wait before trying again (0 = unknown).
func (e *Error) RetryAfter() time.Duration { return e.Retry }

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("%s: %s (%d field errors)", e.Code, e.Message, len(e.Fields))
}

// Errorf returns an *Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, CodeInternal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	var e *Error
	if err == nil {
		return ""
	}
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorMessage returns the user-safe message of err; internal errors get a
// generic text because their causes belong in logs only.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// ErrorFields returns the field errors of err, if any.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Ledger codes: why money could not move. Transfer-level refusals are
// TransferResults; these are for whole operations.
const (
	CodeBudgetInsufficient Code = "budget_insufficient" // the wave's budget cannot cover what crediting would post
	CodeLedgerRefused      Code = "ledger_refused"      // a transfer of the operation was refused; the message names the result
)

// Payout codes (issue 6). The account codes are shown to the participant,
// each with its own fix (use an account in your own name, upgrade the
// e-wallet, use the phone number registered here).
const (
	CodePayoutProvider        Code = "payout_provider"          // not one of the programme's banks or e-wallets
	CodePayoutAccountNotFound Code = "payout_account_not_found" // the partner knows no such account
	CodePayoutAccountClosed   Code = "payout_account_closed"    // the account is closed or blocked
	CodePayoutNIKMismatch     Code = "payout_nik_mismatch"      // the account holder's NIK is not the participant's
	CodePayoutNameMismatch    Code = "payout_name_mismatch"     // the holder's name is not the participant's
	CodePayoutNotKYC          Code = "payout_not_kyc"           // the e-wallet is not upgraded (KTP + selfie)
	CodePayoutPhoneMismatch   Code = "payout_phone_mismatch"    // an e-wallet must use the phone number registered here
	CodePayoutAccountMissing  Code = "payout_account_missing"   // no verified payout account yet
	CodePayoutRunState        Code = "payout_run_state"         // the run is not in a state that allows the step
	CodePayoutSameOperator    Code = "payout_same_operator"     // the maker of a run may not approve it
	CodePayoutFileInvalid     Code = "payout_file_invalid"      // a partner file does not parse or its totals disagree
)

// Partner signature codes (issue 7 item 1): why a partner machine's signed
// request was refused. Each tells the partner's developers something
// different to fix (send the headers, fix the signing code, fix the
// clock, stop retrying the same signature, use the new key).
const (
	CodeSignatureMissing  Code = "signature_missing"   // no Prakerja-Key-Id / -Timestamp / -Signature headers
	CodeSignatureInvalid  Code = "signature_invalid"   // malformed headers, unknown key id, or a wrong HMAC
	CodeSignatureExpired  Code = "signature_expired"   // the timestamp is more than 5 minutes from the server's clock
	CodeSignatureReplayed Code = "signature_replayed"  // the same key id and signature were used before
	CodePartnerKeyRevoked Code = "partner_key_revoked" // the key was revoked; sign with the partner's newer key
)

// Complaint codes (issue 7 item 4): why a step on a ticket was refused.
// Each tells the registrant or the support agent something different
// (reload, open a new ticket, close one first).
const (
	CodeComplaintTransition    Code = "complaint_transition"     // the ticket's state does not allow this move
	CodeComplaintReopenExpired Code = "complaint_reopen_expired" // closed more than ComplaintReopenWindow ago; open a new one
	CodeComplaintChanged       Code = "complaint_changed"        // someone changed the ticket first; reload it
	CodeComplaintLimit         Code = "complaint_limit"          // too many open tickets, or notes on one ticket
)
