package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// wibOffsetMicros shifts a stored instant to WIB (UTC+7, no daylight
// saving) so that integer division by a day groups by Jakarta's date.
const (
	wibOffsetMicros = int64(7 * time.Hour / time.Microsecond)
	dayMicros       = int64(24 * time.Hour / time.Microsecond)
)

const (
	// The day's expression holds the two constants inline: a grouped
	// expression with parameters is not the selected one to PostgreSQL.
	sqlPlatformDays = `SELECT (paid_at + 25200000000) / 86400000000 AS day, count(*), COALESCE(sum(amount), 0)
	FROM market_purchases WHERE platform_id = ? AND paid_at >= ? GROUP BY day ORDER BY day DESC LIMIT ?`
	sqlPlatformStates = `SELECT state, count(*), COALESCE(sum(amount), 0) FROM market_purchases
	WHERE platform_id = ? GROUP BY state ORDER BY state`
	sqlPlatformRatings = `SELECT c.id, c.title, count(*), sum(r.stars) FROM market_reviews r
	JOIN market_courses c ON c.id = r.course_id WHERE c.platform_id = ?
	GROUP BY c.id, c.title ORDER BY count(*) DESC, c.id LIMIT ?`
	sqlNominees = `SELECT e.nik_idx, e.category, COALESCE(r.id, 0), r.nik_ct, COALESCE(r.status, ''),
	CASE WHEN p.registration_id IS NULL THEN 0 ELSE 1 END,
	(SELECT count(*) FROM market_purchases m WHERE r.id IS NOT NULL AND m.registration_id = r.id
		AND m.state IN ('paid', 'redeemed', 'completed')),
	(SELECT count(*) FROM market_purchases m WHERE r.id IS NOT NULL AND m.registration_id = r.id AND m.state = 'completed')
	FROM nomination_imports i JOIN nomination_entries e ON e.import_id = i.id
	LEFT JOIN registrations r ON r.nik_idx = e.nik_idx
	LEFT JOIN participants p ON p.registration_id = r.id
	WHERE i.institution = ? AND i.is_current = 1 AND e.nik_idx > ?
	ORDER BY e.nik_idx LIMIT ?`
	sqlNomineeStages = `SELECT COALESCE(r.status, '') AS st, count(*), count(p.registration_id)
	FROM nomination_imports i JOIN nomination_entries e ON e.import_id = i.id
	LEFT JOIN registrations r ON r.nik_idx = e.nik_idx
	LEFT JOIN participants p ON p.registration_id = r.id
	WHERE i.institution = ? AND i.is_current = 1 GROUP BY COALESCE(r.status, '') ORDER BY st`
)

// PlatformReport implements prakerja.PartnerPortalStore.
func (s *Store) PlatformReport(ctx context.Context, platformID int64, now time.Time) (*prakerja.PlatformReport, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	since := now.Add(-prakerja.PlatformReportDaysMax * 24 * time.Hour).UnixMicro()
	rep := &prakerja.PlatformReport{}
	err := s.scanAll(ctx, func(rows *sql.Rows) error {
		var day int64
		var d prakerja.SalesDay
		if err := rows.Scan(&day, &d.Sales, &d.Amount); err != nil {
			return err
		}
		d.Day = timeOf(day*dayMicros - wibOffsetMicros)
		rep.Days = append(rep.Days, d)
		return nil
	}, sqlPlatformDays, platformID, since, prakerja.PlatformReportDaysMax+1)
	if err != nil {
		return nil, fmt.Errorf("platform sales by day: %w", err)
	}
	err = s.scanAll(ctx, func(rows *sql.Rows) error {
		var c prakerja.StateCount
		if err := rows.Scan(&c.State, &c.Count, &c.Amount); err != nil {
			return err
		}
		rep.States = append(rep.States, c)
		return nil
	}, sqlPlatformStates, platformID)
	if err != nil {
		return nil, fmt.Errorf("platform purchases by state: %w", err)
	}
	err = s.scanAll(ctx, func(rows *sql.Rows) error {
		var c prakerja.CourseRating
		if err := rows.Scan(&c.CourseID, &c.Title, &c.Reviews, &c.StarsSum); err != nil {
			return err
		}
		rep.Ratings = append(rep.Ratings, c)
		return nil
	}, sqlPlatformRatings, platformID, prakerja.PlatformRatingsMax)
	if err != nil {
		return nil, fmt.Errorf("platform ratings: %w", err)
	}
	return rep, nil
}

// scanAll runs a read query and calls each for every row.
func (s *Store) scanAll(ctx context.Context, each func(*sql.Rows) error, query string, args ...any) error {
	rows, err := s.reader.QueryContext(ctx, s.rb(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// InstitutionNominees implements prakerja.PartnerPortalStore.
func (s *Store) InstitutionNominees(ctx context.Context, institution string, after []byte, limit int) ([]prakerja.Nominee, error) {
	if limit <= 0 || limit > prakerja.NomineesPageMax {
		limit = prakerja.NomineesPageMax
	}
	if after == nil {
		after = []byte{}
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var out []prakerja.Nominee
	err := s.scanAll(ctx, func(rows *sql.Rows) error {
		var n prakerja.Nominee
		var card int
		if err := rows.Scan(&n.NIKIndex, &n.Category, &n.RegistrationID, &n.NIKSealed, &n.Status, &card,
			&n.Trainings, &n.Completed); err != nil {
			return err
		}
		n.Card = card == 1
		out = append(out, n)
		return nil
	}, sqlNominees, institution, after, limit)
	if err != nil {
		return nil, fmt.Errorf("institution nominees: %w", err)
	}
	return out, nil
}

// InstitutionStages implements prakerja.PartnerPortalStore.
func (s *Store) InstitutionStages(ctx context.Context, institution string) ([]prakerja.NomineeStage, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var out []prakerja.NomineeStage
	err := s.scanAll(ctx, func(rows *sql.Rows) error {
		var st prakerja.NomineeStage
		if err := rows.Scan(&st.Status, &st.Count, &st.Cards); err != nil {
			return err
		}
		out = append(out, st)
		return nil
	}, sqlNomineeStages, institution)
	if err != nil {
		return nil, fmt.Errorf("institution stages: %w", err)
	}
	return out, nil
}
