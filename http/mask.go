package http

import (
	"strings"
	"unicode/utf8"
)

// Personal data shown back to a signed-in registrant is masked: enough to
// recognise their own number on a shared phone screen, not enough for a
// shoulder-surfer (or a screenshot) to reuse it.

// maskNIK keeps the first 4 digits (province and regency, printed on every
// KTP) and the last 4, as in 3171********0001.
func maskNIK(nik string) string {
	return maskMiddle(nik, 4, 4)
}

// maskPhone keeps the country prefix and the last 3 digits:
// +6281234567890 → +628*******890.
func maskPhone(phone string) string {
	return maskMiddle(phone, 4, 3)
}

// maskEmail keeps the first letter of the local part and the domain:
// amina@example.com → a***@example.com.
func maskEmail(email string) string {
	at := strings.LastIndexByte(email, '@')
	if at <= 0 {
		return "***"
	}
	first, _ := utf8.DecodeRuneInString(email)
	return string(first) + "***" + email[at:]
}

// maskMiddle stars everything but head leading and tail trailing runes; a
// value too short to keep both is fully starred.
func maskMiddle(v string, head, tail int) string {
	r := []rune(v)
	if len(r) <= head+tail {
		return strings.Repeat("*", len(r))
	}
	return string(r[:head]) + strings.Repeat("*", len(r)-head-tail) + string(r[len(r)-tail:])
}

// maskName keeps the first letter of each word: Siti Aminah → S*** A*****.
// A reviewer comparing two registrations sees that the names look alike
// without the page becoming a list of names.
func maskName(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		words[i] = maskMiddle(w, 1, 0)
		if utf8.RuneCountInString(w) == 1 {
			words[i] = w
		}
	}
	return strings.Join(words, " ")
}
