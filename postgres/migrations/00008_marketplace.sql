-- Why: issue 5 item 4, the training marketplace. See the SQLite twin,
-- sqlite/migrations/00008_marketplace.sql, for the reasoning; the tables are
-- the same, with BIGINT identities and BYTEA.

-- +goose Up
CREATE TABLE market_platforms (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    key_hash   BYTEA   NOT NULL UNIQUE,
    created_at BIGINT  NOT NULL,
    CHECK (length(key_hash) = 32)
);

CREATE TABLE market_providers (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    key_hash   BYTEA   NOT NULL UNIQUE,
    created_at BIGINT  NOT NULL,
    CHECK (length(key_hash) = 32)
);

CREATE TABLE market_provider_owners (
    platform_id BIGINT  NOT NULL REFERENCES market_platforms (id),
    provider_id BIGINT  NOT NULL REFERENCES market_providers (id),
    PRIMARY KEY (provider_id, platform_id)
);

CREATE TABLE market_courses (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider_id BIGINT  NOT NULL REFERENCES market_providers (id),
    platform_id BIGINT  NOT NULL REFERENCES market_platforms (id),
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    price       BIGINT  NOT NULL,
    hours       BIGINT  NOT NULL,
    active      BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    CHECK (price > 0),
    CHECK (hours > 0),
    CHECK (active IN (0, 1))
);
-- The catalogue filters by platform and by provider.
CREATE INDEX market_courses_platform ON market_courses (platform_id, id);
CREATE INDEX market_courses_provider ON market_courses (provider_id, id);

CREATE TABLE market_purchases (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    registration_id BIGINT  NOT NULL REFERENCES participants (registration_id),
    course_id       BIGINT  NOT NULL REFERENCES market_courses (id),
    platform_id     BIGINT  NOT NULL REFERENCES market_platforms (id),
    provider_id     BIGINT  NOT NULL REFERENCES market_providers (id),
    order_id        TEXT    NOT NULL,
    amount          BIGINT  NOT NULL,
    state           TEXT    NOT NULL,
    challenge_id    BIGINT  NOT NULL REFERENCES challenges (id),
    transfer_id     BYTEA   NOT NULL UNIQUE,
    voucher_code    TEXT UNIQUE,
    certificate     TEXT UNIQUE,
    created_at      BIGINT  NOT NULL,
    paid_at         BIGINT,
    redeemed_at     BIGINT,
    completed_at    BIGINT,
    refunded_at     BIGINT,
    UNIQUE (platform_id, order_id),
    CHECK (amount > 0),
    CHECK (length(transfer_id) = 16),
    CHECK (state IN ('pending', 'paid', 'redeemed', 'completed', 'refunded')),
    CHECK (state = 'pending' OR voucher_code IS NOT NULL),
    CHECK (state <> 'completed' OR certificate IS NOT NULL)
);
-- A participant's purchases, newest first.
CREATE INDEX market_purchases_registration ON market_purchases (registration_id, id);

CREATE TABLE market_reviews (
    purchase_id     BIGINT  PRIMARY KEY REFERENCES market_purchases (id),
    registration_id BIGINT  NOT NULL,
    course_id       BIGINT  NOT NULL REFERENCES market_courses (id),
    stars           BIGINT  NOT NULL,
    body            TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    CHECK (stars BETWEEN 1 AND 5)
);
-- Whether a participant has reviewed before (the first review unlocks).
CREATE INDEX market_reviews_registration ON market_reviews (registration_id);

-- +goose Down
DROP TABLE market_reviews;
DROP TABLE market_purchases;
DROP TABLE market_courses;
DROP TABLE market_provider_owners;
DROP TABLE market_providers;
DROP TABLE market_platforms;
