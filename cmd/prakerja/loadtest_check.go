package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/prakerja/prakerja"
)

// ackCheck is the outcome of "nothing acknowledged is lost".
type ackCheck struct {
	Checked    int `json:"checked"`
	Missing    int `json:"missing"`
	Duplicated int `json:"duplicated"`
}

// checkAcks looks up every registration answered 201: the id it was given
// must exist, carry the NIK that was sent, and be the one registration with
// that NIK; and no two acknowledgements may share an id.
func checkAcks(ctx context.Context, tg *loadtestTarget, bodies [][]byte, acks []loadtestAck) (ackCheck, error) {
	var c ackCheck
	seen := make(map[int64]bool, len(acks))
	for _, a := range acks {
		if err := ctx.Err(); err != nil {
			return c, err
		}
		c.Checked++
		if seen[a.id] {
			c.Duplicated++
			continue
		}
		seen[a.id] = true
		ok, err := ackStored(ctx, tg, bodies, a)
		if err != nil {
			return c, err
		}
		if !ok {
			c.Missing++
		}
	}
	return c, nil
}

// ackStored says whether acknowledgement a is in the store exactly once.
func ackStored(ctx context.Context, tg *loadtestTarget, bodies [][]byte, a loadtestAck) (bool, error) {
	if a.body < 0 || a.body >= len(bodies) || a.id <= 0 {
		return false, nil
	}
	var in prakerja.RegisterInput
	if err := json.Unmarshal(bodies[a.body], &in); err != nil {
		return false, fmt.Errorf("check: decode body %d: %w", a.body, err)
	}
	rec, err := tg.store.RegistrationByIndex(ctx, prakerja.IndexNIK, tg.keys.Index(prakerja.IndexNIK, in.NIK))
	if prakerja.ErrorCode(err) == prakerja.CodeNotFound {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("check: %w", err)
	}
	return rec.ID == a.id, nil
}
