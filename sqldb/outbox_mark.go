package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// MessagesMarkMax bounds the messages one MarkMessagesSent call records:
// one claimed batch.
const MessagesMarkMax = MessagesClaimMax

// markSentChunk is the number of ids in one UPDATE. Every statement has
// exactly this many placeholders (a short chunk repeats its first id), so
// both dialects parse one fixed text, well under SQLite's 32,766 and
// PostgreSQL's 65,535 parameter limits.
const markSentChunk = 100

// sqlMarkMessagesSent is sqlMarkMessageSent for markSentChunk ids.
var sqlMarkMessagesSent = `UPDATE messages SET sent_at = COALESCE(sent_at, ?), last_error = ''
	WHERE id IN (?` + strings.Repeat(", ?", markSentChunk-1) + `)`

// MarkMessagesFailed records up to MessagesMarkMax failed tries in one
// transaction, each as MarkMessageFailed does; ids that match no message
// are skipped, as in MarkMessagesSent.
func (s *Store) MarkMessagesFailed(ctx context.Context, fails []prakerja.MessageFailure) error {
	if len(fails) > MessagesMarkMax {
		return fmt.Errorf("mark messages failed: %d failures, at most %d", len(fails), MessagesMarkMax)
	}
	if len(fails) == 0 {
		return nil
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, f := range fails {
			if _, err := s.txExec(ctx, tx, s.q.markMessageFailed, truncate(f.Reason, LastErrorMax), f.Next.UnixMicro(), f.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mark messages failed: %w", err)
	}
	return nil
}

// MarkMessagesSent records the delivery of up to MessagesMarkMax messages
// in one transaction; each keeps the first time it was recorded sent. Ids
// that match no message are skipped: there is nothing left to record.
func (s *Store) MarkMessagesSent(ctx context.Context, ids []int64, now time.Time) error {
	if len(ids) > MessagesMarkMax {
		return fmt.Errorf("mark messages sent: %d ids, at most %d", len(ids), MessagesMarkMax)
	}
	if len(ids) == 0 {
		return nil
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	query := s.dialect.rebind(sqlMarkMessagesSent)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, query)
		if err != nil {
			return err
		}
		defer st.Close()
		args := make([]any, 1+markSentChunk)
		args[0] = now.UnixMicro()
		for start := 0; start < len(ids); start += markSentChunk {
			chunk := ids[start:min(start+markSentChunk, len(ids))]
			for i := range markSentChunk {
				args[1+i] = chunk[min(i, len(chunk)-1)] // repeating an id in IN changes nothing
			}
			if _, err := st.ExecContext(ctx, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mark messages sent: %w", err)
	}
	return nil
}
