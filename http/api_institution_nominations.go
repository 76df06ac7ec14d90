package http

import (
	"context"
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nomination"
)

// nominationBodyMax bounds a nomination submission as sent: JSON rows are
// wordier than the CSV they become, which nomination.SubmitBytesMax
// bounds.
const nominationBodyMax = 2 * nomination.SubmitBytesMax

// NominationSubmitter takes an institution's nomination list: all of it
// becomes the institution's current list, or none of it, with a result per
// row; nomination.Submitter implements it. Returns CodeInvalid (bad
// header, no rows, bad institution) or CodeTooLarge.
type NominationSubmitter interface {
	Submit(ctx context.Context, institution, actor string, list []byte) (*nomination.Submission, error)
}

// nominationRowsRequest is the JSON form of a list.
type nominationRowsRequest struct {
	Rows []nomination.Row `json:"rows"`
}

// nominationImportJSON is a stored list.
type nominationImportJSON struct {
	ID          int64  `json:"id"`
	Institution string `json:"institution"`
	Entries     int64  `json:"entries"`
	SHA256      string `json:"sha256"`
	ImportedAt  string `json:"imported_at"`
}

// nominationSubmissionJSON answers a stored list (201).
type nominationSubmissionJSON struct {
	Import  nominationImportJSON   `json:"import"`
	Rows    int                    `json:"rows"`
	Results []nomination.RowResult `json:"results"`
}

// nominationRefusedJSON answers a refused list (422): the problem and
// every row's result.
type nominationRefusedJSON struct {
	Problem
	Rows    int                    `json:"rows"`
	Refused int64                  `json:"refused"`
	Results []nomination.RowResult `json:"results"`
}

// apiSubmitNominations handles POST /api/v1/institution/nominations: a
// signed institution sends its whole list as text/csv (a nik and a
// category column) or as JSON {"rows":[{"nik","category"}]}; the list
// replaces the institution's current one when every row is good.
func (s *Server) apiSubmitNominations(w http.ResponseWriter, r *http.Request) error {
	if s.nominations == nil {
		return prakerja.Errorf(prakerja.CodeUnavailable, "Nominations are not taken here.")
	}
	body, err := io.ReadAll(r.Body) // bounded by signedBy
	if err != nil {
		return prakerja.Errorf(prakerja.CodeMalformed, "The request body could not be read.")
	}
	list, err := nominationList(r.Header.Get("Content-Type"), body)
	if err != nil {
		return err
	}
	k := partnerKeyFrom(r.Context())
	sub, err := s.nominations.Submit(r.Context(), k.Partner, "partner:"+k.KeyID, list)
	if err != nil {
		return err
	}
	if !sub.Stored {
		p := problemFor(prakerja.Errorf(prakerja.CodeInvalid, "%d of %d rows are not valid; nothing was stored.",
			sub.Refused, len(sub.Results)), localeFor(r))
		writeJSONAs(w, p.Status, contentTypeProblem, nominationRefusedJSON{Problem: p, Rows: len(sub.Results),
			Refused: sub.Refused, Results: sub.Results})
		return nil
	}
	imp := sub.Import
	writeJSON(w, http.StatusCreated, nominationSubmissionJSON{Rows: len(sub.Results), Results: sub.Results,
		Import: nominationImportJSON{ID: imp.ID, Institution: imp.Institution, Entries: imp.Entries, SHA256: imp.SHA256,
			ImportedAt: imp.ImportedAt.UTC().Format(time.RFC3339)}})
	return nil
}

// nominationList turns the body into a list file: CSV as sent, JSON rows
// written as CSV.
func nominationList(contentType string, body []byte) ([]byte, error) {
	mt, _, err := mime.ParseMediaType(contentType)
	switch {
	case err == nil && mt == "text/csv":
		return body, nil
	case err == nil && mt == contentTypeJSON:
		var req nominationRowsRequest
		if err := decodeJSON(body, &req); err != nil {
			return nil, err
		}
		if len(req.Rows) > nomination.SubmitRowsMax {
			return nil, prakerja.Errorf(prakerja.CodeTooLarge, "The list has more than %d rows.", nomination.SubmitRowsMax)
		}
		return nomination.RowsCSV(req.Rows), nil
	}
	return nil, prakerja.Errorf(prakerja.CodeUnsupportedMedia, "Content-Type must be text/csv or application/json.")
}
