package sqldb

// testAttemptColumns are read by scanTestAttempt, in this order.
const testAttemptColumns = `id, registration_id, attempt_no, bank, bank_version, doc, started_at, deadline,
	finished_at, score, passed`

const (
	sqlRegistrationForAttempt = `SELECT id FROM registrations WHERE id = ?`
	// sqlOpenAttempts counts attempts still open at now: not scored and
	// the deadline not passed (an answer at the deadline counts).
	sqlOpenAttempts = `SELECT count(*) FROM test_attempts
	WHERE registration_id = ? AND finished_at IS NULL AND deadline >= ?`
	// sqlInsertAttempt answers no row when the attempt number is taken,
	// so a concurrent start is told apart from a broken database.
	sqlInsertAttempt = `INSERT INTO test_attempts (registration_id, attempt_no, bank, bank_version, doc,
	started_at, deadline) VALUES (?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (registration_id, attempt_no) DO NOTHING RETURNING id`
	sqlTestAttempt  = `SELECT ` + testAttemptColumns + ` FROM test_attempts WHERE id = ?`
	sqlTestAttempts = `SELECT ` + testAttemptColumns + ` FROM test_attempts
	WHERE registration_id = ? ORDER BY attempt_no LIMIT ?`
	sqlFinishAttempt = `UPDATE test_attempts SET finished_at = ?, score = ?, passed = ? WHERE id = ?`
)

// testAttemptQueries are the online-test attempt statements in a dialect's
// placeholder syntax, kept apart like waveQueries.
type testAttemptQueries struct {
	registrationForAttempt, openAttempts, insertAttempt string
	testAttempt, testAttemptForUpdate, testAttempts     string
	finishAttempt                                       string
}

// testAttemptQueriesOf holds the prepared sets by dialect name.
var testAttemptQueriesOf = map[string]*testAttemptQueries{
	SQLite.name:     newTestAttemptQueries(SQLite),
	PostgreSQL.name: newTestAttemptQueries(PostgreSQL),
}

func newTestAttemptQueries(d Dialect) *testAttemptQueries {
	r := d.rebind
	return &testAttemptQueries{
		registrationForAttempt: r(sqlRegistrationForAttempt + d.forUpdate),
		openAttempts:           r(sqlOpenAttempts),
		insertAttempt:          r(sqlInsertAttempt),
		testAttempt:            r(sqlTestAttempt),
		testAttemptForUpdate:   r(sqlTestAttempt + d.forUpdate),
		testAttempts:           r(sqlTestAttempts),
		finishAttempt:          r(sqlFinishAttempt),
	}
}

// tq returns the test-attempt statements of the store's dialect.
func (s *Store) tq() *testAttemptQueries { return testAttemptQueriesOf[s.dialect.name] }
