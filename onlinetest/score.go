package onlinetest

import (
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// ErrDeadlinePassed is returned by Score for answers sent after the
// attempt's deadline. Compare with errors.Is; its code is CodeConflict
// because the attempt's state, not the input, forbids the operation.
var ErrDeadlinePassed = &prakerja.Error{
	Code:    prakerja.CodeConflict,
	Message: "Waktu tes sudah habis. / The time for this test is over.",
}

// Answer is one answer of a client: a question of the attempt and the index
// of the chosen option in the order the View showed.
type Answer struct {
	QuestionID string `json:"question_id"`
	Option     int    `json:"option"`
}

// Result is the score of an attempt. Points and Possible count only scored
// sections; Sections reports every section, scored or not.
type Result struct {
	Points      int             `json:"points"`
	Possible    int             `json:"possible"`
	Percent     int             `json:"percent"` // floor of 100 × Points / Possible
	Passed      bool            `json:"passed"`
	Answered    int             `json:"answered"`
	Sections    []SectionResult `json:"sections"`
	SubmittedAt time.Time       `json:"submitted_at"`
}

// SectionResult is the score of one section of an attempt.
type SectionResult struct {
	ID        string `json:"id"`
	Scored    bool   `json:"scored"`
	Points    int    `json:"points"`
	Possible  int    `json:"possible"`
	Questions int    `json:"questions"`
	Answered  int    `json:"answered"`
}

// Score scores answers to a at now. Unanswered questions earn nothing. It
// passes when Points × 100 ≥ PassPercent × Possible, in integers so that a
// boundary score is never lost to rounding.
//
// Returns ErrDeadlinePassed when now is after a.Deadline (an answer at the
// deadline's second counts), and CodeInvalid listing every bad answer in
// Fields: "answers" (more answers than questions), "answers[i].question_id"
// (a question not in the attempt, or answered twice) or "answers[i].option"
// (no such option).
func Score(a Attempt, answers []Answer, now time.Time) (Result, error) {
	if now.After(a.Deadline) {
		return Result{}, ErrDeadlinePassed
	}
	chosen, err := checkAnswers(&a, answers)
	if err != nil {
		return Result{}, err
	}
	res := Result{SubmittedAt: now.UTC(), Answered: len(chosen)}
	for _, s := range a.Sections {
		sr := SectionResult{ID: s.ID, Scored: s.Scored}
		for _, it := range a.Items {
			if it.Section != s.ID {
				continue
			}
			sr.Questions++
			sr.Possible += it.possible()
			if opt, ok := chosen[it.QuestionID]; ok {
				sr.Answered++
				sr.Points += it.points(opt)
			}
		}
		if s.Scored {
			res.Points += sr.Points
			res.Possible += sr.Possible
		}
		res.Sections = append(res.Sections, sr)
	}
	if res.Possible > 0 {
		res.Percent = res.Points * 100 / res.Possible
	}
	res.Passed = res.Possible > 0 && res.Points*100 >= a.PassPercent*res.Possible
	return res, nil
}

// checkAnswers returns the chosen option of each answered question, or a
// CodeInvalid error naming every bad answer.
func checkAnswers(a *Attempt, answers []Answer) (map[string]int, error) {
	if len(answers) > len(a.Items) {
		return nil, fieldsError(prakerja.FieldError{Field: "answers", Code: prakerja.CodeTooLong,
			Message: fmt.Sprintf("%d answers for %d questions", len(answers), len(a.Items))})
	}
	options := make(map[string]int, len(a.Items))
	for _, it := range a.Items {
		options[it.QuestionID] = len(it.Options)
	}
	chosen := make(map[string]int, len(answers))
	var bad []prakerja.FieldError
	for i, ans := range answers {
		n, known := options[ans.QuestionID]
		_, twice := chosen[ans.QuestionID]
		field := fmt.Sprintf("answers[%d]", i)
		switch {
		case !known:
			bad = append(bad, prakerja.FieldError{Field: field + ".question_id", Code: prakerja.CodeBadValue,
				Message: "no such question in this attempt"})
		case twice:
			bad = append(bad, prakerja.FieldError{Field: field + ".question_id", Code: prakerja.CodeBadValue,
				Message: "question answered twice"})
		case ans.Option < 0 || ans.Option >= n:
			bad = append(bad, prakerja.FieldError{Field: field + ".option", Code: prakerja.CodeBadValue,
				Message: fmt.Sprintf("must be 0 to %d", n-1)})
		default:
			chosen[ans.QuestionID] = ans.Option
		}
	}
	if len(bad) > 0 {
		return nil, fieldsError(bad...)
	}
	return chosen, nil
}

func fieldsError(fields ...prakerja.FieldError) error {
	return &prakerja.Error{Code: prakerja.CodeInvalid, Message: "Some answers are not valid.", Fields: fields}
}

// possible returns the points the item is worth.
func (it *Item) possible() int {
	q := Question{Kind: it.Kind, Options: it.Options}
	return q.possible()
}

// points returns the points earned by choosing option opt (display order).
func (it *Item) points(opt int) int {
	o := it.Options[opt]
	switch {
	case it.Kind == KindChoice && o.Correct:
		return 1
	case it.Kind == KindLikert && o.Points != nil:
		return *o.Points
	}
	return 0
}
