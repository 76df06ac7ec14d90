package partnerauth

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Header names.
const (
	HeaderKeyID     = "Prakerja-Key-Id"
	HeaderTimestamp = "Prakerja-Timestamp"
	HeaderSignature = "Prakerja-Signature"
)

// Limits of the scheme.
const (
	// Window is how far a request's timestamp may be from the server's
	// clock, either way.
	Window = 5 * time.Minute
	// SecretSize is the length of a key's secret.
	SecretSize = 32
	// SignaturesMax is how many "v1=" items one header may carry.
	SignaturesMax = 4
	// HeaderMax bounds each of the three headers, in bytes.
	HeaderMax = 512
	// BodyMax bounds the body Sign reads from a request (the server's own
	// limits are per route and smaller or equal).
	BodyMax = 64 << 20
)

// version is the only signature version so far.
const version = "v1"

// Secret is a key's 32-byte HMAC key.
type Secret []byte

// NewSecret returns a fresh random secret.
func NewSecret() Secret {
	b := make([]byte, SecretSize)
	_, _ = rand.Read(b) // never fails (crypto/rand since Go 1.24)
	return b
}

// NewKeyID returns a fresh key id: "pk_" and 26 base32 letters (128 random
// bits), so ids never collide and say what they are in a log.
func NewKeyID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "pk_" + strings.ToLower(strings.TrimRight(base32Enc.EncodeToString(b), "="))
}

// String is the secret as shown to the partner: unpadded base64url.
func (s Secret) String() string { return base64.RawURLEncoding.EncodeToString(s) }

// ParseSecret reads a secret as shown by String.
func ParseSecret(text string) (Secret, error) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil || len(b) != SecretSize {
		return nil, fmt.Errorf("partnerauth: a secret is %d bytes in unpadded base64url", SecretSize)
	}
	return b, nil
}

// Timestamp formats now as the Prakerja-Timestamp header: unix seconds.
func Timestamp(now time.Time) string { return strconv.FormatInt(now.Unix(), 10) }

// Message is the text the HMAC covers.
func Message(method, target, timestamp string, body []byte) []byte {
	sum := sha256.Sum256(body)
	var b bytes.Buffer
	b.Grow(len(method) + len(target) + len(timestamp) + 3 + 2*sha256.Size)
	b.WriteString(strings.ToUpper(method))
	b.WriteByte('\n')
	b.WriteString(target)
	b.WriteByte('\n')
	b.WriteString(timestamp)
	b.WriteByte('\n')
	b.WriteString(hex.EncodeToString(sum[:]))
	return b.Bytes()
}

// Compute returns the HMAC-SHA256 of Message under secret.
func Compute(secret Secret, method, target, timestamp string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(Message(method, target, timestamp, body))
	return m.Sum(nil)
}

// Headers returns the three headers of a signed request; target is the
// escaped path and query as sent (url.URL.RequestURI).
func Headers(keyID string, secret Secret, method, target string, body []byte, now time.Time) http.Header {
	ts := Timestamp(now)
	h := http.Header{}
	h.Set(HeaderKeyID, keyID)
	h.Set(HeaderTimestamp, ts)
	h.Set(HeaderSignature, version+"="+hex.EncodeToString(Compute(secret, method, target, ts, body)))
	return h
}

// Sign signs req with the key at now, reading and restoring its body (at
// most BodyMax bytes). Call it last, after every change to the method,
// URL or body.
func Sign(req *http.Request, keyID string, secret Secret, now time.Time) error {
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(io.LimitReader(req.Body, BodyMax+1))
		if cerr := req.Body.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("partnerauth: read body: %w", err)
		}
		if len(b) > BodyMax {
			return fmt.Errorf("partnerauth: body over %d bytes", BodyMax)
		}
		body = b
		req.Body = io.NopCloser(bytes.NewReader(b))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	for k, v := range Headers(keyID, secret, req.Method, req.URL.RequestURI(), body, now) {
		req.Header[k] = v
	}
	return nil
}
