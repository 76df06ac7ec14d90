package http

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/prakerja/prakerja"
)

const (
	idempotencyKeyHeader = "Idempotency-Key"
	replayedHeader       = "Idempotent-Replayed"
	// responseCaptureMax bounds the copy of a response kept for replay; API
	// answers are a few hundred bytes, anything larger is not stored.
	responseCaptureMax = 64 << 10
)

// idempotencyReleaser is implemented by a store that can drop a pending
// claim at once. Without it a failed request's claim expires after
// cfg.IdempotencyPendingTTL (see the report's proposal for prakerja.Store).
type idempotencyReleaser interface {
	ReleaseIdempotent(ctx context.Context, key string) error
}

// idempotent runs h at most once per Idempotency-Key: the first request is
// processed and its answer stored; a retry with the same key and the same
// request gets the stored answer byte for byte. On a phone whose connection
// drops after the server committed, a retry thus does not register twice
// (or fail with nik_taken) but shows the first answer.
func (s *Server) idempotent(w http.ResponseWriter, r *http.Request, body []byte, h bodyFunc) error {
	key := r.Header.Get(idempotencyKeyHeader)
	if err := checkIdempotencyKey(key); err != nil {
		return err
	}
	storeKey := idempotencyStoreKey(r, key)
	hash := requestHash(r, body)
	now := s.clock.Now()
	prev, err := s.store.BeginIdempotent(r.Context(), storeKey, hash, now, s.cfg.IdempotencyPendingTTL)
	if err != nil {
		return fmt.Errorf("begin idempotent request: %w", err)
	}
	if prev != nil {
		return replay(w, prev, hash)
	}
	capt := &capture{ResponseWriter: w}
	if err := h(capt, r, body); err != nil {
		s.writeProblem(capt, r, err)
	}
	ctx := context.WithoutCancel(r.Context())
	if !storable(capt) {
		s.releaseIdempotent(ctx, r, storeKey)
		return nil
	}
	rec := &prakerja.IdempotentResponse{
		Key:         storeKey,
		RequestHash: hash,
		Status:      capt.statusOrOK(),
		ContentType: capt.Header().Get("Content-Type"),
		Body:        encodeStored(capt.Header(), capt.body.Bytes()),
		CreatedAt:   now,
	}
	if err := s.store.FinishIdempotent(ctx, rec); err != nil {
		// The client already has its answer; a retry will see "in progress"
		// until the claim's TTL. Worth an alert, not a failed request.
		s.logFailure(r, http.StatusInternalServerError, fmt.Errorf("finish idempotent request: %w", err))
	}
	return nil
}

// checkIdempotencyKey accepts 1 to IdempotencyKeyMax printable ASCII bytes.
func checkIdempotencyKey(key string) error {
	if key == "" || len(key) > IdempotencyKeyMax {
		return prakerja.Errorf(prakerja.CodeMalformed,
			"Idempotency-Key must be 1 to %d printable ASCII characters.", IdempotencyKeyMax)
	}
	for _, c := range []byte(key) {
		if c < 0x20 || c > 0x7e {
			return prakerja.Errorf(prakerja.CodeMalformed,
				"Idempotency-Key must be 1 to %d printable ASCII characters.", IdempotencyKeyMax)
		}
	}
	return nil
}

// idempotencyStoreKey namespaces the client's key by route and, when signed
// in, by session, so two registrants (or two endpoints) using the same key
// never see each other's answers. It is hashed: the session token is a
// secret and must not be stored in clear.
func idempotencyStoreKey(r *http.Request, key string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s", r.Pattern, sessionToken(r), key)
	// A partner scopes its retries like a session: by the partner that
	// signed (any of its keys), or by an old-style key.
	if k := partnerKeyFrom(r.Context()); k != nil {
		fmt.Fprintf(h, "\npartner:%s:%s", k.Kind, k.Partner)
	} else if party := r.Header.Get(platformKeyHeader) + r.Header.Get(providerKeyHeader); party != "" {
		fmt.Fprintf(h, "\n%s", party)
	}
	return "http:" + hex.EncodeToString(h.Sum(nil))
}

// requestHash fingerprints what the request asks for: method, path, body.
func requestHash(r *http.Request, body []byte) []byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n", r.Method, r.URL.Path)
	h.Write(body)
	return h.Sum(nil)
}

// replay answers a key seen before: the stored response, or the reason it
// cannot be replayed.
func replay(w http.ResponseWriter, prev *prakerja.IdempotentResponse, hash []byte) error {
	if !bytes.Equal(prev.RequestHash, hash) {
		return prakerja.Errorf(prakerja.CodeIdempotencyReused,
			"This Idempotency-Key was used for a different request; use a new key.")
	}
	if prev.Status == 0 {
		return prakerja.Errorf(prakerja.CodeIdempotencyPending,
			"The first request with this Idempotency-Key is still being processed.")
	}
	header, body := decodeStored(prev.Body)
	for name, v := range header {
		w.Header().Set(name, v)
	}
	if prev.ContentType != "" {
		w.Header().Set("Content-Type", prev.ContentType)
	}
	w.Header().Set(replayedHeader, "true")
	w.WriteHeader(prev.Status)
	_, _ = w.Write(body)
	return nil
}

// storable says whether an answer is final. 5xx and 429 are transient: the
// same request may succeed later, so they are not replayed.
func storable(c *capture) bool {
	st := c.statusOrOK()
	return !c.overflow && st < 500 && st != http.StatusTooManyRequests
}

// releaseIdempotent drops the claim of an answer that was not stored, when
// the store supports it.
func (s *Server) releaseIdempotent(ctx context.Context, r *http.Request, key string) {
	rel, ok := s.store.(idempotencyReleaser)
	if !ok {
		return
	}
	if err := rel.ReleaseIdempotent(ctx, key); err != nil {
		s.log.LogAttrs(ctx, slog.LevelWarn, "release idempotency key",
			slog.String("request_id", requestID(ctx)), slog.String("err", err.Error()))
	}
}
