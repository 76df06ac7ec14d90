package sqldb

// waveQueries are the statements of waves, joins and test results, in a
// dialect's placeholder syntax. They are kept apart from queries so the
// wave feature stays in its own files; both dialects' sets are built once,
// at start-up.
type waveQueries struct {
	insertWave, wave, waves, allWaves, closeWave     string
	registrationForJoin, existingJoin, otherOpenJoin string
	insertJoin, joinsOf, joinCounts                  string
	upsertTestResult, testResult, passedTest         string
}

// waveQueriesOf holds the prepared sets by dialect name.
var waveQueriesOf = map[string]*waveQueries{
	SQLite.name:     newWaveQueries(SQLite),
	PostgreSQL.name: newWaveQueries(PostgreSQL),
}

func newWaveQueries(d Dialect) *waveQueries {
	r := d.rebind
	return &waveQueries{
		insertWave:          r(sqlInsertWave),
		wave:                r(sqlWave),
		waves:               r(sqlWaves),
		allWaves:            r(sqlAllWaves),
		closeWave:           r(sqlCloseWave),
		registrationForJoin: r(sqlRegistrationForJoin + d.forUpdate),
		existingJoin:        r(sqlExistingJoin),
		otherOpenJoin:       r(sqlOtherOpenJoin),
		insertJoin:          r(sqlInsertJoin),
		joinsOf:             r(sqlJoinsOf),
		joinCounts:          r(sqlJoinCounts),
		upsertTestResult:    r(sqlUpsertTestResult),
		testResult:          r(sqlTestResult),
		passedTest:          r(sqlPassedTest),
	}
}

// wq returns the wave statements of the store's dialect.
func (s *Store) wq() *waveQueries { return waveQueriesOf[s.dialect.name] }
