package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/prakerja/prakerja"
)

// registrationColumns are read by scanRegistration, in this order.
const registrationColumns = `id, full_name, nik_ct, nik_idx, email_ct, email_idx, phone_ct,
	phone_idx, kk_ct, kk_idx, birth_date, sex, domicile_district, status, reasons,
	email_verified_at, phone_verified_at, status_changed_at, created_at, updated_at,
	work_impact, targeting_consent_at, consent_notice, withdrawn_at`

const (
	sqlRegistration        = `SELECT ` + registrationColumns + ` FROM registrations WHERE id = ?`
	sqlRegistrationByNIK   = `SELECT ` + registrationColumns + ` FROM registrations WHERE nik_idx = ?`
	sqlRegistrationByEmail = `SELECT ` + registrationColumns + ` FROM registrations WHERE email_idx = ?`
	sqlRegistrationByPhone = `SELECT ` + registrationColumns + ` FROM registrations WHERE phone_idx = ?`
	sqlCountByKK           = `SELECT count(*) FROM registrations WHERE kk_idx = ?`
	sqlFunnel              = `SELECT status, count(*) FROM registrations GROUP BY status`
)

// Registration returns one registration. Returns CodeNotFound.
func (s *Store) Registration(ctx context.Context, id int64) (*prakerja.RegistrationRecord, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	r, err := scanRegistration(s.reader.QueryRowContext(ctx, s.q.registration, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "Registration %d not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("registration %d: %w", id, err)
	}
	return r, nil
}

// RegistrationByIndex finds a registration by a unique blind index. The KK
// index is not unique (a family shares it), so it is refused. Returns
// CodeNotFound and CodeInvalid.
func (s *Store) RegistrationByIndex(ctx context.Context, field prakerja.IndexField, index []byte) (*prakerja.RegistrationRecord, error) {
	var query string
	switch field {
	case prakerja.IndexNIK:
		query = s.q.registrationByNIK
	case prakerja.IndexEmail:
		query = s.q.registrationByEmail
	case prakerja.IndexPhone:
		query = s.q.registrationByPhone
	default:
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "Field %q is not a unique index.", field)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	r, err := scanRegistration(s.reader.QueryRowContext(ctx, query, index))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "No registration with this %s.", field)
	}
	if err != nil {
		return nil, fmt.Errorf("registration by %s: %w", field, err)
	}
	return r, nil
}

// CountByKK returns how many registrations share a KK blind index.
func (s *Store) CountByKK(ctx context.Context, index []byte) (int64, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var n int64
	if err := s.reader.QueryRowContext(ctx, s.q.countByKK, index).Scan(&n); err != nil {
		return 0, fmt.Errorf("count by kk: %w", err)
	}
	return n, nil
}

// Funnel counts registrations per status. Only statuses somebody is in
// appear, so an empty map means an empty database.
func (s *Store) Funnel(ctx context.Context) (prakerja.FunnelCounts, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.q.funnel)
	if err != nil {
		return nil, fmt.Errorf("funnel: %w", err)
	}
	defer rows.Close()
	counts := prakerja.FunnelCounts{}
	for rows.Next() {
		var status string
		var n int64
		if err := rows.Scan(&status, &n); err != nil {
			return nil, fmt.Errorf("funnel: %w", err)
		}
		counts[prakerja.RegistrationStatus(status)] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("funnel: %w", err)
	}
	return counts, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanRegistration reads registrationColumns, and then extra, from row.
func scanRegistration(row scanner, extra ...any) (*prakerja.RegistrationRecord, error) {
	var r prakerja.RegistrationRecord
	var status, reasons string
	var emailVerified, phoneVerified sql.NullInt64
	var statusChanged, created, updated int64
	var impact string
	var consentAt, withdrawnAt sql.NullInt64
	dest := append([]any{&r.ID, &r.FullName, &r.NIK.Ciphertext, &r.NIK.Index,
		&r.Email.Ciphertext, &r.Email.Index, &r.Phone.Ciphertext, &r.Phone.Index,
		&r.KK.Ciphertext, &r.KK.Index, &r.BirthDate, &r.Sex, &r.DomicileDistrict, &status,
		&reasons, &emailVerified, &phoneVerified, &statusChanged, &created, &updated,
		&impact, &consentAt, &r.ConsentNotice, &withdrawnAt}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	var err error
	if r.Reasons, err = decodeReasons(reasons); err != nil {
		return nil, fmt.Errorf("registration %d: %w", r.ID, err)
	}
	r.Status = prakerja.RegistrationStatus(status)
	r.EmailVerifiedAt = fromMicros(emailVerified)
	r.PhoneVerifiedAt = fromMicros(phoneVerified)
	r.StatusChangedAt = timeOf(statusChanged)
	r.CreatedAt = timeOf(created)
	r.UpdatedAt = timeOf(updated)
	r.WorkImpact = prakerja.WorkImpact(impact)
	r.TargetingConsentAt = fromMicros(consentAt)
	r.WithdrawnAt = fromMicros(withdrawnAt)
	return &r, nil
}
