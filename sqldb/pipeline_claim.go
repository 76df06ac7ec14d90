package sqldb

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"github.com/prakerja/prakerja"
)

// sqlClaimWork leases the oldest free registrations in a status in one
// statement: a live lease or a retry time still ahead keeps a row out. On
// PostgreSQL the dialect adds FOR UPDATE SKIP LOCKED to the inner select
// (%s), so concurrent claimers pass over each other's rows and a row one of
// them just claimed is re-checked (and dropped) by the other; SQLite's single
// writer runs claims one after the other, which is just as safe.
const sqlClaimWork = `UPDATE registrations SET claim_token = ?, claim_until = ?, attempts = attempts + 1
	WHERE id IN (SELECT id FROM registrations WHERE status = ?
		AND (claim_until IS NULL OR claim_until <= ?) AND (retry_at IS NULL OR retry_at <= ?)
		ORDER BY status_changed_at, id LIMIT ?%s)
	RETURNING ` + registrationColumns + `, attempts`

// ClaimWork leases up to limit registrations waiting in step.From(), oldest
// in the status first, until now+lease. All items of one claim share one
// fresh random token: only this claim can complete them, and a later claim
// of the same rows (after the lease) gets another token. Returns CodeInvalid
// for an unknown step, a limit outside 1..prakerja.ClaimMax or a lease that
// is not positive.
func (s *Store) ClaimWork(ctx context.Context, step prakerja.Step, now time.Time, limit int, lease time.Duration) ([]prakerja.WorkItem, error) {
	if err := validateClaim(step, limit, lease); err != nil {
		return nil, err
	}
	token, err := newToken()
	if err != nil {
		return nil, err
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var items []prakerja.WorkItem
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		at := now.UnixMicro()
		rows, err := tx.QueryContext(ctx, s.q.claimWork, token, now.Add(lease).UnixMicro(),
			string(step.From()), at, at, limit)
		if err != nil {
			return err
		}
		items, err = scanWork(rows, token, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("claim %s work: %w", step, err)
	}
	return items, nil
}

func validateClaim(step prakerja.Step, limit int, lease time.Duration) error {
	switch {
	case step.From() == "":
		return prakerja.Errorf(prakerja.CodeInvalid, "Step %q is unknown.", step)
	case limit < 1 || limit > prakerja.ClaimMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "A claim takes 1 to %d registrations, not %d.", prakerja.ClaimMax, limit)
	case lease <= 0:
		return prakerja.Errorf(prakerja.CodeInvalid, "A claim needs a positive lease.")
	}
	return nil
}

// newToken returns a random positive claim token. Random rather than a
// sequence so that tokens need no shared counter across nodes.
func newToken() (int64, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return 0, fmt.Errorf("claim token: %w", err)
	}
	return int64(binary.BigEndian.Uint64(b[:])>>1) | 1, nil
}

// scanWork reads the claimed rows, at most max, closes rows and orders the
// items as the claim chose them: oldest in the status first.
func scanWork(rows *sql.Rows, token int64, max int) ([]prakerja.WorkItem, error) {
	defer rows.Close()
	items := make([]prakerja.WorkItem, 0, min(max, 256))
	for rows.Next() {
		if len(items) == max {
			return nil, fmt.Errorf("more than %d rows", max)
		}
		var attempts int
		r, err := scanRegistration(rows, &attempts)
		if err != nil {
			return nil, err
		}
		items = append(items, prakerja.WorkItem{Record: r, Token: token, Attempts: attempts - 1})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(items, func(a, b prakerja.WorkItem) int {
		return cmp.Or(a.Record.StatusChangedAt.Compare(b.Record.StatusChangedAt), cmp.Compare(a.Record.ID, b.Record.ID))
	})
	return items, nil
}
