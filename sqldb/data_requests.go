package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/prakerja/prakerja"
)

// dataRequestTextMax bounds a sealed details or answer text: the longest
// answer in UTF-8 plus the seal's overhead.
const dataRequestTextMax = 4*prakerja.DataRequestAnswerMax + 256

const (
	dataRequestColumns = `id, registration_id, kind, state, details_ct, created_at, due_at,
	answered_at, answered_by, answer_ct`
	sqlRegistrationExists = `SELECT count(*) FROM registrations WHERE id = ?`
	// sqlInsertDataRequest skips a second open request of a kind (the
	// partial unique index), which the caller reports as a conflict.
	sqlInsertDataRequest = `INSERT INTO data_requests (registration_id, kind, state, details_ct, created_at,
	due_at, answered_at, answered_by, answer_ct) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO NOTHING RETURNING id`
	sqlDataRequest    = `SELECT ` + dataRequestColumns + ` FROM data_requests WHERE id = ?`
	sqlDataRequestsOf = `SELECT ` + dataRequestColumns + ` FROM data_requests WHERE registration_id = ?
	ORDER BY id DESC LIMIT ?`
	sqlDataRequestQueue = `SELECT ` + dataRequestColumns + ` FROM data_requests
	WHERE (CAST(? AS TEXT) = '' OR state = ?) ORDER BY due_at, id LIMIT ? OFFSET ?`
	sqlAnswerDataRequest = `UPDATE data_requests SET state = ?, answered_at = ?, answered_by = ?, answer_ct = ?
	WHERE id = ? AND state = 'open'`
	sqlWithdrawRegistration = `UPDATE registrations SET withdrawn_at = ?, updated_at = ?
	WHERE id = ? AND withdrawn_at IS NULL`
)

// checkDataRequest checks a new request's fields.
func checkDataRequest(r *prakerja.DataRequestRecord) error {
	switch {
	case !r.Kind.Valid():
		return prakerja.Errorf(prakerja.CodeInvalid, "Kind must be access, correction or withdrawal.")
	case r.State != prakerja.DataRequestOpen && !(r.Kind == prakerja.DataAccess && r.State == prakerja.DataRequestAnswered):
		return prakerja.Errorf(prakerja.CodeInvalid, "A new request is open; only a download is answered at once.")
	case r.State == prakerja.DataRequestAnswered && r.AnsweredAt.IsZero():
		return prakerja.Errorf(prakerja.CodeInvalid, "An answered request has its answer time.")
	case r.CreatedAt.IsZero() || r.DueAt.Before(r.CreatedAt):
		return prakerja.Errorf(prakerja.CodeInvalid, "A request has its time and a deadline after it.")
	case len(r.Details) > dataRequestTextMax || len(r.Answer) > dataRequestTextMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "The request's text is too long.")
	case len(r.AnsweredBy) > prakerja.DataRequestActorMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "The answering staff name is too long.")
	}
	return nil
}

// dataRequestAudit is the audit record of a request's change: ids, kind
// and state only, never its texts.
func dataRequestAudit(r *prakerja.DataRequestRecord, actor, action string) *prakerja.AuditEntry {
	at := r.CreatedAt
	if !r.AnsweredAt.IsZero() {
		at = r.AnsweredAt
	}
	detail, _ := json.Marshal(map[string]any{"registration_id": r.RegistrationID, "kind": r.Kind, "state": r.State})
	return &prakerja.AuditEntry{At: at, Actor: actor, Action: action,
		Subject: fmt.Sprintf("data_request:%d", r.ID), Detail: string(detail)}
}

// CreateDataRequest implements prakerja.DataRequestStore.
func (s *Store) CreateDataRequest(ctx context.Context, r *prakerja.DataRequestRecord, actor string) error {
	if err := checkDataRequest(r); err != nil {
		return err
	}
	action := prakerja.AuditDataRequestOpened
	if r.State == prakerja.DataRequestAnswered {
		action = prakerja.AuditDataDownloaded
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var n int64
		if err := tx.QueryRowContext(ctx, s.rb(sqlRegistrationExists), r.RegistrationID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return prakerja.Errorf(prakerja.CodeNotFound, "Registration %d not found.", r.RegistrationID)
		}
		err := tx.QueryRowContext(ctx, s.rb(sqlInsertDataRequest), r.RegistrationID, string(r.Kind), string(r.State),
			r.Details, r.CreatedAt.UnixMicro(), r.DueAt.UnixMicro(), micros(r.AnsweredAt), r.AnsweredBy,
			r.Answer).Scan(&r.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return prakerja.Errorf(prakerja.CodeConflict, "A %s request is already open.", r.Kind)
		}
		if err != nil {
			return err
		}
		return s.appendAuditTx(ctx, tx, dataRequestAudit(r, actor, action))
	})
	if err != nil {
		return fmt.Errorf("create data request: %w", err)
	}
	return nil
}

// DataRequest implements prakerja.DataRequestStore.
func (s *Store) DataRequest(ctx context.Context, id int64) (*prakerja.DataRequestRecord, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	r, err := scanDataRequest(s.reader.QueryRowContext(ctx, s.rb(sqlDataRequest), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "Data request %d not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("data request %d: %w", id, err)
	}
	return r, nil
}

// DataRequestsOf implements prakerja.DataRequestStore.
func (s *Store) DataRequestsOf(ctx context.Context, registrationID int64) ([]*prakerja.DataRequestRecord, error) {
	return s.dataRequests(ctx, sqlDataRequestsOf, registrationID, prakerja.DataRequestsPageMax)
}

// DataRequestQueue implements prakerja.DataRequestStore.
func (s *Store) DataRequestQueue(ctx context.Context, f prakerja.DataRequestFilter) ([]*prakerja.DataRequestRecord, error) {
	if f.Limit <= 0 || f.Limit > prakerja.DataRequestsPageMax {
		f.Limit = prakerja.DataRequestsPageMax
	}
	return s.dataRequests(ctx, sqlDataRequestQueue, string(f.State), string(f.State), f.Limit, max(f.Offset, 0))
}

// dataRequests runs a listing query.
func (s *Store) dataRequests(ctx context.Context, query string, args ...any) ([]*prakerja.DataRequestRecord, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.rb(query), args...)
	if err != nil {
		return nil, fmt.Errorf("data requests: %w", err)
	}
	defer rows.Close()
	var out []*prakerja.DataRequestRecord
	for rows.Next() {
		r, err := scanDataRequest(rows)
		if err != nil {
			return nil, fmt.Errorf("data requests: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("data requests: %w", err)
	}
	return out, nil
}

// AnswerDataRequest implements prakerja.DataRequestStore.
func (s *Store) AnswerDataRequest(ctx context.Context, id int64, a prakerja.DataRequestAnswer) (*prakerja.DataRequestRecord, error) {
	switch {
	case a.State != prakerja.DataRequestAnswered && a.State != prakerja.DataRequestRejected:
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "An answer answers or rejects.")
	case a.By == "" || len(a.By) > prakerja.DataRequestActorMax:
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "An answer names its staff member (at most %d bytes).", prakerja.DataRequestActorMax)
	case len(a.Answer) > dataRequestTextMax:
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "The answer is too long.")
	case a.At.IsZero():
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "An answer has its time.")
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var out *prakerja.DataRequestRecord
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		r, err := scanDataRequest(tx.QueryRowContext(ctx, s.rb(sqlDataRequest+s.dialect.forUpdate), id))
		if errors.Is(err, sql.ErrNoRows) {
			return prakerja.Errorf(prakerja.CodeNotFound, "Data request %d not found.", id)
		}
		if err != nil {
			return err
		}
		if r.State != prakerja.DataRequestOpen {
			return prakerja.Errorf(prakerja.CodeConflict, "Data request %d was already %s.", id, r.State)
		}
		us := a.At.UnixMicro()
		if _, err := tx.ExecContext(ctx, s.rb(sqlAnswerDataRequest), string(a.State), us, a.By, a.Answer, id); err != nil {
			return err
		}
		if r.Kind == prakerja.DataWithdrawal && a.State == prakerja.DataRequestAnswered {
			if _, err := tx.ExecContext(ctx, s.rb(sqlWithdrawRegistration), us, us, r.RegistrationID); err != nil {
				return err
			}
		}
		r.State, r.AnsweredAt, r.AnsweredBy, r.Answer = a.State, utcMicro(a.At), a.By, a.Answer
		action := prakerja.AuditDataRequestAnswered
		if a.State == prakerja.DataRequestRejected {
			action = prakerja.AuditDataRequestRejected
		}
		out = r
		return s.appendAuditTx(ctx, tx, dataRequestAudit(r, a.By, action))
	})
	if err != nil {
		return nil, fmt.Errorf("answer data request %d: %w", id, err)
	}
	return out, nil
}

// scanDataRequest reads dataRequestColumns.
func scanDataRequest(row scanner) (*prakerja.DataRequestRecord, error) {
	var r prakerja.DataRequestRecord
	var kind, state string
	var created, due int64
	var answered sql.NullInt64
	if err := row.Scan(&r.ID, &r.RegistrationID, &kind, &state, &r.Details, &created, &due, &answered,
		&r.AnsweredBy, &r.Answer); err != nil {
		return nil, err
	}
	r.Kind, r.State = prakerja.DataRequestKind(kind), prakerja.DataRequestState(state)
	r.CreatedAt, r.DueAt, r.AnsweredAt = timeOf(created), timeOf(due), fromMicros(answered)
	return &r, nil
}
