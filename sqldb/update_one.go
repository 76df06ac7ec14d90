package sqldb

import (
	"context"
	"fmt"
)

// updateOne runs an UPDATE (already in the dialect's placeholders) that
// must change exactly one row, and returns missing when it changed none:
// the row is gone, or a condition in the WHERE (a claim's token, a state)
// no longer holds. op names the call in wrapped errors.
func (s *Store) updateOne(ctx context.Context, op string, missing error, query string, args ...any) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	res, err := s.writer.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if n == 0 {
		return missing
	}
	return nil
}
