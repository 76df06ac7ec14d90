-- Why: issue 7, "an operator can follow a registrant from registration to
-- payout in the console". The registrant view (/ops/registrants) lists one
-- registration's payments and finds registrations by a name prefix; both
-- would scan whole tables without these indexes (payments_open_slot covers
-- only open and paid attempts, and no index held names). The query compares
-- lower(full_name) so the expression index serves it. The SQLite twin of
-- postgres/migrations/00017_registrant_view.sql.

-- +goose Up
CREATE INDEX payments_registration ON payments (registration_id, id);
CREATE INDEX registrations_name_lower ON registrations (lower(full_name), id);

-- +goose Down
DROP INDEX registrations_name_lower;
DROP INDEX payments_registration;
