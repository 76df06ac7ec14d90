package prakerja

import (
	"context"
	"time"
)

// Evaluation surveys (DOMAIN §2.5 item 18): a participant fills in the
// scheme's surveys one after the other, the first once the first training
// is finished (its incentive slot 1 unlocked), each later one after the one
// before, until the programme ends. The answers are for the programme's
// evaluation only and never change what is paid: each completed survey
// unlocks its survey incentive, whatever it says.

// Survey answer values. Closed lists, so a response is a few bytes and can
// be counted without reading free text (which could hold personal data).
var (
	SurveyEmploymentValues   = []string{"employed", "self_employed", "unemployed", "studying"}
	SurveyIncomeChangeValues = []string{"up", "same", "down"}
)

// Survey limits.
const (
	SurveyUsefulnessMin = 1
	SurveyUsefulnessMax = 5
	SurveyAnswersMax    = 2000 // bytes of stored JSON; the database checks it too
	SurveySlotMax       = 24   // scheme.CountMax
)

// SurveyAnswers are one survey's answers.
type SurveyAnswers struct {
	Employment   string `json:"employment"`    // SurveyEmploymentValues
	Usefulness   int    `json:"usefulness"`    // how useful the training was, 1 to 5
	IncomeChange string `json:"income_change"` // SurveyIncomeChangeValues, since joining
}

// Validate returns CodeInvalid with one FieldError per bad answer.
func (a SurveyAnswers) Validate() error {
	var fields []FieldError
	if !contains(SurveyEmploymentValues, a.Employment) {
		fields = append(fields, FieldError{Field: "employment", Code: CodeBadValue,
			Message: "Pick one of the offered answers."})
	}
	if a.Usefulness < SurveyUsefulnessMin || a.Usefulness > SurveyUsefulnessMax {
		fields = append(fields, FieldError{Field: "usefulness", Code: CodeBadValue,
			Message: "Give a rating from 1 to 5."})
	}
	if !contains(SurveyIncomeChangeValues, a.IncomeChange) {
		fields = append(fields, FieldError{Field: "income_change", Code: CodeBadValue,
			Message: "Pick one of the offered answers."})
	}
	if len(fields) > 0 {
		return &Error{Code: CodeInvalid, Message: "Some answers are missing or not allowed.", Fields: fields}
	}
	return nil
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// SurveyResponse is a participant's completed survey Slot (1-based).
type SurveyResponse struct {
	RegistrationID int64
	Slot           int
	Answers        SurveyAnswers
	SubmittedAt    time.Time
}

// SurveyStore keeps survey responses.
type SurveyStore interface {
	// SubmitSurvey stores r and enqueues unlock (the survey incentive's
	// job) in one transaction, so a completed survey is never left
	// unpaid. Returns CodeSurveyDone when that survey was answered
	// already, CodeInvalid for bad answers.
	SubmitSurvey(ctx context.Context, r *SurveyResponse, unlock Job, now time.Time) error
	// SurveyResponses returns a participant's responses by slot.
	SurveyResponses(ctx context.Context, registrationID int64) ([]SurveyResponse, error)
}
