-- Why: issue 7 item 1, staff accounts for the operator console. A staff
-- member signs in with a username, an argon2id password hash and a TOTP
-- secret sealed with the pii keyring (totp_secret is NULL until
-- enrolment). totp_last_step is the last accepted 30-second step, so a
-- code is never accepted twice. failed_logins and locked_until implement
-- the lockout. Sessions keep only the SHA-256 of their token; verified = 0
-- is the pending state between the password and the code. Booleans are
-- 0/1 integers so the queries are the same on both engines. The SQLite
-- twin of postgres/migrations/00013_staff.sql.

-- +goose Up
CREATE TABLE staff (
    id             INTEGER PRIMARY KEY,
    username       TEXT    NOT NULL UNIQUE,
    display_name   TEXT    NOT NULL,
    role           TEXT    NOT NULL,
    partner_ref    TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL,
    totp_secret    BLOB,
    totp_confirmed INTEGER NOT NULL DEFAULT 0,
    totp_last_step INTEGER NOT NULL DEFAULT 0,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   INTEGER NOT NULL DEFAULT 0,
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    CHECK (totp_confirmed IN (0, 1)),
    CHECK (disabled IN (0, 1)),
    CHECK (failed_logins >= 0)
);

CREATE TABLE staff_sessions (
    id           INTEGER PRIMARY KEY,
    token_hash   BLOB    NOT NULL UNIQUE,
    staff_id     INTEGER NOT NULL REFERENCES staff (id),
    verified     INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    CHECK (verified IN (0, 1)),
    CHECK (length(token_hash) = 32)
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at);

-- +goose Down
DROP TABLE staff_sessions;
DROP TABLE staff;
