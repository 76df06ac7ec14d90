-- Why: a payout run was created "prepared" before its reservations were
-- made page by page, so a prepare killed part-way left a run that looked
-- ready for approval with 0 payments and Rp 0 recorded and no audit
-- record. A run is now "preparing" until every due slot is reserved, and
-- the next prepare resumes it; at most one run is preparing at a time.
-- This is the PostgreSQL twin of sqlite/migrations/00020_payout_preparing.sql.
-- +goose Up
ALTER TABLE payout_runs DROP CONSTRAINT payout_runs_state_check;
ALTER TABLE payout_runs ADD CONSTRAINT payout_runs_state_check
    CHECK (state IN ('preparing', 'prepared', 'approved', 'refused'));
CREATE UNIQUE INDEX payout_runs_one_preparing ON payout_runs (state) WHERE state = 'preparing';
-- Who finished a run another maker began (resumed after a crash) is a
-- maker too: neither may approve or refuse it.
ALTER TABLE payout_runs ADD COLUMN finished_by TEXT NOT NULL DEFAULT '';
ALTER TABLE payout_runs ADD CONSTRAINT payout_runs_finisher_not_checker CHECK (approved_by = '' OR approved_by <> finished_by);

-- +goose Down
ALTER TABLE payout_runs DROP CONSTRAINT payout_runs_finisher_not_checker;
ALTER TABLE payout_runs DROP COLUMN finished_by;
DROP INDEX payout_runs_one_preparing;
ALTER TABLE payout_runs DROP CONSTRAINT payout_runs_state_check;
ALTER TABLE payout_runs ADD CONSTRAINT payout_runs_state_check CHECK (state IN ('prepared', 'approved', 'refused'));
