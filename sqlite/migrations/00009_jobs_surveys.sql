-- Why: issue 5 item 5, scheduled programme work and surveys. jobs holds
-- durable work (unlocking incentives, the first-purchase deadline, the
-- programme end) written in the same transaction as the event that
-- schedules it; (kind, job_key) is unique, so scheduling twice is a no-op.
-- A runner leases due rows with a random token until lease_until, like the
-- outbox and the verification pipeline, so two nodes never run one job at
-- once and a crashed runner's jobs come back when the lease ends. A job
-- that failed attempts >= 20 times is no longer claimed and stays visible.
-- survey_responses keeps each participant's answers to survey n once
-- (bounded JSON); answers never affect payment. nik_blacklist holds the NIK
-- blind index of every revoked participant: eligibility screening reports
-- it, so the NIK is refused in every later wave of the programme. This is
-- the SQLite twin of postgres/migrations/00009_jobs_surveys.sql.

-- +goose Up
CREATE TABLE jobs (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,
    job_key         TEXT    NOT NULL,
    registration_id INTEGER NOT NULL,
    wave_id         INTEGER NOT NULL,
    slot            INTEGER NOT NULL,
    due_at          INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT    NOT NULL DEFAULT '',
    lease_token     INTEGER,
    lease_until     INTEGER,
    done_at         INTEGER,
    created_at      INTEGER NOT NULL,
    UNIQUE (kind, job_key),
    CHECK (length(job_key) BETWEEN 1 AND 100),
    CHECK (attempts >= 0),
    CHECK (slot >= 0)
);
-- The claim reads open jobs in due order.
CREATE INDEX jobs_due ON jobs (due_at, id) WHERE done_at IS NULL;
-- The incentive page reads one participant's jobs.
CREATE INDEX jobs_registration ON jobs (registration_id, kind) WHERE registration_id <> 0;

CREATE TABLE survey_responses (
    registration_id INTEGER NOT NULL REFERENCES registrations (id),
    slot            INTEGER NOT NULL,
    answers         TEXT    NOT NULL,
    submitted_at    INTEGER NOT NULL,
    PRIMARY KEY (registration_id, slot),
    CHECK (slot BETWEEN 1 AND 24),
    CHECK (length(answers) <= 2000)
);

CREATE TABLE nik_blacklist (
    nik_idx         BLOB    PRIMARY KEY,
    registration_id INTEGER NOT NULL,
    reason          TEXT    NOT NULL,
    created_at      INTEGER NOT NULL
);

-- +goose Down
DROP TABLE nik_blacklist;
DROP TABLE survey_responses;
DROP TABLE jobs;
