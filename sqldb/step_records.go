package sqldb

import (
	"context"
	"fmt"

	"github.com/prakerja/prakerja"
)

// StepRecordsMax bounds one registration's audit trail as read back: two
// steps per round, and reruns are rare.
const StepRecordsMax = 1000

const sqlStepRecords = `SELECT registration_id, step, round, status, reasons, detail, at
	FROM step_records WHERE registration_id = ?
	ORDER BY at, round, CASE step WHEN 'identity' THEN 0 ELSE 1 END, step LIMIT ?`

// StepRecords lists the decisions about one registration, oldest first (at
// most StepRecordsMax). An unknown registration has none.
func (s *Store) StepRecords(ctx context.Context, registrationID int64) ([]prakerja.StepRecord, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.q.stepRecords, registrationID, StepRecordsMax)
	if err != nil {
		return nil, fmt.Errorf("step records: %w", err)
	}
	defer rows.Close()
	var out []prakerja.StepRecord
	for rows.Next() {
		var r prakerja.StepRecord
		var step, status, reasons string
		var at int64
		if err := rows.Scan(&r.RegistrationID, &step, &r.Round, &status, &reasons, &r.Detail, &at); err != nil {
			return nil, fmt.Errorf("step records: %w", err)
		}
		if r.Reasons, err = decodeReasons(reasons); err != nil {
			return nil, fmt.Errorf("step records: %w", err)
		}
		r.Step, r.Status, r.At = prakerja.Step(step), prakerja.RegistrationStatus(status), timeOf(at)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("step records: %w", err)
	}
	return out, nil
}
