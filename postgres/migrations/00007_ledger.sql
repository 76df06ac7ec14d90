-- Why: issue 5 item 1, the programme's money. See the SQLite twin,
-- sqlite/migrations/00007_ledger.sql, for the reasoning; the tables are the
-- same, with BIGINT and BYTEA, and the immutability triggers are one
-- PL/pgSQL function.

-- +goose Up
CREATE TABLE ledger_accounts (
    id              BIGINT PRIMARY KEY,
    ledger          BIGINT NOT NULL,
    code            INTEGER NOT NULL,
    flags           INTEGER NOT NULL,
    owner           BIGINT NOT NULL,
    name            TEXT   NOT NULL,
    debits_pending  BIGINT NOT NULL,
    debits_posted   BIGINT NOT NULL,
    credits_pending BIGINT NOT NULL,
    credits_posted  BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    CHECK (debits_pending >= 0 AND debits_posted >= 0 AND credits_pending >= 0 AND credits_posted >= 0),
    CHECK (flags & 1 = 0 OR debits_pending + debits_posted <= credits_posted),
    CHECK (flags & 2 = 0 OR credits_pending + credits_posted <= debits_posted)
);

CREATE TABLE ledger_transfers (
    id                BYTEA   PRIMARY KEY,
    seq               BIGINT  NOT NULL,
    debit_account_id  BIGINT  NOT NULL,
    credit_account_id BIGINT  NOT NULL,
    amount            BIGINT  NOT NULL,
    ref_id            BYTEA,
    code              INTEGER NOT NULL,
    flags             INTEGER NOT NULL,
    user_data         BIGINT  NOT NULL,
    registration_id   BIGINT  NOT NULL,
    created_at        BIGINT  NOT NULL,
    expires_at        BIGINT ,
    CHECK (length(id) = 16),
    CHECK (amount >= 0),
    CHECK (debit_account_id <> credit_account_id)
);
-- A participant's money history, newest first: every transfer touching
-- one of the registration's accounts. A wave's credits (codes 2, 3, 4) are
-- left out: their ids begin with the registration (CreditID), so the
-- history finds them by a range of the primary key, and a wave's eight
-- credits per participant write one B-tree instead of two.
CREATE INDEX ledger_transfers_registration ON ledger_transfers (registration_id, seq)
    WHERE registration_id > 0 AND code NOT IN (2, 3, 4);
-- A programme account's history (providers, clearing, treasury, funding).
-- The budget's debits are a wave's credits, millions of rows nobody
-- pages through one by one, so they are left out of the index.
CREATE INDEX ledger_transfers_system_debit ON ledger_transfers (debit_account_id, seq)
    WHERE debit_account_id < 0 AND code NOT IN (2, 3, 4);
CREATE INDEX ledger_transfers_system_credit ON ledger_transfers (credit_account_id, seq) WHERE credit_account_id < 0;
-- A pending transfer is resolved, and any transfer reversed, at most once.
CREATE UNIQUE INDEX ledger_transfers_ref ON ledger_transfers (ref_id) WHERE ref_id IS NOT NULL;
-- The expiry sweep finds pending transfers past their timeout.
CREATE INDEX ledger_transfers_expiry ON ledger_transfers (expires_at) WHERE expires_at IS NOT NULL;

-- The next transfer's seq: one row, read and advanced by each batch under
-- the writer's lock, so seq needs no index of its own.
CREATE TABLE ledger_sequence (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    next_seq BIGINT NOT NULL
);
INSERT INTO ledger_sequence (id, next_seq) VALUES (1, 1);

-- +goose StatementBegin
CREATE FUNCTION ledger_transfers_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger transfers are immutable';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER ledger_transfers_no_change BEFORE UPDATE OR DELETE ON ledger_transfers
    FOR EACH ROW EXECUTE FUNCTION ledger_transfers_immutable();
CREATE TRIGGER ledger_transfers_no_truncate BEFORE TRUNCATE ON ledger_transfers
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_transfers_immutable();

ALTER TABLE participants ADD COLUMN revoked_at BIGINT;
ALTER TABLE participants ADD COLUMN revoked_reason TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE participants DROP COLUMN revoked_reason;
ALTER TABLE participants DROP COLUMN revoked_at;
DROP TABLE ledger_sequence;
DROP TABLE ledger_transfers;
DROP FUNCTION ledger_transfers_immutable();
DROP TABLE ledger_accounts;
