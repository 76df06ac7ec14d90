package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// BulkRegistrationsMax bounds one BulkInsertRegistrations or
// BulkConfirmContact call: one transaction, a few seconds of writing.
const BulkRegistrationsMax = 100_000

// sqlBulkRegistrationHead is the registrations insert of
// sqlInsertRegistration without its single VALUES tuple.
const sqlBulkRegistrationHead = `INSERT INTO registrations (full_name, nik_ct, nik_idx, email_ct,
	email_idx, phone_ct, phone_idx, kk_ct, kk_idx, birth_date, sex, domicile_district, status,
	reasons, email_verified_at, phone_verified_at, status_changed_at, created_at, updated_at,
	work_impact, targeting_consent_at, consent_notice) VALUES `

// BulkInsertRegistrations stores recs in one transaction of multi-row
// inserts, each row as CreateRegistration stores a record (sealed personal
// data, blind indexes, status, contact times, the per-minute status
// counts), but without a challenge or message: it is for seeding a
// full-scale demo or load test with registrants whose contact steps are
// taken as done. A taken NIK, e-mail or phone fails the whole call and
// stores nothing; callers seed people known to be new. It does not fill in
// the records' IDs.
func (s *Store) BulkInsertRegistrations(ctx context.Context, recs []prakerja.RegistrationRecord) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return s.insertBulkRegistrations(ctx, tx, recs)
	})
	if err != nil {
		return fmt.Errorf("bulk insert registrations: %w", err)
	}
	return nil
}

// insertBulkRegistrations validates recs and inserts them, with their
// per-minute status counts, in tx: the rows of BulkInsertRegistrations
// and BulkLoadRegistrations.
func (s *Store) insertBulkRegistrations(ctx context.Context, tx *sql.Tx, recs []prakerja.RegistrationRecord) error {
	if len(recs) > BulkRegistrationsMax {
		return fmt.Errorf("%d records, at most %d", len(recs), BulkRegistrationsMax)
	}
	e := entered{}
	for i := range recs {
		r := &recs[i]
		if err := validateNewRegistration(&prakerja.NewRegistration{Record: r}); err != nil {
			return fmt.Errorf("record %d: %w", i, err)
		}
		if r.StatusChangedAt.IsZero() {
			r.StatusChangedAt = r.CreatedAt
		}
		e.add(r.StatusChangedAt, string(r.Status), 1)
	}
	if err := s.execRows(ctx, tx, sqlBulkRegistrationHead, 22, len(recs), func(i int, args []any) ([]any, error) {
		r := &recs[i]
		return append(args, r.FullName, r.NIK.Ciphertext, r.NIK.Index,
			r.Email.Ciphertext, r.Email.Index, r.Phone.Ciphertext, r.Phone.Index,
			r.KK.Ciphertext, r.KK.Index, r.BirthDate, r.Sex, r.DomicileDistrict, string(r.Status),
			encodeReasons(r.Reasons), micros(r.EmailVerifiedAt), micros(r.PhoneVerifiedAt),
			r.StatusChangedAt.UnixMicro(), r.CreatedAt.UnixMicro(), r.UpdatedAt.UnixMicro(),
			string(r.WorkImpact), micros(r.TargetingConsentAt), r.ConsentNotice), nil
	}); err != nil {
		return err
	}
	return e.write(ctx, tx, s.q)
}

// BulkConfirmContact marks registrations that are still only registered
// as having confirmed their e-mail at now and, with phone, their phone
// too, so the verification pipeline takes them up: the state the e-mail
// link and the SMS code would leave, without the messages. It is the
// full-scale demo's "confirm contact" step for registrants whose contact
// steps are not played over HTTP. Registrations in any other status are
// left alone; it returns how many changed.
func (s *Store) BulkConfirmContact(ctx context.Context, ids []int64, phone bool, now time.Time) (int, error) {
	if len(ids) > BulkRegistrationsMax {
		return 0, fmt.Errorf("bulk confirm contact: %d registrations, at most %d", len(ids), BulkRegistrationsMax)
	}
	status, phoneAt := prakerja.StatusEmailVerified, sql.NullInt64{}
	if phone {
		status, phoneAt = prakerja.StatusPhoneVerified, micros(now)
	}
	us := now.UnixMicro()
	var changed int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		changed = 0
		for start := 0; start < len(ids); start += SelectionBatchMax {
			chunk := ids[start:min(start+SelectionBatchMax, len(ids))]
			args := make([]any, 0, len(chunk)+6)
			args = append(args, string(status), us, phoneAt, us, us, string(prakerja.StatusRegistered))
			for _, id := range chunk {
				args = append(args, id)
			}
			// (status || ''): by primary key, not by the status index; see
			// markWinners.
			res, err := tx.ExecContext(ctx, s.dialect.rebind(`UPDATE registrations SET status = ?, email_verified_at = ?,
				phone_verified_at = ?, status_changed_at = ?, updated_at = ?
				WHERE (status || '') = ? AND id IN (`+placeholders(len(chunk))+`)`), args...)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			changed += n
		}
		e := entered{}
		e.add(now, string(status), changed)
		return e.write(ctx, tx, s.q)
	})
	if err != nil {
		return 0, fmt.Errorf("bulk confirm contact: %w", err)
	}
	return int(changed), nil
}
