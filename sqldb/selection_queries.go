package sqldb

// selectionQueries are the statements of commitments, the applicant
// stream, recorded draws and participants, in a dialect's placeholder
// syntax. Like waveQueries they are built once per dialect at start-up.
// The multi-row statements of a draw are built per batch size instead (see
// selection_batch.go).
type selectionQueries struct {
	selectionState, selectionStateLocked, commit string
	applicants, markSelected, markNotSelected    string
	nextCardSeq, participant, waveParticipants   string
}

const (
	sqlSelectionState = `SELECT id, closes_at, commitment, committed_at, seed, snapshot_sha256,
	manifest_sha256, selected_at FROM waves WHERE id = ?`
	sqlCommitSelection = `UPDATE waves SET commitment = ?, committed_at = ? WHERE id = ? AND commitment IS NULL`
	// sqlSelectionApplicants reads one page of a wave's joins with what the
	// snapshot needs; keyset paging on the primary key keeps every page an
	// index range, however far into two million joins it is. A withdrawn
	// registration (UU PDP withdrawal answered) is no applicant.
	sqlSelectionApplicants = `SELECT j.registration_id, j.region, r.status, r.reasons, r.nik_idx,
	r.kk_idx, r.phone_ct, COALESCE(j.outcome, '') FROM wave_joins j JOIN registrations r ON r.id = j.registration_id
	WHERE j.wave_id = ? AND j.registration_id > ? AND r.withdrawn_at IS NULL ORDER BY j.registration_id LIMIT ?`
	sqlMarkSelected = `UPDATE waves SET seed = ?, snapshot_sha256 = ?, manifest_sha256 = ?, selected_at = ?
	WHERE id = ? AND selected_at IS NULL`
	sqlMarkNotSelected = `UPDATE wave_joins SET outcome = 'not_selected' WHERE wave_id = ?`
	sqlNextCardSeq     = `SELECT COALESCE(MAX(card_seq) + 1, 0) FROM participants`
	sqlParticipant     = `SELECT registration_id, wave_id, card_seq, card_number, va_number, created_at,
	revoked_at, revoked_reason FROM participants WHERE registration_id = ?`
	// sqlWaveParticipants pages through a wave's participants by
	// registration (keyset on the primary key).
	sqlWaveParticipants = `SELECT registration_id, wave_id, card_seq, card_number, va_number, created_at,
	revoked_at, revoked_reason FROM participants WHERE wave_id = ? AND registration_id > ?
	ORDER BY registration_id LIMIT ?`
)

// selectionQueriesOf holds the sets by dialect name.
var selectionQueriesOf = map[string]*selectionQueries{
	SQLite.name:     newSelectionQueries(SQLite),
	PostgreSQL.name: newSelectionQueries(PostgreSQL),
}

func newSelectionQueries(d Dialect) *selectionQueries {
	r := d.rebind
	return &selectionQueries{
		selectionState:       r(sqlSelectionState),
		selectionStateLocked: r(sqlSelectionState + d.forUpdate),
		commit:               r(sqlCommitSelection),
		applicants:           r(sqlSelectionApplicants),
		markSelected:         r(sqlMarkSelected),
		markNotSelected:      r(sqlMarkNotSelected),
		nextCardSeq:          r(sqlNextCardSeq),
		participant:          r(sqlParticipant),
		waveParticipants:     r(sqlWaveParticipants),
	}
}

// selq returns the selection statements of the store's dialect.
func (s *Store) selq() *selectionQueries { return selectionQueriesOf[s.dialect.name] }
