package pii

import (
	"crypto/rand"
	"errors"
	"fmt"

	"github.com/prakerja/prakerja"
)

// FormatVersion is the first byte of every ciphertext this package writes.
// A new layout gets a new version; Open keeps reading the old ones.
const FormatVersion = 1

// ValueMax bounds a value to seal: the longest real one is an e-mail address
// (254) or a message's JSON parameters; anything bigger is a bug.
const ValueMax = 16 << 10

const nonceSize = 12

// Errors returned when a ciphertext cannot be opened. They name no value.
var (
	ErrMalformed  = errors.New("pii: malformed ciphertext")
	ErrUnknownKey = errors.New("pii: ciphertext sealed with an unknown key id")
	ErrDecrypt    = errors.New("pii: ciphertext failed authentication (tampered, wrong field or wrong key)")
)

// Seal encrypts value for a field's column and computes its blind index.
func (k *Keyring) Seal(field prakerja.IndexField, value string) (prakerja.Sealed, error) {
	ct, err := k.seal(fieldAAD(field), []byte(value))
	if err != nil {
		return prakerja.Sealed{}, fmt.Errorf("seal %s: %w", field, err)
	}
	return prakerja.Sealed{Ciphertext: ct, Index: k.Index(field, value)}, nil
}

// Open decrypts a value sealed for field.
func (k *Keyring) Open(field prakerja.IndexField, ciphertext []byte) (string, error) {
	b, err := k.open(fieldAAD(field), ciphertext)
	if err != nil {
		return "", fmt.Errorf("open %s: %w", field, err)
	}
	return string(b), nil
}

// SealBytes encrypts data that needs no index (message parameters, opaque
// ids). label plays the role of the field name: data sealed under one label
// opens only under the same label.
func (k *Keyring) SealBytes(label string, data []byte) ([]byte, error) {
	ct, err := k.seal(bytesAAD(label), data)
	if err != nil {
		return nil, fmt.Errorf("seal %s: %w", label, err)
	}
	return ct, nil
}

// OpenBytes decrypts data sealed by SealBytes under label.
func (k *Keyring) OpenBytes(label string, ciphertext []byte) ([]byte, error) {
	b, err := k.open(bytesAAD(label), ciphertext)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", label, err)
	}
	return b, nil
}

// KeyID returns the id of the key a ciphertext was sealed with, so a
// rotation job can find values still under an old key.
func (k *Keyring) KeyID(ciphertext []byte) (string, error) {
	id, _, err := parseHeader(ciphertext)
	return id, err
}

func (k *Keyring) seal(aad, plain []byte) ([]byte, error) {
	if len(plain) > ValueMax {
		return nil, fmt.Errorf("value is %d bytes, over %d", len(plain), ValueMax)
	}
	aead := k.aeads[k.active]
	header := make([]byte, 0, 2+len(k.active)+nonceSize+len(plain)+aead.Overhead())
	header = append(header, FormatVersion, byte(len(k.active)))
	header = append(header, k.active...)
	hlen := len(header)
	out := header[:hlen+nonceSize]
	nonce := out[hlen:]
	_, _ = rand.Read(nonce) // never fails (crypto/rand since Go 1.24)
	return aead.Seal(out, nonce, plain, append(aad, header[:hlen]...)), nil
}

func (k *Keyring) open(aad, ct []byte) ([]byte, error) {
	id, hlen, err := parseHeader(ct)
	if err != nil {
		return nil, err
	}
	aead, ok := k.aeads[id]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownKey, id)
	}
	if len(ct) < hlen+nonceSize+aead.Overhead() {
		return nil, ErrMalformed
	}
	nonce := ct[hlen : hlen+nonceSize]
	plain, err := aead.Open(nil, nonce, ct[hlen+nonceSize:], append(aad, ct[:hlen]...))
	if err != nil {
		return nil, ErrDecrypt
	}
	return plain, nil
}

// parseHeader returns the key id and the header length of a ciphertext.
func parseHeader(ct []byte) (id string, hlen int, err error) {
	if len(ct) < 2 {
		return "", 0, ErrMalformed
	}
	if ct[0] != FormatVersion {
		return "", 0, fmt.Errorf("%w: version %d", ErrMalformed, ct[0])
	}
	n := int(ct[1])
	if n == 0 || n > KeyIDMax || len(ct) < 2+n {
		return "", 0, ErrMalformed
	}
	return string(ct[2 : 2+n]), 2 + n, nil
}

// fieldAAD and bytesAAD keep fields and labels in separate namespaces, so a
// label named "nik" still cannot open a NIK column.
func fieldAAD(field prakerja.IndexField) []byte {
	return []byte("prakerja/pii/v1/field\x00" + string(field) + "\x00")
}

func bytesAAD(label string) []byte {
	return []byte("prakerja/pii/v1/bytes\x00" + label + "\x00")
}
