-- Why: issue 4 item 1 lets registrants take the online test on the server.
-- test_attempts keeps every sitting: the drawn attempt as JSON with its
-- answer key (server side only, so a later bank edit cannot rescore it),
-- its start, deadline (to the second) and, once answered, its score. The
-- UNIQUE (registration_id, attempt_no) makes concurrent starts of one
-- attempt number collide; the one-open-attempt rule is checked in the
-- start transaction. The outcome that joining reads stays in test_results
-- (migration 3), written in the same transaction as the finish. Version 5
-- because 4 is taken by selection. This is the SQLite twin of
-- postgres/migrations/00005_test_attempts.sql.

-- +goose Up
CREATE TABLE test_attempts (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations (id),
    attempt_no      INTEGER NOT NULL,
    bank            TEXT    NOT NULL,
    bank_version    INTEGER NOT NULL,
    doc             BLOB    NOT NULL,
    started_at      INTEGER NOT NULL,
    deadline        INTEGER NOT NULL,
    finished_at     INTEGER,
    score           INTEGER,
    passed          INTEGER,
    UNIQUE (registration_id, attempt_no),
    CHECK (attempt_no > 0),
    CHECK (deadline > started_at)
);

-- +goose Down
DROP TABLE test_attempts;
