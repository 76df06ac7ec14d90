package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/partnerauth"
)

// Platforms and providers sign their requests (package partnerauth). The
// old API key headers, whose SHA-256 the store keeps, still work while
// Config.AllowUnsignedPartnerKeys is on, for partners still migrating, and
// only on requests that carry no signature headers.
const (
	platformKeyHeader = "X-Platform-Key"
	providerKeyHeader = "X-Provider-Key"
)

type platformCtxKey struct{}

type providerCtxKey struct{}

// platformAuth resolves the platform that signed the request before h
// runs; without a valid signature the answer is 401 and h never sees the
// request.
func (s *Server) platformAuth(h apiFunc) apiFunc {
	signed := s.signedBy(prakerja.PartnerPlatform, s.cfg.BodyMax, func(w http.ResponseWriter, r *http.Request) error {
		p, err := s.market.PlatformBySlug(r.Context(), partnerKeyFrom(r.Context()).Partner)
		if err != nil {
			return err
		}
		return h(w, r.WithContext(context.WithValue(r.Context(), platformCtxKey{}, p)))
	})
	return func(w http.ResponseWriter, r *http.Request) error {
		if s.market == nil {
			return errMarketOff()
		}
		if key := r.Header.Get(platformKeyHeader); key != "" && s.unsignedAllowed(r) {
			p, err := s.market.AuthenticatePlatform(r.Context(), key)
			if err != nil {
				return err
			}
			return h(w, r.WithContext(context.WithValue(r.Context(), platformCtxKey{}, p)))
		}
		return signed(w, r)
	}
}

// providerAuth is platformAuth for training providers.
func (s *Server) providerAuth(h apiFunc) apiFunc {
	signed := s.signedBy(prakerja.PartnerProvider, s.cfg.BodyMax, func(w http.ResponseWriter, r *http.Request) error {
		p, err := s.market.ProviderBySlug(r.Context(), partnerKeyFrom(r.Context()).Partner)
		if err != nil {
			return err
		}
		return h(w, r.WithContext(context.WithValue(r.Context(), providerCtxKey{}, p)))
	})
	return func(w http.ResponseWriter, r *http.Request) error {
		if s.market == nil {
			return errMarketOff()
		}
		if key := r.Header.Get(providerKeyHeader); key != "" && s.unsignedAllowed(r) {
			p, err := s.market.AuthenticateProvider(r.Context(), key)
			if err != nil {
				return err
			}
			return h(w, r.WithContext(context.WithValue(r.Context(), providerCtxKey{}, p)))
		}
		return signed(w, r)
	}
}

// unsignedAllowed reports whether an old-style key may stand in for a
// signature: only when the operator allowed it and the request is not
// (badly) signed, so a bad signature is never rescued by a key.
func (s *Server) unsignedAllowed(r *http.Request) bool {
	return s.cfg.AllowUnsignedPartnerKeys && !partnerauth.HasHeaders(r.Header)
}

func platformFrom(ctx context.Context) *prakerja.Platform {
	p, _ := ctx.Value(platformCtxKey{}).(*prakerja.Platform)
	return p
}

func providerFrom(ctx context.Context) *prakerja.Provider {
	p, _ := ctx.Value(providerCtxKey{}).(*prakerja.Provider)
	return p
}

// chargeRequest is a platform's charge of a card.
type chargeRequest struct {
	CardNumber string `json:"card_number"`
	CourseID   int64  `json:"course_id"`
	OrderID    string `json:"order_id"`
	Locale     string `json:"locale"`
}

// apiCharge handles POST /api/v1/platform/charges: checks every rule and
// sends the participant an SMS code; 201 with the charge to confirm.
func (s *Server) apiCharge(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req chargeRequest
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	p, err := s.market.Charge(r.Context(), platformFrom(r.Context()), marketplace.ChargeInput{CardNumber: req.CardNumber,
		CourseID: req.CourseID, OrderID: req.OrderID, Locale: req.Locale})
	if err != nil {
		return err
	}
	w.Header().Set("Location", s.absURL("/api/v1/platform/charges/"+strconv.FormatInt(p.ID, 10)))
	writeJSON(w, http.StatusCreated, purchaseJSONOf(p))
	return nil
}

// apiConfirmCharge handles POST /api/v1/platform/charges/{id}/confirm:
// the participant's code debits the balance and issues the voucher.
func (s *Server) apiConfirmCharge(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req struct {
		OTP string `json:"otp"`
	}
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return prakerja.Errorf(prakerja.CodeNotFound, "No such charge of this platform.")
	}
	p, err := s.market.Confirm(r.Context(), platformFrom(r.Context()), id, req.OTP)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, purchaseJSONOf(p))
	return nil
}

// voucherStep is a voucher action that needs no body beyond {}.
type voucherStep func(ctx context.Context, r *http.Request, code string) (*prakerja.Purchase, error)

// apiVoucher adapts a voucher step to a POST handler.
func apiVoucher(step voucherStep) bodyFunc {
	return func(w http.ResponseWriter, r *http.Request, body []byte) error {
		var req struct{}
		if err := decodeOptionalJSON(body, &req); err != nil {
			return err
		}
		p, err := step(r.Context(), r, r.PathValue("code"))
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, purchaseJSONOf(p))
		return nil
	}
}

// apiRefund handles POST /api/v1/platform/vouchers/{code}/refund.
func (s *Server) apiRefund(ctx context.Context, _ *http.Request, code string) (*prakerja.Purchase, error) {
	return s.market.Refund(ctx, platformFrom(ctx), code)
}

// apiRedeem handles POST /api/v1/provider/vouchers/{code}/redeem.
func (s *Server) apiRedeem(ctx context.Context, _ *http.Request, code string) (*prakerja.Purchase, error) {
	return s.market.Redeem(ctx, providerFrom(ctx), code)
}

// apiComplete handles POST /api/v1/provider/vouchers/{code}/complete.
func (s *Server) apiComplete(ctx context.Context, _ *http.Request, code string) (*prakerja.Purchase, error) {
	return s.market.Complete(ctx, providerFrom(ctx), code)
}
