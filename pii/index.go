package pii

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"strings"

	"github.com/prakerja/prakerja"
)

// Index returns the blind index of value for field: HMAC-SHA256 under the
// field's own derived key, over the field name and the normalised value. The
// field name is hashed too, so even a shared key could not make two fields'
// indexes collide.
func (k *Keyring) Index(field prakerja.IndexField, value string) []byte {
	m := hmac.New(sha256.New, k.subKey("prakerja/index/v1/"+string(field)))
	m.Write([]byte(field))
	m.Write([]byte{0})
	m.Write([]byte(Normalize(field, value)))
	return m.Sum(nil)
}

// Normalize returns the form of value that Index hashes. Callers pass values
// already in canonical form (the registration service turns phones into
// E.164); this only forgives what a lookup form commonly adds: surrounding
// spaces, and upper case in e-mail addresses.
func Normalize(field prakerja.IndexField, value string) string {
	value = strings.TrimSpace(value)
	if field == prakerja.IndexEmail {
		value = strings.ToLower(value)
	}
	return value
}

// HMAC returns HMAC-SHA256 of data under a key derived for purpose alone, so
// hashes made for one purpose (an OTP) never match another's (a session
// token). Each element is length-prefixed, so ("ab","c") and ("a","bc")
// differ. purpose must be a constant: each distinct one derives and caches
// a key for the life of the keyring.
func (k *Keyring) HMAC(purpose string, data ...[]byte) []byte {
	m := hmac.New(sha256.New, k.subKey("prakerja/hmac/v1/"+purpose))
	var n [8]byte
	for _, d := range data {
		binary.BigEndian.PutUint64(n[:], uint64(len(d)))
		m.Write(n[:])
		m.Write(d)
	}
	return m.Sum(nil)
}
