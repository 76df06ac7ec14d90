package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// SelectionBatchMax is how many rows one multi-row statement of a draw
// writes. 1000 message rows bind 11,000 values, under SQLite's 32,766 and
// PostgreSQL's 65,535 parameters, and cut two million round trips (or
// statement steps) to two thousand.
const SelectionBatchMax = 1000

const (
	sqlInsertParticipantsHead = `INSERT INTO participants (registration_id, wave_id, card_seq, card_number,
	va_number, created_at) VALUES `
	sqlInsertMessagesHead = `INSERT INTO messages (registration_id, channel, template, locale, recipient_ct,
	params, attempts, next_attempt_at, last_error, sent_at, created_at) VALUES `
	participantColumns = 6
	messageInsertCols  = 11
)

// markWinners sets the winners' join outcome and moves them from eligible
// to selected, a batch at a time. A winner that is no join of the wave (or
// listed twice) is a caller's bug; one whose status left eligible after
// the snapshot was frozen makes the published result unrecordable as it
// stands, so the whole draw is refused and nothing is written.
func (s *Store) markWinners(ctx context.Context, tx *sql.Tx, rec *prakerja.SelectionRecord, now time.Time) error {
	// In ID order each batch touches neighbouring rows and pages, instead
	// of rank order's random ones all over a table of millions.
	sorted := slices.Sorted(slices.Values(rec.Selected))
	for start := 0; start < len(sorted); start += SelectionBatchMax {
		chunk := sorted[start:min(start+SelectionBatchMax, len(sorted))]
		in := placeholders(len(chunk))
		ids := make([]any, len(chunk))
		for i, id := range chunk {
			ids[i] = id
		}
		q := s.dialect.rebind(`UPDATE wave_joins SET outcome = 'selected' WHERE wave_id = ? AND registration_id IN (` + in + `)`)
		if n, err := execCount(ctx, tx, q, append([]any{rec.WaveID}, ids...)...); err != nil || n != int64(len(chunk)) {
			return winnerError(err, prakerja.CodeInvalid, "winners are not joins of the wave, or appear twice", n, len(chunk))
		}
		// (status || '') keeps SQLite, which has no statistics, off the
		// status index: it would walk every eligible registration (4
		// million at full scale) per statement instead of looking the
		// listed ids up by primary key.
		q = s.dialect.rebind(`UPDATE registrations SET status = 'selected', reasons = '', status_changed_at = ?,
		updated_at = ? WHERE (status || '') = 'eligible' AND id IN (` + in + `)`)
		if n, err := execCount(ctx, tx, q, append([]any{now.UnixMicro(), now.UnixMicro()}, ids...)...); err != nil || n != int64(len(chunk)) {
			return winnerError(err, prakerja.CodeConflict, "winners are no longer eligible since the snapshot", n, len(chunk))
		}
	}
	return nil
}

// winnerError explains a batch of winners that did not all update.
func winnerError(err error, code prakerja.Code, what string, got int64, want int) error {
	if err != nil {
		return fmt.Errorf("winners: %w", err)
	}
	return prakerja.Errorf(code, "%d of %d %s; nothing was recorded.", int64(want)-got, want, what)
}

// issueCards gives every winner, in result order, the next card sequence
// number and the card and virtual account the issuer derives from it. On
// PostgreSQL the table is locked first so two waves drawn at once cannot
// take the same sequence; SQLite's single writer is serial already. The
// unique constraints on the numbers are the last line of defence.
func (s *Store) issueCards(ctx context.Context, tx *sql.Tx, rec *prakerja.SelectionRecord, cards prakerja.CardIssuer, now time.Time) error {
	if len(rec.Selected) == 0 {
		return nil
	}
	if s.dialect.name == PostgreSQL.name {
		if _, err := tx.ExecContext(ctx, `LOCK TABLE participants IN SHARE ROW EXCLUSIVE MODE`); err != nil {
			return fmt.Errorf("lock participants: %w", err)
		}
	}
	var seq0 int64
	if err := tx.QueryRowContext(ctx, s.selq().nextCardSeq).Scan(&seq0); err != nil {
		return fmt.Errorf("card sequence: %w", err)
	}
	created := now.UnixMicro()
	return s.execRows(ctx, tx, sqlInsertParticipantsHead, participantColumns, len(rec.Selected), func(i int, args []any) ([]any, error) {
		seq := seq0 + int64(i)
		number, va, err := cards.Issue(seq)
		if err != nil {
			return nil, fmt.Errorf("card %d: %w", seq, err)
		}
		return append(args, rec.Selected[i], rec.WaveID, seq, number, va, created), nil
	})
}

// insertMessages writes the announcement messages in batches, in
// registration order: the index on messages.registration_id then grows at
// its end instead of taking millions of random inserts (with winners in ID
// order too, 2 million joiners recorded in 90 s instead of 125 s on
// SQLite).
func (s *Store) insertMessages(ctx context.Context, tx *sql.Tx, msgs []prakerja.Message) error {
	order := make([]int32, len(msgs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		return cmp.Compare(msgs[a].RegistrationID, msgs[b].RegistrationID)
	})
	return s.execRows(ctx, tx, sqlInsertMessagesHead, messageInsertCols, len(msgs), func(i int, args []any) ([]any, error) {
		m := &msgs[order[i]]
		return append(args, nullID(m.RegistrationID), string(m.Channel), m.Template, m.Locale, m.Recipient.Ciphertext,
			m.Params, m.Attempts, m.NextAttemptAt.UnixMicro(), m.LastError, micros(m.SentAt), m.CreatedAt.UnixMicro()), nil
	})
}

// execRows inserts n rows with head ("INSERT … VALUES ") in multi-row
// statements of SelectionBatchMax rows; row appends row i's cols values.
// The full-size statement is prepared once per call, the last short batch
// ad hoc.
func (s *Store) execRows(ctx context.Context, tx *sql.Tx, head string, cols, n int, row func(i int, args []any) ([]any, error)) error {
	return s.execRowsTail(ctx, tx, head, "", cols, n, row)
}

// execRowsTail is execRows with tail (an ON CONFLICT clause) after each
// statement's rows.
func (s *Store) execRowsTail(ctx context.Context, tx *sql.Tx, head, tail string, cols, n int, row func(i int, args []any) ([]any, error)) error {
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, cols*min(n, SelectionBatchMax))
	for start := 0; start < n; start += SelectionBatchMax {
		end := min(start+SelectionBatchMax, n)
		args = args[:0]
		for i := start; i < end; i++ {
			var err error
			if args, err = row(i, args); err != nil {
				return err
			}
		}
		var err error
		switch {
		case end-start < SelectionBatchMax:
			_, err = tx.ExecContext(ctx, s.dialect.rebind(head+valuesList(cols, end-start)+tail), args...)
		case full == nil:
			if full, err = tx.PrepareContext(ctx, s.dialect.rebind(head+valuesList(cols, end-start)+tail)); err == nil {
				_, err = full.ExecContext(ctx, args...)
			}
		default:
			_, err = full.ExecContext(ctx, args...)
		}
		if err != nil {
			return fmt.Errorf("insert rows %d to %d: %w", start, end, err)
		}
	}
	return nil
}

// valuesList is rows tuples of cols placeholders: "(?, ?), (?, ?)".
func valuesList(cols, rows int) string {
	tuple := "(" + placeholders(cols) + ")"
	var b strings.Builder
	b.Grow(rows * (len(tuple) + 2))
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tuple)
	}
	return b.String()
}
