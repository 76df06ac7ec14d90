package sqldb

import (
	"context"
	"fmt"

	"github.com/prakerja/prakerja"
)

// CreateRegistration stores a registration with its challenge and message
// through the group committer and fills in their IDs (and the challenge's
// and message's RegistrationID; a zero Message.NextAttemptAt becomes its
// CreatedAt, meaning "due now", and a zero Record.StatusChangedAt becomes
// the record's CreatedAt, when it entered its first status). It returns once the batch holding it is
// durable. Returns CodeNIKTaken, CodeEmailTaken, CodePhoneTaken and, after
// Close, CodeUnavailable.
func (s *Store) CreateRegistration(ctx context.Context, nr *prakerja.NewRegistration) error {
	if err := validateNewRegistration(nr); err != nil {
		return fmt.Errorf("create registration: %w", err)
	}
	if nr.Record.StatusChangedAt.IsZero() {
		nr.Record.StatusChangedAt = nr.Record.CreatedAt
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	j := &job{ctx: ctx, kind: jobRegistration, record: *nr.Record, done: make(chan struct{})}
	if nr.Challenge != nil {
		j.challenge, j.hasChallenge = *nr.Challenge, true
	}
	if nr.Message != nil {
		j.message, j.hasMessage = *nr.Message, true
		if j.message.NextAttemptAt.IsZero() {
			j.message.NextAttemptAt = j.message.CreatedAt
		}
	}
	if err := s.committer.submit(ctx, j); err != nil {
		return fmt.Errorf("create registration: %w", err)
	}
	nr.Record.ID = j.registrationID
	if nr.Challenge != nil {
		nr.Challenge.ID, nr.Challenge.RegistrationID = j.challengeID, j.registrationID
	}
	if nr.Message != nil {
		nr.Message.ID, nr.Message.RegistrationID = j.messageID, j.registrationID
		nr.Message.NextAttemptAt = j.message.NextAttemptAt
	}
	return nil
}
