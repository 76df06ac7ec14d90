-- Why: the first stage of the programme (registration, e-mail confirmation,
-- phone OTP, sign-in, sessions, the message outbox, rate limits and
-- idempotent POSTs) needs its tables. Times are INTEGER microseconds since the
-- Unix epoch (UTC); personal data is stored only as ciphertext (*_ct) plus a
-- keyed blind index (*_idx) so equal values can be found without decrypting.
-- Version numbers are sequential (1, 2, 3 …): `prakerja migrate` counts the
-- migrations it applied as the difference of two versions.

-- +goose Up
CREATE TABLE registrations (
    id                INTEGER PRIMARY KEY,
    full_name         TEXT    NOT NULL,
    nik_ct            BLOB    NOT NULL,
    nik_idx           BLOB    NOT NULL,
    email_ct          BLOB    NOT NULL,
    email_idx         BLOB    NOT NULL,
    phone_ct          BLOB    NOT NULL,
    phone_idx         BLOB    NOT NULL,
    kk_ct             BLOB,
    kk_idx            BLOB,
    birth_date        TEXT    NOT NULL,
    sex               TEXT    NOT NULL,
    domicile_district TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    email_verified_at INTEGER,
    phone_verified_at INTEGER,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
-- One person, one e-mail address, one phone number: one registration each.
CREATE UNIQUE INDEX registrations_nik_idx ON registrations (nik_idx);
CREATE UNIQUE INDEX registrations_email_idx ON registrations (email_idx);
CREATE UNIQUE INDEX registrations_phone_idx ON registrations (phone_idx);
-- Family (KK) limits count registrations per family card.
CREATE INDEX registrations_kk_idx ON registrations (kk_idx);
-- The funnel counts per status with an index-only scan.
CREATE INDEX registrations_status ON registrations (status);

CREATE TABLE challenges (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER REFERENCES registrations (id),
    purpose         TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    code_hash       BLOB    NOT NULL,
    max_attempts    INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    expires_at      INTEGER NOT NULL,
    used_at         INTEGER,
    created_at      INTEGER NOT NULL
);
-- LatestChallenge and CountChallengesSince.
CREATE INDEX challenges_registration ON challenges (registration_id, purpose, created_at);
-- ConsumeLink finds a link secret by its hash.
CREATE INDEX challenges_code_hash ON challenges (purpose, code_hash);

CREATE TABLE sessions (
    id              INTEGER PRIMARY KEY,
    token_hash      BLOB    NOT NULL,
    registration_id INTEGER NOT NULL REFERENCES registrations (id),
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    revoked_at      INTEGER
);
CREATE UNIQUE INDEX sessions_token_hash ON sessions (token_hash);
CREATE INDEX sessions_registration ON sessions (registration_id);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER REFERENCES registrations (id),
    channel         TEXT    NOT NULL,
    template        TEXT    NOT NULL,
    locale          TEXT    NOT NULL,
    recipient_ct    BLOB,
    params          BLOB,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT    NOT NULL DEFAULT '',
    sent_at         INTEGER,
    created_at      INTEGER NOT NULL
);
-- Senders claim unsent messages that are due, oldest first.
CREATE INDEX messages_due ON messages (next_attempt_at) WHERE sent_at IS NULL;
-- Listing a registrant's messages, newest first (the rowid rides along).
CREATE INDEX messages_registration ON messages (registration_id);

CREATE TABLE rate_limits (
    key          TEXT    NOT NULL,
    window_start INTEGER NOT NULL,
    hits         INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
) WITHOUT ROWID;
-- Pruning old windows.
CREATE INDEX rate_limits_window ON rate_limits (window_start);

CREATE TABLE idempotency_keys (
    key          TEXT    NOT NULL PRIMARY KEY,
    request_hash BLOB    NOT NULL,
    status       INTEGER NOT NULL DEFAULT 0,
    content_type TEXT    NOT NULL DEFAULT '',
    body         BLOB,
    created_at   INTEGER NOT NULL
);
-- Pruning old keys.
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE rate_limits;
DROP TABLE messages;
DROP TABLE sessions;
DROP TABLE challenges;
DROP TABLE registrations;
