package sqldb

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/prakerja/prakerja"
)

// Targeting queries. A registrant is "on a bansos list" when their NIK
// blind index is in a current import of one of the filter's categories;
// {bansos} is replaced by that test (or by a false one when the scheme
// names no category). Withdrawn registrations are never read.
const (
	// sqlTargetingAggregates tests the bansos lists once per registrant
	// who was hit, in the inner query, and groups outside it.
	sqlTargetingAggregates = `SELECT region, count(*),
	COALESCE(sum(CASE WHEN impact = 'lost_job' THEN free ELSE 0 END), 0),
	COALESCE(sum(CASE WHEN impact = 'lost_income' THEN free ELSE 0 END), 0),
	COALESCE(sum(CASE WHEN impact = 'reduced_hours' THEN free ELSE 0 END), 0)
	FROM (SELECT substr(r.domicile_district, 1, %d) AS region, r.work_impact AS impact,
		CASE WHEN r.work_impact IN ('lost_job', 'lost_income', 'reduced_hours') AND NOT {bansos}
		THEN 1 ELSE 0 END AS free
		FROM registrations r
		WHERE r.withdrawn_at IS NULL AND (CAST(? AS TEXT) = '' OR substr(r.domicile_district, 1, 2) = ?)) t
	GROUP BY region ORDER BY region LIMIT ?`
	sqlTargetingIndividuals = `SELECT r.id, r.full_name, r.nik_ct, r.nik_idx, r.phone_ct, r.phone_idx,
	r.domicile_district, r.work_impact, r.targeting_consent_at, r.consent_notice
	FROM registrations r
	WHERE r.targeting_consent_at IS NOT NULL AND r.withdrawn_at IS NULL AND r.id > ?
	AND r.work_impact IN ('lost_job', 'lost_income', 'reduced_hours')
	AND (CAST(? AS TEXT) = '' OR substr(r.domicile_district, 1, 2) = ?) AND NOT {bansos}
	ORDER BY r.id LIMIT ?`
	sqlOnBansos = `EXISTS (SELECT 1 FROM exclusion_entries e JOIN exclusion_imports i ON i.id = e.import_id
	WHERE e.nik_idx = r.nik_idx AND i.is_current = 1 AND i.category IN (%s))`
)

// provinceRE is a province code: two digits.
var provinceRE = regexp.MustCompile(`^[0-9]{2}$`)

// targetingQuery fills a query's {bansos} test for f's categories and
// returns it with the categories as arguments. Categories are bound, never
// spliced into the text.
func targetingQuery(query string, f prakerja.TargetingFilter) (string, []any, error) {
	if f.Province != "" && !provinceRE.MatchString(f.Province) {
		return "", nil, prakerja.Errorf(prakerja.CodeInvalid, "A province code is two digits.")
	}
	if len(f.BansosCategories) > prakerja.TargetingCategoriesMax {
		return "", nil, prakerja.Errorf(prakerja.CodeInvalid, "At most %d social-assistance categories.", prakerja.TargetingCategoriesMax)
	}
	test := "(1 = 0)"
	args := make([]any, 0, len(f.BansosCategories))
	if len(f.BansosCategories) > 0 {
		test = fmt.Sprintf(sqlOnBansos, strings.TrimSuffix(strings.Repeat("?, ", len(f.BansosCategories)), ", "))
		for _, c := range f.BansosCategories {
			args = append(args, c)
		}
	}
	return strings.ReplaceAll(query, "{bansos}", test), args, nil
}

// TargetingAggregates implements prakerja.TargetingStore.
func (s *Store) TargetingAggregates(ctx context.Context, f prakerja.TargetingFilter) ([]prakerja.TargetingAggregate, error) {
	width := 0
	switch f.Level {
	case prakerja.TargetingProvince:
		width = 2
	case prakerja.TargetingRegency:
		width = 5
	default:
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "Level must be province or regency.")
	}
	query, cats, err := targetingQuery(fmt.Sprintf(sqlTargetingAggregates, width), f)
	if err != nil {
		return nil, err
	}
	args := append(cats, f.Province, f.Province, prakerja.TargetingRegionsMax)
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.rb(query), args...)
	if err != nil {
		return nil, fmt.Errorf("targeting aggregates: %w", err)
	}
	defer rows.Close()
	var out []prakerja.TargetingAggregate
	for rows.Next() {
		var a prakerja.TargetingAggregate
		if err := rows.Scan(&a.Region, &a.Total, &a.LostJob, &a.LostIncome, &a.ReducedHours); err != nil {
			return nil, fmt.Errorf("targeting aggregates: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("targeting aggregates: %w", err)
	}
	return out, nil
}

// TargetingIndividuals implements prakerja.TargetingStore.
func (s *Store) TargetingIndividuals(ctx context.Context, f prakerja.TargetingFilter, afterID int64, limit int) ([]prakerja.TargetingRecord, error) {
	query, cats, err := targetingQuery(sqlTargetingIndividuals, f)
	if err != nil {
		return nil, err
	}
	limit = max(1, min(limit, prakerja.TargetingPageMax))
	args := append([]any{afterID, f.Province, f.Province}, cats...)
	args = append(args, limit)
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.rb(query), args...)
	if err != nil {
		return nil, fmt.Errorf("targeting individuals: %w", err)
	}
	defer rows.Close()
	out := make([]prakerja.TargetingRecord, 0, limit)
	for rows.Next() {
		var r prakerja.TargetingRecord
		var impact string
		var consent int64
		if err := rows.Scan(&r.RegistrationID, &r.FullName, &r.NIK.Ciphertext, &r.NIK.Index, &r.Phone.Ciphertext,
			&r.Phone.Index, &r.DomicileDistrict, &impact, &consent, &r.ConsentNotice); err != nil {
			return nil, fmt.Errorf("targeting individuals: %w", err)
		}
		r.WorkImpact, r.TargetingConsentAt = prakerja.WorkImpact(impact), timeOf(consent)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("targeting individuals: %w", err)
	}
	return out, nil
}
