package http

import (
	"net/http"
	"strconv"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/marketplace"
)

// myPurchasesJSON is the participant's vouchers and training balance.
type myPurchasesJSON struct {
	Balance   int64          `json:"balance"`
	Purchases []purchaseJSON `json:"purchases"`
}

// apiMyPurchases handles GET /api/v1/me/purchases.
func (s *Server) apiMyPurchases(w http.ResponseWriter, r *http.Request) error {
	if s.market == nil {
		return errMarketOff()
	}
	reg := registrationFrom(r.Context()).ID
	list, err := s.market.Purchases(r.Context(), reg)
	if err != nil {
		return err
	}
	balance, err := s.market.Balance(r.Context(), reg)
	if err != nil {
		return err
	}
	out := myPurchasesJSON{Balance: balance, Purchases: make([]purchaseJSON, 0, len(list))}
	for _, p := range list {
		out.Purchases = append(out.Purchases, purchaseJSONOf(p))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// reviewRequest is a participant's rating and text.
type reviewRequest struct {
	Stars int    `json:"stars"`
	Text  string `json:"text"`
}

// apiReview handles POST /api/v1/me/purchases/{id}/review.
func (s *Server) apiReview(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req reviewRequest
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	if s.market == nil {
		return errMarketOff()
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return prakerja.Errorf(prakerja.CodeNotFound, "No such purchase of yours.")
	}
	p, err := s.market.Review(r.Context(), registrationFrom(r.Context()).ID, id,
		marketplace.ReviewInput{Stars: req.Stars, Text: req.Text})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, purchaseJSONOf(p))
	return nil
}
