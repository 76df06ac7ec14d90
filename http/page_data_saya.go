package http

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/prakerja/prakerja"
)

func init() { pageNames = append(pageNames, "data_saya") }

// dataDetailsInput is the correction's text: which data and what value.
var dataDetailsInput = inputSpec{Name: "details", Type: "text", MaxLen: prakerja.DataRequestDetailsMax, Hint: true}

// dataSayaView is /data-saya: the registrant's UU PDP rights, their
// requests and the two forms.
type dataSayaView struct {
	pageBase
	Requests    []dataRequestView
	Details     inputView
	ConfirmErr  string
	Withdrawn   bool
	WithdrawKey string
}

// pageDataSaya handles GET /data-saya[?sent=correction|withdrawal].
func (s *Server) pageDataSaya(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	v, err := s.dataSayaView(r, reg, "", formErrors{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch r.URL.Query().Get("sent") {
	case "correction":
		v.Flash = v.T("datareq.sent_correction")
	case "withdrawal":
		v.Flash = v.T("datareq.sent_withdrawal")
	}
	s.render(w, r, http.StatusOK, "data_saya", v)
}

// dataSayaView loads the page; details and fe refill a refused form.
func (s *Server) dataSayaView(r *http.Request, reg *prakerja.Registration, details string, fe formErrors) (*dataSayaView, error) {
	if s.dataRequests == nil {
		return nil, errDataRequestsOff()
	}
	mine, err := s.dataRequests.Mine(r.Context(), reg.ID)
	if err != nil {
		return nil, err
	}
	v := &dataSayaView{pageBase: s.base(r, "datareq.heading", "/data-saya"), Withdrawn: !reg.WithdrawnAt.IsZero()}
	v.Summary = fe.summary
	v.Details = dataDetailsInput.view(v.loc, details, fe.byField["details"])
	v.ConfirmErr = fe.byField["confirm"]
	now := s.clock.Now()
	for _, q := range mine {
		v.Requests = append(v.Requests, dataRequestViewOf(q, now))
		// An answered withdrawal is what withdraws the registration.
		if q.Kind == prakerja.DataWithdrawal && q.State == prakerja.DataRequestAnswered {
			v.Withdrawn = true
		}
	}
	return v, nil
}

// pageDataSayaDownload handles GET /data-saya/unduh: everything stored
// about the registrant as a JSON attachment, never cached.
func (s *Server) pageDataSayaDownload(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	if err := s.writeMyData(w, r, reg.ID, true); err != nil {
		s.fail(w, r, err)
	}
}

// writeMyData answers the download; attach makes browsers save it.
func (s *Server) writeMyData(w http.ResponseWriter, r *http.Request, regID int64, attach bool) error {
	if s.dataRequests == nil {
		return errDataRequestsOff()
	}
	x, err := s.dataRequests.Download(r.Context(), regID)
	if err != nil {
		return err
	}
	body, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	if attach {
		h.Set("Content-Disposition", `attachment; filename="data-prakerja-`+strconv.FormatInt(regID, 10)+`.json"`)
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
	return nil
}

// pageDataSayaCorrection handles POST /data-saya/koreksi.
func (s *Server) pageDataSayaCorrection(w http.ResponseWriter, r *http.Request) {
	s.dataSayaSubmit(w, r, prakerja.DataCorrection)
}

// pageDataSayaWithdraw handles POST /data-saya/tarik; the registrant must
// tick the confirmation, since a withdrawal stops selection and payouts.
func (s *Server) pageDataSayaWithdraw(w http.ResponseWriter, r *http.Request) {
	s.dataSayaSubmit(w, r, prakerja.DataWithdrawal)
}

func (s *Server) dataSayaSubmit(w http.ResponseWriter, r *http.Request, kind prakerja.DataRequestKind) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	details := strings.TrimSpace(r.PostForm.Get("details"))
	var err error
	if kind == prakerja.DataWithdrawal && r.PostForm.Get("confirm") != "yes" {
		err = &prakerja.Error{Code: prakerja.CodeInvalid, Message: "Confirm the withdrawal.",
			Fields: []prakerja.FieldError{{Field: "confirm", Code: prakerja.CodeRequired, Message: "Confirm the withdrawal."}}}
	} else if s.dataRequests == nil {
		err = errDataRequestsOff()
	} else {
		_, err = s.dataRequests.Open(r.Context(), reg.ID, kind, details)
	}
	if err == nil {
		http.Redirect(w, r, "/data-saya?sent="+string(kind), http.StatusSeeOther)
		return
	}
	fe := s.translateError(localeFor(r), err, []string{"details", "confirm"})
	if kind != prakerja.DataCorrection {
		details = ""
	}
	v, verr := s.dataSayaView(r, reg, details, fe)
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	s.render(w, r, pageStatus(w, err), "data_saya", v)
}
