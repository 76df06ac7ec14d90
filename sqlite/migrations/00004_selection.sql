-- Why: issue 4 items 4-6 record each wave's draw. The commitment (SHA-256
-- of the secret seed, lowercase hex) is stored on the wave before it
-- closes; after the close the revealed seed and the SHA-256 of the
-- published snapshot.csv and manifest.json are stored with selected_at, so
-- a second run can tell "same result" (no-op) from "another result"
-- (refused). wave_joins.outcome says per join whether it was selected
-- (NULL until the draw). participants holds one card per selected
-- registration: the card sequence number, the 16-digit card number and the
-- virtual account, each unique by constraint, so a numbering bug fails the
-- transaction instead of issuing one card twice. This is the SQLite twin of
-- postgres/migrations/00004_selection.sql.

-- +goose Up
ALTER TABLE waves ADD COLUMN commitment TEXT;
ALTER TABLE waves ADD COLUMN committed_at INTEGER;
ALTER TABLE waves ADD COLUMN seed TEXT;
ALTER TABLE waves ADD COLUMN snapshot_sha256 TEXT;
ALTER TABLE waves ADD COLUMN manifest_sha256 TEXT;

ALTER TABLE wave_joins ADD COLUMN outcome TEXT
    CHECK (outcome IS NULL OR outcome IN ('selected', 'not_selected'));

CREATE TABLE participants (
    registration_id INTEGER PRIMARY KEY REFERENCES registrations (id),
    wave_id         INTEGER NOT NULL REFERENCES waves (id),
    card_seq        INTEGER NOT NULL UNIQUE,
    card_number     TEXT    NOT NULL UNIQUE,
    va_number       TEXT    NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL,
    CHECK (length(card_number) = 16),
    CHECK (card_seq >= 0)
);
-- The wave funnel counts a wave's participants.
CREATE INDEX participants_wave ON participants (wave_id);

-- +goose Down
DROP TABLE participants;
ALTER TABLE wave_joins DROP COLUMN outcome;
ALTER TABLE waves DROP COLUMN manifest_sha256;
ALTER TABLE waves DROP COLUMN snapshot_sha256;
ALTER TABLE waves DROP COLUMN seed;
ALTER TABLE waves DROP COLUMN committed_at;
ALTER TABLE waves DROP COLUMN commitment;
