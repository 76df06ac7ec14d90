package sqldb

import (
	"context"
	"fmt"

	"github.com/prakerja/prakerja"
)

// applyArrays writes a whole CompleteWork batch in at most three
// statements, binding each column as an array: on PostgreSQL a round trip
// per row would cost more than the writes themselves.
func (c *completion) applyArrays(ctx context.Context, decided, retries []prakerja.StepResult, flags []prakerja.DuplicateFlag) error {
	if err := c.decideArrays(ctx, decided); err != nil {
		return err
	}
	if err := c.retryArrays(ctx, retries); err != nil {
		return err
	}
	return c.flagArrays(ctx, flags)
}

func (c *completion) decideArrays(ctx context.Context, decided []prakerja.StepResult) error {
	if len(decided) == 0 {
		return nil
	}
	a := newDecisionArrays(decided)
	at := c.now.UnixMicro()
	rows, err := c.tx.QueryContext(ctx, c.s.q.completeWorkArrays, a.ids, a.tokens, a.statuses, a.reasons,
		a.details, a.firstStatuses, a.firstReasons, a.chained, a.nextDetails,
		at, at, string(c.step.From()), string(c.step), at, string(c.step.Next()), at)
	if err != nil {
		return fmt.Errorf("apply results: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var step, status string
		if err := rows.Scan(&step, &status); err != nil {
			return fmt.Errorf("apply results: %w", err)
		}
		if step == string(c.step) {
			c.applied++
		}
		c.entered.add(c.now, status, 1)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("apply results: %w", err)
	}
	return nil
}

// decisionArrays are the columns of decided results, as arrays: the row's
// final status and reasons, and for chained results (StepResult.Next) the
// first decision as well.
type decisionArrays struct {
	ids, tokens                              []int64
	statuses, reasons, details               []string
	firstStatuses, firstReasons, nextDetails []string
	chained                                  []bool
}

func newDecisionArrays(decided []prakerja.StepResult) decisionArrays {
	n := len(decided)
	a := decisionArrays{ids: make([]int64, n), tokens: make([]int64, n), statuses: make([]string, n),
		reasons: make([]string, n), details: make([]string, n), firstStatuses: make([]string, n),
		firstReasons: make([]string, n), nextDetails: make([]string, n), chained: make([]bool, n)}
	for i, r := range decided {
		final, reasons := finalDecision(r)
		a.ids[i], a.tokens[i], a.details[i] = r.RegistrationID, r.Token, r.Detail
		a.statuses[i], a.reasons[i] = string(final), encodeReasons(reasons)
		a.firstStatuses[i], a.firstReasons[i] = string(r.Status), encodeReasons(r.Reasons)
		if r.Next != nil {
			a.chained[i], a.nextDetails[i] = true, r.Next.Detail
		}
	}
	return a
}

func (c *completion) retryArrays(ctx context.Context, retries []prakerja.StepResult) error {
	if len(retries) == 0 {
		return nil
	}
	n := len(retries)
	ids, tokens, retryAt := make([]int64, n), make([]int64, n), make([]int64, n)
	for i, r := range retries {
		ids[i], tokens[i], retryAt[i] = r.RegistrationID, r.Token, r.RetryAt.UnixMicro()
	}
	res, err := c.tx.ExecContext(ctx, c.s.q.retryWorkArrays, c.now.UnixMicro(), ids, tokens, retryAt,
		string(c.step.From()))
	if err != nil {
		return fmt.Errorf("release for retry: %w", err)
	}
	held, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("release for retry: %w", err)
	}
	c.held = int(held)
	return nil
}

func (c *completion) flagArrays(ctx context.Context, flags []prakerja.DuplicateFlag) error {
	if len(flags) == 0 {
		return nil
	}
	n := len(flags)
	a, b, scores, reasons := make([]int64, n), make([]int64, n), make([]int64, n), make([]string, n)
	for i, f := range flags {
		a[i], b[i], scores[i], reasons[i] = f.A, f.B, int64(f.Score), f.Reason
	}
	_, err := c.tx.ExecContext(ctx, c.s.q.insertFlagsArrays, string(prakerja.FlagOpen), c.now.UnixMicro(),
		a, b, reasons, scores)
	if err != nil {
		return fmt.Errorf("insert flags: %w", err)
	}
	return nil
}
