-- Why: issue 6, payouts. payout_accounts keeps each participant's bank
-- accounts and e-wallets (number sealed, with a blind index so one account
-- linked by several NIKs can be found); at most one is verified at a time,
-- and changing it is an unlink plus a new link, each an event in
-- payout_account_events (who, when, why) for the audit. payout_runs are
-- maker-checker batches; payments are attempts to pay one entitlement slot
-- (registration, kind = the unlock code 7 or 8, slot): a partial unique
-- index allows one open or paid attempt per slot, which is what makes a
-- slot paid at most once whatever the runs, retries or operators.
-- payout_files are the pain.001/CSV files of a run; result_files the
-- partner answers ingested (unique by content hash: the same file twice
-- changes nothing); payment_results every answer line, matched or not, for
-- reconciliation; reconcile_reports what `prakerja reconcile` found.
-- ledger_transfers_unlocks lets a run find unlocked slots without scanning
-- a wave's credits. This is the SQLite twin of
-- postgres/migrations/00010_payouts.sql.

-- +goose Up
CREATE TABLE payout_accounts (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations (id),
    provider        TEXT    NOT NULL,
    number_enc      BLOB    NOT NULL,
    number_idx      BLOB    NOT NULL,
    number_masked   TEXT    NOT NULL,
    holder_enc      BLOB,
    state           TEXT    NOT NULL,
    reason          TEXT    NOT NULL DEFAULT '',
    challenge_id    INTEGER,
    created_at      INTEGER NOT NULL,
    verified_at     INTEGER,
    unlinked_at     INTEGER,
    CHECK (state IN ('pending', 'verified', 'unlinked', 'refused')),
    CHECK (length(provider) BETWEEN 1 AND 16)
);
CREATE UNIQUE INDEX payout_accounts_verified ON payout_accounts (registration_id) WHERE state = 'verified';
CREATE INDEX payout_accounts_registration ON payout_accounts (registration_id, id);
CREATE INDEX payout_accounts_number ON payout_accounts (number_idx) WHERE state = 'verified';

CREATE TABLE payout_account_events (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL,
    account_id      INTEGER NOT NULL,
    event           TEXT    NOT NULL,
    reason          TEXT    NOT NULL DEFAULT '',
    actor           TEXT    NOT NULL,
    at              INTEGER NOT NULL,
    CHECK (event IN ('refused', 'requested', 'linked', 'unlinked'))
);
CREATE INDEX payout_account_events_registration ON payout_account_events (registration_id, id);

CREATE TABLE payout_runs (
    id             INTEGER PRIMARY KEY,
    state          TEXT    NOT NULL,
    cutoff         INTEGER NOT NULL,
    file_items_max INTEGER NOT NULL,
    prepared_by    TEXT    NOT NULL,
    approved_by    TEXT    NOT NULL DEFAULT '',
    payments       INTEGER NOT NULL DEFAULT 0,
    total          INTEGER NOT NULL DEFAULT 0,
    files          INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    approved_at    INTEGER,
    CHECK (state IN ('prepared', 'approved', 'refused')),
    CHECK (file_items_max BETWEEN 1 AND 10000),
    CHECK (approved_by = '' OR approved_by <> prepared_by)
);

CREATE TABLE payout_files (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES payout_runs (id),
    provider   TEXT    NOT NULL,
    format     TEXT    NOT NULL,
    msg_id     TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    items      INTEGER NOT NULL,
    total      INTEGER NOT NULL,
    sha256     BLOB    NOT NULL,
    created_at INTEGER NOT NULL,
    CHECK (items BETWEEN 1 AND 10000)
);
CREATE INDEX payout_files_run ON payout_files (run_id, id);

CREATE TABLE payments (
    id                INTEGER PRIMARY KEY,
    run_id            INTEGER NOT NULL REFERENCES payout_runs (id),
    file_id           INTEGER,
    registration_id   INTEGER NOT NULL,
    kind              INTEGER NOT NULL,
    slot              INTEGER NOT NULL,
    attempt           INTEGER NOT NULL,
    amount            INTEGER NOT NULL,
    provider          TEXT    NOT NULL,
    payout_account_id INTEGER NOT NULL REFERENCES payout_accounts (id),
    state             TEXT    NOT NULL,
    reason            TEXT    NOT NULL DEFAULT '',
    instr_id          TEXT    NOT NULL UNIQUE,
    pending_id        BLOB    NOT NULL,
    created_at        INTEGER NOT NULL,
    sent_at           INTEGER,
    resolved_at       INTEGER,
    settled_at        INTEGER,
    UNIQUE (registration_id, kind, slot, attempt),
    CHECK (kind IN (7, 8)),
    CHECK (amount > 0),
    CHECK (state IN ('reserved', 'sent', 'paid', 'rejected', 'cancelled'))
);
CREATE UNIQUE INDEX payments_open_slot ON payments (registration_id, kind, slot)
    WHERE state IN ('reserved', 'sent', 'paid');
CREATE INDEX payments_run ON payments (run_id, provider, id);
CREATE INDEX payments_file ON payments (file_id, id) WHERE file_id IS NOT NULL;
-- The exception queue: sent and still unanswered, oldest first.
CREATE INDEX payments_unanswered ON payments (sent_at) WHERE state = 'sent';

CREATE TABLE result_files (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,
    msg_id      TEXT    NOT NULL,
    sha256      BLOB    NOT NULL UNIQUE,
    items       INTEGER NOT NULL,
    outcome     TEXT    NOT NULL,
    ingested_at INTEGER NOT NULL,
    CHECK (kind IN ('pain.002', 'camt.054', 'ewallet.csv'))
);

CREATE TABLE payment_results (
    id             INTEGER PRIMARY KEY,
    result_file_id INTEGER NOT NULL REFERENCES result_files (id),
    payment_id     INTEGER,
    instr_id       TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    reason         TEXT    NOT NULL DEFAULT '',
    amount         INTEGER NOT NULL,
    outcome        TEXT    NOT NULL,
    CHECK (outcome IN ('posted', 'voided', 'settled', 'pending', 'repeated', 'conflict', 'unknown', 'mismatched'))
);
CREATE INDEX payment_results_payment ON payment_results (payment_id, id);
CREATE INDEX payment_results_outcome ON payment_results (outcome) WHERE outcome IN ('conflict', 'unknown', 'mismatched');

CREATE TABLE reconcile_reports (
    id         INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    clean      INTEGER NOT NULL,
    report     TEXT    NOT NULL
);

CREATE INDEX ledger_transfers_unlocks ON ledger_transfers (seq) WHERE code IN (7, 8);

-- +goose Down
DROP INDEX ledger_transfers_unlocks;
DROP TABLE reconcile_reports;
DROP TABLE payment_results;
DROP TABLE result_files;
DROP TABLE payments;
DROP TABLE payout_files;
DROP TABLE payout_runs;
DROP TABLE payout_account_events;
DROP TABLE payout_accounts;
