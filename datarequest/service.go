// Package datarequest carries out the data-subject rights of UU PDP (UU
// 27/2022; RELIABILITY.md §3): a registrant downloads a copy of their data
// (an access request answered at once), asks for a correction, or
// withdraws consent so that processing stops; staff answer within 3x24
// hours. Request texts may quote personal data, so they are sealed with
// the pii keyring before they reach the store.
package datarequest

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
)

// Seal labels of the two texts: one opens only as what it was sealed as.
const (
	labelDetails = "datarequest.details"
	labelAnswer  = "datarequest.answer"
)

// Service implements the registrant's and the staff's side.
type Service struct {
	store prakerja.Store
	keys  *pii.Keyring
	clock prakerja.Clock
}

// New returns a service. It panics on a nil dependency, a wiring bug.
func New(store prakerja.Store, keys *pii.Keyring, clock prakerja.Clock) *Service {
	if store == nil || keys == nil || clock == nil {
		panic("datarequest: nil store, keys or clock")
	}
	return &Service{store: store, keys: keys, clock: clock}
}

// now reads the clock once, cut to the stores' microseconds.
func (s *Service) now() time.Time { return s.clock.Now().UTC().Truncate(time.Microsecond) }

// Open files a correction or withdrawal for a registrant. A correction
// needs details (which field, what value); a withdrawal may give a reason.
// Access is the download, not a request to file. Returns CodeInvalid with
// Fields, CodeNotFound and CodeConflict (one of this kind is open).
func (s *Service) Open(ctx context.Context, regID int64, kind prakerja.DataRequestKind, details string) (*prakerja.DataRequest, error) {
	details = strings.TrimSpace(details)
	var fe []prakerja.FieldError
	switch {
	case kind != prakerja.DataCorrection && kind != prakerja.DataWithdrawal:
		fe = append(fe, prakerja.FieldError{Field: "kind", Code: prakerja.CodeBadValue,
			Message: "Kind must be correction or withdrawal; download your data for access."})
	case kind == prakerja.DataCorrection && details == "":
		fe = append(fe, prakerja.FieldError{Field: "details", Code: prakerja.CodeRequired,
			Message: "Say which data is wrong and what it should be."})
	}
	if utf8.RuneCountInString(details) > prakerja.DataRequestDetailsMax {
		fe = append(fe, prakerja.FieldError{Field: "details", Code: prakerja.CodeTooLong,
			Message: fmt.Sprintf("Details must be at most %d characters.", prakerja.DataRequestDetailsMax)})
	}
	if len(fe) > 0 {
		return nil, &prakerja.Error{Code: prakerja.CodeInvalid, Message: "Some fields are not valid.", Fields: fe}
	}
	now := s.now()
	rec := &prakerja.DataRequestRecord{RegistrationID: regID, Kind: kind, State: prakerja.DataRequestOpen,
		CreatedAt: now, DueAt: now.Add(prakerja.DataRequestDeadline)}
	if err := s.seal(&rec.Details, labelDetails, details); err != nil {
		return nil, err
	}
	if err := s.store.CreateDataRequest(ctx, rec, registrantActor(regID)); err != nil {
		return nil, err
	}
	return s.open(rec)
}

// Mine lists a registrant's requests, newest first.
func (s *Service) Mine(ctx context.Context, regID int64) ([]*prakerja.DataRequest, error) {
	recs, err := s.store.DataRequestsOf(ctx, regID)
	if err != nil {
		return nil, err
	}
	return s.openAll(recs)
}

// Queue lists requests for staff by deadline.
func (s *Service) Queue(ctx context.Context, f prakerja.DataRequestFilter) ([]*prakerja.DataRequest, error) {
	recs, err := s.store.DataRequestQueue(ctx, f)
	if err != nil {
		return nil, err
	}
	return s.openAll(recs)
}

// Request returns one request. Returns CodeNotFound.
func (s *Service) Request(ctx context.Context, id int64) (*prakerja.DataRequest, error) {
	rec, err := s.store.DataRequest(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.open(rec)
}

// Answer records a staff member's answer or rejection; answering a
// withdrawal withdraws the registration. An answer text is required (for a
// correction: what was changed; for a rejection: why). Returns
// CodeInvalid with Fields, CodeNotFound and CodeConflict.
func (s *Service) Answer(ctx context.Context, id int64, state prakerja.DataRequestState, by, answer string) (*prakerja.DataRequest, error) {
	answer = strings.TrimSpace(answer)
	var fe []prakerja.FieldError
	if state != prakerja.DataRequestAnswered && state != prakerja.DataRequestRejected {
		fe = append(fe, prakerja.FieldError{Field: "decision", Code: prakerja.CodeBadValue, Message: "Answer or reject."})
	}
	switch {
	case answer == "":
		fe = append(fe, prakerja.FieldError{Field: "answer", Code: prakerja.CodeRequired, Message: "Write the answer the registrant will read."})
	case utf8.RuneCountInString(answer) > prakerja.DataRequestAnswerMax:
		fe = append(fe, prakerja.FieldError{Field: "answer", Code: prakerja.CodeTooLong,
			Message: fmt.Sprintf("The answer must be at most %d characters.", prakerja.DataRequestAnswerMax)})
	}
	if by == "" || len(by) > prakerja.DataRequestActorMax {
		fe = append(fe, prakerja.FieldError{Field: "by", Code: prakerja.CodeRequired, Message: "The answering staff member is unknown."})
	}
	if len(fe) > 0 {
		return nil, &prakerja.Error{Code: prakerja.CodeInvalid, Message: "Some fields are not valid.", Fields: fe}
	}
	a := prakerja.DataRequestAnswer{State: state, By: by, At: s.now()}
	if err := s.seal(&a.Answer, labelAnswer, answer); err != nil {
		return nil, err
	}
	rec, err := s.store.AnswerDataRequest(ctx, id, a)
	if err != nil {
		return nil, err
	}
	return s.open(rec)
}

// seal seals text under label into dst; an empty text stays nil.
func (s *Service) seal(dst *[]byte, label, text string) error {
	if text == "" {
		return nil
	}
	ct, err := s.keys.SealBytes(label, []byte(text))
	if err != nil {
		return fmt.Errorf("data request: %w", err)
	}
	*dst = ct
	return nil
}

// open decrypts a stored request.
func (s *Service) open(rec *prakerja.DataRequestRecord) (*prakerja.DataRequest, error) {
	r := &prakerja.DataRequest{ID: rec.ID, RegistrationID: rec.RegistrationID, Kind: rec.Kind, State: rec.State,
		CreatedAt: rec.CreatedAt, DueAt: rec.DueAt, AnsweredAt: rec.AnsweredAt, AnsweredBy: rec.AnsweredBy}
	for _, f := range []struct {
		label string
		ct    []byte
		dst   *string
	}{{labelDetails, rec.Details, &r.Details}, {labelAnswer, rec.Answer, &r.Answer}} {
		if len(f.ct) == 0 {
			continue
		}
		b, err := s.keys.OpenBytes(f.label, f.ct)
		if err != nil {
			return nil, fmt.Errorf("data request %d: %w", rec.ID, err)
		}
		*f.dst = string(b)
	}
	return r, nil
}

func (s *Service) openAll(recs []*prakerja.DataRequestRecord) ([]*prakerja.DataRequest, error) {
	out := make([]*prakerja.DataRequest, 0, len(recs))
	for _, rec := range recs {
		r, err := s.open(rec)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// registrantActor names a registrant in the audit chain by id only.
func registrantActor(regID int64) string { return fmt.Sprintf("registrant:%d", regID) }
