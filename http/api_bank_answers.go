package http

import (
	"context"
	"io"
	"mime"
	"net/http"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/payout"
)

// bankAnswerBodyMax bounds one answer file a payment partner posts: a
// pain.002 or camt.054 for a full partner file of 10,000 payments is about
// 4 MB; twice the largest seen leaves room without letting a partner
// hold much memory.
const bankAnswerBodyMax = 16 << 20

// PayoutAnswerIngester takes a payment partner's own answer files;
// payout.Service implements it.
type PayoutAnswerIngester interface {
	IngestFrom(ctx context.Context, provider string, data []byte) (*prakerja.IngestOutcome, error)
}

var _ PayoutAnswerIngester = (*payout.Service)(nil)

// apiBankAnswers handles POST /api/v1/bank/answers: a payment partner,
// signing with its bank key, sends a pain.002.001.10 status report or a
// camt.054.001.09 notification instead of leaving it in a folder. The
// same file twice changes nothing; a file naming another partner's
// payments is refused whole.
func (s *Server) apiBankAnswers(w http.ResponseWriter, r *http.Request) error {
	ing, ok := s.payout.(PayoutAnswerIngester)
	if !ok || s.payout == nil {
		return errPayoutOff()
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || (mt != "application/xml" && mt != "text/xml") {
		return prakerja.Errorf(prakerja.CodeUnsupportedMedia, "Content-Type must be application/xml.")
	}
	body, err := io.ReadAll(r.Body) // bounded by signedBy
	if err != nil {
		return prakerja.Errorf(prakerja.CodeMalformed, "The request body could not be read.")
	}
	out, err := ing.IngestFrom(r.Context(), partnerKeyFrom(r.Context()).Partner, body)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if out.Duplicate {
		status = http.StatusOK
	}
	writeJSON(w, status, out)
	return nil
}
