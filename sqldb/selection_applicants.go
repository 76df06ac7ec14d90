package sqldb

import (
	"context"
	"fmt"

	"github.com/prakerja/prakerja"
)

// SelectionApplicants calls fn for every join of a wave, ascending by
// registration ID, one page of prakerja.SelectionApplicantsPageMax per
// query. Each page gets its own timeout and no read transaction is held
// across fn, so a slow caller never pins a snapshot of the database; the
// joins themselves cannot change once the wave has closed. Returns
// CodeNotFound; fn's error is returned as it is.
func (s *Store) SelectionApplicants(ctx context.Context, waveID int64, fn func(*prakerja.SelectionApplicant) error) error {
	if _, err := s.WaveSelection(ctx, waveID); err != nil {
		return err
	}
	after := int64(0)
	for {
		page, err := s.applicantsPage(ctx, waveID, after)
		if err != nil {
			return fmt.Errorf("selection applicants of wave %d: %w", waveID, err)
		}
		for _, a := range page {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(page) < prakerja.SelectionApplicantsPageMax {
			return nil
		}
		after = page[len(page)-1].RegistrationID
	}
}

// applicantsPage reads the joins after registration ID after.
func (s *Store) applicantsPage(ctx context.Context, waveID, after int64) ([]*prakerja.SelectionApplicant, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.selq().applicants, waveID, after, prakerja.SelectionApplicantsPageMax)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	page := make([]*prakerja.SelectionApplicant, 0, 256)
	for rows.Next() {
		var (
			a                        prakerja.SelectionApplicant
			status, reasons, outcome string
		)
		if err := rows.Scan(&a.RegistrationID, &a.Region, &status, &reasons, &a.NIKIndex, &a.KKIndex,
			&a.Phone.Ciphertext, &outcome); err != nil {
			return nil, err
		}
		a.Status, a.Outcome = prakerja.RegistrationStatus(status), prakerja.JoinOutcome(outcome)
		if a.Reasons, err = decodeReasons(reasons); err != nil {
			return nil, err
		}
		page = append(page, &a)
	}
	return page, rows.Err()
}
