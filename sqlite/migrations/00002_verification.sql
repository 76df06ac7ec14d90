-- Why: issue 3 adds the verification pipeline (identity and eligibility
-- steps), exclusion lists, duplicate review and NIK disputes. Registrations
-- gain their failing reasons (a JSON array of reason codes, or '' for none),
-- when their status last changed (the backlog's age and the claim order),
-- and a claim (token, lease end, attempts, retry time) so several workers
-- can share a step and each result is applied once. round counts reruns: a
-- step's decision is recorded at most once per (registration, step, round),
-- which the primary key of step_records proves. status_minutes counts
-- entries into each status per minute, for throughput without scanning.

-- +goose Up
ALTER TABLE registrations ADD COLUMN reasons TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN status_changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN claim_token INTEGER;
ALTER TABLE registrations ADD COLUMN claim_until INTEGER;
ALTER TABLE registrations ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN retry_at INTEGER;
ALTER TABLE registrations ADD COLUMN round INTEGER NOT NULL DEFAULT 0;
UPDATE registrations SET status_changed_at = updated_at;
-- ClaimWork takes the oldest in a status first; Backlog reads each
-- status's count and oldest change, and the funnel its counts, from this
-- index alone. It replaces the status-only index.
DROP INDEX registrations_status;
CREATE INDEX registrations_status ON registrations (status, status_changed_at, id);

CREATE TABLE step_records (
    registration_id INTEGER NOT NULL REFERENCES registrations (id),
    step            TEXT    NOT NULL,
    round           INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    reasons         TEXT    NOT NULL DEFAULT '',
    detail          TEXT    NOT NULL DEFAULT '',
    at              INTEGER NOT NULL,
    PRIMARY KEY (registration_id, step, round)
) WITHOUT ROWID;

CREATE TABLE status_minutes (
    minute  INTEGER NOT NULL,
    status  TEXT    NOT NULL,
    entered INTEGER NOT NULL,
    PRIMARY KEY (minute, status)
) WITHOUT ROWID;

CREATE TABLE exclusion_imports (
    id          INTEGER PRIMARY KEY,
    category    TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    entries     INTEGER NOT NULL,
    imported_at INTEGER NOT NULL,
    is_current  INTEGER NOT NULL DEFAULT 0
);
-- At most one current version per category, even with concurrent imports.
CREATE UNIQUE INDEX exclusion_imports_current ON exclusion_imports (category) WHERE is_current = 1;

-- The primary key leads with the NIK index, so it is also the index
-- screening looks NIK indexes up by, and it stores each NIK once per
-- version. One B-tree instead of a key plus a separate nik_idx index halves
-- the work of an import (1,000,000 random keys: 4 s instead of 10 s on
-- SQLite); deleting an old version by import_id, which nothing does yet,
-- would scan.
CREATE TABLE exclusion_entries (
    import_id INTEGER NOT NULL REFERENCES exclusion_imports (id),
    nik_idx   BLOB    NOT NULL,
    PRIMARY KEY (nik_idx, import_id)
) WITHOUT ROWID;

CREATE TABLE duplicate_flags (
    id          INTEGER PRIMARY KEY,
    a_id        INTEGER NOT NULL REFERENCES registrations (id),
    b_id        INTEGER NOT NULL REFERENCES registrations (id),
    reason      TEXT    NOT NULL,
    score       INTEGER NOT NULL,
    status      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    reviewed_at INTEGER,
    reviewer    TEXT    NOT NULL DEFAULT '',
    note        TEXT    NOT NULL DEFAULT '',
    UNIQUE (a_id, b_id, reason)
);
-- Review queues list by status, highest score first; a registration's
-- flags are found by either side (a_id leads the unique index).
CREATE INDEX duplicate_flags_status ON duplicate_flags (status, score DESC, id);
CREATE INDEX duplicate_flags_b ON duplicate_flags (b_id);

CREATE TABLE disputes (
    id              INTEGER PRIMARY KEY,
    nik_ct          BLOB    NOT NULL,
    nik_idx         BLOB    NOT NULL,
    phone_ct        BLOB    NOT NULL,
    phone_idx       BLOB    NOT NULL,
    registration_id INTEGER REFERENCES registrations (id),
    full_name       TEXT    NOT NULL,
    statement       TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    reviewer        TEXT    NOT NULL DEFAULT '',
    note            TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    resolved_at     INTEGER
);
CREATE INDEX disputes_status ON disputes (status, id);
CREATE INDEX disputes_nik_idx ON disputes (nik_idx);

-- +goose Down
DROP TABLE disputes;
DROP TABLE duplicate_flags;
DROP TABLE exclusion_entries;
DROP TABLE exclusion_imports;
DROP TABLE status_minutes;
DROP TABLE step_records;
DROP INDEX registrations_status;
CREATE INDEX registrations_status ON registrations (status);
ALTER TABLE registrations DROP COLUMN round;
ALTER TABLE registrations DROP COLUMN retry_at;
ALTER TABLE registrations DROP COLUMN attempts;
ALTER TABLE registrations DROP COLUMN claim_until;
ALTER TABLE registrations DROP COLUMN claim_token;
ALTER TABLE registrations DROP COLUMN status_changed_at;
ALTER TABLE registrations DROP COLUMN reasons;
