package http

import (
	"context"
	"encoding/hex"
	"net/http"
	"time"

	"github.com/prakerja/prakerja"
)

// The institution portal registers itself; its name starts with "ops" so
// it gets the operator navigation.
func init() { pageNames = append(pageNames, "ops_institution") }

// Institution portal bounds.
const (
	// opsImportsShown is how many of the institution's list versions the
	// page lists.
	opsImportsShown = 10
	// opsRefusedShown is how many refused rows of an upload the page
	// lists; the rest are counted.
	opsRefusedShown = 100
)

// nikOpener opens a registrant's sealed NIK so the page can show it
// masked; *pii.Keyring (Deps.Keys) implements it. Without it the column
// shows a dash.
type nikOpener interface {
	Open(field prakerja.IndexField, ciphertext []byte) (string, error)
}

// opsInstitutionView is /ops/institution: a nominating institution's staff
// see their own current list, where each nominee stands in the programme
// (NIKs masked), and upload a new version of the list. Which institution
// is the signed-in staff member's PartnerRef, never a parameter.
type opsInstitutionView struct {
	pageBase
	Code     string
	Imports  []opsImportRow
	Stages   []opsStageRow
	Nominees []opsNomineeRow
	After    string // the cursor of the next page (hex), "" on the last
	Refused  []opsRefusedRow
	More     int64 // refused rows not listed
	MaxMiB   int
}

type opsImportRow struct {
	ID               int64
	Name, At, SHA256 string
	Entries          int64
	Current          bool
}

type opsStageRow struct {
	Status       string
	Count, Cards int64
}

type opsNomineeRow struct {
	NIK, Category, Status string
	Card                  bool
	Trainings, Completed  int64
}

type opsRefusedRow struct {
	Row, Line     int64
	Code, Message string
}

// pageOpsInstitution handles GET /ops/institution, and POST with a
// cursor for the next page of nominees (a cursor is a NIK's blind index,
// kept out of URLs).
func (s *Server) pageOpsInstitution(w http.ResponseWriter, r *http.Request) {
	var after []byte
	if r.Method == http.MethodPost {
		if err := s.parseForm(w, r); err != nil {
			s.fail(w, r, err)
			return
		}
		b, err := hex.DecodeString(r.PostForm.Get("after"))
		if err != nil || len(b) > 64 {
			s.fail(w, r, prakerja.Errorf(prakerja.CodeInvalid, "The page cursor is not valid."))
			return
		}
		after = b
	}
	ctx, cancel := opsContext(r)
	defer cancel()
	v, err := s.opsInstitution(ctx, r, after)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "ops_institution", v)
}

// opsInstitution builds the page for the signed-in institution's staff.
func (s *Server) opsInstitution(ctx context.Context, r *http.Request, after []byte) (*opsInstitutionView, error) {
	code, err := partnerRef(r, prakerja.RoleInstitution)
	if err != nil {
		return nil, err
	}
	v := &opsInstitutionView{pageBase: s.base(r, "ops.institution.heading", "/ops/institution"), Code: code,
		MaxMiB: nominationUploadMax >> 20}
	v.Wide = true
	imports, err := s.store.NominationImports(ctx)
	if err != nil {
		return nil, err
	}
	for _, imp := range imports {
		if imp.Institution == code && len(v.Imports) < opsImportsShown {
			v.Imports = append(v.Imports, opsImportRow{ID: imp.ID, Name: imp.Name, Entries: imp.Entries, Current: imp.Current,
				At: imp.ImportedAt.In(prakerja.WIB).Format("2006-01-02 15:04 MST"), SHA256: imp.SHA256[:12]})
		}
	}
	stages, err := s.store.InstitutionStages(ctx, code)
	if err != nil {
		return nil, err
	}
	for _, st := range stages {
		v.Stages = append(v.Stages, opsStageRow{Status: s.nomineeStatus(v.loc, st.Status), Count: st.Count, Cards: st.Cards})
	}
	nominees, err := s.store.InstitutionNominees(ctx, code, after, prakerja.NomineesPageMax)
	if err != nil {
		return nil, err
	}
	opener, _ := s.keys.(nikOpener)
	for _, n := range nominees {
		row := opsNomineeRow{NIK: "—", Category: v.T("ops.institution.category." + string(n.Category)),
			Status: s.nomineeStatus(v.loc, n.Status), Card: n.Card, Trainings: n.Trainings, Completed: n.Completed}
		if opener != nil && n.NIKSealed != nil {
			if nik, err := opener.Open(prakerja.IndexNIK, n.NIKSealed); err == nil {
				row.NIK = maskNIK(nik)
			}
		}
		v.Nominees = append(v.Nominees, row)
	}
	if len(nominees) == prakerja.NomineesPageMax {
		v.After = hex.EncodeToString(nominees[len(nominees)-1].NIKIndex)
	}
	return v, nil
}

// nomineeStatus is a nominee's registration status in words; "" is a NIK
// nobody has registered with yet.
func (s *Server) nomineeStatus(loc locale, st prakerja.RegistrationStatus) string {
	if st == "" {
		return loc.T("ops.institution.not_registered")
	}
	return statusWords(loc, st)
}

// importedAt formats an import time for the flash.
func importedAt(t time.Time) string { return t.In(prakerja.WIB).Format("2006-01-02 15:04 MST") }
