-- Why: issue 7 item 1, signed requests for partner machines (platforms,
-- providers, nominating institutions, payment partners). A partner key is
-- a public key id and a 32-byte secret; the secret is sealed with the
-- personal-data keyring (the server must compute the same HMAC as the
-- partner, so a hash would not do) and shown to the partner once. A
-- partner holds at most two active keys (the store checks, under the
-- audit lock it takes to record the creation), so a rotation deploys the
-- new key before the old is revoked. partner_signatures remembers each
-- accepted signature until its timestamp leaves the 5-minute window, so
-- a captured request cannot be replayed; expired rows are deleted a
-- bounded batch at a time as new ones arrive. The index on
-- market_purchases serves the platform portal's sales by day. PostgreSQL twin of
-- sqlite/migrations/00018_partner_keys.sql.

-- +goose Up
CREATE TABLE partner_keys (
    key_id        TEXT    PRIMARY KEY,
    kind          TEXT    NOT NULL,
    partner       TEXT    NOT NULL,
    secret_sealed BYTEA   NOT NULL,
    created_by    TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    revoked_at    BIGINT,
    CHECK (kind IN ('platform', 'provider', 'institution', 'bank')),
    CHECK (octet_length(secret_sealed) BETWEEN 1 AND 512)
);
-- A partner's keys, newest first.
CREATE INDEX partner_keys_partner ON partner_keys (kind, partner, created_at);

CREATE TABLE partner_signatures (
    key_id     TEXT    NOT NULL REFERENCES partner_keys (key_id),
    sig        BYTEA   NOT NULL,
    expires_at BIGINT  NOT NULL,
    PRIMARY KEY (key_id, sig),
    CHECK (octet_length(sig) = 32)
);
-- Pruning finds the expired signatures first.
CREATE INDEX partner_signatures_expiry ON partner_signatures (expires_at);

-- A platform's portal counts its sales by day (issue 7 item 1).
CREATE INDEX market_purchases_platform_paid ON market_purchases (platform_id, paid_at);

-- +goose Down
DROP INDEX market_purchases_platform_paid;
DROP TABLE partner_signatures;
DROP TABLE partner_keys;
