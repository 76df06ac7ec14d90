-- Why: issue 7, the registrant view. See the SQLite twin,
-- sqlite/migrations/00017_registrant_view.sql. The name index compares in
-- the "C" collation so a prefix range reads it byte-wise whatever the
-- database's default collation is, as the query does.

-- +goose Up
CREATE INDEX payments_registration ON payments (registration_id, id);
CREATE INDEX registrations_name_lower ON registrations ((lower(full_name) COLLATE "C"), id);

-- +goose Down
DROP INDEX registrations_name_lower;
DROP INDEX payments_registration;
