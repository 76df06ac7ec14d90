// Package otp draws and reads the one-time codes sent by SMS: at
// registration, at sign-in and at a card payment. One implementation, so a
// fix to how codes are drawn or typed reaches every place they are used.
package otp

import (
	"crypto/rand"
	"math/big"
	"strings"
)

// New returns a uniformly random code of n digits. rand.Int draws by
// rejection, so no code is likelier than another (a byte modulo 10 would
// favour 0–5). It panics when the system's random source fails, which no
// caller could recover from.
func New(n int) string {
	limit := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
	v, err := rand.Int(rand.Reader, limit)
	if err != nil {
		panic("otp: crypto/rand failed: " + err.Error())
	}
	s := v.String()
	return strings.Repeat("0", n-len(s)) + s
}

// Clean strips the spaces and dashes people type into codes and reports
// whether what is left is n digits. Input longer than 4n is refused before
// any work.
func Clean(s string, n int) (string, bool) {
	if len(s) > 4*n {
		return "", false
	}
	s = strings.NewReplacer(" ", "", "-", "").Replace(s)
	if len(s) != n || strings.Trim(s, "0123456789") != "" {
		return "", false
	}
	return s, true
}
