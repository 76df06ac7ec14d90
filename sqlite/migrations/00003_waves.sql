-- Why: issue 4 item 2 adds waves (gelombang) and joining. A wave has an
-- opening and a closing instant (BIGINT microseconds, UTC, like every time
-- here; the close is enforced against the server's clock inside the join
-- transaction), a total quota, quotas per province or regency (a JSON
-- object) and the regions allowed (a JSON array; '[]' = everywhere).
-- wave_joins holds one row per (wave, registration): the primary key makes
-- joining idempotent even under concurrent requests. test_results keeps
-- each registration's online-test outcome, which joining requires; the
-- first pass is kept for later waves. This is the SQLite twin of
-- postgres/migrations/00003_waves.sql.

-- +goose Up
CREATE TABLE waves (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    scheme        TEXT    NOT NULL,
    opens_at      INTEGER NOT NULL,
    closes_at     INTEGER NOT NULL,
    quota         INTEGER NOT NULL,
    region_quotas TEXT    NOT NULL DEFAULT '{}',
    regions       TEXT    NOT NULL DEFAULT '[]',
    selected_at   INTEGER,
    created_at    INTEGER NOT NULL,
    CHECK (closes_at > opens_at),
    CHECK (quota > 0)
);
CREATE INDEX waves_closes ON waves (closes_at, opens_at);

CREATE TABLE wave_joins (
    wave_id         INTEGER NOT NULL REFERENCES waves (id),
    registration_id INTEGER NOT NULL REFERENCES registrations (id),
    region          TEXT    NOT NULL,
    joined_at       INTEGER NOT NULL,
    PRIMARY KEY (wave_id, registration_id)
) WITHOUT ROWID;
-- The one-open-wave rule and the dashboard look joins up by registration.
CREATE INDEX wave_joins_registration ON wave_joins (registration_id, wave_id);

CREATE TABLE test_results (
    registration_id INTEGER PRIMARY KEY REFERENCES registrations (id),
    score           INTEGER NOT NULL,
    passed          INTEGER NOT NULL,
    taken_at        INTEGER NOT NULL,
    passed_at       INTEGER
);

-- +goose Down
DROP TABLE test_results;
DROP TABLE wave_joins;
DROP TABLE waves;
