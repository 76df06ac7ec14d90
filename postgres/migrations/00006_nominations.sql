-- Why: issue 4 item 3, the special track. Institutions (BPJS
-- Ketenagakerjaan, corrections offices, regional governments, ministries)
-- send lists of NIKs with a category; a nominee is drawn in a better
-- priority tier. Like exclusion lists (migration 2), an institution's
-- lists are versions: a new import becomes current and the older ones are
-- kept for audit. Entries hold NIK blind indexes only, with the category
-- and the tier it mapped to when imported. This is the PostgreSQL twin of
-- sqlite/migrations/00006_nominations.sql.

-- +goose Up
CREATE TABLE nomination_imports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    institution TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    sha256      TEXT   NOT NULL,
    entries     BIGINT NOT NULL,
    imported_at BIGINT NOT NULL,
    is_current  BIGINT NOT NULL DEFAULT 0
);
-- At most one current version per institution, even with concurrent imports.
CREATE UNIQUE INDEX nomination_imports_current ON nomination_imports (institution) WHERE is_current = 1;

-- The primary key leads with the NIK index, the way the tier lookup
-- searches, and stores each NIK once per version.
CREATE TABLE nomination_entries (
    import_id BIGINT NOT NULL REFERENCES nomination_imports (id),
    nik_idx   BYTEA  NOT NULL,
    category  TEXT   NOT NULL,
    tier      BIGINT NOT NULL,
    PRIMARY KEY (nik_idx, import_id),
    CHECK (tier >= 0)
);

-- +goose Down
DROP TABLE nomination_entries;
DROP TABLE nomination_imports;
