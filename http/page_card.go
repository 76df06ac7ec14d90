package http

import (
	"net/http"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

func init() { pageNames = append(pageNames, "card") }

// cardLineView is one history row on /kartu.
type cardLineView struct {
	At, Amount, AccountKey, CodeKey string
	In, Pending                     bool
}

// cardView is /kartu: the Kartu Prakerja, its balances and history.
type cardView struct {
	pageBase
	HasCard                                       bool
	CardNumber, VANumber, IssuedAt                string
	Revoked                                       bool
	RevokedKey                                    string
	Training, IncentiveLocked, IncentiveAvailable string
	SurveyLocked, SurveyAvailable                 string
	History                                       []cardLineView
}

// pageCard handles GET /kartu.
func (s *Server) pageCard(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	v := &cardView{pageBase: s.base(r, "card.heading", "/kartu")}
	c, err := s.cardOf(r.Context(), reg.ID)
	switch {
	case prakerja.ErrorCode(err) == prakerja.CodeNotFound:
		s.render(w, r, http.StatusOK, "card", v)
		return
	case err != nil:
		s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
		s.renderError(w, r, err, "/dashboard", "dashboard.heading")
		return
	}
	v.HasCard, v.CardNumber, v.VANumber = true, groupDigits(c.CardNumber), groupDigits(c.VANumber)
	v.IssuedAt = c.IssuedAt.In(prakerja.WIB).Format(surveyDateLayout)
	v.Revoked, v.RevokedKey = c.Revoked, "card.revoked."+c.RevokedReason
	b := c.Balances
	v.Training, v.IncentiveLocked = scheme.FormatRupiah(b.Training), scheme.FormatRupiah(b.IncentiveLocked)
	v.IncentiveAvailable, v.SurveyLocked = scheme.FormatRupiah(b.IncentiveAvailable), scheme.FormatRupiah(b.SurveyLocked)
	v.SurveyAvailable = scheme.FormatRupiah(b.SurveyAvailable)
	for _, l := range c.History {
		amount := l.Amount
		if amount < 0 {
			amount = -amount
		}
		v.History = append(v.History, cardLineView{At: l.At.In(prakerja.WIB).Format(surveyDateLayout),
			Amount: scheme.FormatRupiah(amount), AccountKey: "card.account." + l.Account, CodeKey: "card.code." + l.Code,
			In: l.Amount > 0, Pending: l.Pending})
	}
	s.render(w, r, http.StatusOK, "card", v)
}

// groupDigits writes a card or account number in groups of four, as it is
// printed on a card, so it can be read out and typed without slips.
func groupDigits(n string) string {
	out := make([]byte, 0, len(n)+len(n)/4)
	for i := range len(n) {
		if i > 0 && i%4 == 0 {
			out = append(out, ' ')
		}
		out = append(out, n[i])
	}
	return string(out)
}

// apiMyCard handles GET /api/v1/me/card.
func (s *Server) apiMyCard(w http.ResponseWriter, r *http.Request) error {
	c, err := s.cardOf(r.Context(), registrationFrom(r.Context()).ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}
