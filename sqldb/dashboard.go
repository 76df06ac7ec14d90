package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// The dashboards' aggregates (prakerja.DashboardStore). Each is one
// grouped query; none returns rows per registration.

const (
	// sqlDashboardEntries sums status_minutes into buckets: a range of its
	// primary key (minute, status), at most 60 rows per status per hour,
	// however many registrations there are. Arguments: bucket origin and
	// width (µs), range start and end (µs), status. GROUP BY 1 because
	// PostgreSQL does not see two parameterised expressions as one.
	sqlDashboardEntries = `SELECT (minute - ?) / ?, sum(entered) FROM status_minutes
	WHERE minute >= ? AND minute < ? AND status = ? GROUP BY 1`
	// sqlFunnelPool counts the pool a wave draws from per province:
	// registrations created by the close, those that confirmed their
	// e-mail by then, and those whose NIK the registry confirmed. It is
	// one pass over the registrations (province is not a column).
	// Arguments: close (µs), four NIK-verified statuses, close (µs).
	sqlFunnelPool = `SELECT substr(domicile_district, 1, 2), count(*),
	sum(CASE WHEN email_verified_at <= ? THEN 1 ELSE 0 END),
	sum(CASE WHEN status IN (?, ?, ?, ?) THEN 1 ELSE 0 END)
	FROM registrations WHERE created_at <= ? GROUP BY 1`
	// sqlFunnelWave counts a wave's joins per province and how far each
	// got: eligible by the selection's rule (status eligible, or selected
	// by this wave's draw: cmd/prakerja snapshotLine), drawn, carded by
	// this wave, a training bought (voucher paid, not refunded) or
	// completed, an incentive paid. The joins are a range of wave_joins'
	// primary key; the purchases and payments are looked up by their
	// registration indexes, only for this wave's card holders.
	sqlFunnelWave = `SELECT substr(r.domicile_district, 1, 2), count(*),
	sum(CASE WHEN r.status = 'eligible' OR (r.status = 'selected' AND j.outcome = 'selected') THEN 1 ELSE 0 END),
	sum(CASE WHEN j.outcome = 'selected' THEN 1 ELSE 0 END),
	sum(CASE WHEN p.registration_id IS NULL THEN 0 ELSE 1 END),
	sum(CASE WHEN p.registration_id IS NOT NULL AND EXISTS (SELECT 1 FROM market_purchases m
		WHERE m.registration_id = j.registration_id AND m.state IN ('paid', 'redeemed', 'completed')) THEN 1 ELSE 0 END),
	sum(CASE WHEN p.registration_id IS NOT NULL AND EXISTS (SELECT 1 FROM market_purchases m
		WHERE m.registration_id = j.registration_id AND m.state = 'completed') THEN 1 ELSE 0 END),
	sum(CASE WHEN p.registration_id IS NOT NULL AND EXISTS (SELECT 1 FROM payments y
		WHERE y.registration_id = j.registration_id AND y.state = 'paid') THEN 1 ELSE 0 END)
	FROM wave_joins j JOIN registrations r ON r.id = j.registration_id
	LEFT JOIN participants p ON p.registration_id = j.registration_id AND p.wave_id = j.wave_id
	WHERE j.wave_id = ? GROUP BY 1`
)

// StatusEntries implements prakerja.DashboardStore.
func (s *Store) StatusEntries(ctx context.Context, q prakerja.BucketQuery) ([]prakerja.BucketCount, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	out := make([]prakerja.BucketCount, q.Buckets())
	for i := range out {
		out[i].Start = q.From.Add(q.Width * time.Duration(i)).UTC()
	}
	from, to, width := q.From.UnixMicro(), q.To.UnixMicro(), q.Width.Microseconds()
	err := s.eachRow(ctx, s.rb(sqlDashboardEntries), func(r *sql.Rows) error {
		var i, n int64
		if err := r.Scan(&i, &n); err != nil {
			return err
		}
		if i < 0 || i >= int64(len(out)) {
			return fmt.Errorf("bucket %d outside 0..%d", i, len(out)-1)
		}
		out[i].Count = n
		return nil
	}, from, width, from, to, string(q.Status))
	if err != nil {
		return nil, fmt.Errorf("status entries: %w", err)
	}
	return out, nil
}

// WaveFunnel implements prakerja.DashboardStore.
func (s *Store) WaveFunnel(ctx context.Context, waveID int64) (*prakerja.WaveFunnel, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	w, err := s.waveOn(ctx, s.reader, waveID)
	if err != nil {
		return nil, err
	}
	rows := map[string]*prakerja.StageCounts{}
	row := func(province string) *prakerja.StageCounts {
		if rows[province] == nil {
			rows[province] = &prakerja.StageCounts{}
		}
		return rows[province]
	}
	closes := w.ClosesAt.UnixMicro()
	st := prakerja.NIKVerifiedStatuses
	err = s.eachRow(ctx, s.rb(sqlFunnelPool), func(r *sql.Rows) error {
		var province string
		var c prakerja.StageCounts
		if err := r.Scan(&province, &c[prakerja.StageAccounts], &c[prakerja.StageEmailVerified],
			&c[prakerja.StageNIKVerified]); err != nil {
			return err
		}
		row(province).Add(c)
		return nil
	}, closes, string(st[0]), string(st[1]), string(st[2]), string(st[3]), closes)
	if err == nil {
		err = s.eachRow(ctx, s.rb(sqlFunnelWave), func(r *sql.Rows) error {
			var province string
			var c prakerja.StageCounts
			if err := r.Scan(&province, &c[prakerja.StageJoined], &c[prakerja.StageEligible], &c[prakerja.StageSelected],
				&c[prakerja.StageCard], &c[prakerja.StageTrainingBought], &c[prakerja.StageTrainingCompleted],
				&c[prakerja.StageIncentivePaid]); err != nil {
				return err
			}
			row(province).Add(c)
			return nil
		}, waveID)
	}
	if err != nil {
		return nil, fmt.Errorf("wave %d funnel: %w", waveID, err)
	}
	f := &prakerja.WaveFunnel{WaveID: waveID, ClosesAt: w.ClosesAt}
	for province, c := range rows {
		f.Rows = append(f.Rows, prakerja.WaveFunnelRow{Province: province, Counts: *c})
	}
	slices.SortFunc(f.Rows, func(a, b prakerja.WaveFunnelRow) int { return strings.Compare(a.Province, b.Province) })
	return f, nil
}
