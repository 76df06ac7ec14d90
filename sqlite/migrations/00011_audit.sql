-- Why: issue 7 item 3, the tamper-evident audit log. Each row's hash
-- covers the previous row's hash and its own fields (prakerja.AuditHash),
-- so `prakerja audit verify` finds any changed, removed or reordered row.
-- Triggers refuse UPDATE and DELETE, as for ledger transfers; they are a
-- guard against mistakes, the hashes are the proof against intent. The
-- SQLite twin of postgres/migrations/00011_audit.sql.

-- +goose Up
CREATE TABLE audit_log (
    seq     INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    subject TEXT    NOT NULL,
    detail  TEXT    NOT NULL,
    prev    BLOB    NOT NULL,
    hash    BLOB    NOT NULL,
    CHECK (seq >= 1),
    CHECK (length(hash) = 32)
);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_log;
