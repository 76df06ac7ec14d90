package http

import (
	"net/http"

	"github.com/prakerja/prakerja"
)

// codeStatus is the one table from error codes to HTTP statuses (STYLE rule
// 2). A test parses error.go and fails when a code is missing here, so a new
// code cannot ship without a deliberate status.
//
// OTP failures are 422, not 400: the request is well-formed and the client
// sent what the user typed; the code itself is wrong, expired or used up, so
// the client should show the message and let the user try again, not change
// how it builds requests.
var codeStatus = map[prakerja.Code]int{
	prakerja.CodeInvalid:            http.StatusUnprocessableEntity,
	prakerja.CodeMalformed:          http.StatusBadRequest,
	prakerja.CodeTooLarge:           http.StatusRequestEntityTooLarge,
	prakerja.CodeUnsupportedMedia:   http.StatusUnsupportedMediaType,
	prakerja.CodeNotFound:           http.StatusNotFound,
	prakerja.CodeConflict:           http.StatusConflict,
	prakerja.CodeUnauthorized:       http.StatusUnauthorized,
	prakerja.CodeForbidden:          http.StatusForbidden,
	prakerja.CodeRateLimited:        http.StatusTooManyRequests,
	prakerja.CodeIdempotencyReused:  http.StatusUnprocessableEntity,
	prakerja.CodeIdempotencyPending: http.StatusConflict,
	prakerja.CodeSchemaOutdated:     http.StatusServiceUnavailable,
	prakerja.CodeUnavailable:        http.StatusServiceUnavailable,
	prakerja.CodeInternal:           http.StatusInternalServerError,

	prakerja.CodeNIKTaken:   http.StatusConflict,
	prakerja.CodeEmailTaken: http.StatusConflict,
	prakerja.CodePhoneTaken: http.StatusConflict,

	prakerja.CodeNIKFormat:            http.StatusUnprocessableEntity,
	prakerja.CodeNIKRegionUnknown:     http.StatusUnprocessableEntity,
	prakerja.CodeNIKBirthDateInvalid:  http.StatusUnprocessableEntity,
	prakerja.CodeNIKBirthDateFuture:   http.StatusUnprocessableEntity,
	prakerja.CodeNIKSerialZero:        http.StatusUnprocessableEntity,
	prakerja.CodeNIKBirthDateMismatch: http.StatusUnprocessableEntity,
	prakerja.CodeNIKSexMismatch:       http.StatusUnprocessableEntity,
	prakerja.CodeKKFormat:             http.StatusUnprocessableEntity,
	prakerja.CodeKKRegionUnknown:      http.StatusUnprocessableEntity,
	prakerja.CodeKKDateInvalid:        http.StatusUnprocessableEntity,
	prakerja.CodeKKSerialZero:         http.StatusUnprocessableEntity,

	// Field codes normally appear only inside Fields; a service that returns
	// one at the top level still meant "this input is wrong".
	prakerja.CodeRequired:      http.StatusUnprocessableEntity,
	prakerja.CodeTooLong:       http.StatusUnprocessableEntity,
	prakerja.CodeBadFormat:     http.StatusUnprocessableEntity,
	prakerja.CodeBadValue:      http.StatusUnprocessableEntity,
	prakerja.CodeUnknownRegion: http.StatusUnprocessableEntity,

	prakerja.CodeOTPInvalid:   http.StatusUnprocessableEntity,
	prakerja.CodeOTPExpired:   http.StatusUnprocessableEntity,
	prakerja.CodeOTPUsed:      http.StatusUnprocessableEntity,
	prakerja.CodeOTPExhausted: http.StatusUnprocessableEntity,

	// Money that cannot move is a state of the ledger (409): a budget
	// short of a wave, or a transfer the ledger refused.
	prakerja.CodeBudgetInsufficient: http.StatusConflict,
	prakerja.CodeLedgerRefused:      http.StatusConflict,

	prakerja.CodeSchemeInvalid: http.StatusUnprocessableEntity,
	prakerja.CodeSchemeUnknown: http.StatusUnprocessableEntity,

	// A wave that is not open, or another wave already joined, is a state
	// that changes with time (409); a registrant who may not join at all
	// yet is refused (403) until their own status changes.
	prakerja.CodeWaveNotOpen:     http.StatusConflict,
	prakerja.CodeWaveClosed:      http.StatusConflict,
	prakerja.CodeOtherWaveJoined: http.StatusConflict,
	prakerja.CodeNotVerified:     http.StatusForbidden,
	prakerja.CodeTestNotPassed:   http.StatusForbidden,
	prakerja.CodeOutsideRegion:   http.StatusForbidden,

	// Test refusals that pass with time or with finishing the open attempt
	// are 409; used-up attempts will not come back, so 403.
	prakerja.CodeTestDeadlinePassed:    http.StatusConflict,
	prakerja.CodeTestRetakeWait:        http.StatusConflict,
	prakerja.CodeTestInProgress:        http.StatusConflict,
	prakerja.CodeTestAlreadyPassed:     http.StatusConflict,
	prakerja.CodeTestSubmitted:         http.StatusConflict,
	prakerja.CodeTestAttemptsExhausted: http.StatusForbidden,

	// Payout account refusals are the partner's answer about the account
	// (422: send another account); a missing account or a run in the wrong
	// state may change (409); the maker approving their own run is 403.
	prakerja.CodePayoutProvider:        http.StatusUnprocessableEntity,
	prakerja.CodePayoutAccountNotFound: http.StatusUnprocessableEntity,
	prakerja.CodePayoutAccountClosed:   http.StatusUnprocessableEntity,
	prakerja.CodePayoutNIKMismatch:     http.StatusUnprocessableEntity,
	prakerja.CodePayoutNameMismatch:    http.StatusUnprocessableEntity,
	prakerja.CodePayoutNotKYC:          http.StatusUnprocessableEntity,
	prakerja.CodePayoutPhoneMismatch:   http.StatusUnprocessableEntity,
	prakerja.CodePayoutFileInvalid:     http.StatusUnprocessableEntity,
	prakerja.CodePayoutAccountMissing:  http.StatusConflict,
	prakerja.CodePayoutRunState:        http.StatusConflict,
	prakerja.CodePayoutSameOperator:    http.StatusForbidden,

	// Survey refusals are states that change with time or are final (409).
	prakerja.CodeSurveyNotOpen: http.StatusConflict,
	prakerja.CodeSurveyClosed:  http.StatusConflict,
	prakerja.CodeSurveyDone:    http.StatusConflict,

	// Marketplace refusals: an unknown card or voucher is 404; a revoked
	// card or an ended programme will not come back (403); the rest are
	// states that may change (409).
	prakerja.CodeCardUnknown:         http.StatusNotFound,
	prakerja.CodeCardRevoked:         http.StatusForbidden,
	prakerja.CodeProgrammeEnded:      http.StatusForbidden,
	prakerja.CodeBalanceInsufficient: http.StatusConflict,
	prakerja.CodeCourseInactive:      http.StatusConflict,
	prakerja.CodeOrderTaken:          http.StatusConflict,
	prakerja.CodeVoucherUnknown:      http.StatusNotFound,
	prakerja.CodeVoucherState:        http.StatusConflict,
	prakerja.CodeReviewRequired:      http.StatusConflict,

	// Partner signature refusals are failed authentication (401), like a
	// missing session; the code says what to fix.
	prakerja.CodeSignatureMissing:  http.StatusUnauthorized,
	prakerja.CodeSignatureInvalid:  http.StatusUnauthorized,
	prakerja.CodeSignatureExpired:  http.StatusUnauthorized,
	prakerja.CodeSignatureReplayed: http.StatusUnauthorized,
	prakerja.CodePartnerKeyRevoked: http.StatusUnauthorized,

	// Complaint refusals are states of a ticket (409); a reopening after
	// its window will not come back (403: open a new ticket).
	prakerja.CodeComplaintTransition:    http.StatusConflict,
	prakerja.CodeComplaintChanged:       http.StatusConflict,
	prakerja.CodeComplaintLimit:         http.StatusConflict,
	prakerja.CodeComplaintReopenExpired: http.StatusForbidden,
}

// statusOf returns the HTTP status of code; an unknown code is a bug and is
// answered as internal.
func statusOf(code prakerja.Code) int {
	if st, ok := codeStatus[code]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// codeField names the input field a field-less error is about, so that both
// the problem's "errors" list and the form can point at the right input even
// when the service returned only a top-level code such as nik_taken.
var codeField = map[prakerja.Code]string{
	prakerja.CodeNIKTaken:             "nik",
	prakerja.CodeEmailTaken:           "email",
	prakerja.CodePhoneTaken:           "phone",
	prakerja.CodeNIKFormat:            "nik",
	prakerja.CodeNIKRegionUnknown:     "nik",
	prakerja.CodeNIKBirthDateInvalid:  "nik",
	prakerja.CodeNIKBirthDateFuture:   "nik",
	prakerja.CodeNIKSerialZero:        "nik",
	prakerja.CodeNIKBirthDateMismatch: "birth_date",
	prakerja.CodeNIKSexMismatch:       "sex",
	prakerja.CodeKKFormat:             "kk",
	prakerja.CodeKKRegionUnknown:      "kk",
	prakerja.CodeKKDateInvalid:        "kk",
	prakerja.CodeKKSerialZero:         "kk",
}
