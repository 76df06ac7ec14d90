package http

import (
	"errors"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// formErrors are a failed submission's messages, translated by code: one
// per field (shown next to the input) and the summary at the top.
type formErrors struct {
	byField map[string]string
	summary []summaryItem
}

// translateError turns a service error into form messages in loc. order
// lists the form's fields top to bottom so the summary reads like the form;
// fields not on this form, and field-less codes, go to the summary alone.
func (s *Server) translateError(loc locale, err error, order []string) formErrors {
	fe := formErrors{byField: map[string]string{}}
	var others []summaryItem
	for _, f := range problemFields(err) {
		msg := loc.T("code." + string(f.Code))
		if !slices.Contains(order, f.Field) {
			others = append(others, summaryItem{Text: msg})
			continue
		}
		if _, seen := fe.byField[f.Field]; !seen {
			fe.byField[f.Field] = msg
		}
	}
	for _, name := range order {
		if msg, ok := fe.byField[name]; ok {
			fe.summary = append(fe.summary, summaryItem{ID: name, Text: loc.T("field."+name) + ": " + msg})
		}
	}
	fe.summary = append(fe.summary, others...)
	if len(fe.summary) == 0 {
		fe.summary = []summaryItem{{Text: s.codeMessage(loc, err)}}
	}
	return fe
}

// codeMessage is the translated sentence for err's code; a rate-limited
// answer also says when to try again, in WIB.
func (s *Server) codeMessage(loc locale, err error) string {
	code := prakerja.ErrorCode(err)
	if _, ok := codeStatus[code]; !ok {
		code = prakerja.CodeInternal
	}
	msg := loc.T("code." + string(code))
	if code == prakerja.CodeRateLimited {
		if d, known := retryAfter(err); known {
			msg += " " + loc.T("retry.at", s.clock.Now().Add(d).In(prakerja.WIB).Format("15:04"))
		} else {
			msg += " " + loc.T("retry.later")
		}
	}
	return msg
}

// pageStatus is the HTTP status of a page that shows err; a rate-limited
// page also carries Retry-After.
func pageStatus(w http.ResponseWriter, err error) int {
	if prakerja.ErrorCode(err) == prakerja.CodeRateLimited {
		d, _ := retryAfter(err)
		setRetryAfter(w, d)
	}
	return statusOf(prakerja.ErrorCode(err))
}

// fail answers an error outside a form: a problem document for API and
// operational paths, the translated error page otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	p := r.URL.Path
	if strings.HasPrefix(p, "/api/") || p == "/healthz" || p == "/metrics" {
		s.writeProblem(w, r, err)
		return
	}
	s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
	s.renderError(w, r, err, "/", "error.home")
}

// errorView is the error page.
type errorView struct {
	pageBase
	Message string
	Next    string
	NextKey string
}

// renderError shows err translated, with one link to go on from.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error, next, nextKey string) {
	v := &errorView{pageBase: s.base(r, "error.heading", "/"), Next: next, NextKey: nextKey}
	v.Message = s.codeMessage(v.loc, err)
	s.render(w, r, pageStatus(w, err), "error", v)
}

// parseForm reads an urlencoded form body within cfg.BodyMax.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" {
		return prakerja.Errorf(prakerja.CodeUnsupportedMedia, "Send the form as application/x-www-form-urlencoded.")
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.BodyMax)
	err := r.ParseForm()
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return prakerja.Errorf(prakerja.CodeTooLarge, "The form is too large.")
	case err != nil:
		return prakerja.Errorf(prakerja.CodeMalformed, "The form could not be read.")
	}
	return nil
}

// formatWIB shows an instant as the programme's clock time, e.g. "14:05 WIB".
func formatWIB(t time.Time) string {
	return t.In(prakerja.WIB).Format("15:04") + " WIB"
}
