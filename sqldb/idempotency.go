package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// IdempotencyKeyMax bounds an Idempotency-Key, in bytes.
const IdempotencyKeyMax = 255

// IdempotentBodyMax bounds a stored response body, in bytes.
const IdempotentBodyMax = 1 << 20

const (
	sqlClaimIdempotent = `INSERT INTO idempotency_keys (key, request_hash, status, content_type, created_at)
	VALUES (?, ?, 0, '', ?) ON CONFLICT (key) DO NOTHING`
	// The dialect adds FOR UPDATE, so of two requests taking over one stale
	// claim on PostgreSQL the second sees the first's fresh claim.
	sqlIdempotent = `SELECT key, request_hash, status, content_type, body, created_at
	FROM idempotency_keys WHERE key = ?`
	sqlTakeOverIdempotent = `UPDATE idempotency_keys SET request_hash = ?, created_at = ?
	WHERE key = ? AND status = 0`
	sqlFinishIdempotent = `UPDATE idempotency_keys SET status = ?, content_type = ?, body = ?
	WHERE key = ? AND request_hash = ? AND status = 0`
	sqlPruneIdempotent   = `DELETE FROM idempotency_keys WHERE created_at < ?`
	sqlReleaseIdempotent = `DELETE FROM idempotency_keys WHERE key = ? AND status = 0`
)

// BeginIdempotent claims key for a request with the given hash. It returns
// nil when the caller should process the request: the key is new, or its
// claim is still pending after pendingTTL (its request presumably died), in
// which case this request takes it over whatever its hash. Otherwise it
// returns the stored record; the caller compares RequestHash and Status.
// Returns CodeInvalid for an empty or over-long key.
func (s *Store) BeginIdempotent(ctx context.Context, key string, hash []byte, now time.Time, pendingTTL time.Duration) (*prakerja.IdempotentResponse, error) {
	if key == "" || len(key) > IdempotencyKeyMax {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "The Idempotency-Key must be 1 to %d bytes.", IdempotencyKeyMax)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var seen *prakerja.IdempotentResponse
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q.claimIdempotent, key, hash, now.UnixMicro())
		if err != nil {
			return fmt.Errorf("claim: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		r, err := scanIdempotent(tx.QueryRowContext(ctx, s.q.idempotent, key))
		if err != nil {
			return fmt.Errorf("read claim: %w", err)
		}
		if r.Status != 0 || now.Sub(r.CreatedAt) <= pendingTTL {
			seen = r
			return nil
		}
		if _, err := tx.ExecContext(ctx, s.q.takeOverIdempotent, hash, now.UnixMicro(), key); err != nil {
			return fmt.Errorf("take over claim: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("begin idempotent request: %w", err)
	}
	return seen, nil
}

// FinishIdempotent stores the response for a key this request claimed
// (same key and request hash, still pending). Returns CodeNotFound when
// there is no such claim and CodeConflict when the key was finished or
// taken over by another request.
func (s *Store) FinishIdempotent(ctx context.Context, r *prakerja.IdempotentResponse) error {
	if r.Status <= 0 {
		return fmt.Errorf("finish idempotent request: status %d is not a response", r.Status)
	}
	if len(r.Body) > IdempotentBodyMax {
		return fmt.Errorf("finish idempotent request: body of %d bytes exceeds %d", len(r.Body), IdempotentBodyMax)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q.finishIdempotent, r.Status, r.ContentType, r.Body, r.Key, r.RequestHash)
		if err != nil {
			return fmt.Errorf("finish idempotent request: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		_, err = scanIdempotent(tx.QueryRowContext(ctx, s.q.idempotent, r.Key))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return prakerja.Errorf(prakerja.CodeNotFound, "No request holds this Idempotency-Key.")
		case err != nil:
			return fmt.Errorf("finish idempotent request: %w", err)
		}
		return prakerja.Errorf(prakerja.CodeConflict, "This Idempotency-Key was finished or taken over by another request.")
	})
}

// ReleaseIdempotent drops a pending claim at once, so a retry of a request
// whose answer was not stored (a 5xx, say) is processed again without
// waiting out pendingTTL. A finished key, or none, is left alone. The http
// package finds it through an optional interface.
func (s *Store) ReleaseIdempotent(ctx context.Context, key string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if _, err := s.writer.ExecContext(ctx, s.q.releaseIdempotent, key); err != nil {
		return fmt.Errorf("release idempotency key: %w", err)
	}
	return nil
}

// PruneIdempotent deletes the keys claimed before before and returns how
// many it deleted. Keys only need to outlive a client's retries (typically
// a day); call it from a periodic job.
func (s *Store) PruneIdempotent(ctx context.Context, before time.Time) (int64, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	res, err := s.writer.ExecContext(ctx, s.q.pruneIdempotent, before.UnixMicro())
	if err != nil {
		return 0, fmt.Errorf("prune idempotency keys: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("prune idempotency keys: %w", err)
	}
	return n, nil
}

func scanIdempotent(row *sql.Row) (*prakerja.IdempotentResponse, error) {
	var r prakerja.IdempotentResponse
	var created int64
	if err := row.Scan(&r.Key, &r.RequestHash, &r.Status, &r.ContentType, &r.Body, &created); err != nil {
		return nil, err
	}
	r.CreatedAt = timeOf(created)
	return &r, nil
}
