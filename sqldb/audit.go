package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/prakerja/prakerja"
)

const (
	sqlAuditHead   = `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`
	sqlAuditInsert = `INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev, hash)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	sqlAuditEntries = `SELECT seq, at, actor, action, subject, detail, prev, hash FROM audit_log
	WHERE seq > ? ORDER BY seq LIMIT ?`
)

// AppendAudit implements prakerja.AuditStore.
func (s *Store) AppendAudit(ctx context.Context, e *prakerja.AuditEntry) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.appendAuditTx(ctx, tx, e) })
}

// appendAuditTx appends e inside tx, after the chain's head read under the
// audit lock: the record commits with the action it records, or neither.
func (s *Store) appendAuditTx(ctx context.Context, tx *sql.Tx, e *prakerja.AuditEntry) error {
	if err := e.Valid(); err != nil {
		return err
	}
	if s.dialect.auditLock != "" {
		if _, err := tx.ExecContext(ctx, s.dialect.auditLock); err != nil {
			return fmt.Errorf("audit lock: %w", err)
		}
	}
	var seq int64
	prev := make([]byte, prakerja.AuditHashLen) // the first record follows 32 zero bytes
	err := tx.QueryRowContext(ctx, sqlAuditHead).Scan(&seq, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("audit head: %w", err)
	}
	e.Seq, e.At, e.Prev = seq+1, utcMicro(e.At), prev
	e.Hash = prakerja.AuditHash(prev, e)
	if _, err := tx.ExecContext(ctx, s.rb(sqlAuditInsert), e.Seq, e.At.UnixMicro(), e.Actor, e.Action, e.Subject,
		e.Detail, e.Prev, e.Hash); err != nil {
		return fmt.Errorf("append audit record: %w", err)
	}
	return nil
}

// AuditEntries implements prakerja.AuditStore.
func (s *Store) AuditEntries(ctx context.Context, afterSeq int64, limit int) ([]*prakerja.AuditEntry, error) {
	if limit <= 0 || limit > prakerja.AuditPageMax {
		limit = prakerja.AuditPageMax
	}
	rows, err := s.readRows(ctx, s.rb(sqlAuditEntries), afterSeq, limit)
	if err != nil {
		return nil, fmt.Errorf("audit entries: %w", err)
	}
	defer rows.Close()
	var out []*prakerja.AuditEntry
	for rows.Next() {
		var e prakerja.AuditEntry
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Subject, &e.Detail, &e.Prev, &e.Hash); err != nil {
			return nil, fmt.Errorf("scan audit entry: %w", err)
		}
		e.At = timeOf(at)
		out = append(out, &e)
	}
	return out, rows.Err()
}
