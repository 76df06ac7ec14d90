package http

import (
	"errors"
	"io"
	"net/http"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nomination"
)

// nominationUploadMax bounds the list file of one upload; the multipart
// body around it may add nominationUploadSlack.
const (
	nominationUploadMax   = nomination.SubmitBytesMax
	nominationUploadSlack = 64 << 10
)

// pageOpsInstitutionUpload handles POST /ops/institution/upload: the
// institution's staff upload a new version of their list (multipart, one
// CSV file). It goes through the same import as the signed API and
// `nominations import`: all rows good, or nothing stored; the store
// records the import in the audit chain under the staff member's name.
func (s *Server) pageOpsInstitutionUpload(w http.ResponseWriter, r *http.Request) {
	code, err := partnerRef(r, prakerja.RoleInstitution)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if s.nominations == nil {
		s.fail(w, r, prakerja.Errorf(prakerja.CodeUnavailable, "Nominations are not taken here."))
		return
	}
	list, err := readUpload(w, r)
	if err != nil {
		s.renderUpload(w, r, nil, err)
		return
	}
	sub, err := s.nominations.Submit(opsAuditContext(r), code, staffFrom(r.Context()).Username, list)
	s.renderUpload(w, r, sub, err)
}

// readUpload reads the "list" file of a multipart form within
// nominationUploadMax. Returns CodeTooLarge, CodeRequired or CodeMalformed.
func readUpload(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, nominationUploadMax+nominationUploadSlack)
	if err := r.ParseMultipartForm(nominationUploadMax + nominationUploadSlack); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, prakerja.Errorf(prakerja.CodeTooLarge, "The file is over %d bytes.", nominationUploadMax)
		}
		return nil, prakerja.Errorf(prakerja.CodeMalformed, "Choose a CSV file to upload.")
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }()
	f, _, err := r.FormFile("list")
	if err != nil {
		return nil, &prakerja.Error{Code: prakerja.CodeInvalid, Message: "Choose a CSV file to upload.",
			Fields: []prakerja.FieldError{{Field: "list", Code: prakerja.CodeRequired, Message: "Choose a CSV file to upload."}}}
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, nominationUploadMax+1))
	if err != nil {
		return nil, prakerja.Errorf(prakerja.CodeMalformed, "The file could not be read.")
	}
	if len(b) > nominationUploadMax {
		return nil, prakerja.Errorf(prakerja.CodeTooLarge, "The file is over %d bytes.", nominationUploadMax)
	}
	return b, nil
}

// renderUpload shows the portal again with the upload's outcome: a
// notice when stored, the refused rows (never their text) when not, or
// the error of a file refused as a whole.
func (s *Server) renderUpload(w http.ResponseWriter, r *http.Request, sub *nomination.Submission, err error) {
	ctx, cancel := opsContext(r)
	defer cancel()
	v, verr := s.opsInstitution(ctx, r, nil)
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	status := http.StatusOK
	switch {
	case err != nil && prakerja.ErrorCode(err) == prakerja.CodeInternal:
		s.fail(w, r, err)
		return
	case err != nil:
		v.Summary = []summaryItem{{ID: "list", Text: s.codeMessage(v.loc, err)}}
		for _, f := range prakerja.ErrorFields(err) {
			v.Summary = append(v.Summary, summaryItem{ID: "list", Text: f.Field + ": " + f.Message})
		}
		status = statusOf(prakerja.ErrorCode(err))
	case !sub.Stored:
		v.Summary = []summaryItem{{ID: "list", Text: v.T("ops.institution.refused", sub.Refused, len(sub.Results))}}
		for _, res := range sub.Results {
			if res.Status != nomination.RowRefused {
				continue
			}
			if len(v.Refused) == opsRefusedShown {
				v.More++
				continue
			}
			v.Refused = append(v.Refused, opsRefusedRow{Row: res.Row, Line: res.Line, Code: string(res.Code), Message: res.Message})
		}
		status = http.StatusUnprocessableEntity
	default:
		v.Flash = v.T("ops.institution.stored", len(sub.Results), sub.Import.Entries, importedAt(sub.Import.ImportedAt))
	}
	s.render(w, r, status, "ops_institution", v)
}
