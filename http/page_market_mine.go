package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/scheme"
)

// purchaseView is one of the participant's purchases; Err and Text carry a
// refused review back into its form.
type purchaseView struct {
	*prakerja.Purchase
	AmountText string
	StateKey   string
	CanReview  bool
	Err        string
	Text       string
}

// myTrainingsView is /pelatihan-saya: balance, vouchers, certificates and
// the review forms.
type myTrainingsView struct {
	pageBase
	Balance   string
	Purchases []purchaseView
	Stars     []int
}

// pageMyTrainings handles GET /pelatihan-saya.
func (s *Server) pageMyTrainings(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	v, err := s.myTrainings(r, reg.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("reviewed") == "1" {
		v.Flash = v.T("market.reviewed_ok")
	}
	s.render(w, r, http.StatusOK, "market_mine", v)
}

// myTrainings reads the participant's balance and purchases.
func (s *Server) myTrainings(r *http.Request, regID int64) (*myTrainingsView, error) {
	if s.market == nil {
		return nil, errMarketOff()
	}
	list, err := s.market.Purchases(r.Context(), regID)
	if err != nil {
		return nil, err
	}
	balance, err := s.market.Balance(r.Context(), regID)
	if err != nil {
		return nil, err
	}
	v := &myTrainingsView{pageBase: s.base(r, "market.mine_title", "/pelatihan-saya"),
		Balance: scheme.FormatRupiah(balance), Stars: []int{5, 4, 3, 2, 1}}
	now := s.clock.Now()
	for _, p := range list {
		if p.State == prakerja.PurchasePending && !now.Before(p.OTPExpiresAt) {
			continue // an abandoned checkout: no money moved, nothing to show
		}
		v.Purchases = append(v.Purchases, purchaseView{Purchase: p, AmountText: scheme.FormatRupiah(p.Amount),
			StateKey: "market.state." + string(p.State), CanReview: p.State == prakerja.PurchaseCompleted})
	}
	return v, nil
}

// reviewFormMax bounds a review form's body: the text (2000 characters of
// up to 4 bytes) and the rest.
const reviewFormMax = 4*prakerja.ReviewTextMax + 1024

// pageReviewSubmit handles POST /pelatihan-saya/{id}/ulasan: a refused
// review shows the page again with the message at its form.
func (s *Server) pageReviewSubmit(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, reviewFormMax)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, prakerja.Errorf(prakerja.CodeTooLarge, "The review is too long."))
		return
	}
	if s.market == nil {
		s.fail(w, r, errMarketOff())
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, prakerja.Errorf(prakerja.CodeNotFound, "No such purchase of yours."))
		return
	}
	stars, _ := strconv.Atoi(r.PostForm.Get("stars"))
	text := r.PostForm.Get("text")
	_, err = s.market.Review(r.Context(), reg.ID, id, marketplace.ReviewInput{Stars: stars, Text: text})
	switch code := prakerja.ErrorCode(err); code {
	case "":
		http.Redirect(w, r, "/pelatihan-saya?reviewed=1#p"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	case prakerja.CodeInvalid:
		s.reviewAgain(w, r, reg.ID, id, text, err)
	default:
		s.fail(w, r, err)
	}
}

// reviewAgain renders the page with a refused review's message and text.
func (s *Server) reviewAgain(w http.ResponseWriter, r *http.Request, regID, id int64, text string, reviewErr error) {
	v, err := s.myTrainings(r, regID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var msgs []string
	for _, f := range prakerja.ErrorFields(reviewErr) {
		msgs = append(msgs, v.T("market.review_field."+f.Field))
	}
	for i := range v.Purchases {
		if v.Purchases[i].ID == id {
			v.Purchases[i].Err, v.Purchases[i].Text = strings.Join(msgs, " "), text
			v.Summary = append(v.Summary, summaryItem{ID: "text-" + strconv.FormatInt(id, 10), Text: v.Purchases[i].Err})
		}
	}
	s.render(w, r, http.StatusUnprocessableEntity, "market_mine", v)
}
