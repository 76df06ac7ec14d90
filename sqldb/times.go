package sqldb

import (
	"database/sql"
	"time"
)

// Times are stored as BIGINT microseconds since the Unix epoch, UTC, in both
// dialects: integers compare and index the same everywhere and no driver
// gets a chance to apply a time zone. The zero time.Time is NULL.

// micros encodes a time for a nullable column.
func micros(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMicro(), Valid: true}
}

// fromMicros decodes a nullable time column.
func fromMicros(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return timeOf(n.Int64)
}

// timeOf decodes a NOT NULL time column.
func timeOf(us int64) time.Time { return time.UnixMicro(us).UTC() }

// utcMicro is t as the store returns it after a round trip: UTC, truncated
// to the microsecond.
func utcMicro(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return time.UnixMicro(t.UnixMicro()).UTC()
}

// nullID stores a reference that may be absent: 0 means none.
func nullID(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}
