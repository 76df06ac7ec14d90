-- Why: government asked for the registration data to find groups for social
-- assistance (issue 7 item 5). A registrant now states how the pandemic hit
-- their work (work_impact: lost_job, lost_income, reduced_hours, none,
-- new_job_seeker; '' = not stated, the value of every earlier row) and may
-- consent to being named in individual-level targeting exports
-- (targeting_consent_at, NULL = no consent, with the version of the privacy
-- notice shown in consent_notice). Aggregates group by region among the
-- registrants hit; the index leads with work_impact so they read only
-- those rows. SQLite twin of postgres/migrations/00015_targeting.sql.

-- +goose Up
ALTER TABLE registrations ADD COLUMN work_impact TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN targeting_consent_at INTEGER;
ALTER TABLE registrations ADD COLUMN consent_notice TEXT NOT NULL DEFAULT '';
CREATE INDEX registrations_work_impact ON registrations (work_impact, domicile_district);
-- Individual exports page through consenting registrants by id.
CREATE INDEX registrations_targeting_consent ON registrations (id) WHERE targeting_consent_at IS NOT NULL;

-- +goose Down
DROP INDEX registrations_targeting_consent;
DROP INDEX registrations_work_impact;
ALTER TABLE registrations DROP COLUMN consent_notice;
ALTER TABLE registrations DROP COLUMN targeting_consent_at;
ALTER TABLE registrations DROP COLUMN work_impact;
