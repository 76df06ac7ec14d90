-- Why: a monthly run wrote one payment_results line per payment and answer
-- file (335,000 for 168,111 payments), most of them only saying "this
-- answer decided that payment". The deciding answer now stays on the
-- payment (answer_file_id: the pain.002, or the camt.054 that posted it;
-- statement_file_id: the camt.054 that booked it), and payment_results
-- keeps only the lines that decided nothing: pending, repeated, conflicts,
-- unknown ids, wrong amounts. result_files.booked is each statement's
-- booked total, which reconcile holds to the settled payments. Existing
-- rows are filled from their lines. PostgreSQL twin of
-- sqlite/migrations/00012_payment_answers.sql.

-- +goose Up
ALTER TABLE payments ADD COLUMN answer_file_id BIGINT;
ALTER TABLE payments ADD COLUMN statement_file_id BIGINT;
ALTER TABLE result_files ADD COLUMN booked BIGINT NOT NULL DEFAULT 0;
UPDATE payments SET answer_file_id = (SELECT min(r.result_file_id) FROM payment_results r
    WHERE r.payment_id = payments.id AND r.outcome IN ('posted', 'voided', 'settled'))
    WHERE state IN ('paid', 'rejected');
UPDATE payments SET statement_file_id = (SELECT min(r.result_file_id) FROM payment_results r
    WHERE r.payment_id = payments.id AND r.outcome = 'settled')
    WHERE settled_at IS NOT NULL;
UPDATE result_files SET booked = (SELECT COALESCE(sum(r.amount), 0) FROM payment_results r
    WHERE r.result_file_id = result_files.id AND r.outcome = 'settled');
DELETE FROM payment_results WHERE outcome IN ('posted', 'voided', 'settled');

-- +goose Down
ALTER TABLE result_files DROP COLUMN booked;
ALTER TABLE payments DROP COLUMN statement_file_id;
ALTER TABLE payments DROP COLUMN answer_file_id;
