-- Why: issue 7 item 3, the tamper-evident audit log. See the SQLite twin,
-- sqlite/migrations/00011_audit.sql, for the reasoning.

-- +goose Up
CREATE TABLE audit_log (
    seq     BIGINT  PRIMARY KEY,
    at      BIGINT  NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    subject TEXT    NOT NULL,
    detail  TEXT    NOT NULL,
    prev    BYTEA   NOT NULL,
    hash    BYTEA   NOT NULL,
    CHECK (seq >= 1),
    CHECK (length(hash) = 32)
);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);

-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- +goose Down
DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();
