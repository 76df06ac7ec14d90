-- Why: issue 4 item 2 adds waves (gelombang) and joining. A wave has an
-- opening and a closing instant (BIGINT microseconds, UTC, like every time
-- here; the close is enforced against the server's clock inside the join
-- transaction), a total quota, quotas per province or regency (a JSON
-- object) and the regions allowed (a JSON array; '[]' = everywhere).
-- wave_joins holds one row per (wave, registration): the primary key makes
-- joining idempotent even under concurrent requests. test_results keeps
-- each registration's online-test outcome, which joining requires; the
-- first pass is kept for later waves. This is the PostgreSQL twin of
-- sqlite/migrations/00003_waves.sql.

-- +goose Up
CREATE TABLE waves (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT    NOT NULL,
    scheme        TEXT    NOT NULL,
    opens_at      BIGINT  NOT NULL,
    closes_at     BIGINT  NOT NULL,
    quota         BIGINT  NOT NULL,
    region_quotas TEXT    NOT NULL DEFAULT '{}',
    regions       TEXT    NOT NULL DEFAULT '[]',
    selected_at   BIGINT,
    created_at    BIGINT  NOT NULL,
    CHECK (closes_at > opens_at),
    CHECK (quota > 0)
);
CREATE INDEX waves_closes ON waves (closes_at, opens_at);

CREATE TABLE wave_joins (
    wave_id         BIGINT  NOT NULL REFERENCES waves (id),
    registration_id BIGINT  NOT NULL REFERENCES registrations (id),
    region          TEXT    NOT NULL,
    joined_at       BIGINT  NOT NULL,
    PRIMARY KEY (wave_id, registration_id)
);
-- The one-open-wave rule and the dashboard look joins up by registration.
CREATE INDEX wave_joins_registration ON wave_joins (registration_id, wave_id);

CREATE TABLE test_results (
    registration_id BIGINT  PRIMARY KEY REFERENCES registrations (id),
    score           BIGINT  NOT NULL,
    passed          BOOLEAN NOT NULL,
    taken_at        BIGINT  NOT NULL,
    passed_at       BIGINT
);

-- +goose Down
DROP TABLE test_results;
DROP TABLE wave_joins;
DROP TABLE waves;
