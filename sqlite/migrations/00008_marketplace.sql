-- Why: issue 5 item 4, the training marketplace (DOMAIN §2.6). Platforms
-- sell courses of training providers (LPP); market_provider_owners records
-- which platform owns or is affiliated with which provider, because KPK
-- found 5 of the 8 platforms of 2020 selling their own providers' courses,
-- and a course sold by its provider's owner is flagged (derived on read, so
-- a new ownership link flags old courses too). API keys are kept only as
-- SHA-256 hashes. market_purchases is a charge and, once its SMS code is
-- confirmed, the voucher: the platform's order id is unique per platform,
-- the voucher code and the ledger transfer id are unique, and the state only
-- moves pending → paid → redeemed → completed, or paid → refunded. The
-- money itself is in the ledger (migration 7): the purchase row and its
-- transfer are written in one transaction. market_reviews holds one review
-- (1–5 stars) per completed purchase. This is the SQLite twin of
-- postgres/migrations/00008_marketplace.sql.

-- +goose Up
CREATE TABLE market_platforms (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    key_hash   BLOB    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    CHECK (length(key_hash) = 32)
);

CREATE TABLE market_providers (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    key_hash   BLOB    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    CHECK (length(key_hash) = 32)
);

CREATE TABLE market_provider_owners (
    platform_id INTEGER NOT NULL REFERENCES market_platforms (id),
    provider_id INTEGER NOT NULL REFERENCES market_providers (id),
    PRIMARY KEY (provider_id, platform_id)
) WITHOUT ROWID;

CREATE TABLE market_courses (
    id          INTEGER PRIMARY KEY,
    provider_id INTEGER NOT NULL REFERENCES market_providers (id),
    platform_id INTEGER NOT NULL REFERENCES market_platforms (id),
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    price       INTEGER NOT NULL,
    hours       INTEGER NOT NULL,
    active      INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    CHECK (price > 0),
    CHECK (hours > 0),
    CHECK (active IN (0, 1))
);
-- The catalogue filters by platform and by provider.
CREATE INDEX market_courses_platform ON market_courses (platform_id, id);
CREATE INDEX market_courses_provider ON market_courses (provider_id, id);

CREATE TABLE market_purchases (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES participants (registration_id),
    course_id       INTEGER NOT NULL REFERENCES market_courses (id),
    platform_id     INTEGER NOT NULL REFERENCES market_platforms (id),
    provider_id     INTEGER NOT NULL REFERENCES market_providers (id),
    order_id        TEXT    NOT NULL,
    amount          INTEGER NOT NULL,
    state           TEXT    NOT NULL,
    challenge_id    INTEGER NOT NULL REFERENCES challenges (id),
    transfer_id     BLOB    NOT NULL UNIQUE,
    voucher_code    TEXT UNIQUE,
    certificate     TEXT UNIQUE,
    created_at      INTEGER NOT NULL,
    paid_at         INTEGER,
    redeemed_at     INTEGER,
    completed_at    INTEGER,
    refunded_at     INTEGER,
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
    purchase_id     INTEGER PRIMARY KEY REFERENCES market_purchases (id),
    registration_id INTEGER NOT NULL,
    course_id       INTEGER NOT NULL REFERENCES market_courses (id),
    stars           INTEGER NOT NULL,
    body            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
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
