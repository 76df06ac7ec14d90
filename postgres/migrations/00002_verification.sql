-- Why: issue 3 adds the verification pipeline (identity and eligibility
-- steps), exclusion lists, duplicate review and NIK disputes. This is the
-- PostgreSQL twin of sqlite/migrations/00002_verification.sql: same tables,
-- columns and indexes. Registrations gain their failing reasons (a JSON
-- array of reason codes as text, or '' for none), when their status last
-- changed (the backlog's age and the claim order), and a claim (token,
-- lease end, attempts, retry time) so several workers can share a step and
-- each result is applied once. round counts reruns: a step's decision is
-- recorded at most once per (registration, step, round), which the primary
-- key of step_records proves. status_minutes counts entries into each
-- status per minute, for throughput without scanning.

-- +goose Up
ALTER TABLE registrations ADD COLUMN reasons TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN status_changed_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN claim_token BIGINT;
ALTER TABLE registrations ADD COLUMN claim_until BIGINT;
ALTER TABLE registrations ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN retry_at BIGINT;
ALTER TABLE registrations ADD COLUMN round BIGINT NOT NULL DEFAULT 0;
UPDATE registrations SET status_changed_at = updated_at;
-- Claims and retries rewrite a registration without touching an indexed
-- column; free room in each page lets PostgreSQL keep the new version on
-- the same page (a HOT update) instead of adding an entry to each of the
-- six indexes. New pages only: existing ones fill up as rows move anyway.
ALTER TABLE registrations SET (fillfactor = 70);
-- ClaimWork takes the oldest in a status first; Backlog reads each
-- status's count and oldest change, and the funnel its counts, from this
-- index alone. It replaces the status-only index.
DROP INDEX registrations_status;
CREATE INDEX registrations_status ON registrations (status, status_changed_at, id);

CREATE TABLE step_records (
    registration_id BIGINT NOT NULL REFERENCES registrations (id),
    step            TEXT   NOT NULL,
    round           BIGINT NOT NULL,
    status          TEXT   NOT NULL,
    reasons         TEXT   NOT NULL DEFAULT '',
    detail          TEXT   NOT NULL DEFAULT '',
    at              BIGINT NOT NULL,
    PRIMARY KEY (registration_id, step, round)
);

CREATE TABLE status_minutes (
    minute  BIGINT NOT NULL,
    status  TEXT   NOT NULL,
    entered BIGINT NOT NULL,
    PRIMARY KEY (minute, status)
);

CREATE TABLE exclusion_imports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category    TEXT   NOT NULL,
    source      TEXT   NOT NULL,
    sha256      TEXT   NOT NULL,
    entries     BIGINT NOT NULL,
    imported_at BIGINT NOT NULL,
    is_current  BIGINT NOT NULL DEFAULT 0
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
    import_id BIGINT NOT NULL REFERENCES exclusion_imports (id),
    nik_idx   BYTEA  NOT NULL,
    PRIMARY KEY (nik_idx, import_id)
);

CREATE TABLE duplicate_flags (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    a_id        BIGINT NOT NULL REFERENCES registrations (id),
    b_id        BIGINT NOT NULL REFERENCES registrations (id),
    reason      TEXT   NOT NULL,
    score       BIGINT NOT NULL,
    status      TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    reviewed_at BIGINT,
    reviewer    TEXT   NOT NULL DEFAULT '',
    note        TEXT   NOT NULL DEFAULT '',
    UNIQUE (a_id, b_id, reason)
);
-- Review queues list by status, highest score first; a registration's
-- flags are found by either side (a_id leads the unique index).
CREATE INDEX duplicate_flags_status ON duplicate_flags (status, score DESC, id);
CREATE INDEX duplicate_flags_b ON duplicate_flags (b_id);

CREATE TABLE disputes (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nik_ct          BYTEA  NOT NULL,
    nik_idx         BYTEA  NOT NULL,
    phone_ct        BYTEA  NOT NULL,
    phone_idx       BYTEA  NOT NULL,
    registration_id BIGINT REFERENCES registrations (id),
    full_name       TEXT   NOT NULL,
    statement       TEXT   NOT NULL,
    status          TEXT   NOT NULL,
    reviewer        TEXT   NOT NULL DEFAULT '',
    note            TEXT   NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    resolved_at     BIGINT
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
ALTER TABLE registrations RESET (fillfactor);
ALTER TABLE registrations DROP COLUMN round, DROP COLUMN retry_at, DROP COLUMN attempts,
    DROP COLUMN claim_until, DROP COLUMN claim_token, DROP COLUMN status_changed_at,
    DROP COLUMN reasons;
