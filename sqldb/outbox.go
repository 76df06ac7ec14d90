package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
)

// MessagesClaimMax bounds the messages one ClaimMessages call leases.
const MessagesClaimMax = 1000

// LastErrorMax bounds the stored reason of a failed delivery, in bytes.
const LastErrorMax = 500

// messageColumns are read by scanMessage, in this order.
const messageColumns = `id, registration_id, channel, template, locale, recipient_ct, params,
	attempts, next_attempt_at, last_error, sent_at, created_at`

const (
	sqlInsertMessage = `INSERT INTO messages (registration_id, channel, template, locale,
	recipient_ct, params, attempts, next_attempt_at, last_error, sent_at, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	// sqlClaimMessages leases due messages by moving next_attempt_at to the
	// end of the lease. The dialect adds FOR UPDATE SKIP LOCKED to the CTE on
	// PostgreSQL so concurrent claimers take disjoint rows; SQLite's single
	// writer runs claims one after another, which is just as safe. %s is the
	// dialect's lock clause.
	sqlClaimMessages = `WITH due AS (SELECT id FROM messages
	WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?%s)
	UPDATE messages SET next_attempt_at = ?, attempts = attempts + 1
	WHERE id IN (SELECT id FROM due) RETURNING ` + messageColumns
	sqlMarkMessageSent   = `UPDATE messages SET sent_at = COALESCE(sent_at, ?), last_error = '' WHERE id = ?`
	sqlMarkMessageFailed = `UPDATE messages SET last_error = ?, next_attempt_at = ? WHERE id = ?`
)

// Message filter bits: one prepared query per combination, so each uses
// its index and none is assembled per call.
const (
	filterRegistration = 1 << iota
	filterTemplate
	filterUnsent
	filterCombinations = 1 << iota
)

// messagesQuery builds the listing for one combination of filter bits.
func messagesQuery(bits int) string {
	var b strings.Builder
	b.WriteString("SELECT " + messageColumns + " FROM messages WHERE 1 = 1")
	if bits&filterRegistration != 0 {
		b.WriteString(" AND registration_id = ?")
	}
	if bits&filterTemplate != 0 {
		b.WriteString(" AND template = ?")
	}
	if bits&filterUnsent != 0 {
		b.WriteString(" AND sent_at IS NULL")
	}
	b.WriteString(" ORDER BY id DESC LIMIT ?")
	return b.String()
}

// ClaimMessages leases up to limit (at most MessagesClaimMax) unsent
// messages due at now, counting an attempt on each, and returns them by
// ID. No other claimer gets them until now+lease.
func (s *Store) ClaimMessages(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]*prakerja.Message, error) {
	if limit < 1 || lease < 0 {
		return nil, fmt.Errorf("claim messages: limit %d or lease %v out of range", limit, lease)
	}
	limit = min(limit, MessagesClaimMax)
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var msgs []*prakerja.Message
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, s.q.claimMessages, now.UnixMicro(), limit, now.Add(lease).UnixMicro())
		if err != nil {
			return err
		}
		msgs, err = scanMessages(rows, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("claim messages: %w", err)
	}
	slices.SortFunc(msgs, func(a, b *prakerja.Message) int { return cmp.Compare(a.ID, b.ID) })
	return msgs, nil
}

// MarkMessageSent records delivery; a second call keeps the first time.
// Returns CodeNotFound.
func (s *Store) MarkMessageSent(ctx context.Context, id int64, now time.Time) error {
	return s.updateOne(ctx, "mark message sent", prakerja.Errorf(prakerja.CodeNotFound, "Message %d not found.", id),
		s.q.markMessageSent, now.UnixMicro(), id)
}

// MarkMessageFailed records a failed try and when to try again. The reason
// is cut to LastErrorMax bytes (on a character boundary); it must not hold
// personal data. Returns CodeNotFound.
func (s *Store) MarkMessageFailed(ctx context.Context, id int64, reason string, next time.Time) error {
	reason = truncate(reason, LastErrorMax)
	return s.updateOne(ctx, "mark message failed", prakerja.Errorf(prakerja.CodeNotFound, "Message %d not found.", id),
		s.q.markMessageFailed, reason, next.UnixMicro(), id)
}

// Messages lists outbox messages, newest first. A Limit of 0 or more than
// prakerja.MessagesPageMax means prakerja.MessagesPageMax.
func (s *Store) Messages(ctx context.Context, f prakerja.MessageFilter) ([]*prakerja.Message, error) {
	limit := f.Limit
	if limit <= 0 || limit > prakerja.MessagesPageMax {
		limit = prakerja.MessagesPageMax
	}
	bits, args := 0, make([]any, 0, 3)
	if f.RegistrationID != 0 {
		bits, args = bits|filterRegistration, append(args, f.RegistrationID)
	}
	if f.Template != "" {
		bits, args = bits|filterTemplate, append(args, f.Template)
	}
	if f.Unsent {
		bits |= filterUnsent
	}
	args = append(args, limit)
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.readRows(ctx, s.q.messages[bits], args...)
	if err != nil {
		return nil, fmt.Errorf("messages: %w", err)
	}
	msgs, err := scanMessages(rows, limit)
	if err != nil {
		return nil, fmt.Errorf("messages: %w", err)
	}
	return msgs, nil
}

// insertMessage inserts m for registrationID and returns its ID.
func insertMessage(ctx context.Context, st queryRower, m *prakerja.Message, registrationID int64) (int64, error) {
	var id int64
	err := st.QueryRowContext(ctx, nullID(registrationID), string(m.Channel), m.Template, m.Locale,
		m.Recipient.Ciphertext, m.Params, m.Attempts, m.NextAttemptAt.UnixMicro(), m.LastError,
		micros(m.SentAt), m.CreatedAt.UnixMicro()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert message: %w", err)
	}
	return id, nil
}

// scanMessages reads messageColumns from every row, at most max of them,
// and closes rows.
func scanMessages(rows *sql.Rows, max int) ([]*prakerja.Message, error) {
	defer rows.Close()
	msgs := make([]*prakerja.Message, 0, min(max, 64))
	for rows.Next() {
		if len(msgs) == max {
			return nil, fmt.Errorf("more than %d rows", max)
		}
		var m prakerja.Message
		var registrationID, sent sql.NullInt64
		var channel string
		var next, created int64
		err := rows.Scan(&m.ID, &registrationID, &channel, &m.Template, &m.Locale,
			&m.Recipient.Ciphertext, &m.Params, &m.Attempts, &next, &m.LastError, &sent, &created)
		if err != nil {
			return nil, err
		}
		m.RegistrationID, m.Channel = registrationID.Int64, prakerja.Channel(channel)
		m.NextAttemptAt, m.SentAt, m.CreatedAt = timeOf(next), fromMicros(sent), timeOf(created)
		msgs = append(msgs, &m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return msgs, nil
}

// truncate cuts s to at most n bytes without splitting a UTF-8 character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
