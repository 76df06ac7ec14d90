-- Why: UU PDP (UU 27/2022) gives a registrant the rights to access a copy
-- of their data, to have it corrected and to withdraw consent so that
-- processing stops, each to be answered within 3x24 hours (RELIABILITY.md
-- §3; issue 7 item 6). data_requests holds each such request with its
-- deadline (due_at) and the staff member's answer; details and answer may
-- quote personal data, so both are sealed (*_ct, no blind index: nobody
-- searches by them). registrations.withdrawn_at marks a withdrawal answered
-- by staff: selection, payouts and targeting exports skip such rows. At
-- most one open request of each kind per registration. SQLite twin of
-- postgres/migrations/00016_data_requests.sql.

-- +goose Up
ALTER TABLE registrations ADD COLUMN withdrawn_at BIGINT;

CREATE TABLE data_requests (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    registration_id BIGINT  NOT NULL REFERENCES registrations (id),
    kind            TEXT    NOT NULL CHECK (kind IN ('access', 'correction', 'withdrawal')),
    state           TEXT    NOT NULL CHECK (state IN ('open', 'answered', 'rejected')),
    details_ct      BYTEA,
    created_at      BIGINT  NOT NULL,
    due_at          BIGINT  NOT NULL,
    answered_at     BIGINT,
    answered_by     TEXT    NOT NULL DEFAULT '',
    answer_ct       BYTEA,
    CHECK ((state = 'open') = (answered_at IS NULL))
);
-- A registrant's own requests, newest first.
CREATE INDEX data_requests_registration ON data_requests (registration_id, id);
-- The staff queue: open requests by deadline.
CREATE INDEX data_requests_queue ON data_requests (state, due_at);
-- One open request of each kind per registrant: a second click waits for
-- the first answer instead of queueing a duplicate.
CREATE UNIQUE INDEX data_requests_one_open ON data_requests (registration_id, kind) WHERE state = 'open';

-- +goose Down
DROP TABLE data_requests;
ALTER TABLE registrations DROP COLUMN withdrawn_at;
