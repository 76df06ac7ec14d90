-- Why: issue 5, crediting a wave. The two partial indexes that leave a
-- wave's credits (codes 2, 3, 4) out of the histories said so as
-- "code NOT IN (2, 3, 4)". SQLite evaluates a partial index's condition
-- for every inserted row, and an IN list of three or more constants there
-- builds a temporary B-tree of the list for each row: two per credit, a
-- third of the cost of writing it. "(code < 2 OR code > 4)" is the same set
-- for the integer codes and costs two comparisons. The queries that use
-- these indexes repeat the new condition word for word (SQLite uses a
-- partial index only when the query names its condition). The same
-- change on PostgreSQL keeps one condition text for both engines.
-- +goose Up
DROP INDEX ledger_transfers_registration;
CREATE INDEX ledger_transfers_registration ON ledger_transfers (registration_id, seq)
    WHERE registration_id > 0 AND (code < 2 OR code > 4);
DROP INDEX ledger_transfers_system_debit;
CREATE INDEX ledger_transfers_system_debit ON ledger_transfers (debit_account_id, seq)
    WHERE debit_account_id < 0 AND (code < 2 OR code > 4);

-- +goose Down
DROP INDEX ledger_transfers_system_debit;
CREATE INDEX ledger_transfers_system_debit ON ledger_transfers (debit_account_id, seq)
    WHERE debit_account_id < 0 AND code NOT IN (2, 3, 4);
DROP INDEX ledger_transfers_registration;
CREATE INDEX ledger_transfers_registration ON ledger_transfers (registration_id, seq)
    WHERE registration_id > 0 AND code NOT IN (2, 3, 4);
