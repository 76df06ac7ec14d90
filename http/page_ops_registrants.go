package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registration"
)

// BlindIndexer computes the blind index of a personal-data value, so the
// registrant search finds a NIK, phone or e-mail without the store ever
// seeing it; *pii.Keyring implements it.
type BlindIndexer interface {
	Index(field prakerja.IndexField, value string) []byte
}

// opsSearchKinds are what the registrant search takes, in the form's order.
var opsSearchKinds = []string{"nik", "phone", "email", "id", "name"}

// opsSearchValueMax bounds the typed value (an e-mail is the longest).
const opsSearchValueMax = prakerja.EmailMax

// opsRegistrantsView is /ops/registrants: the search form and, for a name
// search, the registrations found (names masked).
type opsRegistrantsView struct {
	pageBase
	By      string
	Kinds   []string
	Error   string
	Hits    []opsHitRow
	Indexed bool // NIK, phone and e-mail can be searched
	Max     int
}

// opsHitRow is one registration a name search found.
type opsHitRow struct {
	ID      int64
	Name    string
	Status  string
	Created string
}

// pageOpsRegistrants handles GET /ops/registrants: the empty form.
func (s *Server) pageOpsRegistrants(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "ops_registrants", s.registrantsView(r, "nik"))
}

func (s *Server) registrantsView(r *http.Request, by string) *opsRegistrantsView {
	v := &opsRegistrantsView{pageBase: s.base(r, "ops.registrants.heading", "/ops/registrants"), By: by,
		Kinds: opsSearchKinds, Indexed: s.keys != nil, Max: prakerja.RegistrantSearchMax}
	return v
}

// pageOpsRegistrantsSearch handles POST /ops/registrants: a search by NIK,
// phone, e-mail or registration id goes to that registration (303); a name
// search lists what it found. The value is posted, never put in a URL.
func (s *Server) pageOpsRegistrantsSearch(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	by, value := r.PostForm.Get("by"), strings.TrimSpace(r.PostForm.Get("q"))
	v := s.registrantsView(r, by)
	id, hits, err := s.searchRegistrants(r, by, value)
	switch {
	case err == nil && id > 0:
		http.Redirect(w, r, "/ops/registrants/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
		return
	case err == nil:
		for _, h := range hits {
			v.Hits = append(v.Hits, opsHitRow{ID: h.ID, Name: maskName(h.FullName), Status: statusWords(v.loc, h.Status),
				Created: opsPayoutTime(h.CreatedAt)})
		}
		if len(hits) == 0 {
			v.Error = v.T("ops.registrants.none")
		}
		s.render(w, r, http.StatusOK, "ops_registrants", v)
	case prakerja.ErrorCode(err) == prakerja.CodeNotFound || prakerja.ErrorCode(err) == prakerja.CodeInvalid:
		v.Error = v.T("ops.registrants.error." + string(prakerja.ErrorCode(err)))
		v.Summary = []summaryItem{{ID: "q", Text: v.Error}}
		s.render(w, r, pageStatus(w, err), "ops_registrants", v)
	default:
		s.fail(w, r, err)
	}
}

// searchRegistrants finds one registration by an exact value, or lists
// those whose name starts with value.
func (s *Server) searchRegistrants(r *http.Request, by, value string) (int64, []prakerja.RegistrantHit, error) {
	invalid := prakerja.Errorf(prakerja.CodeInvalid, "Check the search.")
	if value == "" || len(value) > opsSearchValueMax {
		return 0, nil, invalid
	}
	ctx, cancel := opsContext(r)
	defer cancel()
	field := prakerja.IndexField(by)
	switch by {
	case "id":
		id, err := strconv.ParseInt(value, 10, 64)
		if err != nil || id <= 0 {
			return 0, nil, invalid
		}
		rec, err := s.store.Registration(ctx, id)
		if err != nil {
			return 0, nil, err
		}
		return rec.ID, nil, nil
	case "name":
		hits, err := s.store.RegistrantsByName(ctx, value, prakerja.RegistrantSearchMax)
		return 0, hits, err
	case "phone":
		phone, ok := registration.NormalizePhone(value)
		if !ok {
			return 0, nil, invalid
		}
		value = phone
	case "nik", "email":
	default:
		return 0, nil, invalid
	}
	if s.keys == nil {
		return 0, nil, prakerja.Errorf(prakerja.CodeUnavailable, "Searching by personal data is off on this server.")
	}
	rec, err := s.store.RegistrationByIndex(ctx, field, s.keys.Index(field, value))
	if err != nil {
		return 0, nil, err
	}
	return rec.ID, nil, nil
}
