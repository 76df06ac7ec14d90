-- Why: a payout run was created "prepared" before its reservations were
-- made page by page, so a prepare killed part-way left a run that looked
-- ready for approval with 0 payments and Rp 0 recorded and no audit
-- record. A run is now "preparing" until every due slot is reserved, and
-- the next prepare resumes it; at most one run is preparing at a time.
-- SQLite cannot change a CHECK constraint, so the table is rebuilt (the
-- documented twelve steps): foreign keys off, outside goose's
-- transaction, on the migration's one connection. This is the SQLite twin
-- of postgres/migrations/00020_payout_preparing.sql.
-- Whoever finishes a run another maker began (after a crash) is kept in
-- finished_by and may not approve or refuse it either.
-- +goose NO TRANSACTION
-- +goose Up
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE payout_runs_new (
    id             INTEGER PRIMARY KEY,
    state          TEXT    NOT NULL,
    cutoff         INTEGER NOT NULL,
    file_items_max INTEGER NOT NULL,
    prepared_by    TEXT    NOT NULL,
    approved_by    TEXT    NOT NULL DEFAULT '',
    payments       INTEGER NOT NULL DEFAULT 0,
    total          INTEGER NOT NULL DEFAULT 0,
    files          INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    approved_at    INTEGER,
    finished_by    TEXT    NOT NULL DEFAULT '',
    CHECK (state IN ('preparing', 'prepared', 'approved', 'refused')),
    CHECK (file_items_max BETWEEN 1 AND 10000),
    CHECK (approved_by = '' OR approved_by <> prepared_by),
    CHECK (approved_by = '' OR approved_by <> finished_by)
);
INSERT INTO payout_runs_new (id, state, cutoff, file_items_max, prepared_by, approved_by, payments, total,
    files, created_at, approved_at) SELECT id, state, cutoff, file_items_max, prepared_by, approved_by, payments, total,
    files, created_at, approved_at FROM payout_runs;
DROP TABLE payout_runs;
ALTER TABLE payout_runs_new RENAME TO payout_runs;
CREATE UNIQUE INDEX payout_runs_one_preparing ON payout_runs (state) WHERE state = 'preparing';
COMMIT;
PRAGMA foreign_keys = ON;

-- +goose Down
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE payout_runs_old (
    id             INTEGER PRIMARY KEY,
    state          TEXT    NOT NULL,
    cutoff         INTEGER NOT NULL,
    file_items_max INTEGER NOT NULL,
    prepared_by    TEXT    NOT NULL,
    approved_by    TEXT    NOT NULL DEFAULT '',
    payments       INTEGER NOT NULL DEFAULT 0,
    total          INTEGER NOT NULL DEFAULT 0,
    files          INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    approved_at    INTEGER,
    CHECK (state IN ('prepared', 'approved', 'refused')),
    CHECK (file_items_max BETWEEN 1 AND 10000),
    CHECK (approved_by = '' OR approved_by <> prepared_by)
);
INSERT INTO payout_runs_old SELECT id, state, cutoff, file_items_max, prepared_by, approved_by, payments, total,
    files, created_at, approved_at FROM payout_runs;
DROP TABLE payout_runs;
ALTER TABLE payout_runs_old RENAME TO payout_runs;
COMMIT;
PRAGMA foreign_keys = ON;
