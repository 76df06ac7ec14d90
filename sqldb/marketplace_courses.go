package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// CreateCourse implements prakerja.MarketplaceStore.
func (s *Store) CreateCourse(ctx context.Context, c *prakerja.Course, now time.Time) error {
	if err := c.Validate(); err != nil {
		return err
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, ref := range []struct {
			query, what string
			id          int64
		}{{s.mq().providerExists, "provider", c.ProviderID}, {s.mq().platformExists, "platform", c.PlatformID}} {
			var n int64
			if err := tx.QueryRowContext(ctx, ref.query, ref.id).Scan(&n); err != nil {
				return fmt.Errorf("find %s: %w", ref.what, err)
			}
			if n == 0 {
				return prakerja.Errorf(prakerja.CodeNotFound, "No %s %d.", ref.what, ref.id)
			}
		}
		return s.txRow(ctx, tx, s.mq().insertCourse, c.ProviderID, c.PlatformID, c.Title, c.Description,
			c.Price, c.Hours, boolInt(c.Active), now.UnixMicro()).Scan(&id)
	})
	if err != nil {
		return fmt.Errorf("create course: %w", err)
	}
	c.ID, c.CreatedAt = id, utcMicro(now)
	return nil
}

// SetCourseActive implements prakerja.MarketplaceStore.
func (s *Store) SetCourseActive(ctx context.Context, id int64, active bool) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	res, err := s.writer.ExecContext(ctx, s.mq().setCourseActive, boolInt(active), id)
	if err != nil {
		return fmt.Errorf("set course %d active: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("set course %d active: %w", id, err)
	}
	if n == 0 {
		return prakerja.Errorf(prakerja.CodeNotFound, "No course %d.", id)
	}
	return nil
}

// Course implements prakerja.MarketplaceStore.
func (s *Store) Course(ctx context.Context, id int64) (*prakerja.Course, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	c, err := scanCourse(s.readRow(ctx, s.mq().course, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "No course %d.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("course %d: %w", id, err)
	}
	return c, nil
}

// Courses implements prakerja.MarketplaceStore.
func (s *Store) Courses(ctx context.Context, f prakerja.CourseFilter) ([]*prakerja.Course, error) {
	limit := f.Limit
	if limit <= 0 || limit > prakerja.CoursesPageMax {
		limit = prakerja.CoursesPageMax
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	args := append(courseArgs(f), f.AfterID, limit)
	rows, err := s.readRows(ctx, s.mq().courses, args...)
	if err != nil {
		return nil, fmt.Errorf("courses: %w", err)
	}
	defer rows.Close()
	var out []*prakerja.Course
	for rows.Next() {
		c, err := scanCourse(rows)
		if err != nil {
			return nil, fmt.Errorf("courses: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("courses: %w", err)
	}
	return out, nil
}

// CountCourses implements prakerja.MarketplaceStore.
func (s *Store) CountCourses(ctx context.Context, f prakerja.CourseFilter) (int64, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var n int64
	if err := s.readRow(ctx, s.mq().countCourses, courseArgs(f)...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count courses: %w", err)
	}
	return n, nil
}

// courseArgs binds a filter to courseWhere's placeholders, in order.
func courseArgs(f prakerja.CourseFilter) []any {
	search := strings.ToLower(strings.TrimSpace(f.Search))
	if len(search) > prakerja.CourseSearchMax {
		search = search[:prakerja.CourseSearchMax]
	}
	pattern := "%" + likeEscaper.Replace(search) + "%"
	conflicted := int64(-1)
	if f.Conflicted != nil {
		conflicted = boolInt(*f.Conflicted)
	}
	return []any{search, pattern, f.PlatformID, f.PlatformID, f.ProviderID, f.ProviderID,
		f.MaxPrice, f.MaxPrice, conflicted, conflicted, boolInt(f.OnlyActive)}
}

// likeEscaper escapes LIKE's wildcards (with the ESCAPE '\' of the query),
// so a search for "100%" finds that text instead of everything.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// scanCourse reads courseColumns.
func scanCourse(row scanner) (*prakerja.Course, error) {
	var c prakerja.Course
	var active, conflict, created int64
	err := row.Scan(&c.ID, &c.ProviderID, &c.PlatformID, &c.Title, &c.Description, &c.Price, &c.Hours,
		&active, &created, &c.ProviderName, &c.PlatformName, &conflict)
	if err != nil {
		return nil, err
	}
	c.Active, c.ConflictOfInterest, c.CreatedAt = active == 1, conflict == 1, timeOf(created)
	return &c, nil
}

// boolInt stores a flag as 0 or 1, the same on both engines.
func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// CardHolder implements prakerja.MarketplaceStore.
func (s *Store) CardHolder(ctx context.Context, cardNumber string) (*prakerja.CardHolder, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var h prakerja.CardHolder
	var revoked sql.NullInt64
	err := s.readRow(ctx, s.mq().cardHolder, cardNumber).Scan(&h.RegistrationID, &h.WaveID, &h.Scheme, &revoked,
		&h.Phone.Ciphertext)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeCardUnknown, "No participant holds this card number.")
	}
	if err != nil {
		return nil, fmt.Errorf("card holder: %w", err)
	}
	h.Revoked = revoked.Valid
	return &h, nil
}
