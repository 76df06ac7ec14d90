package registration

import "github.com/prakerja/prakerja"

// codeMessages are the service's words for a one-time code's failures; the
// store's own messages describe storage, not what the registrant should do.
var codeMessages = map[prakerja.Code]string{
	prakerja.CodeNotFound:     "No code has been sent yet; request one first.",
	prakerja.CodeOTPInvalid:   "The code is wrong. Check the latest message and try again.",
	prakerja.CodeOTPExpired:   "The code has expired. Request a new one.",
	prakerja.CodeOTPUsed:      "The code has already been used. Request a new one.",
	prakerja.CodeOTPExhausted: "Too many wrong codes. Request a new one.",
}

// linkMessages are the same for the e-mail confirmation link.
var linkMessages = map[prakerja.Code]string{
	prakerja.CodeNotFound:   "This confirmation link is not valid; check that it was copied completely.",
	prakerja.CodeOTPExpired: "This confirmation link has expired.",
	prakerja.CodeOTPUsed:    "This confirmation link has already been used; sign in instead.",
}

// reword replaces the message of a coded store error found in texts and
// passes any other error through unchanged.
func reword(err error, texts map[prakerja.Code]string) error {
	if msg, ok := texts[prakerja.ErrorCode(err)]; ok {
		return &prakerja.Error{Code: prakerja.ErrorCode(err), Message: msg}
	}
	return err
}
