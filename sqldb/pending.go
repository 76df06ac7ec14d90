package sqldb

// This file holds the store methods of the verification pipeline, exclusion
// lists and review (issue 3) until their implementations land; each one
// refuses with CodeInternal so that nothing silently succeeds. It is deleted
// when the last method is implemented.

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
)

func pending(name string) error {
	return prakerja.Errorf(prakerja.CodeInternal, "store: %s is not implemented yet", name)
}

func (s *Store) ClaimWork(ctx context.Context, step prakerja.Step, now time.Time, limit int, lease time.Duration) ([]prakerja.WorkItem, error) {
	return nil, pending("ClaimWork")
}

func (s *Store) CompleteWork(ctx context.Context, step prakerja.Step, results []prakerja.StepResult, flags []prakerja.DuplicateFlag, now time.Time) (int, int, error) {
	return 0, 0, pending("CompleteWork")
}

func (s *Store) Rerun(ctx context.Context, f prakerja.RerunFilter, now time.Time) (int64, error) {
	return 0, pending("Rerun")
}

func (s *Store) StepRecords(ctx context.Context, registrationID int64) ([]prakerja.StepRecord, error) {
	return nil, pending("StepRecords")
}

func (s *Store) Backlog(ctx context.Context, now time.Time) ([]prakerja.BacklogRow, error) {
	return nil, pending("Backlog")
}

func (s *Store) ReasonCounts(ctx context.Context, status prakerja.RegistrationStatus) (map[string]int64, error) {
	return nil, pending("ReasonCounts")
}

func (s *Store) KKParticipants(ctx context.Context, kkIndexes [][]byte) (map[string]int, error) {
	return nil, pending("KKParticipants")
}

func (s *Store) DedupPeople(ctx context.Context, fn func(prakerja.DedupPerson) error) error {
	return pending("DedupPeople")
}

func (s *Store) ImportExclusions(ctx context.Context, imp *prakerja.ExclusionImport, next func() ([][]byte, error), now time.Time) error {
	return pending("ImportExclusions")
}

func (s *Store) ExclusionImports(ctx context.Context) ([]prakerja.ExclusionImport, error) {
	return nil, pending("ExclusionImports")
}

func (s *Store) ScreenExclusions(ctx context.Context, nikIndexes [][]byte) (map[string][]string, error) {
	return nil, pending("ScreenExclusions")
}

func (s *Store) DuplicateFlags(ctx context.Context, f prakerja.FlagFilter) ([]prakerja.DuplicateFlag, error) {
	return nil, pending("DuplicateFlags")
}

func (s *Store) ReviewFlag(ctx context.Context, id int64, to prakerja.FlagStatus, reviewer, note string, now time.Time) (*prakerja.DuplicateFlag, error) {
	return nil, pending("ReviewFlag")
}

func (s *Store) CreateDispute(ctx context.Context, d *prakerja.Dispute) error {
	return pending("CreateDispute")
}

func (s *Store) Disputes(ctx context.Context, f prakerja.DisputeFilter) ([]prakerja.Dispute, error) {
	return nil, pending("Disputes")
}

func (s *Store) ResolveDispute(ctx context.Context, id int64, to prakerja.DisputeStatus, reviewer, note string, now time.Time) (*prakerja.Dispute, error) {
	return nil, pending("ResolveDispute")
}
