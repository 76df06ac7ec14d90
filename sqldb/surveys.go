package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

const (
	// sqlInsertSurvey stores a response once: a second answer to the same
	// survey changes nothing and is reported as done.
	sqlInsertSurvey = `INSERT INTO survey_responses (registration_id, slot, answers, submitted_at)
	VALUES (?, ?, ?, ?) ON CONFLICT (registration_id, slot) DO NOTHING`
	sqlSurveyResponses = `SELECT registration_id, slot, answers, submitted_at FROM survey_responses
	WHERE registration_id = ? ORDER BY slot LIMIT ?`
)

// SubmitSurvey stores r and enqueues unlock in one transaction. Returns
// CodeSurveyDone when the survey was answered already and CodeInvalid for
// bad answers, a slot outside 1..prakerja.SurveySlotMax or a bad job.
func (s *Store) SubmitSurvey(ctx context.Context, r *prakerja.SurveyResponse, unlock prakerja.Job, now time.Time) error {
	if r == nil || r.Slot < 1 || r.Slot > prakerja.SurveySlotMax {
		return prakerja.Errorf(prakerja.CodeInvalid, "A survey number is 1 to %d.", prakerja.SurveySlotMax)
	}
	if err := r.Answers.Validate(); err != nil {
		return err
	}
	answers, err := json.Marshal(r.Answers)
	if err != nil || len(answers) > prakerja.SurveyAnswersMax {
		return prakerja.Errorf(prakerja.CodeInvalid, "The answers are too long.")
	}
	if unlock.CreatedAt.IsZero() {
		unlock.CreatedAt = now
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		n, err := execCount(ctx, tx, s.dialect.rebind(sqlInsertSurvey), r.RegistrationID, r.Slot, string(answers), now.UnixMicro())
		if err != nil {
			return err
		}
		if n == 0 {
			return prakerja.Errorf(prakerja.CodeSurveyDone, "Survey %d was answered already.", r.Slot)
		}
		return s.enqueueJobsTx(ctx, tx, []prakerja.Job{unlock})
	})
	if err != nil {
		return fmt.Errorf("submit survey: %w", err)
	}
	r.SubmittedAt = utcMicro(now)
	return nil
}

// SurveyResponses returns a participant's responses by slot.
func (s *Store) SurveyResponses(ctx context.Context, registrationID int64) ([]prakerja.SurveyResponse, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.dialect.rebind(sqlSurveyResponses), registrationID, prakerja.SurveySlotMax)
	if err != nil {
		return nil, fmt.Errorf("survey responses: %w", err)
	}
	defer rows.Close()
	var out []prakerja.SurveyResponse
	for rows.Next() {
		var r prakerja.SurveyResponse
		var answers string
		var at int64
		if err := rows.Scan(&r.RegistrationID, &r.Slot, &answers, &at); err != nil {
			return nil, fmt.Errorf("survey responses: %w", err)
		}
		if err := json.Unmarshal([]byte(answers), &r.Answers); err != nil {
			return nil, fmt.Errorf("survey responses: slot %d: %w", r.Slot, err)
		}
		r.SubmittedAt = timeOf(at)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("survey responses: %w", err)
	}
	return out, nil
}
