package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/prakerja/prakerja"
)

// The store records its own consequential actions (issue 7 item 3) in the
// transaction that does them: selection steps, imports, identity reviews,
// wave creation, revocations and ledger sweeps. Details are ids, counts,
// codes and digests, never personal data.

const sqlAuditHeadEntry = `SELECT seq, at, actor, action, subject, detail, prev, hash FROM audit_log
	ORDER BY seq DESC LIMIT 1`

// AuditHead implements prakerja.AuditStore.
func (s *Store) AuditHead(ctx context.Context) (*prakerja.AuditEntry, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var e prakerja.AuditEntry
	var at int64
	err := s.reader.QueryRowContext(ctx, sqlAuditHeadEntry).Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Subject,
		&e.Detail, &e.Prev, &e.Hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "The audit log is empty.")
	}
	if err != nil {
		return nil, fmt.Errorf("audit head: %w", err)
	}
	e.At = timeOf(at)
	return &e, nil
}

// auditSubject names one row of a table: "wave:12".
func auditSubject(kind string, id int64) string { return kind + ":" + strconv.FormatInt(id, 10) }

// auditTx appends action on subject by actor inside tx, its detail the
// JSON of a flat map of ids, counts, codes and digests.
func (s *Store) auditTx(ctx context.Context, tx *sql.Tx, now time.Time, actor, action, subject string, detail map[string]any) error {
	b, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("audit detail: %w", err)
	}
	return s.appendAuditTx(ctx, tx, &prakerja.AuditEntry{At: now, Actor: prakerja.AuditActor(actor), Action: action,
		Subject: subject, Detail: string(b)})
}

// auditActorOr is the actor ctx names (the signed-in staff member), else
// fallback (the reviewer name a form or command gave).
func auditActorOr(ctx context.Context, fallback string) string {
	if a := prakerja.AuditActorOf(ctx); a != prakerja.AuditSystem {
		return a
	}
	return fallback
}
