-- Why: issue 7 item 4, complaints. A registrant opens a ticket in a
-- category; support staff work it through states with notes, and the
-- registrant sees the public part of the conversation. version makes every
-- change a compare-and-set, so of two concurrent changes exactly one wins.
-- due_at is the next service-level deadline as the service computed it
-- (first response, then resolution), the queue's sort key; a paused or
-- closed ticket has the far sentinel 4611686018427387904 (1 << 62) so the
-- column stays NOT NULL and one index serves both dialects. The SQLite
-- twin of postgres/migrations/00014_complaints.sql.

-- +goose Up
CREATE TABLE complaints (
    id                INTEGER PRIMARY KEY,
    registration_id   INTEGER NOT NULL REFERENCES registrations (id),
    category          TEXT    NOT NULL,
    state             TEXT    NOT NULL,
    subject           TEXT    NOT NULL,
    body              TEXT    NOT NULL,
    locale            TEXT    NOT NULL DEFAULT 'id',
    assigned_to       TEXT    NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    first_response_at INTEGER,
    resolved_at       INTEGER,
    paused_since      INTEGER,
    paused_us         INTEGER NOT NULL DEFAULT 0,
    due_at            INTEGER NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    CHECK (state IN ('open', 'in_progress', 'waiting_registrant', 'resolved', 'rejected')),
    CHECK (paused_us >= 0 AND version >= 1)
);
CREATE INDEX complaints_registration ON complaints (registration_id, id);
CREATE INDEX complaints_queue ON complaints (state, due_at, id);

CREATE TABLE complaint_notes (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints (id),
    staff        TEXT    NOT NULL DEFAULT '',
    text         TEXT    NOT NULL,
    internal     INTEGER NOT NULL DEFAULT 0,
    state        TEXT    NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    CHECK (internal IN (0, 1)),
    CHECK (internal = 0 OR staff <> '')
);
CREATE INDEX complaint_notes_complaint ON complaint_notes (complaint_id, id);

-- +goose Down
DROP TABLE complaint_notes;
DROP TABLE complaints;
