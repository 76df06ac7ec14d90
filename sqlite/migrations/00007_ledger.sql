-- Why: issue 5 item 1, the programme's money. ledger_accounts keeps each
-- account's four balances (debits/credits, pending/posted, int64 rupiah),
-- updated in the same transaction as the transfers that move them.
-- ledger_transfers is append-only: triggers refuse UPDATE and DELETE, so a
-- correction can only be a new, reversing transfer. id, the client's
-- 128-bit id, is the key, which makes a retry a no-op; ids are ordered
-- (credits by registration, others by time), so inserts append. seq is
-- the order in which transfers were applied (one writer assigns it, with
-- no gaps). registration_id is the participant a transfer concerns (0 for
-- programme-only ones), for the participant's history. Each row is
-- written to as few B-trees as possible (a wave's credits touch two) and
-- as few columns: a transfer's ledger is its accounts' (they must agree)
-- and a pending transfer's timeout is expires_at - created_at. ref_id is the pending
-- transfer a post/void resolves (or the transfer a refund/correction
-- reverses), unique, so nothing is resolved or reversed twice. expires_at
-- is set on pending transfers with a timeout. participants.revoked_at marks
-- a card revoked (first-purchase deadline missed). This is the SQLite twin
-- of postgres/migrations/00007_ledger.sql.

-- +goose Up
CREATE TABLE ledger_accounts (
    id              INTEGER PRIMARY KEY,
    ledger          INTEGER NOT NULL,
    code            INTEGER NOT NULL,
    flags           INTEGER NOT NULL,
    owner           INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    debits_pending  INTEGER NOT NULL,
    debits_posted   INTEGER NOT NULL,
    credits_pending INTEGER NOT NULL,
    credits_posted  INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    CHECK (debits_pending >= 0 AND debits_posted >= 0 AND credits_pending >= 0 AND credits_posted >= 0),
    CHECK (flags & 1 = 0 OR debits_pending + debits_posted <= credits_posted),
    CHECK (flags & 2 = 0 OR credits_pending + credits_posted <= debits_posted)
);

CREATE TABLE ledger_transfers (
    id                BLOB    PRIMARY KEY,
    seq               INTEGER NOT NULL,
    debit_account_id  INTEGER NOT NULL,
    credit_account_id INTEGER NOT NULL,
    amount            INTEGER NOT NULL,
    ref_id            BLOB,
    code              INTEGER NOT NULL,
    flags             INTEGER NOT NULL,
    user_data         INTEGER NOT NULL,
    registration_id   INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    expires_at        INTEGER,
    CHECK (length(id) = 16),
    CHECK (amount >= 0),
    CHECK (debit_account_id <> credit_account_id)
) WITHOUT ROWID;
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
    next_seq INTEGER NOT NULL
);
INSERT INTO ledger_sequence (id, next_seq) VALUES (1, 1);

-- +goose StatementBegin
CREATE TRIGGER ledger_transfers_no_update BEFORE UPDATE ON ledger_transfers
BEGIN
    SELECT RAISE(ABORT, 'ledger transfers are immutable');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_transfers_no_delete BEFORE DELETE ON ledger_transfers
BEGIN
    SELECT RAISE(ABORT, 'ledger transfers are immutable');
END;
-- +goose StatementEnd

ALTER TABLE participants ADD COLUMN revoked_at INTEGER;
ALTER TABLE participants ADD COLUMN revoked_reason TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE participants DROP COLUMN revoked_reason;
ALTER TABLE participants DROP COLUMN revoked_at;
DROP TABLE ledger_sequence;
DROP TABLE ledger_transfers;
DROP TABLE ledger_accounts;
