package http

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/prakerja/prakerja"
)

// PartnerVerifier checks a partner machine's signed request and returns
// the key that signed it; partnerauth.Verifier implements it. target is
// the request's escaped path and query. Returns CodeSignatureMissing,
// CodeSignatureInvalid, CodeSignatureExpired, CodePartnerKeyRevoked or
// CodeSignatureReplayed.
type PartnerVerifier interface {
	Verify(ctx context.Context, method, target string, h http.Header, body []byte) (*prakerja.PartnerKey, error)
}

type partnerKeyCtxKey struct{}

// partnerKeyFrom returns the key that signed the request, put in ctx by
// signedBy; nil for an unsigned request.
func partnerKeyFrom(ctx context.Context) *prakerja.PartnerKey {
	k, _ := ctx.Value(partnerKeyCtxKey{}).(*prakerja.PartnerKey)
	return k
}

// signedBy verifies a partner's signature over the request before h runs:
// it reads the body (at most limit bytes, since the signature covers it),
// checks the key's kind against the route's, and hands h the same body
// again. Without a valid signature the answer is 401 and h never sees
// the request; a key of another kind of partner is 403.
func (s *Server) signedBy(kind prakerja.PartnerKind, limit int64, h apiFunc) apiFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if s.partners == nil {
			return prakerja.Errorf(prakerja.CodeUnavailable, "Partner requests are not served here.")
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			return prakerja.Errorf(prakerja.CodeTooLarge, "The request body is larger than %d bytes.", limit)
		case err != nil:
			return prakerja.Errorf(prakerja.CodeMalformed, "The request body could not be read.")
		}
		k, err := s.partners.Verify(r.Context(), r.Method, r.URL.RequestURI(), r.Header, body)
		if err != nil {
			return err
		}
		if k.Kind != kind {
			return prakerja.Errorf(prakerja.CodeForbidden, "This key belongs to a %s; this route is for a %s.", k.Kind, kind)
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		ctx := prakerja.WithAuditActor(context.WithValue(r.Context(), partnerKeyCtxKey{}, k), "partner:"+k.KeyID)
		return h(w, r.WithContext(ctx))
	}
}
