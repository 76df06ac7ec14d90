package http

import (
	"net/http"
	"strings"

	"github.com/prakerja/prakerja"
)

// phoneView is the SMS verification page: send a code, then enter it.
type phoneView struct {
	pageBase
	PhoneMasked string
	ExpiresAt   string // set once a code was sent, e.g. "14:05 WIB"
	Code        inputView
}

// phoneView loads the registrant's (masked) number for the page; a
// registrant already verified has nothing to do here.
func (s *Server) phonePage(w http.ResponseWriter, r *http.Request) (*phoneView, *prakerja.Registration, bool) {
	sess, ok := s.pageSession(w, r)
	if !ok {
		return nil, nil, false
	}
	if sess.Status == prakerja.StatusPhoneVerified {
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
		return nil, nil, false
	}
	reg, err := s.regs.Registration(r.Context(), sess.ID)
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, false
	}
	v := &phoneView{pageBase: s.base(r, "phone.heading", "/phone"), PhoneMasked: maskPhone(reg.Phone)}
	v.Code = codeInput.view(v.loc, "", "")
	return v, reg, true
}

// pagePhone handles GET /phone.
func (s *Server) pagePhone(w http.ResponseWriter, r *http.Request) {
	v, _, ok := s.phonePage(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "phone", v)
}

// pagePhoneSend handles POST /phone/send: (re)send the SMS code.
func (s *Server) pagePhoneSend(w http.ResponseWriter, r *http.Request) {
	v, reg, ok := s.phonePage(w, r)
	if !ok {
		return
	}
	exp, err := s.regs.SendPhoneOTP(r.Context(), reg.ID, s.client(r))
	if err != nil {
		v.Summary = []summaryItem{{Text: s.codeMessage(v.loc, err)}}
		s.render(w, r, pageStatus(w, err), "phone", v)
		return
	}
	v.ExpiresAt = formatWIB(exp)
	s.render(w, r, http.StatusOK, "phone", v)
}

// pagePhoneConfirm handles POST /phone/confirm: check the SMS code.
func (s *Server) pagePhoneConfirm(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	v, reg, ok := s.phonePage(w, r)
	if !ok {
		return
	}
	code := strings.TrimSpace(r.PostForm.Get("code"))
	_, err := s.regs.VerifyPhone(r.Context(), reg.ID, code)
	if err != nil {
		fe := s.translateError(v.loc, asFieldError(err, "code"), []string{"code"})
		v.Summary = fe.summary
		v.Code = codeInput.view(v.loc, "", fe.byField["code"])
		s.render(w, r, pageStatus(w, err), "phone", v)
		return
	}
	http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
}

// asFieldError attaches a field-less OTP error to the code input, so the
// message appears next to it rather than only in the summary.
func asFieldError(err error, field string) error {
	code := prakerja.ErrorCode(err)
	if !strings.HasPrefix(string(code), "otp_") || len(prakerja.ErrorFields(err)) > 0 {
		return err
	}
	return &prakerja.Error{Code: code, Message: prakerja.ErrorMessage(err),
		Fields: []prakerja.FieldError{{Field: field, Code: code, Message: prakerja.ErrorMessage(err)}}}
}
