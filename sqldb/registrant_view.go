package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
)

// The registrant view's reads (prakerja.RegistrantViewStore). Each uses an
// index: a registration's payments by payments_registration and its name
// by registrations_name_lower (migration 00017), its joins by
// wave_joins_registration, disputes by disputes_nik_idx.

// nameRangeEnd closes a prefix range: no name a person types sorts after
// it, so [prefix, prefix+nameRangeEnd) is every name with the prefix.
const nameRangeEnd = "\U0010FFFF"

const (
	// PostgreSQL compares in the "C" collation, so the range matches the
	// index byte-wise whatever the database's default collation is.
	sqlNamesSQLite = `SELECT id, full_name, status, created_at FROM registrations
	WHERE lower(full_name) >= ? AND lower(full_name) < ? ORDER BY lower(full_name), id LIMIT ?`
	sqlNamesPostgres = `SELECT id, full_name, status, created_at FROM registrations
	WHERE lower(full_name) COLLATE "C" >= ? AND lower(full_name) COLLATE "C" < ?
	ORDER BY lower(full_name) COLLATE "C", id LIMIT ?`
	sqlRegistrantJoins = `SELECT j.wave_id, w.name, j.region, j.joined_at, COALESCE(j.outcome, ''), w.selected_at
	FROM wave_joins j JOIN waves w ON w.id = j.wave_id WHERE j.registration_id = ? ORDER BY j.joined_at, j.wave_id`
	sqlDisputesByNIK  = `SELECT ` + disputeColumns + ` FROM disputes WHERE nik_idx = ? ORDER BY id LIMIT ?`
	sqlRegistrantPay  = `SELECT ` + answerColumns + ` FROM payments WHERE registration_id = ? ORDER BY id DESC LIMIT ?`
	sqlRegistrantPayN = `SELECT count(*) FROM payments WHERE registration_id = ?`
)

// RegistrantsByName implements prakerja.RegistrantViewStore.
func (s *Store) RegistrantsByName(ctx context.Context, prefix string, limit int) ([]prakerja.RegistrantHit, error) {
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	if n := utf8.RuneCountInString(prefix); n < prakerja.RegistrantNamePrefixMin || n > prakerja.FullNameMax {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "A name search takes %d to %d characters.",
			prakerja.RegistrantNamePrefixMin, prakerja.FullNameMax)
	}
	if limit <= 0 || limit > prakerja.RegistrantSearchMax {
		limit = prakerja.RegistrantSearchMax
	}
	query := sqlNamesSQLite
	if s.dialect.name == PostgreSQL.name {
		query = sqlNamesPostgres
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.readRows(ctx, s.rb(query), prefix, prefix+nameRangeEnd, limit)
	if err != nil {
		return nil, fmt.Errorf("registrants by name: %w", err)
	}
	defer rows.Close()
	var out []prakerja.RegistrantHit
	for rows.Next() {
		var h prakerja.RegistrantHit
		var status string
		var created int64
		if err := rows.Scan(&h.ID, &h.FullName, &status, &created); err != nil {
			return nil, fmt.Errorf("registrants by name: %w", err)
		}
		h.Status, h.CreatedAt = prakerja.RegistrationStatus(status), timeOf(created)
		out = append(out, h)
	}
	return out, rows.Err()
}

// RegistrantJoins implements prakerja.RegistrantViewStore.
func (s *Store) RegistrantJoins(ctx context.Context, registrationID int64) ([]prakerja.RegistrantJoin, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.readRows(ctx, s.rb(sqlRegistrantJoins), registrationID)
	if err != nil {
		return nil, fmt.Errorf("registrant joins: %w", err)
	}
	defer rows.Close()
	var out []prakerja.RegistrantJoin
	for rows.Next() {
		var j prakerja.RegistrantJoin
		var outcome string
		var joined int64
		var selected sql.NullInt64
		if err := rows.Scan(&j.WaveID, &j.WaveName, &j.Region, &joined, &outcome, &selected); err != nil {
			return nil, fmt.Errorf("registrant joins: %w", err)
		}
		j.Outcome, j.JoinedAt, j.SelectedAt = prakerja.JoinOutcome(outcome), timeOf(joined), fromMicros(selected)
		out = append(out, j)
	}
	return out, rows.Err()
}

// DisputesByNIK implements prakerja.RegistrantViewStore.
func (s *Store) DisputesByNIK(ctx context.Context, nikIndex []byte, limit int) ([]prakerja.Dispute, error) {
	if limit <= 0 || limit > prakerja.RegistrantListMax {
		limit = prakerja.RegistrantListMax
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.readRows(ctx, s.rb(sqlDisputesByNIK), nikIndex, limit)
	if err != nil {
		return nil, fmt.Errorf("disputes by NIK: %w", err)
	}
	defer rows.Close()
	var out []prakerja.Dispute
	for rows.Next() {
		d, err := scanDispute(rows)
		if err != nil {
			return nil, fmt.Errorf("disputes by NIK: %w", err)
		}
		out = append(out, *d)
	}
	return out, rows.Err()
}

// RegistrantPayments implements prakerja.RegistrantViewStore. The account
// number and name are not read: the page never shows them.
func (s *Store) RegistrantPayments(ctx context.Context, registrationID int64, limit int) ([]*prakerja.Payment, int64, error) {
	if limit <= 0 || limit > prakerja.RegistrantListMax {
		limit = prakerja.RegistrantListMax
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var n int64
	if err := s.readRow(ctx, s.rb(sqlRegistrantPayN), registrationID).Scan(&n); err != nil {
		return nil, 0, fmt.Errorf("count registrant payments: %w", err)
	}
	if n == 0 {
		return nil, 0, nil
	}
	ps, err := s.scanPayments(ctx, s.rb(sqlRegistrantPay), scanAnswered, registrationID, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("registrant payments: %w", err)
	}
	return ps, n, nil
}
